"""apply(state, event) -> state: the reducer, and the fold that replays a log."""

from __future__ import annotations

from collections.abc import Iterable
from functools import singledispatch

from board.errors import BoardError
from board.events import (
    BoardCreated,
    BoardUpdated,
    DotPlaced,
    DotRemoved,
    Event,
    ParticipantJoined,
    RoundClosed,
    RoundOpened,
    RoundRevealed,
    StageSet,
    StatementsAdded,
)
from board.model import Board, Round


def apply(state: Board, event: Event) -> Board:
    """The board after `event`; refuses an event that does not come next."""
    if event.seq != state.seq + 1:
        raise BoardError(
            "event_out_of_order", f"Event {event.seq} cannot follow event {state.seq}."
        )
    if state.seq == 0 and not isinstance(event, BoardCreated):
        raise BoardError("event_out_of_order", "A board's first event must create it.")
    if isinstance(event, BoardCreated):
        # Without these a stray "created" event would wipe a board or rename it.
        if state.seq != 0:
            raise BoardError("event_out_of_order", "This board has already been created.")
        if state.id and event.board_id != state.id:
            raise BoardError("wrong_board", "This event belongs to a different board.")
    return _apply(event, state).model_copy(update={"seq": event.seq})


def fold(events: Iterable[Event], state: Board | None = None, board_id: str = "") -> Board:
    """Replay events onto `state` (or onto an empty board)."""
    current = state if state is not None else Board(id=board_id)
    for event in events:
        current = apply(current, event)
    return current


@singledispatch
def _apply(event: object, state: Board) -> Board:  # pragma: no cover - union is closed
    raise BoardError("unknown_event", f"Unknown event {event!r}.")


@_apply.register
def _(event: BoardCreated, state: Board) -> Board:
    return Board(
        id=event.board_id, title=event.title, purpose=event.purpose, join_code=event.join_code
    )


@_apply.register
def _(event: BoardUpdated, state: Board) -> Board:
    return state.model_copy(update={"title": event.title, "purpose": event.purpose})


@_apply.register
def _(event: StageSet, state: Board) -> Board:
    return state.model_copy(update={"stage": event.stage})


@_apply.register
def _(event: StatementsAdded, state: Board) -> Board:
    added = {s.id: s for s in event.statements}
    return state.model_copy(
        update={
            "statements": {**state.statements, **added},
            "next_id": state.next_id + len(added),
        }
    )


@_apply.register
def _(event: ParticipantJoined, state: Board) -> Board:
    joined = event.participant
    return state.model_copy(update={"participants": {**state.participants, joined.id: joined}})


def _with_round(state: Board, updated: Round) -> Board:
    return state.model_copy(update={"rounds": {**state.rounds, updated.id: updated}})


@_apply.register
def _(event: RoundOpened, state: Board) -> Board:
    opened = Round(
        id=event.round_id,
        title=event.title,
        items=event.items,
        dots_per_person=event.dots_per_person,
        max_per_item=event.max_per_item,
        blind=event.blind,
    )
    return _with_round(state, opened).model_copy(update={"next_id": state.next_id + 1})


def _move_dot(state: Board, round_id: str, participant_id: str, item: str, by: int) -> Board:
    found = state.rounds[round_id]
    mine = dict(found.dots_of(participant_id))
    mine[item] = mine.get(item, 0) + by
    if mine[item] <= 0:
        del mine[item]
    return _with_round(
        state, found.model_copy(update={"dots": {**found.dots, participant_id: mine}})
    )


@_apply.register
def _(event: DotPlaced, state: Board) -> Board:
    return _move_dot(state, event.round_id, event.participant_id, event.item, +1)


@_apply.register
def _(event: DotRemoved, state: Board) -> Board:
    return _move_dot(state, event.round_id, event.participant_id, event.item, -1)


@_apply.register
def _(event: RoundClosed, state: Board) -> Board:
    found = state.rounds[event.round_id]
    return _with_round(state, found.model_copy(update={"status": "closed"}))


@_apply.register
def _(event: RoundRevealed, state: Board) -> Board:
    found = state.rounds[event.round_id]
    return _with_round(state, found.model_copy(update={"status": "revealed"}))
