"""The pieces behind theming and voting, each in a real browser: the reducer,
the countdown, the links panel, a phone making a theme, and a hard stop."""

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
from test_phone_page import join  # type: ignore[import-not-found]

pytestmark = pytest.mark.browser

CSV = (
    "review,person,category,priority,statement\n"
    "R01,patient,not working,1,I wait weeks for a call back.\n"
    "R01,patient,not working,2,Nobody tells me who is in charge of my care.\n"
    "R02,carer,working,1,The nurse listens to me.\n"
)

REDUCER = """async () => {
  const m = await import('/static/js/board-state.js');
  let s = m.fromSnapshot({ id: 'b', seq: 1, title: 'T', stage: 'theme', theming_mode: 'everyone',
    hide_new_cards: false, suggestions: [], carried: [], timer: null, themes: [],
    participants: { count: 0, by_group: {} }, rounds: [],
    statements: [
      { id: 's1', category: 'not working', text: 'a', theme_id: null },
      { id: 's2', category: 'not working', text: 'b', theme_id: null },
      { id: 's3', category: 'not working', text: 'c', theme_id: null, hidden: true },
    ] });
  const before = s;
  const theme = (id, title, i = '') => ({ id, category: 'not working', title, i_statement: i });
  const events = [
    { type: 'theme_created', theme: theme('t1', 'One') },
    { type: 'theme_created', theme: theme('t2', 'Two') },
    { type: 'theme_updated', theme: theme('t1', 'Uno', 'I wait') },
    { type: 'statement_moved', statement_id: 's1', theme_id: 't1', previous: null },
    { type: 'statement_moved', statement_id: 's2', theme_id: 't2', previous: null },
    { type: 'items_carried_forward', items: ['t2'] },
    { type: 'theme_merged', theme_id: 't2', into_id: 't1', moved: ['s2'], carried: ['t1'] },
    { type: 'theming_mode_set', mode: 'facilitators' },
    { type: 'move_suggested', suggestion: { id: 'm1', statement_id: 's3', theme_id: 't1' } },
    { type: 'suggestion_settled', suggestion_id: 'm1', accepted: false },
    { type: 'card_visibility_set', hide_new: true },
    { type: 'cards_revealed',
      statements: [{ id: 's3', category: 'not working', text: 'c', theme_id: null }] },
    { type: 'timer_set', action: 'started',
      timer: { label: 'x', duration_ms: 1000, ends_at_ms: 5, remaining_ms: null,
        hard_stop: false } },
    { type: 'redacted' },
    { type: 'theme_deleted', theme_id: 't1', released: ['s1', 's2'], carried: [] },
  ];
  const seen = [];
  events.forEach((e, i) => {
    s = m.applyEvent(s, { ...e, seq: i + 2 });
    seen.push(JSON.parse(JSON.stringify(s)));
  });
  const at = (i) => seen[i];
  return {
    untouched: before.themes.length === 0 && before.statements[0].theme_id === null,
    renamed: at(2).themes.map((t) => t.title),
    afterMoves: at(4).statements.map((x) => x.theme_id),
    afterMerge: [
      at(6).themes.map((t) => t.id), at(6).statements.map((x) => x.theme_id), at(6).carried],
    mode: at(7).theming_mode,
    suggestions: [at(8).suggestions.length, at(9).suggestions.length],
    hide: at(10).hide_new_cards,
    revealed: at(11).statements.find((x) => x.id === 's3').hidden,
    timer: at(12).timer.label,
    redactedSeq: at(13).seq,
    afterDelete: [at(14).themes.length, at(14).statements.map((x) => x.theme_id)],
    seq: s.seq,
    ranking: m.ranking({ items: ['a', 'b', 'c', 'd'], totals: { a: 2, b: 5, c: 2, d: 1 } })
      .map((r) => [r.item, m.placeLabel(r)]),
  };
}"""


async def test_the_reducer_handles_every_theming_event(browsers: Any, server_url: str) -> None:
    page = await browsers.page("start", LAPTOP)
    await page.goto(server_url)
    found = await page.evaluate(REDUCER)
    assert found["untouched"]
    assert found["renamed"] == ["Uno", "Two"]
    assert found["afterMoves"] == ["t1", "t2", None]
    assert found["afterMerge"] == [["t1"], ["t1", "t1", None], ["t1"]]
    assert found["mode"] == "facilitators"
    assert found["suggestions"] == [1, 0]
    assert found["hide"] is True
    assert found["revealed"] is False
    assert found["timer"] == "x"
    assert found["redactedSeq"] == 15
    assert found["afterDelete"] == [0, [None, None, None]]
    assert found["seq"] == 16
    assert found["ranking"] == [["b", "1st"], ["a", "Tied 2nd"], ["c", "Tied 2nd"], ["d", "4th"]]


COUNTDOWN = """async () => {
  const { Countdown } = await import('/static/js/countdown.js');
  const el = document.createElement('p');
  document.body.append(el);
  const said = [];
  const now = 1_000_000;
  const c = new Countdown(el, { now: () => now, announce: (m) => said.push(m) });
  const text = (timer) => { c.render(timer); return el.textContent; };
  const base = { label: '', duration_ms: 600000, remaining_ms: null, hard_stop: false };
  return {
    running: text({ ...base, ends_at_ms: now + 4 * 60000 }),
    seconds: text({ ...base, ends_at_ms: now + 44000 }),
    paused: text({ ...base, ends_at_ms: null, remaining_ms: 120000 }),
    guide: text({ ...base, ends_at_ms: now - 1 }),
    hard: text({ ...base, ends_at_ms: now - 1, hard_stop: true }),
    labelled: text({ ...base, label: 'Voting', ends_at_ms: now + 150000 }),
    none: (c.render(null), el.hidden),
  };
}"""


