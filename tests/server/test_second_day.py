"""The second workshop day over a real server: causes to an action plan, and undo."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import LiveServer
from tests.server.client import Client, create_board, facilitator, import_csv, participant

DEMO = (Path(__file__).resolve().parents[2] / "server" / "demo" / "copd-reviews.csv").read_text()


async def carried_theme(server: LiveServer) -> tuple[dict[str, Any], Client, str, str]:
    """A board whose theme "Appointments" (holding one statement) is carried forward."""
    board = create_board(server.url)
    import_csv(server.url, board, DEMO)
    host = await facilitator(server.url, board)
    await host.ok("set_stage", stage="theme")
    seq = await host.ok(
        "create_theme",
        category="not working",
        title="Appointments",
        i_statement="I can't get appointments when I want them",
    )
    await host.wait_for_seq(seq)
    theme = host.events[-1]["theme"]["id"]
    card = next(
        s for s in host.ack["board"]["statements"]
        if s["category"] == "not working" and s["review"] == "R01"
    )  # fmt: skip
    await host.ok("move_statement", statement_id=card["id"], theme_id=theme)
    await host.ok("carry_forward", items=[theme])
    return board, host, theme, card["id"]


async def latest(client: Client, seq: int) -> dict[str, Any]:
    await client.wait_for_seq(seq)
    return client.events[-1]


async def test_a_statement_can_be_followed_to_an_action_and_back(live_server: LiveServer) -> None:
    board, host, theme, card = await carried_theme(live_server)
    phone = await participant(live_server.url, board["join_code"])
    await host.ok("set_stage", stage="understand")
    why = await latest(
        phone, await phone.ok("add_cause", theme_id=theme, text="Phone lines are jammed at 8am")
    )
    cause = why["cause"]["id"]
    deeper = await latest(
        phone,
        await phone.ok("add_cause", theme_id=theme, parent_id=cause, text="Too few receptionists"),
    )
    root = deeper["cause"]["id"]
    assert deeper["cause"]["parent_id"] == cause
    await host.ok("choose_causes", cause_ids=[root])
    await host.ok("set_stage", stage="success")
    success = await latest(
        phone,
        await phone.ok(
            "add_success", cause_id=root, perspective="person", text="I get through first time"
        ),
    )
    success_id = success["success"]["id"]
    await host.ok("set_stage", stage="ideas")
    idea = await latest(
        phone,
        await phone.ok(
            "add_idea", kind="different", text="A call-back service", serves=[success_id]
        ),
    )
    idea_id = idea["idea"]["id"]
    await host.ok("shortlist_ideas", idea_ids=[idea_id])
    await host.ok("set_stage", stage="plan")
    planned = await host.ok(
        "add_action", text="Trial call-backs at two practices", owner="CCG primary care lead",
        due="2027-03-31", idea_id=idea_id,
    )  # fmt: skip
    action = (await latest(host, planned))["action"]
    assert (action["owner"], action["due"], action["status"]) == (
        "CCG primary care lead", "2027-03-31", "not started",
    )  # fmt: skip

    report = httpx.get(
        f"{live_server.url}/api/boards/{board['board_id']}/report.json",
        headers={"Authorization": f"Bearer {board['facilitator_token']}"},
    ).json()
    [trail] = [a["trail"] for a in report["actions"]]
    assert trail["idea"]["text"] == "A call-back service"
    assert [s["text"] for s in trail["successes"]] == ["I get through first time"]
    assert [c["text"] for c in trail["causes"][root]] == [
        "Too few receptionists",
        "Phone lines are jammed at 8am",
    ]
    [shown_theme] = trail["themes"]
    assert shown_theme["i_statement"] == "I can't get appointments when I want them"
    assert [(s["id"], s["review"]) for s in shown_theme["statements"]] == [(card, "R01")]
    for client in [host, phone]:
        await client.close()


async def test_phones_rating_one_idea_give_the_room_median_and_spread(
    live_server: LiveServer,
) -> None:
    board, host, _, _ = await carried_theme(live_server)
    await host.ok("set_stage", stage="ideas")
    added = await host.ok("add_idea", kind="radical", text="A COPD nurse in every practice")
    idea_id = (await latest(host, added))["idea"]["id"]
    await host.ok("shortlist_ideas", idea_ids=[idea_id])
    await host.ok("set_stage", stage="invest")
    phones = [await participant(live_server.url, board["join_code"]) for _ in range(4)]
    scores = [(5, 4), (4, 5), (2, 5), (4, 2)]
    acks = await asyncio.gather(
        *(
            p.command("rate_idea", idea_id=idea_id, cost=c, benefit=b)
            for p, (c, b) in zip(phones, scores, strict=True)
        )
    )
    assert all(a["ok"] for a in acks)
    last = max(a["seq"] for a in acks)
    await host.wait_for_seq(last)
    room = host.events[-1]["row"]["room"]
    assert "mine" not in host.events[-1]["row"]
    assert room == {
        "raters": 4, "cost": 4.0, "benefit": 4.5, "quadrant": "major project",
        "cost_range": [2, 5], "benefit_range": [2, 5],
    }  # fmt: skip
    # The phones learn only how many have rated until the facilitator shows the room's view.
    await phones[0].wait_for_seq(last)
    assert phones[0].events[-1]["row"]["room"] == {"raters": 4, "hidden": True}
    shown = await host.ok("show_grid_view", shown=True)
    await phones[0].wait_for_seq(shown)
    assert phones[0].events[-1]["type"] == "grid_view_shown"
    assert phones[0].events[-1]["grid"][0]["room"] == room
    mine = [e for e in phones[0].events if e["type"] == "idea_rated" and e["row"].get("mine")]
    assert mine[-1]["row"]["mine"] == {"cost": 5.0, "benefit": 4.0}
    placed = await host.ok("place_idea", idea_id=idea_id, cost=2, benefit=5)
    assert (await latest(phones[1], placed))["row"]["placement"]["quadrant"] == "quick win"
    refused = await phones[0].command("rate_idea", idea_id="i999", cost=1, benefit=1)
    assert refused["error"]["code"] == "unknown_idea"
    for client in [host, *phones]:
        await client.close()


async def test_an_undo_says_what_it_will_do_then_puts_a_merge_back(live_server: LiveServer) -> None:
    board, host, theme, card = await carried_theme(live_server)
    made = await host.ok("create_theme", category="not working", title="Waiting")
    other = (await latest(host, made))["theme"]["id"]
    merged = await host.ok("merge_themes", theme_id=theme, into_id=other)
    preview = await host.sio.call("preview_undo", {"seq": merged})
    assert preview == {
        "ok": True,
        "description": "Bring back the theme “Appointments” with 1 of its cards.",
    }
    phone = await participant(live_server.url, board["join_code"])
    assert (await phone.command("undo", seq=merged))["error"]["code"] == "not_allowed"
    undone = await host.ok("undo", seq=merged)
    state = (await host.sio.call("sync", {"since": 0}))["snapshot"]
    assert {t["id"] for t in state["themes"]} == {theme, other}
    assert next(s for s in state["statements"] if s["id"] == card)["theme_id"] == theme
    assert state["undone"] == [merged]
    again = await host.command("undo", seq=merged)
    assert again["error"]["code"] == "already_undone"
    assert (await host.command("undo", seq=undone + 50))["error"]["code"] == "cannot_undo"
    for client in [host, phone]:
        await client.close()


async def test_feedback_reaches_the_facilitator_as_a_summary_only(live_server: LiveServer) -> None:
    board, host, _, _ = await carried_theme(live_server)
    await host.ok("set_stage", stage="reflect")
    phones = [await participant(live_server.url, board["join_code"]) for _ in range(2)]
    first = [{"question": "easy", "rating": 5}, {"question": "better", "text": "Bigger print"}]
    given = [
        await phones[0].ok("give_feedback", answers=first),
        await phones[1].ok("give_feedback", answers=[{"question": "easy", "rating": 3}]),
    ]
    summary = (await latest(host, max(given)))["feedback"]["summary"]
    easy = next(q for q in summary if q["id"] == "easy")
    assert (easy["answered"], easy["average"], easy["ratings"]["5"]) == (2, 4.0, 1)
    better = next(q for q in summary if q["id"] == "better")
    assert better["words"] == ["Bigger print"]
    await phones[1].wait_for_seq(max(given))
    assert "summary" not in phones[1].events[-1]["feedback"]
    assert phones[1].events[-1]["feedback"]["mine"] == [
        {"question": "easy", "rating": 3, "text": ""}
    ]
    feedback_frames = repr([e for e in host.events if e["type"] == "feedback_given"])
    assert all(p.ack["you"]["id"] not in feedback_frames for p in phones)
    for client in [host, *phones]:
        await client.close()


async def test_a_console_opened_later_is_told_what_it_can_still_undo(
    live_server: LiveServer,
) -> None:
    board, host, theme, card_id = await carried_theme(live_server)
    card = next(s["text"] for s in host.ack["board"]["statements"] if s["id"] == card_id)
    made = await host.ok("create_theme", category="not working", title="Waiting")
    other = (await latest(host, made))["theme"]["id"]
    staged = await host.ok("set_stage", stage="prioritise")
    merged = await host.ok("merge_themes", theme_id=other, into_id=theme)
    later = await facilitator(live_server.url, board)
    listed = await later.sio.call("undoable", {})
    assert [c["seq"] for c in listed["changes"]][:2] == [merged, staged]
    # The setting up can be undone too, newest first: what was carried, the move, the theme.
    assert [c["description"] for c in listed["changes"]][2:] == [
        "Carry nothing forward again.",
        f"Move “{card}” back to the unthemed cards.",
        "Remove the theme “Appointments”; its card goes back to unthemed.",
    ]
    assert listed["changes"][0]["description"] == (
        "Bring back the theme “Waiting” with 0 of its cards."
    )
    assert listed["changes"][1]["description"] == "Go back to “Theme”."
    await later.ok("undo", seq=merged)
    after = await later.sio.call("undoable", {})
    assert [c["seq"] for c in after["changes"]][:1] == [staged]
    phone = await participant(live_server.url, board["join_code"])
    assert (await phone.sio.call("undoable", {}))["error"]["code"] == "not_allowed"
    for client in [host, later, phone]:
        await client.close()
