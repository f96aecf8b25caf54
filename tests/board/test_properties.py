"""Properties that must hold for any sequence of commands, found by hypothesis."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from board import (
    Actor,
    Board,
    BoardError,
    Category,
    Command,
    Event,
    Group,
    Role,
    Stage,
    apply,
    decide,
    fold,
    project_event,
    project_state,
)
from board.room import BoardUpdated, CreateBoard, JoinBoard, SetStage, StageSet
from board.statements import AddStatements, SetCardVisibility, WriteStatement
from board.suggestions import AcceptSuggestion, SetThemingMode, SuggestMove
from board.tally import DISPLAY_GROUPS, POOLED
from board.theming import (
    CreateTheme,
    DeleteTheme,
    MergeThemes,
    MoveStatement,
    SplitTheme,
    StatementMoved,
)
from board.values import NewStatement
from board.voting import (
    CloseRound,
    DotPlaced,
    DotRemoved,
    OpenRound,
    RevealRound,
    RoundClosed,
    Unvote,
    Vote,
)
from tests.board.conftest import strings, the

FACILITATOR = Actor(role=Role.FACILITATOR)
WALL = Actor(role=Role.WALL)
ANYONE = Actor(role=Role.PARTICIPANT)
PEOPLE = ("p1", "p2", "p3")
CARD_TEXTS = ("Card 1", "Card 2", "Card 3", "Card 4", "Card 5")
# An id no board gives out: ids count from 1.
NEVER = "s0"
SETTINGS = settings(max_examples=200, deadline=None)

# A step: a command, or a function of the board so far that makes one (to name what an
# earlier step made), and who sends it.
Play = tuple[Command | Callable[[Board], Command], Actor]


def _played(steps: list[Play]) -> tuple[list[Event], Board]:
    """The events `steps` make one after another on a new board, and the board after them."""
    events: list[Event] = []
    state = Board(id="b1")
    for command, actor in steps:
        made = command(state) if callable(command) else command
        for event in decide(state, made, actor):
            state = apply(state, event)
            events.append(event)
    return events, state


def _base() -> tuple[list[Event], Board]:
    """Cards 1–5, people p1–p3 (patient, carer, professional), a blind round open on Cards 1–4."""
    statements = tuple(NewStatement(category=Category.NOT_WORKING, text=t) for t in CARD_TEXTS)
    people = (Group.PATIENT, Group.CARER, Group.PROFESSIONAL)
    return _played(
        [
            (CreateBoard(board_id="b1", title="COPD", join_code="j1"), FACILITATOR),
            (AddStatements(statements=statements), FACILITATOR),
            *(
                (JoinBoard(participant_id=pid, group=group), FACILITATOR)
                for pid, group in zip(PEOPLE, people, strict=True)
            ),
            (SetStage(stage=Stage.PRIORITISE), FACILITATOR),
            (
                lambda board: OpenRound(
                    items=tuple(the(board, text) for text in CARD_TEXTS[:4]),
                    dots_per_person=3,
                    max_per_item=2,
                    blind=True,
                ),
                FACILITATOR,
            ),
        ]
    )


BASE_LOG, BASE = _base()
ITEMS = tuple(the(BASE, text) for text in CARD_TEXTS)

# Who sends a vote: mostly a participant; sometimes a stranger, the wall, or a
# facilitator recording a dot (for someone, or forgetting to say for whom).
PARTICIPANTS = [(Actor(role=Role.PARTICIPANT, participant_id=p), None) for p in PEOPLE]
VOTERS = st.sampled_from(
    [
        *PARTICIPANTS * 4,
        (Actor(role=Role.PARTICIPANT, participant_id="p9"), None),
        (WALL, None),
        *((FACILITATOR, p) for p in PEOPLE),
        (FACILITATOR, None),
    ]
)
ITEM = st.sampled_from((*ITEMS, *ITEMS, NEVER))
WHICH_ROUND = st.sampled_from(("latest",) * 9 + ("r99",))

KINDS: dict[str, st.SearchStrategy[tuple[Any, ...]]] = {
    "vote": st.tuples(st.just("vote"), VOTERS, ITEM, WHICH_ROUND),
    "unvote": st.tuples(st.just("unvote"), VOTERS, ITEM, WHICH_ROUND),
    "close": st.tuples(st.just("close"), WHICH_ROUND),
    "reveal": st.tuples(st.just("reveal"), WHICH_ROUND),
    "open": st.tuples(
        st.just("open"),
        st.one_of(
            st.lists(st.sampled_from(ITEMS), min_size=1, max_size=5, unique=True),
            st.lists(ITEM, min_size=1, max_size=4),
        ),
        st.integers(1, 5),
        st.integers(1, 5),
        st.booleans(),
    ),
}
# Votes are most of the traffic; rounds close, reveal and open now and then.
OPS = st.sampled_from(["vote"] * 12 + ["unvote"] * 5 + ["close", "reveal", "open"]).flatmap(
    KINDS.__getitem__
)


def _round_id(state: Board, which: str) -> str:
    if which == "latest" and state.rounds:
        return list(state.rounds)[-1]
    return "r99"


def _command(state: Board, op: tuple[Any, ...]) -> tuple[Command, Actor]:
    match op:
        case ("vote" | "unvote", (actor, for_participant), item, which):
            kind = Vote if op[0] == "vote" else Unvote
            command = kind(
                round_id=_round_id(state, which), item=item, for_participant=for_participant
            )
            return command, actor
        case ("close", which):
            return CloseRound(round_id=_round_id(state, which)), FACILITATOR
        case ("reveal", which):
            return RevealRound(round_id=_round_id(state, which)), FACILITATOR
        case ("open", items, dots, most, blind):
            opened = OpenRound(
                items=tuple(items), dots_per_person=dots, max_per_item=most, blind=blind
            )
            return opened, FACILITATOR
    raise AssertionError(op)


def _run(
    ops: list[tuple[Any, ...]],
) -> Iterator[tuple[Board, Command, Actor, list[Event] | BoardError]]:
    """Each step: the state before, the command, and its events or the refusal."""
    state = BASE
    for op in ops:
        command, actor = _command(state, op)
        try:
            events = decide(state, command, actor)
        except BoardError as error:
            yield state, command, actor, error
            continue
        yield state, command, actor, events
        for event in events:
            state = apply(state, event)


def _log(ops: list[tuple[Any, ...]]) -> tuple[list[Event], Board]:
    events: list[Event] = []
    state = BASE
    for _, _, _, outcome in _run(ops):
        if isinstance(outcome, list):
            for event in outcome:
                state = apply(state, event)
            events += outcome
    return events, state


def _check_budgets(state: Board) -> None:
    for found in state.rounds.values():
        assert found.max_per_item <= found.dots_per_person
        for mine in found.dots.values():
            assert sum(mine.values()) <= found.dots_per_person
            assert all(1 <= count <= found.max_per_item for count in mine.values())
    assert sum(found.status == "open" for found in state.rounds.values()) <= 1


@SETTINGS
@given(st.lists(OPS, min_size=5, max_size=60))
def test_folding_the_same_events_twice_gives_equal_boards(ops: list[tuple[Any, ...]]) -> None:
    events, state = _log(ops)
    assert fold(events, BASE) == fold(events, BASE) == state
    assert fold(BASE_LOG + events, board_id="b1") == state


@SETTINGS
@given(st.lists(OPS, min_size=5, max_size=60))
def test_no_one_ever_has_more_dots_than_the_round_allows(ops: list[tuple[Any, ...]]) -> None:
    state = BASE
    for _, _, _, outcome in _run(ops):
        if isinstance(outcome, list):
            for event in outcome:
                state = apply(state, event)
            _check_budgets(state)


@SETTINGS
@given(st.lists(OPS, min_size=5, max_size=60))
def test_a_refused_command_changes_nothing(ops: list[tuple[Any, ...]]) -> None:
    for before, command, actor, outcome in _run(ops):
        if isinstance(outcome, BoardError):
            snapshot = before.model_dump()
            try:
                events = decide(before, command, actor)
            except BoardError as again:
                assert (again.code, again.message) == (outcome.code, outcome.message)
            else:
                raise AssertionError(f"refused once, then allowed: {events}")
            assert before.model_dump() == snapshot
            assert outcome.message.endswith(".") and len(outcome.message.split()) < 20


@SETTINGS
@given(
    st.lists(OPS, max_size=30),
    st.integers(min_value=1, max_value=10_000),
    st.sampled_from(("board_updated", "stage_set", "dot_placed", "round_closed")),
)
def test_apply_refuses_an_event_that_does_not_come_next(
    ops: list[tuple[Any, ...]], seq: int, kind: str
) -> None:
    _, state = _log(ops)
    if seq == state.seq + 1:
        seq = state.seq + 2
    event: Event
    match kind:
        case "board_updated":
            event = BoardUpdated(seq=seq, title="x", purpose="")
        case "stage_set":
            event = StageSet(seq=seq, stage=Stage.PLAN, previous=state.stage)
        case "dot_placed":
            event = DotPlaced(
                seq=seq, round_id=_round_id(state, "latest"), item=ITEMS[0], participant_id="p1"
            )
        case _:
            event = RoundClosed(seq=seq, round_id=_round_id(state, "latest"))
    snapshot = state.model_dump()
    try:
        apply(state, event)
    except BoardError as error:
        assert error.code == "event_out_of_order"
    else:
        raise AssertionError(f"applied event {seq} after {state.seq}")
    assert state.model_dump() == snapshot


def _dicts(value: object) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for inner in value.values():
            yield from _dicts(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _dicts(inner)


def _check_secrets(shown: dict[str, Any], after: Board, is_dot_event: bool) -> None:
    for found in _dicts(shown):
        assert "participant_id" not in found
        assert "dots" not in found
        if "voters" in found:  # a round, or a dot event's progress
            round_id = found.get("round_id", found.get("id"))
            assert isinstance(round_id, str)
            visible = after.rounds[round_id]
            if "totals" in found:
                assert not visible.blind or visible.status == "revealed"
            # The split by group waits for the reveal, live round or not.
            assert "by_group" not in found or visible.status == "revealed"
        else:
            assert "totals" not in found
    if is_dot_event:
        round_id = shown["round_id"]
        hidden = after.rounds[round_id].blind and after.rounds[round_id].status != "revealed"
        assert not (hidden and any("totals" in found for found in _dicts(shown)))


VIEWERS = (
    FACILITATOR,
    WALL,
    ANYONE,
    *(Actor(role=Role.PARTICIPANT, participant_id=p) for p in PEOPLE),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(OPS, min_size=5, max_size=40))
def test_projections_never_say_who_voted_for_what(ops: list[tuple[Any, ...]]) -> None:
    state = BASE
    for _, _, _, outcome in _run(ops):
        if not isinstance(outcome, list):
            continue
        for event in outcome:
            state = apply(state, event)
            is_dot = isinstance(event, DotPlaced | DotRemoved)
            for viewer in VIEWERS:
                _check_secrets(project_event(event, state, viewer), state, is_dot)
            if is_dot:
                # Only the voter's own copy may carry their dots, and no copy names anyone.
                for viewer in (FACILITATOR, WALL, ANYONE):
                    shown = project_event(event, state, viewer)
                    assert "mine" not in shown
                    assert not set(PEOPLE) & set(strings(shown))
    for viewer in VIEWERS:
        _check_secrets(project_state(state, viewer), state, False)


# --- theming: cards only ever sit in an existing theme of their own category --------

THEMING_PEOPLE = {
    "facilitator": FACILITATOR,
    "p1": Actor(role=Role.PARTICIPANT, participant_id="p1"),
    "p2": Actor(role=Role.PARTICIPANT, participant_id="p2"),
    "stranger": Actor(role=Role.PARTICIPANT, participant_id="p9"),
    "anyone": ANYONE,
    "wall": WALL,
}


def _theming_base() -> tuple[list[Event], Board]:
    """At theme: n0–n3 not working, w0–w1 working, f0 future, p2's hidden future card "hidden";
    two themes "not working", one "working", one "future"; p1 suggests n0 for the first "not
    working" theme, p2 w0 for the "working" one."""

    def new(category: Category, text: str) -> NewStatement:
        return NewStatement(category=category, text=text)

    def first_theme(state: Board, category: Category) -> str:
        return next(t.id for t in state.themes.values() if t.category == category)

    steps: list[Play] = [
        (CreateBoard(board_id="b1", title="COPD", join_code="j1"), FACILITATOR),
        (
            AddStatements(
                statements=(
                    *(new(Category.NOT_WORKING, f"n{n}") for n in range(4)),
                    *(new(Category.WORKING, f"w{n}") for n in range(2)),
                    new(Category.FUTURE, "f0"),
                )
            ),
            FACILITATOR,
        ),
        (JoinBoard(participant_id="p1", group=Group.PATIENT), FACILITATOR),
        (JoinBoard(participant_id="p2", group=Group.CARER), FACILITATOR),
        (SetStage(stage=Stage.COLLECT), FACILITATOR),
        (SetCardVisibility(hide_new=True), FACILITATOR),
        (WriteStatement(category=Category.FUTURE, text="hidden"), THEMING_PEOPLE["p2"]),
        (SetStage(stage=Stage.THEME), FACILITATOR),
        *(
            (CreateTheme(category=category, title=category.value), FACILITATOR)
            for category in (
                Category.NOT_WORKING,
                Category.NOT_WORKING,
                Category.WORKING,
                Category.FUTURE,
            )
        ),
        (SetThemingMode(mode="facilitators"), FACILITATOR),
        (
            lambda board: SuggestMove(
                statement_id=the(board, "n0"), theme_id=first_theme(board, Category.NOT_WORKING)
            ),
            THEMING_PEOPLE["p1"],
        ),
        (
            lambda board: SuggestMove(
                statement_id=the(board, "w0"), theme_id=first_theme(board, Category.WORKING)
            ),
            THEMING_PEOPLE["p2"],
        ),
        (SetThemingMode(mode="everyone"), FACILITATOR),
    ]
    return _played(steps)


