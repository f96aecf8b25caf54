"""The room's countdown: start, extend, pause, resume, stop.

The timer's end is held here, in server time, so every screen counts down to
the same moment; `now_ms` comes from the server, never a client.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from board.base import TITLE_MAX, BoardError, CommandBase, EventBase, Text
from board.feature import Feature
from board.model import Board
from board.policy import FACILITATORS
from board.projection import Json
from board.values import TIMER_MAX_SECONDS, Actor, Timer

feature = Feature("timer")

Seconds = Annotated[int, Field(ge=10, le=TIMER_MAX_SECONDS)]


class StartTimer(CommandBase):
    type: Literal["start_timer"] = "start_timer"
    seconds: Seconds
    label: Annotated[Text, StringConstraints(max_length=TITLE_MAX)] = ""
    # Only when set does the end of the timer stop anyone voting.
    hard_stop: bool = False


class ExtendTimer(CommandBase):
    type: Literal["extend_timer"] = "extend_timer"
    seconds: Seconds


class PauseTimer(CommandBase):
    type: Literal["pause_timer"] = "pause_timer"


class ResumeTimer(CommandBase):
    type: Literal["resume_timer"] = "resume_timer"


class StopTimer(CommandBase):
    type: Literal["stop_timer"] = "stop_timer"


class TimerSet(EventBase):
    type: Literal["timer_set"] = "timer_set"
    action: Literal["started", "extended", "paused", "resumed", "stopped"]
    timer: Timer | None


def check_timer(state: Board) -> Timer:
    if state.timer is None:
        raise BoardError("no_timer", "There is no timer running.")
    return state.timer


def check_timer_running(found: Timer) -> int:
    if found.ends_at_ms is None:
        raise BoardError("timer_paused", "The timer is paused.")
    return found.ends_at_ms


def check_timer_paused(found: Timer) -> int:
    if found.remaining_ms is None:
        raise BoardError("timer_running", "The timer is already running.")
    return found.remaining_ms


@feature.decides(StartTimer, FACILITATORS)
def start_timer(command: StartTimer, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    duration = command.seconds * 1000
    started = Timer(
        label=command.label,
        duration_ms=duration,
        ends_at_ms=now_ms + duration,
        hard_stop=command.hard_stop,
        round_id=state.open_round.id if state.open_round else None,
    )
    return [TimerSet(seq=state.seq + 1, action="started", timer=started)]


@feature.decides(ExtendTimer, FACILITATORS)
def extend_timer(command: ExtendTimer, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    found = check_timer(state)
    more = command.seconds * 1000
    if found.remaining_ms is not None:
        changes: dict[str, int] = {"remaining_ms": found.remaining_ms + more}
    else:
        ends_at = check_timer_running(found)
        changes = {"ends_at_ms": max(ends_at, now_ms) + more}
    extended = found.model_copy(update={**changes, "duration_ms": found.duration_ms + more})
    return [TimerSet(seq=state.seq + 1, action="extended", timer=extended)]


@feature.decides(PauseTimer, FACILITATORS)
def pause_timer(command: PauseTimer, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    found = check_timer(state)
    ends_at = check_timer_running(found)
    paused = found.model_copy(update={"ends_at_ms": None, "remaining_ms": max(0, ends_at - now_ms)})
    return [TimerSet(seq=state.seq + 1, action="paused", timer=paused)]


@feature.decides(ResumeTimer, FACILITATORS)
def resume_timer(command: ResumeTimer, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    found = check_timer(state)
    remaining = check_timer_paused(found)
    resumed = found.model_copy(update={"ends_at_ms": now_ms + remaining, "remaining_ms": None})
    return [TimerSet(seq=state.seq + 1, action="resumed", timer=resumed)]


@feature.decides(StopTimer, FACILITATORS)
def stop_timer(command: StopTimer, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    check_timer(state)
    return [TimerSet(seq=state.seq + 1, action="stopped", timer=None)]


@feature.applies(TimerSet)
def timer_set(event: TimerSet, state: Board) -> Board:
    return state.model_copy(update={"timer": event.timer})


def _timer_json(state: Board) -> Json | None:
    return state.timer.model_dump(mode="json") if state.timer else None


@feature.shows(TimerSet)
def show_timer(event: TimerSet, after: Board, viewer: Actor) -> Json:
    return {"action": event.action, "timer": _timer_json(after)}


@feature.view
def view_timer(state: Board, viewer: Actor) -> Json:
    return {"timer": _timer_json(state)}
