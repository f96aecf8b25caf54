"""The workshop's day or days, set at the console and printed on the report."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from board.base import BoardError, CommandBase, EventBase
from board.feature import Feature
from board.model import Board
from board.policy import FACILITATORS
from board.projection import Json
from board.reversals import Reversal, moved_on, reverses
from board.values import Actor

feature = Feature("schedule")

# WTfC runs over one day or two, sometimes a few weeks apart.
DAYS_MAX = 4


def _a_real_day(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError as error:
        raise ValueError("a day is a calendar date written YYYY-MM-DD") from error
    return value


Day = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$"), AfterValidator(_a_real_day)]


class SetWorkshopDays(CommandBase):
    """The day or days the workshop met (empty: not said)."""

    type: Literal["set_workshop_days"] = "set_workshop_days"
    days: tuple[Day, ...] = Field(max_length=DAYS_MAX)


class WorkshopDaysSet(EventBase):
    type: Literal["workshop_days_set"] = "workshop_days_set"
    days: tuple[str, ...]
    previous: tuple[str, ...] = ()


@feature.decides(SetWorkshopDays, FACILITATORS)
def set_workshop_days(
    command: SetWorkshopDays, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    days = tuple(sorted(set(command.days)))
    if days == state.workshop_days:
        raise BoardError("nothing_to_change", "Those are already the workshop days.")
    return [WorkshopDaysSet(seq=state.seq + 1, days=days, previous=state.workshop_days)]


@feature.applies(WorkshopDaysSet)
def workshop_days_set(event: WorkshopDaysSet, state: Board) -> Board:
    return state.model_copy(update={"workshop_days": event.days})


@feature.shows(WorkshopDaysSet)
def show_days(event: WorkshopDaysSet, after: Board, viewer: Actor) -> Json:
    return {"days": list(after.workshop_days)}


@feature.view
def view_days(state: Board, viewer: Actor) -> Json:
    return {"workshop_days": list(state.workshop_days)}


@reverses(WorkshopDaysSet)
def _days_back(state: Board, target: WorkshopDaysSet, seq: int) -> Reversal:
    if state.workshop_days != target.days:
        raise moved_on()
    back = WorkshopDaysSet(seq=seq, days=target.previous, previous=target.days)
    said = (
        "Set the workshop days back as they were."
        if target.previous
        else ("Take the workshop days off the board again.")
    )
    return said, [back]
