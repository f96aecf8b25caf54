"""The wall display, steered from the console: one thing on it, and its pages.

`show_on_wall` puts one thing on every wall (a theme and its cards, a vote,
a theme's cause tree, the investment grid, how to join), or with `show` null
the wall follows the stage again; moving stage does that too. `page_wall`
holds the page the wall is on, lets it turn by itself again, or turns it.
Nothing here carries anything a wall may not see: a vote shown is the vote
as the wall's projection of it already is (a blind one only "N of M have
voted" until it is revealed).
"""

from __future__ import annotations

from typing import Literal

from board.base import BoardError, CommandBase, EventBase
from board.checks import check_theme_exists
from board.feature import Feature
from board.model import Board
from board.policy import FACILITATORS
from board.projection import Json
from board.values import Actor, WallShow
from board.voting import check_round_exists

feature = Feature("wall")

PageAction = Literal["hold", "resume", "next", "previous"]


class ShowOnWall(CommandBase):
    type: Literal["show_on_wall"] = "show_on_wall"
    show: WallShow | None = None


class WallShown(EventBase):
    type: Literal["wall_shown"] = "wall_shown"
    show: WallShow | None


class PageWall(CommandBase):
    type: Literal["page_wall"] = "page_wall"
    action: PageAction


class WallPaged(EventBase):
    type: Literal["wall_paged"] = "wall_paged"
    action: PageAction


def check_showable(state: Board, show: WallShow) -> None:
    """Refuse a theme or a vote this board does not have."""
    if show.kind in ("theme", "causes") and show.id is not None:
        check_theme_exists(state, show.id)
    if show.kind == "round" and show.id is not None:
        check_round_exists(state, show.id)


@feature.decides(ShowOnWall, FACILITATORS)
def show_on_wall(command: ShowOnWall, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    if command.show is not None:
        check_showable(state, command.show)
    if command.show == state.wall_show:
        following = "The wall already follows the stage."
        what = "That is already on the wall." if command.show else following
        raise BoardError("already_on_wall", what)
    return [WallShown(seq=state.seq + 1, show=command.show)]


@feature.decides(PageWall, FACILITATORS)
def page_wall(command: PageWall, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    if command.action == "hold" and state.wall_held:
        raise BoardError("already_held", "The wall is already holding its page.")
    if command.action == "resume" and not state.wall_held:
        raise BoardError("not_held", "The wall already turns its pages by itself.")
    return [WallPaged(seq=state.seq + 1, action=command.action)]


@feature.applies(WallShown)
def wall_shown(event: WallShown, state: Board) -> Board:
    return state.model_copy(update={"wall_show": event.show})


@feature.applies(WallPaged)
def wall_paged(event: WallPaged, state: Board) -> Board:
    # Turning a page by hand holds it there, so the room can talk about it.
    held = event.action != "resume"
    return state.model_copy(update={"wall_held": held})


def wall_json(state: Board) -> Json:
    show = state.wall_show.model_dump(mode="json", exclude_none=True) if state.wall_show else None
    return {"show": show, "held": state.wall_held}


@feature.shows(WallShown)
def show_wall_shown(event: WallShown, after: Board, viewer: Actor) -> Json:
    return {"wall": wall_json(after)}


@feature.shows(WallPaged)
def show_wall_paged(event: WallPaged, after: Board, viewer: Actor) -> Json:
    return {"action": event.action, "wall": wall_json(after)}


@feature.view
def view_wall(state: Board, viewer: Actor) -> Json:
    return {"wall": wall_json(state)}
