"""The values a board is made of: immutable, built only by `apply`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from board.base import Frozen, Id, Text, Title, Words


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
PURPOSE_MAX = 600
NAME_MAX = 40
REVIEW_MAX = 20
DOTS_MAX = 20
ROUND_ITEMS_MAX = 400
THEME_TITLE_MAX = 120
TIMER_MAX_SECONDS = 4 * 60 * 60


class Actor(Frozen):
    """Who sends a command: a role, and for a participant their id."""

    role: Role
    participant_id: str | None = None


StatementSource = Literal["import", "facilitator", "participant", "review"]
ThemingMode = Literal["everyone", "facilitators"]


ReviewCode = Annotated[Text, StringConstraints(min_length=1, max_length=REVIEW_MAX)]


class NewStatement(Frozen):
    """What a statement says and where it came from: as sent, and as kept."""

    category: Category
    text: Words
    review: ReviewCode | None = None
    person: Person | None = None
    # 1 and 2 are the person's top two for the question; 3 or more are kept too.
    priority: int = Field(default=1, ge=1, le=99)


class Statement(NewStatement):
    id: str
    source: StatementSource = "import"
    theme_id: str | None = None
    # Kept from everyone but the facilitators until they reveal new cards.
    hidden: bool = False
    # Who wrote it, for a participant's own cards; never shown to anyone else.
    author: str | None = None

    def visible_to(self, viewer: Actor) -> bool:
        """Hidden cards show only to facilitators and to their author."""
        return (
            not self.hidden
            or viewer.role == Role.FACILITATOR
            or (viewer.participant_id is not None and self.author == viewer.participant_id)
        )


class Theme(Frozen):
    id: str
    category: Category
    title: str
    # The theme in the person's own voice: "I can't get appointments when I want them".
    i_statement: str = ""


class Suggestion(Frozen):
    """A participant's proposed card move, waiting for a facilitator."""

    id: str
    statement_id: str
    theme_id: str | None
    by: str


WallShowKind = Literal["theme", "round", "causes", "grid", "join"]
_WALL_SHOW_NEEDS_ID = {"theme": True, "round": True, "causes": True, "grid": False, "join": False}


class WallShow(Frozen):
    """One thing the facilitator put on the wall: a theme and its cards, a
    vote, the cause tree of a theme, the investment grid, or how to join."""

    kind: WallShowKind
    # The theme (for "theme" and "causes") or the vote (for "round"); none for the others.
    id: Id | None = None

    @model_validator(mode="after")
    def _id_when_needed(self) -> WallShow:
        if _WALL_SHOW_NEEDS_ID[self.kind] != (self.id is not None):
            needs = "needs" if _WALL_SHOW_NEEDS_ID[self.kind] else "takes no"
            raise ValueError(f"showing “{self.kind}” {needs} id")
        return self


class Timer(Frozen):
    """A countdown. Running: `ends_at_ms` is set. Paused: `remaining_ms` is set."""

    label: str = ""
    duration_ms: int
    ends_at_ms: int | None = None
    remaining_ms: int | None = None
    # Only when the facilitator chose so does the end of the timer stop voting,
    # and then only the vote that was open when the timer started.
    hard_stop: bool = False
    round_id: str | None = None

    def ended(self, now_ms: int) -> bool:
        return self.ends_at_ms is not None and now_ms >= self.ends_at_ms


class Participant(Frozen):
    id: str
    name: str = ""
    group: Group
    # Added at the console by a facilitator, for someone in the room without a
    # phone: the facilitator records their dots, ratings, feedback and
    # statements for them, and no screen deals them anything to do. It stays
    # true if they later sign in on a device with a rejoin code.
    no_device: bool = False


class RoundCount(Frozen):
    """A round's dots by item and group, without who: all an archive keeps."""

    voters_by_group: dict[Group, int] = Field(default_factory=dict)
    dots: dict[str, dict[Group, int]] = Field(default_factory=dict)


class ShownCount(Frozen):
    """What a closed round keeps when its board is saved: only what the room could see.

    The number who voted and the dots cast, always; the dots per item only if
    the room saw them (a revealed vote, or a live one); the split by group only
    for a revealed vote, pooled so that no group has fewer than 3 voters.
    """

    voters: int = Field(default=0, ge=0)
    dots_cast: int = Field(default=0, ge=0)
    totals: dict[str, int] | None = None
    by_group: dict[str, dict[str, int]] | None = None


