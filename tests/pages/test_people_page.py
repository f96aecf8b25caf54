"""Someone without a phone, in a real browser: the facilitator adds them and records for them.

They count in "N of M have voted" on the console and on the wall, and their
dot keeps to the budget as anyone's does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import LAPTOP, assert_accessible, open_tool  # type: ignore[import-not-found]
from playwright.async_api import expect

from tests.server.client import create_board, facilitator, import_csv, participant

pytestmark = pytest.mark.browser

DEMO = (Path(__file__).resolve().parents[2] / "server" / "demo" / "copd-reviews.csv").read_text()
TABLET = {"width": 1024, "height": 768}


async def test_a_facilitator_adds_someone_without_a_phone_and_votes_for_them(
    browsers: Any, live_server: Any, shots: Any
) -> None:
    url = live_server.url
    board = create_board(url, "People without phones")
    assert import_csv(url, board, DEMO).status_code == 200
    host = await facilitator(url, board)
    phone = await participant(url, board["join_code"], name="Dave", group="carer")
    page = await browsers.page("facilitator", LAPTOP)
    wall = await browsers.page("wall", {"width": 1280, "height": 720})
    await page.goto(board["links"]["facilitator"])
    await wall.goto(board["links"]["wall"])
    await open_tool(page, "people")
    people = page.locator(".js-people")
    await expect(people.locator(".js-people-count")).to_have_text("1 person joined.")

    # A name the board already has is refused, and says why.
    form = people.locator(".js-add-person")
    await form.get_by_label("Name or label").fill("dave")
    await form.get_by_label("Group").select_option(label="Patient")
    await form.get_by_role("button", name="Add this person").click()
    await expect(people.locator(".js-panel-error")).to_contain_text("Someone called “dave”")

    await form.get_by_label("Name or label").fill("Table 3, patient")
    await form.get_by_role("button", name="Add this person").click()
    await expect(people.locator(".js-people-count")).to_have_text("2 people joined.")
    await expect(people.locator(".js-people-no-phone")).to_contain_text(
        "1 person is in the room without a phone"
    )
    await expect(people.locator(".js-presence")).to_have_text(
        "Here now: 1 person on phones, and 1 in the room without a phone."
    )
    row = people.locator(".cb-person", has_text="Table 3, patient")
    await expect(row.locator(".cb-person__tag")).to_have_text("In the room, no phone")
    await assert_accessible(page, "console with a person added")

    # A blind vote of 2 dots, at most 1 on one item; the facilitator records theirs.
    await host.ok("set_stage", stage="prioritise")
    items = [s["id"] for s in host.ack["board"]["statements"][:3]]
    seq = await host.ok("open_round", items=items, dots_per_person=2, max_per_item=1)
    await host.wait_for_seq(seq)
    round_id = host.events[-1]["round"]["id"]
    await row.get_by_role("button", name="Record for them").click()
    recorder = page.locator(".js-recorder-dialog")
    await expect(recorder.get_by_role("heading", level=2)).to_have_text(
        "Recording for Table 3, patient (Patient, no phone)"
    )
    first = recorder.locator(".cb-recorder__item").nth(0)
    await first.get_by_role("button", name="Add a dot").click()
    await expect(recorder.locator(".js-recorder-done")).to_contain_text(
        "Dot recorded for Table 3, patient"
    )
    await shots(page, "recorder", "laptop-1280")
    progress = page.locator(".js-round-progress")
    await expect(progress).to_contain_text("1 of 2 people have voted")
    await expect(wall.locator("body")).to_contain_text("1 of 2")

    # Their budget holds as anyone's: one per item, two in all.
    await first.get_by_role("button", name="Add a dot").click()
    await expect(recorder.locator(".js-recorder-error")).to_contain_text("only 1 dot on one")
    items_shown = recorder.locator(".cb-recorder__item")
    await items_shown.nth(1).get_by_role("button", name="Add a dot").click()
    await expect(items_shown.nth(1)).to_contain_text("1 dot from here")
    await items_shown.nth(2).get_by_role("button", name="Add a dot").click()
    await expect(recorder.locator(".js-recorder-error")).to_contain_text("All 2 dots are used")
    await assert_accessible(page, "recorder")
    await recorder.get_by_role("button", name="Done recording").click()
    await expect(recorder).to_be_hidden()
    await expect(row.get_by_role("button", name="Record for them")).to_be_focused()

    # The phone's person votes too; both are counted once each.
    await phone.ok("vote", round_id=round_id, item=items[0])
    await expect(progress).to_contain_text("2 of 2 people have voted")
    await page.set_viewport_size(TABLET)
    await shots(page, "voted", "tablet-1024")
    await shots(wall, "voted", "wall-1280")
    browsers.assert_no_errors()
    await host.close()
    await phone.close()
