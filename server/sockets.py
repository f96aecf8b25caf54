"""The Socket.IO namespace: every message a client sends, to the handler of its kind.

Joining and leaving are server/socket_join.py, commands server/socket_commands.py,
catching up server/socket_sync.py; who each connection is lives in
python-socketio's session and rooms (server/socket_sessions.py). What each
connection receives is its board's projection for its audience
(server/fanout.py); the raw log never leaves the server.
"""

from __future__ import annotations

import logging
from typing import Any

import socketio

from server.hub import Hub
from server.screens import Screens
from server.settings import Settings
from server.socket_answers import INTERNAL, UNKNOWN_EVENT, Json, no
from server.socket_commands import Commands
from server.socket_join import Joining
from server.socket_sessions import NAMESPACE, Sessions
from server.socket_sync import Sync
from server.wire import NESTED_TOO_DEEP, TOO_DEEP

log = logging.getLogger(__name__)


class BoardNamespace(socketio.AsyncNamespace):  # type: ignore[misc]
    def __init__(self, settings: Settings, hub: Hub, sessions: Sessions, screens: Screens) -> None:
        super().__init__(NAMESPACE)
        self.hub = hub
        self._joining = Joining(hub, settings, sessions, screens)
        self._commands = Commands(hub, settings, sessions)
        self._sync = Sync(hub, settings, sessions, screens)

    async def trigger_event(self, event: str, *args: Any) -> Any:
        """Every event a client sends gets an answer, and only real ones reach a handler.

        python-socketio hands a client's own event named "connect" or
        "disconnect" to the same handlers as the real ones: a forged connect
        would choose the address that wrong codes are counted against, and a
        forged disconnect would drop the session behind the server's back.
        """
        sid = args[0] if args else ""
        if event == "connect":
            forged = len(args) < 2 or args[1] is not self.server.get_environ(sid)
        elif event == "disconnect":
            forged = self.server.manager.is_connected(sid, self.namespace)
        else:
            forged = not hasattr(self, f"on_{event}") or len(args) > 2
        if forged:
            return {"ok": False, "error": UNKNOWN_EVENT}
        if event in ("connect", "disconnect"):
            return await super().trigger_event(event, *args)
        if NESTED_TOO_DEEP in args:
            return no("invalid", TOO_DEEP)
        try:
            return await super().trigger_event(event, *args)
        except Exception:
            # A client still gets an answer; the bug is for us to find in the log.
            log.exception("the %r handler failed", event)
            return {"ok": False, "error": INTERNAL}

    async def on_connect(self, sid: str, environ: Json, auth: object = None) -> None:
        await self._joining.connect(sid, environ, auth)

    async def on_disconnect(self, sid: str, reason: object = None) -> None:
        await self._joining.disconnect(sid)

    async def on_join(self, sid: str, data: object = None) -> Json:
        return await self._joining.join(sid, data)

    async def on_new_rejoin_code(self, sid: str, data: object = None) -> Json:
        return await self._joining.new_rejoin_code(sid, data)

    async def on_command(self, sid: str, data: object = None) -> Json:
        return await self._commands.command(sid, data)

    async def on_preview_undo(self, sid: str, data: object = None) -> Json:
        return await self._commands.preview_undo(sid, data)

    async def on_undoable(self, sid: str, data: object = None) -> Json:
        return await self._commands.undoable(sid, data)

    async def on_moving(self, sid: str, data: object = None) -> Json:
        return await self._commands.moving(sid, data)

    async def on_sync(self, sid: str, data: object = None) -> Json:
        return await self._sync.sync(sid, data)
