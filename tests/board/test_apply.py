from __future__ import annotations

from collections.abc import Callable

import pytest

from board import (
    Actor,
    Board,
    BoardError,
    Command,
    Event,
    Role,
    Stage,
    apply,
    decide,
    event_from_json,
    fold,
)
from board.room import BoardCreated, BoardUpdated, CreateBoard, JoinBoard, SetStage, StageSet
from board.statements import AddStatements
from board.values import Category, Group, NewStatement
from board.voting import CloseRound, DotPlaced, OpenRound, RevealRound, Unvote, Vote
from tests.board.conftest import the

Step = Callable[[Board, Command, Actor], Board]

FACILITATOR = Actor(role=Role.FACILITATOR)
P1 = Actor(role=Role.PARTICIPANT, participant_id="p1")
NEW = NewStatement(category=Category.FUTURE, text="A")
CREATED = BoardCreated(seq=1, board_id="b1", title="COPD", join_code="j1")


def log_of(state: Board, *steps: tuple[Command, Actor]) -> list[Event]:
    """The events `steps` produce one after another from `state`."""
    events: list[Event] = []
    for command, actor in steps:
        produced = decide(state, command, actor)
        for event in produced:
            state = apply(state, event)
        events += produced
    return events


def test_board_created_sets_title_and_join_code() -> None:
    state = apply(Board(id="b1"), CREATED)
    assert (state.id, state.seq, state.title, state.join_code, state.stage) == (
        "b1",
        1,
        "COPD",
        "j1",
        Stage.PREPARE,
    )


def test_the_first_event_must_create_the_board() -> None:
    with pytest.raises(BoardError) as caught:
        apply(Board(id="b1"), BoardUpdated(seq=1, title="x", purpose=""))
    assert caught.value.code == "event_out_of_order"


@pytest.mark.parametrize("seq", [1, 3, 7])
def test_an_event_that_does_not_come_next_is_refused(created: Board, seq: int) -> None:
    with pytest.raises(BoardError) as caught:
        apply(created, BoardUpdated(seq=seq, title="x", purpose=""))
    assert (caught.value.code, caught.value.message) == (
        "event_out_of_order",
        f"Event {seq} cannot follow event 1.",
    )


def test_a_second_board_created_event_is_refused(collected: Board) -> None:
    again = BoardCreated(seq=collected.seq + 1, board_id="b1", title="Wiped", join_code="j2")
    with pytest.raises(BoardError) as caught:
        apply(collected, again)
    assert caught.value.code == "event_out_of_order"


def test_an_event_for_another_board_is_refused() -> None:
    with pytest.raises(BoardError) as caught:
        apply(Board(id="b2"), CREATED)
    assert caught.value.code == "wrong_board"


def test_fold_without_an_id_takes_the_boards_id() -> None:
    assert fold([CREATED]).id == "b1"


def test_apply_sets_seq_to_the_events_seq(created: Board) -> None:
    state = apply(created, StageSet(seq=2, stage=Stage.THEME, previous=Stage.PREPARE))
    assert (state.seq, state.stage) == (2, Stage.THEME)


def test_statements_added_moves_next_id_on(created: Board, collected: Board) -> None:
    first = created.next_id
    assert list(collected.statements) == [f"s{n}" for n in range(first, first + 4)]
    assert collected.next_id == first + 4


def test_dots_add_up_per_person_and_item(voting: Board, run: Step) -> None:
    card1 = the(voting, "Statement 1")
    card2 = the(voting, "Statement 2")
    vote = the(voting, "Dot vote")
    state = run(voting, Vote(round_id=vote, item=card1), P1)
    state = run(state, Vote(round_id=vote, item=card1), P1)
    state = run(state, Vote(round_id=vote, item=card2), P1)
    assert state.rounds[vote].dots == {"p1": {card1: 2, card2: 1}}
    assert (state.rounds[vote].voters, state.rounds[vote].dots_cast) == (1, 3)


def test_taking_back_the_last_dot_on_an_item_drops_it(voting: Board, run: Step) -> None:
    card1 = the(voting, "Statement 1")
    vote = the(voting, "Dot vote")
    state = run(voting, Vote(round_id=vote, item=card1), P1)
    state = run(state, Unvote(round_id=vote, item=card1), P1)
    assert state.rounds[vote].dots == {"p1": {}}
    assert state.rounds[vote].voters == 0


def test_closing_and_revealing_change_the_round_status(voting: Board, run: Step) -> None:
    vote = the(voting, "Dot vote")
    closed = run(voting, CloseRound(round_id=vote), FACILITATOR)
    revealed = run(closed, RevealRound(round_id=vote), FACILITATOR)
    assert [s.rounds[vote].status for s in (voting, closed, revealed)] == [
        "open",
        "closed",
        "revealed",
    ]
    assert (voting.open_round is not None, closed.open_round) == (True, None)


def test_apply_leaves_the_old_state_as_it_was(voting: Board) -> None:
    card1 = the(voting, "Statement 1")
    vote = the(voting, "Dot vote")
    before = voting.model_dump()
    apply(voting, DotPlaced(seq=voting.seq + 1, round_id=vote, item=card1, participant_id="p1"))
    assert voting.model_dump() == before


def test_fold_replays_a_whole_log_to_the_board_built_step_by_step(run: Step) -> None:
    steps: list[tuple[Callable[[Board], Command], Actor]] = [
        (lambda _: CreateBoard(board_id="b1", title="COPD", join_code="j1"), FACILITATOR),
        (lambda _: SetStage(stage=Stage.THEME), FACILITATOR),
        (
            lambda _: AddStatements(statements=(NewStatement(category=Category.FUTURE, text="A"),)),
            FACILITATOR,
        ),
        (lambda _: JoinBoard(participant_id="p1", group=Group.PATIENT), FACILITATOR),
        (lambda board: OpenRound(items=(the(board, "A"),)), FACILITATOR),
        (lambda board: Vote(round_id=the(board, "Dot vote"), item=the(board, "A")), P1),
        (lambda board: CloseRound(round_id=the(board, "Dot vote")), FACILITATOR),
    ]
    state, events = Board(id="b1"), []
    for command, actor in steps:
        before = state
        state = run(state, command(state), actor)
        events += log_of(before, (command(before), actor))
    assert [e.seq for e in events] == [1, 2, 3, 4, 5, 6, 7]
    assert fold(events, board_id="b1") == state
    assert fold(events[3:], fold(events[:3], board_id="b1")) == state
    assert state.rounds[the(state, "Dot vote")].dots == {"p1": {the(state, "A"): 1}}


def test_events_survive_a_json_round_trip(voting: Board) -> None:
    card1 = the(voting, "Statement 1")
    vote = the(voting, "Dot vote")
    events = log_of(
        voting,
        (Vote(round_id=vote, item=card1), P1),
        (CloseRound(round_id=vote), FACILITATOR),
    )
    again = [event_from_json(event.model_dump_json()) for event in events]
    assert again == events
    assert fold(again, voting) == fold(events, voting)
