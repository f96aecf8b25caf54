"""Undo a facilitator's slip by adding events that put things back.

The log is never rewritten: an undo is an `undone` event followed by the
events that reverse the earlier one. The server hands in the event being
undone (`target`), since the board keeps no log of its own;
`board.preview_undo` says in words what an undo would change before anyone
commits to it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from board import day_two_reversals  # noqa: F401  (fills REVERSALS with the second day's)
from board.base import BoardError, CommandBase, EventBase, type_name
from board.causes import CausesMerged, descendants
from board.edits import FIELD_OF, ItemDeleted, WholeItem, restored_json
from board.feature import Feature
from board.model import Board
from board.policy import FACILITATORS
from board.projection import Json, facilitator, unsigned, visible_ids
from board.reversals import REVERSALS
from board.room import StageSet
from board.stages import info
from board.theming import ThemeDeleted, ThemeMerged, carried_without
from board.values import Action, Actor, Cause, Idea, SuccessStatement, Theme
from board.voting import RoundRevealed, check_round_exists, round_json, with_round

feature = Feature("undo")


class Undo(CommandBase):
    """Undo a facilitator's action by adding new events; history is never rewritten."""

    type: Literal["undo"] = "undo"
    seq: int = Field(ge=1)
    # The event at `seq`, looked up by the server; a client never sends it.
    target: Any = Field(default=None, exclude=True)


class Undone(EventBase):
    """Marks an undo in the log; the events after it, in the same batch, carry it out."""

    type: Literal["undone"] = "undone"
    undone_seq: int
    description: str


class ThemeRestored(EventBase):
    """A merged or deleted theme back, with the cards that were in it."""

    type: Literal["theme_restored"] = "theme_restored"
    theme: Theme
    cards: tuple[str, ...]
    # The carried-forward list to put back, when nothing has changed it since.
    carried: tuple[str, ...] | None = None


class RoundHidden(EventBase):
    """A revealed vote's results put away again (they stay counted)."""

    type: Literal["round_hidden"] = "round_hidden"
    round_id: str


class ItemRestored(WholeItem):
    type: Literal["item_restored"] = "item_restored"


class CauseUnmerged(EventBase):
    type: Literal["cause_unmerged"] = "cause_unmerged"
    cause: Cause
    children: tuple[str, ...]
    successes: tuple[str, ...]
    # The cause it was merged into, when it was chosen only because of the merge.
    unchoose: str | None = None


_MOVED_ON = "The board has changed since, so this cannot be undone."

# The facilitator's actions an undo can reverse.
_REVERSED_HERE: tuple[type[EventBase], ...] = (
    StageSet,
    ThemeMerged,
    ThemeDeleted,
    RoundRevealed,
    ItemDeleted,
    CausesMerged,
)
UNDOABLE = frozenset(type_name(kind) for kind in (*_REVERSED_HERE, *REVERSALS))


def _reverse(state: Board, target: EventBase, seq: int) -> tuple[str, list[EventBase]]:
    reverse = REVERSALS.get(type(target))
    if reverse is not None:
        return reverse(state, target, seq)
    description, event = _reverse_one(state, target, seq)
    return description, [event]


def _reverse_one(state: Board, target: EventBase, seq: int) -> tuple[str, EventBase]:
    match target:
        case StageSet():
            if state.stage != target.stage:
                raise BoardError("cannot_undo", _MOVED_ON)
            back = StageSet(seq=seq, stage=target.previous, previous=state.stage)
            return f"Go back to “{info(target.previous).title}”.", back
        case ThemeMerged() | ThemeDeleted() if target.theme is not None:
            return _restore_theme(state, target, target.theme, seq)
        case RoundRevealed():
            found = check_round_exists(state, target.round_id)
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
) -> tuple[str, EventBase]:
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


def _restore_item(state: Board, target: ItemDeleted, seq: int) -> tuple[str, EventBase]:
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


@feature.decides(Undo, FACILITATORS)
def undo_it(command: Undo, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    target = command.target
    if not isinstance(target, EventBase) or target.seq != command.seq:
        raise BoardError("cannot_undo", "That cannot be undone.")
    if target.seq in state.undone:
        raise BoardError("already_undone", "That has already been undone.")
    description, reverse = _reverse(state, target, state.seq + 2)
    return [Undone(seq=state.seq + 1, undone_seq=target.seq, description=description), *reverse]


@feature.applies(Undone)
def undone(event: Undone, state: Board) -> Board:
    return state.model_copy(update={"undone": state.undone | {event.undone_seq}})


@feature.shows(Undone)
def show_undone(event: Undone, after: Board, viewer: Actor) -> Json:
    return {"undone_seq": event.undone_seq, "description": event.description}


@feature.applies(ThemeRestored)
def theme_restored(event: ThemeRestored, state: Board) -> Board:
    statements = dict(state.statements)
    for card in event.cards:
        statements[card] = statements[card].model_copy(update={"theme_id": event.theme.id})
    themes = {**state.themes, event.theme.id: event.theme}
    carried = state.carried if event.carried is None else event.carried
    return state.model_copy(update={"themes": themes, "statements": statements, "carried": carried})


@feature.shows(ThemeRestored)
def show_theme_restored(event: ThemeRestored, after: Board, viewer: Actor) -> Json:
    # An undone merge or delete: the theme, its cards back in it, the carried list.
    return {
        "theme": event.theme.model_dump(mode="json"),
        "cards": visible_ids(event.cards, after, viewer),
        "carried": list(after.carried),
    }


@feature.applies(RoundHidden)
def round_hidden(event: RoundHidden, state: Board) -> Board:
    found = check_round_exists(state, event.round_id)
    return with_round(state, found.model_copy(update={"status": "closed"}))


@feature.shows(RoundHidden)
def show_round_hidden(event: RoundHidden, after: Board, viewer: Actor) -> Json:
    return {"round": round_json(after, after.rounds[event.round_id], viewer)}


@feature.applies(ItemRestored)
def item_restored(event: ItemRestored, state: Board) -> Board:
    field = FIELD_OF[type(event.item)]
    extra: dict[str, object] = {}
    if event.ratings:
        extra["ratings"] = {**state.ratings, event.item.id: event.ratings}
    if event.placement is not None:
        extra["placements"] = {**state.placements, event.item.id: event.placement}
    things = {**getattr(state, field), event.item.id: event.item}
    return state.model_copy(update={field: things, **extra})


@feature.shows(ItemRestored)
def show_item_restored(event: ItemRestored, after: Board, viewer: Actor) -> Json:
    return restored_json(event.item, after, viewer)


@feature.applies(CauseUnmerged)
def cause_unmerged(event: CauseUnmerged, state: Board) -> Board:
    causes = {**state.causes, event.cause.id: event.cause}
    for child in event.children:
        causes[child] = causes[child].model_copy(update={"parent_id": event.cause.id})
    if event.unchoose is not None and event.unchoose in causes:
        causes[event.unchoose] = causes[event.unchoose].model_copy(update={"chosen": False})
    successes = dict(state.successes)
    for success in event.successes:
        successes[success] = successes[success].model_copy(update={"cause_id": event.cause.id})
    return state.model_copy(update={"causes": causes, "successes": successes})


@feature.shows(CauseUnmerged)
def show_unmerged(event: CauseUnmerged, after: Board, viewer: Actor) -> Json:
    return {
        "cause": unsigned(event.cause),
        "children": list(event.children),
        "success_ids": list(event.successes),
        "unchoose": event.unchoose,
    }


@feature.view
def view_undone(state: Board, viewer: Actor) -> Json:
    return {"undone": sorted(state.undone)} if facilitator(viewer) else {}
