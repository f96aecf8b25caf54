from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from board import (
    Actor,
    Board,
    Command,
    Event,
    Role,
    Stage,
    apply,
    by_group,
    decide,
    personal_to,
    project_event,
    project_state,
    totals,
)
from board.room import JoinBoard, SetStage, UpdateBoard
from board.statements import AddStatements, RevealCards, SetCardVisibility, WriteStatement
from board.tally import POOLED
from board.theming import CreateTheme, DeleteTheme, MergeThemes, MoveStatement
from board.values import Category, Group, NewStatement
from board.voting import CloseRound, OpenRound, RevealRound, Vote
from tests.board.conftest import make, strings, the

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
    """The "Dot vote" with p1 (patient) 2 on Statement 1 + 1 on Statement 2, p2 (carer) 1 on
    Statement 1, p3 (professional) 1 on Statement 3."""
    card1 = the(voting, "Statement 1")
    card2 = the(voting, "Statement 2")
    card3 = the(voting, "Statement 3")
    vote = the(voting, "Dot vote")
    state = voting
    for actor, item in ((P1, card1), (P1, card1), (P1, card2), (P2, card1), (P3, card3)):
        state = run(state, Vote(round_id=vote, item=item), actor)
    return state


def _round(shown: dict[str, object]) -> dict[str, object]:
    rounds = shown["rounds"]
    assert isinstance(rounds, list)
    return dict(rounds[0])


def _revealed(state: Board, run: Step, round_id: str | None = None) -> Board:
    round_id = round_id or the(state, "Dot vote")
    state = run(state, CloseRound(round_id=round_id), FACILITATOR)
    return run(state, RevealRound(round_id=round_id), FACILITATOR)


# --- totals and by_group ----------------------------------------------------------


def test_totals_count_dots_per_item_and_list_every_item(dotted: Board) -> None:
    card1 = the(dotted, "Statement 1")
    card2 = the(dotted, "Statement 2")
    card3 = the(dotted, "Statement 3")
    vote = the(dotted, "Dot vote")
    assert totals(dotted.rounds[vote]) == {card1: 3, card2: 1, card3: 1}


def test_totals_of_an_empty_round_are_zero(voting: Board) -> None:
    card1 = the(voting, "Statement 1")
    card2 = the(voting, "Statement 2")
    card3 = the(voting, "Statement 3")
    vote = the(voting, "Dot vote")
    assert totals(voting.rounds[vote]) == {card1: 0, card2: 0, card3: 0}


def test_by_group_of_an_empty_round_has_empty_items(voting: Board) -> None:
    card1 = the(voting, "Statement 1")
    card2 = the(voting, "Statement 2")
    card3 = the(voting, "Statement 3")
    vote = the(voting, "Dot vote")
    assert by_group(voting, voting.rounds[vote]) == {card1: {}, card2: {}, card3: {}}


def test_by_group_pools_three_voters_from_small_groups(dotted: Board) -> None:
    # Two patients and carers and one professional: neither group may stand alone.
    card1 = the(dotted, "Statement 1")
    card2 = the(dotted, "Statement 2")
    card3 = the(dotted, "Statement 3")
    vote = the(dotted, "Dot vote")
    assert by_group(dotted, dotted.rounds[vote]) == {
        card1: {POOLED: 3},
        card2: {POOLED: 1},
        card3: {POOLED: 1},
    }


# --- blind rounds ---------------------------------------------------------------


@pytest.mark.parametrize("viewer", VIEWERS.values(), ids=VIEWERS.keys())
def test_an_open_blind_round_shows_progress_but_no_counts(dotted: Board, viewer: Actor) -> None:
    shown = _round(project_state(dotted, viewer))
    assert "totals" not in shown
    assert "by_group" not in shown
    assert (shown["voters"], shown["dots_cast"], shown["status"]) == (3, 5, "open")


@pytest.mark.parametrize("viewer", VIEWERS.values(), ids=VIEWERS.keys())
def test_a_closed_blind_round_still_hides_its_counts(
    dotted: Board, run: Step, viewer: Actor
) -> None:
    vote = the(dotted, "Dot vote")
    state = run(dotted, CloseRound(round_id=vote), FACILITATOR)
    shown = _round(project_state(state, viewer))
    assert "totals" not in shown
    assert "by_group" not in shown


@pytest.mark.parametrize("viewer", VIEWERS.values(), ids=VIEWERS.keys())
def test_a_revealed_round_shows_its_counts_to_everyone(
    dotted: Board, run: Step, viewer: Actor
) -> None:
    card1 = the(dotted, "Statement 1")
    card2 = the(dotted, "Statement 2")
    card3 = the(dotted, "Statement 3")
    vote = the(dotted, "Dot vote")
    state = _revealed(dotted, run)
    shown = _round(project_state(state, viewer))
    assert shown["totals"] == {card1: 3, card2: 1, card3: 1}
    assert shown["by_group"] == by_group(state, state.rounds[vote])


