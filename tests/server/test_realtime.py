"""A real uvicorn server, a real Redis and python-socketio clients."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LiveServer
from tests.server.client import (
    Client,
    create_board,
    facilitator,
    import_csv,
    new_op,
    participant,
    wall,
)

DEMO = Path(__file__).resolve().parents[2] / "server" / "demo" / "copd-reviews.csv"


def walk(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object inside `value`, at any depth."""
    if isinstance(value, dict):
        yield value
        for inner in value.values():
            yield from walk(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from walk(inner)


async def board_with_round(
    server: LiveServer, dots: int = 3, per_item: int = 2, blind: bool = True
) -> tuple[dict[str, Any], Client, str, list[str]]:
    """A board with the demo cards and a round open on its first four (`items`)."""
    board = create_board(server.url)
    assert import_csv(server.url, board, DEMO.read_text()).status_code == 200
    host = await facilitator(server.url, board)
    await host.ok("set_stage", stage="prioritise")
    items = [card["id"] for card in host.ack["board"]["statements"][:4]]
    opened = await host.ok(
        "open_round", items=items, dots_per_person=dots, max_per_item=per_item, blind=blind
    )
    await host.wait_for_seq(opened)  # its own events arrive through the fan-out too
    return board, host, str(host.events[-1]["round"]["id"]), items


async def test_three_participants_see_the_same_events_in_seq_order(
    live_server: LiveServer,
) -> None:
    board, host, round_id, items = await board_with_round(live_server)
    phones = [await participant(live_server.url, board["join_code"]) for _ in range(3)]
    await host.wait_for_seq(phones[-1].ack["seq"])
    acks = await asyncio.gather(
        *(p.command("vote", round_id=round_id, item=items[n % 4]) for n, p in enumerate(phones * 3))
    )
    last = max(a["seq"] for a in acks)
    assert all(a["ok"] for a in acks)
    for phone in phones:
        await phone.wait_for_seq(last)
    start = phones[-1].ack["seq"]
    seqs = [[e["seq"] for e in p.events if e["seq"] > start] for p in phones]
    assert seqs[0] == list(range(start + 1, last + 1))
    assert seqs[0] == seqs[1] == seqs[2]
    assert all(p.gaps == [] for p in phones)
    assert [p.events[-1]["dots_cast"] for p in phones] == [9, 9, 9]
    for client in [host, *phones]:
        await client.close()


async def test_a_dropped_client_gets_exactly_what_it_missed_on_reconnect(
    live_server: LiveServer,
) -> None:
    board, host, round_id, items = await board_with_round(live_server, dots=5)
    phone = await participant(live_server.url, board["join_code"])
    other = await participant(live_server.url, board["join_code"])
    await phone.wait_for_seq(other.ack["seq"])
    seen = phone.seq
    await phone.close()
    for item in [items[0], items[1], items[2]]:
        await other.ok("vote", round_id=round_id, item=item)
    await other.wait_for_seq(seen + 3)
    missed_until = other.seq

    back = Client(live_server.url)
    back.seq = seen
    await back.connect(token=phone.token, since=seen)
    await back.wait_for_seq(missed_until)
    received = [e["seq"] for name, data in back.frames if name == "events" for e in data["events"]]
    assert received == list(range(seen + 1, missed_until + 1))
    assert back.gaps == []
    for client in [host, other, back]:
        await client.close()


async def test_a_command_resent_with_the_same_op_is_applied_once(live_server: LiveServer) -> None:
    board, host, round_id, items = await board_with_round(live_server, dots=5)
    phone = await participant(live_server.url, board["join_code"])
    op = new_op()
    first = await phone.command("vote", op=op, round_id=round_id, item=items[0])
    again = await phone.command("vote", op=op, round_id=round_id, item=items[0])
    third = await phone.command("vote", op=op, round_id=round_id, item=items[0])
    assert first == again == third == {"ok": True, "seq": first["seq"]}
    await phone.wait_for_seq(first["seq"])
    await asyncio.sleep(0.2)
    placed = [e for e in phone.events if e["type"] == "dot_placed"]
    assert len(placed) == 1
    assert placed[0]["mine"] == {items[0]: 1}
    await phone.close()
    await host.close()


async def test_a_blind_round_sends_no_tally_before_reveal(live_server: LiveServer) -> None:
    board, host, round_id, items = await board_with_round(live_server, dots=3, blind=True)
    screen = await wall(live_server.url, board)
    groups = ["patient", "carer", "patient", "professional", "professional", "professional"]
    phones = [await participant(live_server.url, board["join_code"], group=g) for g in groups]
    for phone in phones:
        await phone.ok("vote", round_id=round_id, item=items[0])
    await phones[0].ok("vote", round_id=round_id, item=items[1])
    closed = await host.ok("close_round", round_id=round_id)
    for client in [screen, host, *phones]:
        await client.wait_for_seq(closed)
    frames = [data for c in [screen, host, *phones] for _, data in c.frames]
    dicts = [d for frame in frames for d in walk(frame)]
    assert sum(1 for d in dicts if "voters" in d) >= 7 * 8  # every client saw the votes
    assert not [d for d in dicts if "totals" in d or "participant_id" in d or "tally" in d]
    assert not [d for d in dicts if "voters" in d and "by_group" in d]
    assert screen.events[-2]["voters"] == 6

    revealed = await host.ok("reveal_round", round_id=round_id)
    await screen.wait_for_seq(revealed)
    shown = screen.events[-1]["round"]
    assert shown["totals"] == {items[0]: 6, items[1]: 1, items[2]: 0, items[3]: 0}
    assert shown["by_group"][items[0]] == {"patients and carers": 3, "professionals": 3}
    assert shown["by_group"][items[2]] == {}
    for client in [host, screen, *phones]:
        await client.close()


async def test_a_live_round_shows_totals_as_they_grow(live_server: LiveServer) -> None:
    board, host, round_id, items = await board_with_round(live_server, dots=3, blind=False)
    screen = await wall(live_server.url, board)
    phone = await participant(live_server.url, board["join_code"], group="commissioner")
    seq = await phone.ok("vote", round_id=round_id, item=items[3])
    await screen.wait_for_seq(seq)
    assert screen.events[-1]["totals"][items[3]] == 1
    assert "by_group" not in screen.events[-1]  # one voter: a split would name them
    assert "mine" not in screen.events[-1]
    await phone.wait_for_seq(seq)
    assert phone.events[-1]["mine"] == {items[3]: 1}
    for client in [host, screen, phone]:
        await client.close()


async def test_a_phone_that_comes_back_is_the_same_participant_with_the_same_dots(
    live_server: LiveServer,
) -> None:
    board, host, round_id, items = await board_with_round(live_server, dots=3)
    phone = await participant(live_server.url, board["join_code"], name="Pat")
    await phone.ok("vote", round_id=round_id, item=items[1])
    await phone.ok("vote", round_id=round_id, item=items[1])
    await phone.close()

    again = Client(live_server.url)
    await again.connect()
    ack = await again.join(token=phone.token)
    assert ack["you"] == phone.ack["you"]
    mine = next(r for r in ack["board"]["rounds"] if r["id"] == round_id)["mine"]
    assert mine == {items[1]: 2}
    refused = await again.command("vote", round_id=round_id, item=items[1])
    assert refused["error"]["code"] == "item_limit"
    for client in [host, again]:
        await client.close()


async def test_facilitator_recorded_dots_count_toward_that_participants_budget(
    live_server: LiveServer,
) -> None:
    board, host, round_id, items = await board_with_round(live_server, dots=2)
    phone = await participant(live_server.url, board["join_code"])
    me = phone.ack["you"]["id"]
    seq = await host.ok("vote", round_id=round_id, item=items[0], for_participant=me)
    await phone.wait_for_seq(seq)
    assert phone.events[-1]["mine"] == {items[0]: 1}
    await phone.ok("vote", round_id=round_id, item=items[1])
    refused = await phone.command("vote", round_id=round_id, item=items[2])
    assert refused["error"]["code"] == "no_dots_left"
    for client in [host, phone]:
        await client.close()


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"type": "vote"}, "invalid"),
        ({"op": "short", "type": "vote", "round_id": "r1", "item": "s1"}, "invalid"),
        ({"op": "long-enough-op", "type": "launch_rockets"}, "unknown_command"),
        ({"op": "long-enough-op", "type": "create_board", "board_id": "x"}, "unknown_command"),
        ({"op": "long-enough-op", "type": "set_stage", "stage": "nowhere"}, "invalid"),
        ({"op": "long-enough-op", "type": "set_stage", "stage": "theme"}, "not_allowed"),
        (
            {"op": "long-enough-op", "type": "vote", "round_id": "r999", "item": "s1"},
            "unknown_round",
        ),
        ("not an object", "invalid"),
    ],
)
async def test_a_bad_command_gets_a_specific_error_and_changes_nothing(
    live_server: LiveServer, payload: Any, code: str
) -> None:
    board = create_board(live_server.url)
    phone = await participant(live_server.url, board["join_code"])
    before = phone.seq
    ack = await phone.sio.call("command", payload, timeout=10)
    assert ack["ok"] is False
    assert ack["error"]["code"] == code
    assert ack["error"]["message"]
    sync = await phone.sio.call("sync", {"since": before}, timeout=10)
    assert sync == {"ok": True, "events": []}
    await phone.close()


