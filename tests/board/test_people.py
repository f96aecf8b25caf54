"""People without a phone: added at the console, counted, recorded for by a facilitator."""

from __future__ import annotations

import json

import pytest

from board import (
    Actor,
    Board,
    BoardError,
    Command,
    Group,
    Stage,
    decide,
    project_event,
    project_state,
)
from board.feedback import FeedbackGiven, GiveFeedback
from board.invest import IdeaRated, RateIdea
from board.room import AddPerson, PersonAdded, PersonOnDevice, SetStage, StartOnDevice
from board.statements import StatementsAdded, WriteStatement
from board.values import Category, FeedbackAnswer
from board.voting import DotPlaced, Vote
from tests.board.conftest import FACILITATOR, P1, WALL, Step, step, step_events, the

TABLE_THREE = AddPerson(name="Table 3, patient", group=Group.PATIENT)


def refused(state: Board, command: Command, actor: Actor) -> BoardError:
    with pytest.raises(BoardError) as caught:
        decide(state, command, actor)
    return caught.value


def added(state: Board, command: AddPerson = TABLE_THREE) -> tuple[Board, str]:
    """The board with the person added, and their id."""
    after, [event] = step_events(state, command, FACILITATOR)
    assert isinstance(event, PersonAdded)
    return after, event.participant.id


def test_a_facilitator_adds_someone_without_a_phone(collected: Board) -> None:
    state, person = added(collected)
    assert state.participants[person].model_dump() == {
        "id": person,
        "name": "Table 3, patient",
        "group": Group.PATIENT,
        "no_device": True,
    }
    assert person not in collected.participants


def test_people_who_joined_from_a_phone_have_a_device(collected: Board) -> None:
    assert [p.no_device for p in collected.participants.values()] == [False, False, False]


def test_each_person_added_gets_an_id_of_their_own(collected: Board) -> None:
    state, first = added(collected)
    state, second = added(state, AddPerson(name="Table 4, carer", group=Group.CARER))
    assert first != second and {first, second} <= set(state.participants)


def test_a_person_needs_a_name_or_a_label(collected: Board) -> None:
    with pytest.raises(ValueError, match="too_short"):
        AddPerson(name="  ", group=Group.PATIENT)


def test_two_people_cannot_share_a_name(collected: Board) -> None:
    state, _ = added(collected)
    error = refused(state, AddPerson(name="table 3, PATIENT", group=Group.CARER), FACILITATOR)
    assert error.code == "name_taken"
    assert "Table 3" not in error.message and "table 3, PATIENT" in error.message


@pytest.mark.parametrize("actor", [P1, WALL])
def test_only_a_facilitator_adds_people(collected: Board, actor: Actor) -> None:
    assert refused(collected, TABLE_THREE, actor).code == "not_allowed"


def test_everyone_counts_them_and_knows_how_many_have_no_phone(collected: Board) -> None:
    state, _ = added(collected)
    for viewer in (FACILITATOR, WALL, P1):
        counts = project_state(state, viewer)["participants"]
        assert (counts["count"], counts["by_group"]["patient"], counts["no_device"]) == (4, 2, 1)


def test_only_the_facilitator_sees_their_name(collected: Board) -> None:
    state, person = added(collected)
    people = project_state(state, FACILITATOR)["participants"]["people"]
    assert {"id": person, "name": "Table 3, patient", "group": "patient", "no_device": True} in (
        people
    )
    for viewer in (WALL, P1):
        assert "Table 3" not in json.dumps(project_state(state, viewer))


# --- starting on a device -----------------------------------------------------------


def test_someone_added_who_signs_in_on_a_device_counts_as_on_one(collected: Board) -> None:
    state, person = added(collected)
    after, [event] = step_events(state, StartOnDevice(participant_id=person), FACILITATOR)
    assert isinstance(event, PersonOnDevice)
    assert after.participants[person].no_device is False
    assert after.participants[person].name == "Table 3, patient"
    assert list(after.participants) == list(state.participants)  # same place, same person
    for viewer in (FACILITATOR, WALL, P1):
        counts = project_state(after, viewer)["participants"]
        assert (counts["count"], counts["no_device"]) == (4, 0)
    shown = project_event(event, after, FACILITATOR)["participants"]["person"]
    assert shown == {
        "id": person,
        "name": "Table 3, patient",
        "group": "patient",
        "no_device": False,
    }
    for viewer in (WALL, P1):
        assert "person" not in project_event(event, after, viewer)["participants"]


