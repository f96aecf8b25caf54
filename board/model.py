"""The board's state: immutable values built only by `apply`."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Stage(StrEnum):
    PREPARE = "prepare"
    COLLECT = "collect"
    THEME = "theme"
    PRIORITISE = "prioritise"
    UNDERSTAND = "understand"
    SUCCESS = "success"
    IDEAS = "ideas"
    INVEST = "invest"
    PLAN = "plan"
    REFLECT = "reflect"


class Group(StrEnum):
    PATIENT = "patient"
    CARER = "carer"
    PROFESSIONAL = "professional"
    COMMISSIONER = "commissioner"
    THIRD_SECTOR = "third sector"
    OTHER = "other"


class Category(StrEnum):
    WORKING = "working"
    NOT_WORKING = "not working"
    FUTURE = "future"


class Person(StrEnum):
    PATIENT = "patient"
    CARER = "carer"


class Role(StrEnum):
    FACILITATOR = "facilitator"
    PARTICIPANT = "participant"
    WALL = "wall"


RoundStatus = Literal["open", "closed", "revealed"]

# Limits a client cannot talk its way past; the messages quote them.
TITLE_MAX = 120
PURPOSE_MAX = 600
STATEMENT_MAX = 600
NAME_MAX = 40
REVIEW_MAX = 20
DOTS_MAX = 20
ROUND_ITEMS_MAX = 400


class Actor(Frozen):
    """Who sends a command: a role, and for a participant their id."""

    role: Role
    participant_id: str | None = None


class Statement(Frozen):
    id: str
    category: Category
    text: str
    review: str | None = None
    person: Person | None = None
    priority: int = 1


class Participant(Frozen):
    id: str
    name: str = ""
    group: Group


class Round(Frozen):
    id: str
    title: str
    items: tuple[str, ...]
    dots_per_person: int
    max_per_item: int
    blind: bool
    status: RoundStatus = "open"
    # participant id -> item id -> dots. Never leaves the server as is.
    dots: dict[str, dict[str, int]] = Field(default_factory=dict)

    def dots_of(self, participant_id: str) -> dict[str, int]:
        return self.dots.get(participant_id, {})

    def spent_by(self, participant_id: str) -> int:
        return sum(self.dots_of(participant_id).values())

    @property
    def voters(self) -> int:
        return sum(1 for mine in self.dots.values() if mine)

    @property
    def dots_cast(self) -> int:
        return sum(sum(mine.values()) for mine in self.dots.values())


class Board(Frozen):
    id: str
    seq: int = 0
    title: str = ""
    purpose: str = ""
    join_code: str = ""
    stage: Stage = Stage.PREPARE
    next_id: int = 1
    statements: dict[str, Statement] = Field(default_factory=dict)
    participants: dict[str, Participant] = Field(default_factory=dict)
    rounds: dict[str, Round] = Field(default_factory=dict)

    @property
    def open_round(self) -> Round | None:
        return next((r for r in self.rounds.values() if r.status == "open"), None)

    def has_item(self, item_id: str) -> bool:
        return item_id in self.statements
