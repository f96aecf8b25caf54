"""What happened to a board. Each event has the board's next `seq`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, TypeAdapter

from board.model import (
    BoardArchive,
    Frozen,
    Participant,
    Stage,
    Statement,
    StatementSource,
    Suggestion,
    Theme,
    ThemingMode,
    Timer,
)
from board.outcome_events import OutcomeEvent


class _Event(Frozen):
    seq: int = Field(ge=1)


# The board and the room


class BoardCreated(_Event):
    type: Literal["board_created"] = "board_created"
    board_id: str
    title: str
    purpose: str = ""
    join_code: str
    retain_until_ms: int = 0


class BoardUpdated(_Event):
    type: Literal["board_updated"] = "board_updated"
    title: str
    purpose: str


class BoardRestored(_Event):
    type: Literal["board_restored"] = "board_restored"
    archive: BoardArchive


class StageSet(_Event):
    type: Literal["stage_set"] = "stage_set"
    stage: Stage
    previous: Stage


class ParticipantJoined(_Event):
    type: Literal["participant_joined"] = "participant_joined"
    participant: Participant


class TimerSet(_Event):
    type: Literal["timer_set"] = "timer_set"
    action: Literal["started", "extended", "paused", "resumed", "stopped"]
    timer: Timer | None


# Statements


class StatementsAdded(_Event):
    type: Literal["statements_added"] = "statements_added"
    statements: tuple[Statement, ...]
    source: StatementSource = "facilitator"


class CardVisibilitySet(_Event):
    type: Literal["card_visibility_set"] = "card_visibility_set"
    hide_new: bool


class CardsRevealed(_Event):
    type: Literal["cards_revealed"] = "cards_revealed"
    statement_ids: tuple[str, ...]


# Themes


class ThemeCreated(_Event):
    type: Literal["theme_created"] = "theme_created"
    theme: Theme


class ThemeUpdated(_Event):
    type: Literal["theme_updated"] = "theme_updated"
    theme: Theme


class ThemeMerged(_Event):
    type: Literal["theme_merged"] = "theme_merged"
    theme_id: str
    theme: Theme | None = None  # the theme folded away, whole, so it can be undone
    into_id: str
    moved: tuple[str, ...]
    carried: tuple[str, ...] | None = None  # the carried-forward list before, for undo


class ThemeDeleted(_Event):
    type: Literal["theme_deleted"] = "theme_deleted"
    theme_id: str
    theme: Theme | None = None  # kept whole so it can be undone
    released: tuple[str, ...]
    carried: tuple[str, ...] | None = None  # the carried-forward list before, for undo


class StatementMoved(_Event):
    type: Literal["statement_moved"] = "statement_moved"
    statement_id: str
    theme_id: str | None
    previous: str | None


class ThemingModeSet(_Event):
    type: Literal["theming_mode_set"] = "theming_mode_set"
    mode: ThemingMode


class MoveSuggested(_Event):
    type: Literal["move_suggested"] = "move_suggested"
    suggestion: Suggestion


class SuggestionSettled(_Event):
    type: Literal["suggestion_settled"] = "suggestion_settled"
    suggestion_id: str
    accepted: bool


# Dot voting


class RoundOpened(_Event):
    type: Literal["round_opened"] = "round_opened"
    round_id: str
    title: str
    items: tuple[str, ...]
    dots_per_person: int
    max_per_item: int
    blind: bool
    remind_unused: bool = False


class DotPlaced(_Event):
    type: Literal["dot_placed"] = "dot_placed"
    round_id: str
    item: str
    participant_id: str
    recorded_by_facilitator: bool = False


class DotRemoved(_Event):
    type: Literal["dot_removed"] = "dot_removed"
    round_id: str
    item: str
    participant_id: str
    recorded_by_facilitator: bool = False


class RoundClosed(_Event):
    type: Literal["round_closed"] = "round_closed"
    round_id: str


class RoundRevealed(_Event):
    type: Literal["round_revealed"] = "round_revealed"
    round_id: str


class ItemsCarriedForward(_Event):
    type: Literal["items_carried_forward"] = "items_carried_forward"
    items: tuple[str, ...]


Event = Annotated[
    BoardCreated
    | BoardUpdated
    | BoardRestored
    | StageSet
    | ParticipantJoined
    | TimerSet
    | StatementsAdded
    | CardVisibilitySet
    | CardsRevealed
    | ThemeCreated
    | ThemeUpdated
    | ThemeMerged
    | ThemeDeleted
    | StatementMoved
    | ThemingModeSet
    | MoveSuggested
    | SuggestionSettled
    | RoundOpened
    | DotPlaced
    | DotRemoved
    | RoundClosed
    | RoundRevealed
    | ItemsCarriedForward
    | OutcomeEvent,
    Field(discriminator="type"),
]

EVENT: TypeAdapter[Event] = TypeAdapter(Event)


def event_from_json(raw: str | bytes) -> Event:
    return EVENT.validate_json(raw)
