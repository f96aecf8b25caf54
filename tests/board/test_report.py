"""The data behind the commissioners' report."""

from __future__ import annotations

import pytest

from board import Actor, Board, Role
from board.invest import PlaceIdea
from board.plan import AddAction
from board.report import report
from board.room import JoinBoard, SetStage
from board.statements import AddStatements
from board.theming import CreateTheme, MoveStatement
from board.values import Category, Group, NewStatement, Stage
from board.voting import CarryForward, CloseRound, OpenRound, RevealRound, Vote
from tests.board.conftest import Step, the

FACILITATOR = Actor(role=Role.FACILITATOR)


@pytest.fixture
def workshop(collected: Board, run: Step) -> Board:
    """Themes A (s1, s2) and B (s3), s4 unthemed; six voters, 6 dots each way, revealed."""
    card1 = the(collected, "Statement 1")
    card2 = the(collected, "Statement 2")
    card3 = the(collected, "Statement 3")
    extra = NewStatement(
        category=Category.FUTURE, text="Kept, not prioritised", review="R9", priority=3
    )
    state = run(collected, AddStatements(statements=(extra,)), FACILITATOR)
    for n, group in ((4, Group.PATIENT), (5, Group.PROFESSIONAL), (6, Group.PROFESSIONAL)):
        state = run(state, JoinBoard(participant_id=f"p{n}", group=group), FACILITATOR)
    state = run(state, SetStage(stage=Stage.THEME), FACILITATOR)
    for title in ("A", "B"):
        state = run(state, CreateTheme(category=Category.NOT_WORKING, title=title), FACILITATOR)
    a, b = list(state.themes)
    for card, theme in ((card1, a), (card2, a), (card3, b)):
        state = run(state, MoveStatement(statement_id=card, theme_id=theme), FACILITATOR)
    state = run(state, SetStage(stage=Stage.PRIORITISE), FACILITATOR)
    state = run(state, OpenRound(items=(a, b), dots_per_person=2, max_per_item=2), FACILITATOR)
    assert state.open_round is not None
    round_id = state.open_round.id
    for n in range(1, 7):
        voter = Actor(role=Role.PARTICIPANT, participant_id=f"p{n}")
        state = run(state, Vote(round_id=round_id, item=a if n <= 3 else b), voter)
        state = run(state, Vote(round_id=round_id, item=a if n <= 3 else b), voter)
    state = run(state, CloseRound(round_id=round_id), FACILITATOR)
    return run(state, RevealRound(round_id=round_id), FACILITATOR)


def test_equal_dots_share_a_rank_and_are_marked_tied(workshop: Board) -> None:
    [found] = report(workshop)["rounds"]
    assert [(i["total"], i["rank"], i["tied"]) for i in found["items"]] == [
        (6, 1, True),
        (6, 1, True),
    ]


def test_votes_are_split_by_group(workshop: Board) -> None:
    themes = {t["title"]: t for t in report(workshop)["themes"]}
    assert themes["A"]["votes"] == {
        "total": 6,
        "by_group": {"patients and carers": 4, "professionals": 2},
    }
    assert themes["B"]["votes"] == {
        "total": 6,
        "by_group": {"patients and carers": 2, "professionals": 4},
    }


def test_carried_themes_lead_the_summary_in_the_chosen_order(workshop: Board, run: Step) -> None:
    a, b = list(workshop.themes)
    state = run(workshop, CarryForward(items=(b, a)), FACILITATOR)
    assert [t["title"] for t in report(state)["top_themes"]] == ["B", "A"]


def test_statements_not_taken_forward_are_all_kept(workshop: Board, run: Step) -> None:
    a, _ = list(workshop.themes)
    state = run(workshop, CarryForward(items=(a,)), FACILITATOR)
    left = {s["text"] for s in report(state)["not_taken_forward"]}
    assert left == {"Statement 3", "Statement 4", "Kept, not prioritised"}


def test_a_vote_not_yet_revealed_stays_out_of_the_report(collected: Board, run: Step) -> None:
    card1 = the(collected, "Statement 1")
    state = run(collected, SetStage(stage=Stage.PRIORITISE), FACILITATOR)
    state = run(state, OpenRound(items=(card1,)), FACILITATOR)
    assert state.open_round is not None
    state = run(
        state,
        Vote(round_id=state.open_round.id, item=card1),
        Actor(role=Role.PARTICIPANT, participant_id="p1"),
    )
    state = run(state, CloseRound(round_id=state.open_round.id), FACILITATOR)  # type: ignore[union-attr]
    assert report(state)["rounds"] == []


