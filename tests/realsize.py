"""A board of real size, set over HTTP and python-socketio, for the page tests.

A real workshop has 95 cards a question, 12–20 themes and 40 people: test at
that size, not at demo-of-three size. `real_board(url)` makes one: the
demo's 280 statements, 40 people joined (and still connected), and, as far
as asked, the first day's themes (12 each for "working" and "not working",
as tests/data/copd-*-themes.csv give them), a blind vote by everyone with
three themes carried forward, and a second day of causes, success, ideas,
ratings, a plan and feedback.

Use a server without the per-connection command limit (the `script_server`
fixture): one facilitator sends a few hundred commands here.
"""

from __future__ import annotations

import asyncio
import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.server.client import Client, create_board, facilitator, import_csv, participant

ROOT = Path(__file__).resolve().parents[1]
DEMO_CSV = ROOT / "server" / "demo" / "copd-reviews.csv"
THEMES_CSV = {
    "not working": ROOT / "tests" / "data" / "copd-not-working-themes.csv",
    "working": ROOT / "tests" / "data" / "copd-working-themes.csv",
}
# 40 people, as at the COPD workshops: 22 patients and carers, 18 others.
GROUPS = ["patient"] * 16 + ["carer"] * 6 + ["professional"] * 10 + ["commissioner"] * 5
GROUPS += ["third sector"] * 3
STAGES = ["prepare", "collect", "theme", "prioritise", "understand"]
STAGES += ["success", "ideas", "invest", "plan", "reflect"]

WHY = [
    (
        "The phone lines are jammed at 8am",
        ["Too few receptionists", "Everyone has to ring at once"],
    ),
    ("Nobody calls back", ["There is no call-back system"]),
    ("Appointments go to whoever rings first", []),
    ("Staff change all the time", ["Locum doctors do not know us"]),
]
PERSPECTIVES = ["person", "commissioner", "clinician", "third sector"]
IDEAS = [
    ("in place", "Online booking for repeat prescriptions"),
    ("in place", "The Breathe Easy group meets every month"),
    ("radical", "A COPD nurse in every practice"),
    ("radical", "Patients book their own rehab sessions"),
    ("traditional", "More phone lines at 8am"),
    ("traditional", "Longer appointments for people with COPD"),
    ("different", "Volunteers ring people after a hospital stay"),
    ("different", "Walking groups run by former patients"),
    ("different", "A shared care plan people keep at home"),
]


