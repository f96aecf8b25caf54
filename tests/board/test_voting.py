"""Dot voting on themes, the timer's hard stop, and carrying themes forward."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from board import Actor, Board, BoardError, Command, Role, Stage, apply, decide, project_state
from board.room import SetStage
from board.statements import SetCardVisibility, WriteStatement
from board.theming import CreateTheme, MergeThemes, MoveStatement, SplitTheme
from board.timer import ExtendTimer, PauseTimer, StartTimer, StopTimer
from board.values import Category
from board.voting import (
    CarryForward,
    CloseRound,
    DotPlaced,
    ItemsCarriedForward,
    OpenRound,
    RoundOpened,
    Unvote,
    Vote,
)
from tests.board.conftest import make, the

Step = Callable[[Board, Command, Actor], Board]

FACILITATOR = Actor(role=Role.FACILITATOR)
P1 = Actor(role=Role.PARTICIPANT, participant_id="p1")
P2 = Actor(role=Role.PARTICIPANT, participant_id="p2")
START = 1_000_000
AFTER_THE_END = START + 61_000


def refused(state: Board, command: Command, actor: Actor, now_ms: int = 0) -> BoardError:
    with pytest.raises(BoardError) as caught:
        decide(state, command, actor, now_ms)
    return caught.value


def at(state: Board, command: Command, actor: Actor, now_ms: int) -> Board:
    for event in decide(state, command, actor, now_ms):
        state = apply(state, event)
    return state


@pytest.fixture
def themed(collected: Board, run: Step) -> Board:
    """At prioritise with themes "Appointments" (Statements 1 and 2) and "Staff" (Statement 3),
    both not working."""
    state = run(collected, SetStage(stage=Stage.THEME), FACILITATOR)
    for title in ("Appointments", "Staff"):
        state = run(state, CreateTheme(category=Category.NOT_WORKING, title=title), FACILITATOR)
    for card, theme in (("1", "Appointments"), ("2", "Appointments"), ("3", "Staff")):
        move = MoveStatement(
            statement_id=the(state, f"Statement {card}"), theme_id=the(state, theme)
        )
        state = run(state, move, FACILITATOR)
    return run(state, SetStage(stage=Stage.PRIORITISE), FACILITATOR)


@pytest.fixture
def on_themes(themed: Board, run: Step) -> Board:
    """Round "Dot vote" open on both themes: 2 dots each, at most 2 on one, blind."""
    appointments = the(themed, "Appointments")
    staff = the(themed, "Staff")
    command = OpenRound(items=(appointments, staff), dots_per_person=2, max_per_item=2)
    return run(themed, command, FACILITATOR)


# --- themes as items ----------------------------------------------------------------


def test_a_round_can_be_opened_on_themes(themed: Board) -> None:
    appointments = the(themed, "Appointments")
    staff = the(themed, "Staff")
    command = OpenRound(items=(appointments, staff), remind_unused=True)
    assert decide(themed, command, FACILITATOR) == [
        RoundOpened(
            seq=themed.seq + 1,
            round_id=f"r{themed.next_id}",
            title="Dot vote",
            items=(appointments, staff),
            dots_per_person=5,
            max_per_item=2,
            blind=True,
            remind_unused=True,
        )
    ]


def test_a_dot_goes_on_a_theme(on_themes: Board) -> None:
    staff = the(on_themes, "Staff")
    vote = the(on_themes, "Dot vote")
    assert decide(on_themes, Vote(round_id=vote, item=staff), P1) == [
        DotPlaced(seq=on_themes.seq + 1, round_id=vote, item=staff, participant_id="p1")
    ]


def test_a_round_on_an_unknown_theme_is_refused(themed: Board) -> None:
    appointments = the(themed, "Appointments")
    error = refused(themed, OpenRound(items=(appointments, "t99")), FACILITATOR)
    assert error.code == "unknown_item"


def test_a_card_in_a_theme_is_not_an_item_of_a_round_on_themes(on_themes: Board) -> None:
    card1 = the(on_themes, "Statement 1")
    vote = the(on_themes, "Dot vote")
    assert refused(on_themes, Vote(round_id=vote, item=card1), P1).code == "not_in_round"


def test_facilitator_recorded_dots_count_toward_the_persons_budget(
    on_themes: Board, run: Step
) -> None:
    appointments = the(on_themes, "Appointments")
    staff = the(on_themes, "Staff")
    vote = the(on_themes, "Dot vote")
    state = run(
        on_themes, Vote(round_id=vote, item=appointments, for_participant="p1"), FACILITATOR
    )
    state = run(state, Vote(round_id=vote, item=staff), P1)
    assert refused(state, Vote(round_id=vote, item=staff), P1).code == "no_dots_left"


def test_a_participant_can_take_back_a_dot_recorded_for_them(on_themes: Board, run: Step) -> None:
    appointments = the(on_themes, "Appointments")
    vote = the(on_themes, "Dot vote")
    state = run(
        on_themes, Vote(round_id=vote, item=appointments, for_participant="p1"), FACILITATOR
    )
    assert [e.type for e in decide(state, Unvote(round_id=vote, item=appointments), P1)] == [
        "dot_removed"
    ]


# --- a timer stops voting only when the facilitator chose so -------------------------


def _timed(on_themes: Board, hard_stop: bool) -> Board:
    return at(on_themes, StartTimer(seconds=60, hard_stop=hard_stop), FACILITATOR, START)


def test_a_soft_timer_never_stops_a_vote(on_themes: Board) -> None:
    appointments = the(on_themes, "Appointments")
    vote = the(on_themes, "Dot vote")
    state = _timed(on_themes, hard_stop=False)
    events = decide(state, Vote(round_id=vote, item=appointments), P1, AFTER_THE_END)
    assert [e.type for e in events] == ["dot_placed"]


def test_a_soft_timer_never_stops_taking_a_dot_back(on_themes: Board) -> None:
    appointments = the(on_themes, "Appointments")
    vote = the(on_themes, "Dot vote")
    state = at(on_themes, Vote(round_id=vote, item=appointments), P1, START)
    state = at(state, StartTimer(seconds=60), FACILITATOR, START)
    events = decide(state, Unvote(round_id=vote, item=appointments), P1, AFTER_THE_END)
    assert [e.type for e in events] == ["dot_removed"]


def test_a_hard_stop_timer_allows_votes_before_its_end(on_themes: Board) -> None:
    appointments = the(on_themes, "Appointments")
    vote = the(on_themes, "Dot vote")
    state = _timed(on_themes, hard_stop=True)
    events = decide(state, Vote(round_id=vote, item=appointments), P1, START + 59_999)
    assert [e.type for e in events] == ["dot_placed"]


def test_a_hard_stop_timer_stops_votes_at_its_end(on_themes: Board) -> None:
    appointments = the(on_themes, "Appointments")
    vote = the(on_themes, "Dot vote")
    state = _timed(on_themes, hard_stop=True)
    error = refused(state, Vote(round_id=vote, item=appointments), P1, START + 60_000)
    assert (error.code, error.message) == ("time_up", "Time is up for this vote.")


def test_a_hard_stop_timer_stops_taking_dots_back(on_themes: Board) -> None:
    appointments = the(on_themes, "Appointments")
    vote = the(on_themes, "Dot vote")
    state = at(on_themes, Vote(round_id=vote, item=appointments), P1, START)
    state = at(state, StartTimer(seconds=60, hard_stop=True), FACILITATOR, START)
    error = refused(state, Unvote(round_id=vote, item=appointments), P1, AFTER_THE_END)
    assert error.code == "time_up"


def test_a_hard_stop_stops_dots_recorded_by_the_facilitator(on_themes: Board) -> None:
    appointments = the(on_themes, "Appointments")
    vote = the(on_themes, "Dot vote")
    state = _timed(on_themes, hard_stop=True)
    command = Vote(round_id=vote, item=appointments, for_participant="p2")
    assert refused(state, command, FACILITATOR, AFTER_THE_END).code == "time_up"


def test_a_paused_hard_stop_timer_does_not_stop_votes(on_themes: Board) -> None:
    appointments = the(on_themes, "Appointments")
    vote = the(on_themes, "Dot vote")
    state = _timed(on_themes, hard_stop=True)
    state = at(state, PauseTimer(), FACILITATOR, START + 30_000)
    events = decide(state, Vote(round_id=vote, item=appointments), P1, AFTER_THE_END)
    assert [e.type for e in events] == ["dot_placed"]


def test_extending_a_hard_stop_timer_lets_voting_go_on(on_themes: Board) -> None:
    appointments = the(on_themes, "Appointments")
    vote = the(on_themes, "Dot vote")
    state = _timed(on_themes, hard_stop=True)
    state = at(state, ExtendTimer(seconds=60), FACILITATOR, AFTER_THE_END)
    events = decide(state, Vote(round_id=vote, item=appointments), P1, AFTER_THE_END + 1_000)
    assert [e.type for e in events] == ["dot_placed"]


def test_stopping_a_hard_stop_timer_lets_voting_go_on(on_themes: Board) -> None:
    appointments = the(on_themes, "Appointments")
    vote = the(on_themes, "Dot vote")
    state = _timed(on_themes, hard_stop=True)
    state = at(state, StopTimer(), FACILITATOR, AFTER_THE_END)
    events = decide(state, Vote(round_id=vote, item=appointments), P1, AFTER_THE_END)
    assert [e.type for e in events] == ["dot_placed"]


# --- reminders ----------------------------------------------------------------------


def test_a_reminder_comes_with_what_a_phone_needs_to_count_unused_dots(
    themed: Board, run: Step
) -> None:
    appointments = the(themed, "Appointments")
    staff = the(themed, "Staff")
    opened = OpenRound(items=(appointments, staff), remind_unused=True)
    state, vote = make(themed, opened, FACILITATOR)
    state = run(state, Vote(round_id=vote, item=appointments), P1)
    [shown] = project_state(state, P1)["rounds"]
    assert (shown["remind_unused"], shown["dots_per_person"], shown["mine"]) == (
        True,
        5,
        {appointments: 1},
    )


# --- carrying themes forward --------------------------------------------------------


def test_carry_forward_keeps_the_chosen_order(on_themes: Board, run: Step) -> None:
    appointments = the(on_themes, "Appointments")
    staff = the(on_themes, "Staff")
    vote = the(on_themes, "Dot vote")
    state = run(on_themes, CloseRound(round_id=vote), FACILITATOR)
    assert decide(state, CarryForward(items=(staff, appointments)), FACILITATOR) == [
        ItemsCarriedForward(seq=state.seq + 1, items=(staff, appointments), previous=())
    ]
    assert run(state, CarryForward(items=(staff, appointments)), FACILITATOR).carried == (
        staff,
        appointments,
    )


def test_carry_forward_with_nothing_clears_the_choice(themed: Board, run: Step) -> None:
    appointments = the(themed, "Appointments")
    state = run(themed, CarryForward(items=(appointments,)), FACILITATOR)
    assert run(state, CarryForward(items=()), FACILITATOR).carried == ()


def test_carrying_an_unknown_item_is_refused(themed: Board) -> None:
    appointments = the(themed, "Appointments")
    error = refused(themed, CarryForward(items=(appointments, "t99")), FACILITATOR)
    assert error.code == "unknown_item"


def test_carrying_an_item_twice_is_refused(themed: Board) -> None:
    appointments = the(themed, "Appointments")
    error = refused(themed, CarryForward(items=(appointments, appointments)), FACILITATOR)
    assert error.code == "duplicate_item"


def test_everyone_sees_what_was_carried_forward(themed: Board, run: Step) -> None:
    staff = the(themed, "Staff")
    state = run(themed, CarryForward(items=(staff,)), FACILITATOR)
    assert project_state(state, P2)["carried"] == [staff]


def test_going_back_a_stage_keeps_what_was_carried(themed: Board, run: Step) -> None:
    staff = the(themed, "Staff")
    state = run(themed, CarryForward(items=(staff,)), FACILITATOR)
    state = run(state, SetStage(stage=Stage.THEME), FACILITATOR)
    assert state.carried == (staff,)


def test_a_hard_stop_timer_stops_only_the_vote_open_when_it_started(on_themes: Board) -> None:
    appointments = the(on_themes, "Appointments")
    staff = the(on_themes, "Staff")
    vote = the(on_themes, "Dot vote")
    state = _timed(on_themes, hard_stop=True)
    state = at(state, CloseRound(round_id=vote), FACILITATOR, AFTER_THE_END)
    state = at(state, OpenRound(items=(appointments, staff)), FACILITATOR, AFTER_THE_END)
    next_round = state.open_round
    assert next_round is not None
    voted = at(state, Vote(round_id=next_round.id, item=appointments), P1, AFTER_THE_END)
    assert voted.rounds[next_round.id].dots_of("p1") == {appointments: 1}


def test_a_theme_in_a_vote_not_yet_revealed_cannot_be_merged_into_or_split(
    on_themes: Board, run: Step
) -> None:
    card1 = the(on_themes, "Statement 1")
    appointments = the(on_themes, "Appointments")
    staff = the(on_themes, "Staff")
    vote = the(on_themes, "Dot vote")
    closed = run(on_themes, CloseRound(round_id=vote), FACILITATOR)
    assert (
        refused(closed, MergeThemes(theme_id=staff, into_id=appointments), FACILITATOR).code
        == "in_open_vote"
    )
    split = SplitTheme(theme_id=appointments, statements=(card1,), title="Part")
    assert refused(closed, split, FACILITATOR).code == "in_open_vote"


def test_a_hidden_card_cannot_be_voted_on_or_carried(collected: Board, run: Step) -> None:
    state = run(collected, SetStage(stage=Stage.COLLECT), FACILITATOR)
    state = run(state, SetCardVisibility(hide_new=True), FACILITATOR)
    state = run(state, WriteStatement(category=Category.FUTURE, text="Mine"), P2)
    hidden = next(s.id for s in state.statements.values() if s.hidden)
    state = run(state, SetStage(stage=Stage.PRIORITISE), FACILITATOR)
    assert refused(state, OpenRound(items=(hidden,)), FACILITATOR).code == "unknown_item"
    assert refused(state, CarryForward(items=(hidden,)), FACILITATOR).code == "unknown_item"
