"""Events of the second workshop day, and of undo."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from board.values import (
    Action,
    Cause,
    FeedbackAnswer,
    Frozen,
    Idea,
    Placement,
    Stage,
    SuccessStatement,
    Theme,
)


class _Event(Frozen):
    seq: int = Field(ge=1)


class CauseAdded(_Event):
    type: Literal["cause_added"] = "cause_added"
    cause: Cause


class CausesMerged(_Event):
    type: Literal["causes_merged"] = "causes_merged"
    cause: Cause  # the one folded away, kept whole so it can be undone
    into_id: str
    children: tuple[str, ...]
    successes: tuple[str, ...]
    # Whether `into` was chosen before, so an undo can put that back (None: not recorded).
    into_chosen: bool | None = None


class CausesChosen(_Event):
    type: Literal["causes_chosen"] = "causes_chosen"
    cause_ids: tuple[str, ...]


class SuccessAdded(_Event):
    type: Literal["success_added"] = "success_added"
    success: SuccessStatement


class IdeaAdded(_Event):
    type: Literal["idea_added"] = "idea_added"
    idea: Idea


class IdeasShortlisted(_Event):
    type: Literal["ideas_shortlisted"] = "ideas_shortlisted"
    idea_ids: tuple[str, ...]


class TextEdited(_Event):
    type: Literal["text_edited"] = "text_edited"
    item_id: str
    text: str
    previous: str


class ItemDeleted(_Event):
    """Something removed, kept whole in the event so it can be undone."""

    type: Literal["item_deleted"] = "item_deleted"
    item: Cause | SuccessStatement | Idea | Action
    # An idea's ratings and final place go with it, and come back with an undo.
    ratings: dict[str, Placement] = Field(default_factory=dict)
    placement: Placement | None = None


class IdeaRated(_Event):
    type: Literal["idea_rated"] = "idea_rated"
    idea_id: str
    participant_id: str
    rating: Placement


class IdeaPlaced(_Event):
    type: Literal["idea_placed"] = "idea_placed"
    idea_id: str
    placement: Placement


class ActionSaved(_Event):
    """An action added, or changed (the whole action as it now is)."""

    type: Literal["action_saved"] = "action_saved"
    action: Action


class FeedbackGiven(_Event):
    type: Literal["feedback_given"] = "feedback_given"
    participant_id: str
    answers: tuple[FeedbackAnswer, ...]


class Undone(_Event):
    """Marks an undo in the log; the events after it, in the same batch, carry it out."""

    type: Literal["undone"] = "undone"
    undone_seq: int
    description: str


class ThemeRestored(_Event):
    """A merged or deleted theme back, with the cards that were in it."""

    type: Literal["theme_restored"] = "theme_restored"
    theme: Theme
    cards: tuple[str, ...]
    # The carried-forward list to put back, when nothing has changed it since.
    carried: tuple[str, ...] | None = None


class RoundHidden(_Event):
    """A revealed vote's results put away again (they stay counted)."""

    type: Literal["round_hidden"] = "round_hidden"
    round_id: str


class ItemRestored(_Event):
    type: Literal["item_restored"] = "item_restored"
    item: Cause | SuccessStatement | Idea | Action
    ratings: dict[str, Placement] = Field(default_factory=dict)
    placement: Placement | None = None


class CauseUnmerged(_Event):
    type: Literal["cause_unmerged"] = "cause_unmerged"
    cause: Cause
    children: tuple[str, ...]
    successes: tuple[str, ...]
    # The cause it was merged into, when it was chosen only because of the merge.
    unchoose: str | None = None


OutcomeEvent = (
    CauseAdded
    | CausesMerged
    | CausesChosen
    | SuccessAdded
    | IdeaAdded
    | IdeasShortlisted
    | TextEdited
    | ItemDeleted
    | IdeaRated
    | IdeaPlaced
    | ActionSaved
    | FeedbackGiven
    | Undone
    | ThemeRestored
    | RoundHidden
    | ItemRestored
    | CauseUnmerged
)

__all__ = ["OutcomeEvent", "Stage"]
