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
from starlette.middleware import Middleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from server import timeouts
from server.backpressure import SlowClients
from server.boards import delete_board
from server.dealer import Dealer
from server.errors import EXCEPTION_HANDLERS, ServerError
from server.hub import Hub
from server.packets import JsonPacket
from server.routes import routes
from server.screens import Screens
from server.security import HostCheck, SecurityHeaders
from server.settings import Settings
from server.socket_sessions import Sessions
from server.sockets import BoardNamespace
from server.store import Store
from server.timeouts import BodyDeadline
from server.wire import SocketJson

log = logging.getLogger(__name__)


def create_app(settings: Settings) -> Any:
    """An ASGI app; Redis is opened and closed by its lifespan.

    The Socket.IO server comes first, then what only needs it (the sessions,
    the screens, the slow-client cut-off); the lifespan opens Redis, builds
    the hub on it and passes the hub to the namespace it then registers
    (uvicorn serves nothing before the lifespan has started).
    """
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
    slow_clients = SlowClients(sio, settings.max_client_queue_bytes)
    sessions = Sessions(sio, settings)
    screens = Screens(sessions)

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
            hub = Hub(store, screens, settings.snapshot_every)
            await hub.start()
            stack.push_async_callback(hub.stop)
            sio.register_namespace(BoardNamespace(settings, hub, sessions, screens))
            for task in (
                asyncio.create_task(slow_clients.sweep()),
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
        exception_handlers=EXCEPTION_HANDLERS,
    )
    # Outside both apps, so Socket.IO's own answers and the 500s get the headers too.
    app: Any = SecurityHeaders(
        HostCheck(socketio.ASGIApp(sio, other_asgi_app=web), settings.own_names)
    )
    if settings.forwarded_allow_ips:
        # Only then: otherwise any client could name itself a fresh address.
        app = ProxyHeadersMiddleware(app, trusted_hosts=settings.forwarded_allow_ips)
    return app


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
