"""Coming back as yourself, in a real browser: a new phone on day two, a shared
tablet, and a facilitator's new link for someone.

Each person's dots are counted once, under their name, whichever device they use.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import (  # type: ignore[import-not-found]
    LAPTOP,
    PHONE_SMALL,
    Facilitator,
    assert_accessible,
    assert_phone_friendly,
    create_board,
    import_csv,
    open_tool,
)
from playwright.async_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
CSV = (
    "review,person,category,priority,statement\n"
    "R01,patient,not working,1,I wait weeks for a call back.\n"
    "R02,carer,working,1,The nurse listens to me.\n"
    "R03,patient,future,1,I want to go to the pub again.\n"
)


async def join(page: Any, url: str, code: str, name: str, group: str) -> None:
    await page.goto(f"{url}/join/{code}")
    await page.get_by_label("Your first name (optional)").fill(name)
    await page.locator("label.cb-choice__label", has_text=group).click()
    await page.get_by_role("button", name="Join the workshop").click()
    await expect(page.locator(".js-board-view")).to_be_visible()


async def add_dot(page: Any, nth: int) -> None:
    await page.locator(".cb-vote").nth(nth).get_by_role("button", name="Add a dot").click()


async def people_count(facilitator: Facilitator) -> int:
    ack = await facilitator.sio.call("join", {"token": facilitator.board["facilitator_token"]})
    return int(ack["board"]["participants"]["count"])


async def test_a_phone_on_day_two_rejoins_with_its_code(
    browsers: Any, server_url: str, shots: Any
) -> None:
    board = create_board(server_url, "Day two")
    import_csv(server_url, board, CSV)
    async with Facilitator(server_url, board) as facilitator:
        items = [s["id"] for s in await facilitator.statements()]
        await facilitator.open_vote(items, dots_per_person=3, max_per_item=2)
        first = await browsers.page("first phone", PHONE_SMALL)
        await join(first, server_url, board["join_code"], "Pat", "Patient")
        await add_dot(first, 0)
        await expect(first.locator(".js-dots-left")).to_have_text("2 dots left of 3")

        # The phone shows its person their code, where they can find it again.
        await first.get_by_role("button", name="Menu").click()
        sheet = first.locator(".js-you-sheet")
        await expect(sheet.get_by_role("heading", name="You on this device")).to_be_visible()
        await expect(sheet.locator(".js-you-who")).to_have_text("You joined as Pat, patient.")
        shown = (await sheet.locator(".js-rejoin-code [aria-hidden]").text_content() or "").strip()
        assert re.fullmatch(r"[A-HJ-NP-Z2-9]{3} [A-HJ-NP-Z2-9]{3}", shown), shown
        await expect(sheet.locator(".js-rejoin-qr")).to_be_visible()
        await assert_accessible(first, "the phone's menu")
        await shots(first, "code", "phone-320")
        await assert_phone_friendly(first, "the phone's menu")
        await sheet.get_by_role("button", name="Close").click()

        # Day two, a new phone: the workshop code, then "I have joined before".
        second = await browsers.page("new phone", PHONE)
        await second.goto(f"{server_url}/join/{board['join_code']}")
        await second.get_by_text("I have joined before, on another phone or tablet").click()
        await second.get_by_label("Your rejoin code").fill("ZZZ ZZZ")
        await second.get_by_role("button", name="Come back as me").click()
        await expect(second.locator(".js-rejoin-error")).to_contain_text(
            "That is not a rejoin code for this workshop"
        )
        await shots(second, "wrong", "phone-360")
        await assert_accessible(second, "a wrong rejoin code")
        await second.get_by_label("Your rejoin code").fill(shown.lower())
        await second.get_by_role("button", name="Come back as me").click()
        await expect(second.locator(".js-board-view")).to_be_visible()
        await expect(second.locator(".js-you")).to_have_text("You joined as Pat, patient.")
        await expect(second.locator(".js-dots-left")).to_have_text("2 dots left of 3")
        await expect(second.locator(".cb-vote--chosen")).to_have_count(1)
        await shots(second, "back", "phone-360")
        # The same budget on both: a dot here is gone from the first phone too.
        await add_dot(second, 1)
        await expect(first.locator(".js-dots-left")).to_have_text("1 dot left of 3")

        # A third device scans the QR code: its link signs it in at once.
        link = f"{server_url}/join/{board['join_code']}#rejoin={shown.replace(' ', '')}"
        third = await browsers.page("tablet", PHONE)
        await third.goto(link)
        await expect(third.locator(".js-you")).to_have_text("You joined as Pat, patient.")
        await expect(third.locator(".js-dots-left")).to_have_text("1 dot left of 3")
        assert "#" not in third.url  # the code does not stay in the address
        # Its own menu shows the same code, to go on to yet another device.
        await third.get_by_role("button", name="Use another phone or tablet").click()
        await expect(third.locator(".js-rejoin-code [aria-hidden]")).to_have_text(shown)
        assert await people_count(facilitator) == 1
    browsers.assert_no_errors()


async def test_a_shared_tablet_switches_people_without_mixing_their_dots(
    browsers: Any, server_url: str, shots: Any
) -> None:
    board = create_board(server_url, "One tablet, two people")
    import_csv(server_url, board, CSV)
    async with Facilitator(server_url, board) as facilitator:
        items = [s["id"] for s in await facilitator.statements()]
        round_id = await facilitator.open_vote(items, dots_per_person=3, max_per_item=2)
        tablet = await browsers.page("tablet", PHONE)
        await join(tablet, server_url, board["join_code"], "Ann", "Patient")
        await add_dot(tablet, 0)
        await expect(tablet.locator(".js-dots-left")).to_have_text("2 dots left of 3")

        await tablet.get_by_role("button", name="Menu").click()
        await tablet.get_by_role("button", name="Someone else joins here").click()
        await expect(tablet.locator(".js-join-view")).to_be_visible()
        await expect(tablet.locator(".js-switch-list")).to_contain_text(
            "Switch back to Ann, patient"
        )
        await join(tablet, server_url, board["join_code"], "Bob", "Carer")
        await expect(tablet.locator(".js-dots-left")).to_have_text("3 dots left of 3")
        await expect(tablet.locator(".cb-vote--chosen")).to_have_count(0)
        await add_dot(tablet, 1)
        await add_dot(tablet, 1)
        await expect(tablet.locator(".js-dots-left")).to_have_text("1 dot left of 3")

        await tablet.get_by_role("button", name="Menu").click()
        await shots(tablet, "switch", "phone-360")
        await assert_accessible(tablet, "switching person")
        await tablet.get_by_role("button", name="Switch to Ann, patient").click()
        await expect(tablet.locator(".js-you")).to_have_text("You joined as Ann, patient.")
        await expect(tablet.locator(".js-dots-left")).to_have_text("2 dots left of 3")
        chosen = tablet.locator(".cb-vote--chosen")
        await expect(chosen).to_have_count(1)
        await expect(chosen).to_have_attribute("data-item", items[0])

        await tablet.set_viewport_size(PHONE_SMALL)
        await tablet.get_by_role("button", name="Menu").click()
        await tablet.get_by_role("button", name="Switch to Bob, carer").click()
        await expect(tablet.locator(".js-you")).to_have_text("You joined as Bob, carer.")
        await expect(tablet.locator(".js-dots-left")).to_have_text("1 dot left of 3")

        # Counted once each, under their own names.
        await facilitator.command(type="close_round", round_id=round_id)
        ack = await facilitator.sio.call("join", {"token": board["facilitator_token"]})
        closed = next(r for r in ack["board"]["rounds"] if r["id"] == round_id)
        assert (closed["voters"], closed["dots_cast"]) == (2, 3)
        names = sorted(p["name"] for p in ack["board"]["participants"]["people"])
        assert names == ["Ann", "Bob"]
    browsers.assert_no_errors()


async def test_a_facilitator_gives_someone_a_new_link_and_their_old_phone_is_signed_out(
    browsers: Any, server_url: str, shots: Any
) -> None:
    board = create_board(server_url, "A lost phone")
    import_csv(server_url, board, CSV)
    async with Facilitator(server_url, board) as facilitator:
        items = [s["id"] for s in await facilitator.statements()]
        await facilitator.open_vote(items, dots_per_person=3, max_per_item=2)
        old = await browsers.page("old phone", PHONE)
        await join(old, server_url, board["join_code"], "Sam", "Carer")
        await add_dot(old, 2)
        await facilitator.command(type="add_person", name="Table 3, patient", group="patient")

        console = await browsers.page("facilitator", LAPTOP)
        await console.goto(board["links"]["facilitator"])
        await open_tool(console, "people")
        row = console.locator(".cb-person", has_text="Sam")
        await row.get_by_role("button", name="New link").click()
        confirm = console.locator(".js-confirm")
        await expect(confirm).to_contain_text("A new link for Sam?")
        await confirm.get_by_role("button", name="Make a new link").click()
        shown = console.locator(".js-person-link-dialog")
        await expect(shown.get_by_role("heading", level=2)).to_have_text(
            "Rejoin code for Sam (Carer)"
        )
        code = (await shown.locator(".js-person-code").text_content() or "").strip()
        assert re.fullmatch(r"[A-HJ-NP-Z2-9]{3} [A-HJ-NP-Z2-9]{3}", code), code
        await assert_accessible(console, "a person's new code")
        await shots(console, "new-link", "laptop-1280")

        # The old phone is signed out at once, back at the join page.
        await expect(old.locator(".js-join-view")).to_be_visible()
        await expect(old.locator(".js-signed-out")).to_contain_text(
            "This phone or tablet was signed out"
        )
        await expect(old.get_by_label("Your rejoin code")).to_be_visible()
        await expect(old.locator(".js-switch-list")).to_have_count(0)
        # The new one comes back as Sam, with Sam's dot.
        new = await browsers.page("new phone", PHONE_SMALL)
        await new.goto(f"{server_url}/join/{board['join_code']}")
        await new.get_by_text("I have joined before, on another phone or tablet").click()
        await new.get_by_label("Your rejoin code").fill(code)
        await new.get_by_role("button", name="Come back as me").click()
        await expect(new.locator(".js-you")).to_have_text("You joined as Sam, carer.")
        await expect(new.locator(".js-dots-left")).to_have_text("2 dots left of 3")

        await shown.get_by_role("button", name="Done").click()
        await expect(shown).to_be_hidden()
        await expect(shown.locator(".js-person-code")).to_have_count(0)  # not kept on the page
        # Someone without a phone is offered a code to start on one.
        their = console.locator(".cb-person", has_text="Table 3, patient")
        await expect(their.get_by_role("button", name="Code for a phone")).to_be_visible()
    browsers.assert_no_errors()
