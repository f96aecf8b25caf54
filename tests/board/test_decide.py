from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from board import Actor, Board, BoardError, Command, Role, Stage, decide, fold
from board.room import BoardCreated, CreateBoard, JoinBoard, SetStage, StageSet, UpdateBoard
from board.statements import AddStatements, SetCardVisibility, StatementsAdded
from board.values import Category, Group, NewStatement, Statement
from board.voting import (
    CarryForward,
    CloseRound,
    DotPlaced,
    DotRemoved,
    OpenRound,
    RevealRound,
    RoundOpened,
    Unvote,
    Vote,
)
from tests.board.conftest import the

Step = Callable[[Board, Command, Actor], Board]

FACILITATOR = Actor(role=Role.FACILITATOR)
WALL = Actor(role=Role.WALL)
P1 = Actor(role=Role.PARTICIPANT, participant_id="p1")
P2 = Actor(role=Role.PARTICIPANT, participant_id="p2")


def refused(state: Board, command: Command, actor: Actor) -> BoardError:
    with pytest.raises(BoardError) as caught:
        decide(state, command, actor)
    return caught.value


# --- creating and updating the board ----------------------------------------


def test_create_board_gives_board_created_as_event_one() -> None:
    command = CreateBoard(board_id="b1", title=" COPD ", purpose="Why", join_code="j1")
    assert decide(Board(id="b1"), command, FACILITATOR) == [
        BoardCreated(seq=1, board_id="b1", title="COPD", purpose="Why", join_code="j1")
    ]


def test_create_board_twice_is_refused(created: Board) -> None:
    command = CreateBoard(board_id="b1", title="Again", join_code="j1")
    assert refused(created, command, FACILITATOR).code == "board_exists"


def test_only_a_facilitator_creates_a_board() -> None:
    command = CreateBoard(board_id="b1", title="COPD", join_code="j1")
    assert refused(Board(id="b1"), command, P1).code == "not_allowed"


def test_commands_before_creation_are_refused() -> None:
    error = refused(Board(id="b1"), UpdateBoard(title="x"), FACILITATOR)
    assert (error.code, error.message) == ("no_board", "This board does not exist yet.")


def test_events_are_numbered_after_the_state_seq(collected: Board) -> None:
    events = decide(collected, UpdateBoard(title="New"), FACILITATOR)
    assert [e.seq for e in events] == [collected.seq + 1]
    assert collected.seq == 5


# --- stages -------------------------------------------------------------------


def test_set_stage_records_the_previous_stage(created: Board) -> None:
    assert decide(created, SetStage(stage=Stage.THEME), FACILITATOR) == [
        StageSet(seq=2, stage=Stage.THEME, previous=Stage.PREPARE)
    ]


def test_set_stage_to_the_current_stage_is_refused(created: Board) -> None:
    error = refused(created, SetStage(stage=Stage.PREPARE), FACILITATOR)
    assert (error.code, error.message) == ("same_stage", "The board is already at “Get ready”.")


def test_stages_can_go_back(voting: Board) -> None:
    events = decide(voting, SetStage(stage=Stage.COLLECT), FACILITATOR)
    assert events == [StageSet(seq=voting.seq + 1, stage=Stage.COLLECT, previous=Stage.PRIORITISE)]


# --- statements and people ----------------------------------------------------


def test_statements_are_numbered_from_next_id(collected: Board) -> None:
    new = NewStatement(category=Category.FUTURE, text="More", review="R02", priority=3)
    other = new.model_copy(update={"text": "Less"})
    first, second = f"s{collected.next_id}", f"s{collected.next_id + 1}"
    events = decide(collected, AddStatements(statements=(new, other), source="import"), FACILITATOR)
    assert events == [
        StatementsAdded(
            seq=6,
            source="import",
            statements=(
                Statement(
                    id=first, category=Category.FUTURE, text="More", review="R02", priority=3
                ),
                Statement(
                    id=second, category=Category.FUTURE, text="Less", review="R02", priority=3
                ),
            ),
        )
    ]


def test_joining_twice_is_refused(collected: Board) -> None:
    error = refused(collected, JoinBoard(participant_id="p1", group=Group.CARER), FACILITATOR)
    assert error.code == "already_joined"


# --- opening, closing and revealing rounds ------------------------------------


def test_round_ids_share_the_counter_with_statements(voting: Board) -> None:
    last_card = max(int(card.removeprefix("s")) for card in voting.statements)
    assert list(voting.rounds) == [f"r{last_card + 1}"]
    assert voting.next_id == last_card + 2


