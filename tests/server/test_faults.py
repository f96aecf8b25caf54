"""Faults with a real server and a real Redis: kill -9, Redis going away, slow readers, races.

Each test starts its own server process (and, where it needs one, its own
Redis), so a fault here never touches the session's shared server.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import websocket

from server.embedded_redis import EmbeddedRedis
from tests.conftest import ROOT, LiveServer, start_server
from tests.server.client import (
    Client,
    create_board,
    facilitator,
    import_csv,
    participant,
)

DEMO = (ROOT / "server" / "demo" / "copd-reviews.csv").read_text()


def wait_until(check: Any, timeout: float, what: str, every: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(every)
    raise AssertionError(f"not within {timeout} s: {what}")


async def await_until(check: Any, timeout: float, what: str, every: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        await asyncio.sleep(every)
    raise AssertionError(f"not within {timeout} s: {what}")


def health(url: str) -> tuple[int, Any]:
    try:
        answer = httpx.get(f"{url}/health", timeout=15)
    except httpx.HTTPError as exc:
        return 0, str(exc)
    return answer.status_code, answer.json()


async def open_round(
    url: str, dots: int = 5, per_item: int = 2, items: int = 4
) -> tuple[dict[str, Any], Client, str]:
    board = create_board(url)
    assert import_csv(url, board, DEMO).status_code == 200
    host = await facilitator(url, board)
    await host.ok("set_stage", stage="prioritise")
    opened = await host.ok(
        "open_round",
        items=[f"s{n + 1}" for n in range(items)],
        dots_per_person=dots,
        max_per_item=per_item,
    )
    await host.wait_for_seq(opened)
    return board, host, str(host.events[-1]["round"]["id"])


# 3. A client that stops reading


class RawSocket:
    """A Socket.IO client done by hand over one WebSocket, so it can stop reading.

    Its receive buffer is made small before it connects, so the server's
    writes back up as soon as it stops reading.
    """

    def __init__(self, base_url: str) -> None:
        url = base_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        small = ((socket.SOL_SOCKET, socket.SO_RCVBUF, 4096),)
        self.ws = websocket.create_connection(url, timeout=10, sockopt=small)
        opened = self.ws.recv()
        assert opened.startswith("0{"), opened
        self.ws.send("40")
        connected = self._next_message()
        assert connected.startswith("40"), connected

    def _next_message(self) -> str:
        while True:
            frame = self.ws.recv()
            if frame == "2":  # Engine.IO ping
                self.ws.send("3")
                continue
            return str(frame)

    def join(self, **payload: Any) -> dict[str, Any]:
        self.ws.send("421" + json.dumps(["join", payload]))
        while True:
            message = self._next_message()
            if message.startswith("431"):
                ack: dict[str, Any] = json.loads(message[3:])[0]
                return ack

    def read_until_closed(self, timeout: float) -> tuple[int, str]:
        """Read everything the server still sends; (bytes read, how it ended)."""
        self.ws.settimeout(timeout)
        total = 0
        try:
            while True:
                frame = self.ws.recv()
                if not frame:
                    return total, "closed"
                total += len(frame)
        except websocket.WebSocketConnectionClosedException:
            return total, "closed"
        except (ConnectionResetError, BrokenPipeError):
            return total, "reset"
        except websocket.WebSocketTimeoutException:
            return total, "still open"

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.ws.close(timeout=1)


@pytest.fixture(scope="module")
def impatient_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server that cuts a client loose past 10 waiting messages, with a Redis of its own."""
    folder = Path(tempfile.mkdtemp(prefix="cb-slow-"))
    with EmbeddedRedis(folder) as url:
        server = start_server(
            url,
            folder,
            CHANGEBOARD_MAX_CLIENT_QUEUE="10",
            CHANGEBOARD_MAX_COMMAND_BYTES="400000",
            CHANGEBOARD_COMMANDS_PER_SECOND="1000",
            CHANGEBOARD_COMMAND_BURST="1000",
        )
        yield server
        server.stop()


@pytest.mark.slow
async def test_a_client_that_stops_reading_is_cut_loose_and_the_others_get_everything(
    impatient_server: LiveServer,
) -> None:
    url = impatient_server.url
    board = create_board(url)
    host = await facilitator(url, board)
    theme = await host.ok("create_theme", category="working", title="Breathing")
    await host.wait_for_seq(theme)
    theme_id = host.events[-1]["theme"]["id"]
    steady = await participant(url, board["join_code"])
    slow_ones = []
    for _ in range(2):
        raw = await asyncio.to_thread(RawSocket, url)
        ack = await asyncio.to_thread(raw.join, code=board["join_code"], group="carer")
        assert ack["ok"], ack
        slow_ones.append(raw)
    await await_until(
        lambda: any(n == "presence" and d["connected"] == 3 for n, d in host.frames),
        10,
        "the three phones are counted in",
    )
    counted_in = len(host.frames)
    # The flood: every cause_added event carries the whole list of causes, so
    # 150 long causes send each phone about 7 MB, far past what the sockets buffer.
    last = 0
    for n in range(150):
        text = f"Cause {n}: " + "x" * 580
        last = await host.ok("add_cause", theme_id=theme_id, text=text)
    # Both slow phones are counted out while they still read nothing.
    await await_until(
        lambda: any(n == "presence" and d["connected"] == 1 for n, d in host.frames[counted_in:]),
        15,
        "the two phones that stopped reading are cut loose",
    )
    await steady.wait_for_seq(last, timeout=30)
    await host.wait_for_seq(last, timeout=30)
    assert steady.gaps == [] and host.gaps == []
    assert [e["seq"] for e in steady.events] == list(range(steady.ack["seq"] + 1, last + 1))
    for raw in slow_ones:
        read, ending = await asyncio.to_thread(raw.read_until_closed, 5)
        assert ending in ("closed", "reset"), (read, ending)
        raw.close()
    await steady.close()
    await host.close()
