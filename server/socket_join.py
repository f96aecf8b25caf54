"""Joining a board over Socket.IO: by code, by token, by rejoin code, after a reconnect; leaving.

A connection that carries `auth {token, since}` is back on its board as it
connects and gets what it missed; `join` takes a code (a new participant),
the code with a person's rejoin code (server/rejoin.py), or a token.
Entering a board puts the connection in its rooms before anything can be
missed; leaving takes it out, on a new join or a disconnect.
"""

from __future__ import annotations

import logging
import time
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from board import STAGES, UNDOABLE, Board, BoardError, Group, Role, browser_policy, project_state
from server.boards import Joined as NewParticipant
from server.boards import authenticate, join_by_code
from server.errors import ServerError
from server.hub import Hub
from server.limits import SLOW_DOWN, CodeGuesses, client_address
from server.rejoin import RejoinCode, base_url, new_code, rejoin, shown
from server.screens import Screens
from server.settings import Settings
from server.socket_answers import Json, Refusal, acked, no, refused
from server.socket_sessions import NAMESPACE, Joined, Sessions
from server.tokens import Grant, normalise_code
from server.wire import parse

log = logging.getLogger(__name__)

# The stage list every page shows, from the one place it is kept (board.STAGES).
_STAGES = [info.model_dump(mode="json") for info in STAGES]
# Who may send which command when, from the one policy decide checks.
_POLICY = browser_policy()
# The kinds of event an undo reverses, for a console's undo list.
_UNDOABLE = sorted(UNDOABLE)


class _JoinByCode(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Annotated[str, StringConstraints(min_length=4, max_length=12)]
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] = ""
    group: Group


