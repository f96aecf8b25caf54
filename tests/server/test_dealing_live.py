"""Theming together over real sockets: a category dealt out to phones on two workers."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LiveServer, start_server
from tests.server.client import Client, create_board, facilitator, import_csv, participant

DEMO = Path(__file__).resolve().parents[2] / "server" / "demo" / "copd-reviews.csv"
Json = dict[str, Any]


@pytest.fixture(scope="module")
def second_server(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = start_server(redis_url, tmp_path_factory.mktemp("second"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def quick_server(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server that gives a phone that left half a second to come back."""
    server = start_server(
        redis_url, tmp_path_factory.mktemp("quick"), CHANGEBOARD_DEALING_GRACE="0.5"
    )
    yield server
    server.stop()


async def dealing_board(server: LiveServer, themes: int) -> tuple[Json, Client, list[str]]:
    """The demo board at "Theme" with `themes` "not working" themes, dealing that category
    three cards a phone; (board, host, theme ids)."""
    board = create_board(server.url)
    assert import_csv(server.url, board, DEMO.read_text()).status_code == 200
    host = await facilitator(server.url, board)
    await host.ok("set_stage", stage="theme")
    made = []
    for n in range(themes):
        seq = await host.ok("create_theme", category="not working", title=f"Theme {n + 1}")
        await host.wait_for_seq(seq)
        made.append(host.events[-1]["theme"]["id"])
    await host.ok("start_dealing", category="not working", hand_size=3, timeout_seconds=600)
    return board, host, made


def hand_of(phone: Client) -> list[str]:
    """The phone's hand, from the last event that told it."""
    for event in reversed(phone.events):
        if "hand" in event:
            return list(event["hand"])
        if event["type"] == "dealing_started":
            return list(event["dealing"]["hand"])
    return list(phone.ack["board"]["dealing"]["hand"])


async def take(phone: Client) -> Json:
    answer = await phone.command("take_cards")
    if answer["ok"]:
        await phone.wait_for_seq(answer["seq"])
    return answer


async def place_everything(phone: Client, themes: list[str], placed: Counter[str]) -> None:
    """Take cards and place each in a theme until nothing is left to deal."""
    answer = await take(phone)
    while True:
        hand = hand_of(phone)
        if not hand:
            answer = await take(phone)
            if not answer["ok"]:
                assert answer["error"]["code"] == "pile_empty", answer
                return
            continue
        card = hand[0]
        theme = themes[int(card[1:]) % len(themes)]
        seq = await phone.ok("place_dealt", statement_id=card, theme_id=theme)
        placed[card] += 1
        await phone.wait_for_seq(seq)


async def test_twenty_phones_on_two_workers_theme_every_card_exactly_once(
    live_server: LiveServer, second_server: LiveServer
) -> None:
    board, host, themes = await dealing_board(live_server, themes=12)
    servers = [live_server, second_server]
    phones = [await participant(servers[n % 2].url, board["join_code"]) for n in range(20)]
    placed: Counter[str] = Counter()
    async with asyncio.timeout(120):
        await asyncio.gather(*(place_everything(phone, themes, placed) for phone in phones))
    cards = [s["id"] for s in host.ack["board"]["statements"] if s["category"] == "not working"]
    assert len(cards) == 95
    assert sorted(placed) == sorted(cards) and set(placed.values()) == {1}
    # A fresh look at the board, from the other worker: every card in one theme, none lost.
    again = await facilitator(second_server.url, board)
    fresh = again.ack["board"]
    where = {s["id"]: s["theme_id"] for s in fresh["statements"] if s["category"] == "not working"}
    assert all(where[card] == themes[int(card[1:]) % 12] for card in cards)
    dealing = fresh["dealing"]
    assert sorted(dealing["placed"]) == sorted(cards)
    assert all(hand == [] for hand in dealing["hands"].values())
    # Every phone was dealt, and no card was ever in two hands at once.
    await host.wait_for_seq(again.ack["seq"])
    assert host.gaps == []
    holder: dict[str, str] = {}
    for event in host.events:
        if event["type"] in ("cards_dealt", "card_placed", "card_passed", "hand_returned"):
            for card in [c for c, who in holder.items() if who == event["participant"]]:
                del holder[card]
            for card in event["hand"]:
                assert holder.setdefault(card, event["participant"]) == event["participant"]
    dealt_to = {e["participant"] for e in host.events if e["type"] == "cards_dealt"}
    assert len(dealt_to) == 20
    for client in [host, again, *phones]:
        await client.close()


async def test_a_phone_that_reconnects_gets_the_same_hand_back(
    live_server: LiveServer, second_server: LiveServer
) -> None:
    board, host, _ = await dealing_board(live_server, themes=1)
    phone = await participant(live_server.url, board["join_code"])
    await take(phone)
    held = hand_of(phone)
    assert len(held) == 3
    await phone.close()
    # Back, on the other worker, by its link: the same three cards.
    back = Client(second_server.url)
    await back.connect()
    assert phone.token is not None
    await back.join(token=phone.token)
    assert back.ack["board"]["dealing"]["hand"] == held
    assert (await back.command("take_cards"))["error"]["code"] == "hand_full"
    for client in [host, back]:
        await client.close()


async def test_the_hand_of_a_phone_that_leaves_goes_to_the_next_phone(
    quick_server: LiveServer,
) -> None:
    board, host, themes = await dealing_board(quick_server, themes=1)
    leaving = await participant(quick_server.url, board["join_code"])
    await take(leaving)
    held = hand_of(leaving)
    staying = await participant(quick_server.url, board["join_code"])
    await take(staying)
    await leaving.close()
    async with asyncio.timeout(15):
        while not any(e["type"] == "hand_returned" for e in host.events):
            await host.wait_for_seq(host.seq + 1, timeout=15)
    returned = next(e for e in host.events if e["type"] == "hand_returned")
    assert returned["participant"] == leaving.ack["you"]["id"]
    # The pile deals them again, in order, to whoever takes cards next.
    newcomer = await participant(quick_server.url, board["join_code"])
    await take(newcomer)
    assert hand_of(newcomer) == held
    # A phone that is still here keeps its hand, and places from it.
    assert len(hand_of(staying)) == 3
    await staying.ok("place_dealt", statement_id=hand_of(staying)[0], theme_id=themes[0])
    for client in [host, staying, newcomer]:
        await client.close()


async def test_a_phone_without_a_seat_is_told_why(live_server: LiveServer) -> None:
    board, host, _ = await dealing_board(live_server, themes=1)
    phone = await participant(live_server.url, board["join_code"])
    refused = await phone.command("skip_card", statement_id="s1")
    assert refused["error"]["code"] == "not_in_hand"
    assert refused["error"]["message"]
    await host.ok("stop_dealing")
    refused = await phone.command("take_cards")
    assert refused["error"] == {
        "code": "not_dealing",
        "message": "Cards are not being dealt out now.",
    }
    for client in [host, phone]:
        await client.close()
