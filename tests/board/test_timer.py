"""The timer: its end held in server time, extended, paused, resumed, stopped."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from board import (
    Actor,
    Board,
    BoardError,
    Command,
    Role,
    apply,
    decide,
    project_event,
    project_state,
)
from board.timer import ExtendTimer, PauseTimer, ResumeTimer, StartTimer, StopTimer, TimerSet
from board.values import Timer

FACILITATOR = Actor(role=Role.FACILITATOR)
WALL = Actor(role=Role.WALL)
P1 = Actor(role=Role.PARTICIPANT, participant_id="p1")
START = 1_000_000


def at(state: Board, command: Command, now_ms: int) -> Board:
    for event in decide(state, command, FACILITATOR, now_ms):
        state = apply(state, event)
    return state


def refused(state: Board, command: Command, now_ms: int = START) -> BoardError:
    with pytest.raises(BoardError) as caught:
        decide(state, command, FACILITATOR, now_ms)
    return caught.value


@pytest.fixture
def running(collected: Board) -> Board:
    """A 5-minute timer started at START, ending at START + 300 s."""
    return at(collected, StartTimer(seconds=300, label="Theming"), START)


@pytest.fixture
def paused(running: Board) -> Board:
    """The timer paused one minute in: four minutes left."""
    return at(running, PauseTimer(), START + 60_000)


def test_start_holds_the_end_in_server_time(collected: Board) -> None:
    command = StartTimer(seconds=300, label="Theming", hard_stop=True)
    assert decide(collected, command, FACILITATOR, START) == [
        TimerSet(
            seq=collected.seq + 1,
            action="started",
            timer=Timer(
                label="Theming", duration_ms=300_000, ends_at_ms=START + 300_000, hard_stop=True
            ),
        )
    ]


def test_a_timer_is_soft_unless_chosen(running: Board) -> None:
    assert running.timer is not None and running.timer.hard_stop is False


def test_starting_again_replaces_the_timer(running: Board) -> None:
    state = at(running, StartTimer(seconds=60), START + 10_000)
    assert state.timer == Timer(duration_ms=60_000, ends_at_ms=START + 70_000)


def test_extending_a_running_timer_moves_its_end(running: Board) -> None:
    state = at(running, ExtendTimer(seconds=120), START + 10_000)
    assert state.timer is not None
    assert (state.timer.ends_at_ms, state.timer.duration_ms) == (START + 420_000, 420_000)


def test_extending_an_ended_timer_counts_from_now(running: Board) -> None:
    state = at(running, ExtendTimer(seconds=60), START + 500_000)
    assert state.timer is not None and state.timer.ends_at_ms == START + 560_000


def test_extending_a_paused_timer_adds_to_what_is_left(paused: Board) -> None:
    state = at(paused, ExtendTimer(seconds=60), START + 900_000)
    assert state.timer is not None
    assert (state.timer.remaining_ms, state.timer.ends_at_ms) == (300_000, None)


def test_pausing_keeps_what_is_left(paused: Board) -> None:
    assert paused.timer is not None
    assert (paused.timer.remaining_ms, paused.timer.ends_at_ms) == (240_000, None)


def test_pausing_after_the_end_leaves_nothing(running: Board) -> None:
    state = at(running, PauseTimer(), START + 400_000)
    assert state.timer is not None and state.timer.remaining_ms == 0


def test_pausing_a_paused_timer_is_refused(paused: Board) -> None:
    assert refused(paused, PauseTimer()).code == "timer_paused"


def test_resuming_counts_down_from_now(paused: Board) -> None:
    state = at(paused, ResumeTimer(), START + 600_000)
    assert state.timer is not None
    assert (state.timer.ends_at_ms, state.timer.remaining_ms) == (START + 840_000, None)


def test_resuming_a_running_timer_is_refused(running: Board) -> None:
    assert refused(running, ResumeTimer()).code == "timer_running"


def test_a_hard_stop_survives_pause_and_resume(collected: Board) -> None:
    state = at(collected, StartTimer(seconds=60, hard_stop=True), START)
    state = at(state, PauseTimer(), START + 1_000)
    state = at(state, ResumeTimer(), START + 2_000)
    state = at(state, ExtendTimer(seconds=60), START + 3_000)
    assert state.timer is not None and state.timer.hard_stop is True


def test_stopping_removes_the_timer(running: Board) -> None:
    state = at(running, StopTimer(), START + 1)
    assert state.timer is None


@pytest.mark.parametrize(
    "command", [ExtendTimer(seconds=60), PauseTimer(), ResumeTimer(), StopTimer()]
)
def test_without_a_timer_there_is_nothing_to_change(collected: Board, command: Command) -> None:
    assert refused(collected, command).code == "no_timer"


@pytest.mark.parametrize("seconds", [9, 4 * 60 * 60 + 1])
def test_a_timer_length_out_of_range_is_refused_at_the_edge(seconds: int) -> None:
    with pytest.raises(ValidationError):
        StartTimer(seconds=seconds)


def test_every_screen_sees_the_same_timer(running: Board) -> None:
    shown = [project_state(running, viewer)["timer"] for viewer in (FACILITATOR, WALL, P1)]
    assert shown == [shown[0]] * 3
    assert shown[0]["ends_at_ms"] == START + 300_000


def test_a_timer_event_carries_the_timer(running: Board) -> None:
    [event] = decide(running, PauseTimer(), FACILITATOR, START + 1_000)
    shown = project_event(event, apply(running, event), WALL)
    assert (shown["action"], shown["timer"]["remaining_ms"]) == ("paused", 299_000)
