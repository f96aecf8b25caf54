"""What happened to a board. Each event has the board's next `seq`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, TypeAdapter

from board.model import Frozen, Participant, Stage, Statement


class _Event(Frozen):
    seq: int = Field(ge=1)


class BoardCreated(_Event):
    type: Literal["board_created"] = "board_created"
    board_id: str
    title: str
    purpose: str = ""
    join_code: str


class BoardUpdated(_Event):
    type: Literal["board_updated"] = "board_updated"
    title: str
    purpose: str


class StageSet(_Event):
    type: Literal["stage_set"] = "stage_set"
    stage: Stage
    previous: Stage


class StatementsAdded(_Event):
    type: Literal["statements_added"] = "statements_added"
    statements: tuple[Statement, ...]
    source: Literal["import", "facilitator"] = "facilitator"


class ParticipantJoined(_Event):
    type: Literal["participant_joined"] = "participant_joined"
    participant: Participant


class RoundOpened(_Event):
    type: Literal["round_opened"] = "round_opened"
    round_id: str
    title: str
    items: tuple[str, ...]
    dots_per_person: int
    max_per_item: int
    blind: bool


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


Event = Annotated[
    BoardCreated
    | BoardUpdated
    | StageSet
    | StatementsAdded
    | ParticipantJoined
    | RoundOpened
    | DotPlaced
    | DotRemoved
    | RoundClosed
    | RoundRevealed,
    Field(discriminator="type"),
]

EVENT = TypeAdapter(Event)


def event_from_json(raw: str | bytes) -> Event:
    return EVENT.validate_json(raw)
