"""This worker's view of its live boards: runs commands, and fans out the log.

A command is decided against this worker's copy of the board and appended
with the seq it saw; if another worker got there first the copy catches up
from the log and the command is decided again. Fan-out never comes from the
handler that wrote: every worker, the writer too, emits what its board
channels carry, one board at a time, in the order Redis published it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from redis.exceptions import RedisError

from board import (
    EVENT,
    UNDOABLE,
    Actor,
    Board,
    BoardError,
    Command,
    Event,
    Undo,
    apply,
    decide,
    event_from_json,
    fold,
    preview_undo,
)
from server.errors import ServerError, StoreUnavailable
from server.store import Store, channel

log = logging.getLogger(__name__)

Change = tuple[Event, Board]  # an event and the board just after it
Json = dict[str, Any]
FanOut = Callable[[str, list[Change]], Awaitable[None]]
Transient = Callable[[str, dict[str, object]], Awaitable[None]]

_RETRIES = 50
_CATCH_UP_LIMIT = 500  # a client further behind gets a snapshot instead
_BATCH = 500  # channel messages fanned out together at most
_COMMIT_MAX = 200  # commands committed in one round trip at most
_HEARTBEAT_TTL = 30  # seconds: a worker silent this long no longer counts anyone
_PRESENCE_EVERY = 0.2  # seconds: presence changes are told at most this often per board


@dataclass(eq=False, slots=True)
class _Pending:
    """A command waiting for its board's next commit."""

    command: Command
    actor: Actor
    op: str
    done: asyncio.Future[int]

    def succeed(self, seq: int) -> None:
        if not self.done.done():  # its caller may have gone (a dropped connection)
            self.done.set_result(seq)

    def fail(self, exc: BaseException) -> None:
        if not self.done.done():
            self.done.set_exception(exc)


@dataclass(eq=False)
class _Live:
    """One board this worker holds: its writer copy, and its fan-out copy."""

    board_id: str
    state: Board
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    members: int = 0
    fan_state: Board | None = None
    inbox: asyncio.Queue[str | None] = field(default_factory=asyncio.Queue)
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    advanced: asyncio.Condition = field(default_factory=asyncio.Condition)
    task: asyncio.Task[None] | None = None
    deleted: bool = False
    pending: list[_Pending] = field(default_factory=list)
    unresolved: dict[str, asyncio.Future[int]] = field(default_factory=dict)
    committing: bool = False
    committer: asyncio.Task[None] | None = None


