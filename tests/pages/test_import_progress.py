"""A long import says how far it has got."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import LAPTOP, create_board  # type: ignore[import-not-found]
from playwright.async_api import expect

pytestmark = pytest.mark.browser


async def test_a_long_import_shows_how_many_are_saved_so_far(
    browsers: Any, server_url: str, tmp_path: Path
) -> None:
    board = create_board(server_url, "A big consultation")
    rows = [f"R{n},patient,working,1,Statement number {n}." for n in range(2400)]
    big = tmp_path / "big.csv"
    big.write_text("review,person,category,priority,statement\n" + "\n".join(rows) + "\n")
    page = await browsers.page("facilitator", LAPTOP)
    await page.goto(
        f"{server_url}/board/{board['board_id']}/facilitate#t={board['facilitator_token']}"
    )
    await expect(page.locator(".js-board")).to_be_visible()
    # Every text the progress line shows, however briefly.
    await page.evaluate(
        """() => {
          window.progressSeen = []
          const $text = document.querySelector('.js-import-progress-text')
          new MutationObserver(() => window.progressSeen.push($text.textContent))
            .observe($text, { childList: true, characterData: true, subtree: true })
        }"""
    )
    await page.set_input_files(".js-import-file", str(big))
    await expect(page.locator(".js-preview-summary")).to_contain_text(
        "2400 statements can be imported"
    )
    await page.get_by_role("button", name="Import 2400 statements").click()
    await expect(page.locator(".js-import-result")).to_have_text("2400 imported, 0 refused.")
    seen = await page.evaluate("() => window.progressSeen")
    steps = [text for text in seen if " of 2400 statements saved." in text]
    assert steps, seen
    assert steps[0].startswith("Importing… 500 of 2400")
