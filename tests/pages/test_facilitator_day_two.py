"""The second workshop day on the facilitator console and in the report, in a real browser.

The scene is set over HTTP and python-socketio (a carried theme, phones that
add causes, rate ideas and give feedback); the facilitator's part is done in
the page, by keyboard-friendly controls only (no dragging).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from conftest import (  # type: ignore[import-not-found]
    LAPTOP,
    SCREENSHOTS,
    assert_accessible,
    close_tool,
    confirm,
    open_tool,
)
from playwright.async_api import expect

from tests.server.client import Client, create_board, facilitator, import_csv, participant

pytestmark = pytest.mark.browser

DEMO = (Path(__file__).resolve().parents[2] / "server" / "demo" / "copd-reviews.csv").read_text()
I_STATEMENT = "I can't get appointments when I want them"


async def carried_theme(url: str, title: str) -> tuple[dict[str, Any], Client, str]:
    """A board whose theme "Appointments" (holding review R01's card) is carried forward."""
    board = create_board(url, title)
    assert import_csv(url, board, DEMO).status_code == 200
    host = await facilitator(url, board)
    await host.ok("set_stage", stage="theme")
    seq = await host.ok(
        "create_theme", category="not working", title="Appointments", i_statement=I_STATEMENT
    )
    await host.wait_for_seq(seq)
    theme = host.events[-1]["theme"]["id"]
    card = next(
        s
        for s in host.ack["board"]["statements"]
        if s["category"] == "not working" and s["review"] == "R01"
    )
    await host.ok("move_statement", statement_id=card["id"], theme_id=theme)
    await host.ok("carry_forward", items=[theme])
    return board, host, theme


async def latest(client: Client, seq: int, key: str) -> list[dict[str, Any]]:
    """Every cause, success statement or idea (`key`) made by event `seq`, as each event
    that made one carried it."""
    await client.wait_for_seq(seq)
    one = {"causes": "cause", "successes": "success", "ideas": "idea"}[key]
    return [e[one] for e in client.events if one in e]


def id_of(items: list[dict[str, Any]], text: str) -> str:
    found: str = next(i["id"] for i in items if i["text"] == text)
    return found


async def move_on(page: Any, stage_title: str) -> None:
    await page.locator(".js-stage-next").click()
    await page.locator(".js-stage-yes").click()
    await expect(page.locator(".js-stage-title")).to_have_text(stage_title)


async def rate(phones: list[Client], idea: str, scores: list[tuple[int, int]]) -> int:
    last = 0
    for phone, (cost, benefit) in zip(phones, scores, strict=True):
        last = await phone.ok("rate_idea", idea_id=idea, cost=cost, benefit=benefit)
    return last


async def test_a_facilitator_takes_a_theme_from_root_causes_to_feedback(
    browsers: Any, live_server: Any, shots: Any
) -> None:
    url = live_server.url
    board, host, theme = await carried_theme(url, "COPD day two")
    phones = [
        await participant(url, board["join_code"], group=g)
        for g in ("patient", "carer", "professional")
    ]
    await host.ok("set_stage", stage="understand")
    page = await browsers.page("facilitator", LAPTOP)
    await page.goto(board["links"]["facilitator"])
    await expect(page.locator(".js-stage-title")).to_have_text("Understand")

    # ---- understand: the why? tree ----------------------------------------------
    causes = page.locator(".js-causes")
    await expect(causes.get_by_role("heading", name="Appointments")).to_be_visible()
    await expect(causes).to_contain_text(I_STATEMENT)
    first = causes.get_by_label("Why? Add a cause of “Appointments”")
    for text in ["Phone lines are jammed at 8am", "The phones are busy every morning"]:
        await first.fill(text)
        await first.press("Enter")  # a keyboard submit
        await expect(causes.locator(".js-cause-text", has_text=text)).to_be_visible()
    await expect(first).to_have_value("")
    listed = await latest(
        host, await phones[0].ok("add_cause", theme_id=theme, text="Nobody calls back"), "causes"
    )
    await expect(causes.locator(".js-cause-text", has_text="Nobody calls back")).to_be_visible()
    jammed = id_of(listed, "Phone lines are jammed at 8am")
    busy = id_of(listed, "The phones are busy every morning")
    calls = id_of(listed, "Nobody calls back")

    jammed_item = causes.locator(f"li[data-cause='{jammed}'] > .cb-item")
    await jammed_item.locator("summary", has_text="Ask “why?” again").click()
    deeper = jammed_item.get_by_label("Why does “Phone lines are jammed at 8am” happen?")
    await deeper.fill("Too few receptionists")
    await deeper.press("Enter")
    nested = causes.locator(f"li[data-cause='{jammed}'] > ul li .js-cause-text")
    await expect(nested).to_have_text(["Too few receptionists"])

    # Merge the same cause said twice, then undo it after reading what the undo will do.
    busy_item = causes.locator(f"li[data-cause='{busy}'] > .cb-item")
    await busy_item.locator("summary", has_text="Change or remove").click()
    await busy_item.get_by_label("Merge into another cause").select_option(jammed)
    await busy_item.get_by_role("button", name="Merge").click()
    await expect(causes.locator(".js-cause-text", has_text="The phones are busy")).to_have_count(0)
    await shots(page, "understand-merged", "facilitator")
    undo = await open_tool(page, "undo")
    change = undo.locator("li", has_text="Merged the cause “The phones are busy every morning”")
    await expect(change).to_be_visible()
    await change.get_by_role("button", name=re.compile("^Undo…")).click()
    asked = page.locator("dialog.js-confirm")
    await expect(asked.locator(".js-undo-description")).to_have_text(
        "Split “The phones are busy every morning” out again."
    )
    await expect(asked.get_by_role("button", name="Undo it")).to_be_focused()
    await shots(page, "understand-undo-preview", "facilitator")
    await confirm(page, "Undo it")
    await expect(
        causes.locator(".js-cause-text", has_text="The phones are busy every morning")
    ).to_be_visible()
    await expect(change).to_have_count(0)  # undone: gone from the list
    await close_tool(page, "undo")

    # Reword a phone's cause; delete one after a confirm.
    calls_item = causes.locator(f"li[data-cause='{calls}'] > .cb-item")
    await calls_item.locator("summary", has_text="Change or remove").click()
    await calls_item.get_by_label("New words").fill("Nobody calls us back")
    await calls_item.get_by_role("button", name="Save the new words").click()
    await expect(causes.locator(".js-cause-text", has_text="Nobody calls us back")).to_be_visible()
    busy_item = causes.locator(f"li[data-cause='{busy}'] > .cb-item")
    await busy_item.locator("summary", has_text="Change or remove").click()
    await busy_item.get_by_role("button", name=re.compile("^Delete this cause")).click()
    await expect(
        page.locator("dialog.js-confirm").get_by_role("button", name="Yes, delete it")
    ).to_be_focused()
    await confirm(page, "Yes, delete it")
    await expect(causes.locator(".js-cause-text", has_text="The phones are busy")).to_have_count(0)
    await expect(
        undo.locator("li", has_text="Deleted the cause “The phones are busy every morning”")
    ).to_be_attached()

    # Choose the root cause to work on; a dot vote on causes is one click away.
    choose = causes.get_by_role("group", name="Choose the root causes to work on")
    await choose.get_by_label("Too few receptionists").check()
    await causes.get_by_role("button", name="Save the chosen root causes").click()
    await expect(causes.locator(".cb-tag--chosen")).to_have_text(["✓ Root cause to work on"])
    await shots(page, "understand", "facilitator")
    await assert_accessible(page, "facilitator at understand")
    await causes.get_by_role("button", name="Open a dot vote on these causes").click()
    await expect(page.locator(".js-chosen-count")).to_have_text("3 root causes chosen.")
    await expect(page.locator("#round-title")).to_be_focused()
    await shots(page, "understand-vote", "facilitator")
    await assert_accessible(page, "facilitator with the vote dialog")
    await close_tool(page, "vote")

    # ---- success ---------------------------------------------------------------
    await move_on(page, "Success")
    success = page.locator(".js-success")
    await expect(
        success.get_by_role("heading", name="Root cause: Too few receptionists")
    ).to_be_visible()
    person = success.get_by_label("Success for the person (patient or carer)")
    await person.fill("I get through first time")
    await person.press("Enter")
    await expect(success).to_contain_text("I get through first time")
    receptionists = id_of(await latest(host, host.seq, "causes"), "Too few receptionists")
    said = await phones[2].ok(
        "add_success",
        cause_id=receptionists,
        perspective="clinician",
        text="Patients reach a nurse the same day",
    )
    successes = await latest(host, said, "successes")
    await expect(
        success.get_by_role("region", name=re.compile("^Clinicians and practitioners"))
    ).to_contain_text("Patients reach a nurse the same day")
    await shots(
        page,
        "success",
        "facilitator",
    )
    await assert_accessible(page, "facilitator at success")

    # ---- ideas -----------------------------------------------------------------
    await move_on(page, "Ideas")
    ideas = page.locator(".js-ideas")
    add = ideas.locator("form[data-form='add-idea']")
    for kind, text, serves in [
        ("Already in place", "Online booking for repeat prescriptions", None),
        ("Different ideas", "A call-back service", "I get through first time"),
        ("Radical ideas", "A COPD nurse in every practice", "Patients reach a nurse the same day"),
    ]:
        await add.get_by_label(kind).check()
        await add.get_by_label("The idea, or what is in place").fill(text)
        if serves:
            await add.get_by_label(serves).check()
        await add.get_by_role("button", name="Add the idea").click()
        await expect(ideas.locator("li[data-idea]", has_text=text)).to_be_visible()
    assert {s["text"] for s in successes} >= {"I get through first time"}
    await expect(ideas.locator("li[data-idea]", has_text="A call-back service")).to_contain_text(
        "Would bring: “I get through first time”"
    )
    # An idea from a phone, with no link to a success statement, is linked afterwards.
    await phones[0].ok("add_idea", kind="different", text="Volunteer drivers", serves=[])
    drivers = ideas.locator("li[data-idea]", has_text="Volunteer drivers")
    await expect(drivers).to_contain_text("Not linked to a success statement yet")
    await drivers.locator("summary", has_text="Change or remove").click()
    await drivers.get_by_label("I get through first time").check()
    await drivers.get_by_role("button", name=re.compile("^Save the links")).click()
    await expect(drivers).to_contain_text("Would bring: “I get through first time”")
    shortlist = ideas.get_by_role("group", name="Shortlist")
    await shortlist.get_by_label("A call-back service").check()
    await shortlist.get_by_label("A COPD nurse in every practice").check()
    await ideas.get_by_role("button", name="Save the shortlist").click()
    await expect(ideas.locator(".cb-tag--chosen")).to_have_count(2)
    await shots(
        page,
        "ideas",
        "facilitator",
    )
    await assert_accessible(page, "facilitator at ideas")

    # ---- invest: phones rate, the grid draws, the facilitator places ----------------
    await move_on(page, "Invest")
    listed_ideas = await latest(host, host.seq, "ideas")
    callback = id_of(listed_ideas, "A call-back service")
    nurse = id_of(listed_ideas, "A COPD nurse in every practice")
    await rate(phones, callback, [(2, 5), (1, 4), (3, 5)])
    await rate(phones, nurse, [(5, 4), (4, 5), (4, 2)])
    invest = page.locator(".js-invest")
    grid = invest.locator(".js-grid svg")
    await expect(grid.locator(".cb-grid__room")).to_have_count(2)
    for name in ["Quick wins", "Major projects", "Fill-ins", "Thankless tasks"]:
        await expect(grid.locator(".cb-grid__quadrant", has_text=name)).to_have_count(1)
    await expect(
        grid.locator(".cb-grid__quadrant-hint", has_text="low cost, high benefit")
    ).to_have_count(1)
    quick = invest.get_by_role("region", name=re.compile("^Quick wins"))
    await expect(quick).to_contain_text("A call-back service")
    await expect(quick).to_contain_text("3 people rated: cost from 1 to 3, benefit from 4 to 5")
    major = invest.get_by_role("region", name=re.compile("^Major projects"))
    await expect(major).to_contain_text("A COPD nurse in every practice")
    # "Place it" starts from the room's view, so agreeing with the room is one click.
    first_place = invest.get_by_role("form", name="Place idea 1")
    await expect(first_place.get_by_label("Cost")).to_have_value("2")
    await expect(first_place.get_by_label("Benefit")).to_have_value("5")
    place = invest.get_by_role("form", name="Place idea 2")
    await place.get_by_label("Cost").select_option("2")
    await place.get_by_label("Benefit").select_option("5")
    await place.get_by_role("button", name=re.compile("^Place it")).click()
    await expect(grid.locator(".cb-grid__placed")).to_have_count(1)
    await expect(quick).to_contain_text("A COPD nurse in every practice")
    await expect(quick).to_contain_text("Final place: cost 2, benefit 5.")
    # The room's view stays on the console until the facilitator shows it.
    showing = invest.locator(".js-grid-showing")
    await expect(showing).to_contain_text("Only you see the room’s view,")
    await showing.get_by_role("button", name="Show the room’s view").click()
    await expect(showing).to_contain_text("Phones and the wall show the room’s view.")
    await expect(showing.get_by_role("button")).to_have_text("Hide the room’s view again")
    await shots(
        page,
        "invest",
        "facilitator",
    )
    await assert_accessible(page, "facilitator at invest")

    # ---- plan ------------------------------------------------------------------
    await move_on(page, "Plan")
    plan = page.locator(".js-plan")
    add = plan.locator("form[data-form='add-action']")
    await add.get_by_label("What will be done").fill("Ask the council about a call-back line")
    await add.get_by_label("Who will do it").fill("Council")
    await add.get_by_label("By when").fill("2027-06-30")
    await add.get_by_role("button", name="Add the action").click()
    await expect(plan.locator(".js-actions > li")).to_have_count(1)
    for text, owner, due, idea in [
        ("Trial call-backs at two practices", "Practice manager", "2027-03-31", callback),
        ("Fund a COPD nurse post", "CCG primary care lead", "2027-01-15", nurse),
    ]:
        await add.get_by_label("What will be done").fill(text)
        await add.get_by_label("Who will do it").fill(owner)
        await add.get_by_label("By when").fill(due)
        await add.get_by_label("The idea it carries out").select_option(idea)
        await add.get_by_role("button", name="Add the action").click()
        await expect(plan.locator(".js-actions > li", has_text=text)).to_be_visible()
    # Quick wins first (the nurse was placed as one), then by date; unlinked last.
    await expect(plan.locator(".js-actions > li .cb-action__text")).to_have_text(
        [
            "Fund a COPD nurse post",
            "Trial call-backs at two practices",
            "Ask the council about a call-back line",
        ]
    )
    # An action can be deleted, after a confirmation, and the undo brings it back.
    council = plan.locator(".js-actions > li", has_text="Ask the council")
    await council.locator("summary", has_text="Change or remove").click()
    await council.get_by_role("button", name="Delete this action…").click()
    await confirm(page, "Yes, delete it")
    await expect(plan.locator(".js-actions > li")).to_have_count(2)
    undo = await open_tool(page, "undo")
    gone = undo.locator("li", has_text="Deleted the action “Ask the council")
    await gone.get_by_role("button", name=re.compile("^Undo…")).click()
    await expect(page.locator("dialog.js-confirm .js-undo-description")).to_have_text(
        "Bring back “Ask the council about a call-back line”."
    )
    await confirm(page, "Undo it")
    await close_tool(page, "undo")
    await expect(plan.locator(".js-actions > li")).to_have_count(3)
    first_action = plan.locator(".js-actions > li").first
    await expect(first_action.locator(".cb-tag--quadrant")).to_have_text("Quick win")
    await first_action.get_by_label("Status").select_option("in progress")
    await first_action.get_by_role("button", name=re.compile("^Save the status")).click()
    await expect(first_action.locator(".cb-tag--status")).to_have_text("In progress")
    # Where this came from: action → idea → success → root cause → why? → theme → review code.
    await first_action.locator("summary", has_text="Where this came from").click()
    trail = first_action.locator(".cb-trace")
    for words in [
        "Idea (radical): A COPD nurse in every practice",
        "Patients reach a nurse the same day",
        "Root cause: Too few receptionists",
        "which answers “why?” to: Phone lines are jammed at 8am",
        f"Theme: Appointments “{I_STATEMENT}”",
        "Review R01",
    ]:
        await expect(trail).to_contain_text(words)
    await shots(
        page,
        "plan",
        "facilitator",
    )
    await assert_accessible(page, "facilitator at plan")

    # ---- reflect ---------------------------------------------------------------
    await move_on(page, "Reflect")
    await phones[0].ok(
        "give_feedback",
        answers=[{"question": "easy", "rating": 5}, {"question": "better", "text": "Bigger print"}],
    )
    await phones[1].ok(
        "give_feedback",
        answers=[
            {"question": "easy", "rating": 3},
            {"question": "better", "text": "A longer break"},
        ],
    )
    feedback = page.locator(".js-feedback")
    await expect(feedback.locator(".js-feedback-total")).to_contain_text(
        "2 people have given feedback"
    )
    easy = feedback.get_by_role("region", name="How easy was it to take part today?")
    await expect(easy).to_contain_text("2 people answered.")
    await expect(easy).to_contain_text("Average: 4 out of 5.")
    await expect(easy.locator(".cb-feedback__bar").first).to_contain_text("5 (highest)1 person")
    better = feedback.get_by_role("region", name="What would make it better next time?")
    await expect(better.locator(".cb-feedback__words li")).to_have_text(
        ["A longer break", "Bigger print"]
    )
    await shots(
        page,
        "reflect",
        "facilitator",
    )
    await assert_accessible(page, "facilitator at reflect")
    browsers.assert_no_errors()
    for client in [host, *phones]:
        await client.close()


async def day_two_scene(url: str) -> dict[str, Any]:
    """A whole second day over python-socketio: causes to feedback, with two actions."""
    board, host, theme = await carried_theme(url, "COPD report day")
    phones = [
        await participant(url, board["join_code"], group=g)
        for g in ("patient", "carer", "professional")
    ]
    await host.ok("set_stage", stage="understand")
    jammed = id_of(
        await latest(
            host,
            await host.ok("add_cause", theme_id=theme, text="Phone lines are jammed at 8am"),
            "causes",
        ),
        "Phone lines are jammed at 8am",
    )
    staff = id_of(
        await latest(
            host,
            await host.ok(
                "add_cause", theme_id=theme, parent_id=jammed, text="Too few receptionists"
            ),
            "causes",
        ),
        "Too few receptionists",
    )
    await host.ok("add_cause", theme_id=theme, text="Nobody calls back")
    await host.ok("choose_causes", cause_ids=[staff])
    await host.ok("set_stage", stage="success")
    first = id_of(
        await latest(
            host,
            await host.ok(
                "add_success", cause_id=staff, perspective="person", text="I get through first time"
            ),
            "successes",
        ),
        "I get through first time",
    )
    await host.ok(
        "add_success",
        cause_id=staff,
        perspective="commissioner",
        text="Fewer A&E visits for breathlessness",
    )
    await host.ok("set_stage", stage="ideas")
    await host.ok(
        "add_idea", kind="in place", text="Online booking for repeat prescriptions", serves=[]
    )
    listed = await latest(
        host,
        await host.ok("add_idea", kind="different", text="A call-back service", serves=[first]),
        "ideas",
    )
    callback = id_of(listed, "A call-back service")
    listed = await latest(
        host,
        await host.ok(
            "add_idea", kind="radical", text="A COPD nurse in every practice", serves=[first]
        ),
        "ideas",
    )
    nurse = id_of(listed, "A COPD nurse in every practice")
    await host.ok("shortlist_ideas", idea_ids=[callback, nurse])
    await host.ok("set_stage", stage="invest")
    await rate(phones, callback, [(2, 5), (1, 4), (3, 5)])
    await rate(phones, nurse, [(5, 4), (4, 5), (4, 2)])
    await host.ok("show_grid_view", shown=True)
    await host.ok("place_idea", idea_id=nurse, cost=5, benefit=5)
    await host.ok("set_stage", stage="plan")
    await host.ok(
        "add_action",
        text="Fund a COPD nurse post",
        owner="CCG primary care lead",
        due="2027-01-15",
        idea_id=nurse,
    )
    await host.ok(
        "add_action",
        text="Trial call-backs at two practices",
        owner="Practice manager",
        due="2027-03-31",
        idea_id=callback,
    )
    await host.ok("set_stage", stage="reflect")
    await phones[0].ok(
        "give_feedback",
        answers=[{"question": "easy", "rating": 4}, {"question": "better", "text": "Bigger print"}],
    )
    for client in [host, *phones]:
        await client.close()
    return {
        **board,
        "report_link": f"{url}/board/{board['board_id']}/report#t={board['facilitator_token']}",
    }


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def day_two(live_server: Any) -> AsyncIterator[dict[str, Any]]:
    yield await day_two_scene(live_server.url)


async def open_report(browsers: Any, link: str) -> Any:
    page = await browsers.page("report", LAPTOP)
    await page.goto(link)
    await expect(page.locator(".js-report")).to_be_visible()
    return page


async def test_the_report_shows_the_second_day(
    browsers: Any, day_two: dict[str, Any], shots: Any
) -> None:
    page = await open_report(browsers, day_two["report_link"])
    # Every action in the summary, the quick win first.
    actions = page.locator(".js-summary .js-summary-actions li")
    await expect(actions).to_have_count(2)
    await expect(actions.first).to_contain_text("Trial call-backs at two practices")
    await expect(actions.first).to_contain_text("Quick win Trial call-backs")
    await expect(actions.first).to_contain_text("Practice manager · by 31 March 2027")
    await expect(actions.nth(1)).to_contain_text("Fund a COPD nurse post")
    full = page.locator(".js-full")
    headings = full.locator("h3")
    await expect(headings).to_have_text(
        [
            "Who took part",
            "How people voted",
            "Themes, by question",
            "Root causes",
            "Ideas",
            "The investment grid",
            "Action plan",
            "Feedback",
            "Statements not taken forward",
        ]
    )
    causes = full.get_by_role("region", name="Root causes")
    await expect(causes).to_contain_text("Too few receptionists✓ Chosen root cause")
    await expect(causes.locator("dt")).to_have_text(
        ["The person (patient or carer)", "Commissioners"]
    )
    ideas = full.get_by_role("region", name="Ideas", exact=True)
    await expect(ideas.get_by_role("heading", name="Already in place (1)")).to_be_visible()
    await expect(ideas.locator(".cb-report-idea-tag")).to_have_count(2)
    grid = full.locator(".js-report-grid")
    await expect(grid.locator("svg .cb-grid__room")).to_have_count(2)
    await expect(grid.locator("svg .cb-grid__placed")).to_have_count(1)
    await expect(grid.locator(".cb-grid-legend li")).to_have_count(2)
    await expect(full.get_by_role("region", name=re.compile("^Quick wins"))).to_contain_text(
        "A call-back service"
    )
    plan = full.locator(".js-plan > li")
    await expect(plan.first).to_contain_text("Trial call-backs at two practices")
    await expect(plan.first).to_contain_text("From reviews: R01 (1 statement)")
    await expect(plan.first).to_contain_text(
        "Which answers “why?” to: Phone lines are jammed at 8am"
    )
    await expect(full.get_by_role("region", name="Feedback")).to_contain_text("Bigger print")
    await shots(page, "report", "day-two", full_page=True)
    await assert_accessible(page, "report with the second day")
    browsers.assert_no_errors()


async def test_the_second_day_prints_to_a4(
    browsers: Any, day_two: dict[str, Any], shots: Any
) -> None:
    from tests.pages.test_report_page import pdf_pages, pdf_text

    page = await open_report(browsers, day_two["report_link"])
    whole = await page.pdf(prefer_css_page_size=True)
    sizes = pdf_pages(whole)
    assert len(sizes) >= 8, "summary, then each big part on a page of its own"
    for width, height in sizes:  # A4 is 595.28 x 841.89 points
        assert abs(width - 595) < 1.5 and abs(height - 842) < 1.5, (width, height)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    saved = SCREENSHOTS / "report-day-two.pdf"
    saved.write_bytes(whole)
    text = pdf_text(saved)
    if text is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the PDF's words cannot be read")
    flat = " ".join(text.split())
    for words in [
        "Quick wins",
        "Root causes",
        "The investment grid",
        "Action plan",
        "Quick wins (low cost, high benefit)",
        "Thankless tasks (high cost, low benefit)",
        "From reviews: R01",
        "Root cause: Too few receptionists",
    ]:
        assert words in flat, words
    assert day_two["facilitator_token"] not in flat
    await page.emulate_media(media="print")
    await shots(page, "print", "report-day-two", full_page=True)
    browsers.assert_no_errors()


async def test_the_console_says_so_when_the_board_is_deleted_elsewhere(
    browsers: Any, live_server: Any
) -> None:
    board = create_board(live_server.url, "Soon gone")
    page = await browsers.page("facilitator", LAPTOP)
    await page.goto(board["links"]["facilitator"])
    await expect(page.locator(".js-board-title")).to_have_text("Soon gone")
    gone = httpx.delete(
        f"{live_server.url}/api/boards/{board['board_id']}",
        headers={"Authorization": f"Bearer {board['facilitator_token']}"},
    )
    assert gone.status_code in (200, 204), gone.text
    deleted = page.locator(".js-deleted-page")
    await expect(deleted).to_be_visible()
    await expect(deleted).to_be_focused()
    await expect(deleted.get_by_role("heading", level=1)).to_have_text(
        "This board has been deleted"
    )
    await expect(page.locator(".js-board")).to_be_hidden()
    await expect(page.locator(".js-fatal")).to_be_hidden()
    await assert_accessible(page, "facilitator after the board was deleted")
