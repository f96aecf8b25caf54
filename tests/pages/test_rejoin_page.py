"""Coming back as yourself, in a real browser: a new phone on day two, a shared
tablet, and a facilitator's new link for someone.

Each person's dots are counted once, under their name, whichever device they use.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
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


@asynccontextmanager
async def a_vote(server_url: str, title: str) -> AsyncIterator[tuple[Any, Facilitator, str]]:
    """A board of CSV's statements, a vote open on them all: 3 dots each, at most 2 on one."""
    board = create_board(server_url, title)
    import_csv(server_url, board, CSV)
    async with Facilitator(server_url, board) as facilitator:
        items = [s["id"] for s in await facilitator.statements()]
        round_id = await facilitator.open_vote(items, dots_per_person=3, max_per_item=2)
        yield board, facilitator, round_id


async def board_now(facilitator: Facilitator) -> Any:
    """The board as the facilitator's console would be given it now."""
    ack = await facilitator.sio.call("join", {"token": facilitator.board["facilitator_token"]})
    return ack["board"]


async def people_count(facilitator: Facilitator) -> int:
    return int((await board_now(facilitator))["participants"]["count"])


async def test_a_phone_on_day_two_rejoins_with_its_code(
    browsers: Any, server_url: str, shots: Any
) -> None:
    async with a_vote(server_url, "Day two") as (board, facilitator, _):
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
    async with a_vote(server_url, "One tablet, two people") as (board, facilitator, round_id):
        items = [s["id"] for s in await facilitator.statements()]
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
    async with a_vote(server_url, "A lost phone") as (board, facilitator, _):
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


# Everything this page keeps in localStorage, keys and values, as one string.
STORAGE = "() => JSON.stringify(Object.entries(localStorage))"


async def device_token(page: Any, code: str) -> str:
    token = await page.evaluate(f"() => localStorage.getItem('changeboard:participant:{code}')")
    assert token, "signed in, the device keeps a token"
    return str(token)


async def round_now(facilitator: Facilitator) -> tuple[int, int, int]:
    """People on the board, voters and dots of the open vote."""
    board = await board_now(facilitator)
    round_ = board["rounds"][-1]
    return board["participants"]["count"], round_["voters"], round_["dots_cast"]


async def round_becomes(facilitator: Facilitator, expected: tuple[int, int, int]) -> None:
    """Waits (up to 10 s) until the board says `expected` of round_now: a tap the phone
    shows at once may still be on its way to the server."""
    deadline = asyncio.get_running_loop().time() + 10
    while (now := await round_now(facilitator)) != expected:
        assert asyncio.get_running_loop().time() < deadline, (now, expected)
        await asyncio.sleep(0.1)


async def sign_out(page: Any) -> None:
    """Menu, "Sign me out of this device", "Yes, sign me out": all by keyboard."""
    await page.get_by_role("button", name="Menu").click()
    await page.get_by_role("button", name="Sign me out of this device").focus()
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("heading", name="Sign out of this device?")).to_be_focused()
    await page.keyboard.press("Tab")
    await expect(page.get_by_role("button", name="Yes, sign me out")).to_be_focused()
    await page.keyboard.press("Enter")
    await expect(page.locator(".js-join-view")).to_be_visible()


async def rejoin_with(page: Any, code: str) -> None:
    await page.get_by_text("I have joined before, on another phone or tablet").click()
    await page.get_by_label("Your rejoin code").fill(code)
    await page.get_by_role("button", name="Come back as me").click()
    await expect(page.locator(".js-board-view")).to_be_visible()


