"""What happens while cards are dealt out (board/dealing.py): the events, how each
changes the board, and what each screen is told of it.

The whole dealing goes out when it starts, stops or is accepted (small then).
A hand's change goes to its holder (their hand, whole) and to facilitators
(whose hand, and what was placed or sent for review); to nobody else: the
other phones and the wall need not know who holds what.
"""

from __future__ import annotations

from typing import Literal

from board.base import BoardError, EventBase
from board.feature import Feature
from board.hands import Dealing, DealingRules, Hand, dealing_json
from board.model import Board
from board.projection import Json, facilitator
from board.values import Actor

feature = Feature("dealt")

ReturnReason = Literal["left", "timeout"]


class DealingStarted(EventBase):
    type: Literal["dealing_started"] = "dealing_started"
    rules: DealingRules


class CardsDealt(EventBase):
    """A participant's hand after a deal, whole: the cards they kept and the new ones."""

    type: Literal["cards_dealt"] = "cards_dealt"
    participant: str
    cards: tuple[str, ...]
    at_ms: int
    # A waiting card of this hand went to a phone with none: its holder did
    # nothing, so the hand's clock (for the timeout) runs on.
    shared: bool = False


class CardPlaced(EventBase):
    type: Literal["card_placed"] = "card_placed"
    participant: str
    statement_id: str
    theme_id: str
    suggested: bool = False
    at_ms: int


class CardPassed(EventBase):
    """Back to the pile (skipped, or not sure), or to review after two people were not sure."""

    type: Literal["card_passed"] = "card_passed"
    participant: str
    statement_id: str
    not_sure: bool
    for_review: bool = False
    at_ms: int


class HandReturned(EventBase):
    type: Literal["hand_returned"] = "hand_returned"
    participant: str
    cards: tuple[str, ...]
    reason: ReturnReason


class DealingStopped(EventBase):
    type: Literal["dealing_stopped"] = "dealing_stopped"
    returned: tuple[str, ...]


class PlacementsAccepted(EventBase):
    type: Literal["placements_accepted"] = "placements_accepted"


@feature.applies(DealingStarted)
def dealing_started(event: DealingStarted, state: Board) -> Board:
    return state.model_copy(update={"dealing": Dealing(**event.rules.model_dump())})


@feature.applies(CardsDealt)
def cards_dealt(event: CardsDealt, state: Board) -> Board:
    dealing = _held(state)
    since = dealing.hand_of(event.participant).since_ms if event.shared else event.at_ms
    hands = {**dealing.hands, event.participant: Hand(cards=event.cards, since_ms=since)}
    return _with(state, dealing.model_copy(update={"hands": hands}))


@feature.applies(CardPlaced)
def card_placed(event: CardPlaced, state: Board) -> Board:
    dealing = _without_card(_held(state), event.participant, event.statement_id, event.at_ms)
    if not event.suggested:
        dealing = dealing.model_copy(update={"placed": (*dealing.placed, event.statement_id)})
    return _with(state, dealing)


@feature.applies(CardPassed)
def card_passed(event: CardPassed, state: Board) -> Board:
    sid = event.statement_id
    dealing = _without_card(_held(state), event.participant, sid, event.at_ms)
    changes: dict[str, object] = {"turns": dealing.turns + 1}
    changes["back"] = {**dealing.back, sid: dealing.turns + 1}
    if event.not_sure:
        changes["unsure"] = {
            **dealing.unsure,
            sid: (*dealing.unsure.get(sid, ()), event.participant),
        }
    if event.for_review:
        changes["review"] = (*dealing.review, sid)
    return _with(state, dealing.model_copy(update=changes))


@feature.applies(HandReturned)
def hand_returned(event: HandReturned, state: Board) -> Board:
    dealing = _held(state)
    hands = {pid: hand for pid, hand in dealing.hands.items() if pid != event.participant}
    return _with(state, dealing.model_copy(update={"hands": hands}))


@feature.applies(DealingStopped)
def dealing_stopped(event: DealingStopped, state: Board) -> Board:
    return _with(state, _held(state).model_copy(update={"active": False, "hands": {}}))


@feature.applies(PlacementsAccepted)
def placements_accepted(event: PlacementsAccepted, state: Board) -> Board:
    dealing = _held(state)
    if not dealing.active:
        return state.model_copy(update={"dealing": None})
    return _with(state, dealing.model_copy(update={"placed": ()}))


def _held(state: Board) -> Dealing:
    if state.dealing is None:
        raise BoardError("not_dealing", "A dealing event for a board that is not dealing.")
    return state.dealing


def _with(state: Board, dealing: Dealing) -> Board:
    return state.model_copy(update={"dealing": dealing})


def _without_card(dealing: Dealing, participant: str, card: str, at_ms: int) -> Dealing:
    hand = dealing.hand_of(participant)
    kept = Hand(cards=tuple(c for c in hand.cards if c != card), since_ms=at_ms)
    return dealing.model_copy(update={"hands": {**dealing.hands, participant: kept}})


@feature.shows(DealingStarted, DealingStopped, PlacementsAccepted)
def show_dealing(event: EventBase, after: Board, viewer: Actor) -> Json | None:
    # Accepted while still dealing, only the facilitators' lists changed; a phone keeps its hand.
    if isinstance(event, PlacementsAccepted) and after.dealing and not facilitator(viewer):
        return None
    return {"dealing": dealing_json(after.dealing, viewer)}


_HAND_EVENTS = (CardsDealt, CardPlaced, CardPassed, HandReturned)


@feature.shows(*_HAND_EVENTS)
def show_hand(
    event: CardsDealt | CardPlaced | CardPassed | HandReturned, after: Board, viewer: Actor
) -> Json | None:
    assert after.dealing is not None
    hand = list(after.dealing.hand_of(event.participant).cards)
    if facilitator(viewer):
        shown: Json = {"participant": event.participant, "hand": hand}
        if isinstance(event, CardPlaced) and not event.suggested:
            shown["placed"] = event.statement_id
        if isinstance(event, CardPassed) and event.for_review:
            shown["for_review"] = event.statement_id
        return shown
    if viewer.participant_id == event.participant:
        return {"hand": hand}
    return None


@feature.personal_to(*_HAND_EVENTS)
def holder(event: CardsDealt | CardPlaced | CardPassed | HandReturned, after: Board) -> str:
    return event.participant


@feature.view
def view_dealing(state: Board, viewer: Actor) -> Json:
    return {"dealing": dealing_json(state.dealing, viewer)}