def test_the_reveal_event_carries_the_counts(dotted: Board, run: Step) -> None:
    card1 = the(dotted, "Statement 1")
    vote = the(dotted, "Dot vote")
    state = run(dotted, CloseRound(round_id=vote), FACILITATOR)
    [event] = decide(state, RevealRound(round_id=vote), FACILITATOR)
    after = apply(state, event)
    shown = project_event(event, after, WALL)
    assert shown["round"]["totals"][card1] == 3
    assert shown["round"]["by_group"][card1] == {POOLED: 3}


def test_a_dot_event_in_a_blind_round_shows_only_progress(dotted: Board) -> None:
    card2 = the(dotted, "Statement 2")
    vote = the(dotted, "Dot vote")
    [event] = decide(dotted, Vote(round_id=vote, item=card2), P2)
    after = apply(dotted, event)
    assert project_event(event, after, ANYONE) == {
        "seq": event.seq,
        "type": "dot_placed",
        "round_id": vote,
        "voters": 3,
        "dots_cast": 6,
    }


def test_a_voter_sees_only_their_own_dots(dotted: Board) -> None:
    card1 = the(dotted, "Statement 1")
    card2 = the(dotted, "Statement 2")
    card3 = the(dotted, "Statement 3")
    assert _round(project_state(dotted, P1))["mine"] == {card1: 2, card2: 1}
    assert _round(project_state(dotted, P3))["mine"] == {card3: 1}
    assert "mine" not in _round(project_state(dotted, ANYONE))
    assert "mine" not in _round(project_state(dotted, FACILITATOR))


def test_a_voters_own_copy_of_a_dot_event_has_their_dots(dotted: Board) -> None:
    card1 = the(dotted, "Statement 1")
    card3 = the(dotted, "Statement 3")
    vote = the(dotted, "Dot vote")
    [event] = decide(dotted, Vote(round_id=vote, item=card3), P2)
    after = apply(dotted, event)
    assert personal_to(event, after) == "p2"
    assert project_event(event, after, P2)["mine"] == {card1: 1, card3: 1}


def test_personal_to_is_none_for_other_events(dotted: Board) -> None:
    [event] = decide(dotted, UpdateBoard(title="x"), FACILITATOR)
    assert personal_to(event, apply(dotted, event)) is None


# --- open (not blind) rounds ------------------------------------------------------


def test_an_open_round_that_is_not_blind_shows_totals_live(collected: Board, run: Step) -> None:
    card1 = the(collected, "Statement 1")
    card2 = the(collected, "Statement 2")
    state = run(collected, SetStage(stage=Stage.THEME), FACILITATOR)
    state, vote = make(state, OpenRound(items=(card1, card2), blind=False), FACILITATOR)
    state = run(state, Vote(round_id=vote, item=card2), P2)
    assert _round(project_state(state, WALL))["totals"] == {card1: 0, card2: 1}


def test_a_live_round_keeps_its_split_by_group_until_reveal(collected: Board, run: Step) -> None:
    card1 = the(collected, "Statement 1")
    card2 = the(collected, "Statement 2")
    state = run(collected, SetStage(stage=Stage.THEME), FACILITATOR)
    state, vote = make(state, OpenRound(items=(card1, card2), blind=False), FACILITATOR)
    state = run(state, Vote(round_id=vote, item=card2), P2)
    for viewer in VIEWERS.values():
        assert "by_group" not in _round(project_state(state, viewer))
    closed = run(state, CloseRound(round_id=vote), FACILITATOR)
    assert "by_group" not in _round(project_state(closed, WALL))


def test_a_live_dot_event_carries_totals_but_no_split(collected: Board, run: Step) -> None:
    card1 = the(collected, "Statement 1")
    card2 = the(collected, "Statement 2")
    state = run(collected, SetStage(stage=Stage.THEME), FACILITATOR)
    state, vote = make(state, OpenRound(items=(card1, card2), blind=False), FACILITATOR)
    [event] = decide(state, Vote(round_id=vote, item=card1), P1)
    shown = project_event(event, apply(state, event), WALL)
    assert (shown["totals"], "by_group" in shown) == ({card1: 1, card2: 0}, False)


# --- the split by group never singles anyone out -----------------------------------


