"""The board's state: immutable values built only by `apply`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from board.values import (
    DOTS_MAX,
    GRID_MIDDLE,
    NAME_MAX,
    PURPOSE_MAX,
    REVIEW_MAX,
    ROUND_ITEMS_MAX,
    STATEMENT_MAX,
    THEME_TITLE_MAX,
    TIMER_MAX_SECONDS,
    TITLE_MAX,
    Action,
    ActionStatus,
    Actor,
    Category,
    Cause,
    FeedbackAnswer,
    Frozen,
    Group,
    Idea,
    IdeaKind,
    Participant,
    Person,
    Perspective,
    Placement,
    Quadrant,
    Role,
    Round,
    RoundCount,
    RoundStatus,
    Stage,
    Statement,
    StatementSource,
    SuccessStatement,
    Suggestion,
    Theme,
    ThemingMode,
    Timer,
)

__all__ = [
    "DOTS_MAX",
    "GRID_MIDDLE",
    "NAME_MAX",
    "PURPOSE_MAX",
    "REVIEW_MAX",
    "ROUND_ITEMS_MAX",
    "STATEMENT_MAX",
    "THEME_TITLE_MAX",
    "TIMER_MAX_SECONDS",
    "TITLE_MAX",
    "Action",
    "ActionStatus",
    "Actor",
    "ArchivedRound",
    "Board",
    "BoardArchive",
    "Category",
    "Cause",
    "FeedbackAnswer",
    "Frozen",
    "Group",
    "Idea",
    "IdeaKind",
    "Participant",
    "Person",
    "Perspective",
    "Placement",
    "Quadrant",
    "Role",
    "Round",
    "RoundCount",
    "RoundStatus",
    "Stage",
    "Statement",
    "StatementSource",
    "SuccessStatement",
    "Suggestion",
    "Theme",
    "ThemingMode",
    "Timer",
]


class ArchivedRound(Frozen):
    id: str
    title: str
    items: tuple[str, ...]
    dots_per_person: int
    max_per_item: int
    blind: bool
    remind_unused: bool = False
    status: Literal["closed", "revealed"]
    count: RoundCount


class BoardArchive(Frozen):
    """A board as a document (see board/archive.py): no names, no one's votes."""

    format: Literal["changeboard-board"] = "changeboard-board"
    version: Literal[1] = 1
    title: str
    purpose: str = ""
    stage: Stage
    next_id: int
    statements: tuple[Statement, ...] = ()
    themes: tuple[Theme, ...] = ()
    theming_mode: ThemingMode = "everyone"
    hide_new_cards: bool = False
    carried: tuple[str, ...] = ()
    # How many joined, by group: nobody's name or id.
    participants: dict[Group, int] = Field(default_factory=dict)
    rounds: tuple[ArchivedRound, ...] = ()
    causes: tuple[Cause, ...] = ()
    successes: tuple[SuccessStatement, ...] = ()
    ideas: tuple[Idea, ...] = ()
    # Ratings per idea with nobody's name on them; final placements by idea.
    ratings: dict[str, tuple[Placement, ...]] = Field(default_factory=dict)
    placements: dict[str, Placement] = Field(default_factory=dict)
    actions: tuple[Action, ...] = ()
    # Each person's answers, in no particular order, with nobody's name on them.
    feedback: tuple[tuple[FeedbackAnswer, ...], ...] = ()


class Board(Frozen):
    id: str
    seq: int = 0
    title: str = ""
    purpose: str = ""
    join_code: str = ""
    retain_until_ms: int = 0
    stage: Stage = Stage.PREPARE
    next_id: int = 1
    statements: dict[str, Statement] = Field(default_factory=dict)
    themes: dict[str, Theme] = Field(default_factory=dict)
    participants: dict[str, Participant] = Field(default_factory=dict)
    rounds: dict[str, Round] = Field(default_factory=dict)
    theming_mode: ThemingMode = "everyone"
    hide_new_cards: bool = False
    suggestions: dict[str, Suggestion] = Field(default_factory=dict)
    # Items the room chose to take into the next stages, in the chosen order.
    carried: tuple[str, ...] = ()
    timer: Timer | None = None
    causes: dict[str, Cause] = Field(default_factory=dict)
    successes: dict[str, SuccessStatement] = Field(default_factory=dict)
    ideas: dict[str, Idea] = Field(default_factory=dict)
    # idea id -> participant id -> their rating. Only the median and spread are shown.
    ratings: dict[str, dict[str, Placement]] = Field(default_factory=dict)
    # idea id -> where the facilitator finally placed it.
    placements: dict[str, Placement] = Field(default_factory=dict)
    actions: dict[str, Action] = Field(default_factory=dict)
    # participant id -> their answers. Shown only as a summary, never by person.
    feedback: dict[str, tuple[FeedbackAnswer, ...]] = Field(default_factory=dict)
    # The seqs of events already undone.
    undone: frozenset[int] = frozenset()

    @property
    def open_round(self) -> Round | None:
        return next((r for r in self.rounds.values() if r.status == "open"), None)

    def has_item(self, item_id: str) -> bool:
        """Anything a vote can be on: statements, themes, root causes, ideas."""
        return any(
            item_id in things for things in (self.statements, self.themes, self.causes, self.ideas)
        )

    def new_id(self, prefix: str, offset: int = 0) -> str:
        return f"{prefix}{self.next_id + offset}"
