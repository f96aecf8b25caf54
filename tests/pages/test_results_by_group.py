"""Results by group on every screen: small groups combined, and the screen says why.

A revealed vote is split by group so the room sees what patients and carers
chose next to what others chose; a group of fewer than 3 voters is never
shown on its own (board/tally.py). Here the console, the wall (1920×1080) and
a 320 px phone each show a revealed vote: with small groups they show only
"Patients and carers" and "Smaller groups together" and say, in plain words,
why groups are combined; with every group of 3 voters or more they show each
group and say nothing about combining. Neither what any of the three screens
shows nor any frame it received splits a tally into a group under 3 voters.
"""

from __future__ import annotations

import json
import re
from contextlib import AsyncExitStack
from typing import Any

import pytest
from conftest import (  # type: ignore[import-not-found]
    DEMO_CSV,
    LAPTOP,
    PHONE_SMALL,
    WALL,
    Facilitator,
    Voter,
    assert_phone_friendly,
    assert_wall_legible,
    create_board,
    import_csv,
)
from playwright.async_api import expect
from test_wall_real_size import walk_the_pages  # type: ignore[import-not-found]

from board.tally import POOLED
from tests.server.test_secrecy import VOTERS, Moment, allowed_buckets, frame_leaks

pytestmark = pytest.mark.browser

WHY = (
    "Groups with fewer than 3 voters are counted together as “Smaller groups together”, "
    "so that nobody’s own dots can be picked out."
)
LABELS = {
    "patients and carers": "Patients and carers",
    "professionals": "Professionals",
    "commissioners": "Commissioners",
    "third sector": "Third sector",
    "other": "Other",
    POOLED: "Smaller groups together",
}
# test_secrecy's voters (a professional, a commissioner and someone from the
# third sector each alone in their group), and a room whose groups are all big enough.
ROOMS = {
    "small groups": VOTERS,
    "every group 3 or more": ["patient", "patient", "carer", *["professional"] * 3],
}
ITEMS = 20  # the wall pages its results


class Frames:
    """What one page received over its socket, as (event or "ack", data), for frame_leaks."""

    def __init__(self, page: Any) -> None:
        self.frames: list[tuple[str, Any]] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self.received))

    def received(self, payload: str | bytes) -> None:
        text = payload.decode() if isinstance(payload, bytes) else payload
        # Engine.IO "4" (a message) holding a Socket.IO event "2" or ack "3".
        found = re.fullmatch(r"4([23])(?:/[^,]*,)?\d*(.*)", text, re.DOTALL)
        if not found:
            return
        data = json.loads(found[2])
        if found[1] == "2":
            self.frames.append((data[0], data[1] if len(data) > 1 else None))
        else:
            self.frames.append(("ack", data[0] if data else None))


async def shown_groups(page: Any) -> set[str]:
    """Every group a screen's results name, in the key or beside a total."""
    results = page.locator(".js-results-list").first
    keys = await results.locator("xpath=..").locator(".cb-legend__item").all_inner_texts()
    totals = await results.locator(".js-total").all_inner_texts()
    named = {text.strip() for text in keys}
    for total in totals:
        _, _, parts = total.partition(": ")
        named |= {part.rsplit(" ", 1)[0] for part in parts.split(", ") if part}
    return named


@pytest.mark.parametrize("room", list(ROOMS))
async def test_every_screen_combines_small_groups_and_says_why(
    browsers: Any, server_url: str, shots: Any, room: str
) -> None:
    voters = ROOMS[room]
    allowed = allowed_buckets(voters)
    labels = {LABELS[bucket] for bucket in allowed}
    pooled = POOLED in allowed
    assert pooled == (room == "small groups")
    board = create_board(server_url, f"Results by group: {room}")
    import_csv(server_url, board, DEMO_CSV.read_text())
    console = await browsers.page("console", LAPTOP)
    wall = await browsers.page("wall", WALL)
    phone = await browsers.page("phone-320", PHONE_SMALL)
    screens = {"facilitator": console, "wall": wall, "participant (phone)": phone}
    frames = {role: Frames(page) for role, page in screens.items()}

    async with AsyncExitStack() as stack:
        host = await stack.enter_async_context(Facilitator(server_url, board))
        items = [s["id"] for s in await host.statements() if s["category"] == "not working"]
        items = items[:ITEMS]
        round_id = await host.open_vote(items, dots_per_person=3, max_per_item=2, blind=True)
        await console.goto(board["links"]["facilitator"])
        await wall.goto(board["links"]["wall"] + "&page_seconds=1")
        # The phone is the first voter; the others vote without a browser.
        await phone.goto(board["links"]["join"])
        await phone.locator("label.cb-choice__label", has_text="Patient").first.click()
        await phone.get_by_role("button", name="Join the workshop").click()
        await phone.locator(".cb-vote").nth(0).get_by_role("button", name="Add a dot").click()
        await expect(phone.locator(".js-dots-left")).to_have_text("2 dots left of 3")
        for n, group in enumerate(voters[1:], start=1):
            voter = await stack.enter_async_context(Voter(server_url, board["join_code"], group))
            await voter.vote(round_id, items[n % ITEMS])
            await voter.vote(round_id, items[(n * 7) % ITEMS])
        people = len(voters)
        await expect(wall.locator(".js-voted")).to_have_text(f"{people} of {people} have voted")
        await host.command(type="close_round", round_id=round_id)
        await expect(console.locator(".js-round-state")).to_have_text(
            "Closed. Results not shown yet."
        )
        closed = Moment("closed, not revealed", set(), {round_id}, allowed)
        seen: dict[str, int] = {}
        assert not frame_leaks(frames, seen, closed)  # type: ignore[arg-type]

        await host.command(type="reveal_round", round_id=round_id)
        for page in screens.values():
            await expect(page.locator(".js-results-list .cb-results__row")).to_have_count(ITEMS)

        for role, page in screens.items():
            why = page.locator(".js-pooled-why")
            if pooled:
                await expect(why, f"{role} says why").to_have_text(WHY)
                await expect(why).to_be_visible()
            else:
                await expect(why, f"{role} says nothing of combining").to_have_count(0)
            named = await shown_groups(page)
            assert named == labels, f"{role} shows {named}, not {labels}"
        for role, seen_by in frames.items():  # the frames read are the ones with the split
            assert '"by_group"' in json.dumps(seen_by.frames), f"{role}: no split received"
        revealed = Moment("revealed", {round_id}, {round_id}, allowed)
        found = frame_leaks(frames, seen, revealed)  # type: ignore[arg-type]
        assert not found, found[:5]

        await shots(console, "revealed", "console")
        await phone.evaluate("() => document.querySelector('.js-round-results').scrollIntoView()")
        await shots(phone, "revealed", "phone-320")
        await assert_phone_friendly(phone, f"results on a phone, {room}")
        await assert_wall_legible(wall, f"the wall's results, {room}")
        # Every page of the wall's results: every word at least 28 px, nothing cut off.
        label = "results-" + room.replace(" ", "-")
        assert await walk_the_pages(wall, "1920x1080", label, set(items)) > 1
    browsers.assert_no_errors()
