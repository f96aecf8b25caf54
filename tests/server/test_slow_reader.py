"""A phone that stops reading, on a board of real size, costs the room nothing.

It asks for the whole board again and again and reads none of it: the server
answers whole boards only a few times a connection, bounds what it holds for
the phone in bytes, cuts it loose, and the other phones get every event.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from server.embedded_redis import EmbeddedRedis
from tests.conftest import LiveServer, start_server
from tests.server.client import create_board, facilitator, import_csv, participant
from tests.server.raw import RawSocket

MB = 1024 * 1024


def rss(pid: int) -> int:
    """The server process's resident memory, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def big_csv(rows: int) -> str:
    """Long statements, as a big consultation might have: about 1 MB of them."""
    header = "review,person,category,priority,statement\n"
    categories = ("working", "not working", "future")
    lines = [
        f"R{n:04d},patient,{categories[n % 3]},{n % 5 + 1},Statement {n}: " + "words " * 80
        for n in range(rows)
    ]
    return header + "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def default_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Default limits, and a Redis of its own, so its memory is this test's alone."""
    folder = Path(tempfile.mkdtemp(prefix="cb-reader-"))
    with EmbeddedRedis(folder) as url:
        server = start_server(url, folder)
        yield server
        server.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
async def test_a_phone_asking_for_the_whole_board_without_reading_is_cut_loose(
    default_server: LiveServer,
) -> None:
    url = default_server.url
    board = create_board(url, "A big board")
    assert import_csv(url, board, big_csv(2000)).json()["imported"] == 2000
    host = await facilitator(url, board)
    steady = await participant(url, board["join_code"], group="carer")
    reader = await asyncio.to_thread(RawSocket, url)
    assert (await asyncio.to_thread(reader.join, code=board["join_code"], group="patient"))["ok"]
    before = peak = rss(default_server.process.pid)

    stop = threading.Event()

    def ask_without_reading() -> None:
        n = 100
        while not stop.is_set():
            try:
                reader.ws.send(f'42{n}["sync",{{"since":0}}]')
            except OSError:
                return  # cut loose
            n += 1
            time.sleep(1 / 19)

    asking = threading.Thread(target=ask_without_reading, daemon=True)
    asking.start()
    try:
        last = 0
        deadline = time.monotonic() + 6
        n = 0
        while time.monotonic() < deadline:
            # The room goes on: the facilitator adds cards everyone sees.
            cards = [{"category": "future", "text": f"Card {n}.{k} " + "x" * 400} for k in range(8)]
            last = await host.ok("add_statements", statements=cards)
            n += 1
            peak = max(peak, rss(default_server.process.pid))
            await asyncio.sleep(0.1)
        await steady.wait_for_seq(last, timeout=30)
    finally:
        stop.set()
        asking.join(10)
    assert steady.gaps == []
    assert [e["seq"] for e in steady.events] == list(range(steady.ack["seq"] + 1, last + 1))
    read, ending = await asyncio.to_thread(reader.read_until_closed, 15)
    assert ending in ("closed", "reset"), (read, ending)
    assert read < 12 * MB, read  # a few whole boards at most, then nothing
    grew = peak - before
    assert grew < 64 * MB, f"the server grew by {grew / MB:.0f} MB for one phone"
    reader.close()
    await steady.close()
    await host.close()
