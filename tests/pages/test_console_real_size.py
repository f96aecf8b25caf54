"""The console at the room's size: 280 statements, 24 themes, 40 people, two days.

At a laptop's 1280×800 and a tablet's 1024×768, every stage's work fits
its screen: its main controls are in the first viewport, nothing scrolls
sideways (or the page at all: the parts scroll inside themselves), every
dialog opens inside the viewport, and axe finds nothing serious. A
screenshot of each stage at each size goes to test-artifacts/screenshots/.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from conftest import SCREENSHOTS, assert_accessible, close_tool, open_tool  # type: ignore[import-not-found]
from playwright.async_api import expect

from tests.realsize import STAGES, RealBoard, real_board

pytestmark = pytest.mark.browser

SIZES = [{"width": 1280, "height": 800}, {"width": 1024, "height": 768}]

# What each stage is for, that must be in sight without scrolling anything.
PRIMARY = {
    "prepare": [".cb-join__code .cb-code", ".cb-stage-view .js-import-file"],
    "collect": [".js-hide-new", ".cb-stage-view .js-import-file", ".cb-statement-column"],
    "theme": [
        ".cb-tabs__tab[aria-pressed='true']",
        "#theming-find",
        ".cb-tray .js-card",
        ".js-new-theme",
        ".cb-theme-tile:not(.cb-theme-tile--new)",
    ],
    "prioritise": [
        ".js-theme-picker .cb-choice__label",
        "#round-blind",  # who sees the dots: the vote's secrecy, chosen in sight
        ".js-open-button",
        ".cb-round-fold__summary",
    ],
    "understand": [
        ".cb-why form[data-form='add-cause'] input",
        ".cb-choose .cb-choice__label",
        ".cb-choose button[type='submit']",
    ],
    "success": [
        ".cb-perspective form[data-form='add-success'] input",
        ".cb-perspective form[data-form='add-success'] button",
    ],
    "ideas": [
        "#idea-new-text",
        "form[data-form='add-idea'] button[type='submit']",
        "form[data-form='shortlist'] button[type='submit']",
    ],
    "invest": [".js-grid svg", "form[data-form='place'] button[type='submit']"],
    "plan": [
        "#action-new-text",
        "form[data-form='add-action'] button[type='submit']",
        ".js-actions > li",
    ],
    "reflect": [".js-feedback-total", ".js-feedback .cb-feedback"],
}
ALWAYS = [".js-stagebar .cb-stagebar__stage--current", ".js-tools [data-open='undo']"]

FITS = """(selectors) => {
  const view = { w: innerWidth, h: innerHeight };
  const work = document.querySelector('.cb-work');
  const out = [];
  for (const selector of selectors) {
    const el = document.querySelector(selector);
    if (!el) { out.push(`${selector}: not on the page`); continue; }
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) out.push(`${selector}: not shown`);
    else if (r.top < 0 || r.left < 0 || r.bottom > view.h + 0.5 || r.right > view.w + 0.5) {
      const at = [r.left, r.top, r.right, r.bottom].map(Math.round).join(',');
      out.push(`${selector}: at ${at}`);
    } else {
      // In the viewport, but scrolled out of its part or under a sticky button?
      const seen = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!el.contains(seen) && !seen?.contains(el)) {
        out.push(`${selector}: covered by ${seen?.className || seen?.tagName}`);
      }
    }
  }
  const doc = document.documentElement;
  if (doc.scrollWidth > view.w) out.push(`the page is ${doc.scrollWidth}px wide`);
  if (doc.scrollHeight > view.h) out.push(`the page is ${doc.scrollHeight}px tall`);
  if (work.scrollWidth > work.clientWidth) out.push(`the work area is ${work.scrollWidth}px wide`);
  const tall = work.scrollHeight > work.clientHeight + 1;
  if (tall) out.push(`the work area is ${work.scrollHeight}px tall`);
  return out;
}"""

INSIDE = """(el) => {
  const r = el.getBoundingClientRect();
  const fits = r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5;
  return r.top >= 0 && r.left >= 0 && fits && r.height > 0;
}"""


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def room(script_server: Any) -> AsyncIterator[RealBoard]:
    real = await real_board(script_server.url, title="COPD workshop at real size")
    yield real
    await real.close()


async def console(browsers: Any, real: RealBoard, size: dict[str, int]) -> Any:
    page = await browsers.page(f"console-{size['width']}", size)
    await page.goto(real.board["links"]["facilitator"].replace("localhost", "127.0.0.1"))
    await expect(page.locator(".js-board-title")).to_have_text(real.title)
    return page


async def at_stage(page: Any, real: RealBoard, stage: str) -> None:
    await real.stage(stage)
    await expect(page.locator(f".cb-stage-view[data-stage='{stage}']")).to_be_attached()


async def assert_inside(page: Any, dialog: Any, label: str) -> None:
    await expect(dialog).to_be_visible()
    assert await dialog.evaluate(INSIDE), f"{label} opens outside the viewport"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s['width']}x{s['height']}")
async def test_every_stage_fits_the_screen(
    browsers: Any, room: RealBoard, size: dict[str, int]
) -> None:
    page = await console(browsers, room, size)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = f"{size['width']}x{size['height']}"
    for stage in STAGES:
        await at_stage(page, room, stage)
        if stage == "theme":  # the themed question, all its cards: the busiest screen
            await page.locator(".cb-tabs__tab", has_text="Not working").click()
            await page.locator(".cb-theming__show").get_by_role("button", name="All cards").click()
        await expect(page.locator(PRIMARY[stage][0]).first).to_be_visible()
        problems = await page.evaluate(FITS, ALWAYS + PRIMARY[stage])
        await page.screenshot(path=str(SCREENSHOTS / f"console-{name}-{stage}.png"))
        assert not problems, f"{stage} at {name}: {problems}"
        await assert_accessible(page, f"console at {stage}, {name}")
    browsers.assert_no_errors()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s['width']}x{s['height']}")
async def test_every_dialog_opens_inside_the_viewport(
    browsers: Any, room: RealBoard, size: dict[str, int]
) -> None:
    page = await console(browsers, room, size)
    name = f"{size['width']}x{size['height']}"
    await at_stage(page, room, "understand")
    for tool in ["timer", "people", "undo", "invite", "links", "data"]:
        dialog = await open_tool(page, tool)
        await assert_inside(page, dialog, f"the {tool} dialog at {name}")
        await page.screenshot(path=str(SCREENSHOTS / f"console-{name}-dialog-{tool}.png"))
        await close_tool(page, tool)
    # Moving stage asks first; Escape says no and nothing moves.
    await page.locator(".cb-stagebar__stage", has_text="Theme").click()
    asked = page.locator("dialog.js-confirm")
    await assert_inside(page, asked, f"the stage confirmation at {name}")
    await expect(asked).to_contain_text("Go back to Theme?")
    await page.keyboard.press("Escape")
    await expect(asked).to_be_hidden()
    await expect(page.locator(".cb-stagebar__stage").filter(has_text="Theme")).to_be_focused()
    await expect(page.locator(".cb-stage-view")).to_have_attribute("data-stage", "understand")
    # The vote opens in a dialog from the root causes.
    await page.get_by_role("button", name="Open a dot vote on these causes").click()
    await assert_inside(
        page, page.locator("dialog.js-tool[data-tool='vote']"), f"the vote at {name}"
    )
    await close_tool(page, "vote")
    # Changing a theme, and where chosen cards go, while theming.
    await at_stage(page, room, "theme")
    await page.locator(".cb-tabs__tab", has_text="Not working").click()
    await page.locator(".cb-theming__show").get_by_role("button", name="All cards").click()
    await page.locator(".cb-tray .js-card").first.click()
    await page.locator(".js-move-chosen").click()
    await assert_inside(
        page, page.locator("dialog[aria-labelledby='move-title']"), f"Move to… at {name}"
    )
    await page.screenshot(path=str(SCREENSHOTS / f"console-{name}-dialog-move.png"))
    await page.keyboard.press("Escape")
    await page.locator(".cb-theme-tile").nth(1).get_by_role("button", name="Change…").click()
    await assert_inside(
        page, page.locator("dialog[aria-label='Change a theme']"), f"Change a theme at {name}"
    )
    await page.keyboard.press("Escape")
    browsers.assert_no_errors()
