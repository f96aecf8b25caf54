"""The real things a benchmark runs against: Redis, uvicorn servers, load processes."""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx
import socketio

from bench import agent

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "server" / "demo" / "copd-reviews.csv"
Json = dict[str, Any]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def redis_url(workdir: Path) -> Iterator[str]:
    """REDIS_URL when set, else a private embedded Redis in `workdir`."""
    configured = os.environ.get("REDIS_URL")
    if configured:
        yield configured
        return
    from server.embedded_redis import EmbeddedRedis

    with EmbeddedRedis(workdir / "redis-data") as url:
        yield url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    profiled: bool = False

    def stop(self) -> None:
        if self.process.poll() is None:
            # A profiler writes its report on Ctrl-C; uvicorn stops cleanly on it too.
            if self.profiled:
                self.process.send_signal(signal.SIGINT)
            else:
                self.process.terminate()
            try:
                self.process.wait(30 if self.profiled else 10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.tail().strip():
            log(f"server {self.url} said:\n{self.tail()}")

    def tail(self) -> str:
        with contextlib.suppress(OSError):
            return self.log.read_text()[-3000:]
        return ""


def start_server(
    workdir: Path,
    redis: str | None = None,
    bare: bool = False,
    profile: str | None = None,
    extra_env: dict[str, str] | None = None,
) -> Server:
    """One uvicorn process: the changeboard app, or the bare broadcast server."""
    port = free_port()
    data = workdir / f"server-{port}"
    data.mkdir()
    logfile = workdir / f"server-{port}.log"
    env = {
        **os.environ,
        "CHANGEBOARD_DATA_DIR": str(data),
        "CHANGEBOARD_PORT": str(port),
        # A load generator is one address sending far faster than any phone:
        # the per-connection and per-address limits would measure themselves.
        "CHANGEBOARD_COMMANDS_PER_SECOND": "1000000",
        "CHANGEBOARD_COMMAND_BURST": "1000000",
        "CHANGEBOARD_FAILED_JOINS_PER_MINUTE": "1000000",
    }
    if redis:
        env["REDIS_URL"] = redis
    env.update(extra_env or {})
    target = ["bench.bare:app"] if bare else ["server.app:app_from_env", "--factory"]
    command = [
        sys.executable, "-m", "uvicorn", *target,
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]  # fmt: skip
    if profile:  # e.g. "py-spy record -o out.svg --": wrap the server in a profiler
        command = [*profile.split(), *command]
    with logfile.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
    server = Server(f"http://127.0.0.1:{port}", process, logfile, profiled=bool(profile))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{server.tail()}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{server.url}/health", timeout=1).status_code == 200:
                return server
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"server did not start in 30 s:\n{server.tail()}")


@contextlib.contextmanager
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="cb-bench-") as name:
        yield Path(name)


class Agents:
    """Load processes (spawned, so no asyncio state is inherited), driven in phases."""

    def __init__(self, count: int) -> None:
        context = mp.get_context("spawn")
        self.conns: list[Connection] = []
        self.procs: list[Any] = []
        for index in range(count):
            parent, child = context.Pipe()
            proc = context.Process(target=agent.main, args=(child, index), daemon=True)
            proc.start()
            self.conns.append(parent)
            self.procs.append(proc)

    def __len__(self) -> int:
        return len(self.conns)

    def call(self, name: str, per_agent: Sequence[Json], timeout: float = 300) -> list[Json]:
        """Send phase `name` to each agent (with its kwargs), then wait for all."""
        return self.some(name, dict(enumerate(per_agent)), timeout)

    def all(self, name: str, timeout: float = 300, **kwargs: Any) -> list[Json]:
        return self.call(name, [kwargs] * len(self), timeout)

    def some(self, name: str, per_agent: dict[int, Json], timeout: float = 300) -> list[Json]:
        """Like `call`, for only the agents in `per_agent`."""
        for index, kwargs in per_agent.items():
            self.conns[index].send((name, kwargs))
        results = []
        deadline = time.monotonic() + timeout
        for index in per_agent:
            conn = self.conns[index]
            if not conn.poll(max(0.0, deadline - time.monotonic())):
                raise TimeoutError(f"load process did not finish {name} in {timeout} s")
            result = conn.recv()
            if isinstance(result, dict) and "error" in result:
                raise RuntimeError(result["error"])
            results.append(result)
        return results

    def close(self) -> None:
        for conn in self.conns:
            with contextlib.suppress(OSError, BrokenPipeError):
                conn.send(("exit", {}))
        for conn, proc in zip(self.conns, self.procs, strict=True):
            with contextlib.suppress(OSError, EOFError):
                if conn.poll(10):
                    conn.recv()
            proc.join(5)
            if proc.is_alive():
                proc.terminate()
                proc.join(5)


@contextlib.contextmanager
def agents(count: int) -> Iterator[Agents]:
    pool = Agents(count)
    try:
        yield pool
    finally:
        pool.close()


def split(items: Sequence[Any], parts: int) -> list[list[Any]]:
    """Round-robin `items` into `parts` lists."""
    return [list(items[i::parts]) for i in range(parts)]


# Boards


def create_board(base_url: str, title: str = "Bench board") -> Json:
    answer = httpx.post(f"{base_url}/api/boards", json={"title": title}, timeout=30)
    answer.raise_for_status()
    board: Json = answer.json()
    return board


def import_demo(base_url: str, board: Json) -> int:
    answer = httpx.post(
        f"{base_url}/api/boards/{board['board_id']}/statements",
        content=DEMO.read_bytes(),
        headers={
            "Authorization": f"Bearer {board['facilitator_token']}",
            "Content-Type": "text/csv",
        },
        timeout=60,
    )
    answer.raise_for_status()
    return int(answer.json()["imported"])


class Facilitator:
    """A facilitator connection in the parent, to set a board up and check it."""

    def __init__(self, url: str, board: Json) -> None:
        self.url = url
        self.board = board
        self.sio = socketio.AsyncClient(reconnection=False, handle_sigint=False)
        self.seq = 0

    async def __aenter__(self) -> Facilitator:
        await self.sio.connect(self.url, transports=["websocket"], wait_timeout=30)
        ack = await self.sio.call("join", {"token": self.board["facilitator_token"]}, timeout=30)
        assert ack["ok"], ack
        self.seq = ack["seq"]
        return self

    async def __aexit__(self, *exc: object) -> None:
        with contextlib.suppress(Exception):
            await self.sio.disconnect()

    async def ok(self, type: str, **fields: Any) -> int:
        payload = {"op": agent._op(), "type": type, **fields}
        ack = await self.sio.call("command", payload, timeout=30)
        assert ack["ok"], ack
        self.seq = int(ack["seq"])
        return self.seq

    async def state(self) -> Json:
        """A fresh board state, as a facilitator sees it."""
        ack = await self.sio.call("join", {"token": self.board["facilitator_token"]}, timeout=30)
        assert ack["ok"], ack
        board: Json = ack["board"]
        return board

    async def open_round(
        self, items: int = 10, dots: int = 20, per_item: int = 20, blind: bool = False
    ) -> str:
        await self.ok("set_stage", stage="prioritise")
        await self.ok(
            "open_round",
            items=[f"s{i + 1}" for i in range(items)],
            dots_per_person=dots,
            max_per_item=per_item,
            blind=blind,
        )
        board = await self.state()
        round_id: str = board["rounds"][-1]["id"]
        return round_id
