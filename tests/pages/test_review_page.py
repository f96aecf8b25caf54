"""The review form on a tablet: one person's review lands on the board."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import (  # type: ignore[import-not-found]
    PHONE_SMALL,
    Facilitator,
    assert_accessible,
    assert_phone_friendly,
    create_board,
)
from playwright.async_api import expect

pytestmark = pytest.mark.browser

TABLET = {"width": 820, "height": 1180}

ANSWERS = {
    "working-1": "The rehab nurse phones me every week.",
    "working-2": "My neighbour does my shopping.",
    "not-working-1": "I wait hours for hospital transport.",
    "not-working-2": "Nobody explains my new inhaler.",
    "future-1": "I want to get to my granddaughter's wedding.",
    "future-2": "I'd like to try the singing group.",
}


def review_link(server_url: str, board: dict[str, Any]) -> str:
    return f"{server_url}/board/{board['board_id']}/review#t={board['facilitator_token']}"


async def open_form(
    browsers: Any, server_url: str, board: dict[str, Any], viewport: dict[str, int] = TABLET
) -> Any:
    page = await browsers.page("review", viewport)
    await page.goto(review_link(server_url, board))
    await expect(page.get_by_role("heading", name="Enter a review")).to_be_visible()
    return page


async def fill_review(page: Any, code: str, skip: str | None = None) -> None:
    await page.get_by_label("Review code").fill(code)
    for box, text in ANSWERS.items():
        if box != skip:
            await page.locator(f"#{box}").fill(text)


async def test_a_review_is_saved_with_its_choices_and_who_said_them(
    browsers: Any, server_url: str, shots: Any
) -> None:
    board = create_board(server_url, "Review day")
    page = await open_form(browsers, server_url, board)
    await fill_review(page, "R41")
    await page.locator("label[for='said-not-working-carer']").click()
    await page.get_by_role(
        "button", name="Add another statement for “What’s important for the future”"
    ).click()
    extra = page.get_by_label("Another thing they said (1)")
    await expect(extra).to_be_focused()
    await extra.fill("I want my own oxygen for the garden.")
    await expect(page.locator("#future-extra-1-count")).to_have_text(
        "You have 564 characters remaining"
    )
    await shots(page, "filled", "review", full_page=True)
    await page.get_by_role("button", name="Save this review").click()

    await expect(page.locator(".js-saved-text")).to_have_text("Review R41 saved: 7 statements")
    await expect(page.locator(".js-status")).to_have_text("Review R41 saved: 7 statements.")
    await expect(page.get_by_label("Review code")).to_have_value("")
    await expect(page.locator("#working-1")).to_have_value("")
    await expect(page.locator("#said-not-working-patient")).to_be_checked()
    await expect(page.locator(".js-extras textarea")).to_have_count(0)
    await shots(page, "saved", "review")

    async with Facilitator(server_url, board) as host:
        saved = [s for s in await host.statements() if s["review"] == "R41"]
    found = {(s["category"], s["priority"], s["person"], s["text"]) for s in saved}
    assert found == {
        ("working", 1, "patient", ANSWERS["working-1"]),
        ("working", 2, "patient", ANSWERS["working-2"]),
        ("not working", 1, "carer", ANSWERS["not-working-1"]),
        ("not working", 2, "carer", ANSWERS["not-working-2"]),
        ("future", 1, "patient", ANSWERS["future-1"]),
        ("future", 2, "patient", ANSWERS["future-2"]),
        ("future", 3, "patient", "I want my own oxygen for the garden."),
    }
    browsers.assert_no_errors()


async def test_a_review_code_already_used_is_refused_and_nothing_is_lost(
    browsers: Any, server_url: str, shots: Any
) -> None:
    board = create_board(server_url, "Review day")
    page = await open_form(browsers, server_url, board)
    await fill_review(page, "R7")
    await page.get_by_role("button", name="Save this review").click()
    await expect(page.locator(".js-saved-text")).to_have_text("Review R7 saved: 6 statements")

    await fill_review(page, "R7")
    await page.get_by_role("button", name="Save this review").click()
    error = page.locator(".js-submit-error")
    await expect(error).to_have_text("Review R7 is already on the board.")  # the server's words
    await expect(page.locator("#review-code-error")).to_be_visible()
    await expect(page.locator("#working-1")).to_have_value(ANSWERS["working-1"])  # kept
    await expect(page.locator(".js-saved")).to_be_hidden()
    await shots(page, "refused", "review")
    await assert_accessible(page, "review form, refused")
    async with Facilitator(server_url, board) as host:
        assert len([s for s in await host.statements() if s["review"] == "R7"]) == 6


async def test_an_incomplete_review_is_refused_before_sending(
    browsers: Any, server_url: str, shots: Any
) -> None:
    board = create_board(server_url, "Review day")
    page = await open_form(browsers, server_url, board)
    await fill_review(page, "R9", skip="working-2")
    await page.get_by_role("button", name="Save this review").click()
    summary = page.locator(".js-error-summary")
    await expect(summary).to_be_focused()
    await expect(summary.locator("li")).to_have_text(
        ["Enter the second most important thing for “What’s working”"]
    )
    await expect(page.locator("#working-2")).to_have_attribute("aria-invalid", "true")
    await summary.get_by_role("link").click()
    await expect(page.locator("#working-2")).to_be_focused()
    assert board["facilitator_token"] in page.url  # the link did not eat the key
    await shots(page, "incomplete", "review")
    await assert_accessible(page, "review form, incomplete")
    async with Facilitator(server_url, board) as host:
        assert await host.statements() == []
    browsers.assert_no_errors()


async def test_the_review_form_passes_axe_and_fits_a_small_screen(
    browsers: Any, server_url: str, shots: Any
) -> None:
    board = create_board(server_url, "Review day")
    page = await open_form(browsers, server_url, board)
    await assert_accessible(page, "review form")
    small = await open_form(browsers, server_url, board, PHONE_SMALL)
    await assert_phone_friendly(small, "review form at 320px")
    await shots(small, "320", "review", full_page=True)
    browsers.assert_no_errors()


async def test_a_link_without_a_facilitator_key_says_so(browsers: Any, server_url: str) -> None:
    board = create_board(server_url, "Review day")
    page = await browsers.page("review", TABLET)
    await page.goto(f"{server_url}/board/{board['board_id']}/review#t={board['wall_token']}")
    await expect(page.locator(".js-fatal")).to_be_visible()