def _room(created: Board, run: Step, groups: list[Group]) -> Board:
    """People v1, v2… of `groups`, each putting one dot on "Appointments", in a revealed round."""
    new = NewStatement(category=Category.NOT_WORKING, text="Appointments")
    state = run(
        created,
        AddStatements(statements=(new, new.model_copy(update={"text": "Waiting"}))),
        FACILITATOR,
    )
    state = run(state, SetStage(stage=Stage.PRIORITISE), FACILITATOR)
    appointments, waiting = the(state, "Appointments"), the(state, "Waiting")
    state, vote = make(state, OpenRound(items=(appointments, waiting)), FACILITATOR)
    for n, group in enumerate(groups, start=1):
        pid = f"v{n}"
        state = run(state, JoinBoard(participant_id=pid, group=group), FACILITATOR)
        state = run(
            state,
            Vote(round_id=vote, item=appointments),
            Actor(role=Role.PARTICIPANT, participant_id=pid),
        )
    return _revealed(state, run, vote)


def _split(state: Board) -> dict[str, int]:
    shown = _round(project_state(state, WALL))["by_group"]
    assert isinstance(shown, dict)
    return dict(shown[the(state, "Appointments")])


def test_one_commissioner_among_patients_is_never_shown_alone(created: Board, run: Step) -> None:
    state = _room(created, run, [Group.COMMISSIONER] + [Group.PATIENT] * 5)
    split = _split(state)
    assert "commissioners" not in split
    # Showing the patients alone would leave the commissioner as totals minus patients.
    assert split == {POOLED: 6}


def test_two_groups_of_three_are_both_shown(created: Board, run: Step) -> None:
    state = _room(created, run, [Group.PROFESSIONAL] * 3 + [Group.PATIENT] * 3)
    assert _split(state) == {"professionals": 3, "patients and carers": 3}


def test_patients_and_carers_count_as_one_group(created: Board, run: Step) -> None:
    state = _room(
        created, run, [Group.PATIENT, Group.CARER, Group.CARER] + [Group.PROFESSIONAL] * 3
    )
    assert _split(state) == {"patients and carers": 3, "professionals": 3}


def test_small_groups_pool_into_other_groups(created: Board, run: Step) -> None:
    groups = [Group.COMMISSIONER] * 2 + [Group.THIRD_SECTOR] + [Group.PATIENT] * 4
    assert _split(_room(created, run, groups)) == {"patients and carers": 4, POOLED: 3}


def test_a_lone_voter_is_pooled_with_the_smallest_shown_group(created: Board, run: Step) -> None:
    groups = [Group.COMMISSIONER] + [Group.PATIENT] * 3 + [Group.PROFESSIONAL] * 3
    split = _split(_room(created, run, groups))
    assert "commissioners" not in split
    assert split[POOLED] == 4
    assert len(split) == 2
    assert min(split.values()) >= 3
    # Patients stay visible: the lone commissioner goes in with the professionals.
    assert split["patients and carers"] == 3


def test_totals_always_equal_the_sum_of_by_group(created: Board, run: Step) -> None:
    groups = [Group.COMMISSIONER] + [Group.PATIENT] * 4 + [Group.PROFESSIONAL] * 3
    state = _room(created, run, groups)
    state_shown = _round(project_state(state, WALL))
    split = state_shown["by_group"]
    assert isinstance(split, dict)
    assert {item: sum(groups.values()) for item, groups in split.items()} == state_shown["totals"]


# --- a reminder to use every dot -----------------------------------------------------


def test_remind_unused_reaches_every_screen(collected: Board, run: Step) -> None:
    card1 = the(collected, "Statement 1")
    card2 = the(collected, "Statement 2")
    state = run(collected, SetStage(stage=Stage.PRIORITISE), FACILITATOR)
    state = run(state, OpenRound(items=(card1, card2), remind_unused=True), FACILITATOR)
    for viewer in VIEWERS.values():
        assert _round(project_state(state, viewer))["remind_unused"] is True


def test_remind_unused_is_off_unless_chosen(voting: Board) -> None:
    assert _round(project_state(voting, P1))["remind_unused"] is False


# --- hidden cards -------------------------------------------------------------------

SECRET = "My carer is never asked how she copes"


def _hidden_card_log(collected: Board) -> tuple[list[tuple[Event, Board]], Board]:
    """p2 writes a hidden card (SECRET) that is themed, merged, released, then revealed."""
    steps: list[tuple[Callable[[Board], Command], Actor]] = [
        (lambda _: SetCardVisibility(hide_new=True), FACILITATOR),
        (lambda _: SetStage(stage=Stage.COLLECT), FACILITATOR),
        (lambda _: WriteStatement(category=Category.NOT_WORKING, text=SECRET), P2),
        (lambda _: SetStage(stage=Stage.THEME), FACILITATOR),
        (lambda _: CreateTheme(category=Category.NOT_WORKING, title="Carers"), FACILITATOR),
        (lambda _: CreateTheme(category=Category.NOT_WORKING, title="Support"), FACILITATOR),
        (
            lambda b: MoveStatement(statement_id=the(b, SECRET), theme_id=the(b, "Carers")),
            FACILITATOR,
        ),
        (
            lambda b: MoveStatement(statement_id=the(b, "Statement 1"), theme_id=the(b, "Carers")),
            FACILITATOR,
        ),
        (lambda b: MergeThemes(theme_id=the(b, "Carers"), into_id=the(b, "Support")), FACILITATOR),
        (lambda b: DeleteTheme(theme_id=the(b, "Support")), FACILITATOR),
    ]
    state = collected
    log: list[tuple[Event, Board]] = []
    for command, actor in steps:
        for event in decide(state, command(state), actor):
            state = apply(state, event)
            log.append((event, state))
    return log, state


