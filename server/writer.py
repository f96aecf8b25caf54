"""Runs commands: group commit per board, optimistic concurrency, snapshots.

A command is decided against this worker's copy of the board and appended
with the seq it saw; if another worker got there first the copy catches up
from the log and the command is decided again. Commands for one board queue
up and are committed together: each is decided in turn against the board as
the ones before it left it, and all their events go to Redis in one round
trip, so a busy board costs one round trip per batch, not per command.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from board import Actor, Board, BoardError, Command, Event, decide, event_from_json, fold
from server.errors import ServerError
from server.queries import load_board
from server.store import Store

_RETRIES = 50
_COMMIT_MAX = 200  # commands committed in one round trip at most


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
class _Desk:
    """One board's writer copy and its queue."""

    board_id: str
    state: Board
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    pending: list[_Pending] = field(default_factory=list)
    unresolved: dict[str, asyncio.Future[int]] = field(default_factory=dict)
    committing: bool = False
    committer: asyncio.Task[None] | None = None
    stale: bool = False  # reload from the log before the next commit

    @property
    def busy(self) -> bool:
        return self.committing or self.lock.locked() or bool(self.pending)


class Writer:
    def __init__(self, store: Store, snapshot_every: int) -> None:
        self.store = store
        self._snapshot_every = snapshot_every
        self._desks: dict[str, _Desk] = {}
        self._loading: dict[str, asyncio.Future[_Desk]] = {}

    async def state(self, board_id: str) -> Board:
        """This worker's writer copy of a board, loaded if needed."""
        return (await self._desk(board_id)).state

    def held(self, board_id: str) -> Board | None:
        """The writer copy, if this worker holds one (never loads)."""
        desk = self._desks.get(board_id)
        return desk.state if desk is not None else None

    def offer(self, state: Board) -> None:
        """A newer state seen by the follower: spare the next commit a conflict."""
        desk = self._desks.get(state.id)
        if desk is not None and state.seq > desk.state.seq and not desk.lock.locked():
            desk.state = state

    def evict(self, keep: Callable[[str], bool]) -> int:
        """Forget idle boards (not kept, nothing being written); they load again when needed."""
        idle = [b for b, desk in self._desks.items() if not keep(b) and not desk.busy]
        for board_id in idle:
            del self._desks[board_id]
        return len(idle)

    def forget(self, board_id: str) -> None:
        desk = self._desks.get(board_id)
        if desk is not None and not desk.busy:
            del self._desks[board_id]

    def distrust(self, board_id: str) -> None:
        """The log went back (a failover lost writes): reload before writing again."""
        desk = self._desks.get(board_id)
        if desk is not None:
            desk.stale = True

    def holds(self, board_id: str) -> bool:
        return board_id in self._desks

    async def stop(self) -> None:
        for desk in self._desks.values():
            if desk.committer is not None:
                desk.committer.cancel()

    async def _desk(self, board_id: str) -> _Desk:
        found = self._desks.get(board_id)
        if found is not None:
            return found
        pending = self._loading.get(board_id)
        if pending is None:  # one load per board, however many ask at once
            pending = asyncio.get_running_loop().create_future()
            self._loading[board_id] = pending
            try:
                desk = _Desk(board_id, await load_board(self.store, board_id))
                self._desks[board_id] = desk
                pending.set_result(desk)
            except BaseException as exc:
                pending.set_exception(exc)
                pending.exception()  # mark retrieved: waiters re-raise it themselves
                raise
            finally:
                del self._loading[board_id]
        return await asyncio.shield(pending)

    async def execute(self, board_id: str, command: Command, actor: Actor, op: str) -> int:
        """Decide and append `command` exactly once; the seq its events ended at."""
        desk = await self._desk(board_id)
        same = desk.unresolved.get(op)
        if same is not None:  # a resend while the first is still on its way: one answer
            return await asyncio.shield(same)
        done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        desk.unresolved[op] = done
        done.add_done_callback(lambda _: desk.unresolved.pop(op, None))
        desk.pending.append(_Pending(command, actor, op, done))
        if not desk.committing:
            desk.committing = True
            desk.committer = asyncio.create_task(self._commit(desk))
        return await done

    async def _commit(self, desk: _Desk) -> None:
        try:
            while desk.pending:
                batch, desk.pending = desk.pending[:_COMMIT_MAX], desk.pending[_COMMIT_MAX:]
                async with desk.lock:
                    try:
                        await self._commit_batch(desk, batch)
                    except Exception as exc:  # every caller hears, whatever went wrong
                        for item in batch:
                            item.fail(exc)
        finally:
            desk.committing = False

    async def _commit_batch(self, desk: _Desk, batch: list[_Pending]) -> None:
        for _ in range(_RETRIES):
            if desk.stale:
                desk.state, desk.stale = await load_board(self.store, desk.board_id), False
            state = start = desk.state
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
            if decided:
                ops = [(i.op, [e.model_dump_json() for e in ev]) for i, ev in decided]
                result = await self.store.append_many(desk.board_id, start.seq, ops)
                if result.outcome == "conflict":
                    await self._catch_up(desk, behind=result.seq < start.seq)
                    continue
                if result.outcome == "duplicate":
                    # Resent ops answer as the first time; the rest go again.
                    for item in batch:
                        if item.op in result.duplicates:
                            item.succeed(result.duplicates[item.op])
                    batch = [i for i in batch if i.op not in result.duplicates]
                    continue
                desk.state = state
                await self._maybe_snapshot(state, state.seq - start.seq)
                for item, events in decided:
                    item.succeed(events[-1].seq)
            for item, reason in refused:
                # A resend of a command that already went through is refused
                # by the rules now; answer it as the first time instead.
                first = await self.store.op_seq(desk.board_id, item.op)
                if first is None:
                    item.fail(reason)
                else:
                    item.succeed(first)
            return
        busy = ServerError("busy", "The board is very busy. Please try again.")
        for item in batch:
            item.fail(busy)

    async def _catch_up(self, desk: _Desk, behind: bool) -> None:
        if behind:
            # The log is shorter than this copy: a failover lost writes this
            # worker had seen. Only the log counts; start again from it.
            desk.stale = True
            return
        records = await self.store.read_since(desk.board_id, desk.state.seq)
        desk.state = fold((event_from_json(r) for r in records), desk.state)

    async def _maybe_snapshot(self, state: Board, added: int) -> None:
        every = self._snapshot_every
        if state.seq // every != (state.seq - added) // every:
            await self.store.save_snapshot(state.id, state.seq, state.model_dump_json())