def test_participation_is_counted_by_group(workshop: Board) -> None:
    assert report(workshop)["participation"] == {
        "joined": 6,
        "by_group": {"patient": 2, "carer": 1, "professional": 3},
    }


# The second day in the report.


@pytest.fixture
def second_day(planned: Board, run: Step) -> Board:
    """The planned board with a second action "More lines" on "More phone lines"; "Online
    booking" placed a quick win, "More phone lines" a fill-in."""
    online = the(planned, "Online booking")
    phones = the(planned, "More phone lines")
    state = run(planned, AddAction(text="More lines", owner="ICB", idea_id=phones), FACILITATOR)
    state = run(state, PlaceIdea(idea_id=online, cost=1, benefit=5), FACILITATOR)
    return run(state, PlaceIdea(idea_id=phones, cost=2, benefit=2), FACILITATOR)


def test_root_causes_are_reported_as_a_tree_per_theme(second_day: Board) -> None:
    appointments = the(second_day, "Appointments")
    staff = the(second_day, "Staff")
    receptionists = the(second_day, "Too few receptionists")
    funding = the(second_day, "The funding was cut")
    staff_change = the(second_day, "Staff change often")
    assert report(second_day)["root_causes"] == [
        {
            "theme_id": appointments,
            "theme": "Appointments",
            "why": [
                {
                    "id": receptionists,
                    "text": "Too few receptionists",
                    "chosen": False,
                    "successes": [],
                    "why": [
                        {
                            "id": funding,
                            "text": "The funding was cut",
                            "chosen": True,
                            "successes": [
                                {"perspective": "person", "text": "I get through first time"}
                            ],
                            "why": [],
                        }
                    ],
                }
            ],
        },
        {
            "theme_id": staff,
            "theme": "Staff",
            "why": [
                {
                    "id": staff_change,
                    "text": "Staff change often",
                    "chosen": False,
                    "successes": [],
                    "why": [],
                }
            ],
        },
    ]


def test_quick_wins_are_listed_apart_and_first(second_day: Board) -> None:
    action = the(second_day, "Set up online booking")
    data = report(second_day)
    assert [(a["id"], a["quadrant"]) for a in data["actions"]] == [
        (action, "quick win"),
        (the(second_day, "More lines"), "fill-in"),
    ]
    assert [a["id"] for a in data["quick_wins"]] == [action]


def test_each_reported_action_carries_its_trail(second_day: Board) -> None:
    first = report(second_day)["actions"][0]
    assert (first["idea"], first["trail"]["themes"][0]["title"]) == (
        "Online booking",
        "Appointments",
    )


def test_reported_ideas_say_what_they_serve_and_where_they_sit(second_day: Board) -> None:
    online = the(second_day, "Online booking")
    ideas = {i["id"]: i for i in report(second_day)["ideas"]}
    assert (ideas[online]["serves"], ideas[online]["quadrant"], ideas[online]["room"]) == (
        ["I get through first time"],
        "quick win",
        None,
    )


def test_the_report_names_nobody_on_day_two(second_day: Board) -> None:
    text = repr(
        {
            k: v
            for k, v in report(second_day).items()
            if k in ("root_causes", "ideas", "actions", "feedback")
        }
    )
    assert "'p1'" not in text and "author" not in text


def test_a_closed_live_vote_is_in_the_report_with_what_the_room_saw(
    collected: Board, run: Step
) -> None:
    from board.room import SetStage
    from board.values import Stage
    from board.voting import CloseRound, OpenRound, RevealRound, Vote
    from tests.board.conftest import FACILITATOR, P1, P2, the

    state = run(collected, SetStage(stage=Stage.PRIORITISE), FACILITATOR)
    items = (the(state, "Statement 1"), the(state, "Statement 2"))
    state = run(state, OpenRound(title="Live one", items=items, blind=False), FACILITATOR)
    round_id = the(state, "Live one")
    state = run(state, Vote(round_id=round_id, item=items[0]), P1)
    state = run(state, Vote(round_id=round_id, item=items[0]), P2)
    assert report(state)["rounds"] == []  # still open: not over yet
    state = run(state, CloseRound(round_id=round_id), FACILITATOR)
    [live] = report(state)["rounds"]
    assert (live["title"], live["blind"], live["voters"]) == ("Live one", False, 2)
    assert [(i["label"], i["total"], i["by_group"]) for i in live["items"]] == [
        ("Statement 1", 2, {}),  # the room watched the totals; the split comes with a reveal
        ("Statement 2", 0, {}),
    ]
    revealed = run(state, RevealRound(round_id=round_id), FACILITATOR)
    [shown] = report(revealed)["rounds"]
    assert shown["items"][0]["by_group"] == {"other groups": 2}