def test_open_round_caps_max_per_item_at_the_budget(collected: Board, run: Step) -> None:
    card1 = the(collected, "Statement 1")
    card2 = the(collected, "Statement 2")
    state = run(collected, SetStage(stage=Stage.THEME), FACILITATOR)
    command = OpenRound(items=(card1, card2), dots_per_person=2, max_per_item=5, blind=False)
    assert decide(state, command, FACILITATOR) == [
        RoundOpened(
            seq=state.seq + 1,
            round_id=f"r{state.next_id}",
            title="Dot vote",
            items=(card1, card2),
            dots_per_person=2,
            max_per_item=2,
            blind=False,
        )
    ]


def test_open_round_on_an_unknown_item_is_refused(voting: Board, run: Step) -> None:
    card1 = the(voting, "Statement 1")
    vote = the(voting, "Dot vote")
    state = run(voting, CloseRound(round_id=vote), FACILITATOR)
    error = refused(state, OpenRound(items=(card1, "s99")), FACILITATOR)
    assert (error.code, error.message) == (
        "unknown_item",
        "There is nothing on the board called s99.",
    )


def test_open_round_with_an_item_twice_is_refused(voting: Board, run: Step) -> None:
    card1 = the(voting, "Statement 1")
    vote = the(voting, "Dot vote")
    state = run(voting, CloseRound(round_id=vote), FACILITATOR)
    assert refused(state, OpenRound(items=(card1, card1)), FACILITATOR).code == "duplicate_item"


def test_a_round_cannot_be_a_round_item(voting: Board, run: Step) -> None:
    vote = the(voting, "Dot vote")
    state = run(voting, CloseRound(round_id=vote), FACILITATOR)
    assert refused(state, OpenRound(items=(vote,)), FACILITATOR).code == "unknown_item"


def test_a_second_open_round_is_refused(voting: Board) -> None:
    card4 = the(voting, "Statement 4")
    assert refused(voting, OpenRound(items=(card4,)), FACILITATOR).code == "round_already_open"


def test_closing_an_unknown_round_is_refused(voting: Board) -> None:
    assert refused(voting, CloseRound(round_id="r99"), FACILITATOR).code == "unknown_round"


def test_closing_a_closed_round_is_refused(voting: Board, run: Step) -> None:
    vote = the(voting, "Dot vote")
    state = run(voting, CloseRound(round_id=vote), FACILITATOR)
    assert refused(state, CloseRound(round_id=vote), FACILITATOR).code == "round_closed"


def test_revealing_an_open_round_is_refused(voting: Board) -> None:
    vote = the(voting, "Dot vote")
    assert refused(voting, RevealRound(round_id=vote), FACILITATOR).code == "round_open"


def test_revealing_twice_is_refused(voting: Board, run: Step) -> None:
    vote = the(voting, "Dot vote")
    state = run(voting, CloseRound(round_id=vote), FACILITATOR)
    state = run(state, RevealRound(round_id=vote), FACILITATOR)
    assert refused(state, RevealRound(round_id=vote), FACILITATOR).code == "round_revealed"


# --- voting -------------------------------------------------------------------


def test_a_vote_places_one_dot_for_the_voter(voting: Board) -> None:
    card2 = the(voting, "Statement 2")
    vote = the(voting, "Dot vote")
    assert decide(voting, Vote(round_id=vote, item=card2), P1) == [
        DotPlaced(seq=voting.seq + 1, round_id=vote, item=card2, participant_id="p1")
    ]


@pytest.mark.parametrize("command", [Vote, Unvote])
def test_a_participant_naming_themselves_as_for_participant_is_refused(
    voting: Board, command: type[Vote] | type[Unvote]
) -> None:
    # for_participant is a facilitator's, recording a dot for someone without a
    # phone; from a participant, even naming themselves, it is refused.
    card2 = the(voting, "Statement 2")
    vote = the(voting, "Dot vote")
    error = refused(voting, command(round_id=vote, item=card2, for_participant="p1"), P1)
    assert (error.code, error.message) == ("not_allowed", "You can only use your own dots.")


def carry_statements_1_and_2(state: Board) -> CarryForward:
    return CarryForward(items=(the(state, "Statement 1"), the(state, "Statement 2")))


