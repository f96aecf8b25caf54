"""Dealing a category's cards out to the phones: hands, the pile, not sure, timeouts, review."""

from __future__ import annotations

import random

import pytest

from board import (
    Actor,
    Board,
    BoardError,
    Command,
    Group,
    Role,
    Stage,
    decide,
    fold,
    project_event,
    project_state,
)
from board.dealing import (
    AcceptPlacements,
    NotSure,
    PlaceDealt,
    ReturnHand,
    SkipCard,
    StartDealing,
    StopDealing,
    TakeCards,
)
from board.hands import Dealing, live, pile
from board.room import AddPerson, CreateBoard, JoinBoard, SetStage
from board.statements import AddStatements
from board.suggestions import AcceptSuggestion, DismissSuggestion, SetThemingMode
from board.theming import CreateTheme, MoveStatement, NewTheme
from board.values import Category, NewStatement
from tests.board.conftest import FACILITATOR, WALL, step, step_events

NOT_WORKING = Category.NOT_WORKING
PHONES = [Actor(role=Role.PARTICIPANT, participant_id=f"p{n}") for n in range(1, 6)]
A, B, C = PHONES[:3]
MINUTE = 60_000


def at(state: Board, command: Command, actor: Actor, now_ms: int = 0) -> Board:
    return fold(decide(state, command, actor, now_ms), state)


def refused(state: Board, command: Command, actor: Actor, now_ms: int = 0) -> str:
    with pytest.raises(BoardError) as caught:
        decide(state, command, actor, now_ms)
    return caught.value.code


def dealing(state: Board) -> Dealing:
    assert state.dealing is not None
    return state.dealing


def hand(state: Board, actor: Actor) -> tuple[str, ...]:
    assert actor.participant_id is not None
    return dealing(state).hand_of(actor.participant_id).cards


def card_text(state: Board, sid: str) -> str:
    return state.statements[sid].text


@pytest.fixture
def room() -> Board:
    """At "Theme": 20 not-working cards ("Card 1"..), 2 working ones, themes "Phones" and
    "Staff" (not working), five phones p1–p5 and Table 3 without a phone."""
    state = step(
        Board(id="b1"), CreateBoard(board_id="b1", title="COPD", join_code="j1"), FACILITATOR
    )
    cards = tuple(NewStatement(category=NOT_WORKING, text=f"Card {n}") for n in range(1, 21))
    working = tuple(NewStatement(category=Category.WORKING, text=f"Good {n}") for n in (1, 2))
    state = step(state, AddStatements(statements=cards + working), FACILITATOR)
    for phone in PHONES:
        assert phone.participant_id is not None
        state = step(
            state, JoinBoard(participant_id=phone.participant_id, group=Group.PATIENT), FACILITATOR
        )
    state = step(state, AddPerson(name="Table 3", group=Group.CARER), FACILITATOR)
    state = step(state, SetStage(stage=Stage.THEME), FACILITATOR)
    for title in ("Phones", "Staff"):
        state = step(state, CreateTheme(category=NOT_WORKING, title=title), FACILITATOR)
    return state


def theme(state: Board, title: str) -> str:
    return next(t.id for t in state.themes.values() if t.title == title)


@pytest.fixture
def dealt(room: Board) -> Board:
    """Dealing "not working" three a phone, 2 minute timeout; p1, p2 and p3 have taken cards."""
    state = at(room, StartDealing(category=NOT_WORKING, timeout_seconds=120), FACILITATOR)
    for phone in (A, B, C):
        state = at(state, TakeCards(), phone)
    return state


def test_each_phone_is_dealt_a_small_hand_of_the_category_in_order(dealt: Board) -> None:
    texts = [[card_text(dealt, c) for c in hand(dealt, p)] for p in (A, B, C)]
    assert texts == [
        ["Card 1", "Card 2", "Card 3"],
        ["Card 4", "Card 5", "Card 6"],
        ["Card 7", "Card 8", "Card 9"],
    ]


def test_a_hand_is_topped_up_as_its_cards_are_placed(dealt: Board) -> None:
    first = hand(dealt, A)[0]
    state = at(dealt, PlaceDealt(statement_id=first, theme_id=theme(dealt, "Phones")), A)
    assert state.statements[first].theme_id == theme(dealt, "Phones")
    assert [card_text(state, c) for c in hand(state, A)] == ["Card 2", "Card 3", "Card 10"]
    assert dealing(state).placed == (first,)


