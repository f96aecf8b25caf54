"""From an action back to the words people said in their reviews, and forward again."""

from __future__ import annotations

import pytest

from board import Board, BoardError
from board.causes import AddCause, ChooseCauses
from board.ideas import AddIdea
from board.plan import AddAction
from board.room import SetStage
from board.success import AddSuccess
from board.theming import MoveStatement
from board.trace import actions_from_statement, trail
from board.values import IdeaKind, Perspective, Stage
from tests.board.conftest import FACILITATOR, P1, P2, P3, Step, make, the


def test_one_statement_walks_to_an_action_and_back(understanding: Board, run: Step) -> None:
    # "I wait weeks to see anyone" (review R12) is in theme "Appointments", carried forward.
    card1 = the(understanding, "Statement 1")
    waiting = the(understanding, "I wait weeks to see anyone")
    appointments = the(understanding, "Appointments")
    state, few = make(
        understanding, AddCause(theme_id=appointments, text="Too few receptionists"), P1
    )
    state, cut = make(
        state, AddCause(theme_id=appointments, parent_id=few, text="The funding was cut"), P2
    )
    state = run(state, ChooseCauses(cause_ids=(cut,)), FACILITATOR)
    state = run(state, SetStage(stage=Stage.SUCCESS), FACILITATOR)
    state, through = make(
        state,
        AddSuccess(cause_id=cut, perspective=Perspective.PERSON, text="I get through"),
        P3,
    )
    state = run(state, SetStage(stage=Stage.IDEAS), FACILITATOR)
    idea = AddIdea(kind=IdeaKind.RADICAL, text="Book online", serves=(through,))
    state, online = make(state, idea, P1)
    state = run(state, SetStage(stage=Stage.PLAN), FACILITATOR)
    state, action = make(
        state, AddAction(text="Open online booking", owner="ICB", idea_id=online), FACILITATOR
    )

    assert actions_from_statement(state, waiting) == [action]
    back = trail(state, action)
    assert back == {
        "action": {"id": action, "text": "Open online booking", "owner": "ICB", "due": ""},
        "idea": {"id": online, "kind": "radical", "text": "Book online"},
        "successes": [
            {"id": through, "perspective": "person", "text": "I get through", "cause_id": cut}
        ],
        "causes": {
            cut: [
                {"id": cut, "text": "The funding was cut"},
                {"id": few, "text": "Too few receptionists"},
            ]
        },
        "themes": [
            {
                "id": appointments,
                "title": "Appointments",
                "i_statement": "I can't get appointments when I want them",
                "statements": [
                    {"id": card1, "review": None, "text": "Statement 1"},
                    {"id": waiting, "review": "R12", "text": "I wait weeks to see anyone"},
                ],
            }
        ],
    }


def test_a_trail_names_nobody(planned: Board) -> None:
    action = the(planned, "Set up online booking")
    text = repr(trail(planned, action))
    assert "p1" not in text and "p2" not in text and "author" not in text


def test_an_action_with_no_idea_has_an_empty_trail(planned: Board, run: Step) -> None:
    state, action = make(planned, AddAction(text="Write to the PCN", owner="ICB"), FACILITATOR)
    back = trail(state, action)
    assert (back["idea"], back["successes"], back["causes"], back["themes"]) == (None, [], {}, [])


def test_the_trail_of_an_unknown_action_is_refused(planned: Board) -> None:
    with pytest.raises(BoardError) as caught:
        trail(planned, "a99")
    assert caught.value.code == "unknown_action"


def test_a_statement_in_another_theme_leads_to_no_action(planned: Board) -> None:
    card3 = the(planned, "Statement 3")
    assert actions_from_statement(planned, card3) == []


def test_an_unthemed_statement_leads_to_no_action(planned: Board) -> None:
    card2 = the(planned, "Statement 2")
    assert actions_from_statement(planned, card2) == []


def test_an_unknown_statement_leads_to_no_action(planned: Board) -> None:
    assert actions_from_statement(planned, "s99") == []


def test_a_statement_moved_into_the_theme_leads_to_its_actions(planned: Board, run: Step) -> None:
    card2 = the(planned, "Statement 2")
    appointments = the(planned, "Appointments")
    action = the(planned, "Set up online booking")
    state = run(planned, MoveStatement(statement_id=card2, theme_id=appointments), FACILITATOR)
    assert actions_from_statement(state, card2) == [action]
