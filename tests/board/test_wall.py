"""The wall, steered from the console: one thing on it, back to the stage, its pages."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from board import (
    Actor,
    Board,
    BoardError,
    Command,
    Role,
    apply,
    decide,
    project_event,
    project_state,
)
from board.room import SetStage
from board.theming import CreateTheme
from board.values import Category, Stage, WallShow
from board.voting import RevealRound
from board.wall import PageWall, ShowOnWall, WallPaged, WallShown

FACILITATOR = Actor(role=Role.FACILITATOR)
WALL = Actor(role=Role.WALL)
P1 = Actor(role=Role.PARTICIPANT, participant_id="p1")


def step(state: Board, command: Command, actor: Actor = FACILITATOR) -> Board:
    for event in decide(state, command, actor, 0):
        state = apply(state, event)
    return state


def refused(state: Board, command: Command, actor: Actor = FACILITATOR) -> BoardError:
    with pytest.raises(BoardError) as caught:
        decide(state, command, actor, 0)
    return caught.value


@pytest.fixture
def themed(collected: Board) -> Board:
    state = step(collected, SetStage(stage=Stage.THEME))
    return step(state, CreateTheme(category=Category.NOT_WORKING, title="Appointments"))


def theme_id(state: Board) -> str:
    return next(iter(state.themes))


def test_a_facilitator_puts_one_theme_on_the_wall_and_goes_back_to_the_stage(
    themed: Board,
) -> None:
    show = WallShow(kind="theme", id=theme_id(themed))
    [event] = decide(themed, ShowOnWall(show=show), FACILITATOR, 0)
    assert event == WallShown(seq=themed.seq + 1, show=show)
    shown = apply(themed, event)
    assert shown.wall_show == show
    wall = {"show": {"kind": "theme", "id": theme_id(themed)}, "held": False}
    assert project_state(shown, WALL)["wall"] == wall
    assert project_event(event, shown, WALL) == {
        "seq": event.seq,
        "type": "wall_shown",
        "wall": wall,
    }
    following = step(shown, ShowOnWall(show=None))
    assert following.wall_show is None
    assert project_state(following, WALL)["wall"] == {"show": None, "held": False}


def test_moving_stage_has_the_wall_follow_the_stage_again(themed: Board) -> None:
    state = step(themed, ShowOnWall(show=WallShow(kind="join")))
    state = step(state, PageWall(action="hold"))
    state = step(state, SetStage(stage=Stage.PRIORITISE))
    assert (state.wall_show, state.wall_held) == (None, False)


def test_every_kind_of_thing_can_go_on_the_wall(voting: Board) -> None:
    state = step(voting, CreateTheme(category=Category.NOT_WORKING, title="Appointments"))
    round_id = next(iter(state.rounds))
    for show in [
        WallShow(kind="round", id=round_id),
        WallShow(kind="causes", id=theme_id(state)),
        WallShow(kind="grid"),
        WallShow(kind="join"),
        WallShow(kind="theme", id=theme_id(state)),
    ]:
        state = step(state, ShowOnWall(show=show))
        assert state.wall_show == show


def test_showing_a_blind_vote_sends_the_wall_nothing_of_its_tallies(voting: Board) -> None:
    round_id = next(iter(voting.rounds))
    state = voting
    for events in [
        decide(state, ShowOnWall(show=WallShow(kind="round", id=round_id)), FACILITATOR, 0)
    ]:
        for event in events:
            state = apply(state, event)
            assert set(project_event(event, state, WALL)) == {"seq", "type", "wall"}
    shown_round = next(r for r in project_state(state, WALL)["rounds"] if r["id"] == round_id)
    assert "tally" not in shown_round and "totals" not in shown_round
    assert "by_group" not in shown_round


def test_what_the_board_does_not_have_cannot_go_on_the_wall(voting: Board) -> None:
    assert refused(voting, ShowOnWall(show=WallShow(kind="theme", id="nope"))).code == (
        "unknown_theme"
    )
    assert refused(voting, ShowOnWall(show=WallShow(kind="causes", id="nope"))).code == (
        "unknown_theme"
    )
    assert refused(voting, ShowOnWall(show=WallShow(kind="round", id="nope"))).code == (
        "unknown_round"
    )


def test_showing_what_is_already_shown_is_refused_and_changes_nothing(themed: Board) -> None:
    assert refused(themed, ShowOnWall(show=None)).code == "already_on_wall"
    state = step(themed, ShowOnWall(show=WallShow(kind="grid")))
    assert refused(state, ShowOnWall(show=WallShow(kind="grid"))).code == "already_on_wall"


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "theme"},
        {"kind": "round"},
        {"kind": "causes"},
        {"kind": "grid", "id": "t1"},
        {"kind": "join", "id": "t1"},
        {"kind": "statement", "id": "s1"},
        {"kind": "theme", "id": "not an id!"},
        {"kind": "grid", "extra": True},
    ],
)
def test_a_wrong_target_is_refused_by_the_parser(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ShowOnWall.model_validate({"type": "show_on_wall", "show": fields})


def test_only_a_facilitator_steers_the_wall(themed: Board) -> None:
    for actor in (WALL, P1):
        assert refused(themed, ShowOnWall(show=WallShow(kind="grid")), actor).code == "not_allowed"
        assert refused(themed, PageWall(action="next"), actor).code == "not_allowed"


def test_holding_stepping_and_resuming_the_pages(themed: Board) -> None:
    [event] = decide(themed, PageWall(action="next"), FACILITATOR, 0)
    assert event == WallPaged(seq=themed.seq + 1, action="next")
    state = apply(themed, event)
    # Turning a page by hand holds it there.
    assert state.wall_held
    assert project_event(event, state, WALL) == {
        "seq": event.seq, "type": "wall_paged", "action": "next",
        "wall": {"show": None, "held": True},
    }  # fmt: skip
    assert refused(state, PageWall(action="hold")).code == "already_held"
    state = step(state, PageWall(action="previous"))
    state = step(state, PageWall(action="resume"))
    assert not state.wall_held
    assert refused(state, PageWall(action="resume")).code == "not_held"
    state = step(state, PageWall(action="hold"))
    assert state.wall_held
    with pytest.raises(ValidationError):
        PageWall.model_validate({"type": "page_wall", "action": "faster"})


def test_a_revealed_vote_shown_on_the_wall_shows_its_results(voting: Board) -> None:
    from board.voting import CloseRound

    round_id = next(iter(voting.rounds))
    state = step(voting, CloseRound(round_id=round_id))
    state = step(state, RevealRound(round_id=round_id))
    state = step(state, ShowOnWall(show=WallShow(kind="round", id=round_id)))
    shown_round = next(r for r in project_state(state, WALL)["rounds"] if r["id"] == round_id)
    assert shown_round["status"] == "revealed"
