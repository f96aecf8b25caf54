"""Nothing secret leaves the server, for any role, at any moment of a blind vote, anywhere.

A blind vote's counts are secret until it is revealed, and a revealed tally
never shows a group of fewer than 3 voters (one commissioner's dots, shown as
"commissioners", would be that person's ballot). Here six people vote, four
of them alone in their group, on two blind rounds; at each moment (open,
closed, revealed, the reveal undone, a round never revealed) every role
fetches every HTTP route and joins over the socket, and every frame every
screen received is read. Any count of a round not revealed, any tally split
into a group under 3 voters, any raw group in a tally, fails the test.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from board.tally import DISPLAY_GROUPS, MIN_GROUP, POOLED
from board.values import Group
from tests.conftest import LiveServer, start_server
from tests.server.client import Client, create_board, facilitator, import_csv, participant

DEMO = (Path(__file__).resolve().parents[2] / "server" / "demo" / "copd-reviews.csv").read_text()

# Two patients and a carer make one shown group of 3; a professional, a
# commissioner and someone from the third sector are each alone in theirs.
VOTERS = ["patient", "patient", "carer", "professional", "commissioner", "third sector"]
# Round A is on the demo's first four cards, round B on the next four.
ROUNDS = {"A": range(0, 4), "B": range(4, 8)}
# Everyone's dots differ, so any count by raw group would give someone away: each ballot is
# dots by the card's place in the round.
BALLOTS = [
    {0: 2, 1: 1},
    {1: 2, 2: 1},
    {0: 1, 3: 2},
    {2: 2, 0: 1},
    {3: 1, 1: 1, 2: 1},
    {0: 2, 3: 1},
]
# Keys that carry a count per item (or a raw split) in any form the server writes.
COUNT_KEYS = {"totals", "total", "by_group", "count", "dots", "voters_by_group"}
RAW_GROUPS = {g.value for g in Group}
PAGES = ["/", "/join", "/board/{board}/facilitate", "/board/{board}/wall", "/board/{board}/report"]
ROUTES = [
    "/api/boards/{board}/export.json", "/api/boards/{board}/report.json",
    "/api/boards/{board}/statements.csv", "/api/boards/{board}/themes.csv",
    "/api/boards/{board}/actions.csv", "/api/boards/{board}/tokens",
    "/api/boards/{board}/qr.svg", "/api/join/{code}", "/api/join/{code}/qr.svg", "/health",
]  # fmt: skip


def allowed_buckets(voters: list[str] = VOTERS) -> set[str]:
    """The groups a revealed tally of these voters may show: each has 3 voters or more."""
    sizes: dict[str, int] = {}
    for group in voters:
        shown = DISPLAY_GROUPS[Group(group)]
        sizes[shown] = sizes.get(shown, 0) + 1
    big = {g for g, n in sizes.items() if n >= MIN_GROUP}
    pooled = sum(n for g, n in sizes.items() if g not in big)
    return big | ({POOLED} if pooled >= MIN_GROUP else set())


ALLOWED = allowed_buckets()


@dataclass
class Moment:
    name: str
    revealed: set[str]  # round ids revealed now
    rounds: set[str] = field(default_factory=set)  # every round id that exists
    allowed: set[str] = field(default_factory=lambda: ALLOWED)  # the groups a tally may show


def leaks(value: Any, moment: Moment, path: str = "", in_secret: str | None = None) -> list[str]:
    """Every place in a JSON value that says what this moment must not."""
    found: list[str] = []
    if isinstance(value, list):
        for n, item in enumerate(value):
            found += leaks(item, moment, f"{path}[{n}]", in_secret)
        return found
    if not isinstance(value, dict):
        return found
    round_id = value.get("round_id", value.get("id"))
    describes_round = "items" in value or "round_id" in value or "status" in value
    if round_id in moment.rounds and round_id not in moment.revealed and describes_round:
        in_secret = round_id
    for key, inner in value.items():
        where = f"{path}.{key}"
        if in_secret and key in COUNT_KEYS and inner not in (None, {}, []):
            found.append(f"{where}: a count of round {in_secret}, not revealed")
        if key == "voters_by_group":
            found.append(f"{where}: voters by raw group")
        if key == "by_group" and isinstance(inner, dict) and not _about_people(path):
            for bucket, n in _buckets(inner):
                if bucket not in moment.allowed:
                    found.append(f"{where}: {bucket!r} = {n}, a group under {MIN_GROUP} voters")
        if key == "count" and isinstance(inner, dict) and isinstance(inner.get("dots"), dict):
            found.append(f"{where}: a round's dots by raw group")
        found += leaks(inner, moment, where, in_secret)
    return found


def _about_people(path: str) -> bool:
    """`participants.by_group` and presence count who joined, by group: no votes there."""
    return path.endswith(("participants", "participation")) or path == "presence"


def _buckets(split: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for key, inner in split.items():
        if isinstance(inner, dict):  # item -> {group: dots}
            yield from inner.items()
        else:  # {group: dots}
            yield key, inner


def csv_leaks(name: str, text: str, moment: Moment, items: dict[str, set[str]]) -> list[str]:
    """Dots columns of the spreadsheets: only for revealed rounds, only shown groups."""
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    found = []
    for column in rows[0].keys() if rows else []:
        if column.startswith("dots from ") and column.removeprefix("dots from ") not in ALLOWED:
            found.append(f"{name}: a column for {column!r}")
    if name == "statements.csv":
        secret = set().union(*(items[r] for r in moment.rounds - moment.revealed))
        texts = STATEMENT_TEXTS
        for row in rows:
            if texts.get(row["statement"]) in secret and row["dots on statement"] not in ("", "0"):
                shown = row["statement"][:30]
                found.append(f"{name}: {shown!r} shows dots of a round not revealed")
    return found


STATEMENT_TEXTS: dict[str, str] = {}  # statement text -> id, filled from the board


@pytest.fixture(scope="module")
def secret_server(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = start_server(
        redis_url,
        tmp_path_factory.mktemp("secrecy"),
        CHANGEBOARD_COMMANDS_PER_SECOND="100000",
        CHANGEBOARD_COMMAND_BURST="100000",
    )
    yield server
    server.stop()


def bearer(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}


async def everything_seen(
    url: str, board: dict[str, Any], tokens: dict[str, str | None], moment: Moment,
    items: dict[str, set[str]],
) -> list[str]:  # fmt: skip
    """What each role gets from every route and from joining, at this moment, that it must not."""
    found: list[str] = []
    async with httpx.AsyncClient(base_url=url, timeout=20) as http:
        for role, token in tokens.items():
            for template in PAGES + ROUTES:
                path = template.format(board=board["board_id"], code=board["join_code"])
                answer = await http.get(path, headers=bearer(token))
                where = f"{moment.name}, {role}, {path}"
                assert answer.status_code < 500, (where, answer.text[:200])
                kind = answer.headers.get("content-type", "")
                if answer.status_code >= 400 or "html" in kind or "svg" in kind:
                    continue
                if path.endswith(".csv"):
                    name = path.rsplit("/", 1)[1]
                    said = csv_leaks(name, answer.text, moment, items)
                    found += [f"{where}: {s}" for s in said]
                else:
                    found += [f"{where}: {s}" for s in leaks(answer.json(), moment)]
            if token is None:
                continue
            screen = Client(url)
            await screen.connect(token=token, since=0)
            ack = await screen.sio.call("join", {"token": token})
            await screen.close()
            for name, data in [*screen.frames, ("join", ack)]:
                said = leaks(data, moment, "presence" if name == "presence" else "")
                found += [f"{moment.name}, {role}, {name} frame: {s}" for s in said]
    return found


def frame_leaks(screens: dict[str, Client], seen: dict[str, int], moment: Moment) -> list[str]:
    """What the screens kept open all along received since the last look."""
    found = []
    for role, screen in screens.items():
        for name, data in screen.frames[seen.get(role, 0) :]:
            path = "presence" if name == "presence" else ""
            said = leaks(data, moment, path)
            found += [f"{moment.name}, {role} (live), {name}: {s}" for s in said]
            if "participant" not in role and '"mine"' in json.dumps(data):
                found.append(f"{moment.name}, {role} (live), {name}: someone's own dots")
        seen[role] = len(screen.frames)
    return found


async def test_no_role_ever_sees_a_secret_count_in_any_route_or_frame(
    secret_server: LiveServer,
) -> None:
    url = secret_server.url
    board = create_board(url, "Secret ballot")
    assert import_csv(url, board, DEMO).status_code == 200
    host = await facilitator(url, board)
    STATEMENT_TEXTS.update({s["text"]: s["id"] for s in host.ack["board"]["statements"]})
    co = httpx.post(
        f"{url}/api/boards/{board['board_id']}/tokens",
        json={"role": "facilitator"}, headers=bearer(board["facilitator_token"]),
    ).json()["token"]  # fmt: skip
    reader = httpx.post(
        f"{url}/api/boards/{board['board_id']}/tokens",
        json={"role": "reader"}, headers=bearer(board["facilitator_token"]),
    ).json()["token"]  # fmt: skip
    phones = [await participant(url, board["join_code"], group=g) for g in VOTERS]
    co_host = Client(url)
    await co_host.connect()
    await co_host.join(token=co)
    wall = Client(url)
    await wall.connect()
    await wall.join(token=board["wall_token"])
    screens = {"facilitator": host, "co-facilitator": co_host, "wall": wall}
    for n, (group, phone) in enumerate(zip(VOTERS, phones, strict=True)):
        screens[f"participant {n} ({group})"] = phone
    tokens: dict[str, str | None] = {
        "facilitator": board["facilitator_token"], "co-facilitator": co, "report link": reader,
        "wall": board["wall_token"], "participant": phones[3].token, "no token": None,
    }  # fmt: skip
    seen: dict[str, int] = {}
    items = {}
    found: list[str] = []

    async def look(moment: Moment, last: int) -> None:
        for screen in screens.values():
            await screen.wait_for_seq(last)
        found.extend(frame_leaks(screens, seen, moment))
        found.extend(await everything_seen(url, board, tokens, moment, items))

    await host.ok("set_stage", stage="prioritise")
    rounds = []
    cards = [card["id"] for card in host.ack["board"]["statements"]]
    for name, places in ROUNDS.items():
        on = [cards[place] for place in places]
        opened = await host.ok("open_round", items=on, dots_per_person=3, blind=True)
        await host.wait_for_seq(opened)
        round_id = host.events[-1]["round"]["id"]
        rounds.append(round_id)
        items[round_id] = set(on)
        last = opened
        for phone, ballot in zip(phones, BALLOTS, strict=True):
            for place, dots in ballot.items():
                for _ in range(dots):
                    last = await phone.ok("vote", round_id=round_id, item=on[place])
        if name == "A":
            await look(Moment("A open", set(), {round_id}), last)
        last = await host.ok("close_round", round_id=round_id)
        if name == "A":
            await look(Moment("A closed", set(), {round_id}), last)
            revealed = await host.ok("reveal_round", round_id=round_id)
            await look(Moment("A revealed", {round_id}, {round_id}), revealed)
            last = await host.ok("undo", seq=revealed)
            await look(Moment("A's reveal undone", set(), {round_id}), last)
    a, b = rounds
    last = await host.ok("reveal_round", round_id=a)
    await look(Moment("A revealed again, B never", {a}, {a, b}), last)
    await host.ok("set_stage", stage="understand")
    last = await host.ok("set_stage", stage="prioritise")
    await look(Moment("the day goes on, B still never revealed", {a}, {a, b}), last)
    for screen in [*screens.values()]:
        await screen.close()
    assert found == [], "\n".join(found[:40])
