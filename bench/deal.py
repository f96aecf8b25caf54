"""`python -m bench deal`: a room themes one question together, its cards dealt out.

The demo board's 95 "not working" cards, 12 themes, and `--clients` phones (40)
spread over two workers on one Redis, each taking a random `--think` seconds
(2–6) to place each card in a theme. A tenth of the phones leave partway,
holding their cards: those go back to the pile after the server's grace
(CHANGEBOARD_DEALING_GRACE, `--grace`) and are dealt to the others.

Reported: the seconds until every card is placed; cards dealt twice (in two
hands at once: must be 0), placed twice and lost (not in a theme at the end:
both must be 0), refusals; and how long the cards of a phone that left waited
in its hand before they went back to the pile.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import time
from typing import Any

import socketio

from bench.agent import _op
from bench.infra import Facilitator, create_board, import_demo, log, redis_url, workdir

Json = dict[str, Any]
QUESTION = "not working"
THEMES = 12


class Phone:
    """One phone theming together: places each card of its hand after a while."""

    def __init__(
        self, url: str, index: int, rng: random.Random, think: tuple[float, float]
    ) -> None:
        self.url = url
        self.index = index
        self.rng = rng
        self.think = think
        self.sio = socketio.AsyncClient(reconnection=False, handle_sigint=False)
        self.sio.on("events", self._on_events)
        self.hand: list[str] = []
        self.changed = asyncio.Event()
        self.pid = ""
        self.placed = 0
        self.refused: list[str] = []
        self.left_at: float | None = None
        self.held_when_left: list[str] = []

    async def _on_events(self, data: Json) -> None:
        for event in data["events"]:
            if "hand" in event:
                self.hand = list(event["hand"])
                self.changed.set()

    async def join(self, code: str) -> None:
        await self.sio.connect(self.url, transports=["websocket"], wait_timeout=30)
        ack = await self.sio.call("join", {"code": code, "group": "patient"}, timeout=30)
        assert ack["ok"], ack
        self.pid = ack["you"]["id"]

    async def command(self, type: str, **fields: Any) -> Json:
        ack: Json = await self.sio.call(
            "command", {"op": _op(), "type": type, **fields}, timeout=30
        )
        if not ack["ok"] and ack["error"]["code"] not in ("pile_empty", "hand_full"):
            self.refused.append(ack["error"]["code"])
        return ack

    async def theme(self, themes: list[str], done: asyncio.Event, leave_after: int | None) -> None:
        await self.command("take_cards")
        while not done.is_set():
            if leave_after is not None and self.placed >= leave_after and self.hand:
                self.held_when_left = list(self.hand)
                self.left_at = time.time()
                await self.sio.disconnect()
                return
            if not self.hand:
                self.changed.clear()
                await _first(self.changed.wait(), done.wait(), timeout=5)
                if not self.hand and not done.is_set():
                    await self.command("take_cards")  # as a phone does, now and then
                continue
            await asyncio.sleep(self.rng.uniform(*self.think))
            card = self.hand[0]
            self.changed.clear()
            ack = await self.command(
                "place_dealt", statement_id=card, theme_id=themes[int(card[1:]) % len(themes)]
            )
            if ack["ok"]:
                self.placed += 1
                while self.hand[:1] == [card] and not done.is_set():
                    await _first(self.changed.wait(), done.wait(), timeout=5)
                    self.changed.clear()

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            if self.sio.connected:
                await self.sio.disconnect()


async def _first(*waits: Any, timeout: float) -> None:
    tasks = [asyncio.ensure_future(w) for w in waits]
    try:
        await asyncio.wait(tasks, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()


class Watch:
    """The facilitator's stream: who holds what, every placement, every hand returned."""

    def __init__(self, cards: set[str], done: asyncio.Event) -> None:
        self.cards = cards
        self.done = done
        self.holder: dict[str, str] = {}
        self.dealt_twice = 0
        self.placed: dict[str, int] = {}
        self.returned_at: dict[str, float] = {}
        self.finished_at: float | None = None

    async def on_events(self, data: Json) -> None:
        now = time.time()
        for event in data["events"]:
            kind = event["type"]
            if kind in ("cards_dealt", "card_placed", "card_passed", "hand_returned"):
                who = event["participant"]
                for card in [c for c, h in self.holder.items() if h == who]:
                    del self.holder[card]
                for card in event["hand"]:
                    if self.holder.setdefault(card, who) != who:
                        self.dealt_twice += 1
            if kind == "card_placed" and "placed" in event:
                self.placed[event["placed"]] = self.placed.get(event["placed"], 0) + 1
                if set(self.placed) >= self.cards and self.finished_at is None:
                    self.finished_at = now
                    self.done.set()
            if kind == "hand_returned":
                self.returned_at.setdefault(event["participant"], now)


