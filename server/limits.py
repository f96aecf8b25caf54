"""Limits on how fast one connection or one address may ask for things."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from server.errors import ServerError
from server.store import Store

SLOW_DOWN = {
    "code": "slow_down",
    "message": "That was a lot at once. Wait a moment, then try again.",
}
TOO_MANY_GUESSES = {
    "code": "slow_down",
    "message": "Too many wrong codes from here. Wait a minute, then try again.",
}
TOO_MANY_REJOINS = {
    "code": "slow_down",
    "message": "Too many wrong rejoin codes for this workshop just now. "
    "Wait a minute, then try again.",
}
# An address past its limit may still join with a code it has just used
# (it learns nothing new), until its wrong codes pass this many times the limit.
_KNOWN_CODES_UNTIL = 10


def client_address(scope: Mapping[str, Any]) -> str:
    """The client's address, as the ASGI server (and a trusted proxy) told it."""
    client = scope.get("client")
    return str(client[0]) if client else ""


class CodeGuesses:
    """Wrong join codes, counted per address, so codes cannot be guessed one by one.

    A join *link* (a token) never counts: its 256-bit secret cannot be
    guessed, so a flood of wrong codes never stops anyone holding one. And an
    address past its limit may still use the codes of boards joined from it
    in the last minute: one room on a shared network is not locked out by a
    phone in the next room that keeps mistyping its own code.
    """

    def __init__(self, store: Store, per_minute: int) -> None:
        self._store = store
        self._per_minute = per_minute

    async def check(self, address: str, code: str) -> None:
        """Refuse with `slow_down` an address that has tried too many wrong codes."""
        wrong = await self._store.failures(address)
        if wrong < self._per_minute:
            return
        if wrong < self._per_minute * _KNOWN_CODES_UNTIL and await self._store.joined_from(
            address, code
        ):
            return
        await self._store.failures(address, add=True)  # hammering while refused counts too
        raise ServerError(TOO_MANY_GUESSES["code"], TOO_MANY_GUESSES["message"])

    async def wrong(self, address: str) -> None:
        await self._store.failures(address, add=True)

    async def right(self, address: str, code: str) -> None:
        await self._store.joined_from(address, code, add=True)


class BoardGuesses:
    """Wrong rejoin codes, counted per board as well as per address.

    Many addresses together could otherwise guess a board's rejoin codes
    faster than any one of them may. Only rejoin codes count here: joining
    by the board's own code, or with a link, is never held up by it.
    """

    def __init__(self, store: Store, per_minute: int) -> None:
        self._store = store
        self._per_minute = per_minute

    async def check(self, board_id: str) -> None:
        if await self._store.rejoin_failures(board_id) >= self._per_minute:
            raise ServerError(TOO_MANY_REJOINS["code"], TOO_MANY_REJOINS["message"])

    async def wrong(self, board_id: str) -> None:
        await self._store.rejoin_failures(board_id, add=True)


@dataclass(slots=True)
class Bucket:
    """A token bucket: `rate` a second on average, bursts of up to `burst`."""

    rate: float
    burst: float
    tokens: float = -1.0
    updated: float = field(default_factory=time.monotonic)

    def take(self) -> bool:
        now = time.monotonic()
        if self.tokens < 0:
            self.tokens = self.burst
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class PerConnection:
    """One bucket per connection; forgotten when it goes."""

    def __init__(self, rate: float, burst: float) -> None:
        self.rate, self.burst = rate, burst
        self._buckets: dict[str, Bucket] = {}

    def allow(self, sid: str) -> bool:
        bucket = self._buckets.get(sid)
        if bucket is None:
            bucket = self._buckets[sid] = Bucket(self.rate, self.burst)
        return bucket.take()

    def forget(self, sid: str) -> None:
        self._buckets.pop(sid, None)
