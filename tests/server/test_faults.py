"""Faults with a real server and a real Redis: kill -9, Redis going away, slow readers, races.

Each test starts its own server process (and, where it needs one, its own
Redis), so a fault here never touches the session's shared server.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
import socketio

from server.embedded_redis import EmbeddedRedis, find_redis_server
from server.redis_client import open_redis
from tests.conftest import ROOT, LiveServer, free_port, start_server
from tests.server.client import (
    Client,
    cards,
    create_board,
    facilitator,
    import_csv,
    new_op,
    participant,
)
from tests.server.raw import RawSocket

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
        items=cards(host)[:items],
        dots_per_person=dots,
        max_per_item=per_item,
    )
    await host.wait_for_seq(opened)
    return board, host, str(host.events[-1]["round"]["id"])


# 1. kill -9 during a burst of votes


class Laptop:
    """`changeboard serve` as a facilitator runs it: no REDIS_URL, its own Redis in a data dir."""

    def __init__(self, data_dir: Path, port: int) -> None:
        self.data_dir, self.port = data_dir, port
        self.url = f"http://127.0.0.1:{port}"
        self.log = data_dir / "serve.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {
            k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "CHANGEBOARD_REDIS_URL")
        }
        env.update(
            CHANGEBOARD_COMMANDS_PER_SECOND="1000",
            CHANGEBOARD_COMMAND_BURST="1000",
            CHANGEBOARD_FAILED_JOINS_PER_MINUTE="100000",
        )
        command = [sys.executable, "-m", "server.cli", "serve", "--port", str(self.port),
                   "--data-dir", str(self.data_dir)]  # fmt: skip
        with self.log.open("ab") as out:
            # A session of its own, so kill -9 can take the whole process group.
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True
            )
        wait_until(lambda: self._up(), 60, f"changeboard serve answers (log: {self.log})")

    def _up(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise RuntimeError(f"changeboard serve exited:\n{self.log.read_text()}")
        return health(self.url)[0] == 200

    def redis_pid(self) -> int:
        info = (self.data_dir / "redis" / "changeboard.lock").read_text()
        return int(info.rsplit("redis-server pid", 1)[1].split()[0])

    def kill_9(self, redis_too: bool) -> None:
        assert self.process is not None
        redis_pid = self.redis_pid()
        os.killpg(self.process.pid, signal.SIGKILL)
        if redis_too:  # as if the whole laptop's processes were shot at once
            os.kill(redis_pid, signal.SIGKILL)
        self.process.wait(10)
        # Redis (its own session) is told by Linux that its parent died, or was
        # killed above; once it is gone the data dir's lock is free again.
        wait_until(self._data_dir_free, 20, "the old Redis lets go of the data dir")

    def _data_dir_free(self) -> bool:
        fd = os.open(self.data_dir / "redis" / "changeboard.lock", os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        finally:
            os.close(fd)
        return True

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def redis(self) -> redis.Redis:
        return redis.Redis(unix_socket_path=str(self.data_dir / "redis" / "redis.sock"),
                           decode_responses=True)  # fmt: skip


@dataclass
class Voter:
    client: Client
    sent: dict[str, str] = field(default_factory=dict)  # op -> item, in the order sent
    acked: dict[str, int] = field(default_factory=dict)  # op -> seq


async def burst(voter: Voter, round_id: str, votes: int, items: int) -> None:
    """Vote as fast as the acks come back, until the server goes away."""
    for k in range(votes):
        op, item = new_op(), f"s{k % items + 1}"
        voter.sent[op] = item
        try:
            ack = await voter.client.sio.call(
                "command", {"op": op, "type": "vote", "round_id": round_id, "item": item},
                timeout=5,
            )  # fmt: skip
        except (TimeoutError, socketio.exceptions.SocketIOError):
            return  # the server is gone: this one may or may not have landed
        assert ack["ok"], ack
        voter.acked[op] = ack["seq"]


def dots(board: dict[str, Any], round_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in board["rounds"] if r["id"] == round_id)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("redis_too", [False, True], ids=["server", "server-and-its-redis"])
async def test_kill_9_mid_burst_loses_no_acknowledged_vote_and_applies_none_twice(
    redis_too: bool,
) -> None:
    laptop = Laptop(Path(tempfile.mkdtemp(prefix="cb-kill-")), free_port())
    laptop.start()
    try:
        board, host, round_id = await open_round(laptop.url, dots=20, per_item=20, items=10)
        voters = [Voter(await participant(laptop.url, board["join_code"])) for _ in range(8)]
        tokens = [v.client.token for v in voters]
        bursts = [asyncio.create_task(burst(v, round_id, 20, 10)) for v in voters]
        await await_until(
            lambda: sum(len(v.acked) for v in voters) >= 50, 60, "the burst is under way", 0.005
        )
        laptop.kill_9(redis_too)
        acked_at_kill = sum(len(v.acked) for v in voters)
        await asyncio.gather(*bursts)
        for client in [host, *(v.client for v in voters)]:
            with contextlib.suppress(Exception):
                await client.close()
        assert 50 <= acked_at_kill < 8 * 20, "the kill came mid-burst"

        laptop.start()
        total = 0
        for voter, token in zip(voters, tokens, strict=True):
            back = Client(laptop.url)
            await back.connect()
            joined = await back.join(token=token)
            mine = Counter(dots(joined["board"], round_id)["mine"])
            acked = Counter(voter.sent[op] for op in voter.acked)
            unacked = [op for op in voter.sent if op not in voter.acked]
            assert len(unacked) <= 1  # one vote at a time per phone
            in_flight = Counter(voter.sent[op] for op in unacked)
            # Every acknowledged vote is there; only the one in flight may be too.
            assert acked <= mine <= acked + in_flight, (acked, mine, in_flight)
            # The phone sends what it never heard back about again, with the same op.
            for op in unacked:
                item = voter.sent[op]
                again = await back.command("vote", op=op, round_id=round_id, item=item)
                assert again["ok"], again
            rejoined = await back.join(token=token)
            assert Counter(dots(rejoined["board"], round_id)["mine"]) == Counter(
                voter.sent.values()
            )
            total += len(voter.sent)
            await back.close()

        host = await facilitator(laptop.url, board)
        shown = dots(host.ack["board"], round_id)
        assert shown["dots_cast"] == total and shown["voters"] == 8
        await host.close()
        # And in the log itself: one dot_placed per op, no op twice.
        with laptop.redis() as store:
            log = store.xrange(f"cb:{{{board['board_id']}}}:log")
            placed = [json.loads(fields["e"]) for _, fields in log]
            placed = [e for e in placed if e["type"] == "dot_placed"]
            ops = store.hgetall(f"cb:{{{board['board_id']}}}:ops")
        assert len(placed) == total
        every_op = {op for v in voters for op in v.sent}
        seqs = [int(seq) for key, seq in ops.items() if key.rpartition(":")[2] in every_op]
        assert len(seqs) == len(set(seqs)) == total
    finally:
        laptop.stop()
        shutil.rmtree(laptop.data_dir, ignore_errors=True)


# 2. Redis stops and comes back


class StoppableRedis:
    """A Redis that can be stopped and started again on the same data and address."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.folder = Path(tempfile.mkdtemp(prefix=f"cb-{kind}-"))  # short: the socket path fits
        self.port = free_port()
        self.url = ""
        self._embedded: EmbeddedRedis | None = None
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        if self.kind == "embedded":
            self._embedded = EmbeddedRedis(self.folder)
            url = self._embedded.start()
        else:
            log = str(self.folder / "redis.log")
            command = [find_redis_server(), "--port", str(self.port), "--bind", "127.0.0.1",
                       "--save", "", "--appendonly", "yes", "--dir", str(self.folder),
                       "--daemonize", "no", "--logfile", log]  # fmt: skip
            self._process = subprocess.Popen(command, stdin=subprocess.DEVNULL)
            url = f"redis://127.0.0.1:{self.port}/0"
            wait_until(lambda: self._answers(url), 15, "the external Redis answers")
        assert self.url in ("", url), "it must come back at the same address"
        self.url = url
        return url

    @staticmethod
    def _answers(url: str) -> bool:
        try:
            with redis.Redis.from_url(url, socket_timeout=1) as client:
                return bool(client.ping())
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self._embedded is not None:
            self._embedded.stop()  # SHUTDOWN, as an operator would
            self._embedded = None
        if self._process is not None:
            with contextlib.suppress(redis.RedisError), redis.Redis.from_url(self.url) as client:
                client.shutdown()
            try:
                self._process.wait(15)
            except subprocess.TimeoutExpired:
                self._process.terminate()
                self._process.wait()
            self._process = None


