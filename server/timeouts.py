"""Half-sent HTTP requests are timed out, so slow senders cannot hold connections open.

uvicorn times out a connection idle *between* requests (`timeout_keep_alive`),
but not one that sends half a request line or headers and then nothing, nor a
body that stops coming. The headers get a deadline in uvicorn's own protocol
(`HTTP_PROTOCOL`, what `changeboard serve` runs), the body one in an ASGI
middleware.

`HeaderDeadline` subclasses uvicorn's HTTP protocol and relies on its insides
(`cycle`, `transport`, `loop`). `CHECKED_WITH` names the uvicorn versions it was
checked against; tests/server/test_backpressure.py fails when the installed
one moves outside them, and says what to check again.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _Fastest
except ImportError:  # pragma: no cover - httptools comes with uvicorn[standard]
    _Fastest = H11Protocol  # type: ignore[misc, assignment]

# Package: (lowest version checked, first version not checked yet).
CHECKED_WITH = {"uvicorn": ("0.54", "0.55")}
WHAT_TO_CHECK = {
    "uvicorn": (
        "H11Protocol and HttpToolsProtocol still set `self.cycle` to a new RequestResponseCycle "
        "(with `response_complete`) once a request's headers are in, keep `transport` and "
        "`loop`, and hand an upgraded connection over with `transport.set_protocol`"
    ),
}

# Seconds a client has to send a request's headers, and between parts of its
# body. create_app sets it from CHANGEBOARD_REQUEST_TIMEOUT.
request_timeout = 10.0


class HeaderDeadline(_Fastest):
    """uvicorn's HTTP protocol, closing a connection whose headers do not all arrive in time."""

    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        before = self.cycle
        super().data_received(data)
        if self.transport.is_closing() or self.transport.get_protocol() is not self:
            self._disarm()  # closed, or handed to the WebSocket protocol
        elif self.cycle is not before:
            self._disarm()  # a request's headers are in: the app has it now
        elif self._deadline is None and (before is None or before.response_complete):
            self._arm()  # the next request on a kept-alive connection has begun

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(request_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.get_protocol() is self and not self.transport.is_closing():
            self.transport.close()


HTTP_PROTOCOL = "server.timeouts:HeaderDeadline"


class _BodyTooSlow(Exception):
    pass


class BodyDeadline:
    """A request body that stops coming is answered 408, not waited on for ever."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body_done = False
        started = False

        async def timed_receive() -> Message:
            nonlocal body_done
            if body_done:
                return await receive()  # e.g. waiting for a disconnect while answering
            try:
                async with asyncio.timeout(request_timeout):
                    message = await receive()
            except TimeoutError:
                raise _BodyTooSlow from None
            body_done = message["type"] != "http.request" or not message.get("more_body")
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, timed_receive, watched_send)
        except _BodyTooSlow:
            if started:
                raise
            error = {"code": "too_slow", "message": "The request stopped arriving. Send it again."}
            body = json.dumps({"error": error}).encode()
            headers = [(b"content-type", b"application/json"), (b"connection", b"close")]
            await send({"type": "http.response.start", "status": 408, "headers": headers})
            await send({"type": "http.response.body", "body": body})
