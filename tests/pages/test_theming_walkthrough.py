"""Issue 3, done when: a facilitator and phones theme the demo's "not working"
statements, run a blind dot vote on the themes, the wall shows the result split
by group, and the room carries the top two forward. Real server, real browsers.
"""

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
    close_tool,
    confirm,
    create_board,
    import_csv,
    open_tool,
)
from playwright.async_api import expect
from test_walkthrough import join, move_stage  # type: ignore[import-not-found]

pytestmark = pytest.mark.browser

THEMES = [
    ("Appointments", "I can't get an appointment when I need one."),
    ("Feeling low", "I feel alone with my breathing."),
    ("Getting out", "I can't get out of the house."),
]


def unthemed_cards(page: Any) -> Any:
    return page.locator(".js-theming .cb-theme--unthemed .js-card")


def column(facilitator: Any, title: str) -> Any:
    return facilitator.locator(
        ".cb-theme-tile", has=facilitator.locator(".cb-theme-tile__title", has_text=title)
    )


async def move_by_tap(phone: Any, card_text: str, theme: str) -> None:
    card = phone.locator(".js-theming .js-card", has_text=card_text)
    await card.get_by_role("button", name="Move to…").click()
    sheet = phone.locator("dialog.js-move-sheet")
    await expect(sheet).to_be_visible()
    await sheet.locator(".cb-sheet__choice", has_text=theme).click()
    await expect(sheet).to_be_hidden()


async def drag(page: Any, source: Any, target: Any) -> None:
    """A real mouse drag (HTML5 drag and drop) between two things in view."""
    start = await source.locator(".cb-tcard__text").bounding_box()
    end = await target.locator(".cb-theme-tile__title").bounding_box()
    assert start and end
    await page.mouse.move(start["x"] + 10, start["y"] + start["height"] / 2)
    await page.mouse.down()
    await page.mouse.move(start["x"] + 30, start["y"] + 30, steps=5)
    await page.mouse.move(end["x"] + 20, end["y"] + end["height"] / 2, steps=10)
    await page.mouse.up()


def vote_card(phone: Any, title: str) -> Any:
    return phone.locator(".cb-vote", has=phone.locator(".cb-vote__title", has_text=title))


async def add_dots(phone: Any, title: str, n: int) -> None:
    for _ in range(n):
        before = await phone.locator(".js-dots-left").get_attribute("data-left")
        await vote_card(phone, title).get_by_role("button", name=re.compile("Add a dot")).click()
        await expect(phone.locator(".js-dots-left")).not_to_have_attribute(
            "data-left", before or ""
        )


async def test_theme_then_blind_vote_on_themes_then_carry_forward(
    browsers: Any, server_url: str, shots: Any
) -> None:
    async with AsyncExitStack() as stack:
        await theming_walkthrough(browsers, server_url, shots, stack)


