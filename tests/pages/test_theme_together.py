"""Theming together in the browser: a small phone places its dealt cards by tap and by
keyboard; the console follows the room and reviews; the wall shows how far it has got."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path
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

ROOT = Path(__file__).resolve().parents[2]
DEMO = (ROOT / "server" / "demo" / "copd-reviews.csv").read_text()
THEMES = ROOT / "tests" / "data" / "copd-not-working-themes.csv"


def real_themes() -> list[tuple[str, str]]:
    """The 12 "not working" themes of the COPD workshop, with their I statements."""
    with THEMES.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    return list(dict.fromkeys((row["theme"], row["i_statement"]) for row in rows))


async def where_is(facilitator: Facilitator, card: str) -> str | None:
    found = next(s for s in await facilitator.statements() if s["id"] == card)
    theme: str | None = found["theme_id"]
    return theme


async def shown_card(phone: Any) -> tuple[str, str]:
    card = phone.locator(".js-dealt-card")
    await expect(card).to_be_visible()
    return str(await card.get_attribute("data-id")), await phone.locator(
        ".js-dealt-text"
    ).inner_text()


async def next_card_after(phone: Any, card: str) -> str:
    await expect(phone.locator(".js-dealt-card")).not_to_have_attribute("data-id", card)
    new, _ = await shown_card(phone)
    # Focus follows the work: the new card's words, ready to be read and acted on.
    assert await phone.locator(".js-dealt-text").evaluate("(el) => el === document.activeElement")
    return new


async def tab_to(phone: Any, selector: str, nth: int = 0) -> None:
    target = phone.locator(selector).nth(nth)
    for _ in range(60):
        await phone.keyboard.press("Tab")
        if await target.evaluate("(el) => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reaches {selector} #{nth}")


async def test_a_small_phone_places_its_hand_by_tap_and_by_keyboard(
    browsers: Any, server_url: str, shots: Any
) -> None:
    board = create_board(server_url, "Theme together")
    import_csv(server_url, board, DEMO)
    async with Facilitator(server_url, board) as facilitator:
        await facilitator.command(type="set_stage", stage="collect")
        await facilitator.command(type="set_stage", stage="theme")
        for title, i_statement in real_themes():
            await facilitator.command(
                type="create_theme", category="not working", title=title, i_statement=i_statement
            )
        joined = await facilitator.sio.call("join", {"token": board["facilitator_token"]})
        themes = [t["id"] for t in joined["board"]["themes"]]
        assert len(themes) == 12
        await facilitator.command(
            type="start_dealing", category="not working", hand_size=3, timeout_seconds=300
        )
        phone = await browsers.page("phone", PHONE_SMALL)
        await phone.goto(f"{server_url}/join/{board['join_code']}")
        await phone.locator("label.cb-choice__label", has_text="Patient").click()
        await phone.get_by_role("button", name="Join the workshop").click()

        # Dealt three cards: one shows, large, with the twelve themes under it.
        first, text = await shown_card(phone)
        await expect(phone.locator(".js-dealt-count")).to_have_text("Card 1 of 3 in your hand")
        await expect(phone.locator(".js-dealt-theme")).to_have_count(12)
        await expect(phone.locator(".js-dealt-progress")).to_have_text("0 of 95 cards in a theme")
        assert text
        await shots(phone, "dealt", "phone")
        await shots(phone, "dealt-whole", "phone", full_page=True)
        await assert_phone_friendly(phone, "the dealt card")
        await assert_accessible(phone, "the dealt card")
        # Larger text and high contrast on a 360x740 phone: one card, no sideways scroll.
        await phone.set_viewport_size({"width": 360, "height": 740})
        await phone.get_by_role("button", name="Larger text").click()
        await phone.get_by_role("button", name="High contrast").click()
        await phone.locator(".js-dealt-theme").nth(4).scroll_into_view_if_needed()
        await shots(phone, "large-contrast-360", "phone")
        await assert_phone_friendly(phone, "the dealt card, larger text, high contrast")
        await assert_accessible(phone, "the dealt card, larger text, high contrast")
        await phone.get_by_role("button", name="Larger text").click()
        await phone.get_by_role("button", name="High contrast").click()
        await phone.set_viewport_size(PHONE_SMALL)

        # By tap: the first theme.
        await phone.locator(".js-dealt-theme").first.click()
        second = await next_card_after(phone, first)
        assert await where_is(facilitator, first) == themes[0]
        await expect(phone.locator(".js-dealt-progress")).to_have_text("1 of 95 cards in a theme")

        # By keyboard alone: Tab to the third theme, Enter.
        await tab_to(phone, ".js-dealt-theme", 2)
        await phone.keyboard.press("Enter")
        third = await next_card_after(phone, second)
        assert await where_is(facilitator, second) == themes[2]

        # Not sure, by keyboard: the card goes to someone else, and this phone gets another.
        await tab_to(phone, ".js-dealt-unsure")
        await phone.keyboard.press("Space")
        fourth = await next_card_after(phone, third)
        assert await where_is(facilitator, third) is None
        # A new theme for a card, typed in on the phone.
        await phone.get_by_role("button", name="New theme…").click()
        await phone.locator("#dealt-new-title").fill("Getting to the shops")
        await phone.get_by_role("button", name="Make it and put the card in").click()
        await next_card_after(phone, fourth)
        fresh = await facilitator.sio.call("join", {"token": board["facilitator_token"]})
        made = next(t for t in fresh["board"]["themes"] if t["title"] == "Getting to the shops")
        assert await where_is(facilitator, fourth) == made["id"]
        await shots(phone, "after-four", "phone")
        await assert_accessible(phone, "the dealt card, later")

        # The console: where the cards are, the review, and stopping.
        console = await browsers.page("console", LAPTOP)
        await console.goto(board["links"]["facilitator"].replace("localhost", "127.0.0.1"))
        progress = console.locator(".js-dealing-progress")
        await expect(progress).to_contain_text("3 of 95 cards themed")
        await expect(progress).to_contain_text("3 in 1 hand")
        await shots(console, "progress", "console")
        await assert_accessible(console, "the console while dealing")
        await console.locator(".js-review-dealt").click()
        dialog = console.locator(".js-review-dialog")
        await expect(dialog.locator(".js-review-move")).to_have_count(3)
        await shots(console, "review", "console")
        await assert_accessible(console, "the review of the room's placements")
        # Move one of the room's cards elsewhere, from the review.
        await dialog.locator(f'.js-review-move[data-id="{first}"]').select_option(themes[5])
        # Once the board has moved it, the review lists it under its new theme.
        moved = dialog.locator(f'[aria-labelledby="review-{themes[5]}"] [data-id="{first}"]')
        await expect(moved).to_be_visible()
        assert await where_is(facilitator, first) == themes[5]
        await dialog.locator(".js-review-close").click()

        wall = await browsers.page("wall", WALL)
        await wall.goto(board["links"]["wall"].replace("localhost", "127.0.0.1"))
        await expect(wall.locator(".js-wall-dealing")).to_contain_text("3 of 95 cards themed")
        await shots(wall, "together", "wall")

        # When only facilitators move cards, a tap is a suggestion, and no new theme is offered.
        await facilitator.command(type="set_theming_mode", mode="facilitators")
        await expect(phone.locator(".js-dealt-new")).to_have_count(0)
        await expect(phone.locator(".cb-dealt__ask")).to_have_text("Which theme should it go in?")
        suggested, _ = await shown_card(phone)
        await phone.locator(".js-dealt-theme").nth(1).click()
        await next_card_after(phone, suggested)
        await expect(console.locator(".js-suggestions")).to_contain_text("(1)")
        assert await where_is(facilitator, suggested) is None
        await facilitator.command(type="set_theming_mode", mode="everyone")

        await console.locator(".js-stop-dealing").click()
        await console.locator(".js-stop-yes").click()
        await expect(progress).to_contain_text("The room placed 3 cards")
        await expect(phone.locator(".js-dealt")).to_have_count(0)
        await expect(wall.locator(".js-wall-dealing")).to_have_count(0)
        await console.locator(".js-accept-placements").click()
        await expect(console.locator(".js-dealing-form")).to_be_visible()
        await shots(console, "accepted", "console")
    browsers.assert_no_errors()


# Where the dealt card's words and the first theme are on screen, and whether
# anything stuck to the screen (the dock, the banner) lies over them.
FIT_JS = """
() => {
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return {top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left),
            right: Math.round(r.right)};
  };
  // Points across the element that are on screen but show something else.
  const hidden = (el) => {
    const r = el.getBoundingClientRect();
    const found = [];
    for (const fx of [0.03, 0.5, 0.97]) {
      for (const fy of [0.05, 0.25, 0.5, 0.75, 0.95]) {
        const x = r.left + fx * r.width;
        const y = r.top + fy * r.height;
        if (y < 0 || y >= innerHeight) continue;
        const at = document.elementFromPoint(x, y);
        if (!at || !(at === el || el.contains(at))) {
          const over = at ? at.className || at.tagName : 'nothing';
          found.push(`${Math.round(x)},${Math.round(y)} under ${over}`);
        }
      }
    }
    return found;
  };
  const text = document.querySelector('.js-dealt-text');
  const theme = document.querySelector('.js-dealt-theme .cb-dealt__theme-title');
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter((h) => h.checkVisibility() || h.closest('.cb-visually-hidden'))
    .map((h) => Number(h.tagName[1]));
  return {
    height: innerHeight, width: document.documentElement.clientWidth,
    text: box(text), textHidden: hidden(text),
    theme: box(theme), themeHidden: hidden(theme),
    headings,
    focused: document.activeElement === text,
  };
}
"""

# Every theme button, tabbed to, shows wholly: not under the dock nor the card stuck at the top.
FOCUS_JS = """
() => {
  const el = document.activeElement;
  const r = el.getBoundingClientRect();
  const found = [];
  for (const fx of [0.1, 0.5, 0.9]) {
    for (const fy of [0.1, 0.5, 0.9]) {
      const x = r.left + fx * r.width;
      const y = r.top + fy * r.height;
      const at = y >= 0 && y < innerHeight ? document.elementFromPoint(x, y) : null;
      if (!at || !(at === el || el.contains(at))) {
        const over = at ? at.className || at.tagName : 'the edge of the screen';
        found.push(`${Math.round(y)} under ${over}`);
      }
    }
  }
  return found;
}
"""


def assert_card_fits(found: dict[str, Any], label: str, *, focused: bool = False) -> None:
    text, theme = found["text"], found["theme"]
    assert text["top"] >= 0 and text["bottom"] <= found["height"], (
        f"{label}: the card's words are not all on screen: {text} in {found['height']}px"
    )
    assert not found["textHidden"], f"{label}: the card's words are covered: {found['textHidden']}"
    assert theme["top"] >= 0 and theme["bottom"] <= found["height"], (
        f"{label}: the first theme is not on screen: {theme} in {found['height']}px"
    )
    assert not found["themeHidden"], f"{label}: the first theme is covered: {found['themeHidden']}"
    assert found["focused"] or not focused, f"{label}: focus is not on the card's words"
    levels = found["headings"]
    assert levels.count(1) == 1 and levels[0] == 1, f"{label}: headings {levels}"
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (
        f"{label}: headings skip a level: {levels}"
    )


@pytest.mark.parametrize(
    ("viewport", "large_text"),
    [({"width": 320, "height": 640}, False), ({"width": 360, "height": 740}, False),
     ({"width": 360, "height": 740}, True)],
    ids=["320x640", "360x740", "360x740-larger-text"],
)  # fmt: skip
async def test_a_dealt_card_and_the_first_theme_show_without_scrolling(
    browsers: Any, server_url: str, shots: Any, viewport: dict[str, int], large_text: bool
) -> None:
    board = create_board(server_url, "COPD workshop, East Cambridgeshire")
    import_csv(server_url, board, DEMO)
    async with Facilitator(server_url, board) as facilitator:
        await facilitator.command(type="set_stage", stage="collect")
        await facilitator.command(type="set_stage", stage="theme")
        for title, i_statement in real_themes():
            await facilitator.command(
                type="create_theme", category="not working", title=title, i_statement=i_statement
            )
        await facilitator.command(
            type="start_dealing", category="not working", hand_size=3, timeout_seconds=300
        )
        phone = await browsers.page("phone", viewport)
        await phone.goto(f"{server_url}/join/{board['join_code']}")
        if large_text:
            await phone.get_by_role("button", name="Larger text").click()
        await phone.locator("label.cb-choice__label", has_text="Patient").click()
        await phone.get_by_role("button", name="Join the workshop").click()
        first, _ = await shown_card(phone)
        await expect(phone.locator(".js-dealt-theme")).to_have_count(12)
        # "You have joined the workshop." is in the dock while the card is looked at.
        await expect(phone.locator("#status")).to_have_text("You have joined the workshop.")
        await shots(phone, "dealt", "phone")
        assert_card_fits(await phone.evaluate(FIT_JS), "the first card")
        await assert_phone_friendly(phone, "the first card")
        await assert_accessible(phone, "the first card")

        # By keyboard, down the themes and back up: each one shows whole as it is reached.
        buttons = phone.locator(".js-dealt-theme")
        for n in range(12):
            await tab_to(phone, ".js-dealt-theme", n)
            covered = await phone.evaluate(FOCUS_JS)
            assert not covered, f"theme {n + 1}, tabbed to, is covered: {covered}"
        for n in range(10, -1, -1):
            await phone.keyboard.press("Shift+Tab")
            await expect(buttons.nth(n)).to_be_focused()
            covered = await phone.evaluate(FOCUS_JS)
            assert not covered, f"theme {n + 1}, tabbed back to, is covered: {covered}"

        # The last theme, far down: the next card comes back to the top, its themes under it.
        await buttons.last.scroll_into_view_if_needed()
        await buttons.last.click()
        await next_card_after(phone, first)
        await shots(phone, "next", "phone")
        assert_card_fits(await phone.evaluate(FIT_JS), "the next card", focused=True)

        # The wifi drops: the banner shows at the top, and the card sticks below it.
        await phone.context.set_offline(True)
        await phone.evaluate("() => window.dispatchEvent(new Event('offline'))")
        await expect(phone.locator(".js-connection")).to_be_visible(timeout=30_000)
        await phone.evaluate("() => window.scrollBy(0, 200)")  # the card stuck at the top
        # The banner's height reaches the card's place to stick a frame or two later.
        await phone.wait_for_function(
            """() => document.querySelector('.js-dealt-card').getBoundingClientRect().top
                >= document.querySelector('.js-connection').getBoundingClientRect().bottom - 0.5""",
            timeout=5_000,
        )
        found = await phone.evaluate(FIT_JS)
        assert not found["textHidden"], f"offline: the card's words are covered: {found}"
        await shots(phone, "offline", "phone")
        await phone.context.set_offline(False)
    browsers.assert_no_errors()