def test_a_card_placed_in_a_new_theme_makes_it(dealt: Board) -> None:
    first = hand(dealt, A)[0]
    command = PlaceDealt(
        statement_id=first, theme_id=None, new_theme=NewTheme(title="Breathing", i_statement="I")
    )
    state, events = step_events(dealt, command, A)
    assert [e.type for e in events] == [
        "theme_created",
        "statement_moved",
        "card_placed",
        "cards_dealt",
    ]
    assert state.themes[state.statements[first].theme_id or ""].title == "Breathing"


def test_a_card_is_never_in_two_hands_however_the_room_plays(room: Board) -> None:
    """Forty rounds of random taking, placing, passing, skipping, leaving and timing out."""
    rng = random.Random(17)
    state = at(room, StartDealing(category=NOT_WORKING, hand_size=4), FACILITATOR)
    themes = [theme(state, "Phones"), theme(state, "Staff")]
    now = 0
    for _ in range(400):
        now += rng.randint(0, 30_000)
        phone = rng.choice(PHONES)
        held = hand(state, phone)
        roll = rng.random()
        command: Command
        actor = phone
        if not held or roll < 0.1:
            command = TakeCards()
        elif roll < 0.6:
            command = PlaceDealt(statement_id=held[0], theme_id=rng.choice(themes))
        elif roll < 0.75:
            command = NotSure(statement_id=rng.choice(held))
        elif roll < 0.9:
            command = SkipCard(statement_id=held[-1])
        else:
            reason = rng.choice(["left", "timeout"])
            command = ReturnHand(participant_id=phone.participant_id or "", reason=reason)
            actor = FACILITATOR
        try:
            state = at(state, command, actor, now)
        except BoardError:
            continue
        in_hands = [c for h in dealing(state).hands.values() for c in h.cards]
        assert len(in_hands) == len(set(in_hands))
        assert all(state.statements[c].category == NOT_WORKING for c in in_hands)
        assert not set(in_hands) & set(dealing(state).review)
        assert all(len(h.cards) <= 4 for h in dealing(state).hands.values())
    cards = [s for s in state.statements.values() if s.category == NOT_WORKING]
    placed = [s.id for s in cards if s.theme_id is not None]
    assert sorted(dealing(state).placed) == sorted(placed)  # each placed once, none lost
    # Every card is in exactly one place: a theme, a hand, the review tray or the pile.
    held = [c for h in dealing(state).hands.values() for c in live(state, h.cards)]
    places = [*placed, *held, *dealing(state).review, *pile(state, dealing(state))]
    assert sorted(places) == sorted(s.id for s in cards)
    assert len(placed) >= 15


def test_leaving_returns_the_hand_and_it_is_dealt_again(dealt: Board) -> None:
    gone = hand(dealt, A)
    state = at(dealt, ReturnHand(participant_id="p1", reason="left"), FACILITATOR)
    assert "p1" not in dealing(state).hands
    state = at(state, TakeCards(), PHONES[3])
    assert hand(state, PHONES[3]) == gone


def test_cards_back_in_the_pile_go_to_the_seats_with_short_hands(dealt: Board) -> None:
    state = dealt
    staff = theme(state, "Staff")
    while hand(state, B):  # p2 places until the pile and their hand are empty
        state = at(state, PlaceDealt(statement_id=hand(state, B)[0], theme_id=staff), B)
    assert "p2" in dealing(state).hands
    kept = hand(state, A)
    state = at(state, ReturnHand(participant_id="p1", reason="left"), FACILITATOR)
    assert hand(state, B) == kept  # p1's cards went straight to p2's empty hand


