"""Themes: grouping the statements of one question, each theme with an I statement.

Participants theme only at "Theme", and only while everyone may move cards;
otherwise they suggest moves (board/suggestions.py). Facilitators theme at
any stage, and alone merge, split and delete themes.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from board.base import STATEMENT_MAX, BoardError, CommandBase, EventBase, Frozen, Id, Text
from board.checks import check_capacity, check_not_in_open_vote, check_theme_exists
from board.feature import Feature
from board.model import Board
from board.policy import ANY_TIME, FACILITATORS, Access, When
from board.projection import Json, visible_ids
from board.values import (
    ROUND_ITEMS_MAX,
    THEME_TITLE_MAX,
    Actor,
    Category,
    Stage,
    Statement,
    Theme,
)

feature = Feature("theming")

ThemeTitle = Annotated[Text, StringConstraints(min_length=1, max_length=THEME_TITLE_MAX)]
IStatement = Annotated[Text, StringConstraints(max_length=STATEMENT_MAX)]

# Who may move cards and make themes: facilitators always, participants while
# theming when everyone may.
THEMERS = Access(
    facilitator=ANY_TIME,
    participant=When(stages=frozenset({Stage.THEME}), theming_mode="everyone"),
    doing="Moving cards",
)


class CreateTheme(CommandBase):
    type: Literal["create_theme"] = "create_theme"
    category: Category
    title: ThemeTitle
    i_statement: IStatement = ""


class UpdateTheme(CommandBase):
    type: Literal["update_theme"] = "update_theme"
    theme_id: Id
    title: ThemeTitle | None = None
    i_statement: IStatement | None = None


class ThemeCreated(EventBase):
    type: Literal["theme_created"] = "theme_created"
    theme: Theme
    by_facilitator: bool = False  # set by decide: only a facilitator's can be undone


class ThemeUpdated(EventBase):
    type: Literal["theme_updated"] = "theme_updated"
    theme: Theme
    previous: Theme | None = None  # the theme before, so an undo can put it back
    by_facilitator: bool = False


class MergeThemes(CommandBase):
    """Move every card of `theme_id` into `into_id`, then remove `theme_id`."""

    type: Literal["merge_themes"] = "merge_themes"
    theme_id: Id
    into_id: Id


class ThemeMerged(EventBase):
    type: Literal["theme_merged"] = "theme_merged"
    theme_id: str
    theme: Theme | None = None  # the theme folded away, whole, so it can be undone
    into_id: str
    moved: tuple[str, ...]
    carried: tuple[str, ...] | None = None  # the carried-forward list before, for undo


class SplitTheme(CommandBase):
    """Take some cards of a theme into a new theme of the same category."""

    type: Literal["split_theme"] = "split_theme"
    theme_id: Id
    statements: tuple[Id, ...] = Field(min_length=1, max_length=ROUND_ITEMS_MAX)
    title: ThemeTitle


class DeleteTheme(CommandBase):
    type: Literal["delete_theme"] = "delete_theme"
    theme_id: Id


class ThemeDeleted(EventBase):
    type: Literal["theme_deleted"] = "theme_deleted"
    theme_id: str
    theme: Theme | None = None  # kept whole so it can be undone
    released: tuple[str, ...]
    carried: tuple[str, ...] | None = None  # the carried-forward list before, for undo


class MoveStatement(CommandBase):
    """Put a card in a theme, or back among the unthemed (`theme_id` null)."""

    type: Literal["move_statement"] = "move_statement"
    statement_id: Id
    theme_id: Id | None = None


class StatementMoved(EventBase):
    type: Literal["statement_moved"] = "statement_moved"
    statement_id: str
    theme_id: str | None
    previous: str | None
    by_facilitator: bool = False


class NewTheme(Frozen):
    """A theme made by the move that fills it: its question is its cards'."""

    title: ThemeTitle
    i_statement: IStatement = ""


