"""Themes: grouping statements of one category, each with an I statement."""

from __future__ import annotations

from board import rules
from board._dispatch import applies, decides
from board.commands import (
    AcceptSuggestion,
    CreateTheme,
    DeleteTheme,
    DismissSuggestion,
    MergeThemes,
    MoveStatement,
    SetThemingMode,
    SplitTheme,
    SuggestMove,
    UpdateTheme,
)
from board.errors import BoardError
from board.events import (
    Event,
    MoveSuggested,
    StatementMoved,
    SuggestionSettled,
    ThemeCreated,
    ThemeDeleted,
    ThemeMerged,
    ThemeUpdated,
    ThemingModeSet,
)
from board.model import Actor, Board, Statement, Suggestion, Theme


def _cards_of(state: Board, theme_id: str) -> tuple[str, ...]:
    return tuple(s.id for s in state.statements.values() if s.theme_id == theme_id)


def _check_move(state: Board, actor: Actor, statement_id: str, theme_id: str | None) -> Statement:
    statement = rules.check_statement_exists(state, statement_id)
    rules.check_can_see(statement, actor)
    if theme_id is not None:
        rules.check_same_category(statement, rules.check_theme_exists(state, theme_id))
    return statement


def _moved(state: Board, seq: int, statement: Statement, theme_id: str | None) -> StatementMoved:
    return StatementMoved(
        seq=seq, statement_id=statement.id, theme_id=theme_id, previous=statement.theme_id
    )


