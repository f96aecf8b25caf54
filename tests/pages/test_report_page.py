"""The commissioners' report in a real browser: summary, full report, A4 PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from conftest import LAPTOP, PHONE_SMALL, SCREENSHOTS, assert_accessible  # type: ignore[import-not-found]
from playwright.async_api import expect

from tests.server.test_exports import finished_workshop

pytestmark = pytest.mark.browser

MARKUP = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def workshop(live_server: Any) -> AsyncIterator[dict[str, Any]]:
    """A finished day (themed, voted, revealed, carried) plus a statement with markup in it."""
    board, host, phones = await finished_workshop(live_server)
    await host.ok(
        "add_statements", statements=[{"category": "future", "text": MARKUP, "review": "R98"}]
    )
    for client in [host, *phones]:
        await client.close()
    data = httpx.get(
        f"{live_server.url}/api/boards/{board['board_id']}/report.json",
        headers={"Authorization": f"Bearer {board['facilitator_token']}"},
    ).json()
    yield {**board, "report": data, "report_link": report_link(live_server.url, board)}


def report_link(url: str, board: dict[str, Any]) -> str:
    return f"{url}/board/{board['board_id']}/report#t={board['facilitator_token']}"


async def open_report(browsers: Any, link: str, viewport: dict[str, int] = LAPTOP) -> Any:
    page = await browsers.page("report", viewport)
    await page.goto(link)
    await expect(page.locator(".js-report")).to_be_visible()
    return page


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's size in points, from its /MediaBox."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [(float(w), float(h)) for w, h in boxes]


def pdf_text(path: Path) -> str | None:
    """The PDF's text, where poppler's pdftotext is installed."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    done = subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode()


async def test_the_summary_shows_the_chosen_themes_with_their_votes_by_group(
    browsers: Any, workshop: dict[str, Any], shots: Any
) -> None:
    page = await open_report(browsers, workshop["report_link"])
    summary = page.locator(".js-summary")
    await expect(page.locator(".js-title")).to_have_text("COPD workshop")
    await expect(summary).to_contain_text(
        "6 people joined the board: 3 patients and 3 professionals."
    )
    tops = summary.locator(".cb-report-top")
    await expect(tops).to_have_count(2)
    await expect(tops.nth(0)).to_contain_text("Appointments")
    await expect(tops.nth(0)).to_contain_text("“I can't get appointments when I want them”")
    await expect(tops.nth(0)).to_contain_text(
        "6 dots: patients and carers 3, professionals 3 · 3 statements"
    )
    await expect(tops.nth(1)).to_contain_text("3 dots: patients and carers 2, professionals 1")
    await expect(summary.locator(".js-summary-actions")).to_have_text("(none yet)")

    # The chart: one patterned segment per group, its number printed on it, the total after.
    chart = summary.locator("svg.cb-report-chart")
    await expect(chart).to_have_attribute("role", "img")
    await expect(chart.locator(".cb-report-chart__label")).to_have_text(
        ["1. Appointments", "2. Feeling low"]
    )
    await expect(chart.locator(".cb-report-chart__number")).to_have_text(["3", "3", "2", "1"])
    await expect(chart.locator(".cb-report-chart__total")).to_have_text(["6 dots", "3 dots"])
    fills = await chart.locator("rect[fill^='url(#']").evaluate_all(
        "rects => rects.map(r => r.getAttribute('fill'))"
    )
    assert len(set(fills)) == 2, fills  # patients and carers and professionals differ by pattern
    await expect(summary.locator(".cb-report-key")).to_contain_text("Patients and carers")
    await expect(summary.locator(".cb-report-key")).to_contain_text("Professionals")
    await shots(page, "summary", "report")
    browsers.assert_no_errors()


