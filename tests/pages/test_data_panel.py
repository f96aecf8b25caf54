"""The facilitator's Report and data panel: files out, a board back in, the board deleted."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import LAPTOP, open_tool  # type: ignore[import-not-found]
from playwright.async_api import expect

from tests.server.test_exports import finished_workshop

pytestmark = pytest.mark.browser


async def open_panel(browsers: Any, board: dict[str, Any], server_url: str) -> Any:
    page = await browsers.page("facilitator", LAPTOP, accept_downloads=True, timezone_id="UTC")
    link = board["links"]["facilitator"].replace("http://localhost", "http://127.0.0.1")
    assert link.startswith(server_url)
    await page.goto(link)
    await open_tool(page, "data")
    panel = page.locator("#js-data-panel")
    await expect(panel.locator(".js-retention")).to_contain_text("will be deleted on")
    return page, panel


async def download(page: Any, panel: Any, file: str, into: Path, named: str) -> Path:
    """Click a download; the file takes the server's name (Content-Disposition)."""
    async with page.expect_download() as started:
        await panel.locator(f"button[data-file='{file}']").click()
    got = await started.value
    assert got.suggested_filename == named, got.suggested_filename
    path = into / got.suggested_filename
    await got.save_as(path)
    return path


async def test_the_panel_downloads_the_data_and_restores_a_saved_board(
    browsers: Any, live_server: Any, shots: Any, tmp_path: Path
) -> None:
    board, host, phones = await finished_workshop(live_server)
    page, panel = await open_panel(browsers, board, live_server.url)
    state = (await host.sio.call("sync", {"since": 0}))["snapshot"]
    day = datetime.fromtimestamp(state["retain_until_ms"] / 1000, tz=UTC)
    await expect(panel.locator(".js-retention")).to_have_text(
        re.compile(rf"This board and everything in it will be deleted on {day.day} {day:%B %Y}\.")
    )

    prefix = f"changeboard-{board['board_id']}"
    statements = await download(page, panel, "statements.csv", tmp_path, f"{prefix}-statements.csv")
    text = statements.read_text(encoding="utf-8")
    assert text.startswith("\ufeffreview,person,category,priority,statement,theme")
    assert len(text.strip().splitlines()) == 282  # the header and 281 statements
    saved = await download(page, panel, "export.json", tmp_path, f"{prefix}-board.json")
    document = json.loads(saved.read_text())
    assert document["title"] == "COPD workshop"
    await expect(panel.locator(".js-data-status")).to_have_text(f"Saved {saved.name}.")

    # The saved board restores as a new board, with its own facilitator link.
    await panel.get_by_label("Choose a saved board (.json)").set_input_files(str(saved))
    restored = panel.locator(".js-restored-link")
    await expect(restored).to_be_visible()
    href = await restored.get_attribute("href")
    assert "/facilitate#t=" in href and board["board_id"] not in href
    new_id = href.split("/board/")[1].split("/")[0]
    new_token = href.split("#t=")[1]
    report = httpx.get(
        f"{live_server.url}/api/boards/{new_id}/report.json",
        headers={"Authorization": f"Bearer {new_token}"},
    ).json()
    assert [t["title"] for t in report["top_themes"]] == ["Appointments", "Feeling low"]

    # A file that is not a saved board gets the server's reason.
    wrong = tmp_path / "notes.json"
    wrong.write_text('{"hello": "world"}')
    await panel.get_by_label("Choose a saved board (.json)").set_input_files(str(wrong))
    await expect(panel.locator(".js-restore-error")).to_contain_text("This is not a saved board")

    # While a vote is open the board is not saved, and the panel says why.
    themes = [t["id"] for t in state["themes"]]
    await host.ok("open_round", items=themes[:2])
    await panel.locator("button[data-file='export.json']").click()
    await expect(panel.locator(".js-data-error")).to_be_visible()
    message = httpx.get(
        f"{live_server.url}/api/boards/{board['board_id']}/export.json",
        headers={"Authorization": f"Bearer {board['facilitator_token']}"},
    ).json()["error"]["message"]
    await expect(panel.locator(".js-data-error")).to_have_text(message)
    await panel.screenshot(path=str(shots_dir(shots) / "data-panel-refused.png"))
    for client in [host, *phones]:
        await client.close()
    # The browser logs the two refusals this test asked for (400 and 409); nothing else.
    for watch in browsers.watches:
        watch.errors = [e for e in watch.errors if not re.search(r"status of (400|409)\b", e)]
    browsers.assert_no_errors()


