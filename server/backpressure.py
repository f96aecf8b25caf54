"""Each client's send queue, bounded in bytes: a phone that stops reading costs the room nothing.

python-engineio keeps one queue per connection of what is still to be
written to it. A client that stops reading lets that queue grow without end
(whole boards asked for again and again, the room's events), so the queue
counts the bytes it holds; past the limit it takes nothing more and says so,
and the connection is cut loose. The client reconnects and catches up with
`sync`, so nothing it dropped is lost.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any


def _size(item: Any) -> int:
    data = getattr(item, "data", None)
    return len(data) if isinstance(data, str | bytes) else 0


class ByteQueue(asyncio.Queue[Any]):
    """An engine.io send queue that counts its bytes and stops growing past `limit`."""

    def __init__(self, limit: int, full: Callable[[], None]) -> None:
        super().__init__()
        self.limit = limit
        self.bytes = 0
        self.overflowed = False
        self._full = full

    def put_nowait(self, item: Any) -> None:
        size = _size(item)
        # One message is always taken, however big, when nothing else waits.
        over = self.bytes > 0 and self.bytes + size > self.limit
        if size and (self.overflowed or over):
            # Dropped (not even counted as a task, so a close that waits for
            # the queue to drain still can): the connection is being cut loose.
            if not self.overflowed:
                self.overflowed = True
                self._full()
            return
        self.bytes += size
        super().put_nowait(item)

    def _get(self) -> Any:
        item = super()._get()
        self.bytes -= _size(item)
        return item


def bound_queues(eio: Any, limit: int, full: Callable[[], None]) -> None:
    """Give every new connection of an engine.io server a queue of at most `limit` bytes."""
    eio.create_queue = lambda *args, **kwargs: ByteQueue(limit, full)
