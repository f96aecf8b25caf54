"""Commands for the second workshop day: root causes to an action plan, and feedback."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints

from board.values import (
    STATEMENT_MAX,
    TITLE_MAX,
    ActionStatus,
    FeedbackAnswer,
    Frozen,
    IdeaKind,
    Perspective,
    clean_text,
)

Text = Annotated[str, BeforeValidator(clean_text), StringConstraints(strip_whitespace=True)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")]
Words = Annotated[Text, StringConstraints(min_length=1, max_length=STATEMENT_MAX)]
Score = Annotated[int, Field(ge=1, le=5)]
Day = Annotated[str, StringConstraints(pattern=r"^(\d{4}-\d{2}-\d{2})?$")]


class _Command(Frozen):
    pass


class AddCause(_Command):
    """Answer "why?" about a theme, or about a cause already given (`parent_id`)."""

    type: Literal["add_cause"] = "add_cause"
    theme_id: Id
    parent_id: Id | None = None
    text: Words


class MergeCauses(_Command):
    """Fold a cause into another of the same theme; its answers move with it."""

    type: Literal["merge_causes"] = "merge_causes"
    cause_id: Id
    into_id: Id


class ChooseCauses(_Command):
    """The root causes the room works on next (replaces the choice)."""

    type: Literal["choose_causes"] = "choose_causes"
    cause_ids: tuple[Id, ...] = Field(max_length=50)


class AddSuccess(_Command):
    type: Literal["add_success"] = "add_success"
    cause_id: Id
    perspective: Perspective
    text: Words


class AddIdea(_Command):
    type: Literal["add_idea"] = "add_idea"
    kind: IdeaKind
    text: Words
    serves: tuple[Id, ...] = Field(default=(), max_length=50)


class ShortlistIdeas(_Command):
    type: Literal["shortlist_ideas"] = "shortlist_ideas"
    idea_ids: tuple[Id, ...] = Field(max_length=100)


class EditText(_Command):
    """Reword a root cause, success statement or idea."""

    type: Literal["edit_text"] = "edit_text"
    item_id: Id
    text: Words


class DeleteItem(_Command):
    """Remove a root cause, success statement, idea or action nothing else hangs on."""

    type: Literal["delete_item"] = "delete_item"
    item_id: Id


class RateIdea(_Command):
    """A participant's own view of an idea's cost and benefit (1 low to 5 high)."""

    type: Literal["rate_idea"] = "rate_idea"
    idea_id: Id
    cost: Score
    benefit: Score


class PlaceIdea(_Command):
    """The facilitator's final place for an idea on the investment grid."""

    type: Literal["place_idea"] = "place_idea"
    idea_id: Id
    cost: Annotated[float, Field(ge=1, le=5)]
    benefit: Annotated[float, Field(ge=1, le=5)]


class AddAction(_Command):
    type: Literal["add_action"] = "add_action"
    text: Words
    owner: Annotated[Text, StringConstraints(min_length=1, max_length=TITLE_MAX)]
    due: Day = ""
    idea_id: Id | None = None


class UpdateAction(_Command):
    type: Literal["update_action"] = "update_action"
    action_id: Id
    text: Words | None = None
    owner: Annotated[Text, StringConstraints(min_length=1, max_length=TITLE_MAX)] | None = None
    due: Day | None = None
    status: ActionStatus | None = None


class GiveFeedback(_Command):
    """A participant's answers to the end-of-day questions (sent again, they replace)."""

    type: Literal["give_feedback"] = "give_feedback"
    answers: tuple[FeedbackAnswer, ...] = Field(min_length=1, max_length=10)


class Undo(_Command):
    """Undo a facilitator's action by adding new events; history is never rewritten."""

    type: Literal["undo"] = "undo"
    seq: int = Field(ge=1)
    # The event at `seq`, looked up by the server; a client never sends it.
    target: Any = Field(default=None, exclude=True)


OutcomeCommand = (
    AddCause
    | MergeCauses
    | ChooseCauses
    | AddSuccess
    | AddIdea
    | ShortlistIdeas
    | EditText
    | DeleteItem
    | RateIdea
    | PlaceIdea
    | AddAction
    | UpdateAction
    | GiveFeedback
    | Undo
)
