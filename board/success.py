"""Success: what it would look like if a root cause were fixed, from four perspectives."""

from __future__ import annotations

from typing import Literal

from board.base import BoardError, CommandBase, EventBase, Id, Words
from board.checks import author, check_capacity, check_cause_exists
from board.feature import Feature
from board.model import Board
from board.policy import ANY_TIME, Access, When
from board.projection import Json, unsigned
from board.values import Actor, Perspective, Stage, SuccessStatement

feature = Feature("success")

# Facilitators at any stage; participants at "Success".
_SAYING = Access(
    facilitator=ANY_TIME,
    participant=When(stages=frozenset({Stage.SUCCESS})),
    doing="Saying what success looks like",
)


class AddSuccess(CommandBase):
    type: Literal["add_success"] = "add_success"
    cause_id: Id
    perspective: Perspective
    text: Words


class SuccessAdded(EventBase):
    type: Literal["success_added"] = "success_added"
    success: SuccessStatement
    by_facilitator: bool = False  # set by decide: only a facilitator's can be undone


@feature.decides(AddSuccess, _SAYING)
def add_success(command: AddSuccess, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    check_capacity(state, "successes")
    cause = check_cause_exists(state, command.cause_id)
    # Success statements are for the root causes the room chose to work on.
    if not cause.chosen:
        raise BoardError(
            "not_chosen", f"“{cause.text}” is not a chosen root cause. Choose it first."
        )
    said = SuccessStatement(
        id=state.new_id("su"),
        author=author(state, actor),
        **command.model_dump(exclude={"type"}),
    )
    return [SuccessAdded(seq=state.seq + 1, success=said)]


@feature.applies(SuccessAdded)
def success_added(event: SuccessAdded, state: Board) -> Board:
    return state.with_new("successes", event.success)


def successes_json(state: Board) -> list[Json]:
    return [unsigned(s) for s in state.successes.values()]


@feature.shows(SuccessAdded)
def show_success(event: SuccessAdded, after: Board, viewer: Actor) -> Json:
    return {"success": unsigned(event.success)}


@feature.view
def view_successes(state: Board, viewer: Actor) -> Json:
    return {"successes": successes_json(state)}
