"""The workshop's day or days: set at the console, undone, on the report, kept in a saved board."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from board import Board, BoardError, apply, decide, preview_undo, project_state, report
from board.archive import archive_of
from board.schedule import SetWorkshopDays, WorkshopDaysSet
from board.undo import Undo
from tests.board.conftest import FACILITATOR, P1, WALL, Step


def test_the_days_are_set_in_order_once_each(created: Board, run: Step) -> None:
    command = SetWorkshopDays(days=("2027-03-16", "2027-03-02", "2027-03-16"))
    [event] = decide(created, command, FACILITATOR)
    assert event == WorkshopDaysSet(seq=created.seq + 1, days=("2027-03-02", "2027-03-16"))
    state = apply(created, event)
    for viewer in (FACILITATOR, P1, WALL):
        assert project_state(state, viewer)["workshop_days"] == ["2027-03-02", "2027-03-16"]
    assert report(state)["workshop_days"] == ["2027-03-02", "2027-03-16"]
    assert archive_of(state).workshop_days == ("2027-03-02", "2027-03-16")


def test_setting_the_days_is_undone_in_words(created: Board, run: Step) -> None:
    state = run(created, SetWorkshopDays(days=("2027-03-02",)), FACILITATOR)
    [event] = decide(state, SetWorkshopDays(days=("2027-03-03",)), FACILITATOR)
    after = apply(state, event)
    undo = Undo(seq=event.seq, target=event)
    assert preview_undo(after, undo, FACILITATOR) == "Set the workshop days back as they were."
    assert run(after, undo, FACILITATOR).workshop_days == ("2027-03-02",)


@pytest.mark.parametrize(
    "days",
    [("2027-02-30",), ("3 March",), ("2027-3-2",), ("2027-03-01",) * 2 + ("2027-03-02",) * 3],
)
def test_a_day_that_is_not_a_calendar_date_or_too_many_days_are_refused(
    days: tuple[str, ...],
) -> None:
    with pytest.raises(ValidationError):
        SetWorkshopDays(days=days)


def test_the_same_days_again_change_nothing(created: Board, run: Step) -> None:
    state = run(created, SetWorkshopDays(days=("2027-03-02",)), FACILITATOR)
    with pytest.raises(BoardError) as caught:
        decide(state, SetWorkshopDays(days=("2027-03-02",)), FACILITATOR)
    assert caught.value.code == "nothing_to_change"


def test_only_a_facilitator_sets_the_days(collected: Board) -> None:
    with pytest.raises(BoardError) as caught:
        decide(collected, SetWorkshopDays(days=()), P1)
    assert caught.value.code == "not_allowed"
