"""The hub in-process, on a real Redis: what a worker keeps in memory."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from board import Board
from server.boards import create_board
from server.channel import Message
from server.hub import Change, Hub
from server.redis_client import SUBSCRIBER_NAME, open_redis
from server.settings import Settings
from server.store import Store


class Screens:
    """Records what the hub tells this worker's screens."""

    def __init__(self) -> None:
        self.seen: list[Any] = []

    async def changes(self, board_id: str, changes: list[Change]) -> None:
        self.seen.extend(changes)

    async def transient(self, board_id: str, message: Message) -> None:
        self.seen.append(message)

    async def reset(self, board_id: str, state: Board) -> None:
        self.seen.append(("reset", state.seq))


@pytest.fixture
async def hub(redis_url: str) -> AsyncIterator[Hub]:
    store = await Store.connect(redis_url)
    running = Hub(store, Screens(), snapshot_every=5)
    await running.start()
    yield running
    await running.stop()
    await store.close()


async def test_a_board_nobody_watches_is_forgotten_and_loads_again(hub: Hub) -> None:
    made = await create_board(hub, Settings(), "Idle board")
    assert (await hub.state(made.board_id)).title == "Idle board"
    assert hub.evict_idle() >= 1
    assert not hub.holds(made.board_id)
    assert (await hub.state(made.board_id)).title == "Idle board"


async def test_a_watched_board_stays_in_memory(hub: Hub) -> None:
    made = await create_board(hub, Settings(), "Busy board")
    await hub.attach(made.board_id)
    hub.evict_idle()
    assert hub.holds(made.board_id)
    await hub.detach(made.board_id)
    hub.evict_idle()
    assert not hub.holds(made.board_id)


async def test_snapshots_let_a_board_load_from_its_latest_one(hub: Hub) -> None:
    from board import Actor, Role
    from board.room import UpdateBoard

    made = await create_board(hub, Settings(), "Snapshots")
    for n in range(12):
        await hub.execute(
            made.board_id,
            UpdateBoard(title=f"Title {n}"),
            Actor(role=Role.FACILITATOR),
            f"op-snapshot-{n:04d}",
        )
    snapshot = await hub.store.load_snapshot(made.board_id)
    assert snapshot is not None and snapshot[0] == 10
    hub.evict_idle()
    state = await hub.state(made.board_id)
    assert (state.seq, state.title) == (13, "Title 11")


async def drop_subscriptions(redis_url: str) -> None:
    """Cut this suite's subscription connections, as a Redis restart or failover would."""
    opened = await open_redis(redis_url)
    nodes = (
        [n for n in opened.client.get_nodes() if n.server_type == "primary"]
        if opened.cluster
        else [None]
    )
    for node in nodes:
        target = {"target_nodes": node} if node is not None else {}
        for found in await opened.client.client_list(_type="pubsub", **target):
            if found.get("name") == SUBSCRIBER_NAME:
                await opened.client.client_kill_filter(_id=found["id"], **target)
    await opened.close()


async def test_a_log_that_went_back_reloads_the_board_and_resets_its_screens(
    hub: Hub, redis_url: str
) -> None:
    from board import Actor, Role
    from board.room import UpdateBoard

    facilitator = Actor(role=Role.FACILITATOR)
    made = await create_board(hub, Settings(), "Failover")
    await hub.attach(made.board_id)
    last = 0
    for n in range(3):
        last = await hub.execute(made.board_id, UpdateBoard(title=f"T{n}"), facilitator, f"op-b{n}")
    screens: Screens = hub.follower.screens  # type: ignore[assignment]
    async with asyncio.timeout(10):
        while (await hub.state(made.board_id)).seq < last or hub.follower.state(
            made.board_id
        ) != await hub.state(made.board_id):
            await asyncio.sleep(0.01)
    # A failover that lost the last event: the new primary's log ends one sooner.
    # (The stream is written again: XDEL would keep its last id, a promoted replica has not.)
    opened = await open_redis(redis_url)
    log_key = f"cb:{{{made.board_id}}}:log"
    kept = (await opened.client.xrange(log_key))[:-1]
    await opened.client.delete(log_key)
    for entry_id, fields in kept:
        await opened.client.xadd(log_key, fields, id=entry_id)
    await opened.client.set(f"cb:{{{made.board_id}}}:seq", last - 1)
    await opened.close()
    await drop_subscriptions(redis_url)
    async with asyncio.timeout(15):
        while ("reset", last - 1) not in screens.seen:
            await asyncio.sleep(0.02)
    followed = hub.follower.state(made.board_id)
    assert followed is not None and (followed.seq, followed.title) == (last - 1, "T1")
    # The writer starts again from the log too: the next command lands at the log's end.
    again = await hub.execute(made.board_id, UpdateBoard(title="T3"), facilitator, "op-b3")
    assert again == last
    await hub.detach(made.board_id)
