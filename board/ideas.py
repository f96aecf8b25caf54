"""Ideas: what is in place already, then radical, traditional and different ones; a shortlist."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from board.base import BoardError, CommandBase, EventBase, Id, Words
from board.checks import author, check_capacity, check_idea_exists, each_once
from board.feature import Feature
from board.invest import grid_json
from board.model import Board
from board.policy import ANY_TIME, FACILITATORS, Access, When
from board.projection import Json, unsigned
from board.values import Actor, Idea, IdeaKind, Stage

feature = Feature("ideas")

_SHARING = Access(
    facilitator=ANY_TIME,
    participant=When(stages=frozenset({Stage.IDEAS})),
    doing="Sharing ideas",
)


class AddIdea(CommandBase):
    type: Literal["add_idea"] = "add_idea"
    kind: IdeaKind
    text: Words
    # The success statements it would bring about.
    serves: tuple[Id, ...] = Field(default=(), max_length=50)


class IdeaAdded(EventBase):
    type: Literal["idea_added"] = "idea_added"
    idea: Idea


class ShortlistIdeas(CommandBase):
    type: Literal["shortlist_ideas"] = "shortlist_ideas"
    idea_ids: tuple[Id, ...] = Field(max_length=100)


class IdeasShortlisted(EventBase):
    type: Literal["ideas_shortlisted"] = "ideas_shortlisted"
    idea_ids: tuple[str, ...]


@feature.decides(AddIdea, _SHARING)
def add_idea(command: AddIdea, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    by = author(state, actor)
    check_capacity(state, "ideas")
    for success_id in command.serves:
        if success_id not in state.successes:
            raise BoardError("unknown_success", "That success statement is not on this board.")
    idea = Idea(
        id=state.new_id("i"),
        kind=command.kind,
        text=command.text,
        serves=tuple(dict.fromkeys(command.serves)),
        author=by,
    )
    return [IdeaAdded(seq=state.seq + 1, idea=idea)]


@feature.applies(IdeaAdded)
def idea_added(event: IdeaAdded, state: Board) -> Board:
    return state.with_new("ideas", event.idea)


@feature.decides(ShortlistIdeas, FACILITATORS)
def shortlist_ideas(
    command: ShortlistIdeas, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    shortlist = each_once(state, command.idea_ids, check_idea_exists)
    return [IdeasShortlisted(seq=state.seq + 1, idea_ids=shortlist)]


@feature.applies(IdeasShortlisted)
def ideas_shortlisted(event: IdeasShortlisted, state: Board) -> Board:
    return state.with_marked("ideas", "shortlisted", event.idea_ids)


def ideas_json(state: Board) -> list[Json]:
    return [unsigned(i) for i in state.ideas.values()]


@feature.shows(IdeaAdded)
def show_idea(event: IdeaAdded, after: Board, viewer: Actor) -> Json:
    return {"idea": unsigned(event.idea)}


@feature.shows(IdeasShortlisted)
def show_shortlist(event: IdeasShortlisted, after: Board, viewer: Actor) -> Json:
    # A shortlist replaces the last one, so it comes with the grid it makes.
    return {"idea_ids": list(event.idea_ids), "grid": grid_json(after, viewer)}


@feature.view
def view_ideas(state: Board, viewer: Actor) -> Json:
    return {"ideas": ideas_json(state)}