def test_only_someone_without_a_device_starts_on_one(collected: Board) -> None:
    state, person = added(collected)
    on_device = step(state, StartOnDevice(participant_id=person), FACILITATOR)
    again = refused(on_device, StartOnDevice(participant_id=person), FACILITATOR)
    assert again.code == "nothing_to_change"
    phone = next(iter(collected.participants))
    assert refused(state, StartOnDevice(participant_id=phone), FACILITATOR).code == (
        "nothing_to_change"
    )
    nobody = refused(state, StartOnDevice(participant_id="pnobody"), FACILITATOR)
    assert nobody.code == "unknown_participant"


# --- recording for them ------------------------------------------------------------


def test_their_dots_count_in_who_has_voted(voting: Board, run: Step) -> None:
    card1 = the(voting, "Statement 1")
    vote = the(voting, "Dot vote")
    state, person = added(voting)
    state, [dot] = step_events(
        state, Vote(round_id=vote, item=card1, for_participant=person), FACILITATOR
    )
    assert isinstance(dot, DotPlaced) and dot.recorded_by_facilitator
    assert project_state(state, WALL)["rounds"][0]["voters"] == 1
    assert project_state(state, WALL)["participants"]["count"] == 4


def test_their_dots_keep_to_the_budget(voting: Board, run: Step) -> None:
    card1 = the(voting, "Statement 1")
    card2 = the(voting, "Statement 2")
    card3 = the(voting, "Statement 3")
    vote = the(voting, "Dot vote")
    state, person = added(voting)
    for item in (card1, card1, card2):
        state = run(state, Vote(round_id=vote, item=item, for_participant=person), FACILITATOR)
    error = refused(state, Vote(round_id=vote, item=card3, for_participant=person), FACILITATOR)
    assert error.code == "no_dots_left"
    error = refused(state, Vote(round_id=vote, item=card1, for_participant=person), FACILITATOR)
    assert error.code in ("no_dots_left", "item_limit")


def test_a_rating_recorded_for_them_is_theirs(planned: Board) -> None:
    online = the(planned, "Online booking")
    state, person = added(planned)
    command = RateIdea(idea_id=online, cost=2, benefit=5, for_participant=person)
    state, [rated] = step_events(state, command, FACILITATOR)
    assert isinstance(rated, IdeaRated)
    assert (rated.participant_id, rated.recorded_by_facilitator) == (person, True)
    assert state.ratings[online][person].benefit == 5


def test_a_facilitator_names_whose_rating_it_is(planned: Board) -> None:
    online = the(planned, "Online booking")
    error = refused(planned, RateIdea(idea_id=online, cost=2, benefit=5), FACILITATOR)
    assert error.code == "choose_person"


def test_a_rating_for_them_is_taken_only_at_invest(planned: Board, run: Step) -> None:
    online = the(planned, "Online booking")
    state, person = added(planned)
    state = run(state, SetStage(stage=Stage.PLAN), FACILITATOR)
    command = RateIdea(idea_id=online, cost=2, benefit=5, for_participant=person)
    assert refused(state, command, FACILITATOR).code == "stage_closed"


def test_a_participant_rates_only_for_themselves(planned: Board) -> None:
    online = the(planned, "Online booking")
    command = RateIdea(idea_id=online, cost=2, benefit=5, for_participant="p2")
    assert refused(planned, command, P1).code == "not_allowed"


def test_their_feedback_is_theirs_and_marked_as_recorded(planned: Board, run: Step) -> None:
    state, person = added(planned)
    state = run(state, SetStage(stage=Stage.REFLECT), FACILITATOR)
    answers = (FeedbackAnswer(question="easy", rating=5, text="Kind staff"),)
    command = GiveFeedback(answers=answers, for_participant=person)
    state, [given] = step_events(state, command, FACILITATOR)
    assert isinstance(given, FeedbackGiven) and given.recorded_by_facilitator
    assert state.feedback[person] == answers
    assert project_state(state, FACILITATOR)["feedback"]["answered"] == 1


def test_a_facilitator_names_whose_answers_they_are(planned: Board, run: Step) -> None:
    state = run(planned, SetStage(stage=Stage.REFLECT), FACILITATOR)
    answers = (FeedbackAnswer(question="easy", rating=5),)
    assert refused(state, GiveFeedback(answers=answers), FACILITATOR).code == "choose_person"


def test_their_statement_is_in_their_words_and_theirs(collected: Board, run: Step) -> None:
    state, person = added(collected)
    state = run(state, SetStage(stage=Stage.COLLECT), FACILITATOR)
    command = WriteStatement(category=Category.FUTURE, text="A lift", for_participant=person)
    state, [written] = step_events(state, command, FACILITATOR)
    assert isinstance(written, StatementsAdded) and written.recorded_by_facilitator
    [card] = written.statements
    assert (card.author, card.source, state.statements[card.id].text) == (
        person,
        "participant",
        "A lift",
    )
