"""The second workshop day in real browsers: a wall and two phones, one at 320px.

The facilitator is a python-socketio client (its console is tested apart);
the phones and the wall are the real pages.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from conftest import (  # type: ignore[import-not-found]
    PHONE,
    PHONE_SMALL,
    WALL,
    Facilitator,
    assert_accessible,
    assert_phone_friendly,
    assert_wall_legible,
    create_board,
    import_csv,
)
from playwright.async_api import expect

pytestmark = pytest.mark.browser

CSV = (
    "review,person,category,priority,statement\n"
    "R01,patient,not working,1,I can't get an appointment when I need one.\n"
    "R02,carer,not working,1,Nobody calls back after a stay in hospital.\n"
    "R03,patient,working,1,The rehab class keeps me going.\n"
)
I_STATEMENT = "I can't get appointments when I want them"


async def board_now(host: Facilitator) -> dict[str, Any]:
    ack = await host.sio.call("join", {"token": host.board["facilitator_token"]}, timeout=10)
    board: dict[str, Any] = ack["board"]
    return board


async def to_stage(host: Facilitator, stage: str) -> None:
    await host.command(type="set_stage", stage=stage)


async def join(page: Any, server_url: str, code: str, name: str, group: str) -> None:
    await page.goto(f"{server_url}/join/{code}")
    await page.get_by_label("Your first name (optional)").fill(name)
    await page.locator("label.cb-choice__label", has_text=group).click()
    await page.get_by_role("button", name="Join the workshop").click()
    await expect(page.locator(".js-board-view")).to_be_visible()


async def check_phones(phones: dict[str, Any], label: str) -> None:
    for name, page in phones.items():
        await assert_phone_friendly(page, f"{name} {label}")
        await assert_accessible(page, f"{name} {label}")


async def check_wall(wall: Any, label: str) -> None:
    await assert_wall_legible(wall, f"wall {label}")
    await assert_accessible(wall, f"wall {label}")


def rate_card(page: Any, idea_id: str) -> Any:
    return page.locator(f'.cb-rate[data-idea="{idea_id}"]')


async def test_day_two_walkthrough(browsers: Any, server_url: str, shots: Any) -> None:
    board = create_board(server_url, "COPD day two")
    import_csv(server_url, board, CSV)
    wall = await browsers.page("wall", WALL)
    small = await browsers.page("phone-320", PHONE_SMALL)
    pro = await browsers.page("phone-pro", PHONE)
    phones = {"phone-320": small, "phone-pro": pro}

    async def snap(step: str) -> None:
        await shots(wall, step, "wall")
        await shots(small, step, "phone-320", full_page=True)
        await shots(small, step, "phone-320-top")
        await shots(pro, step, "phone-pro", full_page=True)

    async with Facilitator(server_url, board) as host:
        for stage in ("collect", "theme"):
            await to_stage(host, stage)
        await host.command(
            type="create_theme",
            category="not working",
            title="Appointments",
            i_statement=I_STATEMENT,
        )
        theme = next(t for t in (await board_now(host))["themes"] if t["title"] == "Appointments")
        await host.command(type="carry_forward", items=[theme["id"]])
        await to_stage(host, "prioritise")

        await wall.goto(board["links"]["wall"])
        await join(small, server_url, board["join_code"], "Pat", "Patient")
        await join(pro, server_url, board["join_code"], "Sam", "Professional")

        # ---- understand: add reasons, then ask why again ----
        await to_stage(host, "understand")
        for page in phones.values():
            await expect(page.locator(".cb-d2-theme__i")).to_have_text(f"“{I_STATEMENT}”")
        await expect(wall.locator(".cb-w2__i")).to_have_text(f"“{I_STATEMENT}”")
        await small.get_by_role("button", name="Add a reason").click()
        await small.get_by_label("Why does this happen?").fill("The phone lines are jammed at 8am")
        await small.get_by_role("button", name="Add this reason").click()
        for page in [small, pro, wall]:
            await expect(page.get_by_text("The phone lines are jammed at 8am")).to_be_visible()
        await expect(small.get_by_role("button", name="Add a reason")).to_be_focused()
        cause = pro.locator(".cb-why", has_text="The phone lines are jammed")
        await cause.get_by_role("button", name="Ask why? again").click()
        await pro.get_by_label(re.compile("Why does this happen: “The phone lines")).fill(
            "Too few receptionists"
        )
        await pro.get_by_role("button", name="Add this reason").click()
        deeper_on_wall = wall.locator(
            ".cb-w2-tree__item[data-depth='1']", has_text="Too few receptionists"
        )
        await expect(deeper_on_wall).to_be_visible()
        await expect(small.locator(".cb-why-tree--deeper .cb-why__text")).to_have_text(
            "Too few receptionists"
        )

        causes = (await board_now(host))["causes"]
        root = next(c for c in causes if c["text"] == "Too few receptionists")
        await host.command(type="choose_causes", cause_ids=[root["id"]])
        chosen = small.locator(".cb-why--chosen .cb-tag--chosen")
        await expect(chosen).to_have_text("✓ Chosen")
        await expect(wall.locator(".cb-w2-tree__item--chosen")).to_contain_text("Chosen")
        await snap("understand")
        await check_phones(phones, "understand")
        await check_wall(wall, "understand")

        # ---- success: your own point of view first ----
        await to_stage(host, "success")
        first_small = small.locator(".cb-d2-view").first
        first_pro = pro.locator(".cb-d2-view").first
        await expect(first_small).to_have_attribute("data-perspective", "person")
        await expect(first_small.locator("h4")).to_have_text("Your point of view: The person")
        await expect(first_pro).to_have_attribute("data-perspective", "clinician")
        await first_small.get_by_role("button", name="Add what success would look like").click()
        await small.get_by_label(re.compile("What would success look like for the person")).fill(
            "I get through first time"
        )
        await small.get_by_role("button", name="Add it").click()
        await first_pro.get_by_role("button", name="Add what success would look like").click()
        await pro.get_by_label(re.compile("What would success look like for clinicians")).fill(
            "Reception has time to triage"
        )
        await pro.get_by_role("button", name="Add it").click()
        await small.get_by_text("Other points of view").click()
        others = small.locator(".cb-d2-others .cb-d2-view")
        await expect(others).to_have_count(3)
        await expect(others.nth(0)).to_have_attribute("data-perspective", "clinician")
        await expect(others.nth(0)).to_contain_text("Reception has time to triage")
        await expect(wall.locator('[data-perspective="person"]')).to_contain_text(
            "I get through first time"
        )
        await expect(wall.locator('[data-perspective="clinician"]')).to_contain_text(
            "Reception has time to triage"
        )
        await expect(wall.locator(".cb-w2__column-title")).to_have_count(4)
        await snap("success")
        await check_phones(phones, "success")
        await check_wall(wall, "success")
        await host.command(
            type="add_success", cause_id=root["id"], perspective="commissioner", text="A spare one"
        )  # fmt: skip

        # ---- ideas: what is in place first, then each kind ----
        await to_stage(host, "ideas")
        await small.get_by_role("button", name="Add something already in place").click()
        await small.get_by_label("What already happens and helps?").fill("A text reminder service")
        await small.get_by_role("button", name="Add it").click()
        await expect(small.locator('[data-kind="in place"]')).to_contain_text("A text reminder")
        await small.get_by_role("button", name="Add a radical idea").click()
        await small.get_by_label(re.compile("Your idea")).fill("A COPD nurse in every practice")
        await small.get_by_text("Which success would it help? (optional)").click()
        await small.get_by_label(re.compile("I get through first time")).check()
        await small.get_by_role("button", name="Add my idea").click()
        await expect(small.locator('[data-kind="radical"]')).to_contain_text("A COPD nurse")
        await pro.get_by_role("button", name="Add a traditional idea").click()
        await pro.get_by_label(re.compile("Your idea")).fill("More phone lines at 8am")
        await pro.get_by_role("button", name="Add my idea").click()
        await expect(pro.locator('[data-kind="traditional"]')).to_contain_text("More phone lines")

        # Offline, an idea is linked to a success the facilitator then deletes:
        # back online, the refusal shows beside the form, which keeps its words.
        await pro.get_by_role("button", name="Add a different idea").click()
        await pro.get_by_label(re.compile("Your idea")).fill("A call-back run by volunteers")
        await pro.get_by_text("Which success would it help? (optional)").click()
        await pro.get_by_label(re.compile("A spare one")).check()
        await pro.context.set_offline(True)
        await pro.evaluate("() => window.dispatchEvent(new Event('offline'))")
        await expect(pro.locator(".js-connection")).to_contain_text("Offline", timeout=30_000)
        await pro.get_by_role("button", name="Add my idea").click()
        await expect(pro.get_by_text("Saved on this phone.")).to_be_visible()
        await shots(pro, "ideas-offline", "phone-pro")
        spare = next(s for s in (await board_now(host))["successes"] if s["text"] == "A spare one")
        await host.command(type="delete_item", item_id=spare["id"])
        await pro.context.set_offline(False)
        error = pro.locator('[data-kind="different"] .js-d2-error')
        await expect(error).to_contain_text("success", timeout=30_000)
        message = (await error.inner_text()).removeprefix("Error: ")
        await expect(pro.locator("#status")).to_have_text(message)
        await expect(pro.get_by_label(re.compile("Your idea"))).to_have_value(
            "A call-back run by volunteers"
        )
        await shots(pro, "ideas-refused", "phone-pro")
        await pro.get_by_role("button", name="Add my idea").click()
        await expect(pro.locator('[data-kind="different"] .cb-d2-list')).to_contain_text(
            "A call-back run by volunteers"
        )

        ideas = {i["text"]: i for i in (await board_now(host))["ideas"]}
        success_ids = [s["id"] for s in (await board_now(host))["successes"]]
        assert ideas["A COPD nurse in every practice"]["serves"] == [success_ids[0]]
        assert ideas["A call-back run by volunteers"]["serves"] == []
        assert ideas["A text reminder service"]["kind"] == "in place"
        shortlist = [
            ideas[text]["id"]
            for text in (
                "A COPD nurse in every practice",
                "More phone lines at 8am",
                "A call-back run by volunteers",
            )
        ]
        # A dot vote on ideas shows them by their words.
        await host.command(
            type="open_round", items=shortlist, title="Which ideas?", dots_per_person=3
        )
        await expect(small.locator(".cb-vote__text").first).to_have_text(
            "A COPD nurse in every practice"
        )
        await expect(wall.locator(".js-vote-items")).to_contain_text("More phone lines at 8am")
        await shots(small, "ideas-vote", "phone-320")
        await check_phones({"phone-320": small}, "ideas vote")
        round_id = (await board_now(host))["rounds"][-1]["id"]
        await host.command(type="close_round", round_id=round_id)
        await host.command(type="reveal_round", round_id=round_id)
        await expect(wall.locator(".js-results")).to_contain_text("A call-back run by volunteers")
        await host.command(type="shortlist_ideas", idea_ids=shortlist)
        await to_stage(host, "invest")
        await to_stage(host, "ideas")  # back: the results are put away, the shortlist shows
        await expect(wall.locator(".cb-w2__idea--shortlisted")).to_have_count(3)
        await expect(small.locator(".js-round")).to_be_hidden()
        await expect(wall.locator(".cb-w2__column").first).to_contain_text("Already in place")
        await snap("ideas")
        await check_phones(phones, "ideas")
        await check_wall(wall, "ideas")

        # ---- invest: rate by taps; the wall draws the grid ----
        await to_stage(host, "invest")
        nurse = rate_card(small, shortlist[0])
        await nurse.locator('[data-field="cost"]').get_by_role("button", name="High").click()
        await expect(nurse.locator(".js-mine")).to_have_text("Now tap how much it would help.")
        await nurse.locator('[data-field="benefit"]').get_by_role("button", name="High").click()
        await expect(nurse.locator(".js-mine")).to_have_text(
            "Your rating: it would cost quite a lot (4) and help quite a lot (4)."
        )
        lines = rate_card(small, shortlist[1])
        await lines.locator('[data-field="cost"]').get_by_role("button", name="Low").click()
        await (
            lines.locator('[data-field="benefit"]')
            .get_by_role("button", name=re.compile("^5"))
            .click()
        )
        # Nobody's rating is swayed: the room's view waits for the facilitator.
        await expect(lines.locator(".js-room")).to_have_text(
            "1 person has rated it. The room’s view shows when the facilitator shows it."
        )
        await expect(wall.locator('.cb-grid-list__group[data-quadrant="none"]')).to_contain_text(
            "The room’s view shows when the facilitator shows it."
        )
        pro_lines = rate_card(pro, shortlist[1])
        await (
            pro_lines.locator('[data-field="cost"]')
            .get_by_role("button", name=re.compile("^1"))
            .click()
        )
        await (
            pro_lines.locator('[data-field="benefit"]')
            .get_by_role("button", name=re.compile("^2"))
            .click()
        )
        await expect(pro_lines.locator(".js-room")).to_contain_text("2 people have rated it.")
        # Two people without a phone; the facilitator records their ratings.
        tables = []
        for name in ("Table 3", "Table 4"):
            added = await host.command(type="add_person", name=name, group="patient")
            board_then = await board_now(host)
            while board_then["seq"] < added["seq"]:  # a join may read the board a moment behind
                board_then = await board_now(host)
            people = board_then["participants"]["people"]
            tables.append(next(p["id"] for p in people if p["name"] == name))
        for table, (cost, benefit) in zip(tables, ((5, 5), (4, 5)), strict=True):
            await host.command(
                type="rate_idea", idea_id=shortlist[0], cost=cost, benefit=benefit,
                for_participant=table,
            )  # fmt: skip
        await host.command(
            type="rate_idea", idea_id=shortlist[1], cost=1, benefit=4, for_participant=tables[0]
        )
        await expect(pro_lines.locator(".js-room")).to_have_text(
            "3 people have rated it. The room’s view shows when the facilitator shows it."
        )
        await expect(wall.locator(".js-marker")).to_have_count(0)
        await host.command(type="show_grid_view", shown=True)
        await expect(lines.locator(".js-room")).to_contain_text(
            "The room says: quick win — low cost, high benefit."
        )
        await expect(pro_lines.locator(".js-room")).to_contain_text("3 people have rated it.")
        await expect(pro_lines.locator(".js-room")).to_contain_text("People disagree a lot.")
        # Someone else's rating does not wipe yours off your phone.
        await expect(lines.locator(".js-mine")).to_have_text(
            "Your rating: it would cost a little (2) and help a lot (5)."
        )
        await host.command(type="place_idea", idea_id=shortlist[1], cost=1, benefit=5)
        await expect(wall.locator(".js-marker")).to_have_count(2)
        await expect(wall.locator(".cb-grid__marker--placed")).to_have_count(1)
        await expect(wall.locator(".cb-grid__marker--room")).to_have_count(1)
        names = await wall.locator(".js-quadrant-name").all_text_contents()
        assert names == ["Quick wins", "Major projects", "Fill-ins", "Thankless tasks"]
        await expect(
            wall.locator('.cb-grid-list__group[data-quadrant="quick win"]')
        ).to_contain_text("More phone lines at 8am (final place)")
        await expect(
            wall.locator('.cb-grid-list__group[data-quadrant="major project"]')
        ).to_contain_text("A COPD nurse in every practice (room’s view)")
        await expect(wall.locator('.cb-grid-list__group[data-quadrant="none"]')).to_contain_text(
            "A call-back run by volunteers"
        )
        await expect(pro_lines.locator(".js-room")).to_contain_text(
            "Final place: quick win — low cost, high benefit."
        )
        await snap("invest")
        await check_phones(phones, "invest")
        await check_wall(wall, "invest")

        # ---- plan: quick wins first ----
        await to_stage(host, "plan")
        await host.command(
            type="add_action", text="Hire a COPD nurse", owner="Practice manager",
            due="2027-09-30", idea_id=shortlist[0],
        )  # fmt: skip
        await host.command(
            type="add_action", text="Open two more lines at 8am", owner="CCG primary care lead",
            due="2027-03-31", idea_id=shortlist[1],
        )  # fmt: skip
        plan = small.locator(".cb-action")
        await expect(plan).to_have_count(2)
        await expect(plan.nth(0)).to_contain_text("Quick win")
        await expect(plan.nth(0)).to_contain_text("Open two more lines at 8am")
        await expect(plan.nth(0)).to_contain_text("By 31 March 2027")
        await expect(plan.nth(0)).to_contain_text("Not started")
        await expect(plan.nth(1)).to_contain_text("Hire a COPD nurse")
        await expect(wall.locator(".cb-w2-plan tbody tr").first).to_contain_text("Quick win")
        await snap("plan")
        await check_phones(phones, "plan")
        await check_wall(wall, "plan")

        # ---- reflect: feedback by taps and words ----
        await to_stage(host, "reflect")
        await (
            small.locator('[data-question="easy"]').get_by_role("radio", name="5 Very much").check()
        )
        await (
            small.locator('[data-question="listened"]')
            .get_by_role("radio", name="4 Mostly")
            .check()
        )
        await small.get_by_label("What would make it better next time?").fill("Bigger print")
        await expect(small.locator("#fb-better-text-count")).to_have_text(
            "You have 588 characters remaining"
        )
        await shots(small, "reflect-form", "phone-320", full_page=True)
        await small.get_by_role("button", name="Send my answers").click()
        await expect(small.locator(".js-thanks")).to_contain_text("5 — Very much")
        await expect(small.locator(".js-thanks")).to_contain_text("Bigger print")
        await expect(small.locator(".cb-d2__heading")).to_have_text("Thank you")
        await pro.locator('[data-question="tools"]').get_by_role("radio", name="3 Partly").check()
        await pro.get_by_role("button", name="Send my answers").click()
        await expect(wall.locator(".js-feedback-count")).to_have_text(
            "2 people have given feedback"
        )
        await snap("reflect")
        await check_phones(phones, "reflect")
        await check_wall(wall, "reflect")
        await small.get_by_role("button", name="Change my answers").click()
        await expect(small.locator("#fb-easy-5")).to_be_checked()
        await expect(small.get_by_label("What would make it better next time?")).to_have_value(
            "Bigger print"
        )

    # ---- the board is deleted: every screen says so, plainly ----
    gone = httpx.delete(
        f"{server_url}/api/boards/{board['board_id']}",
        headers={"Authorization": f"Bearer {board['facilitator_token']}"},
        timeout=10,
    )
    assert gone.status_code in (200, 204), gone.text
    deleted = "This workshop has been deleted"
    for page in [small, pro, wall]:
        await expect(page.get_by_role("heading", name=deleted)).to_be_visible()
    await small.wait_for_timeout(2500)  # and it does not reload to "Join a workshop"
    await expect(small.get_by_role("heading", name=deleted)).to_be_visible()
    await snap("deleted")
    browsers.assert_no_errors()