async def test_commands_before_joining_are_refused(live_server: LiveServer) -> None:
    client = Client(live_server.url)
    await client.connect()
    ack = await client.command("set_stage", stage="theme")
    assert ack["error"]["code"] == "not_joined"
    await client.close()


async def test_joining_with_a_wrong_code_or_token_is_refused(live_server: LiveServer) -> None:
    client = Client(live_server.url)
    await client.connect()
    wrong_code = await client.sio.call("join", {"code": "ZZZZZZ", "group": "patient"})
    wrong_token = await client.sio.call("join", {"token": "abc.defghijklmnopqrstuvwxyz"})
    no_group = await client.sio.call("join", {"code": "ZZZZZZ"})
    assert wrong_code["error"]["code"] == "bad_code"
    assert wrong_token["error"]["code"] == "bad_token"
    assert no_group["error"]["code"] == "invalid"
    await client.close()


async def test_sync_returns_the_events_after_since_or_a_snapshot(live_server: LiveServer) -> None:
    board, host, round_id, items = await board_with_round(live_server)
    phone = await participant(live_server.url, board["join_code"])
    start = phone.seq
    for item in [items[0], items[1]]:
        await phone.ok("vote", round_id=round_id, item=item)
    recent = await phone.sio.call("sync", {"since": start})
    assert [e["seq"] for e in recent["events"]] == [start + 1, start + 2]
    assert recent["events"][-1]["mine"] == {items[0]: 1, items[1]: 1}
    # From before anyone was watching, the board comes whole instead.
    old = await phone.sio.call("sync", {"since": 1})
    assert old["snapshot"]["seq"] == start + 2
    assert old["snapshot"]["you"] == phone.ack["you"]
    bad = await phone.sio.call("sync", {"since": -4})
    assert bad["error"]["code"] == "invalid"
    for client in [host, phone]:
        await client.close()


