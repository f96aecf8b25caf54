"""Hands that go back to the pile: phones that left, and hands not placed in time.

The board decides who holds what (board/dealing.py); this sweep only says when
a hand is to go back, with `return_hand`. Every worker sweeps the boards it
follows, each second. A seat whose phone is connected to no live worker
(server/presence.py) for `grace` seconds goes back as `left` (so a phone that
drops for a moment and reconnects keeps its hand); a hand nobody has acted on
for the dealing's `timeout_seconds` goes back as `timeout`. Two workers may
see the same hand due: each sends the command with the same op, derived from
the hand, so the log's one atomic append keeps it once, and a hand already
back is refused by the board (and ignored here).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Iterable
from typing import Literal

from board import Actor, Board, BoardError, ReturnHand, Role, cards_to_place
from server.errors import ServerError
from server.hub import Hub

log = logging.getLogger(__name__)

SWEEP_EVERY = 1.0  # seconds
_SERVER = Actor(role=Role.FACILITATOR)


class Dealer:
    def __init__(self, hub: Hub, grace: float, clock: Callable[[], float] = time.time) -> None:
        self._hub = hub
        self._grace = grace
        self._clock = clock
        # (board, participant) -> when this worker first saw their seat with no phone.
        self._away_since: dict[tuple[str, str], float] = {}

    async def run(self) -> None:
        while True:
            await asyncio.sleep(SWEEP_EVERY)
            try:
                await self.sweep(self._hub.follower.followed())
            except ServerError:
                log.warning("could not sweep the dealt hands")
            except Exception:  # the sweep must outlive any one bad board
                log.exception("the dealt-hands sweep failed")

    async def sweep(self, boards: Iterable[Board]) -> int:
        """Send back every hand that is due on these boards; how many were sent back."""
        returned = 0
        seen: set[tuple[str, str]] = set()
        for state in boards:
            dealing = state.dealing
            if dealing is None or not dealing.active or not dealing.hands:
                continue
            online = await self._hub.store.online_now(state.id)
            now = self._clock()
            for pid, hand in dealing.hands.items():
                key = (state.id, pid)
                if pid not in online:
                    seen.add(key)
                    away = self._away_since.setdefault(key, now)
                    if now - away >= self._grace:
                        returned += await self._return(state.id, pid, "left", hand.since_ms)
                        continue
                cards = cards_to_place(state, hand.cards)
                if cards and now * 1000 >= hand.since_ms + dealing.timeout_seconds * 1000:
                    returned += await self._return(state.id, pid, "timeout", hand.since_ms)
        for key in set(self._away_since) - seen:
            del self._away_since[key]
        return returned

    async def _return(
        self, board_id: str, pid: str, reason: Literal["left", "timeout"], since_ms: int
    ) -> int:
        command = ReturnHand(participant_id=pid, reason=reason)
        op = f"server:{reason}:{pid}:{since_ms}"
        with contextlib.suppress(BoardError):  # back already, or acted on meanwhile
            await self._hub.execute(board_id, command, _SERVER, op)
            log.info("returned the hand of %s on board %s (%s)", pid, board_id, reason)
            return 1
        return 0
