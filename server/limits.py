"""Limits on how fast one connection or one address may ask for things."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

SLOW_DOWN = {
    "code": "slow_down",
    "message": "That was a lot at once. Wait a moment, then try again.",
}
TOO_MANY_GUESSES = {
    "code": "slow_down",
    "message": "Too many wrong codes from here. Wait a minute, then try again.",
}


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
