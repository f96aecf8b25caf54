"""Who moves cards while theming, and the moves participants suggest when only facilitators may."""

from __future__ import annotations

from typing import Literal

from board.base import BoardError, CommandBase, EventBase, Id
from board.checks import check_participant, on_board
from board.feature import Feature
from board.model import Board
from board.policy import FACILITATORS, Access, When
from board.projection import Json, facilitator
from board.theming import check_movable, moved
from board.values import Actor, Stage, Suggestion, ThemingMode

feature = Feature("suggestions")


class SetThemingMode(CommandBase):
    type: Literal["set_theming_mode"] = "set_theming_mode"
    mode: ThemingMode


class ThemingModeSet(EventBase):
    type: Literal["theming_mode_set"] = "theming_mode_set"
    mode: ThemingMode


class SuggestMove(CommandBase):
    type: Literal["suggest_move"] = "suggest_move"
    statement_id: Id
    theme_id: Id | None = None


class MoveSuggested(EventBase):
    type: Literal["move_suggested"] = "move_suggested"
    suggestion: Suggestion


class AcceptSuggestion(CommandBase):
    type: Literal["accept_suggestion"] = "accept_suggestion"
    suggestion_id: Id


class DismissSuggestion(CommandBase):
    type: Literal["dismiss_suggestion"] = "dismiss_suggestion"
    suggestion_id: Id


class SuggestionSettled(EventBase):
    type: Literal["suggestion_settled"] = "suggestion_settled"
    suggestion_id: str
    accepted: bool
    suggestion: Suggestion | None = None  # kept whole, so an undo can put it back


_SUGGESTING = Access(
    participant=When(stages=frozenset({Stage.THEME}), theming_mode="facilitators"),
    doing="Suggesting moves",
    refusal="Only participants suggest moves.",
)


def _check_suggestion_exists(state: Board, suggestion_id: str) -> Suggestion:
    return on_board(
        state.suggestions,
        suggestion_id,
        "unknown_suggestion",
        "That suggestion has already been dealt with.",
    )


@feature.decides(SetThemingMode, FACILITATORS)
def set_theming_mode(
    command: SetThemingMode, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    if state.theming_mode == command.mode:
        raise BoardError("already_set", "That is already how cards are moved.")
    return [ThemingModeSet(seq=state.seq + 1, mode=command.mode)]


@feature.applies(ThemingModeSet)
def theming_mode_set(event: ThemingModeSet, state: Board) -> Board:
    return state.model_copy(update={"theming_mode": event.mode})


@feature.shows(ThemingModeSet)
def show_mode(event: ThemingModeSet, after: Board, viewer: Actor) -> Json:
    return {"mode": event.mode}


@feature.decides(SuggestMove, _SUGGESTING)
def suggest_move(command: SuggestMove, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    by = check_participant(state, actor.participant_id)
    check_movable(state, actor, command.statement_id, command.theme_id)
    suggestion = Suggestion(
        id=state.new_id("m"), statement_id=command.statement_id, theme_id=command.theme_id, by=by
    )
    return [MoveSuggested(seq=state.seq + 1, suggestion=suggestion)]


@feature.applies(MoveSuggested)
def move_suggested(event: MoveSuggested, state: Board) -> Board:
    return state.with_new("suggestions", event.suggestion)


def _suggestion_json(suggestion: Suggestion) -> Json:
    # Who suggested it stays on the server: a suggestion is judged on its merits.
    return suggestion.model_dump(mode="json", exclude={"by"})


@feature.shows(MoveSuggested)
def show_suggested(event: MoveSuggested, after: Board, viewer: Actor) -> Json | None:
    return {"suggestion": _suggestion_json(event.suggestion)} if facilitator(viewer) else None


@feature.decides(AcceptSuggestion, FACILITATORS)
def accept_suggestion(
    command: AcceptSuggestion, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    suggestion = _check_suggestion_exists(state, command.suggestion_id)
    statement = check_movable(state, actor, suggestion.statement_id, suggestion.theme_id)
    settled = SuggestionSettled(
        seq=state.seq + 1, suggestion_id=suggestion.id, accepted=True, suggestion=suggestion
    )
    if statement.theme_id == suggestion.theme_id:
        return [settled]
    return [settled, moved(state.seq + 2, statement, suggestion.theme_id)]


@feature.decides(DismissSuggestion, FACILITATORS)
def dismiss_suggestion(
    command: DismissSuggestion, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    suggestion = _check_suggestion_exists(state, command.suggestion_id)
    dismissed = SuggestionSettled(
        seq=state.seq + 1, suggestion_id=suggestion.id, accepted=False, suggestion=suggestion
    )
    return [dismissed]


@feature.applies(SuggestionSettled)
def suggestion_settled(event: SuggestionSettled, state: Board) -> Board:
    remaining = {k: v for k, v in state.suggestions.items() if k != event.suggestion_id}
    return state.model_copy(update={"suggestions": remaining})


@feature.shows(SuggestionSettled)
def show_settled(event: SuggestionSettled, after: Board, viewer: Actor) -> Json | None:
    if not facilitator(viewer):
        return None
    return {"suggestion_id": event.suggestion_id, "accepted": event.accepted}


@feature.view
def view_suggestions(state: Board, viewer: Actor) -> Json:
    shown: Json = {"theming_mode": state.theming_mode}
    if facilitator(viewer):
        shown["suggestions"] = [_suggestion_json(s) for s in state.suggestions.values()]
    return shown
