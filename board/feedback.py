"""The end of the day: each participant's answers to a few questions, shown only as a summary."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from board.base import BoardError, CommandBase, EventBase, Frozen, Id
from board.checks import acting_for
from board.feature import Feature
from board.model import Board
from board.policy import Access, When
from board.projection import Json, facilitator
from board.values import Actor, FeedbackAnswer, Stage

feature = Feature("feedback")

# A facilitator gives feedback only for someone without a phone (`for_participant`).
_AT_REFLECT = When(stages=frozenset({Stage.REFLECT}))
_GIVING = Access(facilitator=_AT_REFLECT, participant=_AT_REFLECT, doing="Giving feedback")
_UNNAMED = BoardError("choose_person", "Choose the person whose answers you are recording.")


class Question(Frozen):
    id: str
    text: str
    # Rated 1 (not at all) to 5 (very), with words too; or words only.
    rated: bool = True


# The end-of-workshop questions, in plain English.
QUESTIONS: tuple[Question, ...] = (
    Question(id="easy", text="How easy was it to take part today?"),
    Question(id="listened", text="Did you feel listened to?"),
    Question(id="tools", text="How easy were the phone and the screens to use?"),
    Question(id="again", text="Would you take part in this again?"),
    Question(id="better", text="What would make it better next time?", rated=False),
)
_BY_ID = {q.id: q for q in QUESTIONS}


class GiveFeedback(CommandBase):
    """A participant's answers to the end-of-day questions (sent again, they replace)."""

    type: Literal["give_feedback"] = "give_feedback"
    answers: tuple[FeedbackAnswer, ...] = Field(min_length=1, max_length=10)
    # Set only by a facilitator recording the answers of someone without a phone.
    for_participant: Id | None = None


class FeedbackGiven(EventBase):
    type: Literal["feedback_given"] = "feedback_given"
    participant_id: str
    answers: tuple[FeedbackAnswer, ...]
    recorded_by_facilitator: bool = False


@feature.decides(GiveFeedback, _GIVING)
def give_feedback(
    command: GiveFeedback, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    giver, on_behalf = acting_for(state, actor, command.for_participant, _UNNAMED)
    seen = set()
    for answer in command.answers:
        question = _BY_ID.get(answer.question)
        if question is None or answer.question in seen:
            raise BoardError("unknown_question", "Answer each of the questions asked, once.")
        if answer.rating is not None and not question.rated:
            raise BoardError("not_rated", "That question asks for words, not a number.")
        seen.add(answer.question)
    given = FeedbackGiven(
        seq=state.seq + 1,
        participant_id=giver,
        answers=command.answers,
        recorded_by_facilitator=on_behalf,
    )
    return [given]


@feature.applies(FeedbackGiven)
def feedback_given(event: FeedbackGiven, state: Board) -> Board:
    return state.model_copy(
        update={"feedback": {**state.feedback, event.participant_id: event.answers}}
    )


@feature.personal_to(FeedbackGiven)
def giver(event: FeedbackGiven, after: Board) -> str | None:
    return event.participant_id


def feedback_summary(state: Board) -> list[dict[str, object]]:
    """Per question: how many answered, the ratings counted, and the words (no names)."""
    summary = []
    for question in QUESTIONS:
        answers = [
            a for given in state.feedback.values() for a in given if a.question == question.id
        ]
        ratings = [a.rating for a in answers if a.rating is not None]
        summary.append(
            {
                "id": question.id,
                "text": question.text,
                "rated": question.rated,
                "answered": len(answers),
                "ratings": {str(n): ratings.count(n) for n in range(1, 6)}
                if question.rated
                else {},
                "average": round(sum(ratings) / len(ratings), 1) if ratings else None,
                # Sorted, so the order says nothing about who answered first.
                "words": sorted(a.text for a in answers if a.text),
            }
        )
    return summary


def _answers_json(state: Board, viewer: Actor) -> Json:
    """How many answered, the summary (facilitators) and your own answers (you)."""
    shown: Json = {"answered": len(state.feedback)}
    if facilitator(viewer):
        shown["summary"] = feedback_summary(state)
    if viewer.participant_id is not None and viewer.participant_id in state.feedback:
        shown["mine"] = [a.model_dump(mode="json") for a in state.feedback[viewer.participant_id]]
    return shown


@feature.shows(FeedbackGiven)
def show_feedback(event: FeedbackGiven, after: Board, viewer: Actor) -> Json:
    # The questions never change, so a screen has them from the board it joined with.
    return {"feedback": _answers_json(after, viewer)}


@feature.view
def view_feedback(state: Board, viewer: Actor) -> Json:
    questions = [q.model_dump(mode="json") for q in QUESTIONS]
    return {"feedback": {"questions": questions, **_answers_json(state, viewer)}}
