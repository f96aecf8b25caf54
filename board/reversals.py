"""How an undo puts back the facilitator's everyday changes, each by an event of the same kind.

board/undo.py reverses the big ones (a stage change, a merge, a delete, a
reveal); this module the rest a facilitator gives from the console: the
board's heading, the theming mode, hidden new cards, a theme's words, card
moves, what is carried forward, a closed vote, and (board/day_two_reversals.py)
the second day's. Each reversal checks the board is still as the event left
it, and says in words what it will do; the events it makes are ones clients
already know, so an undo needs nothing new on any screen.

`NOT_UNDOABLE` lists what a facilitator may send that no undo reverses, each
with the reason a facilitator is given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from board.base import BoardError, EventBase
from board.feature import Feature
from board.model import Board
from board.projection import Json
from board.room import BoardHeading, BoardUpdated
from board.statements import CardVisibilitySet
from board.suggestions import MoveSuggested, SuggestionSettled, ThemingModeSet
from board.theming import (
    DeleteTheme,
    StatementMoved,
    StatementsMoved,
    ThemeCreated,
    ThemeUpdated,
    delete_theme,
)
from board.values import Actor, Role
from board.voting import (
    ItemsCarriedForward,
    RoundClosed,
    check_round_exists,
    round_json,
    with_round,
)

feature = Feature("reversals")

MOVED_ON = "The board has changed since, so this cannot be undone."
FACILITATOR_ACTOR = Actor(role=Role.FACILITATOR)

# What an undo says it will do, and the events that do it (numbered from `seq`).
Reversal = tuple[str, list[EventBase]]
Reverse = Callable[[Board, Any, int], Reversal]
REVERSALS: dict[type[EventBase], Reverse] = {}

# What a facilitator may send that no undo reverses, and why, in words.
NOT_UNDOABLE: dict[str, str] = {
    "undo": "An undo is put right by doing the thing again.",
    **dict.fromkeys(
        ("start_timer", "extend_timer", "pause_timer", "resume_timer", "stop_timer"),
        "The timer is changed with its own buttons: start, pause, add time or stop it.",
    ),
    **dict.fromkeys(
        ("add_statements", "add_review"),
        "Imported cards stay: people may have seen them. Move a card you do not want out of "
        "its theme instead.",
    ),
    "reveal_cards": "The room has seen those cards. Hide the next ones instead.",
    "open_round": "People may already be voting. Close the vote instead.",
    "add_person": "Everyone who takes part counts. Nothing they did is lost.",
    **dict.fromkeys(
        ("show_on_wall", "page_wall"),
        "What the wall shows is changed with the same buttons: choose again what it shows.",
    ),
    **dict.fromkeys(
        ("start_dealing", "stop_dealing"),
        "Dealing cards to phones is started and stopped with its own buttons.",
    ),
    "accept_placements": "The cards went into their themes: move a card again to change it.",
    **dict.fromkeys(
        ("write_statement", "vote", "unvote", "rate_idea", "give_feedback"),
        "This was recorded for someone: record their choice again for them.",
    ),
}


def reverses(kind: type[EventBase]) -> Callable[[Reverse], Reverse]:
    def register(reverse: Reverse) -> Reverse:
        REVERSALS[kind] = reverse
        return reverse

    return register


def moved_on() -> BoardError:
    return BoardError("cannot_undo", MOVED_ON)


def check_facilitators(target: Any) -> None:
    """Only what a facilitator did is undone: never a participant's card move or words."""
    if getattr(target, "by_facilitator", None) is False:
        raise BoardError("cannot_undo", "Only what a facilitator did can be undone.")


def by_handler(
    decide: Callable[..., list[EventBase]], command: Any, state: Board, seq: int
) -> list[EventBase]:
    """What a facilitator's command would make now, from `seq`; its refusal as an undo's."""
    try:
        events = decide(command, state, FACILITATOR_ACTOR, 0)
    except BoardError as error:
        raise BoardError("cannot_undo", error.message) from error
    return [e.model_copy(update={"seq": seq + n}) for n, e in enumerate(events)]


@reverses(BoardUpdated)
def _heading(state: Board, target: BoardUpdated, seq: int) -> Reversal:
    if target.previous is None or (state.title, state.purpose) != (target.title, target.purpose):
        raise moved_on()
    back = target.previous
    now = BoardHeading(title=state.title, purpose=state.purpose)
    event = BoardUpdated(seq=seq, title=back.title, purpose=back.purpose, previous=now)
    return f"Call the board “{back.title}” again, with its purpose as it was.", [event]


@reverses(ThemingModeSet)
def _mode(state: Board, target: ThemingModeSet, seq: int) -> Reversal:
    if state.theming_mode != target.mode:
        raise moved_on()
    mode: Literal["everyone", "facilitators"] = (
        "everyone" if target.mode == "facilitators" else "facilitators"
    )
    said = (
        "Let everyone move cards again."
        if mode == "everyone"
        else ("Only facilitators move cards again; people suggest moves.")
    )
    return said, [ThemingModeSet(seq=seq, mode=mode)]


