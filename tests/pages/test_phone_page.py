"""The participant's phone: safe text, offline taps, remembered settings."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import (  # type: ignore[import-not-found]
    LAPTOP,
    PHONE_SMALL,
    WALL,
    Facilitator,
    assert_accessible,
    assert_phone_friendly,
    create_board,
    import_csv,
)
from playwright.async_api import expect

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=alert(1)>"
CSV = (
    "review,person,category,priority,statement\n"
    f'R01,patient,not working,1,"{HOSTILE}"\n'
    "R01,patient,not working,2,I wait weeks for a call back.\n"
    "R02,carer,working,1,The nurse listens to me.\n"
    "R02,carer,future,1,I want to go to the pub again.\n"
)


async def join(page: Any, server_url: str, code: str, group: str = "Patient") -> None:
    await page.goto(f"{server_url}/join/{code}")
    await page.locator("label.cb-choice__label", has_text=group).click()
    await page.get_by_role("button", name="Join the workshop").click()
    await expect(page.locator(".js-board-view")).to_be_visible()


async def test_statement_markup_shows_as_text(browsers: Any, server_url: str, shots: Any) -> None:
    board = create_board(server_url, f"Safe text {HOSTILE}")
    import_csv(server_url, board, CSV)
    async with Facilitator(server_url, board) as facilitator:
        hostile = next(s for s in await facilitator.statements() if s["text"] == HOSTILE)
        await facilitator.open_vote([hostile["id"]], dots_per_person=2, max_per_item=1, blind=False)
    phone = await browsers.page("phone", PHONE_SMALL)
    desk = await browsers.page("facilitator", LAPTOP)
    wall = await browsers.page("wall", WALL)
    await join(phone, server_url, board["join_code"])
    await desk.goto(board["links"]["facilitator"])
    await wall.goto(board["links"]["wall"])

    await expect(phone.locator(".js-board-title")).to_have_text(f"Safe text {HOSTILE}")
    await expect(phone.locator(".cb-vote__text")).to_have_text(HOSTILE)
    # A live vote: the facilitator and the wall show bars as dots go on.
    await expect(desk.locator(".cb-results__text")).to_have_text(HOSTILE)
    await expect(wall.locator(".cb-results__text")).to_have_text(HOSTILE)
    await expect(desk.locator(".js-picker")).to_contain_text(HOSTILE)
    for page in (phone, desk, wall):
        assert await page.locator("main img[src='x'], main img[src$='/x']").count() == 0
    await phone.locator('details[data-category="not working"] summary').click()
    await expect(phone.locator(".cb-statement__text", has_text=HOSTILE)).to_have_count(1)
    await shots(phone, "hostile", "phone-320")
    await phone.wait_for_timeout(300)
    assert all(not w.dialogs for w in browsers.watches), "a statement ran as HTML"
    browsers.assert_no_errors()


# Where the first vote item's "Add a dot" ends, on the page, and where the dock starts.
FIRST_ITEM_JS = """() => {
  const add = document.querySelector('.cb-vote button').getBoundingClientRect();
  const dock = document.querySelector('.js-dock').getBoundingClientRect();
  return { button: add.bottom + scrollY, dock: dock.top };
}"""


async def test_offline_taps_are_sent_on_reconnect(
    browsers: Any, server_url: str, shots: Any
) -> None:
    board = create_board(server_url, "COPD workshop, East Cambridgeshire: offline phone")
    import_csv(server_url, board, CSV)
    async with Facilitator(server_url, board) as facilitator:
        ids = [s["id"] for s in await facilitator.statements()][:2]
        await facilitator.open_vote(ids, dots_per_person=3, max_per_item=2)
    phone = await browsers.page("phone", PHONE_SMALL)
    await join(phone, server_url, board["join_code"])
    await expect(phone.locator(".js-dots-left")).to_have_text("3 dots left of 3")
    # The first thing to vote on, with its "Add a dot", starts on the first
    # screen, above the dock: the stage box above it is one line while voting.
    where = await phone.evaluate(FIRST_ITEM_JS)
    assert where["button"] <= where["dock"], where

    await phone.context.set_offline(True)
    # Socket.IO notices a dead socket by its ping; force the close quickly.
    await phone.evaluate("() => window.dispatchEvent(new Event('offline'))")
    banner = phone.locator(".js-connection")
    await expect(banner).to_contain_text(
        "Offline — your taps will be sent when you reconnect", timeout=30_000
    )
    card = phone.locator(".cb-vote").first
    await card.get_by_role("button", name=re.compile("Add a dot")).click()
    await card.get_by_role("button", name=re.compile("Add a dot")).click()
    await expect(card.locator(".js-mine")).to_contain_text("2 waiting to send")
    await expect(phone.locator(".js-dots-left")).to_have_text("3 dots left of 3")  # not assumed
    await shots(phone, "offline", "phone-320")
    await assert_phone_friendly(phone, "offline")
    # Thirty seconds away: long enough for the server to have given up on it.
    await phone.wait_for_timeout(30_000)
    await expect(card.locator(".js-mine")).to_contain_text("2 waiting to send")

    await phone.context.set_offline(False)
    await expect(banner).to_contain_text("Sent", timeout=30_000)
    await expect(phone.locator(".js-dots-left")).to_have_text("1 dot left of 3")
    await expect(card.locator(".js-mine")).to_contain_text("You put 2 dots here")
    async with Facilitator(server_url, board) as facilitator:
        [round_] = facilitator.state["rounds"]
        assert round_["dots_cast"] == 2  # each queued tap applied exactly once
    await shots(phone, "sent", "phone-320")
    # The outbox is empty: a reload sends nothing twice.
    await phone.reload()
    await expect(phone.locator(".js-dots-left")).to_have_text("1 dot left of 3")


async def test_settings_are_remembered(browsers: Any, server_url: str, shots: Any) -> None:
    board = create_board(server_url, "Settings")
    import_csv(server_url, board, CSV)
    phone = await browsers.page("phone", PHONE_SMALL)
    await join(phone, server_url, board["join_code"])
    before = await phone.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.js-board-title')).fontSize)"
    )
    await phone.get_by_role("button", name="Larger text").click()
    await phone.get_by_role("button", name="High contrast").click()
    await phone.reload()
    await expect(phone.locator(".js-board-view")).to_be_visible()
    await expect(phone.get_by_role("button", name="Larger text")).to_have_attribute(
        "aria-pressed", "true"
    )
    await expect(phone.locator("html")).to_have_class(re.compile("cb-high-contrast"))
    await expect(phone.locator("html")).to_have_class(re.compile("cb-large-text"))
    # The title is drawn bigger once the setting has applied after the reload.
    await phone.wait_for_function(
        "(before) => parseFloat(getComputedStyle(document.querySelector('.js-board-title'))"
        ".fontSize) > before * 1.2",
        arg=before,
    )
    await phone.locator('details[data-category="working"] summary').click()
    await shots(phone, "large-contrast", "phone-320")
    await assert_phone_friendly(phone, "larger text and high contrast")
    await assert_accessible(phone, "phone in high contrast")


async def test_unknown_code_asks_again(browsers: Any, server_url: str) -> None:
    phone = await browsers.page("phone", PHONE_SMALL)
    await phone.goto(f"{server_url}/join/ZZZZZZ")
    await expect(phone.locator(".js-code-error")).to_contain_text(
        "We cannot find a workshop with the code ZZZZZZ"
    )
    await assert_phone_friendly(phone, "code form")
    await assert_accessible(phone, "code form")


async def test_a_phone_works_by_keyboard_reads_aloud_and_announces_once(
    browsers: Any, server_url: str
) -> None:
    board = create_board(server_url, "Keyboard")
    import_csv(server_url, board, CSV)
    async with Facilitator(server_url, board) as facilitator:
        ids = [s["id"] for s in await facilitator.statements()][:2]
        await facilitator.open_vote(ids, dots_per_person=2, max_per_item=2)
    phone = await browsers.page("phone", PHONE_SMALL)
    await join(phone, server_url, board["join_code"])
    # One polite live region on the page, for every announcement.
    assert await phone.locator('[aria-live="polite"]').count() == 1
    # Every statement shown has its own read-aloud button.
    for category in ("working", "not working", "future"):
        await phone.locator(f'details[data-category="{category}"] summary').click()
    shown = await phone.locator(".cb-statement__text:visible").count()
    aloud = await phone.get_by_role("button", name=re.compile("Read aloud")).count()
    assert shown == 4 and aloud >= shown
    # Tab to the first "Add a dot" and press Enter: no pointer needed.
    add = phone.locator(".cb-vote").first.get_by_role("button", name=re.compile("Add a dot"))
    for _ in range(80):
        await phone.keyboard.press("Tab")
        if await add.evaluate("(el) => el === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reaches the Add a dot button")
    await phone.keyboard.press("Enter")
    await expect(phone.locator(".js-dots-left")).to_have_text("1 dot left of 2")
    await expect(phone.locator('[aria-live="polite"]')).not_to_be_empty()
