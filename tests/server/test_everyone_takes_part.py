"""The two-day demo workshop over a real server, with everyone counted once.

Six people: four on phones and two in the room without one, whom the
facilitator adds at the console and records for. Overnight the carer loses
her phone and comes back on a borrowed tablet with her rejoin code; a
professional is given "new link for this person". At the end every person is
on the board once, under the name they were given, every dot, rating and
answer counts once for its person, the report and the spreadsheets hold all
of it without naming anyone, and the log says what the facilitator recorded.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from board import event_from_json
from board.feedback import FeedbackGiven
from board.invest import IdeaRated
from board.room import ParticipantJoined, PersonAdded, PersonOnDevice
from board.statements import StatementsAdded
from board.voting import DotPlaced, DotRemoved
from server.store import Store
from tests.conftest import LiveServer
from tests.server.client import Client, create_board, facilitator, import_csv, participant, wall

DEMO = (Path(__file__).resolve().parents[2] / "server" / "demo" / "copd-reviews.csv").read_text()

# name: (group, on a phone)
PEOPLE = {
    "Patricia Moss": ("patient", True),
    "Carol Finch": ("carer", True),
    "Kim Osei": ("professional", True),
    "Samir Haddad": ("professional", True),
    "Table 3, patient": ("patient", False),
    "Dr Anjali Rao": ("professional", False),
}
WORDS = "I can't get up the hill to the surgery, so I miss my check-ups."
TURNED_OFF = ("refused", {"code": "bad_token", "message": "This link has been turned off."})


def auth(board: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {board['facilitator_token']}"}


async def latest(client: Client, seq: int) -> dict[str, Any]:
    await client.wait_for_seq(seq)
    return client.events[-1]


def last_presence(client: Client) -> Any:
    return next((data for kind, data in reversed(client.frames) if kind == "presence"), None)


async def presence_settles(client: Client, expected: dict[str, Any]) -> None:
    """Wait for the count of who is connected to be `expected` (it is told every 200 ms)."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(10):
            while last_presence(client) != expected:
                client._changed.clear()
                await client._changed.wait()
    assert last_presence(client) == expected


async def back_with_token(url: str, token: str) -> Client:
    """The same phone the next morning: its page still holds its token."""
    phone = Client(url)
    await phone.connect()
    await phone.join(token=token)
    return phone


async def rejoin(url: str, code: str, rejoin_code: str) -> tuple[dict[str, Any], Client]:
    """A device that has never been on the board signing in with a rejoin code."""
    device = Client(url)
    await device.connect()
    answer: dict[str, Any] = await device.sio.call(
        "join", {"code": code, "rejoin": rejoin_code}, timeout=10
    )
    assert answer["ok"], answer
    device.ack, device.token, device.seq = answer, answer["token"], answer["seq"]
    device.joined = True
    return answer, device


