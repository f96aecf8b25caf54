"""Reading a board from the store: its state, and the undo look-ups that search its log."""

from __future__ import annotations

from typing import Any

from board import (
    UNDOABLE,
    Actor,
    Board,
    BoardError,
    Event,
    Undo,
    event_from_json,
    fold,
    preview_undo,
)
from server.errors import ServerError
from server.store import Store

Json = dict[str, Any]


def no_board() -> ServerError:
    return ServerError("no_board", "There is no board here. Check the link or the code.")


async def load_board(store: Store, board_id: str) -> Board:
    """The board as its log says now: the latest snapshot, then the events after it."""
    snapshot = await store.load_snapshot(board_id)
    state = Board(id=board_id)
    if snapshot is not None:
        state = Board.model_validate_json(snapshot[1])
    records = await store.read_since(board_id, state.seq)
    state = fold((event_from_json(r) for r in records), state)
    if state.seq == 0:
        raise no_board()
    return state


async def event_at(store: Store, board_id: str, seq: int) -> Event | None:
    """The logged event with this seq, if the log has it."""
    records = await store.read_since(board_id, seq - 1, limit=1) if seq > 0 else []
    found = event_from_json(records[0]) if records else None
    return found if found is not None and found.seq == seq else None


async def with_target(store: Store, board_id: str, command: Undo) -> Undo:
    """The undo with the event it undoes, from the log (whatever a client sent)."""
    target = await event_at(store, board_id, command.seq)
    if target is None:
        raise ServerError("cannot_undo", "There is nothing like that to undo.")
    return command.model_copy(update={"target": target})


async def undoable(store: Store, state: Board, actor: Actor, most: int = 8) -> list[Json]:
    """Recent slips a facilitator could undo now, newest first, each said in words."""
    records = [event_from_json(r) for r in await store.read_last(state.id, 300)]
    reversals = {e.seq + 1 for e in records if e.type == "undone"}
    found: list[Json] = []
    for event in records:
        if event.seq in reversals or event.seq in state.undone or event.type not in UNDOABLE:
            continue
        try:
            said = preview_undo(state, Undo(seq=event.seq, target=event), actor)
        except BoardError:
            continue  # the board has moved on since
        found.append({"seq": event.seq, "type": event.type, "description": said})
        if len(found) == most:
            break
    return found