@pytest.fixture(params=["embedded", "external"])
def stoppable_redis(request: pytest.FixtureRequest) -> Iterator[StoppableRedis]:
    store = StoppableRedis(request.param)
    store.start()
    yield store
    store.stop()
    shutil.rmtree(store.folder, ignore_errors=True)


@pytest.mark.slow
async def test_redis_going_away_and_back_is_survived_with_no_gap_and_no_duplicate(
    stoppable_redis: StoppableRedis,
) -> None:
    server = start_server(stoppable_redis.url, stoppable_redis.folder)
    try:
        board, host, round_id = await open_round(server.url, dots=10, per_item=10)
        first, second, third = cards(host)[:3]
        phones = [await participant(server.url, board["join_code"]) for _ in range(2)]
        last = 0
        for phone in phones:
            last = await phone.ok("vote", round_id=round_id, item=first)
        for client in [host, *phones]:
            await client.wait_for_seq(last)

        stoppable_redis.stop()
        status, body = await asyncio.to_thread(health, server.url)
        assert (status, body) == (503, {"ok": False, "redis": "down"})
        op = new_op()
        refused = await phones[0].command("vote", op=op, round_id=round_id, item=second)
        assert refused["ok"] is False
        assert refused["error"]["code"] == "unavailable"
        # It may have been applied (Redis can die after running the append):
        # the answer says so, and how to find out safely.
        assert "may or may not have been saved" in refused["error"]["message"]
        assert "same op" in refused["error"]["message"]

        stoppable_redis.start()
        # The phone sends the refused vote again, same op, as soon as it can
        # land: the first event after the outage may be published before the
        # server has its subscription back, and must still reach every screen.
        deadline = time.monotonic() + 30
        while (again := await phones[0].command("vote", op=op, round_id=round_id, item=second))[
            "ok"
        ] is False:
            assert again["error"]["code"] == "unavailable", again
            assert time.monotonic() < deadline, "the server did not reconnect by itself"
            await asyncio.sleep(0.05)
        for client in [host, *phones]:
            await client.wait_for_seq(again["seq"], timeout=15)
        await asyncio.to_thread(
            wait_until, lambda: health(server.url)[0] == 200, 30, "health is back to 200"
        )
        assert health(server.url) == (200, {"ok": True, "redis": "up"})
        last = again["seq"]
        for phone in phones:
            last = await phone.ok("vote", round_id=round_id, item=third)
        for client in [host, *phones]:
            await client.wait_for_seq(last, timeout=20)
            seqs = [e["seq"] for e in client.events]
            assert seqs == list(range(client.ack["seq"] + 1, last + 1)), client.gaps
            assert client.gaps == []
        assert host.events[-1]["dots_cast"] == 5
        own = [e["mine"] for e in phones[0].events if "mine" in e]
        assert own[-1] == {first: 1, second: 1, third: 1}
        for client in [host, *phones]:
            await client.close()
    finally:
        server.stop()