async def test_the_full_report_keeps_every_statement_not_taken_forward(
    browsers: Any, workshop: dict[str, Any], shots: Any
) -> None:
    page = await open_report(browsers, workshop["report_link"])
    expected = workshop["report"]["not_taken_forward"]
    assert len(expected) > 270
    section = page.locator(".js-not-taken")
    await expect(section.locator("h3")).to_have_text("Statements not taken forward")
    shown = await section.locator(".cb-report-statement__text").all_text_contents()
    assert sorted(shown) == sorted(s["text"] for s in expected)
    await expect(section.locator("h4")).to_have_text(
        [re.compile(r"What is working \(\d+ statements\)"),
         re.compile(r"What is not working \(\d+ statements\)"),
         re.compile(r"What matters for the future \(\d+ statements\)")]
    )  # fmt: skip

    # Every revealed vote, ranked, with the tie marked.
    ranked = page.locator(".cb-report-ranked__item")
    await expect(ranked).to_have_count(3)
    await expect(ranked.locator(".cb-report-place")).to_have_text(["1st", "Joint 2nd", "Joint 2nd"])
    # Themes by question, their statements by review code.
    theme = page.locator(".cb-report-theme", has_text="Appointments")
    await expect(theme.locator(".cb-report-tag")).to_have_text("Taken forward")
    metas = await theme.locator(".cb-report-statement__meta").all_text_contents()
    assert metas == sorted(metas) and all(m.startswith("Review R") for m in metas)
    await shots(page, "full", "report", full_page=True)
    browsers.assert_no_errors()


async def test_a_statement_with_markup_shows_as_text(
    browsers: Any, workshop: dict[str, Any]
) -> None:
    page = await open_report(browsers, workshop["report_link"])
    await expect(page.locator(".cb-report-statement__text", has_text="<script>")).to_have_text(
        MARKUP
    )
    assert await page.evaluate("window.__pwned") is None
    assert await page.locator("main script, main img").count() == 0
    browsers.assert_no_errors()


async def test_the_key_leaves_the_address_bar_so_it_never_prints(
    browsers: Any, workshop: dict[str, Any]
) -> None:
    page = await open_report(browsers, workshop["report_link"])
    assert workshop["facilitator_token"] not in page.url
    await page.reload()  # the tab remembers the key
    await expect(page.locator(".js-report")).to_be_visible()
    browsers.assert_no_errors()


async def test_a_report_share_link_opens_the_report(
    browsers: Any, live_server: Any, workshop: dict[str, Any]
) -> None:
    made = httpx.post(
        f"{live_server.url}/api/boards/{workshop['board_id']}/tokens",
        json={"role": "reader"},
        headers={"Authorization": f"Bearer {workshop['facilitator_token']}"},
    ).json()
    page = await open_report(browsers, made["link"].replace("http://localhost", "http://127.0.0.1"))
    await expect(page.locator(".js-summary .cb-report-top")).to_have_count(2)
    browsers.assert_no_errors()


async def test_a_wrong_key_says_so_plainly(
    browsers: Any, live_server: Any, workshop: dict[str, Any]
) -> None:
    page = await browsers.page("report", LAPTOP)
    await page.goto(
        f"{live_server.url}/board/{workshop['board_id']}/report#t={workshop['wall_token']}"
    )
    await expect(page.locator(".js-fatal")).to_be_visible()
    await expect(page.locator(".js-fatal-message")).to_contain_text("cannot open the report")


async def test_the_report_prints_to_a4_with_the_summary_on_one_page(
    browsers: Any, workshop: dict[str, Any], shots: Any, tmp_path: Path
) -> None:
    page = await open_report(browsers, workshop["report_link"])
    whole = await page.pdf(prefer_css_page_size=True)
    sizes = pdf_pages(whole)
    assert len(sizes) >= 4, "summary, then the full report's parts on pages of their own"
    assert len(sizes) == len(re.findall(rb"/Type\s*/Page(?![s\w])", whole))
    for width, height in sizes:  # A4 is 595.28 x 841.89 points
        assert abs(width - 595) < 1.5 and abs(height - 842) < 1.5, (width, height)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    saved = SCREENSHOTS / "report-whole.pdf"
    saved.write_bytes(whole)
    text = pdf_text(saved)
    if text is not None:
        flat = " ".join(text.split())
        for words in [
            "COPD workshop",
            "What the room chose to work on",
            "I can't get appointments when I want them",
            "Joint 2nd",
            "Statements not taken forward",
            "(none yet)",
        ]:
            assert words in flat, words
        assert "Print or save as PDF" not in flat  # no buttons on paper
        assert workshop["facilitator_token"] not in flat

    await page.get_by_role("button", name="Summary (one page)").click()
    summary = await page.pdf(prefer_css_page_size=True)
    assert len(pdf_pages(summary)) == 1, "the summary fits on one A4 page"
    (SCREENSHOTS / "report-summary.pdf").write_bytes(summary)

    await page.emulate_media(media="print")
    await shots(page, "print", "report-summary", full_page=True)
    browsers.assert_no_errors()


