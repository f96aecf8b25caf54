"""Participants' own cards during collect, hidden until the facilitator reveals them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from board import (
    Actor,
    Board,
    BoardError,
    Command,
    Role,
    Stage,
    apply,
    decide,
    project_event,
    project_state,
)
from board.room import SetStage
from board.statements import (
    AddStatements,
    CardsRevealed,
    CardVisibilitySet,
    RevealCards,
    SetCardVisibility,
    StatementsAdded,
    WriteStatement,
)
from board.suggestions import SetThemingMode, SuggestMove
from board.theming import CreateTheme, MoveStatement
from board.values import Category, NewStatement, Statement
from tests.board.conftest import the

Step = Callable[[Board, Command, Actor], Board]

FACILITATOR = Actor(role=Role.FACILITATOR)
WALL = Actor(role=Role.WALL)
ANYONE = Actor(role=Role.PARTICIPANT)
P1 = Actor(role=Role.PARTICIPANT, participant_id="p1")
P2 = Actor(role=Role.PARTICIPANT, participant_id="p2")
WRITE = WriteStatement(category=Category.FUTURE, text=" I want to see the same nurse ")


def refused(state: Board, command: Command, actor: Actor) -> BoardError:
    with pytest.raises(BoardError) as caught:
        decide(state, command, actor)
    return caught.value


def card_of(state: Board, participant_id: str) -> str:
    """The id of the one card `participant_id` wrote."""
    [card] = [s.id for s in state.statements.values() if s.author == participant_id]
    return card


@pytest.fixture
def collecting(collected: Board, run: Step) -> Board:
    return run(collected, SetStage(stage=Stage.COLLECT), FACILITATOR)


@pytest.fixture
def hiding(collecting: Board, run: Step) -> Board:
    """At collect, new cards hidden, and p2 has written a card (`card_of(state, "p2")`)."""
    state = run(collecting, SetCardVisibility(hide_new=True), FACILITATOR)
    return run(state, WRITE, P2)


def test_a_participant_writes_a_card_of_their_own(collecting: Board) -> None:
    assert decide(collecting, WRITE, P1) == [
        StatementsAdded(
            seq=collecting.seq + 1,
            source="participant",
            statements=(
                Statement(
                    id=f"s{collecting.next_id}",
                    category=Category.FUTURE,
                    text="I want to see the same nurse",
                    source="participant",
                    author="p1",
                ),
            ),
        )
    ]


def test_a_written_card_takes_the_next_id(collecting: Board, run: Step) -> None:
    state = run(collecting, WRITE, P1)
    state = run(state, WRITE, P2)
    first = collecting.next_id
    assert [(s.id, s.author) for s in state.statements.values()][-2:] == [
        (f"s{first}", "p1"),
        (f"s{first + 1}", "p2"),
    ]


def test_a_written_card_is_shown_to_everyone_unless_hiding(collecting: Board, run: Step) -> None:
    state = run(collecting, WRITE, P1)
    card = card_of(state, "p1")
    assert state.statements[card].hidden is False
    assert card in [s["id"] for s in project_state(state, WALL)["statements"]]


def test_a_written_card_is_hidden_while_the_facilitator_hides_new_cards(hiding: Board) -> None:
    written = card_of(hiding, "p2")
    assert hiding.statements[written].hidden is True


def test_facilitator_cards_are_never_hidden(hiding: Board, run: Step) -> None:
    new = NewStatement(category=Category.WORKING, text="Pulmonary rehab")
    state = run(hiding, AddStatements(statements=(new,)), FACILITATOR)
    assert state.statements[the(state, "Pulmonary rehab")].hidden is False


def test_hiding_again_does_not_unhide_cards_already_hidden(hiding: Board, run: Step) -> None:
    written = card_of(hiding, "p2")
    state = run(hiding, SetCardVisibility(hide_new=False), FACILITATOR)
    assert (state.hide_new_cards, state.statements[written].hidden) == (False, True)


def test_a_stranger_cannot_write_a_card(collecting: Board) -> None:
    stranger = Actor(role=Role.PARTICIPANT, participant_id="p9")
    assert refused(collecting, WRITE, stranger).code == "unknown_participant"


def test_a_participant_without_an_id_cannot_write_a_card(collecting: Board) -> None:
    assert refused(collecting, WRITE, ANYONE).code == "unknown_participant"


def test_cards_are_written_only_while_collecting(collected: Board) -> None:
    error = refused(collected, WRITE, P1)
    assert (error.code, error.message) == (
        "stage_closed",
        "Writing statements happens at “Collect”. The board is not there now.",
    )


def test_a_facilitator_writes_a_card_only_as_someone_s_own_words(collecting: Board) -> None:
    error = refused(collecting, WRITE, FACILITATOR)
    assert (error.code, error.message) == (
        "choose_person",
        "Choose the person whose words these are, or add it as a statement.",
    )


def test_a_card_written_down_for_someone_is_theirs_and_marked_so(collecting: Board) -> None:
    command = WRITE.model_copy(update={"for_participant": "p2"})
    [event] = decide(collecting, command, FACILITATOR)
    assert isinstance(event, StatementsAdded)
    assert (event.recorded_by_facilitator, event.statements[0].author) == (True, "p2")
    assert event.source == "participant"


def test_a_participant_writes_only_their_own_cards(collecting: Board) -> None:
    command = WRITE.model_copy(update={"for_participant": "p2"})
    assert refused(collecting, command, P1).code == "not_allowed"


def test_set_card_visibility_records_the_choice(collecting: Board) -> None:
    assert decide(collecting, SetCardVisibility(hide_new=True), FACILITATOR) == [
        CardVisibilitySet(seq=collecting.seq + 1, hide_new=True)
    ]


def test_reveal_cards_shows_every_hidden_card(hiding: Board, run: Step) -> None:
    written = card_of(hiding, "p2")
    state = run(hiding, WRITE, P1)
    assert decide(state, RevealCards(), FACILITATOR) == [
        CardsRevealed(seq=state.seq + 1, statement_ids=(written, card_of(state, "p1")))
    ]
    revealed = run(state, RevealCards(), FACILITATOR)
    assert [s.hidden for s in revealed.statements.values()] == [False] * 6


def test_reveal_cards_with_nothing_hidden_is_refused(collecting: Board) -> None:
    assert refused(collecting, RevealCards(), FACILITATOR).code == "nothing_hidden"


def test_reveal_cards_keeps_new_cards_hidden_after(hiding: Board, run: Step) -> None:
    state = run(hiding, RevealCards(), FACILITATOR)
    state = run(state, WRITE, P1)
    assert state.statements[card_of(state, "p1")].hidden is True


# --- what each screen sees ---------------------------------------------------------


def _ids(state: Board, viewer: Actor) -> list[str]:
    return [s["id"] for s in project_state(state, viewer)["statements"]]


def test_a_hidden_card_is_shown_only_to_facilitators_and_its_author(hiding: Board) -> None:
    written = card_of(hiding, "p2")
    assert written in _ids(hiding, FACILITATOR)
    assert written in _ids(hiding, P2)
    for viewer in (WALL, ANYONE, P1):
        assert written not in _ids(hiding, viewer)


def test_the_author_is_never_named(hiding: Board) -> None:
    for viewer in (FACILITATOR, WALL, P1, P2):
        for shown in project_state(hiding, viewer)["statements"]:
            assert "author" not in shown


def test_a_card_is_marked_mine_only_for_its_author(hiding: Board, run: Step) -> None:
    written = card_of(hiding, "p2")
    state = run(hiding, RevealCards(), FACILITATOR)
    [for_author] = [s for s in project_state(state, P2)["statements"] if s["id"] == written]
    [for_p1] = [s for s in project_state(state, P1)["statements"] if s["id"] == written]
    assert (for_author.get("mine"), "mine" in for_p1) == (True, False)


def test_only_facilitators_are_told_new_cards_are_hidden(hiding: Board) -> None:
    assert project_state(hiding, FACILITATOR)["hide_new_cards"] is True
    for viewer in (WALL, P1, P2):
        assert "hide_new_cards" not in project_state(hiding, viewer)


def test_the_hide_new_cards_event_is_redacted_for_others(collecting: Board) -> None:
    [event] = decide(collecting, SetCardVisibility(hide_new=True), FACILITATOR)
    after = apply(collecting, event)
    assert project_event(event, after, FACILITATOR)["hide_new"] is True
    for viewer in (WALL, ANYONE, P1):
        assert project_event(event, after, viewer) == {"seq": event.seq, "type": "redacted"}


def test_a_hidden_card_event_reaches_others_empty(hiding: Board) -> None:
    [event] = decide(hiding, WRITE, P1)
    after = apply(hiding, event)
    assert project_event(event, after, WALL)["statements"] == []
    assert len(project_event(event, after, FACILITATOR)["statements"]) == 1


# --- a hidden card cannot be touched by those who cannot see it ---------------------


@pytest.fixture
def theming_hidden(hiding: Board, run: Step) -> Board:
    state = run(hiding, SetStage(stage=Stage.THEME), FACILITATOR)
    return run(state, CreateTheme(category=Category.FUTURE, title="Continuity"), FACILITATOR)


def test_a_participant_cannot_move_a_hidden_card_of_someone_else(theming_hidden: Board) -> None:
    written = card_of(theming_hidden, "p2")
    continuity = the(theming_hidden, "Continuity")
    move = MoveStatement(statement_id=written, theme_id=continuity)
    assert refused(theming_hidden, move, P1).code == "unknown_statement"


def test_the_author_can_move_their_own_hidden_card(theming_hidden: Board) -> None:
    written = card_of(theming_hidden, "p2")
    continuity = the(theming_hidden, "Continuity")
    move = MoveStatement(statement_id=written, theme_id=continuity)
    assert [e.type for e in decide(theming_hidden, move, P2)] == ["statement_moved"]


def test_a_participant_cannot_suggest_moving_a_hidden_card(
    theming_hidden: Board, run: Step
) -> None:
    written = card_of(theming_hidden, "p2")
    continuity = the(theming_hidden, "Continuity")
    state = run(theming_hidden, SetThemingMode(mode="facilitators"), FACILITATOR)
    suggest = SuggestMove(statement_id=written, theme_id=continuity)
    assert refused(state, suggest, P1).code == "unknown_statement"


def test_control_characters_are_dropped_and_an_invisible_statement_is_refused() -> None:
    import pydantic

    from board.causes import AddCause
    from board.statements import WriteStatement

    assert WriteStatement(category=Category.WORKING, text="a\x07b\nc\x1b").text == "ab\nc"
    with pytest.raises(pydantic.ValidationError):
        AddCause(theme_id="t1", text="\x1c\x1d")
