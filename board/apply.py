"""apply(state, event) -> state: the reducer, and the fold that replays a log."""

from __future__ import annotations

from collections.abc import Iterable

# The feature modules register their reducers on the dispatchers when imported.
from board import archive, invest, outcomes, plan, room, statements, theming, undo, voting  # noqa: F401
from board._dispatch import applies
from board.errors import BoardError
from board.events import BoardCreated, Event
from board.model import Board


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
    return applies(event, state).model_copy(update={"seq": event.seq})


def fold(events: Iterable[Event], state: Board | None = None, board_id: str = "") -> Board:
    """Replay events onto `state` (or onto an empty board)."""
    current = state if state is not None else Board(id=board_id)
    for event in events:
        current = apply(current, event)
    return current
