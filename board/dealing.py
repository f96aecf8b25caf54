"""Theming with the whole room: a category's cards dealt out to the phones, a few each.

The facilitator starts dealing one category. A phone that asks (`take_cards`)
takes a seat at the table and is dealt a small hand from the pile; each card
it places, passes on ("not sure") or skips is replaced from the pile, and
cards coming back to the pile go to the seats with short hands. The server
returns the hand of a phone that left, or that placed nothing for the
facilitator's timeout (`return_hand`). A card two people were not sure of
goes to the facilitator's review tray. Placing follows the theming rules:
when only facilitators move cards, a placement is a suggestion.

Every deal is decided here from the board alone and recorded in the log
(`cards_dealt` carries the whole hand), so every worker and every reconnect
agrees on who holds what; the pile's order is the cards' order, skipped
cards last (board/hands.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Literal

from pydantic import model_validator

from board.base import BoardError, CommandBase, EventBase, Id
from board.checks import check_capacity, check_participant
from board.dealt import (
    CardPassed,
    CardPlaced,
    CardsDealt,
    DealingStarted,
    DealingStopped,
    HandReturned,
    PlacementsAccepted,
    ReturnReason,
    card_passed,
    card_placed,
    cards_dealt,
    hand_returned,
)
from board.feature import Feature
from board.hands import UNSURE_FOR_REVIEW, Dealing, DealingRules, live
from board.hands import next_hand as _next_hand
from board.model import Board
from board.policy import FACILITATORS, Access, When
from board.suggestions import MoveSuggested, move_suggested
from board.theming import NewTheme, ThemeCreated, check_movable, moved, statement_moved
from board.theming import theme_created as _theme_created
from board.values import Actor, Stage, Suggestion, Theme

feature = Feature("dealing")

_AT_THEME = frozenset({Stage.THEME})
_STARTING = Access(facilitator=When(stages=_AT_THEME), doing="Dealing cards out")
_HOLDING = Access(
    participant=When(stages=_AT_THEME),
    doing="Theming the cards you are dealt",
    refusal="Only people with a phone are dealt cards.",
)
# Returning a hand is the server's: a phone that left, or one that placed nothing in time.
_RETURNING = Access(facilitator=When(), internal=True)


class StartDealing(CommandBase, DealingRules):
    type: Literal["start_dealing"] = "start_dealing"


class StopDealing(CommandBase):
    type: Literal["stop_dealing"] = "stop_dealing"


class AcceptPlacements(CommandBase):
    """The facilitator has looked over where the room put its cards: all of them stay."""

    type: Literal["accept_placements"] = "accept_placements"


class TakeCards(CommandBase):
    type: Literal["take_cards"] = "take_cards"


class PlaceDealt(CommandBase):
    """Put a card from your hand in a theme (or a new one): a suggestion, when only
    facilitators move cards."""

    type: Literal["place_dealt"] = "place_dealt"
    statement_id: Id
    theme_id: Id | None  # null with new_theme
    new_theme: NewTheme | None = None

    @model_validator(mode="after")
    def _one_place(self) -> PlaceDealt:
        if (self.theme_id is None) == (self.new_theme is None):
            raise ValueError("give a theme_id, or a new_theme with theme_id null")
        return self


class NotSure(CommandBase):
    type: Literal["not_sure"] = "not_sure"
    statement_id: Id


class SkipCard(CommandBase):
    type: Literal["skip_card"] = "skip_card"
    statement_id: Id


class ReturnHand(CommandBase):
    type: Literal["return_hand"] = "return_hand"
    participant_id: Id
    reason: ReturnReason


class _Chain:
    """Events made one after another, each decided on the board the ones before left."""

    def __init__(self, state: Board) -> None:
        self.state = state
        self.events: list[EventBase] = []

    def add(self, make: Callable[[int], EventBase], reduce: Callable[..., Board]) -> None:
        event = make(self.state.seq + 1)
        self.state = reduce(event, self.state).model_copy(update={"seq": event.seq})
        self.events.append(event)

    @property
    def dealing(self) -> Dealing:
        assert self.state.dealing is not None
        return self.state.dealing


def _check_dealing(state: Board) -> Dealing:
    if state.dealing is None or not state.dealing.active:
        raise BoardError("not_dealing", "Cards are not being dealt out now.")
    return state.dealing


def _check_in_hand(state: Board, actor: Actor, statement_id: str) -> tuple[Dealing, str]:
    dealing = _check_dealing(state)
    holder = check_participant(state, actor.participant_id)
    if statement_id not in live(state, dealing.hand_of(holder).cards):
        raise BoardError(
            "not_in_hand",
            "That card is not in your hand any more. Someone may have placed it already.",
        )
    return dealing, holder


def _refill(chain: _Chain, first: str | None, now_ms: int) -> None:
    """Top up every seat with a short hand from the pile: `first` before the others."""
    seats = list(chain.dealing.hands)
    if first is not None and first in seats:
        seats.remove(first)
        seats.insert(0, first)
    for seat in seats:
        hand = _next_hand(chain.state, chain.dealing, seat)
        if hand != live(chain.state, chain.dealing.hand_of(seat).cards):
            chain.add(functools.partial(_dealt, seat, hand, now_ms), cards_dealt)
    _share(chain, now_ms)


def _share(chain: _Chain, now_ms: int) -> None:
    """Once the pile is empty, a phone with no card takes the last waiting card of the
    longest hand: the room does not wait on one phone's queue while others sit idle.
    A phone's first card, the one it is looking at, is never taken."""
    for seat in list(chain.dealing.hands):
        if live(chain.state, chain.dealing.hand_of(seat).cards):
            continue
        spare = _spare_card(chain, seat)
        if spare is None:
            continue
        donor, card = spare
        kept = tuple(c for c in live(chain.state, chain.dealing.hand_of(donor).cards) if c != card)
        chain.add(functools.partial(_dealt, donor, kept, now_ms, shared=True), cards_dealt)
        chain.add(functools.partial(_dealt, seat, (card,), now_ms), cards_dealt)