THEMING_LOG, THEMING = _theming_base()
HIDDEN_CARD = the(THEMING, "hidden")
CARDS = (*THEMING.statements, "s99")

WHO = st.sampled_from(
    ["facilitator"] * 4 + ["p1"] * 3 + ["p2"] * 2 + ["stranger", "anyone", "wall"]
)
# Merging, splitting and the like are mostly tried by those allowed to.
BOSS = st.sampled_from(["facilitator"] * 6 + ["p1", "wall"])
# A theme by position among the themes there now; -1 names a theme that never was.
WHICH_THEME = st.integers(min_value=-1, max_value=20)
# Where a card goes: mostly a theme of its own category, sometimes none.
WHERE = st.tuples(
    st.integers(min_value=-4, max_value=20).map(lambda n: None if n < -1 else n),
    st.sampled_from((True, True, True, False)),
)
CARD = st.sampled_from(CARDS)
PICK = st.one_of(st.integers(0, 9), st.integers(0, 9), st.integers(0, 9), CARD)

THEMING_KINDS: dict[str, st.SearchStrategy[tuple[Any, ...]]] = {
    "move": st.tuples(st.just("move"), WHO, CARD, WHERE),
    "suggest": st.tuples(st.just("suggest"), WHO, CARD, WHERE),
    "accept": st.tuples(st.just("accept"), BOSS, st.integers(0, 5)),
    "merge": st.tuples(st.just("merge"), BOSS, WHICH_THEME, WHERE),
    "delete": st.tuples(st.just("delete"), BOSS, WHICH_THEME),
    "split": st.tuples(st.just("split"), BOSS, WHICH_THEME, st.lists(PICK, min_size=1, max_size=3)),
    "create": st.tuples(st.just("create"), WHO, st.sampled_from(list(Category))),
    "mode": st.tuples(st.just("mode"), BOSS, st.sampled_from(("everyone", "facilitators"))),
    "stage": st.tuples(st.just("stage"), st.sampled_from((Stage.THEME,) * 3 + (Stage.PRIORITISE,))),
}
THEMING_OPS = st.sampled_from(
    ["move"] * 8
    + ["suggest"] * 3
    + ["accept"] * 2
    + ["merge"] * 2
    + ["split"] * 2
    + ["delete", "create", "create", "mode", "mode", "stage"]
).flatmap(THEMING_KINDS.__getitem__)


