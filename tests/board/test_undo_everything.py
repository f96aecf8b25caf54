"""Every command a facilitator can give is undone, with a preview in words, or is listed as
not undoable with the reason a facilitator is told.

Each command is tried as the access table in tests/board/test_policy.py tries it, by a
facilitator at a stage where they may send it; then every event it made is undone, newest
first, each after a preview, and the board must be as it was.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from board import (
    POLICY,
    UNDOABLE,
    Board,
    BoardError,
    Command,
    Event,
    Role,
    Stage,
    apply,
    decide,
    preview_undo,
)
from board.causes import AddCause
from board.reversals import NOT_UNDOABLE
from board.room import SetStage
from board.stages import ORDER
from board.theming import CreateTheme, MoveStatement, UpdateTheme
from board.undo import Undo
from board.values import Category
from tests.board.conftest import FACILITATOR, P1, step, the
from tests.board.test_policy import DAY_ONE, DAY_TWO, Given, _given

FACILITATORS_SEND = sorted(
    name for name, access in POLICY.items() if access.facilitator and not access.internal
)


def _tried(name: str, prepared: Board, planned: Board) -> tuple[Board, list[Event]]:
    when = POLICY[name].facilitator
    assert when is not None
    table = DAY_ONE if name in DAY_ONE else DAY_TWO
    home = prepared if table is DAY_ONE else planned
    stage = next(s for s in ORDER if s in when.stages) if when.stages else home.stage
    given: Given
    given, build, _ = _given(name, Role.FACILITATOR, stage, "everyone", prepared, planned)
    return given.state, decide(given.state, build(given), FACILITATOR)


def _without_bookkeeping(after: Board, before: Board) -> Board:
    return after.model_copy(
        update={"seq": before.seq, "next_id": before.next_id, "undone": before.undone}
    )


def test_every_facilitator_command_is_undoable_or_says_why_not() -> None:
    listed = set(NOT_UNDOABLE)
    assert listed <= set(FACILITATORS_SEND)
    assert all(reason.endswith(".") and len(reason) > 20 for reason in NOT_UNDOABLE.values())
    # Kept short, and grown only on purpose: the clock, cards people have seen, a vote
    # people may be in, a person, what was recorded for someone (theirs to change), an undo.
    assert listed == {
        *("start_timer", "extend_timer", "pause_timer", "resume_timer", "stop_timer"),
        *("add_statements", "add_review", "reveal_cards", "open_round", "add_person"),
        *("write_statement", "vote", "unvote", "rate_idea", "give_feedback"),
        "undo",
        # Theming together and the wall's pages (new): changed again with their own buttons.
        *("show_on_wall", "page_wall", "start_dealing", "stop_dealing", "accept_placements"),
    }


@pytest.mark.parametrize("name", [n for n in FACILITATORS_SEND if n not in NOT_UNDOABLE])
def test_each_undoable_command_is_put_back_exactly(
    name: str,
    prepared: Board,
    planned: Board,
) -> None:
    before, events = _tried(name, prepared, planned)
    state = before
    for event in events:
        state = apply(state, event)
    for event in reversed(events):
        assert event.type in UNDOABLE, f"{name} makes {event.type}, which no undo reverses"
        undo = Undo(seq=event.seq, target=event)
        said = preview_undo(state, undo, FACILITATOR)
        assert said.endswith(".") and len(said) > 10, said
        for made in decide(state, undo, FACILITATOR):
            state = apply(state, made)
    assert _without_bookkeeping(state, before) == before


@pytest.mark.parametrize("name", sorted(set(NOT_UNDOABLE) - {"undo"}))
def test_what_is_listed_as_not_undoable_makes_nothing_an_undo_reverses(
    name: str,
    prepared: Board,
    planned: Board,
) -> None:
    _, events = _tried(name, prepared, planned)
    assert not {e.type for e in events} & UNDOABLE


@pytest.mark.parametrize(
    "make_command",
    [
        lambda s: MoveStatement(
            statement_id=the(s, "Statement 3"), theme_id=the(s, "Appointments")
        ),
        lambda s: CreateTheme(category=Category.NOT_WORKING, title="Phones"),
        lambda s: UpdateTheme(theme_id=the(s, "Appointments"), title="Booking"),
        lambda s: AddCause(theme_id=the(s, "Appointments"), text="Lines jammed"),
    ],
)
def test_what_a_participant_did_is_theirs_and_is_not_undone(
    understanding: Board, make_command: Callable[[Board], Command]
) -> None:
    state = understanding  # at "Understand"
    command = make_command(state)
    if not isinstance(command, AddCause):
        state = step(state, SetStage(stage=Stage.THEME), FACILITATOR)
    events = decide(state, command, P1)
    for event in events:
        state = apply(state, event)
    with pytest.raises(BoardError) as caught:
        preview_undo(state, Undo(seq=events[-1].seq, target=events[-1]), FACILITATOR)
    assert caught.value.message == "Only what a facilitator did can be undone."