def test_once_the_pile_is_empty_an_idle_phone_takes_a_waiting_card(dealt: Board) -> None:
    state, staff = dealt, theme(dealt, "Staff")
    while len(dealing(state).held()) + len(pile(state, dealing(state))) > 9:
        state = at(state, PlaceDealt(statement_id=hand(state, C)[0], theme_id=staff), C)
    # The pile is empty and p1, p2, p3 hold three cards each; p3 places its three.
    looking_at = {p.participant_id: hand(state, p)[0] for p in (A, B)}
    for n in range(3):
        state = at(state, PlaceDealt(statement_id=hand(state, C)[0], theme_id=staff), C, n)
        assert len(hand(state, C)) in (1, 2)  # never waiting while others have cards waiting
    # A phone's first card, the one it is looking at, is never taken from it.
    assert {p.participant_id: hand(state, p)[0] for p in (A, B)} == looking_at
    assert [len(hand(state, p)) for p in (A, B, C)] == [2, 3, 1]  # the first longest gave one
    # Nobody acted for the others: their clocks run on from when they were dealt.
    assert dealing(state).hand_of("p1").since_ms == 0
    # A newcomer takes a waiting card too.
    state = at(state, TakeCards(), PHONES[3])
    assert len(hand(state, PHONES[3])) == 1


def test_a_hand_not_placed_in_time_goes_back(dealt: Board) -> None:
    timeout = ReturnHand(participant_id="p1", reason="timeout")
    assert refused(dealt, timeout, FACILITATOR, now_ms=MINUTE) == "not_idle"
    # p1 placed a card at one minute: the clock starts again from then.
    card = hand(dealt, A)[0]
    state = at(dealt, PlaceDealt(statement_id=card, theme_id=theme(dealt, "Phones")), A, MINUTE)
    assert refused(state, timeout, FACILITATOR, now_ms=2 * MINUTE) == "not_idle"
    after = at(state, timeout, FACILITATOR, now_ms=3 * MINUTE)
    assert "p1" not in dealing(after).hands


def test_not_sure_goes_to_someone_else_then_to_review(room: Board) -> None:
    state = at(room, StartDealing(category=NOT_WORKING, hand_size=1), FACILITATOR)
    state = at(at(state, TakeCards(), A), TakeCards(), B)
    card = hand(state, A)[0]
    state = at(state, NotSure(statement_id=card), A)
    assert card not in hand(state, A)
    # To the back of the pile: p2 is dealt every other card first, then this one.
    staff, placed = theme(state, "Staff"), 0
    while hand(state, B) != (card,):
        state = at(state, PlaceDealt(statement_id=hand(state, B)[0], theme_id=staff), B)
        placed += 1
    assert placed == 18
    state = at(state, PlaceDealt(statement_id=hand(state, A)[0], theme_id=staff), A)
    assert hand(state, A) == ()  # never dealt back to someone not sure of it
    state = at(state, NotSure(statement_id=card), B)
    assert dealing(state).review == (card,)
    assert all(card not in h.cards for h in dealing(state).hands.values())
    seated = at(state, TakeCards(), C)  # a seat at the table, for cards coming back
    assert hand(seated, C) == () and refused(seated, TakeCards(), C) == "pile_empty"


def test_skip_puts_the_card_at_the_back_and_deals_another(dealt: Board) -> None:
    card = hand(dealt, A)[0]
    state = at(dealt, SkipCard(statement_id=card), A)
    assert [card_text(state, c) for c in hand(state, A)] == ["Card 2", "Card 3", "Card 10"]


def test_stopping_returns_every_hand_and_keeps_the_placements_for_review(dealt: Board) -> None:
    card = hand(dealt, A)[0]
    state = at(dealt, PlaceDealt(statement_id=card, theme_id=theme(dealt, "Phones")), A)
    state, [stopped] = step_events(state, StopDealing(), FACILITATOR)
    assert dealing(state).hands == {}
    assert not dealing(state).active
    assert len(stopped.returned) == 9  # type: ignore[attr-defined]
    assert dealing(state).placed == (card,)
    assert refused(state, TakeCards(), B) == "not_dealing"
    state = at(state, AcceptPlacements(), FACILITATOR)
    assert state.dealing is None