def _theme_id(state: Board, which: int | None, like: str | None = None) -> str | None:
    """The theme at position `which`, among those of the category of `like` when given."""
    if which is None:
        return None
    category = state.statements[like].category if like in state.statements else None
    if like in state.themes:
        category = state.themes[like].category
    themes = [t.id for t in state.themes.values() if category in (None, t.category)]
    if which < 0 or not themes:
        return "t99"
    return themes[which % len(themes)]


def _where(state: Board, where: tuple[int | None, bool], like: str) -> str | None:
    which, same_category = where
    return _theme_id(state, which, like if same_category else None)


def _theming_command(state: Board, op: tuple[Any, ...]) -> tuple[Command, Actor]:
    match op:
        case ("move", who, card, where):
            move = MoveStatement(statement_id=card, theme_id=_where(state, where, card))
            return move, THEMING_PEOPLE[who]
        case ("suggest", who, card, where):
            suggest = SuggestMove(statement_id=card, theme_id=_where(state, where, card))
            return suggest, THEMING_PEOPLE[who]
        case ("accept", who, which):
            pending = list(state.suggestions) or ["m99"]
            accept = AcceptSuggestion(suggestion_id=pending[which % len(pending)])
            return accept, THEMING_PEOPLE[who]
        case ("merge", who, which, where):
            theme_id = _theme_id(state, which) or "t99"
            into_id = _where(state, where, theme_id) or "t99"
            return MergeThemes(theme_id=theme_id, into_id=into_id), THEMING_PEOPLE[who]
        case ("delete", who, which):
            return DeleteTheme(theme_id=_theme_id(state, which) or "t99"), THEMING_PEOPLE[who]
        case ("split", who, which, picks):
            # Mostly a theme with cards in it: splitting an empty one is rarely tried.
            full = sorted({s.theme_id for s in state.statements.values() if s.theme_id})
            theme_id = full[which % len(full)] if full and which >= 0 else "t99"
            inside = [s.id for s in state.statements.values() if s.theme_id == theme_id]
            chosen = tuple(
                (inside[pick % len(inside)] if inside else CARDS[0])
                if isinstance(pick, int)
                else pick
                for pick in picks
            )
            split = SplitTheme(theme_id=theme_id, statements=chosen, title="Part")
            return split, THEMING_PEOPLE[who]
        case ("create", who, category):
            return CreateTheme(category=category, title="New"), THEMING_PEOPLE[who]
        case ("mode", who, mode):
            return SetThemingMode(mode=mode), THEMING_PEOPLE[who]
        case ("stage", stage):
            return SetStage(stage=stage), FACILITATOR
    raise AssertionError(op)