async def test_presence_counts_who_is_connected_by_group(live_server: LiveServer) -> None:
    board = create_board(live_server.url)
    host = await facilitator(live_server.url, board)
    phones = [
        await participant(live_server.url, board["join_code"], group=g)
        for g in ("patient", "patient", "professional")
    ]

    async def presence_is(expected: dict[str, Any]) -> None:
        async with asyncio.timeout(5):
            while [d for n, d in host.frames if n == "presence"][-1:] != [expected]:
                await asyncio.sleep(0.02)

    await presence_is({"connected": 3, "by_group": {"patient": 2, "professional": 1}})
    await phones[2].close()
    await presence_is({"connected": 2, "by_group": {"patient": 2}})
    late = await facilitator(live_server.url, board)  # told at once, before any change
    async with asyncio.timeout(5):
        while not [d for n, d in late.frames if n == "presence"]:
            await asyncio.sleep(0.02)
    assert [d for n, d in late.frames if n == "presence"] == [
        {"connected": 2, "by_group": {"patient": 2}}
    ]
    await late.close()
    frames = repr([d for n, d in host.frames if n == "presence"])
    assert all(p.ack["you"]["id"] not in frames for p in phones)
    for client in [host, *phones[:2]]:
        await client.close()


async def test_every_screen_gets_the_same_timer_end(live_server: LiveServer) -> None:
    board = create_board(live_server.url)
    host = await facilitator(live_server.url, board)
    phone = await participant(live_server.url, board["join_code"])
    screen = await wall(live_server.url, board)
    before = phone.ack["now_ms"]
    seq = await host.ok("start_timer", seconds=120, label="Theme the cards")
    for client in [phone, screen]:
        await client.wait_for_seq(seq)
    timer = phone.events[-1]["timer"]
    assert screen.events[-1]["timer"] == timer
    assert timer["label"] == "Theme the cards"
    assert before + 120_000 <= timer["ends_at_ms"] <= before + 130_000
    paused = await host.ok("pause_timer")
    await phone.wait_for_seq(paused)
    assert phone.events[-1]["timer"]["ends_at_ms"] is None
    assert 110_000 <= phone.events[-1]["timer"]["remaining_ms"] <= 120_000
    for client in [host, phone, screen]:
        await client.close()