@reverses(CardVisibilitySet)
def _visibility(state: Board, target: CardVisibilitySet, seq: int) -> Reversal:
    if state.hide_new_cards != target.hide_new:
        raise moved_on()
    said = "Show new cards at once again." if target.hide_new else "Keep new cards back again."
    return said, [CardVisibilitySet(seq=seq, hide_new=not target.hide_new)]


@reverses(ThemeUpdated)
def _theme_words(state: Board, target: ThemeUpdated, seq: int) -> Reversal:
    check_facilitators(target)
    if target.previous is None or state.themes.get(target.theme.id) != target.theme:
        raise moved_on()
    back = ThemeUpdated(seq=seq, theme=target.previous, previous=target.theme)
    return f"Put the theme “{target.previous.title}” back as it was worded.", [back]


@reverses(ThemeCreated)
def _theme_made(state: Board, target: ThemeCreated, seq: int) -> Reversal:
    check_facilitators(target)
    theme = state.themes.get(target.theme.id)
    if theme is None:
        raise moved_on()
    cards = sum(1 for s in state.statements.values() if s.theme_id == theme.id)
    command = DeleteTheme(theme_id=theme.id)
    events = by_handler(delete_theme, command, state, seq)
    said = f"Remove the theme “{theme.title}”"
    if cards:
        said += "; its card goes back" if cards == 1 else f"; its {cards} cards go back"
        said += " to unthemed."
    else:
        said += "."
    return said, events


def _where(state: Board, theme_id: str | None) -> str:
    return f"“{state.themes[theme_id].title}”" if theme_id else "the unthemed cards"


@reverses(StatementMoved)
def _card_moved(state: Board, target: StatementMoved, seq: int) -> Reversal:
    check_facilitators(target)
    card = state.statements.get(target.statement_id)
    if card is None or card.theme_id != target.theme_id:
        raise moved_on()
    if target.previous is not None and target.previous not in state.themes:
        raise moved_on()
    back = StatementMoved(
        seq=seq, statement_id=card.id, theme_id=target.previous, previous=target.theme_id
    )
    return f"Move “{card.text}” back to {_where(state, target.previous)}.", [back]


@reverses(StatementsMoved)
def _cards_moved(state: Board, target: StatementsMoved, seq: int) -> Reversal:
    check_facilitators(target)
    # The cards still where the move put them go back, each to where it was.
    back_to: dict[str | None, list[str]] = {}
    for card, before in zip(target.statement_ids, target.previous, strict=True):
        found = state.statements.get(card)
        if found is not None and found.theme_id == target.theme_id:
            if before is not None and before not in state.themes:
                raise moved_on()
            back_to.setdefault(before, []).append(card)
    if not back_to:
        raise moved_on()
    events: list[EventBase] = []
    for n, (theme_id, cards) in enumerate(back_to.items()):
        events.append(
            StatementsMoved(
                seq=seq + n,
                statement_ids=tuple(cards),
                theme_id=theme_id,
                previous=(target.theme_id,) * len(cards),
            )
        )
    count = sum(len(cards) for cards in back_to.values())
    places = " and ".join(_where(state, theme_id) for theme_id in back_to)
    return f"Move {count} cards back to {places}.", events


@reverses(ItemsCarriedForward)
def _carried(state: Board, target: ItemsCarriedForward, seq: int) -> Reversal:
    if target.previous is None or state.carried != target.items:
        raise moved_on()
    if not all(state.has_item(item) for item in target.previous):
        raise moved_on()
    back = ItemsCarriedForward(seq=seq, items=target.previous, previous=target.items)
    n = len(target.previous)
    said = f"Carry forward the {n} things chosen before." if n else "Carry nothing forward again."
    return said, [back]


@reverses(SuggestionSettled)
def _settled(state: Board, target: SuggestionSettled, seq: int) -> Reversal:
    suggestion = target.suggestion
    if suggestion is None or suggestion.id in state.suggestions:
        raise moved_on()
    card = state.statements.get(suggestion.statement_id)
    if card is None or (suggestion.theme_id and suggestion.theme_id not in state.themes):
        raise moved_on()
    said = f"Put back the suggestion to move “{card.text}” to {_where(state, suggestion.theme_id)}."
    return said, [MoveSuggested(seq=seq, suggestion=suggestion)]


class RoundReopened(EventBase):
    """A closed vote open again, its dots as they were (an undone close)."""

    type: Literal["round_reopened"] = "round_reopened"
    round_id: str


@reverses(RoundClosed)
def _closed(state: Board, target: RoundClosed, seq: int) -> Reversal:
    found = check_round_exists(state, target.round_id)
    if found.status != "closed" or state.open_round is not None:
        raise moved_on()
    return f"Open the vote “{found.title}” again.", [RoundReopened(seq=seq, round_id=found.id)]


@feature.applies(RoundReopened)
def round_reopened(event: RoundReopened, state: Board) -> Board:
    found = check_round_exists(state, event.round_id)
    return with_round(state, found.model_copy(update={"status": "open"}))


@feature.shows(RoundReopened)
def show_reopened(event: RoundReopened, after: Board, viewer: Actor) -> Json:
    return {"round": round_json(after, after.rounds[event.round_id], viewer)}
