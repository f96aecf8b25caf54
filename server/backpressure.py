"""Each client's send queue, bounded in bytes, and the cut-off of a client that stops reading.

python-engineio keeps one queue per connection of what is still to be
written to it. A client that stops reading lets that queue grow without end
(whole boards asked for again and again, the room's events), so the queue
counts the bytes it holds; past the limit it takes nothing more and says so,
and the connection is cut loose. The client reconnects and catches up with
`sync`, so nothing it dropped is lost.

This is the one module that reaches into python-engineio's and uvicorn's
insides (nothing public does either job): engine.io's `create_queue`, its
`sockets` and each socket's `queue` and `close(wait=, abort=)`, the
`asgi.send` of python-socketio's `environ`, and uvicorn's websocket protocol
behind that `send` (`__self__.transport`). `CHECKED_WITH` names the versions
it was checked against; tests/server/test_backpressure.py fails when the
installed ones move outside them, and says what to check again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

# Package: (lowest version checked, first version not checked yet).
CHECKED_WITH = {
    "python-engineio": ("4.15", "4.16"),
    "uvicorn": ("0.54", "0.55"),
}
WHAT_TO_CHECK = {
    "python-engineio": (
        "AsyncServer.create_queue is still called once per connection and its queue "
        "still has put_nowait/_get; AsyncServer.sockets still maps sid to sockets with "
        "`queue` and `close(wait=False, abort=True)`, and that close still does not "
        "wait for the queue; the ASGI environ still carries `asgi.send`"
    ),
    "uvicorn": (
        "the websocket protocols' `send` is still a bound method of the protocol, "
        "which still has `transport` (aborting it frees a writer stuck on a full "
        "TCP buffer)"
    ),
}


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


class SlowClients:
    """Bounds every connection's send queue of a python-socketio server, and cuts loose
    the clients whose queue filled up: a phone that stopped reading must not grow the
    server's memory; it will reconnect and `sync` when it can read again."""

    def __init__(self, sio: Any, limit: int) -> None:
        self._sio = sio
        self.queue_full = asyncio.Event()
        sio.eio.create_queue = lambda *args, **kwargs: ByteQueue(limit, self.queue_full.set)

    async def sweep(self) -> None:
        """Cut loose the clients whose send queue filled up, as soon as one does (runs forever)."""
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(1):
                    await self.queue_full.wait()
            self.queue_full.clear()
            try:
                await self.cut_loose()
            except Exception:  # the sweep must outlive any one bad socket
                log.exception("slow-client sweep failed")

    async def cut_loose(self) -> list[str]:
        """Disconnect the clients whose send queue overflowed; their engine.io ids."""
        eio = self._sio.eio
        slow = []
        for eio_sid, socket in list(eio.sockets.items()):
            if not getattr(socket.queue, "overflowed", False):
                continue
            slow.append(eio_sid)
            send = (self._sio.environ.get(eio_sid) or {}).get("asgi.send")
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
