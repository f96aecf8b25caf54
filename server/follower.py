"""Follows the boards this worker's screens watch: subscription, ordered fan-out, gap repair.

Fan-out never comes from the handler that wrote: every worker, the writer
too, emits what its board channels carry, one board at a time, in the order
Redis published it. A gap, or a subscription that was lost and made again,
is repaired from the log, which has everything in order. After a failover
the log may even have gone back (the old primary published events its
replica never got): then the board is reloaded and every screen on it gets
a fresh snapshot.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from board import EVENT, Board, Event, apply, event_from_json
from server.channel import Message
from server.errors import ServerError, StoreUnavailable
from server.queries import event_at, load_board, no_board
from server.store import Store

log = logging.getLogger(__name__)

Change = tuple[Event, Board]  # an event and the board just after it

_BATCH = 500  # channel messages fanned out together at most
_CATCH_UP_S = 10  # how long a joiner waits for the fan-out to reach their own join


class Screens(Protocol):
    """Where a board's news goes: this worker's connections (server/screens.py)."""

    async def changes(self, board_id: str, changes: list[Change]) -> None: ...

    async def transient(self, board_id: str, message: Message) -> None: ...

    async def reset(self, board_id: str, state: Board) -> None: ...


@dataclass(eq=False)
class _Followed:
    board_id: str
    members: int = 0
    state: Board | None = None
    last: Event | None = None  # the newest event fanned out: to notice a log gone back
    inbox: asyncio.Queue[Message | None] = field(default_factory=asyncio.Queue)
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    advanced: asyncio.Condition = field(default_factory=asyncio.Condition)
    task: asyncio.Task[None] | None = None
    deleted: bool = False


class Follower:
    def __init__(
        self,
        store: Store,
        screens: Screens,
        seen: Callable[[Board], None],
        rewound: Callable[[str], None],
        gone: Callable[[str], None],
    ) -> None:
        self.store = store
        self.screens = screens
        self._seen, self._rewound, self._gone = seen, rewound, gone
        self._boards: dict[str, _Followed] = {}
        self._subscriptions = store.subscriptions(self._message, self._lost)

    def follows(self, board_id: str) -> bool:
        return board_id in self._boards

    def state(self, board_id: str) -> Board | None:
        followed = self._boards.get(board_id)
        return followed.state if followed is not None else None

    def followed(self) -> list[Board]:
        """The newest state of every board this worker follows (its screens' boards)."""
        return [f.state for f in self._boards.values() if f.state is not None and not f.deleted]

    async def attach(self, board_id: str, at_least: int = 0) -> Board:
        """Count a local connection in; the fan-out state it starts from.

        The state is at `at_least` or later (a joiner must see their own
        join). The caller must enter its rooms before its next await, so that
        it misses nothing after the state it is given.
        """
        followed = self._boards.setdefault(board_id, _Followed(board_id))
        followed.members += 1
        if followed.task is None:
            followed.ready.clear()
            # Subscribed first, loaded after: nothing published in between is missed.
            await self._subscriptions.add(board_id)
            followed.task = asyncio.create_task(self._run(followed), name=f"follow {board_id}")
        await followed.ready.wait()
        if followed.state is None:
            await self.detach(board_id)
            raise no_board()
        try:
            async with asyncio.timeout(_CATCH_UP_S), followed.advanced:
                await followed.advanced.wait_for(
                    lambda: followed.state is not None and followed.state.seq >= at_least
                )
        except TimeoutError:
            await self.detach(board_id)
            raise ServerError("busy", "The board is very busy. Please try again.") from None
        assert followed.state is not None
        return followed.state

    async def reached(self, board_id: str, seq: int, timeout: float = _CATCH_UP_S) -> bool:
        """Wait until the fan-out of a followed board has reached `seq`; whether it did.

        This worker's own writes are answered before their events come back
        through Redis, so a screen asking right after its own command would
        otherwise be told less than the board already holds.
        """
        followed = self._boards.get(board_id)
        if followed is None:
            return False
        try:
            async with asyncio.timeout(timeout), followed.advanced:
                await followed.advanced.wait_for(
                    lambda: followed.state is not None and followed.state.seq >= seq
                )
        except TimeoutError:
            return False
        return True

    async def detach(self, board_id: str) -> None:
        followed = self._boards.get(board_id)
        if followed is None:
            return
        followed.members -= 1
        if followed.members > 0:
            return
        del self._boards[board_id]
        if followed.task is not None:
            followed.task.cancel()
        await self._subscriptions.remove(board_id)

    async def stop(self) -> None:
        tasks = [f.task for f in self._boards.values() if f.task is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await self._subscriptions.close()

    def _message(self, board_id: str, message: Message | None) -> None:
        followed = self._boards.get(board_id)
        if followed is not None:
            followed.inbox.put_nowait(message)

    def _lost(self, board_ids: list[str]) -> None:
        for board_id in board_ids:
            self._message(board_id, None)  # None: look in the log for what was missed

    async def _run(self, followed: _Followed) -> None:
        """Fan out one board: load it (after subscribing), then follow the channel."""
        try:
            while True:
                try:
                    state = await load_board(self.store, followed.board_id)
                    followed.last = await event_at(self.store, state.id, state.seq)
                    followed.state = state
                    break
                except StoreUnavailable:
                    await asyncio.sleep(0.5)
                except ServerError:  # no such board, or deleted meanwhile
                    return
            followed.ready.set()
            while not followed.deleted:
                # Whatever has queued up goes out together: under load (a room
                # joining at once) one frame per audience instead of hundreds.
                messages = [await followed.inbox.get()]
                while not followed.inbox.empty() and len(messages) < _BATCH:
                    messages.append(followed.inbox.get_nowait())
                try:
                    await self._handle(followed, messages)
                except StoreUnavailable:
                    await asyncio.sleep(0.5)
                    followed.inbox.put_nowait(None)
                except Exception:  # a bad message must not stop the board's fan-out
                    log.exception("fan-out failed on board %s", followed.board_id)
        finally:
            followed.ready.set()  # nobody waits forever on a board that is gone
            if followed.deleted:
                if self._boards.get(followed.board_id) is followed:
                    del self._boards[followed.board_id]
                self._gone(followed.board_id)
                with contextlib.suppress(ServerError):
                    await self._subscriptions.remove(followed.board_id)

    async def _handle(self, followed: _Followed, messages: list[Message | None]) -> None:
        """Messages in channel order: events batched, the other kinds in their place."""
        events: list[Event] = []
        resync = False
        for message in messages:
            if message is None:  # subscribed again after a loss: check the log
                resync = True
            elif message.kind == "events":
                events.extend(EVENT.validate_python(e) for e in message.body)
            else:
                await self._flush(followed, events, resync)
                events, resync = [], False
                followed.deleted = followed.deleted or message.kind == "deleted"
                await self.screens.transient(followed.board_id, message)  # not in the log
        await self._flush(followed, events, resync)

    async def _flush(self, followed: _Followed, events: list[Event], resync: bool) -> None:
        assert followed.state is not None
        if not events and not resync:
            return
        if resync and await self._went_back(followed):
            return
        last = followed.state.seq
        fresh = [e for e in events if e.seq > last]
        gapless = all(e.seq == last + 1 + n for n, e in enumerate(fresh))
        if resync or not gapless:
            # A gap (or a reconnect): the log has everything, in order.
            records = await self.store.read_since(followed.board_id, last)
            fresh = [event_from_json(r) for r in records]
        await self._emit(followed, fresh)

    async def _went_back(self, followed: _Followed) -> bool:
        """After a loss: is the newest event fanned out still the log's? If not, start over."""
        assert followed.state is not None
        if followed.last is None:
            return False
        logged = await event_at(self.store, followed.board_id, followed.last.seq)
        if logged == followed.last:
            return False
        log.warning("board %s: the log went back after a failover; reloading", followed.board_id)
        state = await load_board(self.store, followed.board_id)
        followed.state = state
        followed.last = await event_at(self.store, state.id, state.seq)
        self._rewound(followed.board_id)
        await self.screens.reset(followed.board_id, state)
        return True

    async def _emit(self, followed: _Followed, events: list[Event]) -> None:
        assert followed.state is not None
        changes: list[Change] = []
        state = followed.state
        for event in events:
            if event.seq <= state.seq:
                continue
            state = apply(state, event)
            changes.append((event, state))
        followed.state = state
        if changes:
            followed.last = changes[-1][0]
        async with followed.advanced:
            followed.advanced.notify_all()
        self._seen(state)
        if changes:
            await self.screens.changes(followed.board_id, changes)
