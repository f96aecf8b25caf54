"""Theming at the size of a real workshop, on a 1280×800 laptop.

All 95 "not working" demo cards go into the 12 themes of
tests/data/copd-not-working-themes.csv, by mouse and by keyboard, without
the page ever scrolling (the tray and the themes scroll inside
themselves); every move of several cards is one `move_statements`, seen
once by another screen. The actions each way are counted and written to
test-artifacts/theming-actions.json (docs/benchmarks.md quotes them).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import ARTIFACTS, assert_accessible  # type: ignore[import-not-found]
from playwright.async_api import expect

from tests.realsize import DEMO_CSV, themed_statements
from tests.server.client import Client, create_board, facilitator, import_csv

pytestmark = pytest.mark.browser

LAPTOP_SCREEN = {"width": 1280, "height": 800}
ACTIONS = ARTIFACTS / "theming-actions.json"

STILL = """() => {
  const doc = document.documentElement;
  return window.scrollY === 0 && doc.scrollHeight <= innerHeight && doc.scrollWidth <= innerWidth
    && document.querySelector('.cb-work').scrollTop === 0;
}"""


async def theming_board(url: str, title: str) -> tuple[dict[str, Any], Client]:
    board = create_board(url, title)
    assert import_csv(url, board, DEMO_CSV.read_text()).status_code == 200
    host = await facilitator(url, board)
    await host.wait_for_seq(await host.ok("set_stage", stage="theme"))
    return board, host


async def open_console(browsers: Any, board: dict[str, Any]) -> Any:
    page = await browsers.page("facilitator", LAPTOP_SCREEN)
    await page.goto(board["links"]["facilitator"].replace("localhost", "127.0.0.1"))
    await expect(page.locator(".cb-tabs__tab[aria-pressed='true']")).to_contain_text("Not working")
    return page


def groups() -> list[tuple[str, str, list[str]]]:
    """The 12 themes in the order their first card comes: (title, I statement, card texts)."""
    found: dict[tuple[str, str], list[str]] = {}
    for row in themed_statements("not working"):
        found.setdefault((row["theme"], row["i_statement"]), []).append(row["statement"])
    return [(theme, i, texts) for (theme, i), texts in found.items()]


async def where_cards_are(host: Client, board: dict[str, Any]) -> dict[str, str]:
    """Each "not working" card's theme title, from a fresh board."""
    state = (await host.sio.call("join", {"token": board["facilitator_token"]}))["board"]
    titles = {t["id"]: t["title"] for t in state["themes"]}
    return {
        s["text"]: titles.get(s["theme_id"], "")
        for s in state["statements"]
        if s["category"] == "not working"
    }


def record(way: str, counts: dict[str, int]) -> None:
    ACTIONS.parent.mkdir(parents=True, exist_ok=True)
    saved = json.loads(ACTIONS.read_text()) if ACTIONS.exists() else {}
    saved[way] = counts
    ACTIONS.write_text(json.dumps(saved, indent=2))


async def focus_the_tray(page: Any) -> int:
    """Tab until a card in the tray has the focus; the number of Tab presses."""
    for presses in range(1, 60):
        await page.keyboard.press("Tab")
        if await page.evaluate("() => document.activeElement?.classList.contains('js-card')"):
            return presses
    raise AssertionError("Tab never reached the tray")


async def test_five_cards_go_to_a_new_theme_by_keyboard_alone_in_one_command(
    browsers: Any, live_server: Any, shots: Any
) -> None:
    board, host = await theming_board(live_server.url, "Keyboard theming")
    page = await open_console(browsers, board)
    await focus_the_tray(page)
    first = await page.evaluate("() => document.activeElement.dataset.id")
    await page.keyboard.press("Space")
    for _ in range(4):
        await page.keyboard.press("ArrowDown")
        await page.keyboard.press("Space")
    await expect(page.locator(".js-chosen")).to_have_text("5 cards chosen:")
    await expect(page.locator(".cb-tray [aria-selected='true']")).to_have_count(5)
    chosen = await page.locator(".cb-tray [aria-selected='true']").evaluate_all(
        "(cards) => cards.map((c) => c.dataset.id)"
    )
    assert chosen[0] == first
    await page.keyboard.press("n")
    dialog = page.locator("dialog[aria-labelledby='move-title']")
    await expect(dialog).to_contain_text("A new theme from 5 cards")
    await expect(page.locator("#move-new-title")).to_be_focused()
    await shots(page, "keyboard-new-theme", "facilitator")
    await assert_accessible(page, "the new theme dialog")
    await page.keyboard.type("Getting an appointment")
    before = host.seq
    await page.keyboard.press("Enter")
    await expect(dialog).to_be_hidden()
    tile = page.locator(".cb-theme-tile", has_text="Getting an appointment")
    await expect(tile).to_contain_text("(5 cards)")
    await expect(page.locator(".cb-tray .js-card")).to_have_count(90)
    # The keyboard is back in the tray, on the next card.
    await page.wait_for_function("() => document.activeElement?.classList.contains('js-card')")
    # One command: the theme and one move of all five, seen once by another screen.
    await host.wait_for_seq(before + 2)
    made = [e for e in host.events if e["type"] in ("theme_created", "statements_moved")]
    assert [e["type"] for e in made] == ["theme_created", "statements_moved"]
    assert made[1]["statement_ids"] == chosen and made[1]["theme_id"] == made[0]["theme"]["id"]
    assert made[1]["seq"] == made[0]["seq"] + 1
    assert not [e for e in host.events if e["type"] == "statement_moved"]
    await host.close()
    browsers.assert_no_errors()