class Hub:
    def __init__(
        self, store: Store, fan_out: FanOut, transient: Transient, snapshot_every: int
    ) -> None:
        self.store = store
        self._fan_out = fan_out
        self._transient = transient
        self._snapshot_every = snapshot_every
        self._boards: dict[str, _Live] = {}
        self._loading: dict[str, asyncio.Future[_Live]] = {}
        self._pubsub = store.redis.pubsub(ignore_subscribe_messages=True)
        self._listener: asyncio.Task[None] | None = None
        self._janitor: asyncio.Task[None] | None = None
        self.worker = secrets.token_hex(8)  # this process, in presence counts
        self._presence_due: set[str] = set()
        self._presence_tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        # A private channel keeps the pub/sub connection open with no boards.
        await self._pubsub.subscribe(f"cb:worker:{self.worker}")
        await self.store.heartbeat(self.worker, _HEARTBEAT_TTL)
        self._listener = asyncio.create_task(self._listen(), name="hub-listener")
        self._janitor = asyncio.create_task(self._evict_idle(), name="hub-janitor")

    async def stop(self) -> None:
        tasks = [
            t
            for t in [
                self._listener,
                self._janitor,
                *self._presence_tasks,
                *(b.task for b in self._boards.values()),
            ]
            if t
        ]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        with contextlib.suppress(RedisError, OSError):
            await self._pubsub.aclose()  # type: ignore[no-untyped-call]

    # Loading and caching

    async def _load(self, board_id: str) -> Board:
        snapshot = await self.store.load_snapshot(board_id)
        state = Board(id=board_id)
        if snapshot is not None:
            state = Board.model_validate_json(snapshot[1])
        records = await self.store.read_since(board_id, state.seq)
        state = fold((event_from_json(r) for r in records), state)
        if state.seq == 0:
            raise ServerError("no_board", "There is no board here. Check the link or the code.")
        return state

    async def _live(self, board_id: str) -> _Live:
        found = self._boards.get(board_id)
        if found is not None:
            return found
        pending = self._loading.get(board_id)
        if pending is None:
            pending = asyncio.get_running_loop().create_future()
            self._loading[board_id] = pending
            try:
                live = _Live(board_id, await self._load(board_id))
                self._boards[board_id] = live
                pending.set_result(live)
            except BaseException as exc:
                pending.set_exception(exc)
                pending.exception()  # mark retrieved: waiters re-raise it themselves
                raise
            finally:
                del self._loading[board_id]
        return await asyncio.shield(pending)

    async def state(self, board_id: str) -> Board:
        """The newest state this worker knows, loading the board if needed."""
        live = await self._live(board_id)
        return live.fan_state if live.fan_state is not None else live.state

    # Commands

    async def execute(self, board_id: str, command: Command, actor: Actor, op: str) -> int:
        """Decide and append `command` exactly once; the seq its events ended at.

        Commands for one board queue up and are committed together: each is
        decided in turn against the board as the ones before it left it, and
        all their events go to Redis in one round trip. A busy board then
        costs one round trip per batch, not per command.
        """
        live = await self._live(board_id)
        same = live.unresolved.get(op)
        if same is not None:  # a resend while the first is still on its way: one answer
            return await asyncio.shield(same)
        done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        live.unresolved[op] = done
        done.add_done_callback(lambda _: live.unresolved.pop(op, None))
        live.pending.append(_Pending(command, actor, op, done))
        if not live.committing:
            live.committing = True
            live.committer = asyncio.create_task(self._commit(live))
        return await done

    async def _commit(self, live: _Live) -> None:
        try:
            while live.pending:
                batch, live.pending = live.pending[:_COMMIT_MAX], live.pending[_COMMIT_MAX:]
                async with live.lock:
                    try:
                        await self._commit_batch(live, batch)
                    except Exception as exc:  # every caller hears, whatever went wrong
                        for item in batch:
                            item.fail(exc)
        finally:
            live.committing = False

    async def _commit_batch(self, live: _Live, batch: list[_Pending]) -> None:
        for _ in range(_RETRIES):
            state = start = live.state
            now_ms = int(time.time() * 1000)
            decided: list[tuple[_Pending, list[Event]]] = []
            refused: list[tuple[_Pending, BoardError]] = []
            for item in batch:
                try:
                    events = decide(state, item.command, item.actor, now_ms=now_ms)
                except BoardError as error:
                    refused.append((item, error))
                    continue
                state = fold(events, state)
                decided.append((item, events))
            result = None
            if decided:
                ops = [(i.op, [e.model_dump_json() for e in ev]) for i, ev in decided]
                result = await self.store.append_many(live.board_id, start.seq, ops)
                if result.outcome == "conflict":
                    await self._catch_up(live)
                    continue
                if result.outcome == "duplicate":
                    # Resent ops answer as the first time; the rest go again.
                    for item in batch:
                        if item.op in result.duplicates:
                            item.succeed(result.duplicates[item.op])
                    batch = [i for i in batch if i.op not in result.duplicates]
                    continue
                live.state = state
                await self._maybe_snapshot(state, state.seq - start.seq)
                for item, events in decided:
                    item.succeed(events[-1].seq)
            for item, reason in refused:
                # A resend of a command that already went through is refused
                # by the rules now; answer it as the first time instead.
                first = await self.store.op_seq(live.board_id, item.op)
                if first is None:
                    item.fail(reason)
                else:
                    item.succeed(first)
            return
        busy = ServerError("busy", "The board is very busy. Please try again.")
        for item in batch:
            item.fail(busy)

    async def _catch_up(self, live: _Live) -> None:
        records = await self.store.read_since(live.board_id, live.state.seq)
        live.state = fold((event_from_json(r) for r in records), live.state)

    async def _maybe_snapshot(self, state: Board, added: int) -> None:
        every = self._snapshot_every
        if state.seq // every != (state.seq - added) // every:
            await self.store.save_snapshot(state.id, state.seq, state.model_dump_json())

    async def undoable(self, board_id: str, actor: Actor, most: int = 8) -> list[Json]:
        """Recent slips a facilitator could undo now, newest first, each said in words."""
        state = await self.state(board_id)
        records = [event_from_json(r) for r in await self.store.read_last(board_id, 300)]
        reversals = {e.seq + 1 for e in records if e.type == "undone"}
        found: list[Json] = []
        for event in records:
            if event.seq in reversals or event.seq in state.undone:
                continue
            if event.type not in UNDOABLE:
                continue
            try:
                said = preview_undo(state, Undo(seq=event.seq, target=event), actor)
            except BoardError:
                continue  # the board has moved on since
            found.append({"seq": event.seq, "type": event.type, "description": said})
            if len(found) == most:
                break
        return found

    async def with_target(self, board_id: str, command: Undo) -> Undo:
        """The undo with the event it undoes, from the log (whatever a client sent)."""
        records = await self.store.read_since(board_id, command.seq - 1, limit=1)
        target = event_from_json(records[0]) if records else None
        if target is None or target.seq != command.seq:
            raise ServerError("cannot_undo", "There is nothing like that to undo.")
        return command.model_copy(update={"target": target})

    async def events_since(self, board_id: str, since: int) -> list[Event] | None:
        """What a client missed, or None when a snapshot would serve it better."""
        last = await self.store.last_seq(board_id)
        if last - since > _CATCH_UP_LIMIT:
            return None
        records = await self.store.read_since(board_id, since)
        return [event_from_json(r) for r in records]

    # Membership and fan-out

    async def attach(self, board_id: str, at_least: int = 0) -> Board:
        """Count a local connection in; the fan-out state it starts from.

        The state is at `at_least` or later (a joiner must see their own
        join). The caller must enter its rooms before its next await, so that
        it misses nothing after the state it is given.
        """
        live = await self._live(board_id)
        live.members += 1
        if live.task is None:
            live.ready.clear()
            await self._pubsub.subscribe(channel(board_id))
            live.task = asyncio.create_task(self._run(live), name=f"fan-out {board_id}")
        await live.ready.wait()
        if live.fan_state is None:
            live.members -= 1
            raise ServerError("no_board", "There is no board here. Check the link or the code.")
        async with asyncio.timeout(10), live.advanced:
            await live.advanced.wait_for(
                lambda: live.fan_state is not None and live.fan_state.seq >= at_least
            )
        assert live.fan_state is not None
        return live.fan_state

    async def detach(self, board_id: str) -> None:
        live = self._boards.get(board_id)
        if live is None:
            return
        live.members -= 1
        if live.members > 0 or live.task is None:
            return
        live.task.cancel()
        live.task, live.fan_state = None, None
        live.inbox = asyncio.Queue()
        with contextlib.suppress(RedisError, OSError):
            await self._pubsub.unsubscribe(channel(board_id))

    def evict_idle(self) -> int:
        """Forget boards nobody here watches or writes to; they load again when needed."""
        idle = [
            board_id
            for board_id, live in self._boards.items()
            if live.members <= 0 and live.task is None and not live.lock.locked()
        ]
        for board_id in idle:
            del self._boards[board_id]
        return len(idle)

    async def _evict_idle(self) -> None:
        # Many boards on one deployment: memory follows the boards in use.
        # The same beat tells other workers this one still holds its connections.
        beats = 0
        while True:
            await asyncio.sleep(_HEARTBEAT_TTL / 3)
            with contextlib.suppress(StoreUnavailable):
                await self.store.heartbeat(self.worker, _HEARTBEAT_TTL)
            beats += 1
            if beats % 6 == 0:
                self.evict_idle()

    async def _listen(self) -> None:
        while True:
            try:
                message = await self._pubsub.get_message(timeout=5.0)
            except (RedisError, OSError):
                log.warning("lost the Redis subscription; retrying")
                await asyncio.sleep(0.5)
                self._resync_all()
                continue
            if message is None or message.get("type") != "message":
                continue
            board_id = str(message["channel"]).split("{", 1)[1].split("}", 1)[0]
            live = self._boards.get(board_id)
            if live is not None and live.task is not None:
                live.inbox.put_nowait(message["data"])

    def _resync_all(self) -> None:
        for live in self._boards.values():
            if live.task is not None:
                live.inbox.put_nowait(None)  # None: check the log for anything missed

    async def _run(self, live: _Live) -> None:
        """Fan out one board: load it after subscribing, then follow the channel."""
        try:
            while True:
                try:
                    live.fan_state = await self._load(live.board_id)
                    break
                except StoreUnavailable:
                    await asyncio.sleep(0.5)
                except ServerError:  # deleted meanwhile
                    live.deleted = True
                    return
            live.ready.set()
            while not live.deleted:
                # Whatever has queued up goes out together: under load (a room
                # joining at once) one frame per audience instead of hundreds.
                raws = [await live.inbox.get()]
                while not live.inbox.empty() and len(raws) < _BATCH:
                    raws.append(live.inbox.get_nowait())
                try:
                    await self._handle(live, raws)
                except StoreUnavailable:
                    await asyncio.sleep(0.5)
                    live.inbox.put_nowait(None)
                except Exception:  # a bad message must not stop the board's fan-out
                    log.exception("fan-out failed on board %s", live.board_id)
        finally:
            live.ready.set()  # nobody waits forever on a board that is gone
            if live.deleted:
                await self._drop(live)

    async def _drop(self, live: _Live) -> None:
        live.deleted = True
        if self._boards.get(live.board_id) is live:
            del self._boards[live.board_id]
        with contextlib.suppress(RedisError, OSError):
            await self._pubsub.unsubscribe(channel(live.board_id))

    async def _handle(self, live: _Live, raws: list[str | None]) -> None:
        """Messages in channel order: events batched, announcements in their place."""
        events: list[Event] = []
        resync = False
        for raw in raws:
            if raw is None:  # after a reconnect: check the log
                resync = True
                continue
            decoded = json.loads(raw)
            if isinstance(decoded, dict):
                await self._flush(live, events, resync)
                events, resync = [], False
                live.deleted = bool(decoded.get("deleted"))
                await self._transient(live.board_id, decoded)  # not in the log
                continue
            events.extend(EVENT.validate_python(e) for e in decoded)
        await self._flush(live, events, resync)

    async def _flush(self, live: _Live, events: list[Event], resync: bool) -> None:
        assert live.fan_state is not None
        if not events and not resync:
            return
        last = live.fan_state.seq
        fresh = [e for e in events if e.seq > last]
        gapless = all(e.seq == last + 1 + n for n, e in enumerate(fresh))
        if resync or not gapless:
            # A gap (or a reconnect): the log has everything, in order.
            records = await self.store.read_since(live.board_id, last)
            fresh = [event_from_json(r) for r in records]
        await self._emit(live, fresh)

    async def _emit(self, live: _Live, events: list[Event]) -> None:
        assert live.fan_state is not None
        changes: list[Change] = []
        state = live.fan_state
        for event in events:
            if event.seq <= state.seq:
                continue
            state = apply(state, event)
            changes.append((event, state))
        live.fan_state = state
        async with live.advanced:
            live.advanced.notify_all()
        if state.seq > live.state.seq and not live.lock.locked():
            live.state = state  # spare the writer a conflict next time
        if changes:
            await self._fan_out(live.board_id, changes)

    async def presence_changed(self, board_id: str, participant_id: str, by: int) -> None:
        """Count a participant's connection in or out; every worker hears shortly."""
        await self._live(board_id)  # no such board: no count
        await self.store.online(board_id, self.worker, participant_id, by)
        if board_id in self._presence_due:
            return
        # A room joining at once would otherwise send everyone a count per joiner.
        self._presence_due.add(board_id)
        task = asyncio.create_task(self._tell_presence(board_id))
        self._presence_tasks.add(task)
        task.add_done_callback(self._presence_tasks.discard)

    async def _tell_presence(self, board_id: str) -> None:
        await asyncio.sleep(_PRESENCE_EVERY)
        self._presence_due.discard(board_id)
        try:
            presence = await self.presence(board_id)
            await self.store.publish(board_id, json.dumps({"presence": presence}))
        except ServerError:
            log.warning("could not tell who is here on board %s", board_id)

    async def presence(self, board_id: str) -> Json:
        """How many participants are connected now, by group (never who)."""
        live = await self._live(board_id)
        online = await self.store.online_now(board_id)
        state = live.fan_state or live.state
        by_group: dict[str, int] = {}
        for pid in online:
            person = state.participants.get(pid)
            if person is not None:
                by_group[person.group.value] = by_group.get(person.group.value, 0) + 1
        return {"connected": sum(by_group.values()), "by_group": by_group}

    async def announce(self, board_id: str, message: dict[str, object]) -> None:
        """Tell every worker's clients of this board something that is not logged."""
        await self.store.publish(board_id, json.dumps(message))