@pytest.mark.parametrize(
    ("before", "command"),
    [
        ([], SetCardVisibility(hide_new=False)),
        ([SetCardVisibility(hide_new=True)], SetCardVisibility(hide_new=True)),
        ([], UpdateBoard(title="COPD workshop")),
        ([], CarryForward(items=())),
        ([carry_statements_1_and_2], carry_statements_1_and_2),
    ],
)
def test_a_command_that_would_change_nothing_is_refused(
    voting: Board, before: list[Any], command: Any
) -> None:
    state = voting
    for earlier in before:
        earlier = earlier(state) if callable(earlier) else earlier
        state = fold(decide(state, earlier, FACILITATOR), state)
    error = refused(state, command(state) if callable(command) else command, FACILITATOR)
    assert error.code == "nothing_to_change"


def test_a_participant_cannot_vote_for_someone_else(voting: Board) -> None:
    card2 = the(voting, "Statement 2")
    vote = the(voting, "Dot vote")
    error = refused(voting, Vote(round_id=vote, item=card2, for_participant="p2"), P1)
    assert (error.code, error.message) == ("not_allowed", "You can only use your own dots.")


def test_a_facilitator_records_a_dot_for_a_participant(voting: Board) -> None:
    card1 = the(voting, "Statement 1")
    vote = the(voting, "Dot vote")
    events = decide(voting, Vote(round_id=vote, item=card1, for_participant="p3"), FACILITATOR)
    assert events == [
        DotPlaced(
            seq=voting.seq + 1,
            round_id=vote,
            item=card1,
            participant_id="p3",
            recorded_by_facilitator=True,
        )
    ]


def test_a_facilitator_must_say_whose_dot_it_is(voting: Board) -> None:
    card1 = the(voting, "Statement 1")
    vote = the(voting, "Dot vote")
    error = refused(voting, Vote(round_id=vote, item=card1), FACILITATOR)
    assert error.code == "facilitator_cannot_vote"


def test_a_facilitator_cannot_record_for_a_stranger(voting: Board) -> None:
    card1 = the(voting, "Statement 1")
    vote = the(voting, "Dot vote")
    command = Vote(round_id=vote, item=card1, for_participant="p9")
    assert refused(voting, command, FACILITATOR).code == "unknown_participant"


def test_the_wall_cannot_vote(voting: Board) -> None:
    card1 = the(voting, "Statement 1")
    vote = the(voting, "Dot vote")
    error = refused(voting, Vote(round_id=vote, item=card1), WALL)
    assert (error.code, error.message) == ("not_allowed", "This screen cannot vote.")


def test_an_unknown_participant_cannot_vote(voting: Board) -> None:
    card1 = the(voting, "Statement 1")
    vote = the(voting, "Dot vote")
    stranger = Actor(role=Role.PARTICIPANT, participant_id="p9")
    assert refused(voting, Vote(round_id=vote, item=card1), stranger).code == "unknown_participant"


def test_a_participant_without_an_id_cannot_vote(voting: Board) -> None:
    card1 = the(voting, "Statement 1")
    vote = the(voting, "Dot vote")
    nobody = Actor(role=Role.PARTICIPANT)
    assert refused(voting, Vote(round_id=vote, item=card1), nobody).code == "unknown_participant"


def test_voting_on_an_item_outside_the_round_is_refused(voting: Board) -> None:
    card4 = the(voting, "Statement 4")
    vote = the(voting, "Dot vote")
    assert refused(voting, Vote(round_id=vote, item=card4), P1).code == "not_in_round"


def test_voting_in_an_unknown_round_is_refused(voting: Board) -> None:
    card1 = the(voting, "Statement 1")
    assert refused(voting, Vote(round_id="r99", item=card1), P1).code == "unknown_round"


def test_voting_in_a_closed_round_is_refused(voting: Board, run: Step) -> None:
    card1 = the(voting, "Statement 1")
    vote = the(voting, "Dot vote")
    state = run(voting, CloseRound(round_id=vote), FACILITATOR)
    error = refused(state, Vote(round_id=vote, item=card1), P1)
    assert (error.code, error.message) == ("round_closed", "This vote has closed.")


def test_voting_past_the_budget_is_refused(voting: Board, run: Step) -> None:
    card1 = the(voting, "Statement 1")
    card2 = the(voting, "Statement 2")
    card3 = the(voting, "Statement 3")
    vote = the(voting, "Dot vote")
    state = voting
    for item in (card1, card2, card3):
        state = run(state, Vote(round_id=vote, item=item), P1)
    error = refused(state, Vote(round_id=vote, item=card1), P1)
    assert (error.code, error.message) == (
        "no_dots_left",
        "All 3 dots are used. Take one back to move it.",
    )