async def test_signing_out_of_a_phone_leaves_no_token_and_keeps_the_dots(
    browsers: Any, server_url: str, shots: Any
) -> None:
    async with a_vote(server_url, "A borrowed phone") as (board, facilitator, _):
        phone = await browsers.page("phone", PHONE_SMALL)
        await join(phone, server_url, board["join_code"], "Pat", "Patient")
        await add_dot(phone, 0)
        await add_dot(phone, 1)
        await expect(phone.locator(".js-dots-left")).to_have_text("1 dot left of 3")
        console = await browsers.page("console", LAPTOP)
        await console.goto(board["links"]["facilitator"])
        progress = console.locator(".js-round-progress")
        await expect(progress).to_contain_text("1 of 1 person has voted. 2 dots used.")
        token = await device_token(phone, board["join_code"])

        # The menu says what signing out keeps, and "No" changes nothing.
        await phone.get_by_role("button", name="Menu").click()
        sheet = phone.locator(".js-you-sheet")
        code = (await sheet.locator(".js-rejoin-code [aria-hidden]").text_content() or "").strip()
        await assert_phone_friendly(phone, "the menu with 'Sign me out'")
        await sheet.get_by_role("button", name="Sign me out of this device").click()
        asked = sheet.locator(".js-sign-out-confirm")
        await expect(asked).to_contain_text("Your dots are kept. They still count.")
        await expect(asked).to_contain_text("Your rejoin code still works, on any phone or tablet")
        await expect(asked.locator(".cb-rejoin-code [aria-hidden]")).to_have_text(code)
        await expect(asked).to_contain_text("The next person to use it cannot vote as you.")
        await shots(phone, "sign-out", "phone-320")
        await assert_phone_friendly(phone, "'Sign out of this device?'")
        await assert_accessible(phone, "'Sign out of this device?'")
        await sheet.get_by_role("button", name="No, stay signed in").click()
        await expect(sheet.get_by_role("button", name="Sign me out of this device")).to_be_focused()
        await sheet.get_by_role("button", name="Close").click()
        await expect(phone.locator(".js-you")).to_have_text("You joined as Pat, patient.")

        # Signed out: the join page, and nothing of Pat's left on the phone.
        await sign_out(phone)
        await expect(phone.locator(".js-left")).to_contain_text(
            "You are signed out of this phone or tablet. Your dots are kept."
        )
        await expect(phone.locator(".js-switch-list")).to_have_count(0)
        await shots(phone, "signed-out", "phone-320")
        await assert_phone_friendly(phone, "the join page after signing out")
        kept = await phone.evaluate(STORAGE)
        for secret in (token, token[-16:], code, code.replace(" ", "")):
            assert secret not in kept, f"{secret[:6]}… is still on the phone: {kept[:300]}"
        await phone.reload()
        await expect(phone.locator(".js-join-view")).to_be_visible()  # not signed in again

        # On the server Pat is still there, with both dots.
        await expect(progress).to_contain_text("1 of 1 person has voted. 2 dots used.")
        await round_becomes(facilitator, (1, 1, 2))

        # Back on the same phone with the code: the same person, the same dots.
        await rejoin_with(phone, code)
        await expect(phone.locator(".js-you")).to_have_text("You joined as Pat, patient.")
        await expect(phone.locator(".js-dots-left")).to_have_text("1 dot left of 3")
        await expect(phone.locator(".cb-vote--chosen")).to_have_count(2)
        await round_becomes(facilitator, (1, 1, 2))
    browsers.assert_no_errors()


async def test_signing_out_of_a_borrowed_tablet_goes_back_to_its_own_people(
    browsers: Any, server_url: str
) -> None:
    async with a_vote(server_url, "A friend's tablet") as (board, facilitator, _):
        # Pat joined on her own phone; her code shows in its menu.
        own = await browsers.page("Pat's phone", PHONE)
        await join(own, server_url, board["join_code"], "Pat", "Patient")
        await add_dot(own, 2)
        await own.get_by_role("button", name="Menu").click()
        shown = own.locator(".js-you-sheet .js-rejoin-code [aria-hidden]")
        code = (await shown.text_content() or "").strip()
        # Ann's tablet: Ann votes, then lends it to Pat, who signs in with her code.
        tablet = await browsers.page("Ann's tablet", PHONE)
        await join(tablet, server_url, board["join_code"], "Ann", "Carer")
        await add_dot(tablet, 0)
        ann = await device_token(tablet, board["join_code"])
        await tablet.get_by_role("button", name="Menu").click()
        await tablet.get_by_role("button", name="Someone else joins here").click()
        await expect(tablet.locator(".js-join-view")).to_be_visible()
        await rejoin_with(tablet, code)
        await expect(tablet.locator(".js-you")).to_have_text("You joined as Pat, patient.")
        await add_dot(tablet, 1)
        await expect(tablet.locator(".js-dots-left")).to_have_text("1 dot left of 3")
        pat = await device_token(tablet, board["join_code"])

        # Pat signs out: the tablet offers Ann back, and keeps nothing of Pat's.
        await sign_out(tablet)
        await expect(tablet.locator(".js-switch-list button")).to_have_text(
            ["Switch back to Ann, carer"]
        )
        kept = await tablet.evaluate(STORAGE)
        for secret in (pat, pat[-16:], code, code.replace(" ", "")):
            assert secret not in kept, f"{secret[:6]}… is still on the tablet"
        assert ann in kept
        await round_becomes(facilitator, (2, 2, 3))
        await tablet.get_by_role("button", name="Switch back to Ann, carer").click()
        await expect(tablet.locator(".js-you")).to_have_text("You joined as Ann, carer.")
        await expect(tablet.locator(".js-dots-left")).to_have_text("2 dots left of 3")
        # Pat's own phone is still signed in as Pat, with both her dots.
        await own.reload()
        await expect(own.locator(".js-you")).to_have_text("You joined as Pat, patient.")
        await expect(own.locator(".js-dots-left")).to_have_text("1 dot left of 3")
    browsers.assert_no_errors()