def shots_dir(shots: Any) -> Path:
    from conftest import SCREENSHOTS  # type: ignore[import-not-found]

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return Path(SCREENSHOTS)


async def assert_panel_accessible(page: Any) -> None:
    """axe on the panel alone (the rest of the console is tested with its own page)."""
    from axe_playwright_python.async_playwright import Axe

    await page.locator("summary", has_text="Delete this board").click()  # the form inside too
    results = await Axe().run(page, context="#js-data-panel")
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, [(v["id"], [n.get("target") for n in v["nodes"][:3]]) for v in bad]


async def test_a_report_share_link_is_made_and_opens_the_report(
    browsers: Any, live_server: Any
) -> None:
    board, host, phones = await finished_workshop(live_server)
    for client in [host, *phones]:
        await client.close()
    _page, panel = await open_panel(browsers, board, live_server.url)
    await expect(panel.get_by_role("link", name="Open the report")).to_have_attribute(
        "href", re.compile(rf"/board/{board['board_id']}/report#t=")
    )
    await expect(panel.get_by_role("link", name="Open the review form")).to_have_attribute(
        "href", re.compile(rf"/board/{board['board_id']}/review#t=")
    )
    await assert_panel_accessible(panel.page)
    await panel.get_by_role("button", name="Make a report share link").click()
    link = await panel.locator(".js-share-link").input_value()
    assert f"/board/{board['board_id']}/report#t=" in link
    assert board["facilitator_token"] not in link
    await panel.get_by_role("button", name="Copy the link").click()
    await expect(panel.locator(".js-copied")).not_to_be_empty()

    reader = await browsers.page("reader", LAPTOP)
    await reader.goto(link.replace("http://localhost", "http://127.0.0.1"))
    await expect(reader.locator(".js-summary .cb-report-top")).to_have_count(2)
    browsers.assert_no_errors()


async def test_deleting_needs_the_title_typed_then_the_board_is_gone(
    browsers: Any, live_server: Any, shots: Any
) -> None:
    board, host, phones = await finished_workshop(live_server)
    for client in [host, *phones]:
        await client.close()
    page, panel = await open_panel(browsers, board, live_server.url)
    await panel.locator("summary", has_text="Delete this board").click()
    confirm = panel.get_by_label("Type the board’s title to confirm")
    await confirm.fill("Some other board")
    await panel.get_by_role("button", name="Delete this board for good").click()
    await expect(panel.locator(".js-delete-error")).to_contain_text("not the board’s title")
    await expect(confirm).to_be_focused()
    base = f"{live_server.url}/api/boards/{board['board_id']}"
    headers = {"Authorization": f"Bearer {board['facilitator_token']}"}
    assert httpx.get(f"{base}/report.json", headers=headers).status_code == 200  # still there

    await confirm.fill("COPD workshop")
    await panel.get_by_role("button", name="Delete this board for good").click()
    deleted = panel.locator(".js-deleted")
    await expect(deleted).to_be_focused()
    await expect(deleted).to_contain_text("Deleted.")
    await expect(deleted).to_contain_text("“COPD workshop” and everything in it has been deleted")
    await shots(page, "deleted", "facilitator")
    assert httpx.get(f"{base}/report.json", headers=headers).status_code in (401, 404)
