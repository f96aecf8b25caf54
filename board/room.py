"""The board itself and the room: creation, stages, who joined, the timer."""

from __future__ import annotations

from board import rules
from board._dispatch import applies, decides
from board.commands import (
    CreateBoard,
    ExtendTimer,
    JoinBoard,
    PauseTimer,
    ResumeTimer,
    SetStage,
    StartTimer,
    StopTimer,
    UpdateBoard,
)
from board.events import (
    BoardCreated,
    BoardUpdated,
    Event,
    ParticipantJoined,
    StageSet,
    TimerSet,
)
from board.model import Actor, Board, Participant, Timer


@decides.register
def _(command: CreateBoard, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_not_created(state)
    rules.check_facilitator(actor)
    created = BoardCreated(
        seq=1,
        board_id=command.board_id,
        title=command.title,
        purpose=command.purpose,
        join_code=command.join_code,
        retain_until_ms=command.retain_until_ms,
    )
    return [created]


@applies.register
def _(event: BoardCreated, state: Board) -> Board:
    return Board(
        id=event.board_id,
        title=event.title,
        purpose=event.purpose,
        join_code=event.join_code,
        retain_until_ms=event.retain_until_ms,
    )


@decides.register
def _(command: UpdateBoard, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    return [BoardUpdated(seq=state.seq + 1, title=command.title, purpose=command.purpose)]


@applies.register
def _(event: BoardUpdated, state: Board) -> Board:
    return state.model_copy(update={"title": event.title, "purpose": event.purpose})


@decides.register
def _(command: SetStage, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    rules.check_stage_changes(state, command.stage)
    return [StageSet(seq=state.seq + 1, stage=command.stage, previous=state.stage)]


@applies.register
def _(event: StageSet, state: Board) -> Board:
    # Going back a stage only moves the room: nothing made so far is dropped.
    return state.model_copy(update={"stage": event.stage})


@decides.register
def _(command: JoinBoard, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_new_participant(state, command.participant_id)
    rules.check_capacity(state, "participants")
    participant = Participant(id=command.participant_id, name=command.name, group=command.group)
    return [ParticipantJoined(seq=state.seq + 1, participant=participant)]


@applies.register
def _(event: ParticipantJoined, state: Board) -> Board:
    joined = event.participant
    return state.model_copy(update={"participants": {**state.participants, joined.id: joined}})


# The timer's end is held here, in server time, so every screen counts down
# to the same moment; `now_ms` comes from the server, never a client.


@decides.register
def _(command: StartTimer, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    duration = command.seconds * 1000
    timer = Timer(
        label=command.label,
        duration_ms=duration,
        ends_at_ms=now_ms + duration,
        hard_stop=command.hard_stop,
        round_id=state.open_round.id if state.open_round else None,
    )
    return [TimerSet(seq=state.seq + 1, action="started", timer=timer)]


@decides.register
def _(command: ExtendTimer, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    timer = rules.check_timer(state)
    more = command.seconds * 1000
    if timer.remaining_ms is not None:
        changes: dict[str, int] = {"remaining_ms": timer.remaining_ms + more}
    else:
        ends_at = rules.check_timer_running(timer)
        changes = {"ends_at_ms": max(ends_at, now_ms) + more}
    extended = timer.model_copy(update={**changes, "duration_ms": timer.duration_ms + more})
    return [TimerSet(seq=state.seq + 1, action="extended", timer=extended)]


@decides.register
def _(command: PauseTimer, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    timer = rules.check_timer(state)
    ends_at = rules.check_timer_running(timer)
    paused = timer.model_copy(update={"ends_at_ms": None, "remaining_ms": max(0, ends_at - now_ms)})
    return [TimerSet(seq=state.seq + 1, action="paused", timer=paused)]


@decides.register
def _(command: ResumeTimer, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    timer = rules.check_timer(state)
    remaining = rules.check_timer_paused(timer)
    resumed = timer.model_copy(update={"ends_at_ms": now_ms + remaining, "remaining_ms": None})
    return [TimerSet(seq=state.seq + 1, action="resumed", timer=resumed)]


@decides.register
def _(command: StopTimer, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    rules.check_timer(state)
    return [TimerSet(seq=state.seq + 1, action="stopped", timer=None)]


@applies.register
def _(event: TimerSet, state: Board) -> Board:
    return state.model_copy(update={"timer": event.timer})