async def test_the_report_passes_axe_and_reflows_at_320px(
    browsers: Any, workshop: dict[str, Any], shots: Any
) -> None:
    page = await open_report(browsers, workshop["report_link"])
    await assert_accessible(page, "report, both parts")
    await page.get_by_role("button", name="Full report").click()
    await expect(page.get_by_role("button", name="Full report")).to_have_attribute(
        "aria-pressed", "true"
    )
    await expect(page.locator(".js-summary")).to_be_hidden()
    small = await open_report(browsers, workshop["report_link"], PHONE_SMALL)
    widths = await small.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1], widths
    await shots(small, "320", "report")
    browsers.assert_no_errors()


# The quadrants an action's idea is placed in: (cost, benefit) on the grid.
PLACES = {"quick win": (1, 5), "major project": (5, 5), "fill-in": (1, 1)}


async def a_long_plan(server_url: str, actions: list[dict[str, Any]]) -> dict[str, Any]:
    """A two-day board at its longest: 7 themes with 600-character I statements, voted
    by 8 people and carried, then `actions` (each may name the quadrant of its idea)."""
    from tests.server.client import create_board, facilitator, import_csv, participant
    from tests.server.test_exports import DEMO

    board = create_board(server_url, "COPD workshop, East Cambridgeshire, day one of two")
    assert import_csv(server_url, board, DEMO).status_code == 200
    host = await facilitator(server_url, board)
    await host.ok(
        "update_board",
        title="COPD workshop, East Cambridgeshire, day one of two",
        purpose="To hear what people living with COPD in East Cambridgeshire, and their "
        "carers, say works and does not, and to agree with commissioners what to change.",
    )
    await host.ok("set_stage", stage="theme")
    themes = []
    for n in range(7):
        seq = await host.ok(
            "create_theme",
            category="not working",
            title=f"Theme {n}: getting help at the right time",
            # As long as an I statement may be: 600 characters.
            i_statement=(f"({n}) " + "I can't get the help I need when I need it. " * 14)[:600],
        )
        await host.wait_for_seq(seq)
        themes.append(host.events[-1]["theme"]["id"])
    await host.ok("set_stage", stage="prioritise")
    opened = await host.ok("open_round", items=themes, dots_per_person=7, max_per_item=2)
    await host.wait_for_seq(opened)
    round_id = host.events[-1]["round"]["id"]
    phones = []
    for n in range(8):
        phone = await participant(
            server_url,
            board["join_code"],
            group=["patient", "carer", "professional", "commissioner"][n % 4],
        )
        for item in themes[: 7 - n % 3]:
            await phone.ok("vote", round_id=round_id, item=item)
        phones.append(phone)
    await host.ok("close_round", round_id=round_id)
    await host.ok("reveal_round", round_id=round_id)
    await host.ok("carry_forward", items=themes)
    await host.ok("set_workshop_days", days=["2027-03-02", "2027-03-16"])
    for stage in ("understand", "success", "ideas"):
        await host.ok("set_stage", stage=stage)
    ideas = {}
    for quadrant in PLACES:
        seq = await host.ok("add_idea", kind="different", text=f"An idea that is a {quadrant}")
        await host.wait_for_seq(seq)
        ideas[quadrant] = host.events[-1]["idea"]["id"]
    await host.ok("shortlist_ideas", idea_ids=list(ideas.values()))
    for quadrant, (cost, benefit) in PLACES.items():
        await host.ok("place_idea", idea_id=ideas[quadrant], cost=cost, benefit=benefit)
    for action in actions:
        quadrant = action.get("quadrant")
        await host.ok(
            "add_action", text=action["text"], owner=action["owner"], due=action["due"],
            **({"idea_id": ideas[quadrant]} if quadrant else {}),
        )  # fmt: skip
    for client in [host, *phones]:
        await client.close()
    report = httpx.get(
        f"{server_url}/api/boards/{board['board_id']}/report.json",
        headers={"Authorization": f"Bearer {board['facilitator_token']}"},
    ).json()
    return {**board, "report": report, "link": report_link(server_url, board)}


def long_actions(count: int, quick: int) -> list[dict[str, Any]]:
    """`count` actions of about 200 characters with long owners, the last `quick` of
    them quick wins (so the report must move them first), the rest spread over quadrants."""
    others = ["major project", "fill-in", None]
    return [
        {
            "text": f"Action {n:02d}: "
            + ("ask the practice managers and the patient group to talk it over " * 4)[:186],
            "owner": "The primary care team at the integrated care board, with the "
            "Breathe Easy group and the community respiratory nurses"[: 60 + n % 3 * 30],
            "due": f"2027-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "quadrant": "quick win" if n >= count - quick else others[n % 3],
        }
        for n in range(count)
    ]


