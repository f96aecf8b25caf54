"""Who may do what, over the socket: every command × every kind of connection.

The stage dimension is tabled in tests/board/test_policy.py against the
domain itself; here each command is tried, in a stage where it makes sense,
by every identity a connection can have, through a real server.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from board import POLICY
from server.embedded_redis import EmbeddedRedis
from server.tokens import CODE_ALPHABET, CODE_LENGTH, new_join_code, new_token
from tests.conftest import ROOT, LiveServer, start_server
from tests.server.client import Client, create_board, facilitator, import_csv, participant, wall
from tests.server.raw import RawSocket

DEMO = (ROOT / "server" / "demo" / "copd-reviews.csv").read_text()
IDENTITIES = ["not joined", "never issued", "revoked", "wall", "participant", "facilitator"]
Json = dict[str, Any]


def command_types() -> list[str]:
    """Every command type the board knows: each has one row in its access policy."""
    return sorted(POLICY)


@pytest.fixture(scope="module")
def roomy_server(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    # The facilitator sets up a lot quickly: no per-connection rate limit here.
    server = start_server(
        redis_url,
        tmp_path_factory.mktemp("access"),
        CHANGEBOARD_COMMANDS_PER_SECOND="100000",
        CHANGEBOARD_COMMAND_BURST="100000",
    )
    yield server
    server.stop()


@dataclass
class Room:
    """One board and a connection for each identity."""

    board: Json
    host: Client
    clients: dict[str, Client]
    cards: dict[str, list[str]]  # statement ids by category
    reviews: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    # The root causes chosen so far: a choice keeps those with success statements.
    chosen: list[str] = field(default_factory=list)

    async def made(self, type: str, **fields: Any) -> list[Json]:
        """Have the facilitator do something; the events it made."""
        before = self.host.seq
        seq = await self.host.ok(type, **fields)
        await self.host.wait_for_seq(seq)
        return [e for e in self.host.events if e["seq"] > before]

    async def attempt(self, type: str, **fields: Any) -> None:
        """Have the facilitator try something that may already be so."""
        await self.host.command(type, **fields)

    async def stage(self, stage: str, mode: str = "everyone") -> None:
        await self.attempt("set_theming_mode", mode=mode)
        await self.attempt("set_stage", stage=stage)
        await self.host.wait_for_seq(self.host.seq)

    async def theme(self, category: str = "working") -> str:
        return str(
            (await self.made("create_theme", category=category, title="T"))[-1]["theme"]["id"]
        )

    async def round(self) -> str:
        for found in [e for e in self.host.events if e["type"] == "round_opened"]:
            await self.attempt("close_round", round_id=found["round"]["id"])
        opened = await self.made("open_round", items=self.cards["working"][:4], max_per_item=2)
        return str(opened[-1]["round"]["id"])

    async def cause(self, theme: str) -> str:
        made = await self.made("add_cause", theme_id=theme, text="No buses after six")
        return str(made[-1]["cause"]["id"])

    async def chosen_cause(self) -> str:
        cause = await self.cause(await self.theme())
        self.chosen.append(cause)
        await self.made("choose_causes", cause_ids=self.chosen)
        return cause

    async def success(self) -> str:
        made = await self.made(
            "add_success", cause_id=await self.chosen_cause(), perspective="person", text="Buses"
        )
        return str(made[-1]["success"]["id"])

    async def idea(self, shortlisted: bool = False) -> str:
        made = await self.made("add_idea", kind="in place", text="A minibus")
        idea = str(made[-1]["idea"]["id"])
        if shortlisted:
            await self.made("shortlist_ideas", idea_ids=[idea])
        return idea


Setup = Callable[[Room], Awaitable[Callable[[str], Json]]]
SETUPS: dict[str, Setup] = {}


def setup(*types: str) -> Callable[[Setup], Setup]:
    def register(fn: Setup) -> Setup:
        for type in types:
            SETUPS[type] = fn
        return fn

    return register


def same(payload: Json) -> Callable[[str], Json]:
    return lambda who: payload


def per_person(build: Callable[[str], Json]) -> Callable[[str], Json]:
    return build


# What each command needs on the board, and the payload each identity sends.


@setup("update_board")
async def _update_board(room: Room) -> Callable[[str], Json]:
    return per_person(lambda who: {"title": f"Renamed by {who}"})


@setup("set_stage")
async def _set_stage(room: Room) -> Callable[[str], Json]:
    await room.stage("theme")
    return same({"stage": "collect"})


@setup("start_timer")
async def _start_timer(room: Room) -> Callable[[str], Json]:
    await room.attempt("stop_timer")
    return same({"seconds": 600})


@setup("pause_timer", "stop_timer")
async def _running_timer(room: Room) -> Callable[[str], Json]:
    await room.attempt("stop_timer")
    await room.made("start_timer", seconds=600)
    return same({})


@setup("extend_timer")
async def _extend_timer(room: Room) -> Callable[[str], Json]:
    await _running_timer(room)
    return same({"seconds": 60})


@setup("resume_timer")
async def _paused_timer(room: Room) -> Callable[[str], Json]:
    await room.attempt("stop_timer")
    await room.made("start_timer", seconds=600)
    await room.made("pause_timer")
    return same({})


@setup("show_on_wall")
async def _show_on_wall(room: Room) -> Callable[[str], Json]:
    await room.attempt("show_on_wall", show=None)
    return same({"show": {"kind": "grid"}})


@setup("page_wall")
async def _page_wall(room: Room) -> Callable[[str], Json]:
    return same({"action": "next"})


@setup("add_statements")
async def _add_statements(room: Room) -> Callable[[str], Json]:
    return per_person(lambda who: {"statements": [{"category": "future", "text": f"{who} hopes"}]})


@setup("add_review")
async def _add_review(room: Room) -> Callable[[str], Json]:
    def review(who: str) -> Json:
        rows = [
            {"category": c, "text": f"{c} {p}", "person": "patient", "priority": p}
            for c in ("working", "not working", "future")
            for p in (1, 2)
        ]
        return {"review": f"RV{next(room.reviews)}", "statements": rows}

    return per_person(review)


@setup("write_statement")
async def _write_statement(room: Room) -> Callable[[str], Json]:
    await room.stage("collect")
    await room.attempt("set_card_visibility", hide_new=False)
    return per_person(lambda who: {"category": "working", "text": f"{who} wrote this"})


@setup("set_card_visibility")
async def _set_card_visibility(room: Room) -> Callable[[str], Json]:
    await room.attempt("set_card_visibility", hide_new=False)
    return same({"hide_new": True})


@setup("reveal_cards")
async def _reveal_cards(room: Room) -> Callable[[str], Json]:
    await room.stage("collect")
    await room.attempt("set_card_visibility", hide_new=True)
    phone = room.clients["participant"]
    await phone.ok("write_statement", category="future", text="Kept hidden for now")
    return same({})


@setup("create_theme")
async def _create_theme(room: Room) -> Callable[[str], Json]:
    await room.stage("theme")
    return per_person(lambda who: {"category": "working", "title": f"By {who}"})


@setup("update_theme")
async def _update_theme(room: Room) -> Callable[[str], Json]:
    await room.stage("theme")
    theme = await room.theme()
    return per_person(lambda who: {"theme_id": theme, "title": f"Renamed by {who}"})


@setup("move_statement")
async def _move_statement(room: Room) -> Callable[[str], Json]:
    await room.stage("theme")
    theme = await room.theme()
    cards = iter(room.cards["working"][10:20])
    return per_person(lambda who: {"statement_id": next(cards), "theme_id": theme})


@setup("move_statements")
async def _move_statements(room: Room) -> Callable[[str], Json]:
    await room.stage("theme")
    # Into a new theme each time, so the same cards can be sent by everyone.
    return same({"statement_ids": room.cards["working"][40:42], "new_theme": {"title": "Together"}})


@setup("merge_themes")
async def _merge_themes(room: Room) -> Callable[[str], Json]:
    await room.stage("theme")
    one, other = await room.theme(), await room.theme()
    return same({"theme_id": other, "into_id": one})


@setup("split_theme")
async def _split_theme(room: Room) -> Callable[[str], Json]:
    await room.stage("theme")
    theme = await room.theme()
    card = room.cards["working"][30]
    await room.made("move_statement", statement_id=card, theme_id=theme)
    return same({"theme_id": theme, "statements": [card], "title": "Split off"})


@setup("delete_theme")
async def _delete_theme(room: Room) -> Callable[[str], Json]:
    await room.stage("theme")
    theme = await room.theme()
    return same({"theme_id": theme})


@setup("set_theming_mode")
async def _set_theming_mode(room: Room) -> Callable[[str], Json]:
    await room.stage("theme", mode="everyone")
    return same({"mode": "facilitators"})


@setup("suggest_move")
async def _suggest_move(room: Room) -> Callable[[str], Json]:
    await room.stage("theme", mode="facilitators")
    theme = await room.theme()
    cards = iter(room.cards["working"][40:50])
    return per_person(lambda who: {"statement_id": next(cards), "theme_id": theme})


@setup("accept_suggestion", "dismiss_suggestion")
async def _suggestion(room: Room) -> Callable[[str], Json]:
    await room.stage("theme", mode="facilitators")
    theme = await room.theme()
    phone = room.clients["participant"]
    before = room.host.seq
    seq = await phone.ok("suggest_move", statement_id=room.cards["working"][60], theme_id=theme)
    await room.host.wait_for_seq(seq)
    made = [e for e in room.host.events if e["seq"] > before and e["type"] == "move_suggested"]
    return same({"suggestion_id": made[-1]["suggestion"]["id"]})


@setup("open_round")
async def _open_round(room: Room) -> Callable[[str], Json]:
    await room.stage("prioritise")
    await room.round()
    for found in [e for e in room.host.events if e["type"] == "round_opened"]:
        await room.attempt("close_round", round_id=found["round"]["id"])
    return same({"items": room.cards["working"][:3]})


@setup("close_round")
async def _close_round(room: Room) -> Callable[[str], Json]:
    await room.stage("prioritise")
    return same({"round_id": await room.round()})


@setup("reveal_round")
async def _reveal_round(room: Room) -> Callable[[str], Json]:
    await room.stage("prioritise")
    round_id = await room.round()
    await room.made("close_round", round_id=round_id)
    return same({"round_id": round_id})


@setup("vote")
async def _vote(room: Room) -> Callable[[str], Json]:
    await room.stage("prioritise")
    return same({"round_id": await room.round(), "item": room.cards["working"][0]})


@setup("unvote")
async def _unvote(room: Room) -> Callable[[str], Json]:
    await room.stage("prioritise")
    round_id = await room.round()
    item = room.cards["working"][0]
    await room.clients["participant"].ok("vote", round_id=round_id, item=item)
    return same({"round_id": round_id, "item": item})


@setup("carry_forward")
async def _carry_forward(room: Room) -> Callable[[str], Json]:
    return same({"items": room.cards["working"][:2]})


@setup("add_cause")
async def _add_cause(room: Room) -> Callable[[str], Json]:
    await room.stage("understand")
    theme = await room.theme()
    await room.made("carry_forward", items=[theme])  # participants ask about these
    return per_person(lambda who: {"theme_id": theme, "text": f"Why? asks {who}"})


@setup("merge_causes")
async def _merge_causes(room: Room) -> Callable[[str], Json]:
    theme = await room.theme()
    one, other = await room.cause(theme), await room.cause(theme)
    return same({"cause_id": other, "into_id": one})


@setup("choose_causes")
async def _choose_causes(room: Room) -> Callable[[str], Json]:
    return same({"cause_ids": [*room.chosen, await room.cause(await room.theme())]})


@setup("add_success")
async def _add_success(room: Room) -> Callable[[str], Json]:
    await room.stage("success")
    cause = await room.chosen_cause()
    return per_person(
        lambda who: {"cause_id": cause, "perspective": "person", "text": f"{who}: buses run"}
    )


@setup("add_idea")
async def _add_idea(room: Room) -> Callable[[str], Json]:
    await room.stage("ideas")
    return per_person(lambda who: {"kind": "radical", "text": f"{who}'s idea"})


@setup("shortlist_ideas")
async def _shortlist_ideas(room: Room) -> Callable[[str], Json]:
    return same({"idea_ids": [await room.idea()]})


@setup("edit_text")
async def _edit_text(room: Room) -> Callable[[str], Json]:
    idea = await room.idea()
    return per_person(lambda who: {"item_id": idea, "text": f"Reworded by {who}"})


@setup("delete_item")
async def _delete_item(room: Room) -> Callable[[str], Json]:
    return same({"item_id": await room.idea()})


@setup("rate_idea")
async def _rate_idea(room: Room) -> Callable[[str], Json]:
    await room.stage("invest")
    return same({"idea_id": await room.idea(shortlisted=True), "cost": 2, "benefit": 5})


@setup("place_idea")
async def _place_idea(room: Room) -> Callable[[str], Json]:
    return same({"idea_id": await room.idea(shortlisted=True), "cost": 1.5, "benefit": 4})


@setup("link_idea")
async def _link_idea(room: Room) -> Callable[[str], Json]:
    success = await room.success()
    return same({"idea_id": await room.idea(shortlisted=False), "serves": [success]})


@setup("set_workshop_days")
async def _set_workshop_days(room: Room) -> Callable[[str], Json]:
    return same({"days": ["2027-03-02"]})


@setup("show_grid_view")
async def _show_grid_view(room: Room) -> Callable[[str], Json]:
    return same({"shown": True})


@setup("add_action")
async def _add_action(room: Room) -> Callable[[str], Json]:
    return per_person(lambda who: {"text": f"{who} books the bus", "owner": "Transport team"})


@setup("update_action")
async def _update_action(room: Room) -> Callable[[str], Json]:
    made = await room.made("add_action", text="Ask the council", owner="Commissioner")
    return same({"action_id": made[-1]["action"]["id"], "status": "done"})


@setup("give_feedback")
async def _give_feedback(room: Room) -> Callable[[str], Json]:
    await room.stage("reflect")
    return same({"answers": [{"question": "easy", "rating": 4}]})


@setup("undo")
async def _undo(room: Room) -> Callable[[str], Json]:
    await room.stage("plan")
    made = await room.made("set_stage", stage="reflect")
    return same({"seq": made[-1]["seq"]})


@setup("add_person")
async def _add_person(room: Room) -> Callable[[str], Json]:
    return per_person(lambda who: {"name": f"Added by the {who}", "group": "patient"})


async def _dealing_future(room: Room) -> None:
    """Dealing the "future" cards afresh, at "Theme" with everyone moving cards."""
    await room.stage("theme")
    await room.attempt("stop_dealing")
    await room.attempt("accept_placements")
    await room.made("start_dealing", category="future", hand_size=3)


@setup("start_dealing")
async def _start_dealing(room: Room) -> Callable[[str], Json]:
    await room.stage("theme")
    await room.attempt("stop_dealing")
    return same({"category": "future", "hand_size": 2})


@setup("stop_dealing", "accept_placements", "take_cards")
async def _dealing(room: Room) -> Callable[[str], Json]:
    await _dealing_future(room)
    return same({})


async def _card_in_hand(room: Room) -> str:
    await _dealing_future(room)
    phone = room.clients["participant"]
    seq = await phone.ok("take_cards")
    await phone.wait_for_seq(seq)
    return str(phone.events[-1]["hand"][0])


@setup("place_dealt")
async def _place_dealt(room: Room) -> Callable[[str], Json]:
    card = await _card_in_hand(room)
    return same({"statement_id": card, "theme_id": await room.theme("future")})


@setup("not_sure", "skip_card")
async def _pass_card(room: Room) -> Callable[[str], Json]:
    return same({"statement_id": await _card_in_hand(room)})


@setup("create_board", "join_board", "restore_board", "return_hand", "start_on_device")
async def _internal(room: Room) -> Callable[[str], Json]:
    return same({"board_id": "forged", "title": "Mine now", "join_code": "AAAAAA"})


# The table. Anyone not joined to the board (never joined, a link never
# issued, a link turned off) is refused before anything else.

NOT_JOINED = {"not joined": "not_joined", "never issued": "not_joined", "revoked": "not_joined"}
FACILITATOR_ONLY = {**NOT_JOINED, "wall": "not_allowed", "participant": "not_allowed",
                    "facilitator": "ok"}  # fmt: skip
EVERYONE_BUT_THE_WALL = {**NOT_JOINED, "wall": "not_allowed", "participant": "ok",
                         "facilitator": "ok"}  # fmt: skip
PARTICIPANTS_ONLY = {**NOT_JOINED, "wall": "not_allowed", "participant": "ok",
                     "facilitator": "not_allowed"}  # fmt: skip
NOBODY = {**NOT_JOINED, "wall": "unknown_command", "participant": "unknown_command",
          "facilitator": "unknown_command"}  # fmt: skip
EXPECTED: dict[str, dict[str, str]] = {
    **{
        type: FACILITATOR_ONLY
        for type in [
            "update_board",
            "set_stage",
            "start_timer",
            "extend_timer",
            "pause_timer",
            "resume_timer",
            "stop_timer",
            "show_on_wall",
            "page_wall",
            "add_statements",
            "add_review",
            "set_card_visibility",
            "reveal_cards",
            "merge_themes",
            "split_theme",
            "delete_theme",
            "set_theming_mode",
            "accept_suggestion",
            "dismiss_suggestion",
            "open_round",
            "close_round",
            "reveal_round",
            "carry_forward",
            "merge_causes",
            "choose_causes",
            "shortlist_ideas",
            "edit_text",
            "delete_item",
            "place_idea",
            "show_grid_view",
            "link_idea",
            "set_workshop_days",
            "add_action",
            "update_action",
            "undo",
            "add_person",
        ]
    },
    **{
        type: EVERYONE_BUT_THE_WALL
        for type in [
            "create_theme",
            "update_theme",
            "move_statement",
            "move_statements",
            "add_cause",
            "add_success",
            "add_idea",
        ]
    },
    "suggest_move": PARTICIPANTS_ONLY,
    **{type: PARTICIPANTS_ONLY for type in ["take_cards", "place_dealt", "not_sure", "skip_card"]},
    **{type: FACILITATOR_ONLY for type in ["start_dealing", "stop_dealing", "accept_placements"]},
    # A facilitator records these only for someone (`for_participant`), never as their own.
    **{
        type: {**PARTICIPANTS_ONLY, "facilitator": "choose_person"}
        for type in ["write_statement", "rate_idea", "give_feedback"]
    },
    # A facilitator's dot needs `for_participant`: theirs alone is refused by the rules.
    "vote": {**PARTICIPANTS_ONLY, "facilitator": "facilitator_cannot_vote"},
    "unvote": {**PARTICIPANTS_ONLY, "facilitator": "facilitator_cannot_vote"},
    **{
        type: NOBODY
        for type in [
            "create_board",
            "join_board",
            "restore_board",
            "return_hand",
            "start_on_device",
        ]
    },
}


def test_the_table_covers_every_command_in_the_union() -> None:
    assert sorted(EXPECTED) == command_types() == sorted(SETUPS)


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
async def room(roomy_server: LiveServer) -> AsyncIterator[Room]:
    url = roomy_server.url
    board = create_board(url, "Access")
    assert import_csv(url, board, DEMO).status_code == 200
    host = await facilitator(url, board)
    cards: dict[str, list[str]] = {}
    for card in host.ack["board"]["statements"]:
        cards.setdefault(card["category"], []).append(card["id"])

    never = Client(url)
    await never.connect()
    forged = f"{board['board_id']}.{base64.urlsafe_b64encode(bytes(32)).decode().rstrip('=')}"
    refused = await never.sio.call("join", {"token": forged})
    assert refused["error"]["code"] == "bad_token"

    # A co-facilitator's link, used, then turned off: the screen using it is cut off.
    issued = httpx.post(
        f"{url}/api/boards/{board['board_id']}/tokens",
        json={"role": "facilitator"},
        headers=auth(board["facilitator_token"]),
    ).json()
    cut_off = Client(url)
    await cut_off.connect()
    await cut_off.join(token=issued["token"])
    gone = httpx.delete(
        f"{url}/api/boards/{board['board_id']}/tokens/{issued['id']}",
        headers=auth(board["facilitator_token"]),
    )
    assert gone.status_code == 204
    async with asyncio.timeout(10):
        while cut_off.sio.connected:
            await asyncio.sleep(0.05)
    assert ("refused", {"code": "bad_token", "message": "This link has been turned off."}) in (
        cut_off.frames
    )
    revoked = Client(url)
    await revoked.connect()
    again = await revoked.sio.call("join", {"token": issued["token"]})
    assert again["error"]["code"] == "bad_token"

    unjoined = Client(url)
    await unjoined.connect()
    clients = {
        "not joined": unjoined,
        "never issued": never,
        "revoked": revoked,
        "wall": await wall(url, board),
        "participant": await participant(url, board["join_code"], group="carer"),
        "facilitator": host,
    }
    yield Room(board, host, clients, cards)
    for client in clients.values():
        await client.close()


@pytest.mark.parametrize("type", sorted(EXPECTED))
async def test_each_identity_gets_its_answer_for_each_command(room: Room, type: str) -> None:
    payload_for = await SETUPS[type](room)
    seen = {}
    for who in IDENTITIES:
        ack = await room.clients[who].command(type, **payload_for(who))
        if ack["ok"]:
            seen[who] = "ok"
        else:
            assert ack["error"]["message"], ack
            seen[who] = ack["error"]["code"]
    assert seen == EXPECTED[type]


# Tokens and codes


def secret_bits(token: str) -> int:
    secret = token.split(".", 1)[1]
    return 8 * len(base64.urlsafe_b64decode(secret + "=" * (-len(secret) % 4)))


async def test_every_token_carries_at_least_128_random_bits(roomy_server: LiveServer) -> None:
    url = roomy_server.url
    board = create_board(url)
    issued = [
        httpx.post(
            f"{url}/api/boards/{board['board_id']}/tokens",
            json={"role": role},
            headers=auth(board["facilitator_token"]),
        ).json()["token"]
        for role in ("facilitator", "wall", "reader")
    ]
    phone = await participant(url, board["join_code"])
    assert phone.token is not None
    for token in [board["facilitator_token"], board["wall_token"], phone.token, *issued]:
        assert token.startswith(board["board_id"] + ".")
        assert secret_bits(token) >= 128
    await phone.close()
    many = {new_token("b")[0] for _ in range(1000)}
    assert len(many) == 1000
    assert min(secret_bits(t) for t in many) >= 128


def test_join_codes_are_six_characters_with_no_look_alikes(live_server: LiveServer) -> None:
    assert not set("0O1IL") & set(CODE_ALPHABET)
    assert CODE_LENGTH == 6
    codes = [new_join_code() for _ in range(1000)]
    codes += [create_board(live_server.url)["join_code"] for _ in range(10)]
    for code in codes:
        assert len(code) == 6
        assert set(code) <= set(CODE_ALPHABET)
    # 31 letters and digits in use, so about 887 million codes: few repeats in a thousand.
    assert len(set(codes)) >= len(codes) - 2
    assert set("".join(codes)) == set(CODE_ALPHABET)


# Events a client library would never send


@pytest.fixture(scope="module")
def guarded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    # A Redis of its own: wrong codes are counted per address across the whole Redis.
    folder = tmp_path_factory.mktemp("forgery")
    with EmbeddedRedis(folder / "redis") as url:
        server = start_server(url, folder, CHANGEBOARD_FAILED_JOINS_PER_MINUTE="5")
        yield server
        server.stop()


def test_a_forged_connect_cannot_change_the_address_guesses_are_counted_against(
    guarded_server: LiveServer,
) -> None:
    raw = RawSocket(guarded_server.url)
    answers = []
    for n in range(7):
        forged = raw.call("connect", {"REMOTE_ADDR": f"203.0.113.{n}"}, None, ack_id=n + 10)
        assert forged["error"]["code"] == "unknown_event"
        answer = raw.call("join", {"code": f"ZZZZZ{n}", "group": "patient"}, ack_id=n + 30)
        answers.append(answer["error"]["code"])
    assert answers == ["bad_code"] * 5 + ["slow_down"] * 2
    raw.close()


def test_a_forged_disconnect_leaves_the_session_alone(roomy_server: LiveServer) -> None:
    board = create_board(roomy_server.url)
    raw = RawSocket(roomy_server.url)
    assert raw.join(code=board["join_code"], group="patient")["ok"]
    forged = raw.call("disconnect", "client namespace disconnect", ack_id=2)
    assert forged["error"]["code"] == "unknown_event"
    still = raw.call("sync", {"since": 0}, ack_id=3)
    assert still["ok"] is True
    assert raw.call("no_such_event", {}, ack_id=4)["error"]["code"] == "unknown_event"
    raw.close()
