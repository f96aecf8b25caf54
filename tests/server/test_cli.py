"""`changeboard serve`: settings errors, the demo board, laptop mode end to end."""

from __future__ import annotations

import asyncio
import io
import ipaddress
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import segno

from board import Board, event_from_json, fold
from board.statements_csv import parse_statements
from server.cli import main
from server.embedded_redis import EmbeddedRedis
from server.lan import lan_address
from server.store import Store

ROOT = Path(__file__).resolve().parents[2]


def _command() -> list[str]:
    """The installed `changeboard` script when there is one, as README says to run it."""
    script = Path(sys.executable).with_name("changeboard")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "server.cli"]


def _clean_env(**extra: str) -> dict[str, str]:
    # Laptop mode: no REDIS_URL, whatever the test run itself was given.
    env = {
        k: v for k, v in os.environ.items() if k != "REDIS_URL" and not k.startswith("CHANGEBOARD_")
    }
    return {**env, **extra}


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- settings errors ------------------------------------------------------------


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("CHANGEBOARD_PORT", "eighty", "CHANGEBOARD_PORT: Input should be a valid integer"),
        ("CHANGEBOARD_PORT", "70000", "CHANGEBOARD_PORT: Input should be less than or equal to"),
        ("REDIS_URL", "http://localhost:6379", "REDIS_URL: must start with redis://"),
        ("CHANGEBOARD_PUBLIC_URL", "board.example", "CHANGEBOARD_PUBLIC_URL: must start with"),
        ("CHANGEBOARD_RETENTION_DAYS", "0", "CHANGEBOARD_RETENTION_DAYS: Input should be greater"),
    ],
)
def test_a_bad_variable_stops_with_exit_2_and_its_name(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
    value: str,
    message: str,
) -> None:
    monkeypatch.setenv(variable, value)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message), err


