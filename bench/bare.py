"""The yardstick: a bare python-socketio broadcast server with no application logic.

Same transport settings as the real app (WebSocket only, same ping), same
wire shape: a `command` is acknowledged with a new `seq`, and an `events`
frame of the same size as a real `dot_placed` goes to every connected client.
A `join` is answered with the answer in the file BENCH_BARE_JOIN names (a
real join's, saved by the join scenario), so a join storm sends the same
bytes as the app's, with none of its work.
Run: `uvicorn bench.bare:app`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import socketio

sio = socketio.AsyncServer(
    async_mode="asgi",
    transports=["websocket"],
    always_connect=True,
    max_http_buffer_size=64 * 1024,
    ping_interval=10,
    ping_timeout=10,
)
_seq = 0
_JOIN: Any = (
    json.loads(Path(os.environ["BENCH_BARE_JOIN"]).read_text())
    if os.environ.get("BENCH_BARE_JOIN")
    else {"ok": True, "token": "bare", "you": {"id": "bare"}, "seq": 0, "board": {}}
)


@sio.event  # type: ignore[misc]
async def connect(sid: str, environ: Any, auth: Any = None) -> None:
    await sio.enter_room(sid, "all")


@sio.event  # type: ignore[misc]
async def command(sid: str, data: Any = None) -> dict[str, Any]:
    global _seq
    _seq += 1
    event = {
        "seq": _seq,
        "type": "dot_placed",
        "round_id": data.get("round_id", "r1") if isinstance(data, dict) else "r1",
        "voters": 1,
        "dots_cast": 1,
        "tally": {},
    }
    await sio.emit("events", {"board_id": "bare", "events": [event]}, room="all")
    return {"ok": True, "seq": _seq}


@sio.event  # type: ignore[misc]
async def join(sid: str, data: Any = None) -> Any:
    return _JOIN


async def _health(scope: Any, receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": b'{"ok": true}'})


app = socketio.ASGIApp(sio, other_asgi_app=_health)
