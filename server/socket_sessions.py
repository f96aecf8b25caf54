"""Who each connection is, kept in python-socketio's own session, and the rooms that puts it in.

A connection's session holds its address, its rate-limit buckets and, once it
has joined, which board it is on as whom (`Joined`). Rooms do the rest: one
per board (everyone on it here), one per audience (facilitators, wall,
participants), one per participant (their own dots, rating and cards) and
one per staff token, so a link turned off reaches exactly its screens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import socketio

from board import Actor, Role
from server.limits import SLOW_DOWN, Bucket
from server.settings import Settings
from server.socket_answers import NOT_JOINED, Refusal
from server.tokens import Grant

NAMESPACE = "/"


@dataclass(frozen=True, slots=True)
class Joined:
    """The board a connection is on, and as whom."""

    board_id: str
    grant: Grant

    @property
    def actor(self) -> Actor:
        return self.grant.actor


def board_room(board_id: str) -> str:
    return f"b:{board_id}"


def token_room(board_id: str, token_id: str) -> str:
    return f"t:{board_id}:{token_id}"


def facilitators_room(board_id: str) -> str:
    return f"f:{board_id}"


def wall_room(board_id: str) -> str:
    return f"w:{board_id}"


def participants_room(board_id: str) -> str:
    return f"p:{board_id}"


def own_room(board_id: str, participant_id: str) -> str:
    return f"me:{board_id}:{participant_id}"


def rooms(joined: Joined) -> list[str]:
    board_id, grant = joined.board_id, joined.grant
    if grant.role == "reader":
        return []
    named = [board_room(board_id)]
    if grant.token_id:
        named.append(token_room(board_id, grant.token_id))
    if grant.role == Role.FACILITATOR:
        return [*named, facilitators_room(board_id)]
    if grant.role == Role.WALL:
        return [*named, wall_room(board_id)]
    return [*named, participants_room(board_id), own_room(board_id, str(grant.participant_id))]


class Sessions:
    """The sessions and rooms of a python-socketio server's one namespace."""

    def __init__(self, sio: socketio.AsyncServer, settings: Settings) -> None:
        self.sio = sio
        self._rate = (settings.commands_per_second, settings.command_burst)

    async def connected(self, sid: str, address: str) -> None:
        """A new connection, from `address`: python-engineio's REMOTE_ADDR is always
        127.0.0.1, so the caller reads the real one from the ASGI scope."""
        session = {
            "address": address,
            "commands": Bucket(*self._rate),
            # Whole boards asked for with sync are large: a few, then one per 10 s.
            "whole_boards": Bucket(0.1, 3),
        }
        await self.sio.save_session(sid, session, namespace=NAMESPACE)

    async def _session(self, sid: str) -> dict[str, Any]:
        try:
            session: dict[str, Any] = await self.sio.get_session(sid, namespace=NAMESPACE)
        except KeyError:  # engine.io has already let the connection go
            return {}
        return session

    async def address(self, sid: str) -> str:
        return str((await self._session(sid)).get("address", ""))

    async def joined(self, sid: str) -> Joined | None:
        joined: Joined | None = (await self._session(sid)).get("joined")
        return joined

    async def allow(self, sid: str, bucket: str = "commands") -> bool:
        """Whether the connection may send one more (`commands`, or `whole_boards` asked for)."""
        limit: Bucket | None = (await self._session(sid)).get(bucket)
        return limit is not None and limit.take()

    async def admit(self, sid: str) -> Joined:
        """The caller's board and grant; refused if it sends too fast or has not joined."""
        session = await self._session(sid)
        bucket = session.get("commands")
        if bucket is None or not bucket.take():
            raise Refusal({"ok": False, "error": SLOW_DOWN})
        joined: Joined | None = session.get("joined")
        if joined is None:
            raise Refusal(NOT_JOINED)
        return joined

    async def enter(self, sid: str, joined: Joined) -> None:
        """Put the connection in its rooms and remember the board it is on.

        Nothing here waits on anything (python-socketio's session calls only
        look up a dict), so no event can slip by between the caller's state
        and the rooms.
        """
        for room in rooms(joined):
            self.sio.manager.basic_enter_room(sid, NAMESPACE, room)
        session = await self._session(sid)
        session["joined"] = joined
        await self.sio.save_session(sid, session, namespace=NAMESPACE)

    async def leave(self, sid: str, joined: Joined) -> None:
        """Out of its rooms, and on no board any more."""
        for room in rooms(joined):
            self.sio.manager.basic_leave_room(sid, NAMESPACE, room)
        session = await self._session(sid)
        if session.pop("joined", None) is not None:
            await self.sio.save_session(sid, session, namespace=NAMESPACE)

    def members(self, board_id: str) -> list[str]:
        """Every connection here on the board."""
        return self.in_room(board_room(board_id))

    def in_room(self, room: str) -> list[str]:
        return [sid for sid, _ in self.sio.manager.get_participants(NAMESPACE, room)]