class _Rejoin(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Annotated[str, StringConstraints(min_length=4, max_length=12)]
    rejoin: Annotated[str, StringConstraints(min_length=4, max_length=12)]


class _Nothing(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _JoinByToken(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: Annotated[str, StringConstraints(max_length=200)]


class Joining:
    def __init__(self, hub: Hub, settings: Settings, sessions: Sessions, screens: Screens) -> None:
        self._hub = hub
        self._settings = settings
        self._sessions = sessions
        self._screens = screens

    async def connect(self, sid: str, environ: Json, auth: object) -> None:
        # python-engineio's REMOTE_ADDR is always 127.0.0.1; the ASGI scope
        # has the real one (or, behind a trusted proxy, its X-Forwarded-For).
        await self._sessions.connected(sid, client_address(environ.get("asgi.scope") or {}))
        if not isinstance(auth, dict) or "token" not in auth:
            return
        # The server runs with always_connect, so the client is connected by now
        # and what is emitted here reaches it after the connect, in order. A bad
        # token leaves it connected and told why, free to join by code instead.
        try:
            board_id, grant = await authenticate(self._hub.store, auth["token"])
            state = await self._enter(sid, Joined(board_id, grant))
        except (ServerError, BoardError) as exc:
            await self._emit("refused", exc.as_dict(), sid)
            return
        since = auth.get("since")
        if isinstance(since, int) and not isinstance(since, bool) and since >= 0:
            await self._screens.fanout.catch_up(sid, board_id, grant.actor, state, since)
        await self._arrived(sid, board_id, grant)

    async def disconnect(self, sid: str) -> None:
        joined = await self._sessions.joined(sid)
        if joined is None:
            return
        try:
            await self._leave(sid, joined)
        except ServerError:
            log.warning("could not update presence for board %s", joined.board_id)

    async def join(self, sid: str, data: object) -> Json:
        if not await self._sessions.allow(sid):
            return {"ok": False, "error": SLOW_DOWN}
        if not isinstance(data, dict):
            return no("invalid", "Send a code or a token.")
        limit = self._settings.max_command_bytes
        try:
            token: str | None = None
            joined_at = at_least = 0
            rejoin_code: RejoinCode | None = None
            if "token" in data:
                token = parse(_JoinByToken, data, limit).token
                board_id, grant = await authenticate(self._hub.store, token)
            elif "rejoin" in data:
                asked = parse(_Rejoin, data, limit)
                code, own = normalise_code(asked.code), normalise_code(asked.rejoin)
                address = await self._sessions.address(sid)
                rejoined = await rejoin(self._hub, self._settings, address, code, own)
                board_id, token, grant, at_least = rejoined
                rejoin_code = shown(self._base(sid), code, own)
            else:
                new = parse(_JoinByCode, data, limit)
                joined = await self._join_by_code(sid, new)
                board_id, token, grant, joined_at = joined[:4]
                rejoin_code = shown(self._base(sid), normalise_code(new.code), joined.rejoin_code)
            previous = await self._sessions.joined(sid)
            if previous is not None:
                await self._leave(sid, previous)
            state = await self._enter(sid, Joined(board_id, grant), joined_at or at_least)
            await self._arrived(sid, board_id, grant)
        except (ServerError, BoardError) as exc:
            return refused(exc)
        actor = grant.actor
        newcomer = joined_at > 0  # just joined by code: nothing of theirs on the board yet
        fanout = self._screens.fanout
        board = fanout.newcomer_state(state, actor) if newcomer else project_state(state, actor)
        answer: Json = {"ok": True, "role": actor.role.value, "token": token, "board": board}
        answer["seq"] = state.seq
        answer["now_ms"] = int(time.time() * 1000)  # so phones count down with the server
        answer["stages"] = _STAGES
        answer["policy"] = _POLICY
        if actor.role == Role.FACILITATOR:
            answer["undoable"] = _UNDOABLE
        if "you" in board:
            answer["you"] = board["you"]
        if rejoin_code is not None:  # to this person only: a secret
            answer["rejoin"] = rejoin_code.as_json()
        return answer

    @acked
    async def new_rejoin_code(self, sid: str, data: object = None) -> Json:
        """A participant's own new rejoin code (their earlier one stops working)."""
        joined = await self._sessions.admit(sid)
        parse(_Nothing, {} if data is None else data, self._settings.max_command_bytes)
        participant_id = joined.grant.participant_id
        if participant_id is None:
            raise Refusal(no("not_allowed", "Only a participant has a rejoin code."))
        state = await self._hub.state(joined.board_id)
        code = await new_code(self._hub.store, joined.board_id, participant_id)
        return {"ok": True, "rejoin": shown(self._base(sid), state.join_code, code).as_json()}

    def _base(self, sid: str) -> str:
        """Where this connection reached the server: the base of links made for it."""
        environ = self._sessions.sio.get_environ(sid, namespace=NAMESPACE) or {}
        return base_url(self._settings, environ.get("asgi.scope") or {})

    async def _join_by_code(self, sid: str, new: _JoinByCode) -> NewParticipant:
        """A new participant, unless their address has guessed too many wrong codes."""
        address, code = await self._sessions.address(sid), normalise_code(new.code)
        guesses = CodeGuesses(self._hub.store, self._settings.failed_joins_per_minute)
        await guesses.check(address, code)
        try:
            joined = await join_by_code(self._hub, code, new.name, new.group)
        except ServerError as exc:
            if exc.code == "bad_code":
                await guesses.wrong(address)
            raise
        await guesses.right(address, code)
        return joined

    async def _enter(self, sid: str, joined: Joined, at_least: int = 0) -> Board:
        joined.actor  # noqa: B018 - refuses a report-only link before anything else
        state = await self._hub.attach(joined.board_id, at_least)
        # Nothing waits from here until the rooms are joined: nothing after
        # `state` can then be missed.
        await self._sessions.enter(sid, joined)
        return state

    async def _arrived(self, sid: str, board_id: str, grant: Grant) -> None:
        """A participant counts as here (everyone is told); other screens learn who is."""
        if grant.participant_id is not None:
            await self._hub.presence_changed(board_id, grant.participant_id, +1)
        else:
            await self._emit("presence", await self._hub.presence(board_id), sid)

    async def _leave(self, sid: str, joined: Joined) -> None:
        await self._sessions.leave(sid, joined)
        self._screens.left(joined.board_id)
        await self._hub.detach(joined.board_id)
        if joined.grant.participant_id is not None:
            await self._hub.presence_changed(joined.board_id, joined.grant.participant_id, -1)

    async def _emit(self, event: str, data: object, sid: str) -> None:
        await self._sessions.sio.emit(event, data, to=sid, namespace=NAMESPACE)