async def test_the_two_day_workshop_counts_everyone_once_and_reaches_the_report(
    live_server: LiveServer, redis_url: str
) -> None:
    url = live_server.url
    board = create_board(url, "COPD: breathing space")
    assert import_csv(url, board, DEMO).status_code == 200
    host = await facilitator(url, board)
    screen = await wall(url, board)

    # Day one. Four join on their phones; two are added at the console.
    phones: dict[str, Client] = {}
    ids: dict[str, str] = {}
    for name, (group, on_phone) in PEOPLE.items():
        if on_phone:
            phones[name] = await participant(url, board["join_code"], group=group, name=name)
            ids[name] = phones[name].ack["you"]["id"]
        else:
            added = await latest(host, await host.ok("add_person", name=name, group=group))
            ids[name] = added["participants"]["person"]["id"]
    carol_code = phones["Carol Finch"].ack["rejoin"]["code"]
    table3, rao = ids["Table 3, patient"], ids["Dr Anjali Rao"]

    # The facilitator writes down the words of someone without a phone.
    await host.ok("set_stage", stage="collect")
    written = await latest(
        host,
        await host.ok(
            "write_statement", category="not working", text=WORDS, for_participant=table3
        ),
    )
    their_card = written["statements"][0]["id"]

    # Themes, the written card in the first.
    await host.ok("set_stage", stage="theme")
    themes = []
    for title in ("Getting there", "Who is in charge", "Appointments"):
        made = await latest(
            host, await host.ok("create_theme", category="not working", title=title)
        )
        themes.append(made["theme"]["id"])
    getting_there, in_charge, appointments = themes
    imported = [s["id"] for s in host.ack["board"]["statements"] if s["category"] == "not working"]
    await host.ok(
        "move_statements", statement_ids=[their_card, imported[0]], theme_id=getting_there
    )
    await host.ok("move_statements", statement_ids=imported[1:3], theme_id=in_charge)
    await host.ok("move_statements", statement_ids=imported[3:5], theme_id=appointments)

    # A blind vote: phones vote for themselves, the console records for the others.
    await host.ok("set_stage", stage="prioritise")
    opened = await latest(
        host, await host.ok("open_round", items=themes, dots_per_person=3, max_per_item=2)
    )
    round_id = opened["round"]["id"]
    dots = {
        "Patricia Moss": [getting_there, getting_there, in_charge],
        "Carol Finch": [getting_there, appointments, appointments],
        "Kim Osei": [in_charge, in_charge, appointments],
        "Samir Haddad": [appointments],
        "Table 3, patient": [getting_there, getting_there, appointments],
        "Dr Anjali Rao": [getting_there, appointments],
    }
    for name, items in dots.items():
        for item in items:
            if name in phones:
                await phones[name].ok("vote", round_id=round_id, item=item)
            else:
                await host.ok("vote", round_id=round_id, item=item, for_participant=ids[name])
    # Dr Rao changes her mind about one dot; Table 3's budget holds.
    await host.ok("vote", round_id=round_id, item=in_charge, for_participant=rao)
    await host.ok("unvote", round_id=round_id, item=in_charge, for_participant=rao)
    over = await host.command("vote", round_id=round_id, item=in_charge, for_participant=table3)
    assert over["error"]["code"] == "no_dots_left"
    placed = Counter(item for items in dots.values() for item in items)
    dots_cast = sum(placed.values())
    # "6 of 6 have voted", on the wall as on the console.
    last = await host.ok("close_round", round_id=round_id)
    for watcher in (host, screen):
        closed = (await latest(watcher, last))["round"]
        assert (closed["voters"], closed["dots_cast"]) == (6, dots_cast)
        assert "totals" not in closed  # blind until revealed
    revealed = (await latest(host, await host.ok("reveal_round", round_id=round_id)))["round"]
    assert revealed["totals"] == {item: placed[item] for item in themes}
    for item in themes:
        assert sum(revealed["by_group"][item].values()) == placed[item]
    assert set(revealed["by_group"][getting_there]) == {"patients and carers", "professionals"}
    await host.ok("carry_forward", items=[getting_there, appointments])
    for phone in phones.values():
        await phone.close()  # the end of day one

    # Day two. Patricia, Kim and Samir open the page they had yesterday.
    today = {
        name: await back_with_token(url, phones[name].token or "")
        for name in ("Patricia Moss", "Kim Osei", "Samir Haddad")
    }
    for name, phone in today.items():
        assert phone.ack["you"]["id"] == ids[name]
    # Carol's phone is at home: she signs in on a borrowed tablet with her code.
    answer, tablet = await rejoin(url, board["join_code"], carol_code)
    assert answer["you"] == {
        "id": ids["Carol Finch"], "name": "Carol Finch", "group": "carer", "no_device": False,
    }  # fmt: skip
    shown = next(r for r in answer["board"]["rounds"] if r["id"] == round_id)
    assert shown["mine"] == {getting_there: 1, appointments: 2}
    assert answer["board"]["participants"]["count"] == 6
    today["Carol Finch"] = tablet
    # Kim's phone was left on a ward: a new link for Kim cuts it off.
    made = httpx.post(
        f"{url}/api/boards/{board['board_id']}/people/{ids['Kim Osei']}/link", headers=auth(board)
    )
    assert made.status_code == 201, made.text
    async with asyncio.timeout(10):
        await today["Kim Osei"].sio.wait()  # cut off by the server
    assert TURNED_OFF in today["Kim Osei"].frames
    stale = Client(url)
    await stale.connect()
    old = await stale.sio.call("join", {"token": phones["Kim Osei"].token})
    assert old["error"]["code"] == "bad_token"
    await stale.close()
    answer, kims_new_phone = await rejoin(url, board["join_code"], made.json()["rejoin"]["code"])
    assert answer["you"]["id"] == ids["Kim Osei"]
    today["Kim Osei"] = kims_new_phone
    # Four people are connected, each once, whatever device they are on.
    here = {"connected": 4, "by_group": {"patient": 1, "carer": 1, "professional": 2}}
    await presence_settles(host, here)

    # Causes, success, ideas: from phones, the tablet and Kim's new phone.
    await host.ok("set_stage", stage="understand")
    why = await latest(
        host,
        await today["Patricia Moss"].ok(
            "add_cause", theme_id=getting_there, text="The bus does not stop near the surgery"
        ),
    )
    deeper = await latest(
        host,
        await tablet.ok(
            "add_cause",
            theme_id=getting_there,
            parent_id=why["cause"]["id"],
            text="Nobody asks how people get to the surgery",
        ),
    )
    root = deeper["cause"]["id"]
    await kims_new_phone.ok("add_cause", theme_id=appointments, text="Too few appointments")
    await host.ok("choose_causes", cause_ids=[root])
    await host.ok("set_stage", stage="success")
    success = await latest(
        host,
        await tablet.ok(
            "add_success", cause_id=root, perspective="person", text="I get to my check-ups"
        ),
    )
    await host.ok("set_stage", stage="ideas")
    idea = (
        await latest(
            host,
            await kims_new_phone.ok(
                "add_idea",
                kind="different",
                text="Home visits for check-ups",
                serves=[success["success"]["id"]],
            ),
        )
    )["idea"]["id"]
    await today["Samir Haddad"].ok("add_idea", kind="radical", text="A surgery bus")
    await host.ok("shortlist_ideas", idea_ids=[idea])

    # The grid: everyone rates the idea; Table 3 changes their mind, once counted.
    await host.ok("set_stage", stage="invest")
    ratings = {
        "Patricia Moss": (2, 5),
        "Carol Finch": (3, 5),
        "Kim Osei": (4, 4),
        "Samir Haddad": (2, 4),
        "Dr Anjali Rao": (3, 4),
        "Table 3, patient": (2, 5),
    }
    await host.ok("rate_idea", idea_id=idea, cost=5, benefit=1, for_participant=table3)
    for name, (cost, benefit) in ratings.items():
        if name in today:
            last = await today[name].ok("rate_idea", idea_id=idea, cost=cost, benefit=benefit)
        else:
            last = await host.ok(
                "rate_idea", idea_id=idea, cost=cost, benefit=benefit, for_participant=ids[name]
            )
    row = (await latest(host, last))["row"]
    assert row["room"] == {
        "raters": 6, "cost": 2.5, "benefit": 4.5, "quadrant": "quick win",
        "cost_range": [2, 4], "benefit_range": [4, 5],
    }  # fmt: skip
    rated = [e for e in tablet.events if e["type"] == "idea_rated" and "mine" in e["row"]]
    assert rated[-1]["row"]["mine"] == {"cost": 3.0, "benefit": 5.0}
    await host.ok("show_grid_view", shown=True)
    await host.ok("set_stage", stage="plan")
    await host.ok(
        "add_action", text="Offer check-ups at home", owner="Community respiratory team",
        due="2027-04-30", idea_id=idea,
    )  # fmt: skip

    # Feedback: from phones, the tablet, and recorded for Table 3.
    await host.ok("set_stage", stage="reflect")
    await today["Patricia Moss"].ok("give_feedback", answers=[{"question": "easy", "rating": 4}])
    await today["Samir Haddad"].ok("give_feedback", answers=[{"question": "easy", "rating": 5}])
    await tablet.ok("give_feedback", answers=[{"question": "easy", "rating": 2}])
    await tablet.ok(  # she changes her answer: still one person's
        "give_feedback",
        answers=[{"question": "easy", "rating": 3}, {"question": "better", "text": "Bigger print"}],
    )
    last = await host.ok(
        "give_feedback", answers=[{"question": "easy", "rating": 5}], for_participant=table3
    )
    await host.wait_for_seq(last)

    # The end result. The console lists each person once, as named.
    console = await facilitator(url, board)
    people = console.ack["board"]["participants"]
    assert sorted((p["name"], p["group"]) for p in people["people"]) == sorted(
        (name, group) for name, (group, _) in PEOPLE.items()
    )
    assert sorted(p["id"] for p in people["people"]) == sorted(ids.values())
    assert {p["id"] for p in people["people"] if p["no_device"]} == {table3, rao}
    assert people["count"] == 6 and people["no_device"] == 2
    assert people["by_group"] == {"patient": 2, "carer": 1, "professional": 3}
    # The wall's "N of M" counts the same six, and names nobody.
    later_wall = await wall(url, board)
    assert later_wall.ack["board"]["participants"] == {
        "count": 6, "by_group": {"patient": 2, "carer": 1, "professional": 3}, "no_device": 2,
    }  # fmt: skip
    final = next(r for r in console.ack["board"]["rounds"] if r["id"] == round_id)
    assert (final["voters"], final["dots_cast"]) == (6, dots_cast)
    assert final["totals"] == {item: placed[item] for item in themes}
    feedback = console.ack["board"]["feedback"]
    assert feedback["answered"] == 4
    easy = next(q for q in feedback["summary"] if q["id"] == "easy")
    assert (easy["answered"], easy["ratings"]) == (4, {"1": 0, "2": 0, "3": 1, "4": 1, "5": 2})

    # The report: everyone once by group, the written card, the vote, the grid, feedback.
    report = httpx.get(
        f"{url}/api/boards/{board['board_id']}/report.json", headers=auth(board)
    ).json()
    assert report["participation"] == {
        "joined": 6, "by_group": {"patient": 2, "carer": 1, "professional": 3},
    }  # fmt: skip
    theme = next(t for t in report["themes"] if t["id"] == getting_there)
    assert WORDS in [s["text"] for s in theme["statements"]]
    assert theme["carried"] and theme["votes"]["total"] == placed[getting_there]
    [vote] = report["rounds"]
    assert vote["voters"] == 6
    assert {i["id"]: i["total"] for i in vote["items"]} == {item: placed[item] for item in themes}
    [shortlisted] = [i for i in report["ideas"] if i["shortlisted"]]
    assert shortlisted["room"]["raters"] == 6 and shortlisted["quadrant"] == "quick win"
    assert [a["idea"] for a in report["actions"]] == ["Home visits for check-ups"]
    assert next(q for q in report["feedback"] if q["id"] == "easy")["answered"] == 4
    files = {
        name: httpx.get(f"{url}/api/boards/{board['board_id']}/{name}", headers=auth(board))
        for name in ("statements.csv", "themes.csv", "actions.csv")
    }
    assert all(f.status_code == 200 for f in files.values())
    assert WORDS in files["statements.csv"].text
    assert f"not working,Getting there,,2,yes,{placed[getting_there]}" in files["themes.csv"].text
    assert "Offer check-ups at home" in files["actions.csv"].text
    # Nobody is named, and nobody's vote is told.
    for text in (json.dumps(report), *(f.text for f in files.values())):
        for name in PEOPLE:
            assert name.split(",")[0] not in text, name
        for pid in ids.values():
            assert f'"{pid}"' not in text and f",{pid}," not in text

    # Saved and restored elsewhere, the board still counts each of them once.
    saved = httpx.get(f"{url}/api/boards/{board['board_id']}/export.json", headers=auth(board))
    assert saved.status_code == 200, saved.text
    assert saved.json()["participants"] == report["participation"]["by_group"]
    moved = httpx.post(f"{url}/api/boards/import", json=saved.json())
    assert moved.status_code == 201, moved.text
    restored = httpx.get(
        f"{url}/api/boards/{moved.json()['board_id']}/report.json", headers=auth(moved.json())
    ).json()
    for part in ("participation", "rounds", "feedback"):
        assert restored[part] == report[part], part
    assert [i["room"] for i in restored["ideas"]] == [i["room"] for i in report["ideas"]]

    # The log says what the facilitator recorded, and for whom; nobody joined twice.
    store = await Store.connect(redis_url)
    try:
        log = [event_from_json(raw) for raw in await store.read_since(board["board_id"], 0)]
    finally:
        await store.close()
    joined = [e.participant.id for e in log if isinstance(e, ParticipantJoined)]
    assert sorted(joined) == sorted(ids[name] for name in phones)
    assert sorted(e.participant.id for e in log if isinstance(e, PersonAdded)) == sorted(
        [table3, rao]
    )
    assert not [e for e in log if isinstance(e, PersonOnDevice)]
    recorded = Counter(
        (type(e).__name__, e.participant_id)
        for e in log
        if isinstance(e, (DotPlaced, DotRemoved, IdeaRated, FeedbackGiven))
        and e.recorded_by_facilitator
    )
    assert recorded == {
        ("DotPlaced", table3): 3,
        ("DotPlaced", rao): 3,
        ("DotRemoved", rao): 1,
        ("IdeaRated", table3): 2,
        ("IdeaRated", rao): 1,
        ("FeedbackGiven", table3): 1,
    }
    own = Counter(
        e.participant_id
        for e in log
        if isinstance(e, (DotPlaced, DotRemoved, IdeaRated, FeedbackGiven))
        and not e.recorded_by_facilitator
    )
    assert set(own) == {ids[name] for name in phones}
    [card] = [e for e in log if isinstance(e, StatementsAdded) and e.recorded_by_facilitator]
    assert [(s.id, s.author, s.text) for s in card.statements] == [(their_card, table3, WORDS)]
    for client in (host, screen, later_wall, console, *today.values()):
        await client.close()
