"""The investment grid: ratings from phones, the room's median and spread, the final place."""

from __future__ import annotations

import pytest

from board import Actor, Board, BoardError, Command, Role, decide, project_event, project_state
from board.ideas import ShortlistIdeas
from board.invest import (
    GridViewShown,
    IdeaPlaced,
    IdeaRated,
    PlaceIdea,
    RateIdea,
    ShowGridView,
    group_view,
    quadrant_of,
)
from board.plan import AddAction, ordered_actions
from board.report import report
from board.room import JoinBoard
from board.values import Group, Placement, Quadrant
from tests.board.conftest import FACILITATOR, P1, WALL, Step, make, the


def person(n: int) -> Actor:
    return Actor(role=Role.PARTICIPANT, participant_id=f"p{n}")


def refused(state: Board, command: Command, actor: Actor = FACILITATOR) -> str:
    with pytest.raises(BoardError) as caught:
        decide(state, command, actor)
    return caught.value.code


def rated(state: Board, idea_id: str, scores: list[tuple[int, int]], run: Step) -> Board:
    """p1, p2, … rate `idea_id` (cost, benefit) in turn."""
    for n, (cost, benefit) in enumerate(scores, start=1):
        state = run(state, RateIdea(idea_id=idea_id, cost=cost, benefit=benefit), person(n))
    return state


@pytest.fixture
def crowd(planned: Board, run: Step) -> Board:
    """The planned board with p4–p6 (patients) too: six people who can rate."""
    state = planned
    for n in (4, 5, 6):
        state = run(state, JoinBoard(participant_id=f"p{n}", group=Group.PATIENT), FACILITATOR)
    return state


def test_a_rating_is_the_participants_own(planned: Board) -> None:
    online = the(planned, "Online booking")
    assert decide(planned, RateIdea(idea_id=online, cost=2, benefit=5), P1) == [
        IdeaRated(
            seq=planned.seq + 1,
            idea_id=online,
            participant_id="p1",
            rating=Placement(cost=2, benefit=5),
        )
    ]


def test_the_room_is_the_median_of_an_odd_number_of_ratings(crowd: Board, run: Step) -> None:
    online = the(crowd, "Online booking")
    state = rated(crowd, online, [(1, 5), (4, 2), (2, 4)], run)
    view = group_view(state, online)
    assert view is not None
    assert (view["raters"], view["cost"], view["benefit"]) == (3, 2, 4)


def test_an_even_number_of_ratings_can_have_a_half_way_median(crowd: Board, run: Step) -> None:
    online = the(crowd, "Online booking")
    state = rated(crowd, online, [(1, 5), (2, 4), (3, 1), (5, 2)], run)
    view = group_view(state, online)
    assert view is not None
    assert (view["raters"], view["cost"], view["benefit"]) == (4, 2.5, 3.0)


def test_the_spread_runs_from_the_lowest_to_the_highest_rating(crowd: Board, run: Step) -> None:
    online = the(crowd, "Online booking")
    state = rated(crowd, online, [(1, 5), (2, 4), (3, 1), (5, 2), (2, 2), (2, 3)], run)
    view = group_view(state, online)
    assert view is not None
    assert (view["cost_range"], view["benefit_range"]) == ([1, 5], [1, 5])
    assert (view["cost"], view["benefit"], view["quadrant"]) == (2, 2.5, "fill-in")


def test_agreement_has_no_spread(crowd: Board, run: Step) -> None:
    online = the(crowd, "Online booking")
    state = rated(crowd, online, [(2, 4), (2, 4), (2, 4)], run)
    view = group_view(state, online)
    assert view is not None
    assert (view["cost_range"], view["benefit_range"]) == ([2, 2], [4, 4])


def test_rating_again_replaces_your_rating(crowd: Board, run: Step) -> None:
    online = the(crowd, "Online booking")
    state = rated(crowd, online, [(5, 1), (1, 5), (1, 5)], run)
    state = run(state, RateIdea(idea_id=online, cost=1, benefit=5), person(1))
    view = group_view(state, online)
    assert view is not None
    assert (view["raters"], view["cost_range"], view["benefit_range"]) == (3, [1, 1], [5, 5])
    assert state.ratings[online]["p1"] == Placement(cost=1, benefit=5)


def test_an_idea_nobody_rated_has_no_room_view(planned: Board) -> None:
    online = the(planned, "Online booking")
    assert group_view(planned, online) is None


def test_ratings_of_one_idea_do_not_touch_another(crowd: Board, run: Step) -> None:
    online = the(crowd, "Online booking")
    phones = the(crowd, "More phone lines")
    state = rated(crowd, online, [(5, 5)], run)
    assert group_view(state, phones) is None


