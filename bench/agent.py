"""A load process: many python-socketio clients on one asyncio loop.

The parent drives every agent through a pipe, one phase at a time
(`join`, `send_paced`, `burst`, ...): it sends `(name, kwargs)`, the agent runs
`do_<name>(**kwargs)` and answers with a picklable result. Clocks: every stamp
is `time.time()`, which all processes on one machine share, so the parent can
subtract a receiver's arrival time from the sender's send time.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
import traceback
from multiprocessing.connection import Connection
from typing import Any

import socketio

Json = dict[str, Any]


def _op() -> str:
    return "bench-" + secrets.token_hex(8)


class BenchClient:
    """One phone (or the bare server's client): records every event it gets."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.sio = self._new_sio()
        self.token: str | None = None
        self.pid: str | None = None
        self.base = 0  # the seq its stream starts after (join ack, or `since`)
        self.applied = 0  # last seq applied contiguously
        self.joined = False
        self.received: list[tuple[int, float]] = []  # (seq, arrival), in arrival order
        self.early: list[int] = []
        self.mine: dict[str, int] = {}
        self.gaps = 0
        self.duplicates = 0
        self.target = 0
        self.caught_up_at: float | None = None
        self.snapshots = 0
        self.refused: list[Json] = []

    def _new_sio(self) -> socketio.AsyncClient:
        sio = socketio.AsyncClient(reconnection=False, handle_sigint=False)
        sio.on("events", self._on_events)
        sio.on("snapshot", self._on_snapshot)
        sio.on("refused", self._on_refused)
        sio.on("presence", self._on_presence)
        return sio

    async def _on_presence(self, data: Any) -> None:
        return None

    async def _on_refused(self, data: Any) -> None:
        self.refused.append(data)

    async def _on_snapshot(self, data: Any) -> None:
        self.snapshots += 1
        self.applied = max(self.applied, int(data["board"]["seq"]))
        self._check_target()

    async def _on_events(self, data: Any) -> None:
        now = time.time()
        for event in data["events"]:
            seq = int(event["seq"])
            self.received.append((seq, now))
            if not self.joined:
                self.early.append(seq)
                continue
            self._take(seq, event)
        self._check_target()

    def _take(self, seq: int, event: Json) -> None:
        if seq <= self.applied:
            if seq > self.base:
                self.duplicates += 1
            return
        if seq > self.applied + 1:
            self.gaps += 1  # a real client would `sync` here
        self.applied = seq
        if "mine" in event:
            self.mine = dict(event["mine"])

    def _check_target(self) -> None:
        if self.target and self.caught_up_at is None and self.applied >= self.target:
            self.caught_up_at = time.time()

    def reset_stream(self, base: int) -> None:
        self.base = base
        self.applied = base
        self.received = []
        self.gaps = 0
        self.duplicates = 0

    async def connect(self, auth: Json | None = None) -> None:
        await self.sio.connect(self.url, transports=["websocket"], auth=auth, wait_timeout=30)

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            if self.sio.connected:
                await self.sio.disconnect()


class Agent:
    def __init__(self, conn: Connection, index: int) -> None:
        self.conn = conn
        self.index = index
        self.clients: list[BenchClient] = []

    async def serve(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            name, kwargs = await loop.run_in_executor(None, self.conn.recv)
            if name == "exit":
                await self.do_close()
                self.conn.send({"ok": True})
                return
            try:
                result = await getattr(self, f"do_{name}")(**kwargs)
            except BaseException as exc:  # report it; the parent decides
                result = {"error": f"agent {self.index} {name}: {exc!r}\n{traceback.format_exc()}"}
            self.conn.send(result)

    # Connecting

    async def do_join(
        self,
        urls: list[str],
        code: list[str | None],
        concurrency: int = 0,
        group: str = "patient",
        timeout: float = 120,
    ) -> Json:
        """Connect one client per url and join (by code, or bare: no join).

        concurrency 0 means all at once. Answers per-client timings
        (connect start, board state received), tokens, participant ids.
        """
        start = len(self.clients)
        new = [BenchClient(url) for url in urls]
        self.clients.extend(new)
        limit = asyncio.Semaphore(concurrency or len(new) or 1)
        timings: list[tuple[float, float] | None] = [None] * len(new)
        errors: list[str] = []

        async def one(i: int, client: BenchClient) -> None:
            async with limit:
                t0 = time.time()
                try:
                    await client.connect()
                    if code[i] is None:
                        client.joined = True
                    else:
                        ack = await client.sio.call(
                            "join", {"code": code[i], "group": group, "name": f"b{i}"}, timeout=60
                        )
                        if not ack.get("ok"):
                            errors.append(str(ack))
                            return
                        client.token = ack["token"]
                        client.pid = ack["you"]["id"]
                        client.reset_stream(int(ack["seq"]))
                        client.joined = True
                        for seq in client.early:
                            if seq > client.base:
                                client._take(seq, {})
                        client.early = []
                    timings[i] = (t0, time.time())
                except Exception as exc:
                    errors.append(repr(exc))

        async with asyncio.timeout(timeout):
            await asyncio.gather(*(one(i, c) for i, c in enumerate(new)))
        return {
            "timings": timings,
            "tokens": [c.token for c in new],
            "pids": [c.pid for c in new],
            "seqs": [c.applied for c in new],
            "errors": errors[:5],
            "failed": len(errors),
            "first": start,
        }

    async def do_drop(self) -> Json:
        """Every client drops its connection, keeping its token and last seq."""
        await asyncio.gather(*(c.close() for c in self.clients))
        return {"seqs": [c.applied for c in self.clients]}

    async def do_reconnect(self, target: int, timeout: float = 60) -> Json:
        """All reconnect at once with auth {token, since}; time until caught up."""
        starts: list[float] = []

        async def one(client: BenchClient) -> None:
            since = client.applied
            client.sio = client._new_sio()
            client.reset_stream(since)
            client.target, client.caught_up_at = target, None
            client._check_target()
            starts.append(time.time())
            await client.connect({"token": client.token, "since": since})

        t0 = time.time()
        errors: list[str] = []
        results = await asyncio.gather(*(one(c) for c in self.clients), return_exceptions=True)
        errors = [repr(r) for r in results if isinstance(r, BaseException)]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(c.caught_up_at is not None for c in self.clients):
                break
            await asyncio.sleep(0.01)
        return {
            "start": t0,
            "caught_up": [c.caught_up_at for c in self.clients],
            "gaps": sum(c.gaps for c in self.clients),
            "duplicates": sum(c.duplicates for c in self.clients),
            "snapshots": sum(c.snapshots for c in self.clients),
            "refused": sum(len(c.refused) for c in self.clients),
            "errors": errors[:5],
            "failed": len(errors),
        }

    async def do_close(self) -> Json:
        await asyncio.gather(*(c.close() for c in self.clients))
        self.clients = []
        return {"ok": True}

    # Waiting and collecting

    async def do_mark(self) -> Json:
        """Start a measuring window: forget what was received so far."""
        for client in self.clients:
            client.reset_stream(client.applied)
        return {"seqs": [c.applied for c in self.clients]}

    async def do_wait_seq(
        self, target: int = 0, timeout: float = 30, targets: list[int] | None = None
    ) -> Json:
        """Wait until every client has applied `target` (or its own entry of `targets`)."""
        wanted = targets if targets is not None else [target] * len(self.clients)
        pairs = list(zip(self.clients, wanted, strict=True))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(c.applied >= t for c, t in pairs):
                break
            await asyncio.sleep(0.02)
        return {"behind": sum(1 for c, t in pairs if c.applied < t)}

    async def do_collect(self, skip_self: bool = False) -> Json:
        """Each client's arrivals since the mark: [(seq, time)] in arrival order."""
        return {
            "received": [c.received for c in self.clients],
            "gaps": sum(c.gaps for c in self.clients),
            "duplicates": sum(c.duplicates for c in self.clients),
            "mine": [c.mine for c in self.clients],
            "connected": sum(1 for c in self.clients if c.sio.connected),
        }

    # Sending

    async def do_send_paced(
        self, round_id: str, item: str, rate: float, duration: float, client: int = 0
    ) -> Json:
        """One client votes and unvotes `item` at `rate` per second, one at a time.

        The send time is taken just before the call; the ack gives the seq, so
        receivers' arrivals can be matched to it.
        """
        sender = self.clients[client]
        count = max(1, int(rate * duration))
        records: list[tuple[int, float, float]] = []
        refused: list[Json] = []
        late = 0
        start = time.time() + 0.05
        for i in range(count):
            due = start + i / rate
            delay = due - time.time()
            if delay > 0:
                await asyncio.sleep(delay)
            else:
                late += 1
            kind = "vote" if i % 2 == 0 else "unvote"
            payload = {"op": _op(), "type": kind, "round_id": round_id, "item": item}
            t0 = time.time()
            ack = await sender.sio.call("command", payload, timeout=30)
            t1 = time.time()
            if ack.get("ok"):
                records.append((int(ack["seq"]), t0, t1))
            else:
                refused.append(ack)
        return {
            "records": records,
            "refused": refused[:5],
            "refused_count": len(refused),
            "late": late,
            "count": count,
            "seconds": time.time() - start,
        }

    async def do_send_paced_all(
        self, rounds: list[str], rate: float, duration: float, start_at: float
    ) -> Json:
        """Every client of this agent sends paced votes on its own round, all at once."""
        delay = start_at - time.time()
        if delay > 0:
            await asyncio.sleep(delay)
        results = await asyncio.gather(
            *(
                self.do_send_paced(round_id, f"s{n % 10 + 1}", rate, duration, client=n)
                for n, round_id in enumerate(rounds)
            )
        )
        return {"senders": results}

    async def do_burst(
        self, rounds: list[str], items: list[list[str]], extra: bool = True, timeout: float = 60
    ) -> Json:
        """Each client sends its votes one after another as fast as acks come back.

        `items[i]` is client i's list of votes. With `extra`, one more vote
        afterwards must be refused (the budget is spent).
        """
        acks: list[tuple[float, float, bool, str, int]] = []
        extras: list[str] = []

        async def one(client: BenchClient, round_id: str, mine: list[str]) -> None:
            for item in mine:
                payload = {"op": _op(), "type": "vote", "round_id": round_id, "item": item}
                t0 = time.time()
                ack = await client.sio.call("command", payload, timeout=30)
                code = "" if ack.get("ok") else ack["error"]["code"]
                acks.append((t0, time.time(), bool(ack.get("ok")), code, int(ack.get("seq", 0))))

        async with asyncio.timeout(timeout):
            await asyncio.gather(
                *(one(c, r, m) for c, r, m in zip(self.clients, rounds, items, strict=True))
            )
            if extra:
                for client, round_id, mine in zip(self.clients, rounds, items, strict=True):
                    payload = {"op": _op(), "type": "vote", "round_id": round_id, "item": mine[-1]}
                    ack = await client.sio.call("command", payload, timeout=30)
                    extras.append("ok" if ack.get("ok") else ack["error"]["code"])
        return {"acks": acks, "extras": extras}

    async def do_closed_loop(
        self, rounds: list[str], items: list[str], duration: float, start_at: float
    ) -> Json:
        """Each client votes and unvotes its item back to back until time is up."""
        ok = refused = 0
        codes: dict[str, int] = {}
        delay = start_at - time.time()
        if delay > 0:
            await asyncio.sleep(delay)
        stop = start_at + duration

        async def one(client: BenchClient, round_id: str, item: str) -> None:
            nonlocal ok, refused
            i = 0
            while time.time() < stop:
                kind = "vote" if i % 2 == 0 else "unvote"
                payload = {"op": _op(), "type": kind, "round_id": round_id, "item": item}
                ack = await client.sio.call("command", payload, timeout=30)
                if ack.get("ok"):
                    ok += 1
                    i += 1
                else:
                    refused += 1
                    code = ack["error"]["code"]
                    codes[code] = codes.get(code, 0) + 1
                    if code in ("no_dot_here",):
                        i = 0
                    elif code in ("no_dots_left", "item_limit"):
                        i = 1

        async with asyncio.timeout(duration + 60):
            await asyncio.gather(
                *(one(c, r, m) for c, r, m in zip(self.clients, rounds, items, strict=True))
            )
        return {"ok": ok, "refused": refused, "codes": codes, "end": time.time()}


def main(conn: Connection, index: int) -> None:
    """Process entry point."""
    try:
        import uvloop

        uvloop.run(Agent(conn, index).serve())
    except ImportError:  # pragma: no cover - uvloop comes with uvicorn[standard]
        asyncio.run(Agent(conn, index).serve())
