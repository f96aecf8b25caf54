"""Cards dealt out to phones: who holds which, what is left in the pile, in what order.

Part of dealing (board/dealing.py): the values it keeps on the board and the
pure rules it deals by. Nothing here is random or reads a clock: every worker
folding the same log agrees on every hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from board.base import Frozen
from board.values import Actor, Category, Role, Statement

if TYPE_CHECKING:
    from board.model import Board

HAND_SIZE_MAX = 10
TIMEOUT_MIN = 30
TIMEOUT_MAX = 60 * 60
# Two people not sure where a card goes: it waits for the facilitator.
UNSURE_FOR_REVIEW = 2


class Hand(Frozen):
    """The cards one phone holds, and when it was last dealt to or acted."""

    cards: tuple[str, ...] = ()
    since_ms: int = 0


class DealingRules(Frozen):
    category: Category
    hand_size: int = Field(default=3, ge=1, le=HAND_SIZE_MAX)
    timeout_seconds: int = Field(default=180, ge=TIMEOUT_MIN, le=TIMEOUT_MAX)


class Dealing(DealingRules):
    """One category dealt out to the room; kept after it stops, until its placements are seen."""

    active: bool = True
    # participant id -> their hand. A card is in at most one hand.
    hands: dict[str, Hand] = Field(default_factory=dict)
    # card -> who was not sure where it goes (it is never dealt to them again).
    unsure: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    # Cards two people were not sure of: the facilitator's review tray.
    review: tuple[str, ...] = ()
    # Cards the room placed in a theme, in order, for the facilitator to review.
    placed: tuple[str, ...] = ()
    # card -> its turn at the back of the pile (skipped, or not sure).
    back: dict[str, int] = Field(default_factory=dict)
    turns: int = 0

    def held(self) -> set[str]:
        return {card for hand in self.hands.values() for card in hand.cards}

    def hand_of(self, participant_id: str) -> Hand:
        return self.hands.get(participant_id, Hand())


def dealable(statement: Statement, category: Category) -> bool:
    """A card of the category nobody has themed yet, that everyone may see."""
    return statement.category == category and statement.theme_id is None and not statement.hidden


def live(state: Board, cards: tuple[str, ...]) -> tuple[str, ...]:
    """The cards of a hand still to place (someone else may have themed one meanwhile)."""
    return tuple(c for c in cards if c in state.statements and state.statements[c].theme_id is None)


def pile(state: Board, dealing: Dealing) -> list[str]:
    """The cards waiting to be dealt, in the order they will be: skipped ones go to the back."""
    held = dealing.held()
    waiting = {s.statement_id for s in state.suggestions.values()}
    out = set(dealing.review) | held | waiting
    order = [
        sid
        for sid, statement in state.statements.items()
        if dealable(statement, dealing.category) and sid not in out
    ]
    turn = {sid: n for n, sid in enumerate(order)}
    return sorted(order, key=lambda sid: (dealing.back.get(sid, 0), turn[sid]))


def next_hand(state: Board, dealing: Dealing, participant_id: str) -> tuple[str, ...]:
    """The participant's hand topped up from the pile, skipping cards they were not sure of."""
    kept = live(state, dealing.hand_of(participant_id).cards)
    wanted = dealing.hand_size - len(kept)
    if wanted <= 0:
        return kept
    offered = [c for c in pile(state, dealing) if participant_id not in dealing.unsure.get(c, ())]
    return kept + tuple(offered[:wanted])


def dealing_json(dealing: Dealing | None, viewer: Actor) -> object:
    """Dealing as a viewer sees it: everyone the rules; a phone its own hand; a facilitator all."""
    if dealing is None:
        return None
    shown: dict[str, object] = dealing.model_dump(mode="json", include=_RULES)
    if viewer.role == Role.FACILITATOR:
        shown["hands"] = {pid: list(hand.cards) for pid, hand in dealing.hands.items()}
        shown["review"] = list(dealing.review)
        shown["placed"] = list(dealing.placed)
    elif viewer.role == Role.PARTICIPANT:
        # Projected once for every phone, a start or stop has no hand in it: none is dealt then.
        mine = dealing.hand_of(viewer.participant_id) if viewer.participant_id else None
        shown["hand"] = list(mine.cards) if mine else []
    return shown


_RULES = {"category", "hand_size", "timeout_seconds", "active"}
