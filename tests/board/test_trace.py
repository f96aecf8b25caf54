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
from tests.board.conftest import FACILITATOR, P1, P2, P3, Step


def test_one_statement_walks_to_an_action_and_back(understanding: Board, run: Step) -> None:
    # Statement s5 (review R12) is in theme t6, carried forward.
    state = run(understanding, AddCause(theme_id="t6", text="Too few receptionists"), P1)
    state = run(state, AddCause(theme_id="t6", parent_id="c8", text="The funding was cut"), P2)
    state = run(state, ChooseCauses(cause_ids=("c9",)), FACILITATOR)
    state = run(state, SetStage(stage=Stage.SUCCESS), FACILITATOR)
    state = run(
        state,
        AddSuccess(cause_id="c9", perspective=Perspective.PERSON, text="I get through"),
        P3,
    )
    state = run(state, SetStage(stage=Stage.IDEAS), FACILITATOR)
    state = run(state, AddIdea(kind=IdeaKind.RADICAL, text="Book online", serves=("su10",)), P1)
    state = run(state, SetStage(stage=Stage.PLAN), FACILITATOR)
    state = run(
        state, AddAction(text="Open online booking", owner="ICB", idea_id="i11"), FACILITATOR
    )

    assert actions_from_statement(state, "s5") == ["a12"]
    back = trail(state, "a12")
    assert back == {
        "action": {"id": "a12", "text": "Open online booking", "owner": "ICB", "due": ""},
        "idea": {"id": "i11", "kind": "radical", "text": "Book online"},
        "successes": [
            {"id": "su10", "perspective": "person", "text": "I get through", "cause_id": "c9"}
        ],
        "causes": {
            "c9": [
                {"id": "c9", "text": "The funding was cut"},
                {"id": "c8", "text": "Too few receptionists"},
            ]
        },
        "themes": [
            {
                "id": "t6",
                "title": "Appointments",
                "i_statement": "I can't get appointments when I want them",
                "statements": [
                    {"id": "s1", "review": None, "text": "Statement 1"},
                    {"id": "s5", "review": "R12", "text": "I wait weeks to see anyone"},
                ],
            }
        ],
    }


def test_a_trail_names_nobody(planned: Board) -> None:
    text = repr(trail(planned, "a14"))
    assert "p1" not in text and "p2" not in text and "author" not in text


def test_an_action_with_no_idea_has_an_empty_trail(planned: Board, run: Step) -> None:
    state = run(planned, AddAction(text="Write to the PCN", owner="ICB"), FACILITATOR)
    back = trail(state, "a15")
    assert (back["idea"], back["successes"], back["causes"], back["themes"]) == (None, [], {}, [])


def test_the_trail_of_an_unknown_action_is_refused(planned: Board) -> None:
    with pytest.raises(BoardError) as caught:
        trail(planned, "a99")
    assert caught.value.code == "unknown_action"


def test_a_statement_in_another_theme_leads_to_no_action(planned: Board) -> None:
    assert actions_from_statement(planned, "s3") == []


def test_an_unthemed_statement_leads_to_no_action(planned: Board) -> None:
    assert actions_from_statement(planned, "s2") == []


def test_an_unknown_statement_leads_to_no_action(planned: Board) -> None:
    assert actions_from_statement(planned, "s99") == []


def test_a_statement_moved_into_the_theme_leads_to_its_actions(planned: Board, run: Step) -> None:
    state = run(planned, MoveStatement(statement_id="s2", theme_id="t6"), FACILITATOR)
    assert actions_from_statement(state, "s2") == ["a14"]
