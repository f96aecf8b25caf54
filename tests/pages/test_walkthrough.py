"""A whole workshop round in real browsers: facilitator, wall and two phones."""

from __future__ import annotations

import re
from contextlib import AsyncExitStack
from typing import Any

import pytest
from conftest import (  # type: ignore[import-not-found]
    DEMO_CSV,
    LAPTOP,
    PHONE,
    PHONE_SMALL,
    WALL,
    Facilitator,
    Voter,
    assert_accessible,
    assert_phone_friendly,
    assert_wall_legible,
    confirm,
    create_board,
)
from playwright.async_api import expect

pytestmark = pytest.mark.browser


async def join(page: Any, link: str, name: str, group_label: str) -> None:
    await page.goto(link)
    await page.get_by_label("Your first name (optional)").fill(name)
    await page.locator("label.cb-choice__label", has_text=group_label).click()
    await page.get_by_role("button", name="Join the workshop").click()
    await expect(page.locator(".js-board-view")).to_be_visible()


async def move_stage(facilitator: Any, to: str) -> None:
    await facilitator.get_by_role("button", name=re.compile(f"Move on to {to}")).click()
    await facilitator.get_by_role("button", name=f"Yes, move on to {to}").click()
    await expect(facilitator.locator(".js-stage-title")).to_have_text(to)


def vote_card(phone: Any, text: str) -> Any:
    return phone.locator(".cb-vote", has_text=text)


async def test_blind_vote_walkthrough(browsers: Any, server_url: str, shots: Any) -> None:
    async with AsyncExitStack() as stack:
        await walkthrough(browsers, server_url, shots, stack)


