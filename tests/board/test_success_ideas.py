"""Success from four perspectives, and ideas of each kind linked to the success they serve."""

from __future__ import annotations

import pytest

from board import Actor, Board, BoardError, Command, decide
from board.edits import DeleteItem, EditText
from board.ideas import AddIdea, IdeaAdded, ShortlistIdeas
from board.invest import PlaceIdea, RateIdea
from board.room import SetStage
from board.success import AddSuccess, SuccessAdded
from board.values import IdeaKind, Perspective, Stage, SuccessStatement
from tests.board.conftest import FACILITATOR, P1, P2, Step, make, the


def refused(state: Board, command: Command, actor: Actor = FACILITATOR) -> str:
    with pytest.raises(BoardError) as caught:
        decide(state, command, actor)
    return caught.value.code


@pytest.mark.parametrize("perspective", list(Perspective))
def test_success_is_said_from_each_perspective(
    planned: Board, perspective: Perspective, run: Step
) -> None:
    receptionists = the(planned, "The funding was cut")  # the chosen root cause
    state = run(planned, SetStage(stage=Stage.SUCCESS), FACILITATOR)
    command = AddSuccess(cause_id=receptionists, perspective=perspective, text="It works")
    assert decide(state, command, P2) == [
        SuccessAdded(
            seq=state.seq + 1,
            success=SuccessStatement(
                id=f"su{state.next_id}",
                cause_id=receptionists,
                perspective=perspective,
                text="It works",
                author="p2",
            ),
        )
    ]


def test_the_words_of_a_success_statement_lose_outer_spaces(planned: Board) -> None:
    receptionists = the(planned, "The funding was cut")  # the chosen root cause
    command = AddSuccess(cause_id=receptionists, perspective=Perspective.PERSON, text="  It works ")
    [event] = decide(planned, command, FACILITATOR)
    assert isinstance(event, SuccessAdded)
    assert event.success.text == "It works"


@pytest.mark.parametrize("kind", list(IdeaKind))
def test_an_idea_of_each_kind_can_be_shared(planned: Board, kind: IdeaKind, run: Step) -> None:
    first_time = the(planned, "I get through first time")
    state = run(planned, SetStage(stage=Stage.IDEAS), FACILITATOR)
    [event] = decide(state, AddIdea(kind=kind, text="Something", serves=(first_time,)), P1)
    assert isinstance(event, IdeaAdded)
    assert (event.idea.id, event.idea.kind, event.idea.serves, event.idea.author) == (
        f"i{state.next_id}",
        kind,
        (first_time,),
        "p1",
    )


def test_an_idea_serving_a_success_twice_lists_it_once(planned: Board) -> None:
    first_time = the(planned, "I get through first time")
    [event] = decide(
        planned,
        AddIdea(kind=IdeaKind.RADICAL, text="x", serves=(first_time, first_time)),
        FACILITATOR,
    )
    assert isinstance(event, IdeaAdded)
    assert event.idea.serves == (first_time,)


def test_an_idea_serving_an_unknown_success_is_refused(planned: Board) -> None:
    first_time = the(planned, "I get through first time")
    command = AddIdea(kind=IdeaKind.RADICAL, text="x", serves=(first_time, "su99"))
    assert refused(planned, command) == "unknown_success"


def test_a_new_idea_is_not_shortlisted(planned: Board, run: Step) -> None:
    state, lunch_club = make(
        planned, AddIdea(kind=IdeaKind.DIFFERENT, text="Lunch club"), FACILITATOR
    )
    assert state.ideas[lunch_club].shortlisted is False


def test_shortlisting_replaces_the_shortlist(planned: Board, run: Step) -> None:
    online = the(planned, "Online booking")
    phones = the(planned, "More phone lines")
    state = run(planned, ShortlistIdeas(idea_ids=(phones,)), FACILITATOR)
    assert [(i.id, i.shortlisted) for i in state.ideas.values()] == [
        (online, False),
        (phones, True),
    ]


def test_shortlisting_an_unknown_idea_is_refused(planned: Board) -> None:
    online = the(planned, "Online booking")
    assert refused(planned, ShortlistIdeas(idea_ids=(online, "i99"))) == "unknown_idea"


@pytest.mark.parametrize(
    ("words", "field"), [("I get through first time", "successes"), ("More phone lines", "ideas")]
)
def test_success_statements_and_ideas_can_be_reworded(
    planned: Board, words: str, field: str, run: Step
) -> None:
    item_id = the(planned, words)
    state = run(planned, EditText(item_id=item_id, text="New words"), FACILITATOR)
    assert getattr(state, field)[item_id].text == "New words"


def test_a_success_statement_an_idea_serves_cannot_be_removed(planned: Board) -> None:
    first_time = the(planned, "I get through first time")
    assert refused(planned, DeleteItem(item_id=first_time)) == "in_use"


def test_an_idea_with_an_action_cannot_be_removed(planned: Board) -> None:
    online = the(planned, "Online booking")
    assert refused(planned, DeleteItem(item_id=online)) == "in_use"


def test_a_success_statement_nothing_serves_can_be_removed(planned: Board, run: Step) -> None:
    receptionists = the(planned, "The funding was cut")  # the chosen root cause
    state, said = make(
        planned,
        AddSuccess(cause_id=receptionists, perspective=Perspective.COMMISSIONER, text="x"),
        FACILITATOR,
    )
    assert said not in run(state, DeleteItem(item_id=said), FACILITATOR).successes


def test_removing_an_idea_removes_its_ratings_and_placement(planned: Board, run: Step) -> None:
    phones = the(planned, "More phone lines")
    state = run(planned, RateIdea(idea_id=phones, cost=2, benefit=4), P1)
    state = run(state, PlaceIdea(idea_id=phones, cost=2, benefit=4), FACILITATOR)
    state = run(state, DeleteItem(item_id=phones), FACILITATOR)
    assert (phones in state.ideas, phones in state.ratings, phones in state.placements) == (
        False,
        False,
        False,
    )
