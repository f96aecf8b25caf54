"""Real things for tests: a Redis (REDIS_URL, else the embedded one) and live servers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from hypothesis import settings as hypothesis_settings

from server.embedded_redis import EmbeddedRedis

# CI runs the same examples every time (derandomized), so a red run is a
# real bug, never a draw; on a laptop each run tries new ones. Every failure
# either finds is pinned in its test with @example.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("dev", print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The Redis named by REDIS_URL when set, else a private embedded one."""
    configured = os.environ.get("REDIS_URL")
    if configured:
        yield configured
        return
    with EmbeddedRedis(tmp_path_factory.mktemp("redis")) as url:
        yield url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(redis_url: str, data_dir: Path, **env: str) -> LiveServer:
    """A real uvicorn running the app in its own process."""
    port = free_port()
    log = data_dir / f"server-{port}.log"
    environment = {
        **os.environ,
        "REDIS_URL": redis_url,
        "CHANGEBOARD_DATA_DIR": str(data_dir),
        "CHANGEBOARD_PORT": str(port),
        # Every test connects from 127.0.0.1 and some try wrong codes on purpose;
        # the guessing limit has its own test server.
        "CHANGEBOARD_FAILED_JOINS_PER_MINUTE": "100000",
        **env,
    }
    command = [
        sys.executable, "-m", "uvicorn", "server.app:app_from_env", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
        # As `changeboard serve` runs it: the app alone decides whom to trust.
        "--no-proxy-headers", "--http", "server.timeouts:HeaderDeadline",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=out, stderr=out)
    server = LiveServer(f"http://127.0.0.1:{port}", port, process, log)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{log.read_text()}")
        try:
            if httpx.get(f"{server.url}/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"server did not start in 30 s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def live_server(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = start_server(redis_url, tmp_path_factory.mktemp("server"))
    yield server
    server.stop()
