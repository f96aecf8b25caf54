"""The wall at the room's size, on a 1920×1080 and a 1280×720 projector.

The board is a full workshop: 280 statements and 40 people, 20 themes in
one question, a blind vote on those 20 themes by all 40, its results split
by group, a cause tree of 15 causes, 12 ideas, 15 actions. At every stage:
no text lies partly outside the screen or outside a box that clips it; over
one full cycle of pages every theme, result, cause, idea and action is on
screen whole; the smallest text is 28 px at 1080p (and as much smaller at
720p); axe finds nothing serious. A screenshot of every page goes to
test-artifacts/screenshots/wall-<size>-<stage>-<page>.png.

The wall link's `page_seconds=1` turns the pages every second, and the
test waits on "Page N of M" to walk them, never on a clock.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from conftest import SCREENSHOTS, assert_accessible  # type: ignore[import-not-found]
from playwright.async_api import expect

from tests.realsize import RealBoard, grow_for_the_wall, real_board, vote_on

pytestmark = pytest.mark.browser

SIZES = [{"width": 1920, "height": 1080}, {"width": 1280, "height": 720}]

# Everything with text on the wall as it is now: what lies outside the
# screen or a clipping box, what is too small, and which paged items are
# on screen whole.
LOOK = """(smallest) => {
  const view = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
  const outside = (r, box) => r.left < box.left - 1 || r.top < box.top - 1
    || r.right > box.right + 1 || r.bottom > box.bottom + 1;
  const shown = (el) => el.checkVisibility({ checkVisibilityCSS: true });
  const words = (t) => t.trim().replace(/\\s+/g, ' ').slice(0, 40);
  const problems = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || !shown(el) || el.closest('.cb-visually-hidden, title')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (!r.width && !r.height) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < smallest) problems.push(`${size.toFixed(1)}px: "${words(node.textContent)}"`);
    if (outside(r, view)) problems.push(`off the screen: "${words(node.textContent)}"`);
    for (let a = el; a && a !== document.documentElement; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      if (outside(r, a.getBoundingClientRect())) {
        problems.push(`cut off by ${a.className || a.tagName}: "${words(node.textContent)}"`);
        break;
      }
    }
  }
  const items = [...document.querySelectorAll('[data-page-list]')]
    .filter((list) => shown(list))
    .flatMap((list) => [...list.querySelectorAll('[data-page-item][data-key]')]);
  const whole = items.filter((el) => shown(el) && !outside(el.getBoundingClientRect(), view));
  const status = document.querySelector('.js-page-status');
  return {
    problems,
    keys: items.map((el) => el.dataset.key),
    seen: whole.map((el) => el.dataset.key),
    page: status.hidden ? 1 : Number(status.dataset.page),
    pages: status.hidden ? 1 : Number(status.dataset.pages),
  };
}"""


LINES = "(el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)"


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def room(script_server: Any) -> AsyncIterator[RealBoard]:
    real = await real_board(script_server.url, title="COPD workshop: what matters to us now")
    await grow_for_the_wall(real)
    yield real
    await real.close()


async def board_now(real: RealBoard) -> dict[str, Any]:
    joined = await real.host.sio.call("join", {"token": real.board["facilitator_token"]})
    state: dict[str, Any] = joined["board"]
    return state


async def walk_the_pages(
    page: Any, name: str, label: str, expected: set[str], turn: Any = None
) -> int:
    """Look at every page of what the wall shows now; every item whole on one of them.

    The pages turn by themselves, or by `turn()` (the console's "Next page")."""
    smallest = 28 * page.viewport_size["height"] / 1080
    status = page.locator(".js-page-status")
    looked: dict[int, Any] = {}
    while True:
        found = await page.evaluate(LOOK, smallest)
        if found["page"] not in looked:
            looked[found["page"]] = found
            pages = found["pages"]
            await page.screenshot(
                path=str(SCREENSHOTS / f"wall-{name}-{label}-{found['page']}of{pages}.png")
            )
            if len(looked) == 1:
                await assert_accessible(page, f"the wall at {label}, {name}")
        if len(looked) >= found["pages"]:
            break
        if turn is not None:
            await turn()
        await expect(status).not_to_have_attribute("data-page", str(found["page"]))
    problems = [f"page {n}: {p}" for n, f in looked.items() for p in f["problems"]]
    assert not problems, f"{label} at {name}: {problems[:12]}"
    keys = set().union(*(f["keys"] for f in looked.values()))
    seen = set().union(*(f["seen"] for f in looked.values()))
    assert expected <= keys, f"{label} at {name}: not on the wall: {expected - keys}"
    assert keys <= seen, f"{label} at {name}: never whole on screen: {len(keys - seen)} items"
    return len(looked)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s['width']}x{s['height']}")
