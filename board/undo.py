"""Undo a facilitator's slip by adding events that put things back.

The log is never rewritten: an undo is an `undone` event followed by the
events that reverse the earlier one. The server hands in the event being
undone (`target`), since the board keeps no log of its own; `preview`
says in words what an undo would change before anyone commits to it.
"""

from __future__ import annotations

from board import rules
from board._dispatch import applies, decides
from board.errors import BoardError
from board.events import Event, RoundRevealed, StageSet, ThemeDeleted, ThemeMerged
from board.model import Board
from board.outcome_commands import Undo
from board.outcome_events import (
    CausesMerged,
    CauseUnmerged,
    ItemDeleted,
    ItemRestored,
    RoundHidden,
    ThemeRestored,
    Undone,
)
from board.outcomes import descendants
from board.stages import info
from board.theming import carried_without
from board.values import Action, Actor, Cause, Idea, SuccessStatement, Theme

_MOVED_ON = "The board has changed since, so this cannot be undone."

# The facilitator's actions an undo can reverse.
UNDOABLE = frozenset(
    {
        "stage_set",
        "theme_merged",
        "theme_deleted",
        "round_revealed",
        "item_deleted",
        "causes_merged",
    }
)


def preview(state: Board, command: Undo, actor: Actor) -> str:
    """What the undo would do, in words; raises if it cannot be done."""
    events = decides(command, state, actor, 0)
    first = events[0]
    assert isinstance(first, Undone)
    return first.description


