"""Browser fixtures: the system Chromium through Playwright, axe, screenshots.

The server is the shared `live_server` fixture from tests/conftest.py.
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
# Screenshots, PDFs and counts the tests write; CI's passes on other Redis
# servers each write to a folder of their own (CHANGEBOARD_TEST_ARTIFACTS).
ARTIFACTS = Path(os.environ.get("CHANGEBOARD_TEST_ARTIFACTS") or ROOT / "test-artifacts")
SCREENSHOTS = ARTIFACTS / "screenshots"
DEMO_CSV = ROOT / "server" / "demo" / "copd-reviews.csv"

PHONE_SMALL = {"width": 320, "height": 640}
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}
WALL = {"width": 1920, "height": 1080}


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser() -> AsyncIterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium not installed at /usr/bin/chromium: apt-get install chromium")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        await launched.close()


@pytest.fixture
def server_url(live_server: Any) -> str:
    return str(live_server.url)


@pytest.fixture(scope="session")
def script_server(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A live server that lets one connection send as fast as a script can.

    For setting a big scene by python-socketio (hundreds of commands from one
    facilitator); pages and people still meet the usual limits elsewhere.
    """
    from tests.conftest import start_server

    server = start_server(
        redis_url, tmp_path_factory.mktemp("script-server"),
        CHANGEBOARD_COMMANDS_PER_SECOND="100000", CHANGEBOARD_COMMAND_BURST="100000",
    )  # fmt: skip
    yield server
    server.stop()


@dataclass
class PageWatch:
    """Console errors, page errors, CSP reports and dialogs seen on one page."""

    name: str
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    _tasks: set[Any] = field(default_factory=set)

    def attach(self, page: Any) -> None:
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("console", self._console)
        page.on("dialog", self._dialog)

    def _console(self, message: Any) -> None:
        text = message.text
        if message.type == "error" and not _expected_console_error(text):
            self.errors.append(f"console: {text}")
        elif "Content Security Policy" in text:
            self.errors.append(f"csp: {text}")

    async def _dialog_dismiss(self, dialog: Any) -> None:
        await dialog.dismiss()

    def _dialog(self, dialog: Any) -> None:
        import asyncio

        self.dialogs.append(dialog.message)
        task = asyncio.ensure_future(self._dialog_dismiss(dialog))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def _expected_console_error(text: str) -> bool:
    # A dropped socket while a test cuts the network is expected.
    return bool(re.search(r"WebSocket|ERR_INTERNET_DISCONNECTED", text))


@dataclass
class Browsers:
    browser: Any
    contexts: list[Any] = field(default_factory=list)
    watches: list[PageWatch] = field(default_factory=list)

    async def page(self, name: str, viewport: dict[str, int], **options: Any) -> Any:
        context = await self.browser.new_context(
            viewport=viewport, reduced_motion="reduce", **options
        )
        self.contexts.append(context)
        page = await context.new_page()
        watch = PageWatch(name)
        watch.attach(page)
        self.watches.append(watch)
        page.set_default_timeout(10_000)
        return page

    def assert_no_errors(self) -> None:
        problems = [f"{w.name}: {e}" for w in self.watches for e in w.errors]
        assert not problems, "\n".join(problems)

    async def close(self) -> None:
        for context in self.contexts:
            await context.close()


@pytest_asyncio.fixture(loop_scope="session")
async def browsers(browser: Any) -> AsyncIterator[Browsers]:
    made = Browsers(browser)
    yield made
    await made.close()


class Shots:
    """Screenshots named test-step-page, for people to look at."""

    def __init__(self, test_name: str) -> None:
        self.prefix = re.sub(r"[^A-Za-z0-9_-]+", "-", test_name)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.count = 0

    async def __call__(self, page: Any, step: str, name: str, *, full_page: bool = False) -> Path:
        self.count += 1
        path = SCREENSHOTS / f"{self.prefix}-{self.count:02d}-{step}-{name}.png"
        await page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Shots:
    return Shots(request.node.name)


def create_board(server_url: str, title: str = "COPD workshop") -> dict[str, Any]:
    response = httpx.post(f"{server_url}/api/boards", json={"title": title}, timeout=10)
    assert response.status_code == 201, response.text
    made: dict[str, Any] = response.json()
    return made


def import_csv(server_url: str, board: dict[str, Any], text: str) -> dict[str, Any]:
    response = httpx.post(
        f"{server_url}/api/boards/{board['board_id']}/statements",
        content=text.encode(),
        headers={
            "Authorization": f"Bearer {board['facilitator_token']}",
            "Content-Type": "text/csv",
        },
        timeout=20,
    )
    assert response.status_code == 200, response.text
    report: dict[str, Any] = response.json()
    return report


async def assert_accessible(page: Any, label: str) -> None:
    """axe-core on the page as it is now: no serious or critical violations."""
    from axe_playwright_python.async_playwright import Axe

    results = await Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(str(n.get("target")) for n in v["nodes"][:5])
        for v in bad
    )
    assert not bad, f"axe on {label}:\n{report}"