def test_facilitator_only_theming_makes_each_placement_a_suggestion(dealt: Board) -> None:
    state = at(dealt, SetThemingMode(mode="facilitators"), FACILITATOR)
    card = hand(state, A)[0]
    staff = theme(state, "Staff")
    state, events = step_events(state, PlaceDealt(statement_id=card, theme_id=staff), A)
    assert [e.type for e in events] == ["move_suggested", "card_placed", "cards_dealt"]
    assert state.statements[card].theme_id is None
    assert dealing(state).placed == ()
    [suggestion] = state.suggestions
    assert (
        refused(
            state,
            PlaceDealt(
                statement_id=hand(state, A)[0], theme_id=None, new_theme=NewTheme(title="X")
            ),
            A,
        )
        == "facilitators_only"
    )
    accepted = at(state, AcceptSuggestion(suggestion_id=suggestion), FACILITATOR)
    assert accepted.statements[card].theme_id == staff
    # Dismissed, it is back in the pile for someone else.
    dismissed = at(state, DismissSuggestion(suggestion_id=suggestion), FACILITATOR)
    dismissed = at(dismissed, TakeCards(), PHONES[3])
    assert card in hand(dismissed, PHONES[3])


def test_nobody_without_a_phone_is_dealt_cards(dealt: Board) -> None:
    table = next(p.id for p in dealt.participants.values() if p.no_device)
    actor = Actor(role=Role.PARTICIPANT, participant_id=table)
    assert refused(dealt, TakeCards(), actor) == "no_device"


def test_a_card_themed_meanwhile_leaves_the_hand(dealt: Board) -> None:
    card = hand(dealt, A)[0]
    state = at(dealt, MoveStatement(statement_id=card, theme_id=theme(dealt, "Staff")), FACILITATOR)
    assert refused(state, SkipCard(statement_id=card), A) == "not_in_hand"
    other = hand(state, A)[1]
    state = at(state, SkipCard(statement_id=other), A)
    assert card not in hand(state, A) and len(hand(state, A)) == 3


def test_what_can_go_wrong_is_refused_with_a_reason(room: Board, dealt: Board) -> None:
    assert refused(room, TakeCards(), A) == "not_dealing"
    assert refused(dealt, StartDealing(category=NOT_WORKING), FACILITATOR) == "already_dealing"
    assert refused(dealt, TakeCards(), A) == "hand_full"
    assert refused(dealt, SkipCard(statement_id=hand(dealt, B)[0]), A) == "not_in_hand"
    working = next(s.id for s in dealt.statements.values() if s.category == Category.WORKING)
    card = hand(dealt, A)[0]
    assert (
        refused(dealt, PlaceDealt(statement_id=working, theme_id=theme(dealt, "Staff")), A)
        == "not_in_hand"
    )
    future = step(dealt, CreateTheme(category=Category.WORKING, title="Good"), FACILITATOR)
    assert (
        refused(future, PlaceDealt(statement_id=card, theme_id=theme(future, "Good")), A)
        == "wrong_category"
    )
    assert refused(dealt, ReturnHand(participant_id="p5", reason="left"), FACILITATOR) == "no_hand"
    assert refused(room, AcceptPlacements(), FACILITATOR) == "nothing_to_review"
    assert refused(room, StopDealing(), FACILITATOR) == "not_dealing"
    assert refused(room, StartDealing(category=Category.FUTURE), FACILITATOR) == "nothing_to_deal"
    assert refused(room, StartDealing(category=NOT_WORKING), A) == "not_allowed"
    assert refused(dealt, ReturnHand(participant_id="p1", reason="left"), A) == "not_allowed"


def test_a_phone_sees_only_its_own_hand_and_the_wall_no_hand(dealt: Board) -> None:
    mine = project_state(dealt, A)["dealing"]
    assert mine["hand"] == list(hand(dealt, A))
    assert "hands" not in mine
    assert "hand" not in project_state(dealt, WALL)["dealing"]
    everyone = project_state(dealt, FACILITATOR)["dealing"]
    assert set(everyone["hands"]) == {"p1", "p2", "p3"}
    events = decide(
        dealt, PlaceDealt(statement_id=hand(dealt, A)[0], theme_id=theme(dealt, "Staff")), A
    )
    after = fold(events, dealt)
    dealt_event = events[-1]
    assert project_event(dealt_event, after, B)["type"] == "redacted"
    assert project_event(dealt_event, after, WALL)["type"] == "redacted"
    assert project_event(dealt_event, after, A)["hand"] == list(hand(after, A))
    assert project_event(dealt_event, after, FACILITATOR)["participant"] == "p1"
