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
    by_facilitator: bool = False  # set by decide: only a facilitator's can be undone


class LinkIdea(CommandBase):
    """Say which success statements an idea would bring about (replaces what it had)."""

    type: Literal["link_idea"] = "link_idea"
    idea_id: Id
    serves: tuple[Id, ...] = Field(max_length=50)


class IdeaLinked(EventBase):
    type: Literal["idea_linked"] = "idea_linked"
    idea_id: str
    serves: tuple[str, ...]
    previous: tuple[str, ...]  # what it served before, so an undo can put it back


class ShortlistIdeas(CommandBase):
    type: Literal["shortlist_ideas"] = "shortlist_ideas"
    idea_ids: tuple[Id, ...] = Field(max_length=100)


class IdeasShortlisted(EventBase):
    type: Literal["ideas_shortlisted"] = "ideas_shortlisted"
    idea_ids: tuple[str, ...]
    previous: tuple[str, ...] | None = None  # the shortlist before, so an undo can put it back


@feature.decides(AddIdea, _SHARING)
def add_idea(command: AddIdea, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    by = author(state, actor)
    check_capacity(state, "ideas")
    check_successes(state, command.serves)
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


def check_successes(state: Board, serves: tuple[str, ...]) -> None:
    for success_id in serves:
        if success_id not in state.successes:
            raise BoardError("unknown_success", "That success statement is not on this board.")


@feature.decides(LinkIdea, FACILITATORS)
def link_idea(command: LinkIdea, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    idea = check_idea_exists(state, command.idea_id)
    check_successes(state, command.serves)
    serves = tuple(dict.fromkeys(command.serves))
    if set(serves) == set(idea.serves):
        raise BoardError("nothing_to_change", "The idea is already linked to just those.")
    return [IdeaLinked(seq=state.seq + 1, idea_id=idea.id, serves=serves, previous=idea.serves)]


@feature.applies(IdeaLinked)
def idea_linked(event: IdeaLinked, state: Board) -> Board:
    linked = state.ideas[event.idea_id].model_copy(update={"serves": event.serves})
    return state.model_copy(update={"ideas": {**state.ideas, linked.id: linked}})


@feature.shows(IdeaLinked)
def show_linked(event: IdeaLinked, after: Board, viewer: Actor) -> Json:
    return {"idea": unsigned(after.ideas[event.idea_id])}


@feature.decides(ShortlistIdeas, FACILITATORS)
def shortlist_ideas(
    command: ShortlistIdeas, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    chosen = each_once(state, command.idea_ids, check_idea_exists)
    return [IdeasShortlisted(seq=state.seq + 1, idea_ids=chosen, previous=shortlist(state))]


@feature.applies(IdeasShortlisted)
def ideas_shortlisted(event: IdeasShortlisted, state: Board) -> Board:
    return state.with_marked("ideas", "shortlisted", event.idea_ids)


def shortlist(state: Board) -> tuple[str, ...]:
    return tuple(i.id for i in state.ideas.values() if i.shortlisted)


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
