"""Understand: asking "why?" about a theme, again and again, to find its root causes.

Participants add causes at "Understand", about the themes the room carried
forward; facilitators at any stage, and alone merge and choose them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from board.base import BoardError, CommandBase, EventBase, Id, Words
from board.checks import (
    author,
    check_capacity,
    check_cause_exists,
    check_not_in_open_vote,
    check_theme_exists,
    each_once,
)
from board.feature import Feature
from board.model import Board
from board.policy import ANY_TIME, FACILITATORS, Access, When
from board.projection import Json, unsigned
from board.values import Actor, Cause, Stage

feature = Feature("causes")

_ASKING = Access(
    facilitator=ANY_TIME,
    participant=When(stages=frozenset({Stage.UNDERSTAND})),
    doing="Adding root causes",
)


class AddCause(CommandBase):
    """Answer "why?" about a theme, or about a cause already given (`parent_id`)."""

    type: Literal["add_cause"] = "add_cause"
    theme_id: Id
    parent_id: Id | None = None
    text: Words


class CauseAdded(EventBase):
    type: Literal["cause_added"] = "cause_added"
    cause: Cause
    by_facilitator: bool = False  # set by decide: only a facilitator's can be undone


class MergeCauses(CommandBase):
    """Fold a cause into another of the same theme; its answers move with it."""

    type: Literal["merge_causes"] = "merge_causes"
    cause_id: Id
    into_id: Id


class CausesMerged(EventBase):
    type: Literal["causes_merged"] = "causes_merged"
    cause: Cause  # the one folded away, kept whole so it can be undone
    into_id: str
    children: tuple[str, ...]
    successes: tuple[str, ...]
    # Whether `into` was chosen before, so an undo can put that back (None: not recorded).
    into_chosen: bool | None = None


class ChooseCauses(CommandBase):
    """The root causes the room works on next (replaces the choice)."""

    type: Literal["choose_causes"] = "choose_causes"
    cause_ids: tuple[Id, ...] = Field(max_length=50)


class CausesChosen(EventBase):
    type: Literal["causes_chosen"] = "causes_chosen"
    cause_ids: tuple[str, ...]
    previous: tuple[str, ...] | None = None  # the choice before, so an undo can put it back


def chosen_causes(state: Board) -> tuple[str, ...]:
    return tuple(c.id for c in state.causes.values() if c.chosen)


def check_choice(state: Board, cause_ids: tuple[str, ...]) -> None:
    """Every cause chosen is on the board, and none left out has success statements."""
    for cause_id in cause_ids:
        check_cause_exists(state, cause_id)
    for cause in state.causes.values():
        said = sum(1 for s in state.successes.values() if s.cause_id == cause.id)
        if cause.chosen and cause.id not in cause_ids and said:
            statements = "a success statement" if said == 1 else f"{said} success statements"
            raise BoardError(
                "in_use",
                f"The root cause “{cause.text}” has {statements}. Keep it chosen, or remove "
                "those first.",
            )


def descendants(state: Board, cause_id: str) -> set[str]:
    """Every cause that answers "why?" to this one, however deep."""
    found: set[str] = set()
    frontier = [cause_id]
    while frontier:
        parent = frontier.pop()
        for cause in state.causes.values():
            if cause.parent_id == parent and cause.id not in found:
                found.add(cause.id)
                frontier.append(cause.id)
    return found


@feature.decides(AddCause, _ASKING)
def add_cause(command: AddCause, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    by = author(state, actor)
    check_capacity(state, "causes")
    check_theme_exists(state, command.theme_id)
    if by is not None and command.theme_id not in state.carried:
        # The room asks "why?" about the themes it chose to take forward.
        raise BoardError("not_carried", "The room is not working on that theme now.")
    if command.parent_id is not None:
        parent = check_cause_exists(state, command.parent_id)
        if parent.theme_id != command.theme_id:
            raise BoardError("wrong_theme", "That cause belongs to another theme.")
    cause = Cause(id=state.new_id("c"), author=by, **command.model_dump(exclude={"type"}))
    return [CauseAdded(seq=state.seq + 1, cause=cause)]


@feature.applies(CauseAdded)
def cause_added(event: CauseAdded, state: Board) -> Board:
    return state.with_new("causes", event.cause)


@feature.decides(MergeCauses, FACILITATORS)
def merge_causes(command: MergeCauses, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    if command.cause_id == command.into_id:
        raise BoardError("same_cause", "Choose two different causes to merge.")
    merged = check_cause_exists(state, command.cause_id)
    into = check_cause_exists(state, command.into_id)
    if merged.theme_id != into.theme_id:
        raise BoardError("wrong_theme", "Only causes of the same theme can be merged.")
    if into.id in descendants(state, merged.id):
        raise BoardError("cause_loop", "A cause cannot be merged into one of its own answers.")
    check_not_in_open_vote(state, merged.id)
    check_not_in_open_vote(state, into.id)
    event = CausesMerged(
        seq=state.seq + 1,
        cause=merged,
        into_id=into.id,
        children=tuple(c.id for c in state.causes.values() if c.parent_id == merged.id),
        successes=tuple(s.id for s in state.successes.values() if s.cause_id == merged.id),
        into_chosen=into.chosen,
    )
    return [event]


@feature.applies(CausesMerged)
def causes_merged(event: CausesMerged, state: Board) -> Board:
    kept = {k: v for k, v in state.causes.items() if k != event.cause.id}
    for child in event.children:
        kept[child] = kept[child].model_copy(update={"parent_id": event.into_id})
    if event.cause.chosen and event.into_id in kept:
        kept[event.into_id] = kept[event.into_id].model_copy(update={"chosen": True})
    successes = dict(state.successes)
    for moved in event.successes:
        successes[moved] = successes[moved].model_copy(update={"cause_id": event.into_id})
    return state.model_copy(update={"causes": kept, "successes": successes})


@feature.decides(ChooseCauses, FACILITATORS)
def choose_causes(
    command: ChooseCauses, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    chosen = each_once(state, command.cause_ids, check_cause_exists)
    check_choice(state, chosen)
    return [CausesChosen(seq=state.seq + 1, cause_ids=chosen, previous=chosen_causes(state))]


@feature.applies(CausesChosen)
def causes_chosen(event: CausesChosen, state: Board) -> Board:
    return state.with_marked("causes", "chosen", event.cause_ids)


def causes_json(state: Board) -> list[Json]:
    return [unsigned(c) for c in state.causes.values()]


@feature.shows(CauseAdded)
def show_added(event: CauseAdded, after: Board, viewer: Actor) -> Json:
    return {"cause": unsigned(event.cause)}


@feature.shows(CausesChosen)
def show_chosen(event: CausesChosen, after: Board, viewer: Actor) -> Json:
    return {"cause_ids": list(event.cause_ids)}


@feature.shows(CausesMerged)
def show_merged(event: CausesMerged, after: Board, viewer: Actor) -> Json:
    # Like a theme merge: what is gone, where its answers and success statements went.
    return {
        "cause_id": event.cause.id,
        "into_id": event.into_id,
        "children": list(event.children),
        "success_ids": list(event.successes),
        "into_chosen": after.causes[event.into_id].chosen,
    }


@feature.view
def view_causes(state: Board, viewer: Actor) -> Json:
    return {"causes": causes_json(state)}