@pytest.mark.parametrize(
    ("cost", "benefit", "quadrant"),
    [
        (1, 5, Quadrant.QUICK_WIN),
        (5, 5, Quadrant.MAJOR_PROJECT),
        (1, 1, Quadrant.FILL_IN),
        (5, 1, Quadrant.THANKLESS_TASK),
        (3, 4, Quadrant.QUICK_WIN),
        (4, 3, Quadrant.THANKLESS_TASK),
        (3, 3, Quadrant.FILL_IN),
        (3.5, 3.5, Quadrant.MAJOR_PROJECT),
        (3, 3.5, Quadrant.QUICK_WIN),
    ],
)
def test_each_corner_of_the_grid_is_named(cost: float, benefit: float, quadrant: Quadrant) -> None:
    assert Placement(cost=cost, benefit=benefit).quadrant == quadrant


def test_quadrant_names_read_as_words() -> None:
    assert [q.value for q in Quadrant] == [
        "quick win",
        "major project",
        "fill-in",
        "thankless task",
    ]


@pytest.mark.parametrize("score", [0, 6])
def test_a_rating_off_the_grid_is_refused(score: int) -> None:
    with pytest.raises(ValueError):
        RateIdea(idea_id="i12", cost=score, benefit=3)


def test_only_shortlisted_ideas_can_be_rated(planned: Board, run: Step) -> None:
    online = the(planned, "Online booking")
    phones = the(planned, "More phone lines")
    state = run(planned, ShortlistIdeas(idea_ids=(phones,)), FACILITATOR)
    assert refused(state, RateIdea(idea_id=online, cost=2, benefit=2), P1) == "not_shortlisted"


def test_rating_an_unknown_idea_is_refused(planned: Board) -> None:
    assert refused(planned, RateIdea(idea_id="i99", cost=2, benefit=2), P1) == "unknown_idea"


def test_a_stranger_cannot_rate(planned: Board) -> None:
    online = the(planned, "Online booking")
    command = RateIdea(idea_id=online, cost=2, benefit=2)
    assert refused(planned, command, person(9)) == "unknown_participant"


def test_the_facilitator_places_an_idea(planned: Board) -> None:
    online = the(planned, "Online booking")
    assert decide(planned, PlaceIdea(idea_id=online, cost=4.5, benefit=2), FACILITATOR) == [
        IdeaPlaced(
            seq=planned.seq + 1,
            idea_id=online,
            placement=Placement(cost=4.5, benefit=2),
            previous_known=True,
        )
    ]


def test_placing_an_unknown_idea_is_refused(planned: Board) -> None:
    assert refused(planned, PlaceIdea(idea_id="i99", cost=2, benefit=2)) == "unknown_idea"


def test_without_a_final_place_an_idea_sits_where_the_room_put_it(crowd: Board, run: Step) -> None:
    online = the(crowd, "Online booking")
    state = rated(crowd, online, [(5, 1), (4, 2), (4, 1)], run)
    assert quadrant_of(state, online) is None  # the room has not been shown its view
    state = run(state, ShowGridView(), FACILITATOR)
    assert quadrant_of(state, online) == Quadrant.THANKLESS_TASK


def test_the_final_place_overrides_the_room(crowd: Board, run: Step) -> None:
    online = the(crowd, "Online booking")
    state = rated(crowd, online, [(5, 1), (4, 2), (4, 1)], run)
    state = run(state, ShowGridView(), FACILITATOR)
    state = run(state, PlaceIdea(idea_id=online, cost=1, benefit=5), FACILITATOR)
    assert quadrant_of(state, online) == Quadrant.QUICK_WIN


def test_the_final_place_overrides_the_room_for_the_action_order(crowd: Board, run: Step) -> None:
    # "Set up online booking" carries "Online booking"; "More lines" carries "More phone lines".
    # The room calls online booking thankless and more phone lines a major project.
    online = the(crowd, "Online booking")
    phones = the(crowd, "More phone lines")
    action = the(crowd, "Set up online booking")
    more_lines = AddAction(text="More lines", owner="ICB", idea_id=phones)
    state, more_lines_id = make(crowd, more_lines, FACILITATOR)
    state = rated(state, online, [(5, 1)] * 3, run)
    state = rated(state, phones, [(5, 5)] * 3, run)
    state = run(state, ShowGridView(), FACILITATOR)
    assert [a.id for a in ordered_actions(state)] == [more_lines_id, action]
    state = run(state, PlaceIdea(idea_id=online, cost=1, benefit=5), FACILITATOR)
    assert [a.id for a in ordered_actions(state)] == [action, more_lines_id]


