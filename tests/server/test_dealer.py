"""The sweep that sends dealt hands back, in-process on a real Redis, two workers at once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from board import Actor, Command, Group, Role, Stage, event_from_json
from board.dealing import StartDealing, TakeCards
from board.dealt import HandReturned
from board.room import JoinBoard, SetStage
from board.statements import AddStatements
from board.values import Category, NewStatement
from server.boards import create_board
from server.dealer import Dealer
from server.hub import Hub
from server.queries import load_board
from server.settings import Settings
from server.store import Store
from tests.server.test_hub import Screens

HOST = Actor(role=Role.FACILITATOR)
GRACE = 20.0


@pytest.fixture
async def workers(redis_url: str) -> AsyncIterator[list[Hub]]:
    """Two workers' hubs on one Redis."""
    hubs = []
    for _ in range(2):
        store = await Store.connect(redis_url)
        hub = Hub(store, Screens(), snapshot_every=200)
        await hub.start()
        hubs.append(hub)
    yield hubs
    for hub in hubs:
        await hub.stop()
        await hub.store.close()


async def dealt_board(hub: Hub) -> str:
    """A board dealing six cards two a phone; p1 and p2 hold two each, p1 is connected."""
    made = await create_board(hub, Settings(), "Dealer")
    board, n = made.board_id, iter(range(100))

    async def run(command: Command, actor: Actor = HOST) -> None:
        await hub.execute(board, command, actor, f"op-{next(n):04d}")

    cards = tuple(NewStatement(category=Category.NOT_WORKING, text=f"Card {i}") for i in range(6))
    await run(AddStatements(statements=cards))
    for pid in ("p1", "p2"):
        await run(JoinBoard(participant_id=pid, group=Group.PATIENT))
    await run(SetStage(stage=Stage.THEME))
    await run(StartDealing(category=Category.NOT_WORKING, hand_size=2, timeout_seconds=30))
    for pid in ("p1", "p2"):
        await run(TakeCards(), Actor(role=Role.PARTICIPANT, participant_id=pid))
    await hub.presence_changed(board, "p1", +1)
    return board


async def returned(hub: Hub, board: str) -> list[tuple[str, str]]:
    events = [event_from_json(r) for r in await hub.store.read_since(board, 0)]
    return [(e.participant, e.reason) for e in events if isinstance(e, HandReturned)]


async def test_a_phone_gone_past_the_grace_loses_its_hand_once_however_many_workers_sweep(
    workers: list[Hub],
) -> None:
    board = await dealt_board(workers[0])
    now = [1_000.0]
    dealers = [Dealer(hub, GRACE, clock=lambda: now[0]) for hub in workers]

    async def sweep_both() -> int:
        """Both workers sweep at once; how many returns they sent between them."""
        states = [await hub.state(board) for hub in workers]
        sent = await asyncio.gather(*(d.sweep([s]) for d, s in zip(dealers, states, strict=True)))
        return sum(sent)

    # p2 has no phone connected: seen gone, but within the grace it keeps its hand.
    assert await sweep_both() == 0
    now[0] += GRACE - 1
    assert await sweep_both() == 0
    assert await returned(workers[0], board) == []
    now[0] += 1
    assert await sweep_both() == 2  # both workers found it due and sent the same op...
    assert await returned(workers[0], board) == [("p2", "left")]  # ...which the log keeps once
    await sweep_both()  # a worker that has not seen it yet sends it again: still once
    assert await returned(workers[0], board) == [("p2", "left")]
    # p1 is connected, and its hand is not yet past the timeout by the board's clock.
    state = await load_board(workers[1].store, board)
    assert state.dealing is not None and set(state.dealing.hands) == {"p1"}


async def test_a_phone_back_within_the_grace_keeps_its_hand(workers: list[Hub]) -> None:
    board = await dealt_board(workers[0])
    now = [1_000.0]
    dealer = Dealer(workers[1], GRACE, clock=lambda: now[0])
    assert await dealer.sweep([await workers[1].state(board)]) == 0
    now[0] += GRACE / 2
    await workers[1].presence_changed(board, "p2", +1)  # back, on the other worker
    now[0] += GRACE
    assert await dealer.sweep([await workers[1].state(board)]) == 0
    await workers[1].presence_changed(board, "p2", -1)  # gone again: the grace starts again
    now[0] += GRACE - 1
    assert await dealer.sweep([await workers[1].state(board)]) == 0
    assert await returned(workers[0], board) == []
