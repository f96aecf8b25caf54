"""The hub in-process, on a real Redis: what a worker keeps in memory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from board import Board
from server.boards import create_board
from server.channel import Message
from server.hub import Change, Hub
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
    from board.commands import UpdateBoard

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