OTHERS = {"wall": WALL, "anyone": ANYONE, "p1": P1, "p3": P3}


@pytest.mark.parametrize("viewer", OTHERS.values(), ids=OTHERS.keys())
def test_a_hidden_card_is_in_no_event_anyone_else_gets(collected: Board, viewer: Actor) -> None:
    log, state = _hidden_card_log(collected)
    secret = the(state, SECRET)
    for event, after in log:
        seen = set(strings(project_event(event, after, viewer)))
        assert SECRET not in seen, event
        assert secret not in seen, event


@pytest.mark.parametrize("viewer", OTHERS.values(), ids=OTHERS.keys())
def test_a_hidden_card_is_in_no_state_anyone_else_gets(collected: Board, viewer: Actor) -> None:
    log, state = _hidden_card_log(collected)
    secret = the(state, SECRET)
    for _, after in log:
        seen = set(strings(project_state(after, viewer)))
        assert not {SECRET, secret} & seen


def test_the_author_and_facilitator_see_the_hidden_card(collected: Board) -> None:
    _, state = _hidden_card_log(collected)
    secret = the(state, SECRET)
    [mine] = [s for s in project_state(state, P2)["statements"] if s["id"] == secret]
    # The author is told their card is hidden, so their phone can say who sees it.
    assert (mine["text"], mine["mine"], mine["hidden"], "author" in mine) == (
        SECRET,
        True,
        True,
        False,
    )
    [theirs] = [s for s in project_state(state, FACILITATOR)["statements"] if s["id"] == secret]
    assert (theirs["hidden"], "author" in theirs) == (True, False)


def test_the_author_gets_their_own_copy_of_a_hidden_card(collected: Board) -> None:
    log, _ = _hidden_card_log(collected)
    [(event, after)] = [(e, a) for e, a in log if e.type == "statements_added"]
    assert personal_to(event, after) == "p2"
    assert [s["text"] for s in project_event(event, after, P2)["statements"]] == [SECRET]


def test_a_moved_hidden_card_reaches_the_facilitator(collected: Board) -> None:
    log, state = _hidden_card_log(collected)
    [first, _] = [project_event(e, a, FACILITATOR) for e, a in log if e.type == "statement_moved"]
    assert (first["type"], first["statement_id"]) == ("statement_moved", the(state, SECRET))


def test_revealing_cards_shows_them_to_everyone(collected: Board, run: Step) -> None:
    _, state = _hidden_card_log(collected)
    [event] = decide(state, RevealCards(), FACILITATOR)
    after = apply(state, event)
    for viewer in OTHERS.values():
        assert [s["text"] for s in project_event(event, after, viewer)["statements"]] == [SECRET]
        assert SECRET in set(strings(project_state(after, viewer)))


# --- people ---------------------------------------------------------------------


def test_only_the_facilitator_sees_who_has_joined(collected: Board) -> None:
    people = project_state(collected, FACILITATOR)["participants"]["people"]
    assert [p["id"] for p in people] == ["p1", "p2", "p3"]
    for viewer in (WALL, ANYONE, P1):
        shown = project_state(collected, viewer)["participants"]
        assert shown == {
            "count": 3,
            "by_group": {"patient": 1, "carer": 1, "professional": 1},
            "no_device": 0,
        }


def test_a_participant_is_told_who_they_are(collected: Board) -> None:
    you = project_state(collected, P2)["you"]
    assert you == {"id": "p2", "name": "", "group": "carer", "no_device": False}
    assert "you" not in project_state(collected, WALL)


def test_a_join_event_names_the_person_only_to_the_facilitator(collected: Board) -> None:
    [event] = decide(
        collected, JoinBoard(participant_id="p4", name="Ann", group=Group.OTHER), ANYONE
    )
    after = apply(collected, event)
    assert project_event(event, after, FACILITATOR)["participants"]["person"] == {
        "id": "p4",
        "name": "Ann",
        "group": "other",
        "no_device": False,
    }
    assert "Ann" not in json.dumps(project_event(event, after, WALL))
    assert "Ann" not in json.dumps(project_event(event, after, ANYONE))


def test_projections_are_plain_json(dotted: Board) -> None:
    for viewer in VIEWERS.values():
        shown = project_state(dotted, viewer)
        assert json.loads(json.dumps(shown)) == shown