def test_actions_go_quick_wins_first_then_by_due_date(planned: Board, run: Step) -> None:
    online = the(planned, "Online booking")
    phones = the(planned, "More phone lines")
    state = planned
    for text, due, idea in (
        ("No idea, soon", "2026-01-01", None),
        ("Quick, late", "2026-09-01", online),
        ("Major, soonest", "2025-12-01", phones),
        ("Quick, undated", "", online),
        ("Quick, early", "2026-02-01", online),
    ):
        state = run(state, AddAction(text=text, owner="ICB", due=due, idea_id=idea), FACILITATOR)
    state = run(state, PlaceIdea(idea_id=online, cost=2, benefit=5), FACILITATOR)
    state = run(state, PlaceIdea(idea_id=phones, cost=5, benefit=5), FACILITATOR)
    assert [a.text for a in ordered_actions(state)] == [
        "Quick, early",
        "Quick, late",
        "Set up online booking",  # undated too, and added first
        "Quick, undated",
        "Major, soonest",
        "No idea, soon",
    ]


def test_actions_made_earlier_come_first_when_all_else_is_equal(created: Board, run: Step) -> None:
    state = created
    for n in range(11):
        state = run(state, AddAction(text=f"Step {n}", owner="Team"), FACILITATOR)
    assert [a.text for a in ordered_actions(state)] == [f"Step {n}" for n in range(11)]


def test_only_a_shortlisted_idea_is_placed_on_the_grid(planned: Board, run: Step) -> None:
    from board.ideas import AddIdea

    state = run(planned, AddIdea(kind="different", text="A walking group"), FACILITATOR)
    idea = next(i for i in state.ideas.values() if i.text == "A walking group")
    assert refused(state, PlaceIdea(idea_id=idea.id, cost=2, benefit=4)) == "not_shortlisted"


# --- the room's view: shown by the facilitator, never of fewer than three -----------


def _rooms(state: Board, viewer: Actor) -> dict[str, object]:
    return {row["idea_id"]: row["room"] for row in project_state(state, viewer)["grid"]}


@pytest.mark.parametrize("raters", [1, 2])
def test_a_room_view_of_one_or_two_people_says_only_how_many(
    crowd: Board, run: Step, raters: int
) -> None:
    online = the(crowd, "Online booking")
    state = run(rated(crowd, online, [(1, 5)] * raters, run), ShowGridView(), FACILITATOR)
    expected = {"raters": raters, "shows_from": 3}
    assert group_view(state, online) == expected
    for viewer in (FACILITATOR, P1, WALL):
        assert _rooms(state, viewer)[online] == expected
    [idea] = [i for i in report(state)["ideas"] if i["id"] == online]
    assert (idea["room"], idea["quadrant"]) == (expected, None)
    assert quadrant_of(state, online) is None


def test_the_room_view_is_the_facilitators_until_they_show_it(crowd: Board, run: Step) -> None:
    online = the(crowd, "Online booking")
    state = rated(crowd, online, [(1, 5), (2, 4), (1, 4)], run)
    assert _rooms(state, FACILITATOR)[online] == group_view(state, online)
    hidden = {"raters": 3, "hidden": True}
    for viewer in (P1, person(5), WALL):
        assert _rooms(state, viewer)[online] == hidden
    [idea] = [i for i in report(state)["ideas"] if i["id"] == online]
    assert (idea["room"], idea["quadrant"]) == (hidden, None)
    # A rating afterwards tells the others no more than the count.
    after = run(state, RateIdea(idea_id=online, cost=5, benefit=1), person(4))
    rating = IdeaRated(
        seq=after.seq, idea_id=online, participant_id="p4", rating=Placement(cost=5, benefit=1)
    )
    assert project_event(rating, after, P1)["row"]["room"] == {"raters": 4, "hidden": True}


def test_showing_the_room_view_sends_every_row_to_everyone(crowd: Board, run: Step) -> None:
    online = the(crowd, "Online booking")
    state = rated(crowd, online, [(1, 5), (2, 4), (1, 4)], run)
    [shown] = decide(state, ShowGridView(), FACILITATOR)
    assert shown == GridViewShown(seq=state.seq + 1, shown=True)
    after = run(state, ShowGridView(), FACILITATOR)
    for viewer in (P1, WALL):
        frame = project_event(shown, after, viewer)
        assert frame["shown"] is True
        [row] = [r for r in frame["grid"] if r["idea_id"] == online]
        assert row["room"] == group_view(after, online)
        assert project_state(after, viewer)["grid_view_shown"] is True
    assert quadrant_of(after, online) == Quadrant.QUICK_WIN
    hidden_again = run(after, ShowGridView(shown=False), FACILITATOR)
    assert _rooms(hidden_again, WALL)[online] == {"raters": 3, "hidden": True}


@pytest.mark.parametrize("shown", [True, False])
def test_showing_what_is_already_shown_is_refused(crowd: Board, run: Step, shown: bool) -> None:
    state = crowd if not shown else run(crowd, ShowGridView(), FACILITATOR)
    assert refused(state, ShowGridView(shown=shown)) == "nothing_to_change"


def test_only_a_facilitator_shows_the_room_view(crowd: Board) -> None:
    assert refused(crowd, ShowGridView(), P1) == "not_allowed"
    assert refused(crowd, ShowGridView(), WALL) == "not_allowed"
