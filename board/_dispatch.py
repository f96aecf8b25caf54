"""The two dispatchers the feature modules register their handlers on."""

from __future__ import annotations

from functools import singledispatch

from board.errors import BoardError
from board.events import Event
from board.model import Actor, Board


@singledispatch
def decides(command: object, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    raise BoardError("unknown_command", "That is not something this board can do.")


@singledispatch
def applies(event: object, state: Board) -> Board:
    raise BoardError("unknown_event", f"Unknown event {event!r}.")