@dataclass
class RealBoard:
    board: dict[str, Any]
    host: Client
    phones: list[Client]
    title: str = ""
    themes: dict[str, list[str]] = field(default_factory=dict)  # question -> theme ids
    statements: list[dict[str, Any]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return str(self.host.url)

    async def stage(self, stage: str) -> None:
        """Move the room to `stage` (if it is not there), and wait until the host has seen it."""
        now = await self.host.sio.call("join", {"token": self.board["facilitator_token"]})
        if now["board"]["stage"] != stage:
            await self.host.wait_for_seq(await self.host.ok("set_stage", stage=stage))

    async def close(self) -> None:
        for client in [self.host, *self.phones]:
            await client.close()


def themed_statements(category: str) -> list[dict[str, str]]:
    """Each statement of a question with its theme and I statement."""
    with THEMES_CSV[category].open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


async def _latest(client: Client, seq: int, key: str) -> Any:
    await client.wait_for_seq(seq)
    return next(e[key] for e in reversed(client.events) if key in e)


async def real_board(
    url: str, *, up_to: str = "reflect", title: str = "COPD workshop"
) -> RealBoard:
    """A real-size board with the workshop played up to `up_to`, left at "prepare"."""
    board = create_board(url, title)
    assert import_csv(url, board, DEMO_CSV.read_text()).status_code == 200
    host = await facilitator(url, board)
    phones = await asyncio.gather(
        *(
            participant(url, board["join_code"], group=g, name=f"Person {n + 1}")
            for n, g in enumerate(GROUPS)
        )
    )
    await host.wait_for_seq(max(p.seq for p in phones))
    joined = await host.sio.call("join", {"token": board["facilitator_token"]})
    real = RealBoard(
        board, host, list(phones), title=title, statements=joined["board"]["statements"]
    )
    reach = STAGES.index(up_to)
    if reach >= STAGES.index("theme"):
        await _theme(real)
    if reach >= STAGES.index("prioritise"):
        await _prioritise(real)
    if reach >= STAGES.index("understand"):
        await _second_day(real, reach)
    await real.stage("prepare")
    return real


async def _theme(real: RealBoard) -> None:
    host = real.host
    await host.ok("set_stage", stage="theme")
    by_text = {(s["category"], s["text"]): s["id"] for s in real.statements}
    for category in THEMES_CSV:
        rows = themed_statements(category)
        groups: dict[tuple[str, str], list[str]] = {}
        for row in rows:
            groups.setdefault((row["theme"], row["i_statement"]), []).append(
                by_text[(category, row["statement"])]
            )
        real.themes[category] = []
        for (theme, i_statement), ids in groups.items():
            seq = await host.ok(
                "move_statements",
                statement_ids=ids,
                new_theme={"title": theme, "i_statement": i_statement},
            )
            real.themes[category].append((await _latest(host, seq - 1, "theme"))["id"])


async def _prioritise(real: RealBoard) -> None:
    host = real.host
    await host.ok("set_stage", stage="prioritise")
    themes = real.themes["not working"]
    seq = await host.ok(
        "open_round", items=themes, title="Which matter most?", dots_per_person=5, max_per_item=2
    )
    round_id = (await _latest(host, seq, "round"))["id"]

    async def vote(n: int, phone: Client) -> None:
        # Five dots each, leaning the same way, so the room has a clear top three.
        for item in [themes[n % 3]] * 2 + [themes[3 + n % 9]] * 2 + [themes[(n + 1) % 3]]:
            ack = await phone.command("vote", round_id=round_id, item=item)
            assert ack["ok"], ack

    await asyncio.gather(*(vote(n, p) for n, p in enumerate(real.phones)))
    await host.ok("close_round", round_id=round_id)
    await host.ok("reveal_round", round_id=round_id)
    await host.ok("carry_forward", items=themes[:3])


async def _second_day(real: RealBoard, reach: int) -> None:
    host, phones = real.host, real.phones
    carried = real.themes["not working"][:3]
    await host.ok("set_stage", stage="understand")
    chosen: list[str] = []
    for theme in carried:
        for text, deeper in WHY:
            seq = await phones[len(chosen) % len(phones)].ok("add_cause", theme_id=theme, text=text)
            cause = (await _latest(host, seq, "cause"))["id"]
            for why in deeper:
                seq = await host.ok("add_cause", theme_id=theme, parent_id=cause, text=why)
                chosen.append((await _latest(host, seq, "cause"))["id"])
    chosen = chosen[:3]
    await host.ok("choose_causes", cause_ids=chosen)
    if reach < STAGES.index("success"):
        return
    await host.ok("set_stage", stage="success")
    successes: list[str] = []
    for n, cause in enumerate(chosen):
        for k, perspective in enumerate(PERSPECTIVES):
            text = f"Success {n + 1}.{k + 1}: I get the help I need when I need it"
            seq = await phones[(n * 4 + k) % len(phones)].ok(
                "add_success", cause_id=cause, perspective=perspective, text=text
            )
            successes.append((await _latest(host, seq, "success"))["id"])
    if reach < STAGES.index("ideas"):
        return
    await host.ok("set_stage", stage="ideas")
    ideas: list[str] = []
    for n, (kind, text) in enumerate(IDEAS):
        serves = (
            [] if kind == "in place" else successes[n % len(successes) : n % len(successes) + 2]
        )
        seq = await host.ok("add_idea", kind=kind, text=text, serves=serves)
        if kind != "in place":
            ideas.append((await _latest(host, seq, "idea"))["id"])
    shortlist = ideas[:6]
    await host.ok("shortlist_ideas", idea_ids=shortlist)
    if reach < STAGES.index("invest"):
        return
    await host.ok("set_stage", stage="invest")

    async def rate(n: int, phone: Client) -> None:
        for k, idea in enumerate(shortlist):
            await phone.command(
                "rate_idea", idea_id=idea, cost=1 + (n + k) % 5, benefit=1 + (n * k + 3) % 5
            )

    await asyncio.gather(*(rate(n, p) for n, p in enumerate(phones)))
    for idea, (cost, benefit) in zip(shortlist[:3], [(1, 5), (4, 5), (2, 2)], strict=True):
        await host.ok("place_idea", idea_id=idea, cost=cost, benefit=benefit)
    if reach < STAGES.index("plan"):
        return
    await host.ok("set_stage", stage="plan")
    for n, idea in enumerate(shortlist):
        await host.ok(
            "add_action",
            text=f"Action {n + 1}: make it happen",
            owner=["Practice manager", "CCG primary care lead", "Breathe Easy group"][n % 3],
            due=f"2027-0{n % 9 + 1}-15",
            idea_id=idea,
        )
    if reach < STAGES.index("reflect"):
        return
    await host.ok("set_stage", stage="reflect")

    async def answer(n: int, phone: Client) -> None:
        answers: list[dict[str, Any]] = [
            {"question": q, "rating": 1 + (n + k) % 5}
            for k, q in enumerate(["easy", "listened", "tools", "again"])
        ]
        if n % 3 == 0:
            answers.append({"question": "better", "text": "Bigger print on the screens"})
        await phone.command("give_feedback", answers=answers)

    await asyncio.gather(*(answer(n, p) for n, p in enumerate(phones[:30])))


# What the wall must hold at the room's size, beyond what `real_board` makes:
# 20 themes in one question, a cause tree of 15 causes, 12 ideas, 15 actions.
FUTURE_THEMES = [
    ("Breathing easier", "I want to breathe without being frightened"),
    ("Seeing the same nurse", "I want someone who knows me"),
    ("Getting out of the house", "I want to get out and about again"),
    ("Help at night", "I want to know who to call at night"),
    ("Rehab near home", "I want rehab I can get to"),
    ("Talking to others", "I want to talk to people who understand"),
    ("Planning ahead", "I want a plan for when I get worse"),
    ("Looking after my carer", "I want my wife to get a break too"),
    ("Medicines explained", "I want to understand my inhalers"),
    ("Money worries", "I want help with benefits and bills"),
    ("Warm homes", "I want a home that is warm and dry"),
    ("Feeling less low", "I want help with feeling low"),
    ("Quicker appointments", "I want an appointment when I need one"),
    ("Joined-up care", "I want my hospital and GP to talk to each other"),
    ("Exercise I enjoy", "I want exercise that is fun"),
    ("Oxygen that fits my life", "I want oxygen that lets me go out"),
    ("Being listened to", "I want to be listened to"),
    ("Stopping smoking", "I want support to stop smoking for good"),
    ("Travel and parking", "I want to get to the hospital easily"),
    ("Technology that helps", "I want tools on my phone that help me"),
]
MORE_WHY = [
    "Reception has no list of who is most unwell",
    "The practice does not know who has COPD",
    "Calls are not answered in order",
    "There is no nurse on the phone in the morning",
    "Staff are not trained to spot a flare-up",
    "The booking system was bought to save money",
    "Nobody has asked patients what works for them",
]
MORE_IDEAS = [
    ("radical", "A text message the morning after a bad night, asking how you are"),
    ("traditional", "A named nurse for every person with COPD in the practice"),
    ("different", "A buddy from the Breathe Easy group for every new diagnosis"),
]
OWNERS = ["Practice manager", "CCG primary care lead", "Breathe Easy group", "Respiratory nurse"]


async def grow_for_the_wall(real: RealBoard) -> None:
    """Add to a played board (up to "reflect") what a full room makes, left at "prepare"."""
    host = real.host
    await host.ok("set_stage", stage="theme")
    future = [s["id"] for s in real.statements if s["category"] == "future"]
    real.themes["future"] = []
    for n, (title, i_statement) in enumerate(FUTURE_THEMES):
        seq = await host.ok(
            "move_statements",
            statement_ids=future[n * 4 : n * 4 + 4],
            new_theme={"title": title, "i_statement": i_statement},
        )
        real.themes["future"].append((await _latest(host, seq - 1, "theme"))["id"])
    await host.ok("set_stage", stage="understand")
    joined = await host.sio.call("join", {"token": real.board["facilitator_token"]})
    first = real.themes["not working"][0]
    roots = [c["id"] for c in joined["board"]["causes"] if c["theme_id"] == first]
    for n, text in enumerate(MORE_WHY):  # 8 causes, and 7 more: 15 in one tree
        await host.ok("add_cause", theme_id=first, parent_id=roots[n % len(roots)], text=text)
    await host.ok("set_stage", stage="ideas")
    for kind, text in MORE_IDEAS:  # 9 ideas, and 3 more
        await host.ok("add_idea", kind=kind, text=text)
    await host.ok("set_stage", stage="plan")
    joined = await host.sio.call("join", {"token": real.board["facilitator_token"]})
    shortlisted = [i["id"] for i in joined["board"]["ideas"] if i.get("shortlisted")]
    for n in range(6, 15):  # 6 actions, and 9 more
        await host.ok(
            "add_action",
            text=f"Action {n + 1}: ask the people who use it whether it works, and change it",
            owner=OWNERS[n % len(OWNERS)],
            due=f"2027-{n % 12 + 1:02d}-01",
            idea_id=shortlisted[n % len(shortlisted)],
        )
    await real.stage("prepare")


async def vote_on(real: RealBoard, items: list[str], *, blind: bool = True) -> str:
    """Open a vote on `items` at "prioritise"; every one of the 40 people votes. The round id."""
    host = real.host
    await real.stage("prioritise")
    seq = await host.ok(
        "open_round", items=items, title="Which matter most for the future?",
        dots_per_person=5, max_per_item=2, blind=blind,
    )  # fmt: skip
    round_id: str = (await _latest(host, seq, "round"))["id"]

    step = 3 if len(items) % 3 else 1  # five different items each

    async def vote(n: int, phone: Client) -> None:
        for k in range(5):
            item = items[(n + k * step) % len(items)]
            ack = await phone.command("vote", round_id=round_id, item=item)
            assert ack["ok"], ack

    await asyncio.gather(*(vote(n, p) for n, p in enumerate(real.phones)))
    await host.wait_for_seq(max(p.seq for p in real.phones))
    return round_id
