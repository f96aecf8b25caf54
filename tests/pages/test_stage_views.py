"""Each page has a view of every stage the server sends, and keeps no list of its own."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import LAPTOP, Facilitator, create_board  # type: ignore[import-not-found]

from board.stages import STAGES

pytestmark = pytest.mark.browser

VIEWS = """async () => {
  const { STAGE_VIEWS } = await import('/static/js/stages/index.js');
  return Object.fromEntries(Object.entries(STAGE_VIEWS).map(([stage, views]) =>
    [stage, Object.keys(views).filter((page) => typeof views[page] === 'function').sort()]));
}"""


async def test_every_stage_the_server_sends_has_a_view_on_every_page(
    browsers: Any, server_url: str
) -> None:
    board = create_board(server_url, "Views")
    async with Facilitator(server_url, board) as host:
        ack = await host.sio.call("join", {"token": board["facilitator_token"]}, timeout=10)
        sent = [s["stage"] for s in ack["stages"]]
    assert sent == [s.stage.value for s in STAGES]
    page = await browsers.page("start", LAPTOP)
    await page.goto(server_url)
    views = await page.evaluate(VIEWS)
    assert list(views) == sent
    assert all(pages == ["facilitator", "phone", "wall"] for pages in views.values()), views
    browsers.assert_no_errors()
