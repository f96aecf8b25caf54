"""The cause tree holds together whatever the room adds, merges, removes and undoes."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from board import Board, BoardError, Category, Command, Event, Stage, apply, decide, fold
from board.causes import AddCause, MergeCauses
from board.edits import DeleteItem
from board.room import CreateBoard, SetStage
from board.statements import AddStatements
from board.theming import CreateTheme, DeleteTheme, MergeThemes
from board.undo import Undo
from board.values import NewStatement
from tests.board.conftest import FACILITATOR, the


def _base() -> tuple[Board, list[Event]]:
    """Statement "x"; themes "A" and "B" (same question); at "understand"."""
    commands: list[Command] = [
        CreateBoard(board_id="b1", title="COPD", join_code="j1"),
        AddStatements(statements=(NewStatement(category=Category.NOT_WORKING, text="x"),)),
        CreateTheme(category=Category.NOT_WORKING, title="A"),
        CreateTheme(category=Category.NOT_WORKING, title="B"),
        SetStage(stage=Stage.UNDERSTAND),
    ]
    state, log = Board(id="b1"), []
    for command in commands:
        for event in decide(state, command, FACILITATOR):
            state = apply(state, event)
            log.append(event)
    return state, log


BASE, BASE_LOG = _base()
THEME_A, THEME_B = the(BASE, "A"), the(BASE, "B")
PICK = st.integers(0, 12)
ADD = st.tuples(
    st.just("add"), st.sampled_from((THEME_A, THEME_A, THEME_B)), st.one_of(st.none(), PICK)
)
MERGE = st.tuples(st.just("merge"), PICK, PICK)
OPS = st.one_of(
    ADD,
    ADD,
    MERGE,
    MERGE,
    st.tuples(st.just("delete"), PICK),
    st.tuples(st.just("undo"), PICK),
    st.tuples(st.just("undo"), PICK),
    st.tuples(st.just("theme"), st.sampled_from(("delete", "merge"))),
)
# Z ← A ← B ← X, and C; B merged into C, Z merged into X, then the first merge undone:
# bringing B back under A would close a loop A → X → B → A.
LOOP = [
    ("add", THEME_A, None),
    ("add", THEME_A, 0),
    ("add", THEME_A, 1),
    ("add", THEME_A, 2),
    ("add", THEME_A, None),
    ("merge", 2, 4),
    ("merge", 0, 2),
    ("undo", 1),
]
# A ← B, and C; B merged into C, A removed, then the merge undone: B would lose its parent.
ORPHAN = [
    ("add", THEME_A, None),
    ("add", THEME_A, 0),
    ("add", THEME_A, None),
    ("merge", 1, 2),
    ("delete", 0),
    ("undo", 1),
]


def _pick(state: Board, n: int) -> str:
    causes = list(state.causes)
    return causes[n % len(causes)] if causes else "c99"


def _command(state: Board, log: list[Event], op: tuple[Any, ...]) -> Command:
    match op:
        case ("add", theme, parent):
            return AddCause(
                theme_id=theme,
                parent_id=None if parent is None else _pick(state, parent),
                text="why",
            )
        case ("merge", a, b):
            return MergeCauses(cause_id=_pick(state, a), into_id=_pick(state, b))
        case ("delete", a):
            return DeleteItem(item_id=_pick(state, a))
        case ("undo", n):
            # Mostly something undoable, the latest first; now and then anything at all.
            undoable = [e for e in log if e.type in ("causes_merged", "item_deleted")]
            pool = undoable if undoable and n % 5 else log
            target = pool[-1 - n % len(pool)]
            return Undo(seq=target.seq, target=target)
        case ("theme", "delete"):
            return DeleteTheme(theme_id=THEME_B)
        case ("theme", "merge"):
            return MergeThemes(theme_id=THEME_B, into_id=THEME_A)
    raise AssertionError(op)


def _check_tree(state: Board) -> None:
    for cause in state.causes.values():
        assert cause.theme_id in state.themes, f"{cause.id} lost its theme"
        if cause.parent_id is not None:
            parent = state.causes.get(cause.parent_id)
            assert parent is not None, f"{cause.id} lost its parent"
            assert parent.theme_id == cause.theme_id, f"{cause.id} hangs under another theme"
        seen = {cause.id}
        current = cause
        while current.parent_id is not None:
            current = state.causes[current.parent_id]
            assert current.id not in seen, f"{cause.id} is in a loop"
            seen.add(current.id)


@settings(max_examples=200, deadline=None)
@given(st.lists(OPS, min_size=1, max_size=40))
@example(LOOP)
@example(ORPHAN)
def test_the_cause_tree_never_loses_a_parent_or_theme_and_never_loops(
    ops: list[tuple[Any, ...]],
) -> None:
    state, log = BASE, list(BASE_LOG)
    for op in ops:
        try:
            events = decide(state, _command(state, log, op), FACILITATOR)
        except BoardError:
            continue
        for event in events:
            state = apply(state, event)
            log.append(event)
        _check_tree(state)


@settings(max_examples=100, deadline=None)
@given(st.lists(OPS, min_size=1, max_size=30))
def test_replaying_the_log_gives_the_same_board(ops: list[tuple[Any, ...]]) -> None:
    state, log = BASE, list(BASE_LOG)
    for op in ops:
        try:
            events = decide(state, _command(state, log, op), FACILITATOR)
        except BoardError:
            continue
        for event in events:
            state = apply(state, event)
            log.append(event)
    assert fold(log, board_id="b1") == state
