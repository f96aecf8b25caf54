"""Socket.IO messages that act on a board: commands, undo's preview and list, "being moved"."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from board import BoardError, Undo, check_may, preview_undo
from server.hub import Hub
from server.settings import Settings
from server.socket_answers import Json, Refusal, acked, no
from server.socket_sessions import Sessions
from server.wire import encoded, parse, parse_command

_OP = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


class _Moving(BaseModel):
    model_config = ConfigDict(extra="forbid")

    statement_id: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    moving: bool


class _Nothing(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Commands:
    def __init__(self, hub: Hub, settings: Settings, sessions: Sessions) -> None:
        self._hub = hub
        self._limit = settings.max_command_bytes
        self._sessions = sessions

    @acked
    async def command(self, sid: str, data: object = None) -> Json:
        joined = await self._sessions.admit(sid)
        if not isinstance(data, dict):
            raise Refusal(no("invalid", "A command is an object."))
        encoded(data, self._limit)  # too large: refused before anything else is looked at
        op = data.get("op")
        if not isinstance(op, str) or not _OP.match(op):
            raise Refusal(no("invalid", "op: 8 to 64 letters, digits, - or _."))
        command = parse_command({k: v for k, v in data.items() if k != "op"}, self._limit)
        if isinstance(command, Undo):
            command = await self._hub.with_target(joined.board_id, command)
        # Ops are namespaced by who sent them, so nobody can replay or block another's.
        actor = joined.actor
        scoped = f"{actor.participant_id or actor.role.value}:{op}"
        seq = await self._hub.execute(joined.board_id, command, actor, scoped)
        return {"ok": True, "seq": seq}

    @acked
    async def preview_undo(self, sid: str, data: object = None) -> Json:
        """What undoing the event at `seq` would change, in words, before anyone does it."""
        joined = await self._sessions.admit(sid)
        asked = data if isinstance(data, dict) else {}
        command = await self._hub.with_target(
            joined.board_id, parse(Undo, {**asked, "type": "undo"}, self._limit)
        )
        state = await self._hub.state(joined.board_id)
        return {"ok": True, "description": preview_undo(state, command, joined.actor)}

    @acked
    async def undoable(self, sid: str, data: object = None) -> Json:
        """Recent facilitator slips that can still be undone, for a console just opened."""
        joined = await self._sessions.admit(sid)
        parse(_Nothing, {} if data is None else data, self._limit)
        state = await self._hub.state(joined.board_id)
        check_may(state, joined.actor, "undo")
        return {"ok": True, "changes": await self._hub.undoable(joined.board_id, joined.actor)}

    @acked
    async def moving(self, sid: str, data: object = None) -> Json:
        """Someone picked a card up (or put it down): show it as being moved."""
        joined = await self._sessions.admit(sid)
        moving = parse(_Moving, data, self._limit)
        state = await self._hub.state(joined.board_id)
        check_may(state, joined.actor, "move_statement")
        if moving.statement_id not in state.statements:
            raise BoardError("unknown_statement", "That statement is not on this board.")
        await self._hub.announce(joined.board_id, "moving", moving.model_dump())
        return {"ok": True}