@decides.register
def _(command: Undo, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    target = command.target
    if target is None or target.seq != command.seq:
        raise BoardError("cannot_undo", "That cannot be undone.")
    if target.seq in state.undone:
        raise BoardError("already_undone", "That has already been undone.")
    description, reverse = _reverse(state, target, state.seq + 2)
    return [Undone(seq=state.seq + 1, undone_seq=target.seq, description=description), reverse]


def _reverse(state: Board, target: Event, seq: int) -> tuple[str, Event]:
    match target:
        case StageSet():
            if state.stage != target.stage:
                raise BoardError("cannot_undo", _MOVED_ON)
            back = StageSet(seq=seq, stage=target.previous, previous=state.stage)
            return f"Go back to “{info(target.previous).title}”.", back
        case ThemeMerged() | ThemeDeleted() if target.theme is not None:
            return _restore_theme(state, target, target.theme, seq)
        case RoundRevealed():
            found = rules.check_round_exists(state, target.round_id)
            if found.status != "revealed":
                raise BoardError("cannot_undo", _MOVED_ON)
            return f"Hide the results of “{found.title}” again.", RoundHidden(
                seq=seq, round_id=found.id
            )
        case ItemDeleted():
            return _restore_item(state, target, seq)
        case CausesMerged():
            if target.cause.id in state.causes or target.into_id not in state.causes:
                raise BoardError("cannot_undo", _MOVED_ON)
            _check_fits(state, target.cause)
            children = tuple(
                c
                for c in target.children
                if state.causes.get(c, None) and state.causes[c].parent_id == target.into_id
            )
            successes = tuple(
                s
                for s in target.successes
                if s in state.successes and state.successes[s].cause_id == target.into_id
            )
            below = set(children).union(*(descendants(state, c) for c in children))
            if target.cause.parent_id in below:
                raise BoardError("cannot_undo", _MOVED_ON)
            unchoose = (
                target.into_id if target.cause.chosen and target.into_chosen is False else None
            )
            unmerged = CauseUnmerged(
                seq=seq,
                cause=target.cause,
                children=children,
                successes=successes,
                unchoose=unchoose,
            )
            return f"Split “{target.cause.text}” out again.", unmerged
    raise BoardError("cannot_undo", "That cannot be undone.")


def _check_fits(state: Board, cause: Cause) -> None:
    """A cause comes back only where its theme and the cause above it still are."""
    if cause.theme_id not in state.themes or (
        cause.parent_id is not None and cause.parent_id not in state.causes
    ):
        raise BoardError("cannot_undo", _MOVED_ON)


def _restore_theme(
    state: Board, target: ThemeMerged | ThemeDeleted, theme: Theme, seq: int
) -> tuple[str, Event]:
    if theme.id in state.themes:
        raise BoardError("cannot_undo", _MOVED_ON)
    if isinstance(target, ThemeMerged):
        cards = tuple(
            c
            for c in target.moved
            if c in state.statements and state.statements[c].theme_id == target.into_id
        )
    else:
        cards = tuple(
            c
            for c in target.released
            if c in state.statements and state.statements[c].theme_id is None
        )
    into = target.into_id if isinstance(target, ThemeMerged) else None
    carried = None
    # Put back the carried list only if nothing has changed it since.
    if target.carried is not None and state.carried == carried_without(
        target.carried, theme.id, into
    ):
        carried = target.carried
    restored = ThemeRestored(seq=seq, theme=theme, cards=cards, carried=carried)
    return f"Bring back the theme “{theme.title}” with {len(cards)} of its cards.", restored


def _restore_item(state: Board, target: ItemDeleted, seq: int) -> tuple[str, Event]:
    item = target.item
    missing = (
        (
            isinstance(item, Cause)
            and (
                item.theme_id not in state.themes
                or (item.parent_id and item.parent_id not in state.causes)
            )
        )
        or (isinstance(item, SuccessStatement) and item.cause_id not in state.causes)
        or (
            isinstance(item, Action)
            and item.idea_id is not None
            and item.idea_id not in state.ideas
        )
    )
    taken = (
        item.id in state.causes
        or item.id in state.successes
        or item.id in state.ideas
        or item.id in state.actions
    )
    if missing or taken:
        raise BoardError("cannot_undo", _MOVED_ON)
    if isinstance(item, Idea):
        item = item.model_copy(
            update={"serves": tuple(s for s in item.serves if s in state.successes)}
        )
    # Ratings come back only from people still on the board.
    ratings = {k: v for k, v in target.ratings.items() if k in state.participants}
    restored = ItemRestored(seq=seq, item=item, ratings=ratings, placement=target.placement)
    return f"Bring back “{item.text}”.", restored


@applies.register
def _(event: Undone, state: Board) -> Board:
    return state.model_copy(update={"undone": state.undone | {event.undone_seq}})


@applies.register
def _(event: ThemeRestored, state: Board) -> Board:
    statements = dict(state.statements)
    for card in event.cards:
        statements[card] = statements[card].model_copy(update={"theme_id": event.theme.id})
    themes = {**state.themes, event.theme.id: event.theme}
    carried = state.carried if event.carried is None else event.carried
    return state.model_copy(update={"themes": themes, "statements": statements, "carried": carried})


@applies.register
def _(event: RoundHidden, state: Board) -> Board:
    found = rules.check_round_exists(state, event.round_id)
    hidden = found.model_copy(update={"status": "closed"})
    return state.model_copy(update={"rounds": {**state.rounds, found.id: hidden}})


_FIELD = {Cause: "causes", SuccessStatement: "successes", Idea: "ideas", Action: "actions"}


@applies.register
def _(event: ItemRestored, state: Board) -> Board:
    field = _FIELD[type(event.item)]
    extra: dict[str, object] = {}
    if event.ratings:
        extra["ratings"] = {**state.ratings, event.item.id: event.ratings}
    if event.placement is not None:
        extra["placements"] = {**state.placements, event.item.id: event.placement}
    things = {**getattr(state, field), event.item.id: event.item}
    return state.model_copy(update={field: things, **extra})


@applies.register
def _(event: CauseUnmerged, state: Board) -> Board:
    causes = {**state.causes, event.cause.id: event.cause}
    for child in event.children:
        causes[child] = causes[child].model_copy(update={"parent_id": event.cause.id})
    if event.unchoose is not None and event.unchoose in causes:
        causes[event.unchoose] = causes[event.unchoose].model_copy(update={"chosen": False})
    successes = dict(state.successes)
    for success in event.successes:
        successes[success] = successes[success].model_copy(update={"cause_id": event.cause.id})
    return state.model_copy(update={"causes": causes, "successes": successes})