async def walkthrough(browsers: Any, server_url: str, shots: Any, stack: AsyncExitStack) -> None:
    board = create_board(server_url, "COPD workshop walk-through")
    facilitator = await browsers.page("facilitator", LAPTOP)
    wall = await browsers.page("wall", WALL)
    small = await browsers.page("phone-320", PHONE_SMALL)
    phone = await browsers.page("phone", PHONE)

    async def snap_all(step: str) -> None:
        await shots(facilitator, step, "facilitator")
        await shots(wall, step, "wall")
        await shots(small, step, "phone-320")
        await shots(phone, step, "phone")

    await facilitator.goto(board["links"]["facilitator"])
    await expect(facilitator.locator(".js-join-code")).to_have_text(board["join_code"])
    await wall.goto(board["links"]["wall"])
    await expect(wall.locator(".js-join-code")).to_have_text(board["join_code"])
    await expect(wall.locator(".js-join-big")).to_be_visible()
    await assert_wall_legible(wall, "wall before import")

    # Import: a dry run first, then the real thing.
    await facilitator.set_input_files(".cb-stage-view .js-import-file", str(DEMO_CSV))
    await expect(facilitator.locator(".js-preview-summary")).to_contain_text(
        "280 statements can be imported"
    )
    await expect(facilitator.locator(".js-statements-empty")).to_be_visible()  # nothing saved yet
    await shots(facilitator, "import-preview", "facilitator", full_page=True)
    await facilitator.get_by_role("button", name="Import 280 statements").click()
    await expect(facilitator.locator(".js-import-result")).to_have_text("280 imported, 0 refused.")
    await expect(wall.locator(".cb-category--not-working .cb-wall__count")).to_have_text("95")

    # Phones join by the code's link.
    await small.goto(f"{server_url}/join/{board['join_code']}")
    await expect(small.locator(".js-join-title")).to_have_text("COPD workshop walk-through")
    await assert_phone_friendly(small, "join form")
    await assert_accessible(small, "phone join form")
    await shots(small, "join-form", "phone-320", full_page=True)
    await join(small, board["links"]["join"], "Pat", "Patient")
    await join(phone, board["links"]["join"], "Sam", "Professional")
    await expect(facilitator.locator(".js-people-count")).to_have_text("2 people joined.")
    await expect(facilitator.locator(".js-people-list")).to_contain_text("Pat")
    # Four more people without browsers, so each group has enough voters to
    # be shown apart (the server pools groups of fewer than three).
    others = [
        await stack.enter_async_context(Voter(server_url, board["join_code"], group))
        for group in ("patient", "carer", "professional", "professional")
    ]
    await expect(facilitator.locator(".js-people-count")).to_have_text("6 people joined.")
    await expect(small.locator(".js-stage-title")).to_have_text("Get ready")
    await snap_all("joined")

    # Move to Prioritise, one confirmed step at a time.
    for stage in ("Collect", "Theme", "Prioritise"):
        await move_stage(facilitator, stage)
    await expect(small.locator(".js-stage-title")).to_have_text("Prioritise")
    await expect(wall.locator(".js-stage-title")).to_have_text("Prioritise")

    # Open a blind vote on three "not working" statements.
    not_working = facilitator.locator('details[data-category="not working"]')
    await not_working.locator("summary").click()
    labels = not_working.locator(".cb-choice__label")
    chosen = [(await labels.nth(i).locator(".cb-picker__text").inner_text()) for i in range(3)]
    for i in range(3):
        await labels.nth(i).click()
    await expect(facilitator.locator(".js-chosen-count")).to_have_text("3 statements chosen.")
    await facilitator.get_by_label("Dots per person").fill("3")
    await facilitator.get_by_label("Most dots on one item").fill("2")
    await facilitator.get_by_role("button", name="Open the vote").click()
    await expect(facilitator.locator(".js-round-state")).to_have_text("Open. Votes are secret.")

    await expect(small.locator(".js-dots-left")).to_have_text("3 dots left of 3")
    await expect(small.locator(".cb-vote")).to_have_count(3)
    await expect(small.locator(".js-round-notes")).to_contain_text("Votes are secret")
    await expect(wall.locator(".js-voted")).to_have_text("0 of 6 have voted")
    await assert_phone_friendly(small, "open vote")
    await assert_accessible(small, "phone with an open vote")
    await snap_all("vote-open")

    # Spend dots, and take one back.
    first, second, third = (vote_card(small, t) for t in chosen)
    await first.get_by_role("button", name=re.compile("Add a dot")).click()
    await expect(first.locator(".js-mine")).to_contain_text("You put 1 dot here")
    await first.get_by_role("button", name=re.compile("Add a dot")).click()
    await expect(first.locator(".js-mine")).to_contain_text("You put 2 dots here")
    await second.get_by_role("button", name=re.compile("Add a dot")).click()
    await expect(small.locator(".js-dots-left")).to_have_text("0 dots left of 3")
    await first.get_by_role("button", name=re.compile("Take back")).click()
    await expect(first.locator(".js-mine")).to_contain_text("You put 1 dot here")
    await expect(small.locator(".js-dots-left")).to_have_text("1 dot left of 3")
    await vote_card(phone, chosen[2]).get_by_role("button", name=re.compile("Add a dot")).click()
    await expect(vote_card(phone, chosen[2]).locator(".js-mine")).to_contain_text(
        "You put 1 dot here"
    )
    assert third is not None
    async with Facilitator(server_url, board) as helper:
        round_id = helper.state["rounds"][-1]["id"]
        ids = {s["text"]: s["id"] for s in helper.state["statements"]}
    a, b, c = (ids[t] for t in chosen)
    patient, carer, prof1, prof2 = others
    await patient.vote(round_id, a)
    await carer.vote(round_id, a)
    await prof1.vote(round_id, c)
    await prof2.vote(round_id, b)

    # The wall counts voters but shows no tallies while the vote is blind.
    await expect(wall.locator(".js-voted")).to_have_text("6 of 6 have voted")
    await expect(wall.locator(".cb-results__row")).to_have_count(0)
    await assert_wall_legible(wall, "wall during a blind vote")
    await expect(small.locator(".cb-vote__total:visible")).to_have_count(0)
    await expect(facilitator.locator(".js-round-progress")).to_contain_text("6 of 6")
    await expect(facilitator.locator(".cb-results__row")).to_have_count(0)
    await snap_all("voted")

    # A reload comes back as the same person with the same dots.
    await small.reload()
    await expect(small.locator(".js-you")).to_have_text("You joined as Pat, patient.")
    await expect(small.locator(".js-dots-left")).to_have_text("1 dot left of 3")
    await expect(vote_card(small, chosen[0]).locator(".js-mine")).to_contain_text(
        "You put 1 dot here"
    )
    await expect(vote_card(small, chosen[1]).locator(".js-mine")).to_contain_text(
        "You put 1 dot here"
    )
    await expect(facilitator.locator(".js-people-count")).to_have_text("6 people joined.")

    # Close, then reveal: now everyone sees the tallies, split by group.
    await facilitator.get_by_role("button", name="Close the vote").click()
    await confirm(facilitator, "Yes, close the vote")
    await expect(facilitator.locator(".js-round-state")).to_have_text(
        "Closed. Results not shown yet."
    )
    await expect(small.locator(".js-round-notes")).to_contain_text("Voting has closed")
    await expect(wall.locator(".cb-results__row")).to_have_count(0)
    await facilitator.get_by_role("button", name="Show the results").click()
    await expect(wall.locator(".cb-results__row")).to_have_count(3)
    rows = wall.locator(".cb-results__row")
    totals = rows.locator(".js-total")
    await expect(totals).to_have_text([
        "3 dots: Patients and carers 3",
        "2 dots: Patients and carers 1, Professionals 1",
        "2 dots: Professionals 2",
    ])  # fmt: skip
    await expect(rows.locator(".cb-results__text")).to_have_text(chosen)
    await expect(wall.locator(".cb-legend")).to_contain_text("Patients and carers")
    await expect(facilitator.locator(".cb-results__row")).to_have_count(3)
    await expect(small.locator(".cb-results__row")).to_have_count(3)
    await wall.wait_for_timeout(1200)  # let the bars grow for the picture
    await snap_all("revealed")
    await shots(small, "revealed", "phone-320-whole", full_page=True)
    await assert_wall_legible(wall, "wall with results")

    await assert_phone_friendly(small, "results")
    for page, label in (
        (facilitator, "facilitator"),
        (wall, "wall"),
        (small, "phone 320"),
        (phone, "phone"),
    ):
        await assert_accessible(page, label)
    browsers.assert_no_errors()