def _check_themes(state: Board) -> None:
    for statement in state.statements.values():
        if statement.theme_id is not None:
            theme = state.themes.get(statement.theme_id)
            assert theme is not None, f"{statement.id} sits in a theme that is gone"
            assert theme.category == statement.category, f"{statement.id} is in the wrong theme"


@SETTINGS
@given(st.lists(THEMING_OPS, min_size=5, max_size=60))
def test_cards_only_ever_sit_in_an_existing_theme_of_their_category(
    ops: list[tuple[Any, ...]],
) -> None:
    state = THEMING
    log: list[Event] = []
    for op in ops:
        command, actor = _theming_command(state, op)
        snapshot = state.model_dump()
        try:
            events = decide(state, command, actor)
        except BoardError as error:
            # Refused: the board is untouched, and asking again gets the same answer.
            assert state.model_dump() == snapshot
            with pytest.raises(BoardError) as again:
                decide(state, command, actor)
            assert (again.value.code, again.value.message) == (error.code, error.message)
            assert error.message.endswith(".") and len(error.message.split()) < 20
            continue
        assert state.model_dump() == snapshot
        for event in events:
            state = apply(state, event)
        _check_themes(state)
        if actor.role == Role.PARTICIPANT and actor.participant_id != "p2":
            # Nobody moves a card they cannot see.
            assert not any(
                isinstance(e, StatementMoved) and e.statement_id == HIDDEN_CARD for e in events
            )
        log += events
    assert fold(log, THEMING) == state
    assert fold(THEMING_LOG + log, board_id="b1") == state


