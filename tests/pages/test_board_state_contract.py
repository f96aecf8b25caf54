"""The browser's reducer agrees with the server.

A whole workshop is played on a real server by python-socketio clients (a
facilitator, the wall and three phones), each recording the board it joined
with and every event it was sent. In Chromium, static/js/board-state.js
folds each client's events onto its first board; the result must equal the
board the server projects for that same audience when it joins again
(`project_state`): what a page shows after a day of events is what a page
opened fresh would show.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from conftest import LAPTOP  # type: ignore[import-not-found]

from tests.server.client import Client, create_board, facilitator, import_csv, participant, wall

pytestmark = pytest.mark.browser

CSV = (
    "review,person,category,priority,statement\n"
    "R01,patient,not working,1,I can't get an appointment when I need one.\n"
    "R01,patient,not working,2,Nobody rings back.\n"
    "R02,carer,not working,1,The phone is engaged at 8am.\n"
    "R02,carer,not working,2,I feel alone with my breathing.\n"
    "R03,patient,working,1,The rehab class keeps me going.\n"
    "R03,patient,future,1,I want to walk to the shops again.\n"
)

FOLD = """async ({ start, events, final }) => {
  const m = await import('/static/js/board-state.js');
  let state = m.fromSnapshot(start);
  for (const event of events) state = m.applyEvent(state, event);
  const plain = (value) => JSON.parse(JSON.stringify(value));
  return { folded: plain(state), fresh: plain(m.fromSnapshot(final)) };
}"""


async def latest(client: Client, seq: int, key: str) -> Any:
    await client.wait_for_seq(seq)
    return next(e[key] for e in reversed(client.events) if key in e)


async def play_a_workshop(host: Client, phones: list[Client]) -> None:
    """Every kind of event, from import to feedback, with undos along the way."""
    a, b, c = phones
    statements = a.ack["board"]["statements"]
    cards = [s["id"] for s in statements if s["category"] == "not working"]
    await host.ok("update_board", title="Breathe easy", purpose="What to change")
    days = await host.ok("set_workshop_days", days=["2027-03-16", "2027-03-02"])
    await host.ok("undo", seq=days)
    await host.ok("set_workshop_days", days=["2027-03-02", "2027-03-16"])
    await host.ok("set_stage", stage="collect")
    await host.ok("set_card_visibility", hide_new=True)
    await a.ok("write_statement", category="not working", text="Nobody explains my inhaler.")
    await host.ok("reveal_cards")
    await host.ok("set_card_visibility", hide_new=False)
    await b.ok("write_statement", category="working", text="The nurse listens.")
    await host.ok("start_timer", seconds=300, label="Theming")
    await host.ok("extend_timer", seconds=60)
    await host.ok("pause_timer")
    await host.ok("resume_timer")

    await host.ok("set_stage", stage="theme")
    made = []
    for title in ("Appointments", "Feeling low", "Phones", "Spare"):
        seq = await host.ok("create_theme", category="not working", title=title, i_statement="")
        made.append((await latest(host, seq, "theme"))["id"])
    appointments, low, phones_theme, spare = made
    # Theming together: cards dealt out to two phones, placed, passed on, skipped.
    await host.ok("start_dealing", category="not working", hand_size=2, timeout_seconds=60)
    seq = await a.ok("take_cards")
    hand = await latest(a, seq, "hand")
    seq = await a.ok("place_dealt", statement_id=hand[0], theme_id=low)
    hand = await latest(a, seq, "hand")
    seq = await b.ok("take_cards")
    await b.ok("not_sure", statement_id=(await latest(b, seq, "hand"))[0])
    await a.ok("skip_card", statement_id=hand[-1])
    await host.ok("stop_dealing")
    await host.ok("update_theme", theme_id=low, title="Feeling low", i_statement="I feel alone.")
    await host.ok("move_statement", statement_id=cards[0], theme_id=appointments)
    await a.ok("move_statement", statement_id=cards[1], theme_id=appointments)
    await host.ok("move_statement", statement_id=cards[2], theme_id=phones_theme)
    await a.ok("move_statements", statement_ids=cards[2:4], new_theme={"title": "Lonely"})
    moved = await host.ok("move_statements", statement_ids=cards[2:4], theme_id=phones_theme)
    await host.ok("undo", seq=moved)  # back to "Lonely"
    await host.ok("move_statements", statement_ids=cards[2:4], theme_id=phones_theme)
    await host.ok("set_theming_mode", mode="facilitators")
    seq = await b.ok("suggest_move", statement_id=cards[3], theme_id=low)
    suggestion = (await latest(host, seq, "suggestion"))["id"]
    await host.ok("accept_suggestion", suggestion_id=suggestion)
    seq = await c.ok("suggest_move", statement_id=cards[0], theme_id=spare)
    suggestion = (await latest(host, seq, "suggestion"))["id"]
    dismissed = await host.ok("dismiss_suggestion", suggestion_id=suggestion)
    await host.ok("undo", seq=dismissed)  # the suggestion is back
    await host.ok("dismiss_suggestion", suggestion_id=suggestion)
    await host.ok("set_theming_mode", mode="everyone")
    merged = await host.ok("merge_themes", theme_id=phones_theme, into_id=appointments)
    await host.ok("undo", seq=merged)
    await host.ok("split_theme", theme_id=appointments, statements=[cards[1]], title="Calls")
    await host.ok("delete_theme", theme_id=spare)
    await host.ok("stop_timer")

    await host.ok("set_stage", stage="prioritise")
    seq = await host.ok("open_round", items=[appointments, low, phones_theme], dots_per_person=3)
    blind = (await latest(host, seq, "round"))["id"]
    for phone, item in ((a, appointments), (a, low), (b, low), (c, phones_theme)):
        await phone.ok("vote", round_id=blind, item=item)
    await a.ok("unvote", round_id=blind, item=low)
    await host.ok("vote", round_id=blind, item=appointments, for_participant=a.ack["you"]["id"])
    await host.ok("close_round", round_id=blind)
    revealed = await host.ok("reveal_round", round_id=blind)
    await host.ok("undo", seq=revealed)
    await host.ok("reveal_round", round_id=blind)
    await host.ok("carry_forward", items=[appointments, low])
    await host.ok("show_on_wall", show={"kind": "round", "id": blind})
    await host.ok("page_wall", action="next")
    await host.ok("show_on_wall", show={"kind": "theme", "id": low})
    seq = await host.ok(
        "open_round", items=cards[:2], blind=False, dots_per_person=2, max_per_item=1
    )
    live = (await latest(host, seq, "round"))["id"]
    await b.ok("vote", round_id=live, item=cards[0])
    await c.ok("vote", round_id=live, item=cards[1])
    closed = await host.ok("close_round", round_id=live)
    await host.ok("undo", seq=closed)  # open again, its dots as they were
    await host.ok("close_round", round_id=live)

    await host.ok("set_stage", stage="understand")
    await host.ok("show_on_wall", show={"kind": "causes", "id": appointments})
    seq = await a.ok("add_cause", theme_id=appointments, text="Phone lines jammed")
    jammed = (await latest(host, seq, "cause"))["id"]
    seq = await host.ok("add_cause", theme_id=appointments, parent_id=jammed, text="Too few staff")
    staff = (await latest(host, seq, "cause"))["id"]
    seq = await host.ok("add_cause", theme_id=appointments, text="Lines are busy")
    busy = (await latest(host, seq, "cause"))["id"]
    merged = await host.ok("merge_causes", cause_id=busy, into_id=jammed)
    await host.ok("undo", seq=merged)
    chose = await host.ok("choose_causes", cause_ids=[jammed])
    await host.ok("undo", seq=chose)
    await host.ok("choose_causes", cause_ids=[staff])

    await host.ok("set_stage", stage="success")
    seq = await a.ok(
        "add_success", cause_id=staff, perspective="person", text="I get through first time"
    )
    success = (await latest(host, seq, "success"))["id"]
    await host.ok(
        "add_success", cause_id=staff, perspective="commissioner", text="Fewer A&E visits"
    )

    await host.ok("set_stage", stage="ideas")
    await b.ok("add_idea", kind="in place", text="Online repeat prescriptions", serves=[])
    seq = await a.ok("add_idea", kind="radical", text="A nurse in every practice", serves=[success])
    nurse = (await latest(host, seq, "idea"))["id"]
    seq = await host.ok("add_idea", kind="different", text="Volunteer call-backs", serves=[])
    callback = (await latest(host, seq, "idea"))["id"]
    seq = await host.ok("add_idea", kind="traditional", text="More lines", serves=[])
    lines = (await latest(host, seq, "idea"))["id"]
    edited = await host.ok("edit_text", item_id=lines, text="More phone lines at 8am")
    await host.ok("undo", seq=edited)
    await host.ok("edit_text", item_id=lines, text="More phone lines at 8am")
    deleted = await host.ok("delete_item", item_id=lines)
    await host.ok("undo", seq=deleted)
    listed = await host.ok("shortlist_ideas", idea_ids=[nurse, lines])
    await host.ok("undo", seq=listed)
    await host.ok("shortlist_ideas", idea_ids=[nurse, callback])
    linked = await host.ok("link_idea", idea_id=callback, serves=[success])
    await host.ok("undo", seq=linked)
    await host.ok("link_idea", idea_id=callback, serves=[success])

    await host.ok("set_stage", stage="invest")
    for phone, (cost, benefit) in zip(phones, ((4, 5), (5, 4), (3, 5)), strict=True):
        await phone.ok("rate_idea", idea_id=nurse, cost=cost, benefit=benefit)
    await a.ok("rate_idea", idea_id=callback, cost=1, benefit=4)
    await a.ok("rate_idea", idea_id=callback, cost=2, benefit=4)  # a new rating replaces yours
    placed = await host.ok("place_idea", idea_id=callback, cost=1, benefit=5)
    await host.ok("undo", seq=placed)  # no final place again
    await host.ok("place_idea", idea_id=callback, cost=1, benefit=5)
    await host.ok("show_grid_view", shown=True)
    await b.ok("rate_idea", idea_id=callback, cost=2, benefit=3)

    await host.ok("set_stage", stage="plan")
    seq = await host.ok(
        "add_action", text="Trial call-backs", owner="Practice manager", idea_id=callback
    )
    action = (await latest(host, seq, "action"))["id"]
    await host.ok("add_action", text="Fund a nurse", owner="CCG", due="2027-01-15", idea_id=nurse)
    updated = await host.ok("update_action", action_id=action, status="in progress")
    await host.ok("undo", seq=updated)
    await host.ok("update_action", action_id=action, status="in progress")

    await host.ok("set_stage", stage="reflect")
    await a.ok(
        "give_feedback",
        answers=[{"question": "easy", "rating": 5}, {"question": "better", "text": "Bigger print"}],
    )
    await b.ok("give_feedback", answers=[{"question": "easy", "rating": 3}])
    await a.ok("give_feedback", answers=[{"question": "easy", "rating": 4}])  # changed your mind
    await host.ok("set_stage", stage="plan")  # and back: going back loses nothing


def differences(folded: Any, expected: Any, path: str = "board", strict: bool = False) -> list[str]:
    """Where the folded board differs from the server's, key by key.

    Not `strict`: a key the reducer fills in with an empty default (a list,
    false) need not be sent by the server.
    """
    if isinstance(expected, dict) and isinstance(folded, dict):
        found = []
        for key in expected.keys() | folded.keys():
            if key not in folded:
                found.append(f"{path}.{key}: missing (server: {json.dumps(expected[key])[:120]})")
            elif key not in expected:
                if strict or folded[key] not in ([], {}, None, False):
                    found.append(
                        f"{path}.{key}: not sent by the server ({json.dumps(folded[key])[:120]})"
                    )
            else:
                found.extend(differences(folded[key], expected[key], f"{path}.{key}", strict))
        return found
    if isinstance(expected, list) and isinstance(folded, list) and len(expected) == len(folded):
        pairs = enumerate(zip(folded, expected, strict=True))
        return [d for i, (f, e) in pairs for d in differences(f, e, f"{path}[{i}]", strict)]
    return (
        []
        if folded == expected
        else [f"{path}: {json.dumps(folded)[:160]} != server {json.dumps(expected)[:160]}"]
    )


async def test_folding_a_recorded_workshop_gives_what_the_server_projects(
    browsers: Any, script_server: Any
) -> None:
    server_url = script_server.url
    board = create_board(server_url, "Contract")
    host = await facilitator(server_url, board)
    screen = await wall(server_url, board)
    assert import_csv(server_url, board, CSV).status_code == 200
    phones = [
        await participant(server_url, board["join_code"], group=group, name=name)
        for group, name in (("patient", "Pat"), ("professional", "Sam"), ("carer", "Chris"))
    ]
    await host.wait_for_seq(phones[-1].ack["seq"])
    # Someone added without a phone, who then signs in on one with their code.
    seq = await host.ok("add_person", name="Table 3, patient", group="patient")
    person = (await latest(host, seq, "participants"))["person"]["id"]
    made = httpx.post(
        f"{server_url}/api/boards/{board['board_id']}/people/{person}/link",
        headers={"Authorization": f"Bearer {board['facilitator_token']}"},
    )
    device = Client(server_url)
    await device.connect()
    rejoin = {"code": board["join_code"], "rejoin": made.json()["rejoin"]["code"]}
    assert (await device.sio.call("join", rejoin, timeout=10))["ok"]
    await play_a_workshop(host, phones)
    clients = {
        "facilitator": host,
        "wall": screen,
        **{f"phone {p.ack['you']['name']}": p for p in phones},
    }
    for client in clients.values():
        await client.wait_for_seq(host.seq)
        assert not client.gaps, client.gaps

    page = await browsers.page("contract", LAPTOP)
    await page.goto(server_url)
    kinds = set()
    for name, client in clients.items():
        start = {**client.ack["board"], "seq": client.ack["seq"]}
        events = [e for e in client.events if e["seq"] > start["seq"]]
        kinds |= {e["type"] for e in events}
        final = await client.sio.call("join", {"token": client.token}, timeout=10)
        assert final["seq"] == host.seq
        found = await page.evaluate(
            FOLD, {"start": start, "events": events, "final": final["board"]}
        )
        problems = differences(found["folded"], final["board"])
        assert not problems, f"{name}:\n" + "\n".join(sorted(problems))
        strict = differences(found["folded"], found["fresh"], strict=True)
        assert not strict, f"{name} (as a page holds it):\n" + "\n".join(sorted(strict))
    # The session covered what a workshop sends, undos included.
    assert kinds >= {
        "statements_added", "cards_revealed", "card_visibility_set", "participant_joined",
        "timer_set", "theme_created", "theme_updated", "theme_merged", "theme_deleted",
        "theme_restored", "statement_moved", "statements_moved", "theming_mode_set",
        "round_opened", "round_closed",
        "round_revealed", "round_hidden", "dot_placed", "dot_removed", "items_carried_forward",
        "cause_added", "causes_merged", "cause_unmerged", "causes_chosen", "success_added",
        "idea_added", "text_edited", "item_deleted", "item_restored", "ideas_shortlisted",
        "idea_rated", "idea_placed", "action_saved", "feedback_given", "undone", "stage_set",
        "board_updated", "redacted", "wall_shown", "wall_paged", "person_added",
        "person_on_device",
    }, kinds  # fmt: skip
    browsers.assert_no_errors()
    for client in [*clients.values(), device]:
        await client.close()
