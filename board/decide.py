"""decide(state, command, actor) -> events, or a BoardError. Nothing else."""

from __future__ import annotations

# The feature modules register their handlers on the dispatchers when imported.
from board import archive, invest, outcomes, plan, room, rules, statements, theming, undo, voting  # noqa: F401
from board._dispatch import decides
from board.commands import Command, CreateBoard
from board.events import Event
from board.model import Actor, Board


def decide(state: Board, command: Command, actor: Actor, now_ms: int = 0) -> list[Event]:
    """The events `command` by `actor` produces, numbered after `state.seq`.

    `now_ms` is the server's clock, for the timer; decide never reads a clock.
    """
    if not isinstance(command, CreateBoard):
        rules.check_board_exists(state)
    return decides(command, state, actor, now_ms)
