"""The board's state: immutable, built only by `apply` (values in board/values.py)."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import Field

from board.base import Frozen
from board.hands import Dealing
from board.values import (
    Action,
    Cause,
    FeedbackAnswer,
    Idea,
    Participant,
    Placement,
    Round,
    Stage,
    Statement,
    SuccessStatement,
    Suggestion,
    Theme,
    ThemingMode,
    Timer,
    WallShow,
)

# What a command makes under a new id from the board's counter, and `with_new` adds.
Made = Theme | Participant | Suggestion | Cause | SuccessStatement | Idea


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
    # What the facilitator put on the wall (None: the wall follows the stage),
    # and whether the wall holds the page it is on.
    wall_show: WallShow | None = None
    wall_held: bool = False
    causes: dict[str, Cause] = Field(default_factory=dict)
    successes: dict[str, SuccessStatement] = Field(default_factory=dict)
    ideas: dict[str, Idea] = Field(default_factory=dict)
    # idea id -> participant id -> their rating. Only the median and spread are shown.
    ratings: dict[str, dict[str, Placement]] = Field(default_factory=dict)
    # The day or days the workshop met (YYYY-MM-DD), for the report.
    workshop_days: tuple[str, ...] = ()
    # Whether phones and the wall see the room's view of the grid (facilitators always do).
    grid_view_shown: bool = False
    # idea id -> where the facilitator finally placed it.
    placements: dict[str, Placement] = Field(default_factory=dict)
    actions: dict[str, Action] = Field(default_factory=dict)
    # participant id -> their answers. Shown only as a summary, never by person.
    feedback: dict[str, tuple[FeedbackAnswer, ...]] = Field(default_factory=dict)
    # A category dealt out to the phones (board/dealing.py), while it runs and until reviewed.
    dealing: Dealing | None = None
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

    def with_new(self, field: str, item: Made) -> Board:
        """The board with one more theme, person, suggestion, cause, success statement or idea,
        under the id it was just given (the counter moves on)."""
        things = {**getattr(self, field), item.id: item}
        return self.model_copy(update={field: things, "next_id": self.next_id + 1})

    def with_marked(self, field: str, flag: str, ids: Iterable[str]) -> Board:
        """The board with `flag` true on exactly `ids` among its `field` and false on the rest:
        the causes chosen, the ideas shortlisted (each choice replaces the last)."""
        marked = set(ids)
        things = {
            k: v.model_copy(update={flag: k in marked}) for k, v in getattr(self, field).items()
        }
        return self.model_copy(update={field: things})
