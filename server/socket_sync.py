"""`sync`: a screen that fell behind asks for what it missed, or the whole board.

The missed events come ready projected from memory (server/fanout.py); the
whole board is large, so a connection gets a few, then one per 10 s.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from board import project_state
from server.hub import Hub
from server.screens import Screens
from server.settings import Settings
from server.socket_answers import Json, Refusal, acked, no
from server.socket_sessions import Sessions
from server.wire import parse

_WHOLE_BOARD_AGAIN = "The whole board was sent a moment ago. Wait a few seconds, then ask again."


class _Sync(BaseModel):
    model_config = ConfigDict(extra="forbid")

    since: int = Field(ge=0)


class Sync:
    def __init__(self, hub: Hub, settings: Settings, sessions: Sessions, screens: Screens) -> None:
        self._hub = hub
        self._limit = settings.max_command_bytes
        self._sessions = sessions
        self._screens = screens

    @acked
    async def sync(self, sid: str, data: object = None) -> Json:
        joined = await self._sessions.admit(sid)
        since = parse(_Sync, data, self._limit).since
        state = await self._hub.state(joined.board_id)
        # What this worker just wrote may still be on its way to the fan-out.
        await self._hub.follower.reached(joined.board_id, state.seq, timeout=2)
        missed = self._screens.fanout.missed(joined.board_id, joined.actor, state, since)
        whole = missed is None or since == 0
        if whole and not await self._sessions.allow(sid, "whole_boards"):
            raise Refusal(no("slow_down", _WHOLE_BOARD_AGAIN))
        if missed is None:
            return {"ok": True, "snapshot": project_state(state, joined.actor)}
        return {"ok": True, "events": missed}