@decides.register
def _(command: CreateTheme, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_can_theme(state, actor)
    rules.check_capacity(state, "themes")
    theme = Theme(
        id=state.new_id("t"),
        category=command.category,
        title=command.title,
        i_statement=command.i_statement,
    )
    return [ThemeCreated(seq=state.seq + 1, theme=theme)]


@applies.register
def _(event: ThemeCreated, state: Board) -> Board:
    return state.model_copy(
        update={
            "themes": {**state.themes, event.theme.id: event.theme},
            "next_id": state.next_id + 1,
        }
    )


@decides.register
def _(command: UpdateTheme, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_can_theme(state, actor)
    theme = rules.check_theme_exists(state, command.theme_id)
    changes = {
        k: v
        for k, v in (("title", command.title), ("i_statement", command.i_statement))
        if v is not None
    }
    if not changes:
        raise BoardError("nothing_to_change", "Give the theme a new name or I statement.")
    return [ThemeUpdated(seq=state.seq + 1, theme=theme.model_copy(update=changes))]


@applies.register
def _(event: ThemeUpdated, state: Board) -> Board:
    return state.model_copy(update={"themes": {**state.themes, event.theme.id: event.theme}})


@decides.register
def _(command: MergeThemes, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    rules.check_distinct_themes(command.theme_id, command.into_id)
    merged = rules.check_theme_exists(state, command.theme_id)
    into = rules.check_theme_exists(state, command.into_id)
    if merged.category != into.category:
        raise BoardError("wrong_category", "Only themes about the same question can be merged.")
    rules.check_not_in_open_vote(state, merged.id)
    rules.check_not_in_open_vote(state, into.id)
    rules.check_no_causes(state, merged.id)
    return [
        ThemeMerged(
            seq=state.seq + 1,
            theme_id=merged.id,
            theme=merged,
            into_id=into.id,
            moved=_cards_of(state, merged.id),
            carried=state.carried,
        )
    ]


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
    moved = {
        s.id: s.model_copy(update={"theme_id": cards_to})
        for s in state.statements.values()
        if s.theme_id == theme_id
    }
    themes = {k: v for k, v in state.themes.items() if k != theme_id}
    return state.model_copy(
        update={
            "themes": themes,
            "statements": {**state.statements, **moved},
            "carried": carried_without(state.carried, theme_id, cards_to),
        }
    )


@applies.register
def _(event: ThemeMerged, state: Board) -> Board:
    return _without_theme(state, event.theme_id, event.into_id)


@decides.register
def _(command: SplitTheme, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    source = rules.check_theme_exists(state, command.theme_id)
    rules.check_capacity(state, "themes")
    rules.check_not_in_open_vote(state, source.id)
    rules.check_statements_in_theme(state, source, command.statements)
    theme = Theme(id=state.new_id("t"), category=source.category, title=command.title)
    events: list[Event] = [ThemeCreated(seq=state.seq + 1, theme=theme)]
    for n, statement_id in enumerate(dict.fromkeys(command.statements)):
        events.append(_moved(state, state.seq + 2 + n, state.statements[statement_id], theme.id))
    return events


@decides.register
def _(command: DeleteTheme, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    theme = rules.check_theme_exists(state, command.theme_id)
    rules.check_not_in_open_vote(state, theme.id)
    rules.check_no_causes(state, theme.id)
    released = _cards_of(state, theme.id)
    deleted = ThemeDeleted(
        seq=state.seq + 1, theme_id=theme.id, theme=theme, released=released, carried=state.carried
    )
    return [deleted]


@applies.register
def _(event: ThemeDeleted, state: Board) -> Board:
    return _without_theme(state, event.theme_id, None)


@decides.register
def _(command: MoveStatement, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_can_theme(state, actor)
    statement = _check_move(state, actor, command.statement_id, command.theme_id)
    if statement.theme_id == command.theme_id:
        raise BoardError("already_there", "The card is already there.")
    return [_moved(state, state.seq + 1, statement, command.theme_id)]


@applies.register
def _(event: StatementMoved, state: Board) -> Board:
    # Last move wins: moves are applied in seq order, whoever made them.
    found = state.statements.get(event.statement_id)
    if found is None:
        raise BoardError(
            "unknown_statement", f"Move of a card this board never had: {event.statement_id}."
        )
    statement = found.model_copy(update={"theme_id": event.theme_id})
    return state.model_copy(update={"statements": {**state.statements, statement.id: statement}})


@decides.register
def _(command: SetThemingMode, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    if state.theming_mode == command.mode:
        raise BoardError("already_set", "That is already how cards are moved.")
    return [ThemingModeSet(seq=state.seq + 1, mode=command.mode)]


@applies.register
def _(event: ThemingModeSet, state: Board) -> Board:
    return state.model_copy(update={"theming_mode": event.mode})


@decides.register
def _(command: SuggestMove, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_can_suggest(state, actor)
    by = rules.check_participant(state, actor.participant_id)
    _check_move(state, actor, command.statement_id, command.theme_id)
    suggestion = Suggestion(
        id=state.new_id("m"), statement_id=command.statement_id, theme_id=command.theme_id, by=by
    )
    return [MoveSuggested(seq=state.seq + 1, suggestion=suggestion)]


@applies.register
def _(event: MoveSuggested, state: Board) -> Board:
    suggestion = event.suggestion
    return state.model_copy(
        update={
            "suggestions": {**state.suggestions, suggestion.id: suggestion},
            "next_id": state.next_id + 1,
        }
    )


@decides.register
def _(command: AcceptSuggestion, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    suggestion = rules.check_suggestion_exists(state, command.suggestion_id)
    statement = _check_move(state, actor, suggestion.statement_id, suggestion.theme_id)
    settled = SuggestionSettled(seq=state.seq + 1, suggestion_id=suggestion.id, accepted=True)
    if statement.theme_id == suggestion.theme_id:
        return [settled]
    return [settled, _moved(state, state.seq + 2, statement, suggestion.theme_id)]


@decides.register
def _(command: DismissSuggestion, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    suggestion = rules.check_suggestion_exists(state, command.suggestion_id)
    return [SuggestionSettled(seq=state.seq + 1, suggestion_id=suggestion.id, accepted=False)]


@applies.register
def _(event: SuggestionSettled, state: Board) -> Board:
    remaining = {k: v for k, v in state.suggestions.items() if k != event.suggestion_id}
    return state.model_copy(update={"suggestions": remaining})
