"""The hub in-process, on a real Redis: what a worker keeps in memory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from server.boards import create_board
from server.hub import Change, Hub
from server.settings import Settings
from server.store import Store


@pytest.fixture
async def hub(redis_url: str) -> AsyncIterator[Hub]:
    store = await Store.connect(redis_url)
    seen: list[Any] = []

    async def fan_out(board_id: str, changes: list[Change]) -> None:
        seen.extend(changes)

    async def transient(board_id: str, message: dict[str, object]) -> None:
        seen.append(message)

    running = Hub(store, fan_out, transient, snapshot_every=5)
    await running.start()
    yield running
    await running.stop()
    await store.close()


async def test_a_board_nobody_watches_is_forgotten_and_loads_again(hub: Hub) -> None:
    made = await create_board(hub, Settings(), "Idle board")
    assert (await hub.state(made.board_id)).title == "Idle board"
    assert hub.evict_idle() >= 1
    assert made.board_id not in hub._boards
    assert (await hub.state(made.board_id)).title == "Idle board"


async def test_a_watched_board_stays_in_memory(hub: Hub) -> None:
    made = await create_board(hub, Settings(), "Busy board")
    await hub.attach(made.board_id)
    hub.evict_idle()
    assert made.board_id in hub._boards
    await hub.detach(made.board_id)
    hub.evict_idle()
    assert made.board_id not in hub._boards


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
