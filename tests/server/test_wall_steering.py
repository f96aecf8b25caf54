"""A facilitator puts one thing on the wall and goes back to the stage, over real sockets.

A console (python-socketio) puts on the wall a blind vote while it is open,
a theme, a cause tree, the grid, how to join, the revealed vote, and has the
wall follow the stage again; it holds and turns the wall's pages. The wall
gets each change as it happens, and in none of the frames it ever received
is a count of the blind vote before it was revealed, or anyone's name.
Nobody but a facilitator may steer the wall, and a wrong target is refused
naming what is wrong.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import LiveServer
from tests.server.client import Client, create_board, facilitator, import_csv, participant, wall

DEMO = (Path(__file__).resolve().parents[2] / "server" / "demo" / "copd-reviews.csv").read_text()
NAMES = ["Pat Whitworth", "Sam Okonjo", "Jo Lindqvist", "Ali Brennan"]
COUNTS = {"totals", "tally", "by_group", "dots"}


def counts_of(value: Any, round_id: str) -> list[str]:
    """Every count of the round `round_id` anywhere in a JSON value."""
    found: list[str] = []
    if isinstance(value, list):
        for item in value:
            found += counts_of(item, round_id)
    elif isinstance(value, dict):
        if value.get("id") == round_id or value.get("round_id") == round_id:
            found += [k for k in COUNTS if value.get(k) not in (None, {}, [])]
        for inner in value.values():
            found += counts_of(inner, round_id)
    return found


async def shows(screen: Client, host: Client, seq: int) -> dict[str, Any]:
    """What the wall shows, once it has seen `seq`: from its last event carrying `wall`."""
    await screen.wait_for_seq(seq)
    last: dict[str, Any] = next(e["wall"] for e in reversed(screen.events) if "wall" in e)
    return last


async def test_the_console_steers_the_wall_and_the_wall_learns_no_secret(
    live_server: LiveServer,
) -> None:
    url = live_server.url
    board = create_board(url, "Steering the wall")
    assert import_csv(url, board, DEMO).status_code == 200
    host = await facilitator(url, board)
    phones = [await participant(url, board["join_code"], "patient", n) for n in NAMES]
    screen = await wall(url, board)
    assert screen.ack["board"]["wall"] == {"show": None, "held": False}

    await host.ok("set_stage", stage="theme")
    cards = [s["id"] for s in host.ack["board"]["statements"] if s["category"] == "not working"]
    themes = []
    for n, title in enumerate(["Appointments", "Feeling low", "Phones"]):
        seq = await host.ok(
            "move_statements", statement_ids=cards[n * 3 : n * 3 + 3], new_theme={"title": title}
        )
        await host.wait_for_seq(seq)
        themes.append(next(e["theme"]["id"] for e in reversed(host.events) if "theme" in e))
    await host.ok("set_stage", stage="prioritise")
    seq = await host.ok("open_round", items=themes, dots_per_person=2, blind=True)
    await host.wait_for_seq(seq)
    blind = next(e["round"]["id"] for e in reversed(host.events) if e["type"] == "round_opened")
    for phone in phones:
        assert (await phone.command("vote", round_id=blind, item=themes[0]))["ok"]

    # The open blind vote on the wall: the wall is told what to show, not how it goes.
    seq = await host.ok("show_on_wall", show={"kind": "round", "id": blind})
    assert await shows(screen, host, seq) == {"show": {"kind": "round", "id": blind}, "held": False}
    # Its pages: turned by hand (and held there), held, let go.
    seq = await host.ok("page_wall", action="next")
    await screen.wait_for_seq(seq)
    assert screen.events[-1] == {
        "seq": seq, "type": "wall_paged", "action": "next",
        "wall": {"show": {"kind": "round", "id": blind}, "held": True},
    }  # fmt: skip
    assert (await host.command("page_wall", action="hold"))["error"]["code"] == "already_held"
    seq = await host.ok("page_wall", action="resume")
    assert (await shows(screen, host, seq))["held"] is False

    for show in [
        {"kind": "theme", "id": themes[1]},
        {"kind": "causes", "id": themes[0]},
        {"kind": "grid"},
        {"kind": "join"},
        None,
    ]:
        seq = await host.ok("show_on_wall", show=show)
        assert (await shows(screen, host, seq))["show"] == show
    again = await host.command("show_on_wall", show=None)
    assert again["error"]["code"] == "already_on_wall"

    # Nobody else steers the wall; a wrong target changes nothing.
    for other in (screen, phones[0]):
        for command in (
            {"type": "show_on_wall", "show": {"kind": "grid"}},
            {"type": "page_wall", "action": "next"},
        ):
            ack = await other.command(**command)
            assert ack["error"]["code"] == "not_allowed", ack
    for wrong in [
        {"show": {"kind": "grid", "id": themes[0]}},
        {"show": {"kind": "theme"}},
        {"show": {"kind": "statement", "id": cards[0]}},
        {"show": "grid"},
        {"show": {"kind": "round", "id": blind, "as": "results"}},
    ]:
        ack = await host.command("show_on_wall", **wrong)
        assert not ack["ok"] and ack["error"]["code"] == "invalid", (wrong, ack)
    refused = await host.command("show_on_wall", show={"kind": "theme", "id": "t999999"})
    assert refused["error"]["code"] == "unknown_theme"
    assert (await host.command("page_wall", action="faster"))["error"]["code"] == "invalid"

    # Closed but not revealed: still no counts; revealed, it shows them.
    await host.ok("close_round", round_id=blind)
    seq = await host.ok("show_on_wall", show={"kind": "round", "id": blind})
    await screen.wait_for_seq(seq)
    secret = list(screen.frames)
    seq = await host.ok("reveal_round", round_id=blind)
    await screen.wait_for_seq(seq)
    revealed = next(e for e in screen.events if e["type"] == "round_revealed")
    assert counts_of(revealed, blind), "the revealed vote reaches the wall"

    leaks = [(name, found) for name, data in secret if (found := counts_of(data, blind))]
    assert not leaks, f"the wall got counts of the blind vote: {leaks[:3]}"
    sent = json.dumps([data for _, data in screen.frames])
    assert not [n for n in NAMES if n in sent], "the wall got someone's name"

    # Moving stage: every wall follows the stage again.
    seq = await host.ok("set_stage", stage="understand")
    await screen.wait_for_seq(seq)
    rejoined = await screen.sio.call("join", {"token": board["wall_token"]})
    assert rejoined["board"]["wall"] == {"show": None, "held": False}
    for client in [host, screen, *phones]:
        await client.close()
