"""Next steps and the end of the day: actions with owners and dates, and feedback."""

from __future__ import annotations

from board import rules
from board._dispatch import applies, decides
from board.errors import BoardError
from board.events import Event
from board.model import Board
from board.outcome_commands import AddAction, GiveFeedback, UpdateAction
from board.outcome_events import ActionSaved, FeedbackGiven
from board.values import Action, Actor, Frozen, Role, Stage


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


@decides.register
def _(command: AddAction, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    rules.check_capacity(state, "actions")
    if command.idea_id is not None:
        rules.check_idea_exists(state, command.idea_id)
    action = Action(
        id=state.new_id("a"),
        text=command.text,
        owner=command.owner,
        due=command.due,
        idea_id=command.idea_id,
    )
    return [ActionSaved(seq=state.seq + 1, action=action)]


@decides.register
def _(command: UpdateAction, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    found = state.actions.get(command.action_id)
    if found is None:
        raise BoardError("unknown_action", "That action is not on this board.")
    fields = ("text", "owner", "due", "status")
    changes = {f: getattr(command, f) for f in fields if getattr(command, f) is not None}
    changed = found.model_copy(update=changes)
    if changed == found:
        raise BoardError("nothing_to_change", "Nothing about this action would change.")
    return [ActionSaved(seq=state.seq + 1, action=changed)]


@applies.register
def _(event: ActionSaved, state: Board) -> Board:
    new = event.action.id not in state.actions
    return state.model_copy(
        update={
            "actions": {**state.actions, event.action.id: event.action},
            "next_id": state.next_id + (1 if new else 0),
        }
    )


@decides.register
def _(command: GiveFeedback, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    if actor.role != Role.PARTICIPANT:
        raise BoardError("not_allowed", "Feedback comes from participants.")
    giver = rules.check_participant(state, actor.participant_id)
    rules.check_stage(state, Stage.REFLECT, "Giving feedback")
    seen = set()
    for answer in command.answers:
        question = _BY_ID.get(answer.question)
        if question is None or answer.question in seen:
            raise BoardError("unknown_question", "Answer each of the questions asked, once.")
        if answer.rating is not None and not question.rated:
            raise BoardError("not_rated", "That question asks for words, not a number.")
        seen.add(answer.question)
    return [FeedbackGiven(seq=state.seq + 1, participant_id=giver, answers=command.answers)]


@applies.register
def _(event: FeedbackGiven, state: Board) -> Board:
    return state.model_copy(
        update={"feedback": {**state.feedback, event.participant_id: event.answers}}
    )


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
