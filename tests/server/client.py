"""A python-socketio client that records every frame it receives."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import aiohttp
import httpx
import socketio

_ops = itertools.count(1)


def new_op() -> str:
    return f"test-op-{next(_ops):08d}"


def create_board(base_url: str, title: str = "Test board") -> dict[str, Any]:
    answer = httpx.post(f"{base_url}/api/boards", json={"title": title}, timeout=10)
    assert answer.status_code == 201, answer.text
    created: dict[str, Any] = answer.json()
    return created


def import_csv(base_url: str, board: dict[str, Any], text: str) -> httpx.Response:
    return httpx.post(
        f"{base_url}/api/boards/{board['board_id']}/statements",
        content=text.encode(),
        headers={
            "Authorization": f"Bearer {board['facilitator_token']}",
            "Content-Type": "text/csv",
        },
        timeout=30,
    )


class Client:
    """One phone, wall or facilitator: keeps every frame and the applied seq."""

    def __init__(
        self, url: str, source: str | None = None, headers: dict[str, str] | None = None
    ) -> None:
        """`source`: the local address to connect from (any 127.x.y.z on Linux)."""
        self.url = url
        self.headers = headers or {}
        self._session: aiohttp.ClientSession | None = None
        if source is not None:
            connector = aiohttp.TCPConnector(local_addr=(source, 0))
            self._session = aiohttp.ClientSession(connector=connector)
        self.sio = socketio.AsyncClient(reconnection=False, http_session=self._session)
        self.frames: list[tuple[str, Any]] = []
        self.events: list[dict[str, Any]] = []  # applied, in order, no duplicates
        self.seq = 0
        self.gaps: list[tuple[int, int]] = []  # (seq received, seq expected after)
        self.token: str | None = None
        self.ack: dict[str, Any] = {}
        self.joined = False
        self._early: list[dict[str, Any]] = []
        self._changed = asyncio.Event()
        for name in ("events", "presence", "snapshot", "refused", "moving", "board_deleted"):
            self.sio.on(name, self._recorder(name))

    def _recorder(self, name: str) -> Any:
        async def record(data: Any) -> None:
            self.frames.append((name, data))
            if name == "events" and not self.joined:
                self._early.extend(data["events"])  # arrived before the join ack
            elif name == "events":
                self._take(data["events"])
            elif name == "snapshot":
                self.seq = data["board"]["seq"]
            self._changed.set()

        return record

    def _take(self, events: list[dict[str, Any]]) -> None:
        for event in events:
            if event["seq"] == self.seq + 1:
                self.events.append(event)
                self.seq = event["seq"]
            elif event["seq"] > self.seq + 1:
                self.gaps.append((event["seq"], self.seq))

    async def connect(self, token: str | None = None, since: int | None = None) -> None:
        auth: dict[str, Any] = {}
        if token:
            auth["token"] = token
        if since is not None:
            auth["since"] = since
        self.joined = token is not None and since is not None
        await self.sio.connect(
            self.url,
            transports=["websocket"],
            auth=auth or None,
            headers=self.headers,
            wait_timeout=10,
        )

    async def join(self, **payload: Any) -> dict[str, Any]:
        ack: dict[str, Any] = await self.sio.call("join", payload, timeout=10)
        assert ack["ok"], ack
        self.ack = ack
        self.token = ack["token"]
        self.seq = ack["seq"]
        self.joined = True
        self._take(self._early)
        return ack

    async def command(self, type: str, op: str | None = None, **fields: Any) -> dict[str, Any]:
        payload = {"op": op or new_op(), "type": type, **fields}
        ack: dict[str, Any] = await self.sio.call("command", payload, timeout=20)
        return ack

    async def ok(self, type: str, **fields: Any) -> int:
        ack = await self.command(type, **fields)
        assert ack["ok"], ack
        return int(ack["seq"])

    async def wait_for_seq(self, seq: int, timeout: float = 10) -> None:
        async with asyncio.timeout(timeout):
            while self.seq < seq:
                self._changed.clear()
                await self._changed.wait()

    async def close(self) -> None:
        if self.sio.connected:
            await self.sio.disconnect()
        if self._session is not None:
            await self._session.close()


def cards(client: Client) -> list[str]:
    """The ids of the cards on the board `client` joined, in the board's order."""
    return [card["id"] for card in client.ack["board"]["statements"]]


async def participant(url: str, code: str, group: str = "patient", name: str = "") -> Client:
    client = Client(url)
    await client.connect()
    await client.join(code=code, group=group, name=name)
    return client


async def facilitator(url: str, board: dict[str, Any]) -> Client:
    client = Client(url)
    await client.connect()
    await client.join(token=board["facilitator_token"])
    return client


async def wall(url: str, board: dict[str, Any]) -> Client:
    client = Client(url)
    await client.connect()
    await client.join(token=board["wall_token"])
    return client