async def print_summary(page: Any, name: str) -> str:
    """The summary alone printed to PDF: one A4 page; its text (poppler's pdftotext)."""
    await page.get_by_role("button", name="Summary (one page)").click()
    pdf = await page.pdf(prefer_css_page_size=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    saved = SCREENSHOTS / f"{name}.pdf"
    saved.write_bytes(pdf)
    sizes = pdf_pages(pdf)
    assert len(sizes) == 1, f"the summary fits on one A4 page, not {len(sizes)}"
    assert abs(sizes[0][0] - 595) < 1.5 and abs(sizes[0][1] - 842) < 1.5, sizes
    text = pdf_text(saved)
    assert text is not None, "pdftotext (poppler-utils) is needed to read the summary"
    return " ".join(text.split())


async def smallest_printed_text(page: Any) -> float:
    """The smallest text in the printed summary, in points (SVG text as drawn)."""
    await page.emulate_media(media="print")
    smallest: float = await page.evaluate(
        """() => {
          const sizes = []
          for (const el of document.querySelectorAll('.js-summary *')) {
            const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())
            if (!own || !el.getClientRects().length) continue
            let px = parseFloat(getComputedStyle(el).fontSize)
            const svg = el.closest('svg')
            const drawn = svg?.viewBox?.baseVal?.width
            if (drawn) px *= svg.getBoundingClientRect().width / drawn
            sizes.push(px * 0.75)
          }
          return Math.min(...sizes)
        }"""
    )
    await page.emulate_media(media="null")
    return smallest


async def assert_every_action_listed(page: Any, report: dict[str, Any], count: int) -> None:
    """The summary's lines are the plan's first `count` actions in the server's order
    (quick wins first), each with who, by when and its quadrant; quick wins marked in words."""
    actions = report["actions"][:count]
    lines = page.locator(".js-summary .js-summary-actions li")
    await expect(lines).to_have_count(count)
    texts = await lines.all_text_contents()
    for action, line in zip(actions, texts, strict=True):
        assert action["text"][:40] in line, (action["text"], line)
        assert action["owner"][:30] in line, (action["owner"], line)
        win = action["quadrant"] == "quick win"
        assert line.startswith("Quick win") == win, line
        if action["quadrant"] and not win:
            assert line.endswith(f"· {action['quadrant']}"), line
    wins = [a for a in report["actions"] if a["quadrant"] == "quick win"]
    assert actions[: len(wins)] == wins[:count], "quick wins first"
    await expect(page.locator(".js-summary .js-quick-win")).to_have_count(min(len(wins), count))


async def test_a_summary_of_five_themes_with_long_names_fits_one_page(
    browsers: Any, script_server: Any, shots: Any
) -> None:
    # A plan of 14 actions, three of them quick wins, added last.
    plan = [
        {
            "text": f"Action {n}: ask the practice managers to talk it over",
            "owner": "The primary care team at the integrated care board",
            "due": f"2027-0{1 + n % 9}-15",
            "quadrant": "quick win" if n >= 11 else None,
        }
        for n in range(14)
    ]
    board = await a_long_plan(script_server.url, plan)
    page = await open_report(browsers, board["link"])
    await page.get_by_role("button", name="Summary (one page)").click()
    summary_part = page.locator(".js-summary")
    await expect(summary_part).to_contain_text("And 4 more themes: see the full report.")
    await expect(page.locator(".js-meta")).to_contain_text(
        "Workshop days: Tuesday 2 March 2027 and Tuesday 16 March 2027."
    )
    # Every action, quick wins first.
    await assert_every_action_listed(page, board["report"], 14)
    lines = summary_part.locator(".js-summary-actions li")
    await expect(lines.nth(0)).to_contain_text("Action 11")
    await expect(lines.nth(2)).to_contain_text("Action 13")
    await expect(lines.nth(3)).to_contain_text("Action 0")
    await expect(page.locator(".js-more-actions")).to_have_count(0)
    await expect(summary_part).to_contain_text(
        "14 actions, the 3 quick wins first (low cost, high benefit), then by date."
    )
    # Small groups are combined, and the summary says why.
    await expect(summary_part).to_contain_text(
        "Groups with fewer than 3 voters are counted together as “Smaller groups together”"
    )
    text = await print_summary(page, "report-summary-long")
    for n in range(14):
        assert f"Action {n}: ask the practice" in text, n
    assert text.index("Action 13") < text.index("Action 0:")
    assert await smallest_printed_text(page) >= 8.5
    await page.emulate_media(media="print")
    await shots(page, "print", "report-summary-long", full_page=True)
    browsers.assert_no_errors()


@pytest.mark.parametrize("count", [6, 16, 30])  # the most each way of fitting them holds
async def test_up_to_thirty_long_actions_are_all_on_the_one_page_summary(
    browsers: Any, script_server: Any, shots: Any, count: int
) -> None:
    quick = max(2, count // 5)
    board = await a_long_plan(script_server.url, long_actions(count, quick=quick))
    page = await open_report(browsers, board["link"], {"width": 1280, "height": 800})
    await assert_every_action_listed(page, board["report"], count)
    await expect(page.locator(".js-more-actions")).to_have_count(0)
    await expect(page.locator(".js-summary")).to_contain_text(
        f"{count} actions, the {quick} quick wins first"
    )
    widths = await page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1], widths
    await page.locator("#summary-actions").scroll_into_view_if_needed()
    await shots(page, "1280", f"report-summary-{count}")
    text = await print_summary(page, f"report-summary-{count}")
    for n in range(count):
        assert f"Action {n:02d}: ask the practice" in text, n
    first_win = f"Action {count - quick:02d}"
    assert text.index(first_win) < text.index("Action 00")  # the quick wins first
    assert text.count("Quick win") == quick
    assert "And 4 more themes: see the full report." in text
    assert await smallest_printed_text(page) >= 8.5
    await page.emulate_media(media="print")
    await shots(page, "print", f"report-summary-{count}", full_page=True)
    small = await open_report(browsers, board["link"], PHONE_SMALL)
    await small.get_by_role("button", name="Summary (one page)").click()
    widths = await small.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1], widths
    await small.locator("#summary-actions").scroll_into_view_if_needed()
    await shots(small, "320", f"report-summary-{count}")
    browsers.assert_no_errors()


