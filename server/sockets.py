"""Socket.IO handlers: thin `on_<event>` methods that parse, call the hub, ack.

What each connection receives is its board's projection for its audience
(server/fanout.py); the raw log never leaves the server.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any

import socketio
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from board import (
    STAGES,
    Actor,
    Board,
    BoardError,
    Group,
    Undo,
    browser_policy,
    check_may,
    preview_undo,
    project_state,
)
from server.boards import Joined, authenticate, join_by_code
from server.channel import Message
from server.errors import ServerError
from server.fanout import Fanout, rooms
from server.hub import Change, Hub
from server.limits import SLOW_DOWN, CodeGuesses, PerConnection, client_address
from server.rejoin import RejoinCode, base_url, new_code, rejoin, shown
from server.settings import Settings
from server.tokens import Grant, normalise_code
from server.wire import NESTED_TOO_DEEP, TOO_DEEP, encoded, parse, parse_command, refusal

log = logging.getLogger(__name__)
Json = dict[str, Any]

_OP = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
_INTERNAL = {"code": "internal", "message": "Something went wrong on the server. Please try again."}
_UNKNOWN_EVENT = {"code": "unknown_event", "message": "This server does not know that message."}
# The stage list every page shows, from the one place it is kept (board.STAGES).
_STAGES = [info.model_dump(mode="json") for info in STAGES]
# Who may send which command when, from the one policy decide checks.
_POLICY = browser_policy()


class _JoinByCode(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Annotated[str, StringConstraints(min_length=4, max_length=12)]
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] = ""
    group: Group


class _Rejoin(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Annotated[str, StringConstraints(min_length=4, max_length=12)]
    rejoin: Annotated[str, StringConstraints(min_length=4, max_length=12)]


class _JoinByToken(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: Annotated[str, StringConstraints(max_length=200)]


class _Moving(BaseModel):
    model_config = ConfigDict(extra="forbid")

    statement_id: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    moving: bool


class _Nothing(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Sync(BaseModel):
    model_config = ConfigDict(extra="forbid")

    since: int = Field(ge=0)


@dataclass(frozen=True, slots=True)
class _Session:
    board_id: str
    grant: Grant

    @property
    def actor(self) -> Actor:
        return self.grant.actor


def _refused(exc: BoardError | ServerError) -> Json:
    return {"ok": False, "error": exc.as_dict()}


def _no(code: str, message: str) -> Json:
    return {"ok": False, "error": {"code": code, "message": message}}


_NOT_JOINED = _no("not_joined", "Join a board first.")
_WHOLE_BOARD_AGAIN = "The whole board was sent a moment ago. Wait a few seconds, then ask again."


class _Refusal(Exception):
    """An answer to give instead of going on (raised inside a handler)."""

    def __init__(self, answer: Json) -> None:
        super().__init__(answer)
        self.answer = answer


Handler = Callable[..., Awaitable[Json]]


def _acked(handler: Handler) -> Handler:
    """Every refusal a handler meets becomes the plain answer the client gets."""

    @functools.wraps(handler)
    async def answer(self: BoardNamespace, sid: str, data: object = None) -> Json:
        try:
            return await handler(self, sid, data)
        except _Refusal as refused:
            return refused.answer
        except ValidationError as exc:
            return _refused(refusal(exc))
        except (ServerError, BoardError) as exc:
            return _refused(exc)

    return answer


class BoardNamespace(socketio.AsyncNamespace):  # type: ignore[misc]
    def __init__(self, settings: Settings) -> None:
        super().__init__("/")
        self.hub: Hub | None = None
        self._settings = settings
        self._limits = PerConnection(settings.commands_per_second, settings.command_burst)
        self._addresses: dict[str, str] = {}
        self._sessions: dict[str, _Session] = {}
        self.fanout = Fanout(self)
        self._members: Counter[str] = Counter()  # local sessions per board
        # Whole boards asked for with sync are large: a few, then one per 10 s.
        self._whole_boards = PerConnection(0.1, 3)
        self.queue_full = asyncio.Event()

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
            return {"ok": False, "error": _UNKNOWN_EVENT}
        if event in ("connect", "disconnect"):
            return await super().trigger_event(event, *args)
        if NESTED_TOO_DEEP in args:
            return _no("invalid", TOO_DEEP)
        try:
            return await super().trigger_event(event, *args)
        except Exception:
            # A client still gets an answer; the bug is for us to find in the log.
            log.exception("the %r handler failed", event)
            return {"ok": False, "error": _INTERNAL}

    # Connection life

    async def on_connect(self, sid: str, environ: Json, auth: object = None) -> None:
        # python-engineio's REMOTE_ADDR is always 127.0.0.1; the ASGI scope
        # has the real one (or, behind a trusted proxy, its X-Forwarded-For).
        self._addresses[sid] = client_address(environ.get("asgi.scope") or {})
        if not isinstance(auth, dict) or "token" not in auth:
            return
        # The server runs with always_connect, so the client is connected by now
        # and what is emitted here reaches it after the connect, in order. A bad
        # token leaves it connected and told why, free to join by code instead.
        try:
            board_id, grant = await authenticate(self._hub.store, auth["token"])
            state = await self._enter(sid, board_id, grant)
        except (ServerError, BoardError) as exc:
            await self.emit("refused", exc.as_dict(), to=sid)
            return
        since = auth.get("since")
        if isinstance(since, int) and not isinstance(since, bool) and since >= 0:
            await self.fanout.catch_up(sid, board_id, grant.actor, state, since)
        await self._arrived(sid, board_id, grant)

    async def on_disconnect(self, sid: str, reason: object = None) -> None:
        self._limits.forget(sid)
        self._whole_boards.forget(sid)
        self._addresses.pop(sid, None)
        session = self._forget_session(sid)
        if session is None:
            return
        await self._hub.detach(session.board_id)
        if session.grant.participant_id is not None:
            try:
                await self._hub.presence_changed(session.board_id, session.grant.participant_id, -1)
            except ServerError:
                log.warning("could not update presence for board %s", session.board_id)

    # Client events

    async def on_join(self, sid: str, data: object = None) -> Json:
        if not self._limits.allow(sid):
            return {"ok": False, "error": SLOW_DOWN}
        if not isinstance(data, dict):
            return {"ok": False, "error": {"code": "invalid", "message": "Send a code or a token."}}
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
                address = self._addresses.get(sid, "")
                rejoined = await rejoin(self._hub, self._settings, address, code, own)
                board_id, token, grant, at_least = rejoined
                rejoin_code = shown(self._base(sid), code, own)
            else:
                new = parse(_JoinByCode, data, limit)
                joined = await self._join_by_code(sid, new)
                board_id, token, grant, joined_at = joined[:4]
                rejoin_code = shown(self._base(sid), normalise_code(new.code), joined.rejoin_code)
            previous = self._sessions.get(sid)
            if previous is not None:
                await self._leave(sid, previous)
            state = await self._enter(sid, board_id, grant, joined_at or at_least)
            await self._arrived(sid, board_id, grant)
        except (ServerError, BoardError) as exc:
            return _refused(exc)
        actor = self._sessions[sid].actor
        newcomer = joined_at > 0  # just joined by code: nothing of theirs on the board yet
        board = (
            self.fanout.newcomer_state(state, actor) if newcomer else project_state(state, actor)
        )
        answer: Json = {"ok": True, "role": actor.role.value, "token": token, "board": board}
        answer["seq"] = state.seq
        answer["now_ms"] = int(time.time() * 1000)  # so phones count down with the server
        answer["stages"] = _STAGES
        answer["policy"] = _POLICY
        if "you" in board:
            answer["you"] = board["you"]
        if rejoin_code is not None:  # to this person only: a secret
            answer["rejoin"] = rejoin_code.as_json()
        return answer

    @_acked
    async def on_new_rejoin_code(self, sid: str, data: object = None) -> Json:
        """A participant's own new rejoin code (their earlier one stops working)."""
        session = self._admit(sid)
        parse(_Nothing, {} if data is None else data, self._settings.max_command_bytes)
        participant_id = session.grant.participant_id
        if participant_id is None:
            raise _Refusal(_no("not_allowed", "Only a participant has a rejoin code."))
        state = await self._hub.state(session.board_id)
        code = await new_code(self._hub.store, session.board_id, participant_id)
        return {"ok": True, "rejoin": shown(self._base(sid), state.join_code, code).as_json()}

    @_acked
    async def on_command(self, sid: str, data: object = None) -> Json:
        session = self._admit(sid)
        if not isinstance(data, dict):
            raise _Refusal(_no("invalid", "A command is an object."))
        limit = self._settings.max_command_bytes
        encoded(data, limit)  # too large: refused before anything else is looked at
        op = data.get("op")
        if not isinstance(op, str) or not _OP.match(op):
            raise _Refusal(_no("invalid", "op: 8 to 64 letters, digits, - or _."))
        command = parse_command({k: v for k, v in data.items() if k != "op"}, limit)
        if isinstance(command, Undo):
            command = await self._hub.with_target(session.board_id, command)
        # Ops are namespaced by who sent them, so nobody can replay or block another's.
        scoped = f"{session.actor.participant_id or session.actor.role.value}:{op}"
        seq = await self._hub.execute(session.board_id, command, session.actor, scoped)
        return {"ok": True, "seq": seq}

    @_acked
    async def on_preview_undo(self, sid: str, data: object = None) -> Json:
        """What undoing the event at `seq` would change, in words, before anyone does it."""
        session = self._admit(sid)
        asked = data if isinstance(data, dict) else {}
        limit = self._settings.max_command_bytes
        command = await self._hub.with_target(
            session.board_id, parse(Undo, {**asked, "type": "undo"}, limit)
        )
        state = await self._hub.state(session.board_id)
        return {"ok": True, "description": preview_undo(state, command, session.actor)}

    @_acked
    async def on_undoable(self, sid: str, data: object = None) -> Json:
        """Recent facilitator slips that can still be undone, for a console just opened."""
        session = self._admit(sid)
        parse(_Nothing, {} if data is None else data, self._settings.max_command_bytes)
        state = await self._hub.state(session.board_id)
        check_may(state, session.actor, "undo")
        return {"ok": True, "changes": await self._hub.undoable(session.board_id, session.actor)}

    @_acked
    async def on_moving(self, sid: str, data: object = None) -> Json:
        """Someone picked a card up (or put it down): show it as being moved."""
        session = self._admit(sid)
        moving = parse(_Moving, data, self._settings.max_command_bytes)
        state = await self._hub.state(session.board_id)
        check_may(state, session.actor, "move_statement")
        if moving.statement_id not in state.statements:
            raise BoardError("unknown_statement", "That statement is not on this board.")
        await self._hub.announce(session.board_id, "moving", moving.model_dump())
        return {"ok": True}

    @_acked
    async def on_sync(self, sid: str, data: object = None) -> Json:
        session = self._admit(sid)
        since = parse(_Sync, data, self._settings.max_command_bytes).since
        state = await self._hub.state(session.board_id)
        missed = self.fanout.missed(session.board_id, session.actor, state, since)
        if (missed is None or since == 0) and not self._whole_boards.allow(sid):
            raise _Refusal(_no("slow_down", _WHOLE_BOARD_AGAIN))
        if missed is None:
            return {"ok": True, "snapshot": project_state(state, session.actor)}
        return {"ok": True, "events": missed}

    def _admit(self, sid: str) -> _Session:
        """The caller's session; refused if it sends too fast or has not joined."""
        if not self._limits.allow(sid):
            raise _Refusal({"ok": False, "error": SLOW_DOWN})
        session = self._sessions.get(sid)
        if session is None:
            raise _Refusal(_NOT_JOINED)
        return session

    # Rooms, catch-up and fan-out

    def _base(self, sid: str) -> str:
        environ = self.server.get_environ(sid) or {}
        return base_url(self._settings, environ.get("asgi.scope") or {})

    async def _join_by_code(self, sid: str, new: _JoinByCode) -> Joined:
        """A new participant, unless their address has guessed too many wrong codes."""
        address, code = self._addresses.get(sid, ""), normalise_code(new.code)
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

    @property
    def _hub(self) -> Hub:
        assert self.hub is not None, "the app's lifespan sets the hub"
        return self.hub

    async def _enter(self, sid: str, board_id: str, grant: Grant, at_least: int = 0) -> Board:
        grant.actor  # noqa: B018 - refuses a report-only link before anything else
        state = await self._hub.attach(board_id, at_least)
        # No await from here on until the rooms are joined: nothing after
        # `state` can then be missed.
        self._sessions[sid] = _Session(board_id, grant)
        self._members[board_id] += 1
        for room in rooms(board_id, grant):
            self.server.manager.basic_enter_room(sid, self.namespace, room)
        return state

    async def _arrived(self, sid: str, board_id: str, grant: Grant) -> None:
        """A participant counts as here (everyone is told); other screens learn who is."""
        if grant.participant_id is not None:
            await self._hub.presence_changed(board_id, grant.participant_id, +1)
        else:
            await self.emit("presence", await self._hub.presence(board_id), to=sid)

    async def _leave(self, sid: str, session: _Session) -> None:
        for room in rooms(session.board_id, session.grant):
            await self.leave_room(sid, room)
        self._forget_session(sid)
        await self._hub.detach(session.board_id)
        if session.grant.participant_id is not None:
            await self._hub.presence_changed(session.board_id, session.grant.participant_id, -1)

    def _forget_session(self, sid: str) -> _Session | None:
        session = self._sessions.pop(sid, None)
        if session is not None:
            self._members[session.board_id] -= 1
            if self._members[session.board_id] <= 0:
                # Nobody here watches the board: its ready-made events can go.
                del self._members[session.board_id]
                self.fanout.forget(session.board_id)
        return session

    async def changes(self, board_id: str, changes: list[Change]) -> None:
        """New events of a board, for its local screens (projected per audience)."""
        await self.fanout.changes(board_id, changes)

    async def reset(self, board_id: str, state: Board) -> None:
        """The board's log went back (a failover): every screen on it starts again from `state`."""
        self.fanout.forget(board_id)
        for sid, session in list(self._sessions.items()):
            if session.board_id == board_id and session.grant.role != "reader":
                shown = project_state(state, session.actor)
                await self.emit("snapshot", {"board": shown}, to=sid)

    async def transient(self, board_id: str, message: Message) -> None:
        """Presence and "being moved" flags: sent on, never logged. Revoked links: cut off."""
        if message.kind == "deleted":
            gone = {"message": "This board has been deleted."}
            for prefix in ("f", "w", "p"):
                await self.emit("board_deleted", gone, room=f"{prefix}:{board_id}")
            for sid, session in list(self._sessions.items()):
                if session.board_id == board_id:
                    await self.disconnect(sid)
            self.fanout.forget(board_id)
        elif message.kind == "revoked":
            for sid, session in list(self._sessions.items()):
                if session.board_id == board_id and session.grant.token_id == message.body:
                    await self.emit(
                        "refused",
                        {"code": "bad_token", "message": "This link has been turned off."},
                        to=sid,
                    )
                    await self.disconnect(sid)
        else:  # presence, moving
            for prefix in ("f", "w", "p"):
                await self.emit(message.kind, message.body, room=f"{prefix}:{board_id}")

    def slow_client_found(self) -> None:
        """A send queue is full (called from inside engine.io): wake the sweep."""
        self.queue_full.set()

    async def cut_slow_clients(self) -> list[str]:
        """Disconnect clients whose send queue filled up (server/backpressure.py).

        A phone that stopped reading must not grow the server's memory; it
        will reconnect and `sync` when it can read again.
        """
        eio = self.server.eio
        slow = []
        for eio_sid, socket in list(eio.sockets.items()):
            if not getattr(socket.queue, "overflowed", False):
                continue
            slow.append(eio_sid)
            send = (self.server.environ.get(eio_sid) or {}).get("asgi.send")
            # Not eio.disconnect(): it waits for the queue to drain, which a
            # client that never reads never lets happen, and the sweep hangs.
            await socket.close(wait=False, abort=True)
            # The writer is stuck behind a full TCP buffer; only dropping the
            # connection frees it (uvicorn's send is bound to its protocol).
            transport = getattr(getattr(send, "__self__", None), "transport", None)
            if transport is not None:
                transport.abort()
        if slow:
            log.warning("cut loose %d slow clients", len(slow))
        return slow