def shown_from_first_format(data: object, revealed: bool, blind: bool) -> object:
    """A count in the first archive format (by raw group), as what may be shown of it."""
    if isinstance(data, dict) and "voters_by_group" in data:
        from board.tally import shown_of_count  # the pooling lives with the tally

        return shown_of_count(RoundCount.model_validate(data), revealed, blind)
    return data


class RoundRules(Frozen):
    """How a dot vote runs: as asked for, as opened, as kept and as archived."""

    title: Title = "Dot vote"
    items: tuple[Id, ...] = Field(min_length=1, max_length=ROUND_ITEMS_MAX)
    dots_per_person: int = Field(default=5, ge=1, le=DOTS_MAX)
    max_per_item: int = Field(default=2, ge=1, le=DOTS_MAX)
    blind: bool = True
    # Phones remind people who still have dots to use them.
    remind_unused: bool = False


class Round(RoundRules):
    id: str
    status: RoundStatus = "open"
    # participant id -> item id -> dots. Never leaves the server as is.
    dots: dict[str, dict[str, int]] = Field(default_factory=dict)
    # A round restored from an exported board: what the room could see of it, nobody's dots.
    archived: ShownCount | None = None

    @model_validator(mode="before")
    @classmethod
    def _first_format(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("archived") is not None:
            revealed = data.get("status") == "revealed"
            archived = shown_from_first_format(data["archived"], revealed, data.get("blind", True))
            data = {**data, "archived": archived}
        return data

    def dots_of(self, participant_id: str) -> dict[str, int]:
        return self.dots.get(participant_id, {})

    def spent_by(self, participant_id: str) -> int:
        return sum(self.dots_of(participant_id).values())

    @property
    def voters(self) -> int:
        earlier = self.archived.voters if self.archived else 0
        return earlier + sum(1 for mine in self.dots.values() if mine)

    @property
    def dots_cast(self) -> int:
        earlier = self.archived.dots_cast if self.archived else 0
        return earlier + sum(sum(mine.values()) for mine in self.dots.values())


# Day two: from chosen themes to an action plan.


class Perspective(StrEnum):
    PERSON = "person"
    COMMISSIONER = "commissioner"
    CLINICIAN = "clinician"
    THIRD_SECTOR = "third sector"


class IdeaKind(StrEnum):
    IN_PLACE = "in place"
    RADICAL = "radical"
    TRADITIONAL = "traditional"
    DIFFERENT = "different"


class ActionStatus(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"


class Quadrant(StrEnum):
    QUICK_WIN = "quick win"
    MAJOR_PROJECT = "major project"
    FILL_IN = "fill-in"
    THANKLESS_TASK = "thankless task"


class Cause(Frozen):
    """A root cause under a theme; `parent_id` is the cause it answers "why?" to."""

    id: str
    theme_id: str
    parent_id: str | None = None
    text: str
    chosen: bool = False
    author: str | None = None


class SuccessStatement(Frozen):
    """What success would look like if a cause were fixed, from one perspective."""

    id: str
    cause_id: str
    perspective: Perspective
    text: str
    author: str | None = None


class Idea(Frozen):
    id: str
    kind: IdeaKind
    text: str
    # The success statements it would bring about.
    serves: tuple[str, ...] = ()
    shortlisted: bool = False
    author: str | None = None


# On the investment grid, 1 is low and 5 is high; above the middle counts as high.
GRID_MIDDLE = 3


class Placement(Frozen):
    cost: float = Field(ge=1, le=5)
    benefit: float = Field(ge=1, le=5)

    @property
    def quadrant(self) -> Quadrant:
        high_cost, high_benefit = self.cost > GRID_MIDDLE, self.benefit > GRID_MIDDLE
        if high_benefit:
            return Quadrant.MAJOR_PROJECT if high_cost else Quadrant.QUICK_WIN
        return Quadrant.THANKLESS_TASK if high_cost else Quadrant.FILL_IN


class Action(Frozen):
    id: str
    text: str
    # A person's role or an organisation, never a participant's name by default.
    owner: str
    due: str = ""  # YYYY-MM-DD, or not set yet
    status: ActionStatus = ActionStatus.NOT_STARTED
    idea_id: str | None = None


class FeedbackAnswer(Frozen):
    question: str
    rating: int | None = Field(default=None, ge=1, le=5)
    text: str = ""
