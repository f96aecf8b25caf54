"""What each audience sees of day two: no names or ids; your own rating and feedback only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from board import Actor, Board, Event, Role, apply, decide, project_event, project_state
from board.feedback import GiveFeedback
from board.invest import PlaceIdea, RateIdea, ShowGridView
from board.registry import personal_to
from board.room import SetStage
from board.theming import DeleteTheme
from board.undo import Undo
from board.values import FeedbackAnswer, Stage
from board.voting import CloseRound, RevealRound
from tests.board.conftest import FACILITATOR, P1, P2, P3, WALL, Step, step, the

AUDIENCES = {"facilitator": FACILITATOR, "p1": P1, "p2": P2, "wall": WALL}
DAY_TWO_LISTS = ("causes", "successes", "ideas", "grid", "actions", "feedback")


def walk(value: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair anywhere in a JSON-like value."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key, inner
            yield from walk(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from walk(inner)


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from strings(inner)


@pytest.fixture
def busy(planned: Board, run: Step) -> tuple[Board, list[Event]]:
    """The planned board after ratings from p1 and p2, a placement and feedback from p1, p3."""
    online = the(planned, "Online booking")
    phones = the(planned, "More phone lines")
    state = planned
    log: list[Event] = []
    commands = [
        (RateIdea(idea_id=online, cost=2, benefit=5), P1),
        (RateIdea(idea_id=online, cost=4, benefit=3), P2),
        (PlaceIdea(idea_id=phones, cost=4, benefit=4), FACILITATOR),
        (SetStage(stage=Stage.REFLECT), FACILITATOR),
        (GiveFeedback(answers=(FeedbackAnswer(question="better", text="More tea"),)), P3),
        (GiveFeedback(answers=(FeedbackAnswer(question="better", text="Bigger print"),)), P1),
    ]
    for command, actor in commands:
        for event in decide(state, command, actor):
            state = apply(state, event)
            log.append(event)
    return state, log


def day_two(shown: dict[str, Any]) -> dict[str, Any]:
    return {k: shown[k] for k in DAY_TWO_LISTS}


@pytest.mark.parametrize("audience", list(AUDIENCES))
def test_no_day_two_list_names_an_author_or_a_participant(
    busy: tuple[Board, list[Event]], audience: str
) -> None:
    state, _ = busy
    shown = day_two(project_state(state, AUDIENCES[audience]))
    keys = {key for key, _ in walk(shown)}
    assert not keys & {"author", "participant_id", "by", "name"}
    assert not {"p1", "p2", "p3"} & set(strings(shown))


@pytest.mark.parametrize("audience", list(AUDIENCES))
def test_no_day_two_event_names_an_author_or_a_participant(
    busy: tuple[Board, list[Event]], planned: Board, audience: str
) -> None:
    _, log = busy
    state = planned
    for event in log:
        state = apply(state, event)
        shown = project_event(event, state, AUDIENCES[audience])
        assert not {key for key, _ in walk(shown)} & {"author", "participant_id", "by"}
        assert not {"p1", "p2", "p3"} & set(strings(shown))


def test_your_own_rating_shows_only_to_you(busy: tuple[Board, list[Event]]) -> None:
    state, _ = busy
    mine = {
        name: project_state(state, who)["grid"][0].get("mine") for name, who in AUDIENCES.items()
    }
    assert mine == {
        "facilitator": None,
        "p1": {"cost": 2.0, "benefit": 5.0},
        "p2": {"cost": 4.0, "benefit": 3.0},
        "wall": None,
    }


def test_the_grid_shows_the_room_and_the_final_place(busy: tuple[Board, list[Event]]) -> None:
    online = the(busy[0], "Online booking")
    phones = the(busy[0], "More phone lines")
    state, _ = busy
    # Two people rated "Online booking": the wall learns how many, and nothing the two said.
    placed = {"cost": 4.0, "benefit": 4.0, "quadrant": "major project"}
    assert project_state(state, WALL)["grid"] == [
        {"idea_id": online, "room": {"raters": 2, "hidden": True}, "placement": None},
        {"idea_id": phones, "room": None, "placement": placed},
    ]
    shown = step(state, ShowGridView(), FACILITATOR)
    assert project_state(shown, WALL)["grid"] == [
        {"idea_id": online, "room": {"raters": 2, "shows_from": 3}, "placement": None},
        {"idea_id": phones, "room": None, "placement": placed},
    ]
    at_invest = step(shown, SetStage(stage=Stage.INVEST), FACILITATOR)
    third = step(at_invest, RateIdea(idea_id=online, cost=3, benefit=4), P3)
    assert project_state(third, WALL)["grid"][0]["room"] == {
        "raters": 3,
        "cost": 3.0,
        "benefit": 4.0,
        "quadrant": "quick win",
        "cost_range": [2.0, 4.0],
        "benefit_range": [3.0, 5.0],
    }


def test_your_own_feedback_shows_only_to_you(busy: tuple[Board, list[Event]]) -> None:
    state, _ = busy
    mine = {
        name: project_state(state, who)["feedback"].get("mine") for name, who in AUDIENCES.items()
    }
    assert mine == {
        "facilitator": None,
        "p1": [{"question": "better", "rating": None, "text": "Bigger print"}],
        "p2": None,
        "wall": None,
    }


def test_only_the_facilitator_sees_the_feedback_summary(busy: tuple[Board, list[Event]]) -> None:
    state, _ = busy
    assert {
        name: "summary" in project_state(state, who)["feedback"] for name, who in AUDIENCES.items()
    } == {
        "facilitator": True,
        "p1": False,
        "p2": False,
        "wall": False,
    }


def test_feedback_words_reach_the_facilitator_sorted(busy: tuple[Board, list[Event]]) -> None:
    state, _ = busy
    better = project_state(state, FACILITATOR)["feedback"]["summary"][-1]
    assert better["words"] == ["Bigger print", "More tea"]


def test_a_rating_goes_to_its_rater_as_their_own_copy(busy: tuple[Board, list[Event]]) -> None:
    state, log = busy
    assert [personal_to(e, state) for e in log if e.type in ("idea_rated", "feedback_given")] == [
        "p1",
        "p2",
        "p3",
        "p1",
    ]


def test_a_rating_event_carries_its_grid_row_and_the_ideas_actions(
    busy: tuple[Board, list[Event]], planned: Board
) -> None:
    _, log = busy
    after = apply(planned, log[0])
    shown = project_event(log[0], after, P2)
    idea = log[0].idea_id  # type: ignore[attr-defined]
    assert sorted(shown) == ["action_order", "actions", "row", "seq", "type"]
    assert (shown["row"]["idea_id"], shown["row"]["mine"]) == (idea, None)
    assert [a["idea_id"] for a in shown["actions"]] == [idea]
    assert shown["action_order"] == list(after.actions)


def test_only_facilitators_see_what_was_undone(planned: Board, run: Step) -> None:
    events = decide(planned, SetStage(stage=Stage.PLAN), FACILITATOR)
    state = apply(planned, events[0])
    state = run(state, Undo(seq=events[0].seq, target=events[0]), FACILITATOR)
    assert [project_state(state, who).get("undone") for who in (FACILITATOR, P1, WALL)] == [
        [events[0].seq],
        None,
        None,
    ]


def test_a_theme_brought_back_by_undo_reaches_every_screen(understanding: Board, run: Step) -> None:
    card3 = the(understanding, "Statement 3")
    appointments = the(understanding, "Appointments")
    staff = the(understanding, "Staff")
    [deleted] = decide(understanding, DeleteTheme(theme_id=staff), FACILITATOR)
    state = apply(understanding, deleted)
    marker, restored = decide(state, Undo(seq=deleted.seq, target=deleted), FACILITATOR)
    state = apply(apply(state, marker), restored)
    shown = project_event(restored, state, P1)
    assert shown == {
        "seq": restored.seq,
        "type": "theme_restored",
        "theme": {"id": staff, "category": "not working", "title": "Staff", "i_statement": ""},
        "cards": [card3],
        "carried": [appointments],
    }


def test_results_hidden_again_by_undo_reach_every_screen(voting: Board, run: Step) -> None:
    vote = the(voting, "Dot vote")
    state = run(voting, CloseRound(round_id=vote), FACILITATOR)
    [revealed] = decide(state, RevealRound(round_id=vote), FACILITATOR)
    state = apply(state, revealed)
    marker, hidden = decide(state, Undo(seq=revealed.seq, target=revealed), FACILITATOR)
    state = apply(apply(state, marker), hidden)
    shown = project_event(hidden, state, Actor(role=Role.PARTICIPANT, participant_id="p1"))
    assert (shown["type"], shown["round"]["status"]) == ("round_hidden", "closed")
