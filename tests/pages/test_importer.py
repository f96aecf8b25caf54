"""The console's CSV import at real size: a long file shows how far the saving has got."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import expect

from tests.pages.conftest import LAPTOP, create_board

pytestmark = pytest.mark.asyncio(loop_scope="session")

ROWS = 3000  # six steps of 500: the server saves a long file a step at a time


def long_csv(folder: Path) -> Path:
    lines = ["review,person,category,priority,statement"]
    categories = ("working", "not working", "future")
    for n in range(ROWS):
        lines.append(f"R{n // 3:04d},patient,{categories[n % 3]},{n % 3 + 1},Statement number {n}")
    path = folder / "long.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


async def test_a_long_import_counts_the_statements_saved_so_far(
    browsers: Any, server_url: str, shots: Any, tmp_path: Path
) -> None:
    board = create_board(server_url)
    page = await browsers.page("facilitator", LAPTOP)
    await page.goto(board["links"]["facilitator"])
    await expect(page.locator(".js-join-code")).to_have_text(board["join_code"])

    await page.set_input_files(".cb-stage-view .js-import-file", str(long_csv(tmp_path)))
    await expect(page.locator(".cb-stage-view .js-preview-summary")).to_contain_text(
        f"{ROWS} statements can be imported", timeout=30_000
    )
    # Every wording the progress line takes, as the page shows it.
    await page.evaluate(
        """() => {
          window.savedTexts = []
          const seen = () => {
            const label = document.querySelector('.cb-stage-view .js-import-saved label')
            if (label && window.savedTexts.at(-1) !== label.textContent) {
              window.savedTexts.push(label.textContent)
            }
          }
          new MutationObserver(seen).observe(document.body, {
            subtree: true, childList: true, characterData: true,
          })
        }"""
    )
    await page.locator(".cb-stage-view .js-import-button").click()
    await expect(page.locator(".cb-stage-view .js-import-saved")).to_be_visible()
    await shots(page, "importing", "facilitator")
    await expect(page.locator(".cb-stage-view .js-import-result")).to_have_text(
        f"{ROWS} imported, 0 refused.", timeout=60_000
    )
    await expect(page.locator(".cb-stage-view .js-import-saved")).to_have_count(0)

    texts: list[str] = await page.evaluate("window.savedTexts")
    counts = []
    for text in texts:
        found = re.fullmatch(rf"Saved (\d+) of {ROWS} statements", text.strip())
        assert found, text
        counts.append(int(found.group(1)))
    assert counts == sorted(counts), counts
    # Some step between nothing and everything was shown on the way.
    assert any(0 < n < ROWS for n in counts), counts
    browsers.assert_no_errors()