def test_every_bad_variable_gets_its_own_line_and_secrets_are_not_echoed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CHANGEBOARD_PORT", "x")
    monkeypatch.setenv("REDIS_URL", "http://:hunter2@example:6379")
    assert main(["serve"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert {line.split(":")[0] for line in lines} == {"CHANGEBOARD_PORT", "REDIS_URL"}
    assert not any("hunter2" in line for line in lines)


def test_the_installed_command_exits_2_on_a_bad_variable(tmp_path: Path) -> None:
    done = subprocess.run(
        [*_command(), "serve", "--data-dir", str(tmp_path)],
        env=_clean_env(CHANGEBOARD_SNAPSHOT_EVERY="often"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "CHANGEBOARD_SNAPSHOT_EVERY: Input should be a valid integer" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "redis").exists()  # nothing was started


def test_a_data_dir_in_use_is_refused_with_exit_1(tmp_path: Path) -> None:
    with EmbeddedRedis(tmp_path):
        done = subprocess.run(
            [*_command(), "serve", "--port", str(_free_port()), "--data-dir", str(tmp_path)],
            env=_clean_env(),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert "already in use" in done.stderr
    assert "Traceback" not in done.stderr


def test_demo_on_an_unreachable_redis_exits_1_with_a_message(tmp_path: Path) -> None:
    done = subprocess.run(
        [*_command(), "serve", "--demo", "--port", str(_free_port())],
        env=_clean_env(REDIS_URL="redis://:hunter2@127.0.0.1:1/0"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("changeboard: no demo board:")
    assert "127.0.0.1:1" in done.stderr
    assert "Traceback" not in done.stderr
    assert "hunter2" not in done.stderr + done.stdout


# -- the demo, end to end -------------------------------------------------------


@dataclass
class Printed:
    facilitator: str
    join_code: str
    join: str
    wall: str
    qr_lines: list[str]


@dataclass
class Running:
    process: subprocess.Popen[str]
    lines: queue.Queue[str | None]
    seen: list[str]
    log: Path

    def read_until(self, pattern: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            if line is None:
                break
            self.seen.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(
            f"no line matching {pattern!r}; stdout:\n{''.join(self.seen)}\n"
            f"stderr:\n{self.log.read_text()}"
        )

    def printed(self) -> Printed:
        self.read_until(r"^Wall display")
        text = "".join(self.seen)

        def find(label: str) -> str:
            found = re.search(rf"^{label}.*?: (\S+)$", text, re.M)
            assert found, f"{label} not printed:\n{text}"
            return found.group(1)

        qr = text.split("Scan to join:\n", 1)[1].split("Wall display", 1)[0].splitlines()
        return Printed(
            facilitator=find("Facilitator"),
            join_code=find("Join code"),
            join=find("Join link"),
            wall=find("Wall display"),
            qr_lines=[line for line in qr if line.strip()],
        )


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Running]]:
    started: list[Running] = []

    def start(*args: str) -> Running:
        log = tmp_path / f"serve-{len(started)}.log"
        with log.open("w") as err:
            process = subprocess.Popen(
                [*_command(), "serve", *args],
                env=_clean_env(),
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
                encoding="utf-8",
            )
        lines: queue.Queue[str | None] = queue.Queue()

        def pump() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        running = Running(process, lines, [], log)
        started.append(running)
        return running

    yield start
    for running in started:
        if running.process.poll() is None:
            running.process.kill()
        running.process.wait(10)
        if running.process.stdout is not None:
            running.process.stdout.close()


def _wait_healthy(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{base}/health never answered 200")


def _stop(running: Running, sig: signal.Signals) -> None:
    running.process.send_signal(sig)
    assert running.process.wait(30) == 0, running.log.read_text()
    running.read_until(r"^changeboard stopped\.")


def _board_of(link: str) -> str:
    found = re.search(r"/board/([^/]+)/", link)
    assert found, link
    return found.group(1)


def _check_links_answer(printed: Printed, port: int) -> None:
    base = f"http://localhost:{port}"
    _wait_healthy(base)
    assert printed.join == f"{base}/join/{printed.join_code}"
    for link in (printed.facilitator, printed.join, printed.wall):
        assert link.startswith(base + "/")
        response = httpx.get(link, timeout=10)
        assert response.status_code == 200, link
        assert "text/html" in response.headers["content-type"]
    found = httpx.get(f"{base}/api/join/{printed.join_code}", timeout=10)
    assert found.status_code == 200
    assert found.json()["board_id"] == _board_of(printed.facilitator)
    assert found.json()["title"] == "COPD workshop (demo)"


async def _demo_board(data_dir: Path, board_id: str) -> Board:
    with EmbeddedRedis(data_dir) as url:
        store = await Store.connect(url)
        try:
            records = await store.read_since(board_id, 0)
        finally:
            await store.close()
    return fold((event_from_json(r) for r in records), Board(id=board_id))


@pytest.mark.slow
def test_demo_prints_links_that_work_and_a_restart_reuses_the_board(
    serve: Callable[..., Running], tmp_path: Path
) -> None:
    start = serve
    data_dir = tmp_path / "data"

    port = _free_port()
    first = start("--demo", "--port", str(port), "--data-dir", str(data_dir))
    printed = first.printed()
    assert re.fullmatch(r"[A-Z0-9]{4,10}", printed.join_code)
    # A QR code was drawn: a square block of equal-width lines of block characters.
    assert len(printed.qr_lines) >= 15
    assert len({len(line.rstrip("\n")) for line in printed.qr_lines}) == 1
    assert set("".join(printed.qr_lines)) <= set("█▀▄ ")
    assert "#t=" in printed.facilitator and "#t=" in printed.wall
    _check_links_answer(printed, port)
    _stop(first, signal.SIGINT)  # Ctrl-C

    port = _free_port()
    second = start("--demo", "--port", str(port), "--data-dir", str(data_dir))
    again = second.printed()
    assert _board_of(again.facilitator) == _board_of(printed.facilitator)
    assert again.join_code == printed.join_code
    assert again.facilitator.split("#")[1] == printed.facilitator.split("#")[1]
    _check_links_answer(again, port)
    _stop(second, signal.SIGTERM)  # how a service manager stops it

    # Both runs are over and their Redis with them: the data dir is free and
    # holds the demo board with every statement of the demo file.
    board = asyncio.run(_demo_board(data_dir, _board_of(printed.facilitator)))
    assert board.title == "COPD workshop (demo)"
    assert board.join_code == printed.join_code
    demo_csv = (ROOT / "server" / "demo" / "copd-reviews.csv").read_text(encoding="utf-8")
    assert len(board.statements) == len(parse_statements(demo_csv).statements) > 200


# -- room mode ------------------------------------------------------------------


def test_lan_and_host_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--lan", "--host", "0.0.0.0"]) == 2
    assert "leave out --host" in capsys.readouterr().err


@pytest.mark.slow
def test_lan_mode_puts_a_network_address_that_answers_in_every_link_and_qr_code(
    serve: Callable[..., Running], tmp_path: Path
) -> None:
    address = lan_address()
    if address is None:
        pytest.skip("this machine has no network address but loopback")
    port = _free_port()
    running = serve("--demo", "--lan", "--port", str(port), "--data-dir", str(tmp_path / "data"))
    printed = running.printed()
    base = f"http://{address}:{port}"
    assert not ipaddress.ip_address(address).is_loopback
    assert printed.join == f"{base}/join/{printed.join_code}"
    assert printed.facilitator.startswith(f"{base}/board/")
    assert printed.wall.startswith(f"{base}/board/")
    running.read_until(r"^Room mode: listening on " + re.escape(address))
    running.read_until(r"Guest and venue wifi")
    # The QR code drawn in the terminal is the join link with that address.
    drawn = io.StringIO()
    segno.make(printed.join, error="m").terminal(out=drawn, compact=True)
    assert printed.qr_lines == [line for line in drawn.getvalue().splitlines() if line.strip()]
    _wait_healthy(base)
    for link in (printed.facilitator, printed.join, printed.wall):
        assert httpx.get(link, timeout=10).status_code == 200, link
    # So is the one the wall shows, whatever address the wall was opened at.
    qr = httpx.get(f"{base}/api/boards/{_board_of(printed.facilitator)}/qr.svg", timeout=10)
    assert qr.status_code == 200
    assert f"Join: {printed.join}" in qr.text
    _stop(running, signal.SIGINT)