async def deal(args: argparse.Namespace) -> Json:
    from bench.scenarios import servers, summary

    low, high = (float(x) for x in args.think.split("-"))
    env = {"CHANGEBOARD_DEALING_GRACE": str(args.grace)}
    with workdir() as wd, redis_url(wd) as redis, servers(wd, redis, count=2, extra_env=env) as two:
        board = create_board(two[0].url)
        import_demo(two[0].url, board)
        host = Facilitator(two[0].url, board)
        await host.__aenter__()
        phones: list[Phone] = []
        try:
            await host.ok("set_stage", stage="theme")
            for n in range(THEMES):
                await host.ok("create_theme", category=QUESTION, title=f"Theme {n + 1}")
            state = await host.state()
            themes = [t["id"] for t in state["themes"]]
            cards = {s["id"] for s in state["statements"] if s["category"] == QUESTION}
            done = asyncio.Event()
            watch = Watch(cards, done)
            host.sio.on("events", watch.on_events)
            phones = [
                Phone(two[n % 2].url, n, random.Random(n), (low, high)) for n in range(args.clients)
            ]
            await asyncio.gather(*(p.join(board["join_code"]) for p in phones))
            leavers = max(1, args.clients // 10) if args.leavers is None else args.leavers
            log(
                f"deal: {args.clients} phones, {len(cards)} cards, {THEMES} themes, {leavers} leave"
            )
            started = time.time()
            await host.ok(
                "start_dealing", category=QUESTION, hand_size=args.hand, timeout_seconds=600
            )
            await asyncio.wait_for(
                asyncio.gather(
                    *(
                        p.theme(
                            themes, done, leave_after=1 + p.index % 3 if p.index < leavers else None
                        )
                        for p in phones
                    )
                ),
                timeout=600,
            )
            final = await host.state()
        finally:
            for phone in phones:
                await phone.close()
            await host.__aexit__()
    where = {s["id"]: s["theme_id"] for s in final["statements"] if s["category"] == QUESTION}
    lost = sorted(c for c, theme in where.items() if theme is None)
    placed_twice = sum(1 for n in watch.placed.values() if n > 1)
    gone = [p for p in phones if p.left_at is not None]
    waits = [
        watch.returned_at[p.pid] - p.left_at
        for p in gone
        if p.pid in watch.returned_at and p.left_at
    ]
    refused = [code for p in phones for code in p.refused]
    finished = watch.finished_at
    return {
        "cards": len(cards),
        "themes": THEMES,
        "hand_size": args.hand,
        "think_seconds": args.think,
        "grace_seconds": args.grace,
        "all_placed_seconds": round(finished - started, 2) if finished else None,
        "ideal_seconds": round(len(cards) * (low + high) / 2 / args.clients, 2),
        "dealt_twice": watch.dealt_twice,
        "placed_twice": placed_twice,
        "lost": len(lost),
        "refused": refused[:10],
        "phones_left": len(gone),
        "cards_held_by_leavers": sum(len(p.held_when_left) for p in gone),
        "wait_in_left_hand": summary(waits),
        "placements_per_phone": {
            "min": min(p.placed for p in phones),
            "max": max(p.placed for p in phones),
        },
        "correct": finished is not None
        and watch.dealt_twice == 0
        and placed_twice == 0
        and not lost
        and not refused
        and len(waits) == len(gone),
    }