async def theming_walkthrough(
    browsers: Any, server_url: str, shots: Any, stack: AsyncExitStack
) -> None:
    board = create_board(server_url, "Breathe easy: what to change")
    assert import_csv(server_url, board, DEMO_CSV.read_text())["imported"] == 280
    facilitator = await browsers.page("facilitator", LAPTOP)
    wall = await browsers.page("wall", WALL)
    small = await browsers.page("phone-320", PHONE_SMALL)
    carer = await browsers.page("phone-carer", PHONE)
    nurse = await browsers.page("phone-nurse", PHONE)
    phones = (small, carer, nurse)

    async def snap_all(step: str) -> None:
        await shots(facilitator, step, "facilitator", full_page=True)
        await shots(wall, step, "wall")
        await shots(small, step, "phone-320")
        await shots(carer, step, "phone-carer")
        for phone, name in ((small, "phone-320-top"), (carer, "phone-carer-top")):
            await phone.evaluate("window.scrollTo(0, 0)")
            await shots(phone, step, name)

    async def check_all(step: str) -> None:
        await assert_phone_friendly(small, f"320 phone at {step}")
        await assert_wall_legible(wall, f"wall at {step}")
        for page, label in (
            (facilitator, "facilitator"),
            (wall, "wall"),
            *((p, "phone") for p in phones),
        ):
            await assert_accessible(page, f"{label} at {step}")

    await facilitator.goto(board["links"]["facilitator"])
    await wall.goto(board["links"]["wall"])
    await join(small, board["links"]["join"], "Pat", "Patient")
    await join(carer, board["links"]["join"], "Chris", "Carer")
    await join(nurse, board["links"]["join"], "Nia", "Professional")
    # Three more people on plain sockets, so each group has the three voters
    # it needs to be shown on its own (smaller groups are pooled).
    patient, prof1, prof2 = [
        await stack.enter_async_context(Voter(server_url, board["join_code"], group))
        for group in ("patient", "professional", "professional")
    ]
    await expect(facilitator.locator(".js-people-count")).to_have_text("6 people joined.")
    await expect(facilitator.locator(".js-presence")).to_have_text(
        re.compile(r"Here now: \d+ people")
    )
    await expect(facilitator.locator(".js-open-people")).to_contain_text("People: 6")
    await expect(wall.locator(".js-join-big")).to_be_visible()
    await snap_all("prepare")
    await check_all("prepare")

    # ---- collect: a carer's own card, kept hidden until the facilitator shows it
    await move_stage(facilitator, "Collect")
    await facilitator.get_by_role("button", name="Keep new cards hidden until I show them").click()
    await expect(
        facilitator.get_by_role("button", name="Keep new cards hidden until I show them")
    ).to_have_attribute("aria-pressed", "true")
    own = "The out-of-hours number never answers at night."
    await expect(carer.locator(".js-collect")).to_be_visible()
    await carer.locator("label", has_text="Something that is not working").click()
    await carer.get_by_label("Your statement", exact=True).fill(own)
    await expect(carer.locator(".js-statement-count")).to_have_text(
        f"You have {600 - len(own)} characters remaining"
    )
    await carer.get_by_role("button", name="Add my statement").click()
    await expect(carer.locator(".js-yours-list")).to_contain_text(own)
    await expect(carer.locator(".js-yours-list .cb-tag")).to_have_text("Yours")
    await expect(facilitator.locator(".js-reveal-cards")).to_have_text("Show hidden cards (1)")
    await expect(facilitator.locator(".cb-statement-columns")).to_contain_text(own)
    await expect(small.locator(".js-categories")).not_to_contain_text(own)
    await shots(carer, "collect", "phone-carer-whole", full_page=True)
    await snap_all("collect")
    await check_all("collect")
    # An over-long statement is refused on the phone with the count in words.
    await small.get_by_label("Your statement", exact=True).fill("x" * 603)
    await expect(small.locator(".js-statement-count")).to_have_text(
        "You have 3 characters too many"
    )
    await small.get_by_label("Your statement", exact=True).fill("")
    await facilitator.get_by_role("button", name="Show hidden cards (1)").click()
    await small.locator("details[data-category='not working'] summary").click()
    await expect(small.locator(".js-categories")).to_contain_text(own)

    # ---- theme: three themes made on the console
    await move_stage(facilitator, "Theme")
    workspace = facilitator.locator(".js-workspace")
    await expect(
        workspace.get_by_role("button", name=re.compile("What is not working"))
    ).to_have_attribute("aria-pressed", "true")
    for title, i_statement in THEMES:
        await workspace.get_by_role("button", name="+ New theme").click()
        await workspace.get_by_label("Theme title").fill(title)
        await workspace.get_by_label("I statement (optional)").fill(i_statement)
        await workspace.get_by_role("button", name="Make the theme").click()
        await expect(column(facilitator, title)).to_be_visible()
    await expect(small.locator(".js-theming-category")).to_have_text("What is not working")
    await expect(small.locator(".js-theming .cb-theme__title")).to_contain_text(
        [t for t, _ in THEMES] + ["Not in a theme yet"]
    )
    await expect(small.locator(".js-theming")).to_contain_text(THEMES[0][1])

    # Phones move cards by tap: "Move to…", then a theme.
    texts = await unthemed_cards(small).locator(".cb-card__text").all_inner_texts()
    a, b, c, d = texts[:4]
    # While a phone holds a card, the others see it being moved.
    await unthemed_cards(nurse).filter(has_text=a).get_by_role("button", name="Move to…").click()
    await expect(nurse.locator("dialog.js-move-sheet")).to_be_visible()
    await expect(unthemed_cards(small).filter(has_text=a).locator(".js-moving")).to_have_text(
        "Being moved…"
    )
    await expect(facilitator.locator(".js-card", has_text=a).locator(".js-moving")).to_be_visible()
    await expect(wall.locator(".cb-wall__unthemed").first).to_be_visible()
    await shots(nurse, "theme-sheet", "phone-nurse")
    await shots(small, "theme-being-moved", "phone-320")
    await assert_accessible(nurse, "phone with the Move to sheet open")
    await nurse.locator("dialog.js-move-sheet .cb-sheet__choice", has_text="Appointments").click()
    await expect(unthemed_cards(small).filter(has_text=a)).to_have_count(0)
    await move_by_tap(small, b, "Appointments")
    await move_by_tap(carer, c, "Feeling low")
    await expect(column(facilitator, "Appointments")).to_contain_text("(2 cards)")
    await expect(column(facilitator, "Feeling low")).to_contain_text("(1 card)")
    await expect(small.locator(".cb-theme[data-theme]", has_text="Appointments")).to_contain_text(
        "Show its 2 cards"
    )

    # The facilitator drags one card into a theme.
    unthemed = facilitator.locator(".cb-tray .js-card", has_text=d)
    target = column(facilitator, "Getting out")
    await drag(facilitator, unthemed, target)
    await expect(target).to_contain_text("(1 card)")
    await expect(small.locator(".cb-theme[data-theme]", has_text="Getting out")).to_contain_text(
        "Show its 1 card"
    )
    # No drag needed: choose the card, then "Move here" on the theme.
    e = texts[4]
    await facilitator.locator(".cb-tray .js-card", has_text=e).click()
    await (
        column(facilitator, "Getting out")
        .get_by_role("button", name=re.compile("^Move 1 here"))
        .click()
    )
    await expect(column(facilitator, "Getting out")).to_contain_text("(2 cards)")

    # The wall shows themes as clusters with their counts and I statements.
    cluster = wall.locator(".cb-wall__theme", has_text="Appointments")
    await expect(cluster).to_contain_text("2 cards")
    await expect(cluster).to_contain_text(THEMES[0][1])
    unthemed_on_wall = wall.locator(".cb-category--not-working .cb-wall__unthemed")
    await expect(unthemed_on_wall).to_contain_text("Not yet themed: 91")
    await expect(unthemed_on_wall.locator(".js-moving")).to_be_hidden()
    await snap_all("theme")
    await check_all("theme")

    # Only facilitators move; a phone suggests and the console accepts.
    await workspace.get_by_label("Cards are moved by").select_option("facilitators")
    await expect(small.locator(".js-theming .js-move").first).to_have_text("Suggest a move")
    f = texts[5]
    card_f = unthemed_cards(small).filter(has_text=f)
    await card_f.get_by_role("button", name="Suggest a move").click()
    sheet = small.locator("dialog.js-move-sheet")
    await expect(sheet.locator("h2")).to_have_text("Suggest moving to…")
    await sheet.locator(".cb-sheet__choice", has_text="Feeling low").click()
    await expect(small.locator("#status")).to_contain_text("Suggestion sent")
    await workspace.get_by_role("button", name="Suggested moves (1)").click()
    suggestion = facilitator.locator(".js-suggestion")
    await expect(suggestion).to_contain_text("Feeling low")
    await shots(facilitator, "theme-suggestion", "facilitator")
    await suggestion.get_by_role("button", name="Accept").click()
    await expect(column(facilitator, "Feeling low")).to_contain_text("(2 cards)")
    await expect(facilitator.locator(".js-suggestion")).to_have_count(0)
    await facilitator.keyboard.press("Escape")
    await workspace.get_by_label("Cards are moved by").select_option("everyone")

    # ---- prioritise: a blind dot vote on the three themes
    await move_stage(facilitator, "Prioritise")
    await expect(facilitator.locator("#vote-on-themes")).to_be_checked()
    for title, _ in THEMES:
        await facilitator.locator(".js-theme-picker label", has_text=title).click()
    await expect(facilitator.locator(".js-chosen-count")).to_have_text("3 themes chosen.")
    await facilitator.get_by_label("Dots per person").fill("3")
    await facilitator.get_by_label("Most dots on one item").fill("2")
    await facilitator.locator("label", has_text="Remind people to use all their dots").click()
    await facilitator.get_by_role("button", name="Open the vote").click()
    await expect(facilitator.locator(".js-round-state")).to_have_text("Open. Votes are secret.")
    for phone in phones:
        await expect(phone.locator(".cb-vote")).to_have_count(3)
    await expect(vote_card(small, "Appointments")).to_contain_text(THEMES[0][1])
    await expect(wall.locator(".js-voted")).to_have_text("0 of 6 have voted")

    # A shared timer: a guide only, never cutting anyone off.
    timer = await open_tool(facilitator, "timer")
    await timer.get_by_label("Minutes").fill("5")
    await timer.get_by_label("What it is for (optional)").fill("Voting")
    await expect(timer.get_by_label("Stop voting when time is up")).not_to_be_checked()
    await timer.get_by_role("button", name="Start the timer").click()
    await expect(small.locator(".js-timer")).to_contain_text(
        re.compile(r"Voting: (5|4) minutes left")
    )
    await expect(wall.locator(".js-timer")).to_contain_text("minutes left")
    await timer.get_by_role("button", name="+1 min").click()
    await expect(small.locator(".js-timer")).to_contain_text(re.compile(r"(6|5) minutes left"))
    await close_tool(facilitator, "timer")
    await expect(facilitator.locator(".js-timer-chip")).to_contain_text("minutes left")

    # A dot recorded for someone without a phone counts towards their budget.
    proxy = facilitator.locator(".cb-proxy")
    await proxy.locator("summary").click()
    await proxy.get_by_label("Person").select_option(label="Pat (Patient)")
    await proxy.get_by_label("Their dot goes on").select_option(
        label=f"Getting out: {THEMES[2][1]}"
    )
    await proxy.get_by_role("button", name="Add their dot").click()
    await expect(proxy.locator(".js-proxy-done")).to_have_text("Dot recorded for Pat (Patient).")
    await expect(small.locator(".js-dots-left")).to_have_text("2 dots left of 3")
    await proxy.get_by_role("button", name="Take one of their dots back").click()
    await expect(proxy.locator(".js-proxy-done")).to_have_text(
        "One dot taken back for Pat (Patient)."
    )
    await expect(small.locator(".js-dots-left")).to_have_text("3 dots left of 3")

    # Votes: Appointments 4 and Feeling low 4 (a tie for 1st), Getting out 3.
    await add_dots(small, "Appointments", 2)
    await add_dots(small, "Feeling low", 1)
    await add_dots(carer, "Appointments", 1)
    await add_dots(carer, "Getting out", 1)
    await expect(carer.locator(".js-remind")).to_have_text("You still have 1 dot to use.")
    await add_dots(nurse, "Feeling low", 2)
    await add_dots(nurse, "Getting out", 1)
    # The refusal's own words appear by the control: Pat has no dots left.
    await proxy.get_by_role("button", name="Add their dot").click()
    await expect(proxy.locator(".js-proxy-error")).to_contain_text("dots are used")
    async with Facilitator(server_url, board) as helper:
        round_id = helper.state["rounds"][-1]["id"]
        ids = {t["title"]: t["id"] for t in helper.state["themes"]}
    await patient.vote(round_id, ids["Appointments"])
    await prof1.vote(round_id, ids["Feeling low"])
    await prof2.vote(round_id, ids["Getting out"])

    # Blind: the wall counts voters and shows no counts per theme.
    await expect(wall.locator(".js-voted")).to_have_text("6 of 6 have voted")
    await expect(wall.locator(".cb-results__row")).to_have_count(0)
    await expect(facilitator.locator(".cb-results__row")).to_have_count(0)
    for phone in phones:
        await expect(phone.locator(".cb-vote__total:visible")).to_have_count(0)
    await snap_all("voted")
    await check_all("blind vote")

    timer = await open_tool(facilitator, "timer")
    await timer.get_by_role("button", name="Pause").click()
    await expect(small.locator(".js-timer")).to_contain_text("Paused")
    await timer.get_by_role("button", name="Stop the timer").click()
    await expect(small.locator(".js-timer")).to_be_hidden()
    await close_tool(facilitator, "timer")

    # ---- close, reveal: bars split by group, ties shown as ties
    await facilitator.get_by_role("button", name="Close the vote").click()
    await confirm(facilitator, "Yes, close the vote")
    await expect(facilitator.locator(".js-round-state")).to_have_text(
        "Closed. Results not shown yet."
    )
    await facilitator.get_by_role("button", name="Show the results").click()
    rows = wall.locator(".cb-results__row")
    await expect(rows).to_have_count(3)
    await expect(rows.locator(".cb-results__text")).to_have_text(
        ["Appointments", "Feeling low", "Getting out"]
    )
    await expect(rows.locator(".js-place")).to_have_text(["Tied 1st", "Tied 1st", "3rd"])
    await expect(rows.locator(".js-total")).to_have_text([
        "4 dots: Patients and carers 4",
        "4 dots: Patients and carers 1, Professionals 3",
        "3 dots: Patients and carers 1, Professionals 2",
    ])  # fmt: skip
    await expect(wall.locator(".cb-legend")).to_contain_text("Professionals")
    await expect(rows.first.locator(".cb-bar__segment")).to_have_count(1)
    await expect(rows.nth(1).locator(".cb-bar__segment")).to_have_count(2)
    await wall.wait_for_timeout(1200)  # let the bars grow for the picture
    await snap_all("revealed")
    await check_all("revealed")

    # ---- carry forward the top two
    carry = facilitator.locator(".js-carry")
    await carry.get_by_label("How many to take forward").fill("2")
    await carry.get_by_label("How many to take forward").dispatch_event("change")
    await expect(carry.locator("input[type=checkbox]:checked")).to_have_count(2)
    await expect(carry.locator(".js-carry-tie")).to_have_count(0)
    await carry.get_by_role("button", name="Carry forward the ticked items").click()
    await expect(carry.locator(".js-carried li")).to_have_text(["Appointments", "Feeling low"])
    for phone in phones:
        await expect(phone.locator(".js-carried-list .cb-carried__title")).to_have_text(
            ["Appointments", "Feeling low"]
        )
    # Three taken forward would split the tie-free cut; two ties at 1st never flag.
    await carry.get_by_label("How many to take forward").fill("1")
    await carry.get_by_label("How many to take forward").dispatch_event("change")
    await expect(carry.locator(".js-carry-tie")).to_contain_text("2 items are tied")
    await move_stage(facilitator, "Understand")
    # The second day takes over: each theme taken forward, ready for "why?".
    await expect(wall.locator(".cb-w2-why")).to_have_count(2)
    for phone in phones:
        await expect(phone.locator(".cb-d2-theme .cb-kicker")).to_have_text(
            ["Appointments", "Feeling low"]
        )
    await snap_all("carried")
    await check_all("carried")
    browsers.assert_no_errors()