async def test_the_countdown_says_time_left_in_words(browsers: Any, server_url: str) -> None:
    page = await browsers.page("start", LAPTOP)
    await page.goto(server_url)
    found = await page.evaluate(COUNTDOWN)
    assert found == {
        "running": "4 minutes left",
        "seconds": "45 seconds left",
        "paused": "Paused (2 minutes to go)",
        "guide": "Time is up — you can still finish",
        "hard": "Voting has stopped",
        "labelled": "Voting: 2 minutes left",
        "none": True,
    }


async def test_links_are_made_listed_and_turned_off(
    browsers: Any, server_url: str, shots: Any
) -> None:
    board = create_board(server_url, "Links")
    page = await browsers.page("facilitator", LAPTOP)
    await page.goto(board["links"]["facilitator"])
    await open_tool(page, "links")
    links = page.locator(".js-links")
    await expect(links.locator(".js-links-list li")).to_have_count(2)  # this one and the wall's
    await expect(links.locator(".js-links-list")).to_contain_text("The link you are using")
    await links.get_by_role("button", name="Make a co-facilitator link").click()
    field = links.get_by_label("Co-facilitator link (copy it)")
    await expect(field).to_have_value(re.compile(r"/facilitate#t="))
    await expect(links.locator(".js-links-list li")).to_have_count(3)
    co_link = await field.input_value()
    co_host = await browsers.page("co-facilitator", LAPTOP)
    await co_host.goto(co_link)
    await expect(co_host.locator(".js-board-title")).to_have_text("Links")
    await shots(page, "links", "facilitator")
    await assert_accessible(page, "links panel")
    made_here = links.locator(".js-links-list li", has_text="made on this computer")
    await made_here.get_by_role("button", name=re.compile("Turn off")).click()
    await expect(links.locator(".js-links-list li")).to_have_count(2)
    await expect(field).to_be_hidden()
    # The server cuts the co-facilitator off as soon as the link is turned off.
    await expect(co_host.locator(".js-fatal")).to_be_visible()
    browsers.assert_no_errors()


async def test_a_phone_makes_a_theme_and_a_hard_stop_ends_voting(
    browsers: Any, server_url: str, shots: Any
) -> None:
    board = create_board(server_url, "Phone themes")
    import_csv(server_url, board, CSV)
    phone = await browsers.page("phone", PHONE_SMALL)
    await join(phone, server_url, board["join_code"])
    async with Facilitator(server_url, board) as host:
        for stage in ("collect", "theme"):
            await host.command(type="set_stage", stage=stage)
        await expect(phone.locator(".js-stage-title")).to_have_text("Theme")
        await phone.get_by_role("button", name="+ New theme").click()
        await expect(phone.get_by_label("Short name")).to_be_visible()
        await phone.get_by_label("Short name").fill("Call backs")
        await phone.get_by_label("I statement (optional)").fill("I never know when they will ring.")
        await phone.get_by_role("button", name="Make the theme").click()
        theme = phone.locator(".cb-theme[data-theme]", has_text="Call backs")
        await expect(theme).to_contain_text("I never know when they will ring.")
        await expect(theme).to_contain_text("No cards in this theme yet.")
        await assert_phone_friendly(phone, "phone theming")
        await shots(phone, "theme", "phone-320", full_page=True)
        # Larger text and high contrast still fit a 320px screen, sheet included.
        await phone.get_by_role("button", name="Larger text").click()
        await phone.get_by_role("button", name="High contrast").click()
        await assert_phone_friendly(phone, "phone theming, larger text")
        card = phone.locator(".js-theming .js-card").first
        await card.get_by_role("button", name="Move to…").click()
        sheet = phone.locator("dialog.js-move-sheet")
        await expect(sheet.locator(".cb-sheet__choice")).to_have_count(1)
        await assert_accessible(phone, "move sheet, larger text and high contrast")
        await shots(phone, "sheet-large-contrast", "phone-320")
        await sheet.get_by_role("button", name="Cancel").click()
        await expect(sheet).to_be_hidden()
        await expect(card.get_by_role("button", name="Move to…")).to_be_focused()
        await shots(phone, "theme-large-contrast", "phone-320", full_page=True)

        state = (await host.sio.call("join", {"token": board["facilitator_token"]}))["board"]
        theme_id = state["themes"][0]["id"]
        await host.command(type="set_stage", stage="prioritise")
        await host.command(type="open_round", items=[theme_id], dots_per_person=2, max_per_item=2)
        await expect(phone.locator(".cb-vote__title")).to_have_text("Call backs")
        await host.command(type="start_timer", seconds=10, label="Voting", hard_stop=True)
        await expect(phone.locator(".js-timer")).to_contain_text("Voting:")
        timer = phone.locator(".js-timer")
        await expect(timer).to_contain_text("Voting has stopped", timeout=15_000)
        await expect(phone.locator(".js-stopped")).to_have_text("Voting has stopped. Time is up.")
        add = phone.get_by_role("button", name=re.compile("Add a dot"))
        await expect(add).to_have_attribute("aria-disabled", "true")
        await assert_phone_friendly(phone, "phone after a hard stop")
        await assert_accessible(phone, "phone after a hard stop")
        await shots(phone, "hard-stop", "phone-320")
    browsers.assert_no_errors()