class MoveStatements(CommandBase):
    """Put several cards of one question in one theme (or a new one) at once, in one command."""

    type: Literal["move_statements"] = "move_statements"
    statement_ids: tuple[Id, ...] = Field(min_length=1, max_length=ROUND_ITEMS_MAX)
    theme_id: Id | None = None  # null: back to unthemed, unless new_theme is given
    new_theme: NewTheme | None = None

    @model_validator(mode="after")
    def _one_place(self) -> MoveStatements:
        if self.theme_id is not None and self.new_theme is not None:
            raise ValueError("give theme_id or new_theme, not both")
        return self


class StatementsMoved(EventBase):
    """Several cards went to one place together; `previous` is where each was (same order)."""

    type: Literal["statements_moved"] = "statements_moved"
    statement_ids: tuple[str, ...]
    theme_id: str | None
    previous: tuple[str | None, ...]
    by_facilitator: bool = False


def check_movable(state: Board, actor: Actor, statement_id: str, theme_id: str | None) -> Statement:
    """The card, if `actor` can see it and it may go to that theme."""
    statement = state.statements.get(statement_id)
    # A card kept hidden is, for everyone else, not on the board yet.
    if statement is None or not statement.visible_to(actor):
        raise BoardError("unknown_statement", "That statement is not on this board.")
    if theme_id is not None:
        theme = check_theme_exists(state, theme_id)
        if statement.category != theme.category:
            raise BoardError(
                "wrong_category",
                f"This statement is about “{statement.category.value}”. That theme is about "
                f"“{theme.category.value}”.",
            )
    return statement


def moved(seq: int, statement: Statement, theme_id: str | None) -> StatementMoved:
    return StatementMoved(
        seq=seq, statement_id=statement.id, theme_id=theme_id, previous=statement.theme_id
    )


def _cards_of(state: Board, theme_id: str) -> tuple[str, ...]:
    return tuple(s.id for s in state.statements.values() if s.theme_id == theme_id)


def _check_no_causes(state: Board, theme_id: str) -> None:
    """Root causes need their theme: it cannot be merged away or deleted under them."""
    if any(c.theme_id == theme_id for c in state.causes.values()):
        raise BoardError("in_use", "Root causes hang on this theme. Remove those first.")


