"""static/js/connection.js in a real browser, with a stand-in socket."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import LAPTOP  # type: ignore[import-not-found]

pytestmark = pytest.mark.browser

# A fake Socket.IO socket: records what is emitted, answers through `respond`.
FAKE = """
window.makeFake = (respond) => {
  const handlers = {};
  const fake = {
    handlers, emitted: [], active: true,
    on (name, fn) { handlers[name] = fn },
    connect () { setTimeout(() => handlers.connect(), 0) },
    close () {},
    timeout () {
      return { emit: (name, data, cb) => {
        fake.emitted.push([name, structuredClone(data)]);
        respond(name, data, cb, fake);
      } };
    },
  };
  return fake;
};
window.tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
window.board = (seq) => ({ id: 'b1', seq, title: 'T', stage: 'prepare', statements: [],
  participants: { count: 0, by_group: {} }, rounds: [] });
"""


async def run(page: Any, script: str) -> Any:
    await page.evaluate(FAKE)
    return await page.evaluate(script)


async def test_events_apply_in_order_and_gaps_are_synced(browsers: Any, server_url: str) -> None:
    page = await browsers.page("start", LAPTOP)
    await page.goto(server_url)
    result = await run(
        page,
        """async () => {
      const { Connection } = await import('/static/js/connection.js');
      const fake = makeFake((name, data, cb) => {
        if (name === 'join') cb(null, { ok: true, role: 'wall', board: board(5), seq: 5 });
        if (name === 'sync') cb(null, { ok: true, events: [
          { seq: 6, type: 'stage_set', stage: 'collect', previous: 'prepare' },
          { seq: 7, type: 'board_updated', title: 'Renamed', purpose: '', join_code: 'ABCDEF' },
        ] });
      });
      const c = new Connection({ token: 'b1.secret', ioFactory: () => fake });
      const seen = [];
      c.addEventListener('state', (e) => seen.push(e.detail.state.seq));
      c.start();
      await tick();
      // A duplicate (5) and a gap (8 arrives before 6 and 7).
      fake.handlers.events({ events: [
        { seq: 5, type: 'stage_set', stage: 'reflect', previous: 'prepare' },
        { seq: 8, type: 'stage_set', stage: 'theme', previous: 'collect' },
      ] });
      await tick();
      fake.handlers.events({ events: [{ seq: 7, type: 'stage_set', stage: 'reflect' }] });
      await tick();
      return { seq: c.seq, stage: c.state.stage, title: c.state.title, seen,
               syncs: fake.emitted.filter(([n]) => n === 'sync').map(([, d]) => d.since) };
    }""",
    )
    assert result == {
        "seq": 8,
        "stage": "theme",
        "title": "Renamed",
        "seen": [5, 8],
        "syncs": [5],
    }


async def test_a_command_is_resent_with_the_same_op_until_acked(
    browsers: Any, server_url: str
) -> None:
    page = await browsers.page("start", LAPTOP)
    await page.goto(server_url)
    result = await run(
        page,
        """async () => {
      const { Connection } = await import('/static/js/connection.js');
      let commands = 0;
      const fake = makeFake((name, data, cb) => {
        const joined = { ok: true, role: 'participant', board: board(1), seq: 1 };
        if (name === 'join') cb(null, joined);
        if (name === 'command') {
          commands += 1;
          if (commands === 1) cb(new Error('operation has timed out'));
          else if (data.item === 'bad') {
            const error = { code: 'no_dots_left', message: 'All 5 dots are used.' };
            cb(null, { ok: false, error });
          }
          else cb(null, { ok: true, seq: 2 });
        }
      });
      const said = [];
      const c = new Connection({
        token: 'b1.p', outboxKey: 'test-outbox', announce: (m) => said.push(m),
        ioFactory: () => fake,
      });
      c.start();
      await tick();
      const first = c.send({ type: 'vote', round_id: 'r1', item: 's1' });
      const stored = JSON.parse(localStorage.getItem('test-outbox'));
      const ack = await first;
      let refused = null;
      try {
        await c.send({ type: 'vote', round_id: 'r1', item: 'bad' });
      } catch (e) { refused = e.code }
      const ops = fake.emitted.filter(([n]) => n === 'command').map(([, d]) => d.op);
      const left = localStorage.getItem('test-outbox');
      return { ack, stored: stored.length, ops, said, refused, left };
    }""",
    )
    ops = result["ops"]
    assert result["ack"] == {"ok": True, "seq": 2}
    assert result["stored"] == 1
    assert len(ops) == 3 and ops[0] == ops[1] != ops[2]
    assert result["refused"] == "no_dots_left"
    assert result["said"] == ["All 5 dots are used."]
    assert result["left"] is None


async def test_an_unsent_command_survives_a_reload(browsers: Any, server_url: str) -> None:
    page = await browsers.page("start", LAPTOP)
    await page.goto(server_url)
    await page.evaluate(
        """localStorage.setItem('test-outbox-2',
           JSON.stringify([{ op: 'kept-op-1234', type: 'vote', round_id: 'r1', item: 's1' }]))"""
    )
    await page.reload()
    result = await run(
        page,
        """async () => {
      const { Connection } = await import('/static/js/connection.js');
      const fake = makeFake((name, data, cb) => {
        const joined = { ok: true, role: 'participant', board: board(1), seq: 1 };
        if (name === 'join') cb(null, joined);
        if (name === 'command') cb(null, { ok: true, seq: 2 });
      });
      const c = new Connection({ token: 'b1.p', outboxKey: 'test-outbox-2',
                                 ioFactory: () => fake });
      c.start();
      await tick(50);
      return fake.emitted.filter(([n]) => n === 'command').map(([, d]) => d.op);
    }""",
    )
    assert result == ["kept-op-1234"]