async def test_all_95_cards_into_12_themes_by_mouse_without_the_page_scrolling(
    browsers: Any, live_server: Any, shots: Any
) -> None:
    board, host = await theming_board(live_server.url, "Theming by mouse")
    page = await open_console(browsers, board)
    clicks = typed = 0
    for title, i_statement, texts in groups():
        for text in texts:
            await page.locator(".cb-tray .js-card", has_text=text).click()
            clicks += 1
        await expect(page.locator(".js-chosen")).to_contain_text(f"{len(texts)} card")
        await page.locator(".js-new-from-chosen").click()
        await page.locator("#move-new-title").fill(title)
        await page.locator("#move-new-i").fill(i_statement)
        typed += len(title) + len(i_statement)
        await page.get_by_role("button", name=f"Make the theme with {len(texts)} card").click()
        clicks += 3  # "New theme…", the I statement field, "Make the theme"
        await expect(page.locator(".cb-theme-tile", has_text=title)).to_contain_text(
            f"({len(texts)} card"
        )
        assert await page.evaluate(STILL), f"the page scrolled while theming {title}"
    await expect(page.locator(".cb-tray__empty")).to_have_text(
        "Every card of this question is in a theme."
    )
    await expect(page.locator(".cb-tabs__tab[aria-pressed='true']")).to_contain_text("0 left")
    await shots(page, "all-themed", "facilitator")
    expected = {text: title for title, _, texts in groups() for text in texts}
    assert await where_cards_are(host, board) == expected
    many = [e for e in host.events if e["type"] == "statements_moved"]
    assert len(many) == 12 and sum(len(e["statement_ids"]) for e in many) == 95
    record("mouse", {"cards": 95, "themes": 12, "clicks": clicks, "typed_characters": typed})
    await host.close()
    browsers.assert_no_errors()


def shortest_prefixes(titles: list[str]) -> dict[str, str]:
    """For each title, the fewest letters that find it first among the others."""
    found = {}
    for title in titles:
        lower = title.lower()
        for n in range(1, len(title) + 1):
            words = lower[:n]
            first = next(t for t in titles if words in t.lower())
            if first == title:
                found[title] = title[:n]
                break
    return found


async def test_all_95_cards_into_12_themes_by_keyboard_alone(
    browsers: Any, live_server: Any, shots: Any
) -> None:
    board, host = await theming_board(live_server.url, "Theming by keyboard")
    page = await open_console(browsers, board)
    theme_of = {text: title for title, _, texts in groups() for text in texts}
    keys = await focus_the_tray(page)
    made: list[str] = []
    for n in range(95):
        text = await page.evaluate(
            "() => document.activeElement.querySelector('.cb-tcard__text').textContent"
        )
        title = theme_of[text]
        await page.keyboard.press("Enter")  # "Move to…" with the focused card
        await expect(page.locator("#move-find")).to_be_focused()
        # A new theme is its name typed in full; a known one, the letters that find it.
        words = shortest_prefixes(made)[title] if title in made else title
        if title not in made:
            made.append(title)
        await page.keyboard.type(words)
        await page.keyboard.press("Enter")
        keys += 2 + len(words)
        await expect(page.locator("dialog[aria-labelledby='move-title']")).to_be_hidden()
        await expect(page.locator(".cb-tray .js-card", has_text=text)).to_have_count(0)
        assert await page.evaluate(STILL), "the page scrolled"
        if n < 94:  # the keyboard is back in the tray, on the next card
            await page.wait_for_function(
                "() => document.activeElement?.classList.contains('js-card')"
            )
    await expect(page.locator(".cb-tabs__tab[aria-pressed='true']")).to_contain_text("0 left")
    await shots(page, "all-themed-by-keyboard", "facilitator")
    assert await where_cards_are(host, board) == theme_of
    record("keyboard", {"cards": 95, "themes": 12, "keys": keys})
    await host.close()
    browsers.assert_no_errors()
