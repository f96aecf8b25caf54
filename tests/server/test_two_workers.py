"""Two server processes on one Redis behave as one board."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import LiveServer, start_server
from tests.server.client import (
    Client,
    cards,
    create_board,
    facilitator,
    import_csv,
    participant,
    wall,
)

DEMO = Path(__file__).resolve().parents[2] / "server" / "demo" / "copd-reviews.csv"


@pytest.fixture(scope="module")
def second_server(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = start_server(redis_url, tmp_path_factory.mktemp("second"))
    yield server
    server.stop()


async def open_round(server: LiveServer, dots: int, per_item: int) -> tuple[dict, Client, str]:  # type: ignore[type-arg]
    board = create_board(server.url)
    assert import_csv(server.url, board, DEMO.read_text()).status_code == 200
    host = await facilitator(server.url, board)
    await host.ok("set_stage", stage="prioritise")
    seq = await host.ok(
        "open_round", items=cards(host)[:3], dots_per_person=dots, max_per_item=per_item
    )
    await host.wait_for_seq(seq)
    return board, host, host.events[-1]["round"]["id"]


async def test_a_vote_on_one_server_reaches_clients_of_the_other(
    live_server: LiveServer, second_server: LiveServer
) -> None:
    board, host, round_id = await open_round(live_server, dots=3, per_item=3)
    screen = await wall(second_server.url, board)
    phone = await participant(live_server.url, board["join_code"])
    seq = await phone.ok("vote", round_id=round_id, item=cards(host)[1])
    await screen.wait_for_seq(seq)
    assert screen.events[-1]["type"] == "dot_placed"
    assert screen.events[-1]["voters"] == 1
    assert screen.gaps == []
    for client in [host, screen, phone]:
        await client.close()


async def test_twenty_clients_across_two_servers_never_exceed_a_budget(
    live_server: LiveServer, second_server: LiveServer
) -> None:
    board, host, round_id = await open_round(live_server, dots=4, per_item=2)
    servers = [live_server, second_server]
    phones = [await participant(servers[n % 2].url, board["join_code"]) for n in range(20)]
    # Each phone tries 8 dots at once: only 4 may land, at most 2 per item.
    attempts = [
        phone.command("vote", round_id=round_id, item=f"s{k % 3 + 1}")
        for phone in phones
        for k in range(8)
    ]
    acks = await asyncio.gather(*attempts)
    assert sum(1 for a in acks if a["ok"]) == 20 * 4
    refused = {a["error"]["code"] for a in acks if not a["ok"]}
    assert refused <= {"no_dots_left", "item_limit"}
    last = max(a["seq"] for a in acks if a["ok"])
    await host.wait_for_seq(last)
    for phone in phones:
        await phone.wait_for_seq(last)
        mine = [e["mine"] for e in phone.events if "mine" in e][-1]
        assert sum(mine.values()) == 4
        assert max(mine.values()) <= 2
        assert phone.gaps == []
    assert host.events[-1]["dots_cast"] == 80
    assert host.events[-1]["voters"] == 20
    for client in [host, *phones]:
        await client.close()