# Measures what a thumb and an older eye need on a small phone.
PHONE_CHECK_JS = """
() => {
  const doc = document.documentElement;
  const visible = (el) => {
    if (!el.checkVisibility({checkOpacityProperty: false, checkVisibilityCSS: true})) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const describe = (el) => {
    const r = el.getBoundingClientRect();
    const name = (el.getAttribute('aria-label') || el.textContent || el.id || el.name || '')
      .trim().slice(0, 40);
    return `${el.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}x${Math.round(r.height)}`;
  };
  const small = [...document.querySelectorAll('button, a[href], input, select, textarea, summary')]
    .filter(visible)
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width < 44 || r.height < 44; })
    .map(describe);
  const tinyText = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || !visible(el)) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    const words = node.textContent.trim().slice(0, 30);
    if (size < 16) tinyText.push(`${el.tagName.toLowerCase()} ${size}px "${words}"`);
  }
  return {
    scrollWidth: Math.max(doc.scrollWidth, document.body.scrollWidth),
    clientWidth: doc.clientWidth,
    bodyFont: parseFloat(getComputedStyle(document.body).fontSize),
    small,
    tinyText,
  };
}
"""


WALL_CHECK_JS = """
() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || !el.checkVisibility({checkVisibilityCSS: true})) continue;
    if (el.closest('.cb-visually-hidden')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    const words = node.textContent.trim().slice(0, 30);
    if (size < 28) small.push(`${el.tagName.toLowerCase()} ${size}px "${words}"`);
  }
  return {small, overflowX: document.documentElement.scrollWidth > innerWidth};
}
"""


async def assert_wall_legible(page: Any, label: str) -> None:
    """Every word on the wall is at least 28px, and nothing runs off the side."""
    found = await page.evaluate(WALL_CHECK_JS)
    assert not found["small"], f"{label}: text under 28px: {found['small'][:10]}"
    assert not found["overflowX"], f"{label}: wider than the screen"


class Facilitator:
    """A facilitator without a browser (python-socketio), to set a scene quickly."""

    def __init__(self, server_url: str, board: dict[str, Any]) -> None:
        import socketio

        self.server_url = server_url
        self.board = board
        self.sio = socketio.AsyncClient(reconnection=False)
        self.state: dict[str, Any] = {}

    async def __aenter__(self) -> Facilitator:
        await self.sio.connect(
            self.server_url, transports=["websocket"],
            auth={"token": self.board["facilitator_token"]},
        )  # fmt: skip
        ack = await self.sio.call("join", {"token": self.board["facilitator_token"]}, timeout=10)
        assert ack["ok"], ack
        self.state = ack["board"]
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.sio.disconnect()

    async def command(self, **fields: Any) -> dict[str, Any]:
        import uuid

        ack: dict[str, Any] = await self.sio.call(
            "command", {"op": str(uuid.uuid4()), **fields}, timeout=10
        )
        assert ack["ok"], ack
        return ack

    async def statements(self) -> list[dict[str, Any]]:
        ack = await self.sio.call("join", {"token": self.board["facilitator_token"]}, timeout=10)
        found: list[dict[str, Any]] = ack["board"]["statements"]
        return found

    async def open_vote(self, items: list[str], **options: Any) -> str:
        for stage in ("collect", "theme", "prioritise"):
            await self.command(type="set_stage", stage=stage)
        await self.command(type="open_round", items=items, **options)
        ack = await self.sio.call("join", {"token": self.board["facilitator_token"]}, timeout=10)
        round_id: str = ack["board"]["rounds"][-1]["id"]
        return round_id


class Voter:
    """A participant without a browser, for groups big enough to be shown apart."""

    def __init__(self, server_url: str, code: str, group: str) -> None:
        import socketio

        self.server_url = server_url
        self.code = code
        self.group = group
        self.sio = socketio.AsyncClient(reconnection=False)

    async def __aenter__(self) -> Voter:
        await self.sio.connect(self.server_url, transports=["websocket"])
        ack = await self.sio.call("join", {"code": self.code, "group": self.group}, timeout=10)
        assert ack["ok"], ack
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.sio.disconnect()

    async def vote(self, round_id: str, item: str) -> None:
        import uuid

        ack = await self.sio.call(
            "command",
            {"op": str(uuid.uuid4()), "type": "vote", "round_id": round_id, "item": item},
            timeout=10,
        )
        assert ack["ok"], ack


async def assert_phone_friendly(page: Any, label: str) -> None:
    """No sideways scrolling, targets at least 44x44, text at least 16px."""
    found = await page.evaluate(PHONE_CHECK_JS)
    assert found["scrollWidth"] <= found["clientWidth"], (
        f"{label}: scrolls sideways ({found['scrollWidth']} > {found['clientWidth']})"
    )
    assert found["bodyFont"] >= 16, f"{label}: body text {found['bodyFont']}px"
    assert not found["small"], f"{label}: targets under 44x44: {found['small']}"
    assert not found["tinyText"], f"{label}: text under 16px: {found['tinyText'][:10]}"


async def open_tool(page: Any, name: str) -> Any:
    """Open a console tool (timer, people, undo, invite, links, data) from the top bar."""
    from playwright.async_api import expect

    await page.locator(f".js-tools [data-open='{name}']").click()
    dialog = page.locator(f"dialog.js-tool[data-tool='{name}']")
    await expect(dialog).to_be_visible()
    return dialog


async def close_tool(page: Any, name: str) -> None:
    """Close a console tool the way a keyboard does: Escape."""
    from playwright.async_api import expect

    await page.keyboard.press("Escape")
    await expect(page.locator(f"dialog.js-tool[data-tool='{name}']")).to_be_hidden()


async def confirm(page: Any, yes: str) -> None:
    """Answer the console's confirmation dialog with its yes button."""
    from playwright.async_api import expect

    dialog = page.locator("dialog.js-confirm")
    await expect(dialog).to_be_visible()
    await dialog.get_by_role("button", name=yes).click()
    await expect(dialog).to_be_hidden()
