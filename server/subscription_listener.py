"""One connection's subscriptions (the one Redis, or one cluster node) and the task reading them.

It subscribes its boards when it connects, hands every message on in the
order Redis sent it, names each board to `on_lost` once Redis confirms its
subscription, and after a loss connects again wherever each board's slot
lives now (server/subscriptions.py places the boards).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import Counter
from typing import TYPE_CHECKING, Any

from redis.asyncio.client import PubSub, Redis

from server.channel import board_of, channel, decode
from server.redis_client import REDIS_ERRORS

if TYPE_CHECKING:
    from server.subscriptions import Subscriptions

log = logging.getLogger(__name__)

_READ_TIMEOUT = 1.0  # seconds a read waits before the listener looks around
_CHECK_EVERY = 2.0  # seconds between checks that each board's slot has not moved
_BACKOFF = (0.05, 0.1, 0.25, 0.5, 1.0)


class Moved(Exception):
    """Redis unsubscribed a board itself: its slot went to another shard."""


class Listener:
    """One connection's subscriptions and the task that reads them."""

    def __init__(self, owner: Subscriptions, name: str, host: str | None, port: int | None):
        self.owner, self.name, self.host, self.port = owner, name, host, port
        self.boards: set[str] = set()
        self._repair: set[str] = set()  # to look in the log once Redis confirms them
        self._leaving: Counter[str] = Counter()  # our own SUNSUBSCRIBEs not confirmed yet
        self._client: Redis | None = None
        self._pubsub: PubSub | None = None
        self._lock = asyncio.Lock()
        self._broken = False
        self._task: asyncio.Task[None] | None = None
        self.finished = False

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"subscriptions {self.name}")

    async def stop(self) -> None:
        if self._task is not None and self._task is not asyncio.current_task():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        async with self._lock:
            await self._close()

    async def take(self, board_id: str) -> bool:
        """Subscribe a board here; False if this listener has ended meanwhile."""
        async with self._lock:
            if self.finished:
                return False
            self.boards.add(board_id)
            # Told to look in the log once Redis confirms: whatever was
            # published before that, and not heard, is in the log by then.
            self._repair.add(board_id)
            if self._pubsub is None:
                return True  # the listener subscribes it when it connects
            try:
                await self._subscribe([board_id])
            except REDIS_ERRORS:
                self._broken = True  # the listener starts over
        return True

    async def drop(self, board_id: str, tell_redis: bool = True) -> None:
        async with self._lock:
            self.boards.discard(board_id)
            self._repair.discard(board_id)
            if self._pubsub is None or not tell_redis:
                return
            name = channel(board_id)
            try:
                if self.owner.sharded:
                    self._leaving[board_id] += 1
                    await self._pubsub.sunsubscribe(name)
                else:
                    await self._pubsub.unsubscribe(name)
            except REDIS_ERRORS:
                self._broken = True

    async def _subscribe(self, boards: list[str]) -> None:
        assert self._pubsub is not None
        if not boards:
            return
        if self.owner.sharded:
            for board_id in boards:  # channels of several slots cannot share one SSUBSCRIBE
                await self._pubsub.ssubscribe(channel(board_id))
        else:
            await self._pubsub.subscribe(*(channel(b) for b in boards))

    async def _close(self) -> None:
        self._leaving.clear()
        pubsub, self._pubsub = self._pubsub, None
        client, self._client = self._client, None
        with contextlib.suppress(*REDIS_ERRORS):
            if pubsub is not None:
                await pubsub.aclose()  # type: ignore[no-untyped-call]
            if client is not None:
                await client.aclose()

    async def _connect(self) -> None:
        async with self._lock:
            await self._close()
            self._broken = False
            self._client = self.owner.node_client(self.host, self.port)
            self._pubsub = self._client.pubsub()
            self._repair |= self.boards
            try:
                await self._subscribe(sorted(self.boards))
            except BaseException:
                await self._close()
                raise

    async def _run(self) -> None:
        attempt = 0
        unplaced = self.owner.sharded and self.host is None
        while True:
            try:
                if attempt or unplaced:
                    await self._rehome()
                if not self.boards:
                    break
                if unplaced:
                    raise Moved("the cluster's slot map is not known yet")
                await self._connect()
                attempt = 0
                await self._read()
                break  # every board has gone elsewhere
            except (*REDIS_ERRORS, Moved) as exc:
                log.warning("subscriptions on %s lost (%s); subscribing again", self.name, exc)
                async with self._lock:
                    await self._close()
                await asyncio.sleep(_BACKOFF[min(attempt, len(_BACKOFF) - 1)])
                attempt += 1
        self.owner.forget(self)
        async with self._lock:
            await self._close()

    async def _rehome(self) -> None:
        """After a loss: boards whose slot now lives on another node follow it there."""
        with contextlib.suppress(*REDIS_ERRORS):
            await self.owner.refresh()
        for board_id in sorted(self.boards):
            try:
                name = self.owner.owner(board_id)[0]
            except (*REDIS_ERRORS, KeyError):
                continue
            if name != self.name:
                await self.owner.move(board_id)

    async def _read(self) -> None:
        checked = time.monotonic()
        while True:
            pubsub = self._pubsub
            if pubsub is None or self._broken:
                raise Moved("the connection broke while subscribing")
            message: dict[str, Any] | None = await pubsub.get_message(timeout=_READ_TIMEOUT)
            if message is not None:
                self._deliver(message)
            if self.owner.sharded and time.monotonic() - checked > _CHECK_EVERY:
                checked = time.monotonic()
                await self._check_homes()
            if not self.boards:
                return

    def _deliver(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind in ("message", "smessage"):
            board_id = board_of(str(message["channel"]))
            if board_id not in self.boards:
                return
            try:
                decoded = decode(str(message["data"]))
            except ValueError:
                log.warning("ignored a message on %s that is not a board's", message["channel"])
                return
            self.owner.on_message(board_id, decoded)
        elif kind in ("subscribe", "ssubscribe"):
            board_id = board_of(str(message["channel"]))
            if board_id in self._repair:
                self._repair.discard(board_id)
                self.owner.on_lost([board_id])
        elif kind == "sunsubscribe":
            board_id = board_of(str(message["channel"]))
            if self._leaving[board_id] > 0:  # ours (the board may be back since)
                self._leaving[board_id] -= 1
                if not self._leaving[board_id]:
                    del self._leaving[board_id]
            elif board_id in self.boards:
                # Not asked for: the slot moved (resharding, or this node became a replica).
                raise Moved(f"{message['channel']} moved")

    async def _check_homes(self) -> None:
        # The cluster client learns of a failover from any command that meets
        # it; boards it now places elsewhere follow.
        for board_id in sorted(self.boards):
            with contextlib.suppress(*REDIS_ERRORS, KeyError):
                if self.owner.owner(board_id)[0] != self.name:
                    await self.owner.move(board_id)
