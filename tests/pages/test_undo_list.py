"""A facilitator console opened after a slip still offers to undo it."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import (  # type: ignore[import-not-found]
    LAPTOP,
    Facilitator,
    create_board,
    open_tool,
)
from playwright.async_api import expect

pytestmark = pytest.mark.browser


async def test_a_console_opened_later_lists_the_slips_it_can_undo(
    browsers: Any, server_url: str
) -> None:
    board = create_board(server_url, "Undo later")
    async with Facilitator(server_url, board) as host:
        await host.command(type="set_stage", stage="theme")
        for title in ("Appointments", "Waiting"):
            await host.command(type="create_theme", category="not working", title=title)
        await host.command(type="merge_themes", theme_id="t2", into_id="t1")
    page = await browsers.page("facilitator", LAPTOP)
    await page.goto(board["links"]["facilitator"].replace("localhost", "127.0.0.1"))
    listed = page.locator(".js-undo-list")
    await expect(listed).to_contain_text("Bring back the theme “Waiting”")
    await expect(listed).to_contain_text("Go back to “Get ready”")
    # Making a theme can be undone too ("Waiting" was merged away, so only "Appointments").
    await expect(listed).to_contain_text("Remove the theme “Appointments”.")
    await expect(page.locator(".js-open-undo")).to_have_text("Undo (3)")
    await open_tool(page, "undo")
    await listed.get_by_role("button", name="Undo… Bring back the theme “Waiting”").click()
    await expect(page.locator("dialog.js-confirm")).to_contain_text("Bring back the theme")
