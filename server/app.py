"""The one place the app is built: Starlette inside python-socketio's ASGI app."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import socketio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from server import timeouts
from server.backpressure import bound_queues
from server.boards import delete_board
from server.dealer import Dealer
from server.errors import ServerError
from server.hub import Hub
from server.packets import JsonPacket
from server.routes import routes
from server.security import HostCheck, SecurityHeaders
from server.settings import Settings
from server.sockets import BoardNamespace
from server.store import Store
from server.timeouts import BodyDeadline
from server.wire import SocketJson

log = logging.getLogger(__name__)


def create_app(settings: Settings) -> Any:
    """An ASGI app; Redis is opened and closed by its lifespan."""
    namespace = BoardNamespace(settings)
    sio = socketio.AsyncServer(
        async_mode="asgi",
        transports=["websocket"],
        always_connect=True,
        serializer=JsonPacket,
        json=SocketJson,  # decodes JSON nested too deep as a marker, not a crash
        # Larger messages close the connection; the app refuses smaller ones
        # above CHANGEBOARD_MAX_COMMAND_BYTES with a clear error.
        max_http_buffer_size=max(1024 * 1024, 2 * settings.max_command_bytes),
        ping_interval=10,
        ping_timeout=10,
    )
    sio.register_namespace(namespace)
    bound_queues(sio.eio, settings.max_client_queue_bytes, namespace.slow_client_found)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            url = settings.redis_url
            if url is None:
                from server.embedded_redis import EmbeddedRedis

                url = stack.enter_context(EmbeddedRedis(settings.data_dir))
                log.info("using the embedded Redis in %s", settings.data_dir)
            store = await Store.connect(url)
            stack.push_async_callback(store.close)
            hub = Hub(store, namespace, settings.snapshot_every)
            await hub.start()
            stack.push_async_callback(hub.stop)
            namespace.hub = hub
            for task in (
                asyncio.create_task(_sweep(namespace)),
                asyncio.create_task(_expire(hub)),
                asyncio.create_task(Dealer(hub, settings.dealing_grace).run()),
            ):
                stack.callback(task.cancel)
            app.state.hub = hub
            app.state.settings = settings
            # Boards are many small immutable objects: the default collector
            # thresholds make for frequent full passes that stall fan-out.
            gc.freeze()
            gc.set_threshold(50_000, 20, 100)
            yield

    timeouts.request_timeout = settings.request_timeout
    web = Starlette(
        routes=routes(),
        lifespan=lifespan,
        middleware=[Middleware(BodyDeadline)],
        exception_handlers={HTTPException: _http_error, Exception: _internal_error},
    )
    # Outside both apps, so Socket.IO's own answers and the 500s get the headers too.
    app: Any = SecurityHeaders(
        HostCheck(socketio.ASGIApp(sio, other_asgi_app=web), settings.own_names)
    )
    if settings.forwarded_allow_ips:
        # Only then: otherwise any client could name itself a fresh address.
        app = ProxyHeadersMiddleware(app, trusted_hosts=settings.forwarded_allow_ips)
    return app


_HTTP_ERRORS = {
    404: ("not_found", "There is nothing at this address. Check the link."),
    405: ("wrong_method", "This address does not take that kind of request."),
}


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    """Starlette's own refusals (no such address, wrong method) as JSON with a code."""
    assert isinstance(exc, HTTPException)
    code, message = _HTTP_ERRORS.get(exc.status_code, ("invalid", str(exc.detail)))
    return JSONResponse(
        {"error": {"code": code, "message": message}},
        status_code=exc.status_code,
        headers=exc.headers,
    )


async def _internal_error(request: Request, exc: Exception) -> JSONResponse:
    """A bug: logged by Starlette; the client gets the same envelope as every refusal."""
    error = {"code": "internal", "message": "Something went wrong on the server. Please try again."}
    return JSONResponse({"error": error}, status_code=500)


async def _sweep(namespace: BoardNamespace) -> None:
    """Cut loose the clients whose send queue filled up, as soon as one does."""
    while True:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(1):
                await namespace.queue_full.wait()
        namespace.queue_full.clear()
        try:
            await namespace.cut_slow_clients()
        except Exception:  # the sweep must outlive any one bad socket
            log.exception("slow-client sweep failed")


async def _expire(hub: Hub) -> None:
    """Delete boards whose retention date has passed (every worker may; it is idempotent)."""
    while True:
        try:
            for board_id in await hub.store.expired(int(time.time() * 1000)):
                log.info("deleting board %s: its retention date has passed", board_id)
                await delete_board(hub, board_id)
        except ServerError:
            log.warning("could not check for boards past their retention date")
        await asyncio.sleep(600)


def app_from_env() -> Any:
    """uvicorn factory: `uvicorn server.app:app_from_env --factory`."""
    return create_app(Settings())