@feature.decides(CreateTheme, THEMERS)
def create_theme(command: CreateTheme, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    check_capacity(state, "themes")
    theme = Theme(id=state.new_id("t"), **command.model_dump(exclude={"type"}))
    return [ThemeCreated(seq=state.seq + 1, theme=theme)]


@feature.applies(ThemeCreated)
def theme_created(event: ThemeCreated, state: Board) -> Board:
    return state.with_new("themes", event.theme)


@feature.decides(UpdateTheme, THEMERS)
def update_theme(command: UpdateTheme, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    theme = check_theme_exists(state, command.theme_id)
    changes = command.model_dump(include={"title", "i_statement"}, exclude_none=True)
    if not changes:
        raise BoardError("nothing_to_change", "Give the theme a new name or I statement.")
    changed = theme.model_copy(update=changes)
    return [ThemeUpdated(seq=state.seq + 1, theme=changed, previous=theme)]


@feature.applies(ThemeUpdated)
def theme_updated(event: ThemeUpdated, state: Board) -> Board:
    return state.model_copy(update={"themes": {**state.themes, event.theme.id: event.theme}})


@feature.shows(ThemeCreated, ThemeUpdated)
def show_theme(event: ThemeCreated | ThemeUpdated, after: Board, viewer: Actor) -> Json:
    return {"theme": event.theme.model_dump(mode="json")}


@feature.decides(MergeThemes, FACILITATORS)
def merge_themes(command: MergeThemes, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    if command.theme_id == command.into_id:
        raise BoardError("same_theme", "Choose two different themes to merge.")
    merged = check_theme_exists(state, command.theme_id)
    into = check_theme_exists(state, command.into_id)
    if merged.category != into.category:
        raise BoardError("wrong_category", "Only themes about the same question can be merged.")
    check_not_in_open_vote(state, merged.id)
    check_not_in_open_vote(state, into.id)
    _check_no_causes(state, merged.id)
    event = ThemeMerged(
        seq=state.seq + 1,
        theme_id=merged.id,
        theme=merged,
        into_id=into.id,
        moved=_cards_of(state, merged.id),
        carried=state.carried,
    )
    return [event]


def carried_without(
    carried: tuple[str, ...], theme_id: str, cards_to: str | None
) -> tuple[str, ...]:
    """The carried list once a theme is gone: its place goes to `cards_to`, if that is new."""
    kept = tuple(item for item in carried if item != theme_id)
    if cards_to is not None and theme_id in carried and cards_to not in kept:
        return tuple(cards_to if item == theme_id else item for item in carried)
    return kept


def _without_theme(state: Board, theme_id: str, cards_to: str | None) -> Board:
    """Drop a theme; its cards go to `cards_to`, and it leaves the carried list."""
    moved_cards = {
        s.id: s.model_copy(update={"theme_id": cards_to})
        for s in state.statements.values()
        if s.theme_id == theme_id
    }
    themes = {k: v for k, v in state.themes.items() if k != theme_id}
    return state.model_copy(
        update={
            "themes": themes,
            "statements": {**state.statements, **moved_cards},
            "carried": carried_without(state.carried, theme_id, cards_to),
        }
    )


@feature.applies(ThemeMerged)
def theme_merged(event: ThemeMerged, state: Board) -> Board:
    return _without_theme(state, event.theme_id, event.into_id)


@feature.shows(ThemeMerged)
def show_merged(event: ThemeMerged, after: Board, viewer: Actor) -> Json:
    return {
        "theme_id": event.theme_id,
        "into_id": event.into_id,
        "moved": visible_ids(event.moved, after, viewer),
        "carried": list(after.carried),
    }


@feature.decides(SplitTheme, FACILITATORS)
def split_theme(command: SplitTheme, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    source = check_theme_exists(state, command.theme_id)
    check_capacity(state, "themes")
    check_not_in_open_vote(state, source.id)
    for statement_id in command.statements:
        found = state.statements.get(statement_id)
        if found is None:
            raise BoardError("unknown_statement", "That statement is not on this board.")
        if found.theme_id != source.id:
            raise BoardError("not_in_theme", "Choose statements from the theme you are splitting.")
    theme = Theme(id=state.new_id("t"), category=source.category, title=command.title)
    events: list[EventBase] = [ThemeCreated(seq=state.seq + 1, theme=theme)]
    for n, statement_id in enumerate(dict.fromkeys(command.statements)):
        events.append(moved(state.seq + 2 + n, state.statements[statement_id], theme.id))
    return events


@feature.decides(DeleteTheme, FACILITATORS)
def delete_theme(command: DeleteTheme, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    theme = check_theme_exists(state, command.theme_id)
    check_not_in_open_vote(state, theme.id)
    _check_no_causes(state, theme.id)
    released = _cards_of(state, theme.id)
    deleted = ThemeDeleted(
        seq=state.seq + 1, theme_id=theme.id, theme=theme, released=released, carried=state.carried
    )
    return [deleted]


@feature.applies(ThemeDeleted)
def theme_deleted(event: ThemeDeleted, state: Board) -> Board:
    return _without_theme(state, event.theme_id, None)


@feature.shows(ThemeDeleted)
def show_deleted(event: ThemeDeleted, after: Board, viewer: Actor) -> Json:
    return {
        "theme_id": event.theme_id,
        "released": visible_ids(event.released, after, viewer),
        "carried": list(after.carried),
    }


@feature.decides(MoveStatement, THEMERS)
def move_statement(
    command: MoveStatement, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    statement = check_movable(state, actor, command.statement_id, command.theme_id)
    if statement.theme_id == command.theme_id:
        raise BoardError("already_there", "The card is already there.")
    return [moved(state.seq + 1, statement, command.theme_id)]


@feature.applies(StatementMoved)
def statement_moved(event: StatementMoved, state: Board) -> Board:
    # Last move wins: moves are applied in seq order, whoever made them.
    found = state.statements.get(event.statement_id)
    if found is None:
        raise BoardError(
            "unknown_statement", f"Move of a card this board never had: {event.statement_id}."
        )
    statement = found.model_copy(update={"theme_id": event.theme_id})
    return state.model_copy(update={"statements": {**state.statements, statement.id: statement}})


@feature.shows(StatementMoved)
def show_moved(event: StatementMoved, after: Board, viewer: Actor) -> Json | None:
    if not after.statements[event.statement_id].visible_to(viewer):
        return None
    return {
        "statement_id": event.statement_id,
        "theme_id": event.theme_id,
        "previous": event.previous,
    }


@feature.decides(MoveStatements, THEMERS)
def move_statements(
    command: MoveStatements, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    ids = tuple(dict.fromkeys(command.statement_ids))  # a card named twice moves once
    cards = [check_movable(state, actor, sid, command.theme_id) for sid in ids]
    categories = {card.category for card in cards}
    if len(categories) > 1:
        raise BoardError(
            "wrong_category",
            "These cards answer different questions. Move one question’s cards at a time.",
        )
    events: list[EventBase] = []
    target = command.theme_id
    if command.new_theme is not None:
        check_capacity(state, "themes")
        theme = Theme(
            id=state.new_id("t"), category=cards[0].category, **command.new_theme.model_dump()
        )
        events.append(ThemeCreated(seq=state.seq + 1, theme=theme))
        target = theme.id
    moving = [card for card in cards if card.theme_id != target or command.new_theme is not None]
    if not moving:
        raise BoardError("already_there", "Those cards are already there.")
    seq = state.seq + len(events)
    # A hidden card moves in an event of its own, which reaches its author as well.
    shown = [card for card in moving if not card.hidden]
    if shown:
        seq += 1
        events.append(
            StatementsMoved(
                seq=seq,
                statement_ids=tuple(card.id for card in shown),
                theme_id=target,
                previous=tuple(card.theme_id for card in shown),
            )
        )
    for card in moving:
        if card.hidden:
            seq += 1
            events.append(moved(seq, card, target))
    return events


@feature.applies(StatementsMoved)
def statements_moved(event: StatementsMoved, state: Board) -> Board:
    changed: dict[str, Statement] = {}
    for statement_id in event.statement_ids:
        found = state.statements.get(statement_id)
        if found is None:
            raise BoardError(
                "unknown_statement", f"Move of a card this board never had: {statement_id}."
            )
        changed[statement_id] = found.model_copy(update={"theme_id": event.theme_id})
    return state.model_copy(update={"statements": {**state.statements, **changed}})


@feature.shows(StatementsMoved)
def show_many_moved(event: StatementsMoved, after: Board, viewer: Actor) -> Json | None:
    seen = set(visible_ids(event.statement_ids, after, viewer))
    pairs = zip(event.statement_ids, event.previous, strict=True)
    shown = [(sid, was) for sid, was in pairs if sid in seen]
    if not shown:
        return None
    return {
        "statement_ids": [sid for sid, _ in shown],
        "theme_id": event.theme_id,
        "previous": [was for _, was in shown],
    }


@feature.personal_to(StatementMoved)
def hidden_card_author(event: StatementMoved, after: Board) -> str | None:
    found = after.statements.get(event.statement_id)
    return found.author if found is not None and found.hidden else None


@feature.view
def view_themes(state: Board, viewer: Actor) -> Json:
    return {"themes": [t.model_dump(mode="json") for t in state.themes.values()]}
