"""Theming and voting as a room does it: many phones at once, one board."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path
from typing import Any

from tests.conftest import LiveServer
from tests.server.client import Client, create_board, facilitator, import_csv, participant, wall

DEMO = Path(__file__).resolve().parents[2] / "server" / "demo" / "copd-reviews.csv"


async def theming_board(server: LiveServer) -> tuple[dict[str, Any], Client, list[str], list[str]]:
    """A board at the theme stage with three "not working" themes; (board, host, themes, cards)."""
    board = create_board(server.url)
    assert import_csv(server.url, board, DEMO.read_text()).status_code == 200
    host = await facilitator(server.url, board)
    await host.ok("set_stage", stage="theme")
    themes = []
    for title in ["Appointments", "Feeling low", "Getting about"]:
        seq = await host.ok("create_theme", category="not working", title=title)
        await host.wait_for_seq(seq)
        themes.append(host.events[-1]["theme"]["id"])
    cards = [s["id"] for s in host.ack["board"]["statements"] if s["category"] == "not working"][:6]
    return board, host, themes, cards


def board_of(events: list[dict[str, Any]], cards: list[str]) -> dict[str, str | None]:
    """Where each card ended up, from the events a client applied."""
    where: dict[str, str | None] = dict.fromkeys(cards)
    for event in events:
        if event["type"] == "statement_moved" and event["statement_id"] in where:
            where[event["statement_id"]] = event["theme_id"]
    return where


async def test_twenty_phones_moving_the_same_cards_converge_on_one_board(
    live_server: LiveServer,
) -> None:
    board, host, themes, cards = await theming_board(live_server)
    phones = [await participant(live_server.url, board["join_code"]) for _ in range(20)]
    start = max(p.seq for p in phones)
    rng = random.Random(7)
    moves = [
        phone.command("move_statement", statement_id=rng.choice(cards), theme_id=rng.choice(themes))
        for phone in phones
        for _ in range(5)
    ]
    acks = await asyncio.gather(*moves)
    assert {a["error"]["code"] for a in acks if not a["ok"]} <= {"already_there"}
    last = max(a["seq"] for a in acks if a["ok"])
    for client in [host, *phones]:
        await client.wait_for_seq(last)
    seen = [board_of(c.events, cards) for c in phones]
    assert all(s == seen[0] for s in seen)
    assert all(c.gaps == [] for c in phones)
    # The last move of each card, in seq order, is where it is.
    state = (await host.sio.call("sync", {"since": 0}))["snapshot"]
    truth = {s["id"]: s["theme_id"] for s in state["statements"] if s["id"] in cards}
    assert seen[0] == truth
    assert [e["seq"] for e in phones[0].events if e["seq"] > start] == list(
        range(start + 1, last + 1)
    )
    for client in [host, *phones]:
        await client.close()


async def test_forty_phones_voting_at_once_never_exceed_a_budget(live_server: LiveServer) -> None:
    board, host, themes, _ = await theming_board(live_server)
    await host.ok("set_stage", stage="prioritise")
    opened = await host.ok("open_round", items=themes, dots_per_person=3, max_per_item=2)
    await host.wait_for_seq(opened)
    round_id = host.events[-1]["round"]["id"]
    phones = [await participant(live_server.url, board["join_code"]) for _ in range(40)]
    votes = [
        p.command("vote", round_id=round_id, item=themes[k % 3]) for p in phones for k in range(6)
    ]
    acks = await asyncio.gather(*votes)
    assert sum(1 for a in acks if a["ok"]) == 40 * 3
    last = max(a["seq"] for a in acks if a["ok"])
    await host.wait_for_seq(last)
    closed = await host.ok("close_round", round_id=round_id)
    revealed = await host.ok("reveal_round", round_id=round_id)
    await host.wait_for_seq(revealed)
    assert closed < revealed
    totals = host.events[-1]["round"]["totals"]
    assert sum(totals.values()) == 120
    assert all(n <= 40 * 2 for n in totals.values())
    for client in [host, *phones]:
        await client.close()


async def test_hidden_cards_reach_only_facilitators_and_their_author(
    live_server: LiveServer,
) -> None:
    board = create_board(live_server.url)
    host = await facilitator(live_server.url, board)
    screen = await wall(live_server.url, board)
    await host.ok("set_stage", stage="collect")
    await host.ok("set_card_visibility", hide_new=True)
    author = await participant(live_server.url, board["join_code"], group="carer")
    other = await participant(live_server.url, board["join_code"])
    secret = "Nobody listens to me when I ring the surgery."
    wrote = await author.ok("write_statement", category="not working", text=secret)
    for client in [host, screen, author, other]:
        await client.wait_for_seq(wrote)
    assert secret in repr(host.frames)
    assert secret in repr(author.frames)
    assert author.events[-1]["statements"][0]["mine"] is True
    assert author.events[-1]["statements"][0]["hidden"] is True
    assert secret not in repr(other.frames) + repr(screen.frames)
    assert other.events[-1]["statements"] == []

    shown = await host.ok("reveal_cards")
    await other.wait_for_seq(shown)
    await screen.wait_for_seq(shown)
    assert other.events[-1]["statements"][0]["text"] == secret
    assert "mine" not in other.events[-1]["statements"][0]
    assert screen.events[-1]["statements"][0]["text"] == secret
    for client in [host, screen, author, other]:
        await client.close()


async def test_a_card_being_moved_shows_as_moving_to_everyone(live_server: LiveServer) -> None:
    board, host, _, cards = await theming_board(live_server)
    screen = await wall(live_server.url, board)
    phone = await participant(live_server.url, board["join_code"])
    ack = await phone.sio.call("moving", {"statement_id": cards[0], "moving": True})
    assert ack == {"ok": True}
    async with asyncio.timeout(5):
        while not [d for n, d in screen.frames if n == "moving"]:
            await asyncio.sleep(0.02)
    assert [d for n, d in screen.frames if n == "moving"] == [
        {"statement_id": cards[0], "moving": True}
    ]
    refused = await screen.sio.call("moving", {"statement_id": cards[0], "moving": True})
    assert refused["error"]["code"] == "not_allowed"
    for client in [host, screen, phone]:
        await client.close()


async def test_suggested_moves_wait_for_the_facilitator(live_server: LiveServer) -> None:
    board, host, themes, cards = await theming_board(live_server)
    await host.ok("set_theming_mode", mode="facilitators")
    phone = await participant(live_server.url, board["join_code"])
    refused = await phone.command("move_statement", statement_id=cards[0], theme_id=themes[0])
    assert refused["error"]["code"] == "facilitators_only"
    suggested = await phone.ok("suggest_move", statement_id=cards[0], theme_id=themes[0])
    await host.wait_for_seq(suggested)
    suggestion = host.events[-1]["suggestion"]
    assert suggestion == {"id": suggestion["id"], "statement_id": cards[0], "theme_id": themes[0]}
    await phone.wait_for_seq(suggested)
    assert phone.events[-1] == {"seq": suggested, "type": "redacted"}
    accepted = await host.ok("accept_suggestion", suggestion_id=suggestion["id"])
    await phone.wait_for_seq(accepted)
    assert phone.events[-1]["type"] == "statement_moved"
    assert phone.events[-1]["theme_id"] == themes[0]
    for client in [host, phone]:
        await client.close()


def placed(events: list[dict[str, Any]], cards: list[str]) -> dict[str, str | None]:
    """Where each card ended up, from single and multi-card moves alike."""
    where: dict[str, str | None] = dict.fromkeys(cards)
    for event in events:
        if event["type"] == "statement_moved" and event["statement_id"] in where:
            where[event["statement_id"]] = event["theme_id"]
        if event["type"] == "statements_moved":
            for card in event["statement_ids"]:
                if card in where:
                    where[card] = event["theme_id"]
    return where


async def test_moving_several_cards_is_one_command_seen_once_and_in_order_everywhere(
    live_server: LiveServer,
) -> None:
    board, host, themes, cards = await theming_board(live_server)
    second = await facilitator(live_server.url, board)
    screen = await wall(live_server.url, board)
    phones = [await participant(live_server.url, board["join_code"]) for _ in range(2)]
    everyone = [host, second, screen, *phones]
    # Two consoles at once: five cards to a new theme, and three of them on to another.
    made, moved_on = await asyncio.gather(
        host.command("move_statements", statement_ids=cards[:5], new_theme={"title": "Phones"}),
        second.command("move_statements", statement_ids=cards[2:5], theme_id=themes[0]),
    )
    assert made["ok"] and moved_on["ok"], (made, moved_on)
    last = max(made["seq"], moved_on["seq"])
    for client in everyone:
        await client.wait_for_seq(last)
        assert client.gaps == []
    # One command: a new theme and one move of all five, at consecutive seqs.
    for client in everyone:
        mine = [e for e in client.events if made["seq"] - 1 <= e["seq"] <= made["seq"]]
        assert [e["type"] for e in mine] == ["theme_created", "statements_moved"]
        assert mine[1]["statement_ids"] == cards[:5]
        assert mine[1]["theme_id"] == mine[0]["theme"]["id"]
        many = [e for e in client.events if e["type"] == "statements_moved"]
        assert [e["seq"] for e in many] == sorted({e["seq"] for e in many})  # each once, in order
    new_theme = next(e for e in host.events if e["seq"] == made["seq"] - 1)["theme"]["id"]
    expected = {c: new_theme for c in cards[:5]} | {c: None for c in cards[5:]}
    later = themes[0] if moved_on["seq"] > made["seq"] else new_theme
    expected |= dict.fromkeys(cards[2:5], later)
    assert all(placed(c.events, cards) == expected for c in everyone)
    # Sent again after a lost answer, it is applied once.
    again = await host.command(
        "move_statements", op="again-op-0001", statement_ids=cards[:2], theme_id=themes[1]
    )
    resent = await host.command(
        "move_statements", op="again-op-0001", statement_ids=cards[:2], theme_id=themes[1]
    )
    assert again == resent and again["ok"]
    for client in everyone:
        await client.wait_for_seq(again["seq"])
    assert sum(e["seq"] == again["seq"] for e in screen.events) == 1
    assert host.seq == again["seq"]
    for client in everyone:
        await client.close()
