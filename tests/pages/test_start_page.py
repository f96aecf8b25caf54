"""The start page: make a board, or go to a workshop by its code."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import (  # type: ignore[import-not-found]
    LAPTOP,
    PHONE_SMALL,
    assert_accessible,
    assert_phone_friendly,
    open_tool,
)
from playwright.async_api import expect

pytestmark = pytest.mark.browser


async def test_create_board_opens_the_facilitator_console(
    browsers: Any, server_url: str, shots: Any
) -> None:
    page = await browsers.page("start", LAPTOP)
    await page.goto(server_url)
    await assert_accessible(page, "start page")
    await page.get_by_role("button", name="Create the board").click()
    await expect(page.locator(".js-title-error")).to_have_text("Enter a name for the workshop.")
    await page.get_by_label("Workshop name").fill("Breathe easy group")
    await page.get_by_label("Purpose (optional)").fill("What should change at the clinic.")
    await page.get_by_role("button", name="Create the board").click()
    await expect(page.locator(".js-links")).to_be_visible()
    await expect(page.locator(".js-link-join")).to_have_text(re.compile(r"/join/[A-Z0-9]{6}$"))
    await shots(page, "links", "start")
    await page.wait_for_url(re.compile(r"/board/[^/]+/facilitate#t="))
    await expect(page.locator(".js-board-title")).to_have_text("Breathe easy group")
    # The wall link is made on request (POST /api/boards/{id}/tokens).
    await expect(page.locator(".js-wall-link")).to_be_hidden()
    await open_tool(page, "links")
    await page.get_by_role("button", name="Get a wall link").click()
    await expect(page.locator(".js-wall-link")).to_be_visible()
    wall = await page.locator(".js-wall-link").get_attribute("href")
    assert wall and re.search(r"/wall#t=", wall)
    await shots(page, "console", "facilitator")
    await assert_accessible(page, "new facilitator console")
    browsers.assert_no_errors()


async def test_join_by_code_on_a_small_phone(browsers: Any, server_url: str) -> None:
    page = await browsers.page("start", PHONE_SMALL)
    await page.goto(server_url)
    await assert_phone_friendly(page, "start page")
    await page.get_by_label("Workshop code").fill("ab 12")
    await page.get_by_role("button", name="Join", exact=True).click()
    await expect(page.locator(".js-code-error")).to_contain_text("6 letters or numbers")
    await page.get_by_label("Workshop code").fill("ab12cd")
    await page.get_by_role("button", name="Join", exact=True).click()
    await page.wait_for_url(re.compile(r"/join/AB12CD$"))
