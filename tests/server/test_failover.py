"""A Redis Cluster shard failing over under load loses nothing acknowledged.

Runs when REDIS_URL names a local cluster started by tests/cluster.py (CI's
cluster pass does): the primary holding the board is killed with SIGKILL in
the middle of a burst of votes sent through two servers, its replica takes
over, and every phone keeps resending what it was not told about, with the
same op, as the browser's outbox does. The killed node is started again at
the end (it comes back as a replica), so the cluster is whole for the tests
after this one.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import socketio

from server.redis_client import is_cluster_url
from server.store import Store
from tests.cluster import LocalCluster
from tests.conftest import LiveServer, start_server
from tests.server.client import Client, new_op, participant, wall
from tests.server.test_faults import dots, open_round

VOTERS = 12
VOTES = 20  # each: all the dots the round allows


@pytest.fixture(scope="module")
def cluster(redis_url: str) -> LocalCluster:
    found = LocalCluster.of(redis_url)
    if found is None and os.environ.get("CI") and is_cluster_url(redis_url):
        pytest.fail(f"CI's cluster pass must run this; {redis_url} is not from tests/cluster.py")
    if found is None:
        pytest.skip("needs REDIS_URL naming a local cluster made by tests/cluster.py")
    return found


@pytest.fixture(scope="module")
def servers(
    cluster: LocalCluster, redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[LiveServer]]:
    started = [
        start_server(
            redis_url,
            tmp_path_factory.mktemp(f"failover-{n}"),
            CHANGEBOARD_COMMANDS_PER_SECOND="1000",
            CHANGEBOARD_COMMAND_BURST="1000",
        )
        for n in range(2)
    ]
    yield started
    for server in started:
        server.stop()


@dataclass
class Phone:
    client: Client
    participant_id: str
    token: str
    sent: dict[str, str] = field(default_factory=dict)  # op -> item, in the order sent
    acked: dict[str, int] = field(default_factory=dict)  # op -> seq
    refusals: Counter[str] = field(default_factory=Counter)


async def vote_until_told(phone: Phone, round_id: str, votes: int) -> None:
    """Send each vote until it is acknowledged, resending with the same op meanwhile."""
    for k in range(votes):
        op, item = new_op(), f"s{k % 10 + 1}"
        phone.sent[op] = item
        deadline = time.monotonic() + 60
        while op not in phone.acked:
            assert time.monotonic() < deadline, f"vote {op} never acknowledged: {phone.refusals}"
            payload = {"op": op, "type": "vote", "round_id": round_id, "item": item}
            try:
                ack = await phone.client.sio.call("command", payload, timeout=5)
            except (TimeoutError, socketio.exceptions.SocketIOError):
                phone.refusals["timeout"] += 1
                continue
            if ack["ok"]:
                phone.acked[op] = ack["seq"]
            else:
                assert ack["error"]["code"] in ("unavailable", "busy"), ack
                phone.refusals[ack["error"]["code"]] += 1
                await asyncio.sleep(0.05)


def contiguous(client: Client, last: int) -> bool:
    seqs = [e["seq"] for e in client.events]
    return client.gaps == [] and seqs == list(range(seqs[0], last + 1)) if seqs else False


@pytest.mark.slow
async def test_a_shard_primary_killed_mid_burst_loses_no_acknowledged_vote(
    cluster: LocalCluster, servers: list[LiveServer], redis_url: str
) -> None:
    board, host, round_id = await open_round(servers[0].url, dots=VOTES, per_item=VOTES, items=10)
    screen = await wall(servers[1].url, board)
    phones = []
    for n in range(VOTERS):
        client = await participant(servers[n % 2].url, board["join_code"])
        phones.append(Phone(client, client.ack["you"]["id"], client.ack["token"]))
    log_key = f"cb:{{{board['board_id']}}}:log"
    primary = cluster.primary_for(log_key)
    killed = False
    try:
        bursts = [asyncio.create_task(vote_until_told(p, round_id, VOTES)) for p in phones]
        async with asyncio.timeout(60):
            while sum(len(p.acked) for p in phones) < 40:
                await asyncio.sleep(0.005)
        cluster.kill(primary)
        killed = True
        acked_at_kill = sum(len(p.acked) for p in phones)
        async with asyncio.timeout(120):
            await asyncio.gather(*bursts)
        assert acked_at_kill < VOTERS * VOTES, "the kill came mid-burst"
        assert cluster.primary_for(log_key) != primary, "the replica took over"

        # Half the phones drop and come back with the last seq they saw.
        last = max(seq for p in phones for seq in p.acked.values())
        for phone in phones[: VOTERS // 2]:
            seen = phone.client.seq
            await phone.client.close()
            phone.client = Client(phone.client.url)
            phone.client.seq = seen
            await phone.client.connect(token=phone.token, since=seen)
        for client in [host, screen, *(p.client for p in phones)]:
            await client.wait_for_seq(last, timeout=30)

        # Every op in the log exactly once; nothing acknowledged missing.
        store = await Store.connect(redis_url)
        try:
            log = [json.loads(r) for r in await store.read_since(board["board_id"], 0)]
            ops = {
                op: await store.op_seq(board["board_id"], f"{p.participant_id}:{op}")
                for p in phones
                for op in p.sent
            }
        finally:
            await store.close()
        assert [e["seq"] for e in log] == list(range(1, len(log) + 1))
        placed = [e for e in log if e["type"] == "dot_placed"]
        assert len(placed) == VOTERS * VOTES
        assert all(seq is not None for seq in ops.values())
        assert len(set(ops.values())) == len(ops) == VOTERS * VOTES
        for phone in phones:
            for op, seq in phone.acked.items():
                assert ops[op] == seq, "an acknowledged vote kept the seq it was told"

        # Every screen saw every event once, in order, and the same tally.
        assert contiguous(host, last) and contiguous(screen, last)
        assert host.events[-1]["dots_cast"] == VOTERS * VOTES
        for phone in phones[VOTERS // 2 :]:
            assert contiguous(phone.client, last)
        for phone in phones:
            again = await phone.client.join(token=phone.token)
            mine = dots(again["board"], round_id)["mine"]
            assert Counter(mine) == Counter(phone.sent.values())
        print("refused while failing over:", sum((p.refusals for p in phones), Counter()))
    finally:
        for client in [host, screen, *(p.client for p in phones)]:
            with contextlib.suppress(Exception):
                await client.close()
        if killed:
            cluster.start_node(primary)  # back as the new primary's replica
            cluster.wait_healthy()