async def test_every_stage_shows_everything_legibly(
    browsers: Any, room: RealBoard, size: dict[str, int]
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = f"{size['width']}x{size['height']}"
    page = await browsers.page(f"wall-{name}", size)
    await page.goto(
        room.board["links"]["wall"].replace("localhost", "127.0.0.1") + "&page_seconds=1"
    )
    await expect(page.locator(".js-title")).to_have_text(room.title)

    async def at(stage: str, ready: str) -> dict[str, Any]:
        await room.stage(stage)
        await expect(page.locator(f".cb-stage-view[data-stage='{stage}']")).to_be_attached()
        await expect(page.locator(ready).first).to_be_visible()
        return await board_now(room)

    await at("prepare", ".js-join-big")
    await walk_the_pages(page, name, "prepare", set())
    await at("collect", ".js-join-big")
    await walk_the_pages(page, name, "collect", set())

    state = await at("theme", ".cb-wall__theme")
    themes = {t["id"] for t in state["themes"]}
    assert len([t for t in state["themes"] if t["category"] == "future"]) == 20
    await expect(page.locator(".cb-category--future .js-themed")).to_have_text(
        "80 of 91 cards themed"
    )
    await walk_the_pages(page, name, "theme", themes)

    state = await at("prioritise", ".js-carried")
    await walk_the_pages(page, name, "prioritise-carried", set(state["carried"]))

    future = room.themes["future"]
    round_id = await vote_on(room, future)
    await expect(page.locator(".js-voted")).to_have_text("40 of 40 have voted")
    await expect(page.locator(".cb-results__row")).to_have_count(0)
    assert await walk_the_pages(page, name, "prioritise-blind-vote", set(future)) > 1
    await room.host.ok("close_round", round_id=round_id)
    await room.host.ok("reveal_round", round_id=round_id)
    await expect(page.locator(".cb-results__row")).to_have_count(20)
    await expect(page.locator(".cb-legend")).to_contain_text("Patients and carers")
    assert await walk_the_pages(page, name, "prioritise-results", set(future)) > 1
    # A live vote on six: the bars, as the dots arrive.
    live = await vote_on(room, future[:6], blind=False)
    await expect(page.locator(".js-results-note")).to_have_text("Live. 40 of 40 have voted.")
    await expect(page.locator(".cb-results__row")).to_have_count(6)
    await walk_the_pages(page, name, "prioritise-live-vote", set(future[:6]))
    await room.host.ok("close_round", round_id=live)

    state = await at("understand", ".cb-w2-tree__item")
    carried = set(state["carried"])
    causes = {c["id"] for c in state["causes"] if c["theme_id"] in carried}
    assert max(sum(c["theme_id"] == t for c in state["causes"]) for t in carried) >= 15
    await walk_the_pages(page, name, "understand", causes)

    state = await at("success", ".cb-w2__list li")
    chosen = {c["id"] for c in state["causes"] if c["chosen"]}
    said = {s["id"] for s in state["successes"] if s["cause_id"] in chosen}
    await walk_the_pages(page, name, "success", chosen | said)

    state = await at("ideas", ".cb-w2__list li")
    assert len(state["ideas"]) == 12
    await walk_the_pages(page, name, "ideas", {i["id"] for i in state["ideas"]})

    state = await at("invest", ".js-marker")
    await walk_the_pages(page, name, "invest", {g["idea_id"] for g in state["grid"]})
    # The projector switched to another resolution: the grid is drawn again for its box.
    grid = page.locator(".js-grid-svg")
    drawn_for = await grid.get_attribute("viewBox")
    await page.set_viewport_size({"width": size["width"] - 240, "height": size["height"] - 120})
    await expect(grid).not_to_have_attribute("viewBox", drawn_for or "")
    await page.set_viewport_size(size)
    await expect(grid).to_have_attribute("viewBox", drawn_for or "")

    state = await at("plan", ".cb-w2-plan tbody tr")
    assert len(state["actions"]) == 15
    await walk_the_pages(page, name, "plan", {a["id"] for a in state["actions"]})

    await at("reflect", ".js-feedback-count")
    await walk_the_pages(page, name, "reflect", set())

    # A long title beside a running timer: two lines at most, smaller if need be.
    long = (
        "COPD workshop, Riverside and Northfield practices: what matters "
        "to people who live with breathlessness"
    )
    await room.host.ok("update_board", title=long)
    await room.host.ok("start_timer", seconds=600, label="Feedback")
    await expect(page.locator(".js-timer")).to_be_visible()
    await expect(page.locator(".js-title")).to_have_text(long)
    lines = await page.locator(".js-title").evaluate(LINES)
    assert lines < 2.5, f"the title takes {lines:.1f} lines at {name}"
    await walk_the_pages(page, name, "reflect-long-title-and-timer", set())
    await room.host.ok("stop_timer")
    await room.host.ok("update_board", title=room.title)
    await room.stage("prepare")
    browsers.assert_no_errors()


async def test_the_console_puts_one_thing_on_the_wall_and_turns_its_pages(
    browsers: Any, room: RealBoard
) -> None:
    """From the console's Wall tool: how to join, a theme and its cards, a tree, the grid,
    a vote, the pages held and turned by hand; then back to following the stage."""
    name = "1920x1080"
    screen = await browsers.page("wall-steered", SIZES[0])
    # Pages that turn only from the console here (once in ten minutes by themselves).
    wall_link = room.board["links"]["wall"].replace("localhost", "127.0.0.1")
    await screen.goto(wall_link + "&page_seconds=600")
    desk = await browsers.page("console-steering", {"width": 1280, "height": 800})
    await desk.goto(room.board["links"]["facilitator"].replace("localhost", "127.0.0.1"))
    await room.stage("theme")
    await expect(screen.locator(".cb-wall__theme").first).to_be_visible()
    status = screen.locator(".js-page-status")
    await expect(status).to_have_text(re.compile(r"^Page 1 of \d+$"))
    pages = int(await status.get_attribute("data-pages"))
    assert pages > 2

    tool = desk.locator("dialog[data-tool='wall']")
    next_page = tool.locator(".js-wall-next").click
    await desk.locator(".js-tools [data-open='wall']").click()
    await expect(tool).to_be_visible()
    await expect(tool.locator(".js-wall-now")).to_have_text("The wall shows: The stage, as it goes")
    await assert_accessible(desk, "the console's wall tool")
    await desk.screenshot(path=str(SCREENSHOTS / "wall-console-tool.png"))

    # The pages, held and turned from the console.
    await tool.locator(".js-wall-next").click()
    await expect(status).to_have_text(f"Page 2 of {pages} (held)")
    await tool.locator(".js-wall-previous").click()
    await expect(status).to_have_text(f"Page 1 of {pages} (held)")
    await tool.locator(".js-wall-previous").click()
    await expect(status).to_have_text(f"Page {pages} of {pages} (held)")
    await expect(tool.locator(".js-wall-hold")).to_have_attribute("aria-pressed", "true")
    await tool.locator(".js-wall-hold").click()
    await expect(status).to_have_text(f"Page {pages} of {pages}")

    # How to join, big.
    await tool.get_by_role("button", name="How to join (code and QR code)").click()
    await expect(screen.locator(".js-shown .js-join-big")).to_be_visible()
    await expect(screen.locator(".js-stage-views")).to_be_hidden()
    await expect(screen.locator(".js-join-small")).to_be_hidden()
    await screen.screenshot(path=str(SCREENSHOTS / f"wall-{name}-shown-join.png"))

    # One theme and all its cards.
    big = room.themes["not working"][0]
    await tool.locator("#wall-theme").select_option(big)
    await tool.get_by_role("button", name="Show this theme").click()
    shown = screen.locator(f".cb-wall-shown--theme[data-theme='{big}']")
    await expect(shown).to_be_visible()
    await expect(tool.locator(".js-wall-now")).to_contain_text("The theme “")
    await expect(desk.locator(".js-tools [data-open='wall']")).to_contain_text("(one thing)")
    cards = {s["id"] for s in (await board_now(room))["statements"] if s.get("theme_id") == big}
    await walk_the_pages(screen, name, "shown-theme", cards, turn=next_page)

    # A tree, the grid, the vote.
    carried = (await board_now(room))["carried"][0]
    await tool.get_by_role("button", name=re.compile("^Why\\? for")).first.click()
    await expect(screen.locator(f".js-shown .cb-w2-why[data-theme='{carried}']")).to_be_visible()
    await expect(screen.locator(".js-shown .cb-w2-why")).to_have_count(1)
    tree = {c["id"] for c in (await board_now(room))["causes"] if c["theme_id"] == carried}
    await walk_the_pages(screen, name, "shown-causes", tree, turn=next_page)
    await tool.get_by_role("button", name="The investment grid").click()
    await expect(screen.locator(".js-shown .js-marker").first).to_be_visible()
    await screen.screenshot(path=str(SCREENSHOTS / f"wall-{name}-shown-grid.png"))
    await tool.get_by_role("button", name=re.compile("^The vote")).first.click()
    await expect(screen.locator(".js-results-section")).to_be_visible()
    await expect(screen.locator(".cb-results__row").first).to_be_visible()
    await screen.screenshot(path=str(SCREENSHOTS / f"wall-{name}-shown-vote.png"))

    # Back to the stage.
    await tool.get_by_role("button", name="Follow the stage").click()
    await expect(screen.locator(".cb-wall__theme").first).to_be_visible()
    await expect(screen.locator(".js-shown")).to_be_hidden()
    await expect(tool.locator(".js-wall-now")).to_have_text("The wall shows: The stage, as it goes")
    await room.stage("prepare")
    browsers.assert_no_errors()


async def test_an_offline_wall_says_it_is_reconnecting(browsers: Any, room: RealBoard) -> None:
    """A wall sends nothing: offline, it says it is reconnecting, not that anything will be sent."""
    screen = await browsers.page("wall-offline", SIZES[1])
    await screen.goto(room.board["links"]["wall"].replace("localhost", "127.0.0.1"))
    await expect(screen.locator(".js-join-big")).to_be_visible()
    await screen.context.set_offline(True)
    # Socket.IO notices a dead socket by its ping; force the close quickly.
    await screen.evaluate("() => window.dispatchEvent(new Event('offline'))")
    banner = screen.locator(".js-connection")
    await expect(banner).to_contain_text("Reconnecting…", timeout=30_000)
    await expect(banner).not_to_contain_text("sent")
    await screen.screenshot(path=str(SCREENSHOTS / "wall-1280x720-offline.png"))
    found = await screen.evaluate(LOOK, 28 * 720 / 1080)
    assert not found["problems"], found["problems"][:5]
    await screen.context.set_offline(False)
    await expect(banner).to_contain_text("Back online.", timeout=30_000)
    await expect(banner).not_to_contain_text("Sent")