def _spare_card(chain: _Chain, seat: str) -> tuple[str, str] | None:
    """The longest hand's last waiting card that `seat` may be dealt, and whose hand it is."""
    best: tuple[int, str, str] | None = None
    for holder, hand in chain.dealing.hands.items():
        cards = live(chain.state, hand.cards)
        waiting = [c for c in cards[1:] if seat not in chain.dealing.unsure.get(c, ())]
        if holder != seat and waiting and (best is None or len(cards) > best[0]):
            best = (len(cards), holder, waiting[-1])
    return None if best is None else (best[1], best[2])


def _dealt(
    participant: str, cards: tuple[str, ...], at_ms: int, seq: int, shared: bool = False
) -> CardsDealt:
    return CardsDealt(seq=seq, participant=participant, cards=cards, at_ms=at_ms, shared=shared)


@feature.decides(StartDealing, _STARTING)
def start_dealing(
    command: StartDealing, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    if state.dealing is not None and state.dealing.active:
        raise BoardError("already_dealing", "Cards are being dealt out already. Stop that first.")
    rules = DealingRules.model_validate(command.model_dump(exclude={"type"}))
    if not any(
        s.theme_id is None and not s.hidden and s.category == rules.category
        for s in state.statements.values()
    ):
        raise BoardError(
            "nothing_to_deal", f"Every card of “{rules.category.value}” is in a theme already."
        )
    return [DealingStarted(seq=state.seq + 1, rules=rules)]


@feature.decides(TakeCards, _HOLDING)
def take_cards(command: TakeCards, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    dealing = _check_dealing(state)
    taker = check_participant(state, actor.participant_id)
    if state.participants[taker].no_device:
        raise BoardError(
            "no_device", "The facilitator records for this person; no cards are dealt."
        )
    hand = _next_hand(state, dealing, taker)
    chain = _Chain(state)
    if taker not in dealing.hands or hand != live(state, dealing.hand_of(taker).cards):
        chain.add(functools.partial(_dealt, taker, hand, now_ms), cards_dealt)
    if not hand:
        _share(chain, now_ms)
    if not chain.events:
        if hand:
            raise BoardError("hand_full", "You have your cards. Place them first.")
        raise BoardError("pile_empty", "No cards are waiting to be dealt just now.")
    return chain.events


@feature.decides(PlaceDealt, _HOLDING)
def place_dealt(command: PlaceDealt, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    dealing, holder = _check_in_hand(state, actor, command.statement_id)
    chain = _Chain(state)
    sid = command.statement_id
    suggested = state.theming_mode == "facilitators"
    if suggested:
        if command.new_theme is not None:
            raise BoardError(
                "facilitators_only",
                "The facilitator makes new themes now. Choose a theme, or say you are not sure.",
            )
        check_movable(state, actor, sid, command.theme_id)
        suggestion = Suggestion(
            id=state.new_id("m"), statement_id=sid, theme_id=command.theme_id, by=holder
        )
        chain.add(lambda seq: MoveSuggested(seq=seq, suggestion=suggestion), move_suggested)
        target = command.theme_id
    else:
        target = command.theme_id
        if command.new_theme is not None:
            check_capacity(state, "themes")
            theme = Theme(
                id=state.new_id("t"), category=dealing.category, **command.new_theme.model_dump()
            )
            chain.add(lambda seq: ThemeCreated(seq=seq, theme=theme), _theme_created)
            target = theme.id
        card = check_movable(chain.state, actor, sid, target)
        chain.add(lambda seq: moved(seq, card, target), statement_moved)
    assert target is not None
    chain.add(
        lambda seq: CardPlaced(
            seq=seq,
            participant=holder,
            statement_id=sid,
            theme_id=target,
            suggested=suggested,
            at_ms=now_ms,
        ),
        card_placed,
    )
    _refill(chain, holder, now_ms)
    return chain.events


def _pass(
    state: Board, actor: Actor, statement_id: str, not_sure: bool, now_ms: int
) -> list[EventBase]:
    dealing, holder = _check_in_hand(state, actor, statement_id)
    unsure = (*dealing.unsure.get(statement_id, ()), holder) if not_sure else ()
    chain = _Chain(state)
    chain.add(
        lambda seq: CardPassed(
            seq=seq,
            participant=holder,
            statement_id=statement_id,
            not_sure=not_sure,
            for_review=len(unsure) >= UNSURE_FOR_REVIEW,
            at_ms=now_ms,
        ),
        card_passed,
    )
    _refill(chain, holder, now_ms)
    return chain.events


@feature.decides(NotSure, _HOLDING)
def not_sure(command: NotSure, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    return _pass(state, actor, command.statement_id, True, now_ms)


@feature.decides(SkipCard, _HOLDING)
def skip_card(command: SkipCard, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    return _pass(state, actor, command.statement_id, False, now_ms)


@feature.decides(ReturnHand, _RETURNING)
def return_hand(command: ReturnHand, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    dealing = _check_dealing(state)
    seat = dealing.hands.get(command.participant_id)
    if seat is None:
        raise BoardError("no_hand", "This person holds no cards.")
    cards = live(state, seat.cards)
    if command.reason == "timeout" and (
        not cards or now_ms < seat.since_ms + dealing.timeout_seconds * 1000
    ):
        raise BoardError("not_idle", "This person is still placing their cards.")
    chain = _Chain(state)
    chain.add(
        lambda seq: HandReturned(
            seq=seq, participant=command.participant_id, cards=cards, reason=command.reason
        ),
        hand_returned,
    )
    _refill(chain, None, now_ms)
    return chain.events


@feature.decides(StopDealing, FACILITATORS)
def stop_dealing(command: StopDealing, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    dealing = _check_dealing(state)
    returned = tuple(c for hand in dealing.hands.values() for c in live(state, hand.cards))
    return [DealingStopped(seq=state.seq + 1, returned=returned)]


@feature.decides(AcceptPlacements, FACILITATORS)
def accept_placements(
    command: AcceptPlacements, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    if state.dealing is None:
        raise BoardError("nothing_to_review", "No cards have been dealt out to review.")
    return [PlacementsAccepted(seq=state.seq + 1)]
