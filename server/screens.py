"""This worker's screens: what the hub's follower tells them reaches them by room.

New events go through the fan-out (server/fanout.py); a log gone back, a
deleted board, a link turned off, presence and "being moved" flags are sent
here, to the rooms of server/socket_sessions.py. It needs only the
python-socketio server, so the hub is built with it before the namespace.
"""

from __future__ import annotations

from board import Board, project_state
from server.channel import Message
from server.fanout import Fanout
from server.follower import Change
from server.socket_sessions import NAMESPACE, Sessions, board_room, token_room

_TURNED_OFF = {"code": "bad_token", "message": "This link has been turned off."}
_DELETED = {"message": "This board has been deleted."}


class Screens:
    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions
        self._sio = sessions.sio
        self.fanout = Fanout(sessions.sio)

    async def changes(self, board_id: str, changes: list[Change]) -> None:
        """New events of a board, for its local screens (projected per audience)."""
        await self.fanout.changes(board_id, changes)

    async def reset(self, board_id: str, state: Board) -> None:
        """The board's log went back (a failover): every screen on it starts again from `state`."""
        self.fanout.forget(board_id)
        for sid in self._sessions.members(board_id):
            joined = await self._sessions.joined(sid)
            if joined is not None:
                shown = {"board": project_state(state, joined.actor)}
                await self._sio.emit("snapshot", shown, to=sid, namespace=NAMESPACE)

    async def transient(self, board_id: str, message: Message) -> None:
        """Presence and "being moved" flags: sent on, never logged. Revoked links: cut off."""
        if message.kind == "deleted":
            await self._emit("board_deleted", _DELETED, board_room(board_id))
            for sid in self._sessions.members(board_id):
                await self._sio.disconnect(sid, namespace=NAMESPACE)
            self.fanout.forget(board_id)
        elif message.kind == "revoked":
            for sid in self._sessions.in_room(token_room(board_id, str(message.body))):
                await self._emit("refused", _TURNED_OFF, sid)
                await self._sio.disconnect(sid, namespace=NAMESPACE)
        else:  # presence, moving
            await self._emit(message.kind, message.body, board_room(board_id))

    def left(self, board_id: str) -> None:
        """Someone here left the board: with nobody left, its ready-made events can go."""
        if not self._sessions.members(board_id):
            self.fanout.forget(board_id)

    async def _emit(self, event: str, data: object, to: str) -> None:
        await self._sio.emit(event, data, to=to, namespace=NAMESPACE)