# 3. A client that stops reading


@pytest.fixture(scope="module")
def impatient_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server that cuts a client loose past 1 MB waiting, with a Redis of its own."""
    folder = Path(tempfile.mkdtemp(prefix="cb-slow-"))
    with EmbeddedRedis(folder) as url:
        server = start_server(
            url,
            folder,
            CHANGEBOARD_MAX_CLIENT_QUEUE_BYTES="1048576",
            CHANGEBOARD_COMMANDS_PER_SECOND="1000",
            CHANGEBOARD_COMMAND_BURST="1000",
        )
        yield server
        server.stop()
    shutil.rmtree(folder, ignore_errors=True)


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
    # The flood: a board's worth of long statements, 100 at a time (each event
    # carries the cards it adds), about 3.5 MB to each phone, past what the
    # sockets buffer; then 150 causes pile up in the server's queue.
    last = 0
    for batch in range(50):
        cards = [
            {"category": "working", "text": f"Card {batch}.{n}: " + "x" * 560} for n in range(100)
        ]
        last = await host.ok("add_statements", statements=cards)
    for n in range(150):
        text = f"Cause {n}: " + "x" * 580
        last = await host.ok("add_cause", theme_id=theme_id, text=text)
    # Both slow phones are counted out while they still read nothing.
    await await_until(
        lambda: any(n == "presence" and d["connected"] == 1 for n, d in host.frames[counted_in:]),
        30,
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


# 4. Two facilitators at once


@pytest.fixture(scope="module")
def second_server(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = start_server(redis_url, tmp_path_factory.mktemp("second"))
    yield server
    server.stop()


@pytest.mark.slow
async def test_two_facilitators_on_two_servers_racing_one_wins_the_other_is_told(
    live_server: LiveServer, second_server: LiveServer, redis_url: str
) -> None:
    board = create_board(live_server.url)
    assert import_csv(live_server.url, board, DEMO).status_code == 200
    issued = httpx.post(
        f"{live_server.url}/api/boards/{board['board_id']}/tokens",
        json={"role": "facilitator"},
        headers={"Authorization": f"Bearer {board['facilitator_token']}"},
        timeout=10,
    )
    assert issued.status_code == 201, issued.text
    one = await facilitator(live_server.url, board)
    other = Client(second_server.url)  # a co-facilitator, on the other server
    await other.connect()
    await other.join(token=issued.json()["token"])

    async def both(type: str, **fields: Any) -> list[dict[str, Any]]:
        return list(
            await asyncio.gather(one.command(type, **fields), other.command(type, **fields))
        )

    def outcome(acks: list[dict[str, Any]]) -> list[str]:
        return sorted("ok" if a["ok"] else a["error"]["code"] for a in acks)

    stages = ["collect", "theme", "prioritise", "theme", "prioritise"]
    for stage in stages:
        assert outcome(await both("set_stage", stage=stage)) == ["ok", "same_stage"]
    closes = []
    for _ in range(3):
        opened = await one.ok("open_round", items=cards(one)[:2])
        await one.wait_for_seq(opened)
        round_id = one.events[-1]["round"]["id"]
        assert outcome(await both("close_round", round_id=round_id)) == ["ok", "round_closed"]
        closes.append(round_id)

    opened = await open_redis(redis_url)  # one server or a cluster
    records = await opened.client.xrange(f"cb:{{{board['board_id']}}}:log")
    await opened.close()
    log = [json.loads(fields["e"]) for _, fields in records]
    assert [e["seq"] for e in log] == list(range(1, len(log) + 1))
    assert [e["stage"] for e in log if e["type"] == "stage_set"] == stages
    assert [e["round_id"] for e in log if e["type"] == "round_closed"] == closes
    # Both screens end on the same board, whichever server they are on.
    for client in (one, other):
        await client.wait_for_seq(len(log))
        assert client.gaps == []
    assert one.events[-1] == other.events[-1]
    await one.close()
    await other.close()