async def test_beyond_thirty_actions_the_summary_says_how_many_more(
    browsers: Any, script_server: Any, shots: Any
) -> None:
    board = await a_long_plan(script_server.url, long_actions(41, quick=4))
    page = await open_report(browsers, board["link"])
    await assert_every_action_listed(page, board["report"], 30)
    more = page.locator(".js-summary .js-more-actions")
    await expect(more).to_have_text("And 11 more actions: see the full report.")
    await expect(page.locator(".js-full .cb-report-action")).to_have_count(41)
    text = await print_summary(page, "report-summary-41")
    assert "And 11 more actions: see the full report." in text
    assert await smallest_printed_text(page) >= 8.5
    await page.emulate_media(media="print")
    await shots(page, "print", "report-summary-41", full_page=True)
    browsers.assert_no_errors()


async def test_quick_wins_show_with_who_and_by_when(
    browsers: Any, live_server: Any, shots: Any
) -> None:
    from tests.server.client import create_board, facilitator

    board = create_board(live_server.url, "Plan day")
    host = await facilitator(live_server.url, board)
    for stage in ("collect", "theme", "prioritise", "understand", "success", "ideas"):
        await host.ok("set_stage", stage=stage)
    seq = await host.ok("add_idea", kind="different", text="A breathlessness café at the library")
    await host.wait_for_seq(seq)
    idea = host.events[-1]["idea"]["id"]
    await host.ok("set_stage", stage="invest")
    await host.ok("shortlist_ideas", idea_ids=[idea])
    await host.ok("place_idea", idea_id=idea, cost=1, benefit=5)
    await host.ok("set_stage", stage="plan")
    await host.ok(
        "add_action", text="Book the library room", owner="Breathe Easy group",
        due="2027-03-01", idea_id=idea,
    )  # fmt: skip
    await host.close()
    page = await open_report(browsers, report_link(live_server.url, board))
    wins = page.locator(".js-summary .js-summary-actions li")
    await expect(wins).to_have_count(1)
    await expect(wins).to_have_text(
        "Quick win Book the library room — Breathe Easy group · by 1 March 2027"
    )
    await expect(wins.locator(".cb-tag")).to_have_text("Quick win")
    await shots(page, "quick-wins", "report")
    browsers.assert_no_errors()
