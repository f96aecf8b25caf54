"""Next steps with owners and dates, and the end-of-day feedback."""

from __future__ import annotations

import pytest

from board import Actor, Board, BoardError, Command, Role, decide
from board.feedback import QUESTIONS, FeedbackGiven, GiveFeedback, feedback_summary
from board.plan import ActionSaved, AddAction, UpdateAction
from board.room import SetStage
from board.values import Action, ActionStatus, FeedbackAnswer, Stage
from tests.board.conftest import FACILITATOR, P1, P2, P3, Step, make, the


def refused(state: Board, command: Command, actor: Actor = FACILITATOR) -> str:
    with pytest.raises(BoardError) as caught:
        decide(state, command, actor)
    return caught.value.code


@pytest.fixture
def reflecting(planned: Board, run: Step) -> Board:
    return run(planned, SetStage(stage=Stage.REFLECT), FACILITATOR)


def answers(**given: tuple[int | None, str]) -> GiveFeedback:
    return GiveFeedback(
        answers=tuple(FeedbackAnswer(question=q, rating=r, text=t) for q, (r, t) in given.items())
    )


def test_an_action_has_an_owner_a_date_and_starts_not_started(planned: Board) -> None:
    phones = the(planned, "More phone lines")
    command = AddAction(text="Ask the PPG", owner="ICB", due="2026-03-01", idea_id=phones)
    assert decide(planned, command, FACILITATOR) == [
        ActionSaved(
            seq=planned.seq + 1,
            action=Action(
                id=f"a{planned.next_id}",
                text="Ask the PPG",
                owner="ICB",
                due="2026-03-01",
                status=ActionStatus.NOT_STARTED,
                idea_id=phones,
            ),
            previous_known=True,  # it is new: an undo removes it
        )
    ]


def test_an_action_need_not_carry_an_idea(planned: Board, run: Step) -> None:
    state, action = make(planned, AddAction(text="Write to the PCN", owner="ICB"), FACILITATOR)
    assert state.actions[action].idea_id is None


def test_an_action_on_an_unknown_idea_is_refused(planned: Board) -> None:
    command = AddAction(text="x", owner="ICB", idea_id="i99")
    assert refused(planned, command) == "unknown_idea"


@pytest.mark.parametrize("due", ["1 March", "2026-3-1", "20260301"])
def test_a_due_date_must_be_a_calendar_date(due: str) -> None:
    with pytest.raises(ValueError):
        AddAction(text="x", owner="ICB", due=due)


def test_updating_an_action_changes_only_what_is_given(planned: Board, run: Step) -> None:
    online = the(planned, "Online booking")
    action = the(planned, "Set up online booking")
    state = run(
        planned,
        UpdateAction(action_id=action, status=ActionStatus.DONE, due="2026-04-30"),
        FACILITATOR,
    )
    assert state.actions[action] == Action(
        id=action,
        text="Set up online booking",
        owner="Practice manager",
        due="2026-04-30",
        status=ActionStatus.DONE,
        idea_id=online,
    )


def test_updating_an_action_does_not_use_up_an_id(planned: Board, run: Step) -> None:
    action = the(planned, "Set up online booking")
    state = run(planned, UpdateAction(action_id=action, owner="ICB"), FACILITATOR)
    assert state.next_id == planned.next_id


def test_updating_an_unknown_action_is_refused(planned: Board) -> None:
    assert refused(planned, UpdateAction(action_id="a99", owner="ICB")) == "unknown_action"


def test_an_update_that_changes_nothing_is_refused(planned: Board) -> None:
    action = the(planned, "Set up online booking")
    command = UpdateAction(action_id=action, owner="Practice manager")
    assert refused(planned, command) == "nothing_to_change"


def test_an_empty_update_is_refused(planned: Board) -> None:
    action = the(planned, "Set up online booking")
    assert refused(planned, UpdateAction(action_id=action)) == "nothing_to_change"


def test_feedback_is_kept_as_the_participants_answers(reflecting: Board) -> None:
    command = answers(easy=(4, "Fine"), better=(None, "Bigger print"))
    assert decide(reflecting, command, P1) == [
        FeedbackGiven(seq=reflecting.seq + 1, participant_id="p1", answers=command.answers)
    ]


def test_feedback_sent_again_replaces_the_first(reflecting: Board, run: Step) -> None:
    state = run(reflecting, answers(easy=(2, "")), P1)
    state = run(state, answers(listened=(5, "")), P1)
    assert state.feedback == {"p1": (FeedbackAnswer(question="listened", rating=5),)}


def test_an_unknown_question_is_refused(reflecting: Board) -> None:
    assert refused(reflecting, answers(colour=(3, "")), P1) == "unknown_question"


def test_answering_a_question_twice_is_refused(reflecting: Board) -> None:
    command = GiveFeedback(
        answers=(
            FeedbackAnswer(question="easy", rating=3),
            FeedbackAnswer(question="easy", rating=4),
        )
    )
    assert refused(reflecting, command, P1) == "unknown_question"


def test_a_number_for_a_words_only_question_is_refused(reflecting: Board) -> None:
    assert refused(reflecting, answers(better=(3, "More breaks")), P1) == "not_rated"


def test_a_stranger_cannot_give_feedback(reflecting: Board) -> None:
    stranger = Actor(role=Role.PARTICIPANT, participant_id="p9")
    assert refused(reflecting, answers(easy=(3, "")), stranger) == "unknown_participant"


def test_feedback_with_no_answers_is_refused() -> None:
    with pytest.raises(ValueError):
        GiveFeedback(answers=())


def test_the_questions_are_short_plain_english() -> None:
    assert all(len(q.text.split()) < 20 for q in QUESTIONS)
    assert [q.id for q in QUESTIONS if not q.rated] == ["better"]


def test_the_summary_counts_ratings_and_averages_per_question(reflecting: Board, run: Step) -> None:
    state = run(reflecting, answers(easy=(5, "")), P1)
    state = run(state, answers(easy=(4, "")), P2)
    state = run(state, answers(easy=(4, ""), listened=(1, "")), P3)
    easy, listened, tools, *_ = feedback_summary(state)
    assert (easy["answered"], easy["ratings"], easy["average"]) == (
        3,
        {"1": 0, "2": 0, "3": 0, "4": 2, "5": 1},
        4.3,
    )
    assert (listened["answered"], listened["average"]) == (1, 1.0)
    assert (tools["answered"], tools["average"]) == (0, None)


def test_the_summary_sorts_the_words_so_order_says_nothing(reflecting: Board, run: Step) -> None:
    state = run(reflecting, answers(better=(None, "Shorter day")), P1)
    state = run(state, answers(better=(None, "Bigger print")), P2)
    state = run(state, answers(better=(None, "")), P3)
    better = feedback_summary(state)[-1]
    assert (better["answered"], better["ratings"], better["words"]) == (
        3,
        {},
        ["Bigger print", "Shorter day"],
    )


def test_the_summary_names_nobody(reflecting: Board, run: Step) -> None:
    state = run(reflecting, answers(easy=(5, "Good")), P1)
    assert "p1" not in repr(feedback_summary(state))
