from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from board import (
    Actor,
    Board,
    Command,
    Role,
    Stage,
    apply,
    decide,
    personal_to,
    project_event,
    project_state,
    tally,
)
from board.commands import (
    CloseRound,
    JoinBoard,
    OpenRound,
    RevealRound,
    SetStage,
    UpdateBoard,
    Vote,
)
from board.model import Group

Step = Callable[[Board, Command, Actor], Board]

FACILITATOR = Actor(role=Role.FACILITATOR)
WALL = Actor(role=Role.WALL)
ANYONE = Actor(role=Role.PARTICIPANT)
P1 = Actor(role=Role.PARTICIPANT, participant_id="p1")
P2 = Actor(role=Role.PARTICIPANT, participant_id="p2")
P3 = Actor(role=Role.PARTICIPANT, participant_id="p3")
VIEWERS = {"facilitator": FACILITATOR, "wall": WALL, "anyone": ANYONE, "p1": P1}


@pytest.fixture
def dotted(voting: Board, run: Step) -> Board:
    """r5 with p1 (patient) 2 on s1 + 1 on s2, p2 (carer) 1 on s1, p3 (professional) 1 on s3."""
    state = voting
    for actor, item in ((P1, "s1"), (P1, "s1"), (P1, "s2"), (P2, "s1"), (P3, "s3")):
        state = run(state, Vote(round_id="r5", item=item), actor)
    return state


def _round(shown: dict[str, object]) -> dict[str, object]:
    rounds = shown["rounds"]
    assert isinstance(rounds, list)
    return dict(rounds[0])


# --- tally --------------------------------------------------------------------


def test_tally_splits_dots_by_group_and_lists_every_item(dotted: Board) -> None:
    assert tally(dotted, dotted.rounds["r5"]) == {
        "s1": {"patient": 2, "carer": 1},
        "s2": {"patient": 1},
        "s3": {"professional": 1},
    }


def test_tally_of_an_empty_round_has_empty_items(voting: Board) -> None:
    assert tally(voting, voting.rounds["r5"]) == {"s1": {}, "s2": {}, "s3": {}}


# --- blind rounds ---------------------------------------------------------------


@pytest.mark.parametrize("viewer", VIEWERS.values(), ids=VIEWERS.keys())
def test_an_open_blind_round_shows_progress_but_no_tally(dotted: Board, viewer: Actor) -> None:
    shown = _round(project_state(dotted, viewer))
    assert "tally" not in shown
    assert (shown["voters"], shown["dots_cast"], shown["status"]) == (3, 5, "open")


@pytest.mark.parametrize("viewer", VIEWERS.values(), ids=VIEWERS.keys())
def test_a_closed_blind_round_still_hides_its_tally(
    dotted: Board, run: Step, viewer: Actor
) -> None:
    state = run(dotted, CloseRound(round_id="r5"), FACILITATOR)
    assert "tally" not in _round(project_state(state, viewer))


@pytest.mark.parametrize("viewer", VIEWERS.values(), ids=VIEWERS.keys())
def test_a_revealed_round_shows_its_tally_to_everyone(
    dotted: Board, run: Step, viewer: Actor
) -> None:
    state = run(dotted, CloseRound(round_id="r5"), FACILITATOR)
    state = run(state, RevealRound(round_id="r5"), FACILITATOR)
    assert _round(project_state(state, viewer))["tally"] == tally(state, state.rounds["r5"])


def test_the_reveal_event_carries_the_tally(dotted: Board, run: Step) -> None:
    state = run(dotted, CloseRound(round_id="r5"), FACILITATOR)
    [event] = decide(state, RevealRound(round_id="r5"), FACILITATOR)
    after = run(state, RevealRound(round_id="r5"), FACILITATOR)
    shown = project_event(event, after, WALL)
    assert shown["round"]["tally"]["s1"] == {"patient": 2, "carer": 1}


def test_a_dot_event_in_a_blind_round_shows_only_progress(dotted: Board) -> None:
    [event] = decide(dotted, Vote(round_id="r5", item="s2"), P2)
    after = apply(dotted, event)
    assert project_event(event, after, ANYONE) == {
        "seq": event.seq,
        "type": "dot_placed",
        "round_id": "r5",
        "voters": 3,
        "dots_cast": 6,
    }


def test_a_voter_sees_only_their_own_dots(dotted: Board) -> None:
    assert _round(project_state(dotted, P1))["mine"] == {"s1": 2, "s2": 1}
    assert _round(project_state(dotted, P3))["mine"] == {"s3": 1}
    assert "mine" not in _round(project_state(dotted, ANYONE))
    assert "mine" not in _round(project_state(dotted, FACILITATOR))


def test_a_voters_own_copy_of_a_dot_event_has_their_dots(dotted: Board) -> None:
    [event] = decide(dotted, Vote(round_id="r5", item="s3"), P2)
    after = apply(dotted, event)
    assert personal_to(event) == "p2"
    assert project_event(event, after, P2)["mine"] == {"s1": 1, "s3": 1}


def test_personal_to_is_none_for_other_events(dotted: Board) -> None:
    [event] = decide(dotted, UpdateBoard(title="x"), FACILITATOR)
    assert personal_to(event) is None


# --- open (not blind) rounds ------------------------------------------------------


def test_an_open_round_that_is_not_blind_shows_its_tally_live(collected: Board, run: Step) -> None:
    state = run(collected, SetStage(stage=Stage.THEME), FACILITATOR)
    state = run(state, OpenRound(items=("s1", "s2"), blind=False), FACILITATOR)
    state = run(state, Vote(round_id="r5", item="s2"), P2)
    assert _round(project_state(state, WALL))["tally"] == {"s1": {}, "s2": {"carer": 1}}


# --- people ---------------------------------------------------------------------


def test_only_the_facilitator_sees_who_has_joined(collected: Board) -> None:
    people = project_state(collected, FACILITATOR)["participants"]["people"]
    assert [p["id"] for p in people] == ["p1", "p2", "p3"]
    for viewer in (WALL, ANYONE, P1):
        shown = project_state(collected, viewer)["participants"]
        assert shown == {"count": 3, "by_group": {"patient": 1, "carer": 1, "professional": 1}}


def test_a_participant_is_told_who_they_are(collected: Board) -> None:
    assert project_state(collected, P2)["you"] == {"id": "p2", "name": "", "group": "carer"}
    assert "you" not in project_state(collected, WALL)


def test_a_join_event_names_the_person_only_to_the_facilitator(collected: Board, run: Step) -> None:
    [event] = decide(
        collected, JoinBoard(participant_id="p4", name="Ann", group=Group.OTHER), ANYONE
    )
    after = apply(collected, event)
    assert project_event(event, after, FACILITATOR)["participants"]["person"] == {
        "id": "p4",
        "name": "Ann",
        "group": "other",
    }
    assert "Ann" not in json.dumps(project_event(event, after, WALL))
    assert "Ann" not in json.dumps(project_event(event, after, ANYONE))


def test_projections_are_plain_json(dotted: Board) -> None:
    for viewer in VIEWERS.values():
        shown = project_state(dotted, viewer)
        assert json.loads(json.dumps(shown)) == shown