async def test_the_same_op_sent_many_times_at_once_is_applied_once(live_server: LiveServer) -> None:
    board, host, round_id, items = await board_with_round(live_server, dots=5)
    phone = await participant(live_server.url, board["join_code"])
    op = new_op()
    others = [phone.command("vote", round_id=round_id, item=items[1]) for _ in range(3)]
    acks = await asyncio.gather(
        *(phone.command("vote", op=op, round_id=round_id, item=items[0]) for _ in range(6)), *others
    )
    same = {a["seq"] for a in acks[:6]}
    assert len(same) == 1 and all(a["ok"] for a in acks[:6])
    last = max(a["seq"] for a in acks if a["ok"])
    await phone.wait_for_seq(last)
    assert [e for e in phone.events if "mine" in e][-1]["mine"] == {items[0]: 1, items[1]: 2}
    for client in [host, phone]:
        await client.close()


async def test_a_refused_command_amid_a_burst_leaves_the_others_applied(
    live_server: LiveServer,
) -> None:
    board, host, round_id, items = await board_with_round(live_server, dots=2, per_item=2)
    phone = await participant(live_server.url, board["join_code"])
    acks = await asyncio.gather(
        phone.command("vote", round_id=round_id, item=items[0]),
        phone.command("vote", round_id=round_id, item="nope"),
        phone.command("vote", round_id=round_id, item=items[0]),
        phone.command("vote", round_id=round_id, item=items[0]),
    )
    assert [a["ok"] for a in acks] == [True, False, True, False]
    assert [a["error"]["code"] for a in acks if not a["ok"]] == ["not_in_round", "no_dots_left"]
    for client in [host, phone]:
        await client.close()


async def test_every_join_ack_carries_the_stage_list(live_server: LiveServer) -> None:
    from board.stages import STAGES

    board = create_board(live_server.url)
    clients = [
        await facilitator(live_server.url, board),
        await participant(live_server.url, board["join_code"]),
        await wall(live_server.url, board),
    ]
    expected = [{"stage": s.stage.value, "title": s.title, "summary": s.summary} for s in STAGES]
    for client in clients:
        assert client.ack["stages"] == expected
        await client.close()


async def test_a_message_a_client_sends_with_bytes_in_it_is_still_read_and_answered(
    live_server: LiveServer,
) -> None:
    # The server's packets are JSON only (server/packets.py); a binary
    # attachment from a client is still read whole, and refused as invalid.
    client = Client(live_server.url)
    await client.connect()
    ack = await client.sio.call("join", {"code": b"ZZZZZZ", "group": "patient"}, timeout=10)
    assert ack["ok"] is False and ack["error"]["code"] in ("invalid", "bad_code")
    await client.close()


async def test_every_join_ack_carries_the_access_policy(live_server: LiveServer) -> None:
    from board import browser_policy

    board = create_board(live_server.url)
    clients = [
        await facilitator(live_server.url, board),
        await participant(live_server.url, board["join_code"]),
        await wall(live_server.url, board),
    ]
    for client in clients:
        policy = client.ack["policy"]
        assert policy == browser_policy()
        assert policy["move_statement"]["participant"] == {
            "stages": ["theme"],
            "theming_mode": "everyone",
        }
        assert "join_board" not in policy and "create_board" not in policy
        assert not any("wall" in roles for roles in policy.values())
        await client.close()