def test_voting_past_the_limit_on_one_item_is_refused(voting: Board, run: Step) -> None:
    card1 = the(voting, "Statement 1")
    vote = the(voting, "Dot vote")
    state = run(voting, Vote(round_id=vote, item=card1), P1)
    state = run(state, Vote(round_id=vote, item=card1), P1)
    error = refused(state, Vote(round_id=vote, item=card1), P1)
    assert (error.code, error.message) == (
        "item_limit",
        "You can put at most 2 dots on one thing.",
    )


def test_a_vote_of_one_dot_says_dot_not_dots(collected: Board, run: Step) -> None:
    at_prioritise = run(collected, SetStage(stage=Stage.PRIORITISE), FACILITATOR)
    card1, card2 = (the(at_prioritise, f"Statement {n}") for n in (1, 2))

    one = OpenRound(items=(card1, card2), dots_per_person=1, max_per_item=1)
    state = run(at_prioritise, one, FACILITATOR)
    state = run(state, Vote(round_id=the(state, "Dot vote"), item=card1), P1)
    error = refused(state, Vote(round_id=the(state, "Dot vote"), item=card2), P1)
    assert error.message == "The dot is used. Take it back to move it."

    one_each = OpenRound(items=(card1, card2), dots_per_person=2, max_per_item=1)
    state = run(at_prioritise, one_each, FACILITATOR)
    state = run(state, Vote(round_id=the(state, "Dot vote"), item=card1), P1)
    error = refused(state, Vote(round_id=the(state, "Dot vote"), item=card1), P1)
    assert error.message == "You can put only 1 dot on one thing."


def test_one_persons_dots_do_not_use_anothers_budget(voting: Board, run: Step) -> None:
    card1 = the(voting, "Statement 1")
    card2 = the(voting, "Statement 2")
    card3 = the(voting, "Statement 3")
    vote = the(voting, "Dot vote")
    state = voting
    for item in (card1, card2, card3):
        state = run(state, Vote(round_id=vote, item=item), P1)
    assert [e.type for e in decide(state, Vote(round_id=vote, item=card1), P2)] == ["dot_placed"]


def test_unvote_takes_back_a_dot(voting: Board, run: Step) -> None:
    card1 = the(voting, "Statement 1")
    vote = the(voting, "Dot vote")
    state = run(voting, Vote(round_id=vote, item=card1), P1)
    assert decide(state, Unvote(round_id=vote, item=card1), P1) == [
        DotRemoved(seq=state.seq + 1, round_id=vote, item=card1, participant_id="p1")
    ]


def test_a_dot_taken_back_can_be_used_again(voting: Board, run: Step) -> None:
    card1 = the(voting, "Statement 1")
    card2 = the(voting, "Statement 2")
    card3 = the(voting, "Statement 3")
    vote = the(voting, "Dot vote")
    state = voting
    for item in (card1, card2, card3):
        state = run(state, Vote(round_id=vote, item=item), P1)
    state = run(state, Unvote(round_id=vote, item=card3), P1)
    assert [e.type for e in decide(state, Vote(round_id=vote, item=card1), P1)] == ["dot_placed"]


def test_unvote_without_a_dot_is_refused(voting: Board, run: Step) -> None:
    card1 = the(voting, "Statement 1")
    vote = the(voting, "Dot vote")
    state = run(voting, Vote(round_id=vote, item=card1), P2)
    error = refused(state, Unvote(round_id=vote, item=card1), P1)
    assert (error.code, error.message) == ("no_dot_here", "There is no dot here to take back.")


def test_unvote_in_a_closed_round_is_refused(voting: Board, run: Step) -> None:
    card1 = the(voting, "Statement 1")
    vote = the(voting, "Dot vote")
    state = run(voting, Vote(round_id=vote, item=card1), P1)
    state = run(state, CloseRound(round_id=vote), FACILITATOR)
    assert refused(state, Unvote(round_id=vote, item=card1), P1).code == "round_closed"


def test_refused_messages_are_short_plain_sentences(voting: Board, run: Step) -> None:
    card4 = the(voting, "Statement 4")
    vote = the(voting, "Dot vote")
    errors = [
        refused(voting, Vote(round_id=vote, item=card4), P1),
        refused(voting, OpenRound(items=(card4,)), FACILITATOR),
        refused(voting, RevealRound(round_id=vote), FACILITATOR),
        refused(voting, UpdateBoard(title="x"), WALL),
    ]
    for error in errors:
        assert error.message.endswith(".")
        assert len(error.message.split()) < 20