# --- the split by group: adds up, and never shows a group smaller than three ----------

ROOM = st.lists(
    st.tuples(
        st.sampled_from(list(Group)),
        st.lists(st.sampled_from(("a", "b", "c")), min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=14,
)


def _revealed_room(room: list[tuple[Group, list[str]]]) -> Board:
    """Cards "a", "b" and "c" in one round; each of `room` joins and votes by card; revealed."""
    statements = tuple(NewStatement(category=Category.NOT_WORKING, text=t) for t in "abc")

    def vote(board: Board, text: str) -> Vote:
        return Vote(round_id=the(board, "Dot vote"), item=the(board, text))

    def round_of(board: Board) -> str:
        return the(board, "Dot vote")

    commands: list[Play] = [
        (CreateBoard(board_id="b1", title="COPD", join_code="j1"), FACILITATOR),
        (AddStatements(statements=statements), FACILITATOR),
        (SetStage(stage=Stage.PRIORITISE), FACILITATOR),
        (
            lambda board: OpenRound(
                items=tuple(the(board, t) for t in "abc"), dots_per_person=3, max_per_item=3
            ),
            FACILITATOR,
        ),
    ]
    for n, (group, items) in enumerate(room):
        commands.append((JoinBoard(participant_id=f"v{n}", group=group), FACILITATOR))
        voter = Actor(role=Role.PARTICIPANT, participant_id=f"v{n}")
        commands += [(lambda board, text=text: vote(board, text), voter) for text in items]
    commands += [
        (lambda board: CloseRound(round_id=round_of(board)), FACILITATOR),
        (lambda board: RevealRound(round_id=round_of(board)), FACILITATOR),
    ]
    return _played(commands)[1]


@settings(max_examples=150, deadline=None)
@given(ROOM)
def test_the_split_by_group_adds_up_and_singles_no_one_out(
    room: list[tuple[Group, list[str]]],
) -> None:
    state = _revealed_room(room)
    [shown] = project_state(state, WALL)["rounds"]
    split: dict[str, dict[str, int]] = shown["by_group"]
    assert {item: sum(groups.values()) for item, groups in split.items()} == shown["totals"]
    voters_in = Counter(DISPLAY_GROUPS[group] for group, _ in room)
    buckets = {label for groups in split.values() for label in groups}
    named = buckets - {POOLED}
    for label in named:
        assert voters_in[label] >= 3, f"{label} shown with {voters_in[label]} voters"
    pooled = len(room) - sum(voters_in[label] for label in named)
    if POOLED in buckets:
        assert pooled >= 3 or buckets == {POOLED}
    else:
        assert pooled == 0
