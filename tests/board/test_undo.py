"""Undo by compensating events: each undoable event put back exactly, or refused in words.

`target` is filled the way the server fills it: with the event at `seq` from the log.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from board import Actor, Board, BoardError, Command, Event, apply, decide, preview_undo
from board.causes import AddCause, ChooseCauses, MergeCauses
from board.edits import DeleteItem
from board.invest import PlaceIdea, RateIdea
from board.room import SetStage
from board.statements import AddStatements
from board.success import AddSuccess
from board.theming import CreateTheme, DeleteTheme, MergeThemes, MoveStatement
from board.timer import StartTimer
from board.undo import Undo, Undone
from board.values import Category, NewStatement, Perspective, Placement, Stage
from board.voting import CarryForward, CloseRound, OpenRound, RevealRound, Vote
from tests.board.conftest import FACILITATOR, P1, P2, WALL, Step, make, step, step_events, the


def undo_of(event: Event) -> Undo:
    return Undo(seq=event.seq, target=event)


def undone(state: Board, event: Event, run: Step) -> Board:
    return run(state, undo_of(event), FACILITATOR)


def refused(state: Board, command: Command, actor: Actor = FACILITATOR) -> str:
    with pytest.raises(BoardError) as caught:
        decide(state, command, actor)
    return caught.value.code


def as_before(after: Board, before: Board) -> Board:
    """`after` with the bookkeeping an undo may change set back to `before`'s."""
    return after.model_copy(
        update={"seq": before.seq, "next_id": before.next_id, "undone": before.undone}
    )


def causes(state: Board, theme_id: str, *tree: tuple[str, str | None]) -> Board:
    """The board with a root cause for each (text, the text of its parent, or None)."""
    for text, parent in tree:
        parent_id = the(state, parent) if parent else None
        state = step(
            state, AddCause(theme_id=theme_id, parent_id=parent_id, text=text), FACILITATOR
        )
    return state


def did(state: Board, command: Command, actor: Actor = FACILITATOR) -> tuple[Board, Event]:
    after, events = step_events(state, command, actor)
    return after, events[-1]


@pytest.fixture
def revealed(voting: Board, run: Step) -> tuple[Board, Board, Event]:
    """The "Dot vote" voted on, closed; then revealed. (before the reveal, after it, the reveal)"""
    card1 = the(voting, "Statement 1")
    card2 = the(voting, "Statement 2")
    vote = the(voting, "Dot vote")
    state = run(voting, Vote(round_id=vote, item=card1), P1)
    state = run(state, Vote(round_id=vote, item=card2), P2)
    before = run(state, CloseRound(round_id=vote), FACILITATOR)
    after, event = did(before, RevealRound(round_id=vote))
    return before, after, event


# Each undoable event, put back exactly.


def test_undoing_a_stage_change_goes_back(planned: Board, run: Step) -> None:
    after, event = did(planned, SetStage(stage=Stage.PLAN))
    assert as_before(undone(after, event, run), planned) == planned


def test_undoing_a_theme_merge_brings_it_back_with_its_cards_and_place(
    understanding: Board, run: Step
) -> None:
    appointments = the(understanding, "Appointments")
    staff = the(understanding, "Staff")
    after, event = did(understanding, MergeThemes(theme_id=appointments, into_id=staff))
    assert after.carried == (staff,)
    assert as_before(undone(after, event, run), understanding) == understanding


def test_undoing_a_theme_deletion_brings_it_back_with_its_cards_and_place(
    understanding: Board, run: Step
) -> None:
    appointments = the(understanding, "Appointments")
    after, event = did(understanding, DeleteTheme(theme_id=appointments))
    assert after.carried == ()
    assert as_before(undone(after, event, run), understanding) == understanding


def test_a_carried_list_changed_since_is_left_as_the_room_last_chose(
    understanding: Board, run: Step
) -> None:
    appointments = the(understanding, "Appointments")
    staff = the(understanding, "Staff")
    after, event = did(understanding, DeleteTheme(theme_id=appointments))
    after = run(after, CarryForward(items=(staff,)), FACILITATOR)
    back = undone(after, event, run)
    assert (appointments in back.themes, back.carried) == (True, (staff,))


def test_undoing_a_reveal_hides_the_results_again(
    revealed: tuple[Board, Board, Event], run: Step
) -> None:
    before, after, event = revealed
    assert as_before(undone(after, event, run), before) == before


@pytest.mark.parametrize("item", ["Staff change often", "Set up online booking"])
def test_undoing_a_removal_brings_the_item_back(planned: Board, item: str, run: Step) -> None:
    after, event = did(planned, DeleteItem(item_id=the(planned, item)))
    assert as_before(undone(after, event, run), planned) == planned


def test_undoing_a_success_statement_removal_brings_it_back(planned: Board, run: Step) -> None:
    first_time = the(planned, "I get through first time")
    online = the(planned, "Online booking")
    action = the(planned, "Set up online booking")
    before = run(planned, DeleteItem(item_id=action), FACILITATOR)
    before = run(before, DeleteItem(item_id=online), FACILITATOR)
    after, event = did(before, DeleteItem(item_id=first_time))
    assert as_before(undone(after, event, run), before) == before


def test_undoing_an_idea_removal_brings_back_its_ratings_and_place(
    planned: Board, run: Step
) -> None:
    phones = the(planned, "More phone lines")
    before = run(planned, RateIdea(idea_id=phones, cost=1, benefit=5), P1)
    before = run(before, RateIdea(idea_id=phones, cost=2, benefit=4), P2)
    before = run(before, PlaceIdea(idea_id=phones, cost=1.5, benefit=4.5), FACILITATOR)
    after, event = did(before, DeleteItem(item_id=phones))
    back = undone(after, event, run)
    assert as_before(back, before) == before
    assert back.ratings[phones]["p2"] == Placement(cost=2, benefit=4)


def test_undoing_a_cause_merge_splits_it_out_again(planned: Board, run: Step) -> None:
    appointments = the(planned, "Appointments")
    receptionists = the(planned, "Too few receptionists")
    funding = the(planned, "The funding was cut")
    before = run(
        planned, AddCause(theme_id=appointments, parent_id=funding, text="Less money"), FACILITATOR
    )
    after, event = did(before, MergeCauses(cause_id=funding, into_id=receptionists))
    assert after.causes[receptionists].chosen
    assert as_before(undone(after, event, run), before) == before


def test_undoing_a_merge_into_a_chosen_cause_leaves_it_chosen(planned: Board, run: Step) -> None:
    receptionists = the(planned, "Too few receptionists")
    funding = the(planned, "The funding was cut")
    before = run(planned, ChooseCauses(cause_ids=(receptionists, funding)), FACILITATOR)
    after, event = did(before, MergeCauses(cause_id=funding, into_id=receptionists))
    back = undone(after, event, run)
    assert (back.causes[receptionists].chosen, back.causes[funding].chosen) == (True, True)


def test_an_undo_is_an_undone_marker_then_the_reversing_event(planned: Board) -> None:
    after, event = did(planned, SetStage(stage=Stage.PLAN))
    events = decide(after, undo_of(event), FACILITATOR)
    assert [e.type for e in events] == ["undone", "stage_set"]
    assert events[0] == Undone(
        seq=after.seq + 1, undone_seq=event.seq, description="Go back to “Invest”."
    )
    assert events[1].seq == after.seq + 2


def test_an_undo_is_remembered(planned: Board, run: Step) -> None:
    after, event = did(planned, SetStage(stage=Stage.PLAN))
    assert undone(after, event, run).undone == frozenset({event.seq})


# What the undo will do, in words, before it is done.


def test_preview_of_a_stage_change_names_the_stage(planned: Board) -> None:
    after, event = did(planned, SetStage(stage=Stage.PLAN))
    assert preview_undo(after, undo_of(event), FACILITATOR) == "Go back to “Invest”."


def test_preview_of_a_theme_deletion_counts_its_cards(understanding: Board) -> None:
    appointments = the(understanding, "Appointments")
    after, event = did(understanding, DeleteTheme(theme_id=appointments))
    assert preview_undo(after, undo_of(event), FACILITATOR) == (
        "Bring back the theme “Appointments” with 2 of its cards."
    )


def test_preview_of_a_reveal_names_the_vote(revealed: tuple[Board, Board, Event]) -> None:
    _, after, event = revealed
    assert (
        preview_undo(after, undo_of(event), FACILITATOR) == "Hide the results of “Dot vote” again."
    )


def test_preview_of_a_removal_quotes_the_item(planned: Board) -> None:
    staff_change = the(planned, "Staff change often")
    after, event = did(planned, DeleteItem(item_id=staff_change))
    assert preview_undo(after, undo_of(event), FACILITATOR) == "Bring back “Staff change often”."


def test_preview_of_a_merge_quotes_the_cause(planned: Board) -> None:
    receptionists = the(planned, "Too few receptionists")
    funding = the(planned, "The funding was cut")
    after, event = did(planned, MergeCauses(cause_id=funding, into_id=receptionists))
    assert (
        preview_undo(after, undo_of(event), FACILITATOR) == "Split “The funding was cut” out again."
    )


def test_preview_changes_nothing(planned: Board) -> None:
    staff_change = the(planned, "Staff change often")
    after, event = did(planned, DeleteItem(item_id=staff_change))
    preview_undo(after, undo_of(event), FACILITATOR)
    assert staff_change not in after.causes and after.undone == frozenset()


def test_preview_of_what_cannot_be_undone_is_refused(planned: Board) -> None:
    online = the(planned, "Online booking")
    after, event = did(planned, RateIdea(idea_id=online, cost=1, benefit=1), P1)
    with pytest.raises(BoardError) as caught:
        preview_undo(after, undo_of(event), FACILITATOR)
    assert caught.value.code == "cannot_undo"


# What cannot be undone.


def test_undoing_twice_is_refused(planned: Board, run: Step) -> None:
    staff_change = the(planned, "Staff change often")
    after, event = did(planned, DeleteItem(item_id=staff_change))
    back = undone(after, event, run)
    assert refused(back, undo_of(event)) == "already_undone"


def test_participants_cannot_undo(planned: Board) -> None:
    staff_change = the(planned, "Staff change often")
    after, event = did(planned, DeleteItem(item_id=staff_change))
    assert refused(after, undo_of(event), P1) == "not_allowed"


def test_the_wall_cannot_undo(planned: Board) -> None:
    staff_change = the(planned, "Staff change often")
    after, event = did(planned, DeleteItem(item_id=staff_change))
    assert refused(after, undo_of(event), WALL) == "not_allowed"


@pytest.mark.parametrize(
    ("command", "actor"),
    [
        (lambda board: RateIdea(idea_id=the(board, "Online booking"), cost=1, benefit=1), P1),
        (lambda board: StartTimer(seconds=60), FACILITATOR),
        (lambda board: OpenRound(items=(the(board, "Too few receptionists"),)), FACILITATOR),
        (
            lambda board: AddStatements(
                statements=(NewStatement(category=Category.WORKING, text="New"),)
            ),
            FACILITATOR,
        ),
    ],
)
def test_undoing_what_is_not_undoable_is_refused(
    planned: Board, command: Callable[[Board], Command], actor: Actor
) -> None:
    after, event = did(planned, command(planned), actor)
    assert refused(after, undo_of(event)) == "cannot_undo"


def test_undoing_an_undo_marker_is_refused(planned: Board, run: Step) -> None:
    staff_change = the(planned, "Staff change often")
    after, event = did(planned, DeleteItem(item_id=staff_change))
    marker, _ = decide(after, undo_of(event), FACILITATOR)
    back = undone(after, event, run)
    assert refused(back, undo_of(marker)) == "cannot_undo"


def test_an_undo_without_the_event_is_refused(planned: Board) -> None:
    assert refused(planned, Undo(seq=3)) == "cannot_undo"


def test_an_undo_whose_event_has_another_seq_is_refused(planned: Board) -> None:
    staff_change = the(planned, "Staff change often")
    after, event = did(planned, DeleteItem(item_id=staff_change))
    assert refused(after, Undo(seq=event.seq - 1, target=event)) == "cannot_undo"


def test_a_stage_change_cannot_be_undone_once_the_board_moved_on(planned: Board, run: Step) -> None:
    after, event = did(planned, SetStage(stage=Stage.PLAN))
    after = run(after, SetStage(stage=Stage.REFLECT), FACILITATOR)
    assert refused(after, undo_of(event)) == "cannot_undo"


def test_a_merged_theme_comes_back_with_only_the_cards_still_in_the_other(
    understanding: Board, run: Step
) -> None:
    card3 = the(understanding, "Statement 3")
    appointments = the(understanding, "Appointments")
    staff = the(understanding, "Staff")
    after, event = did(understanding, MergeThemes(theme_id=staff, into_id=appointments))
    after = run(after, MoveStatement(statement_id=card3, theme_id=None), FACILITATOR)
    back = undone(after, event, run)
    assert (back.statements[card3].theme_id, staff in back.themes) == (None, True)


def test_a_reveal_whose_results_are_no_longer_shown_cannot_be_undone(
    revealed: tuple[Board, Board, Event], run: Step
) -> None:
    _, after, event = revealed
    events = decide(after, undo_of(event), FACILITATOR)
    hidden = after
    for e in events:
        hidden = apply(hidden, e)
    # The same reveal under a seq not yet undone: the round's results are already hidden.
    again = event.model_copy(update={"seq": events[-1].seq})
    assert refused(hidden, undo_of(again)) == "cannot_undo"


def test_a_removed_cause_cannot_come_back_once_its_parent_is_gone(
    planned: Board, run: Step
) -> None:
    staff = the(planned, "Staff")
    staff_change = the(planned, "Staff change often")
    state, pay = make(
        planned, AddCause(theme_id=staff, parent_id=staff_change, text="Pay"), FACILITATOR
    )
    after, event = did(state, DeleteItem(item_id=pay))
    after = run(after, DeleteItem(item_id=staff_change), FACILITATOR)
    assert refused(after, undo_of(event)) == "cannot_undo"


def test_a_removed_action_cannot_come_back_once_its_idea_is_gone(planned: Board, run: Step) -> None:
    online = the(planned, "Online booking")
    action = the(planned, "Set up online booking")
    after, event = did(planned, DeleteItem(item_id=action))
    after = run(after, DeleteItem(item_id=online), FACILITATOR)
    assert refused(after, undo_of(event)) == "cannot_undo"


def test_a_removed_success_cannot_come_back_once_its_cause_is_gone(
    planned: Board, run: Step
) -> None:
    appointments = the(planned, "Appointments")
    staff_change = the(planned, "Staff change often")
    state = run(planned, DeleteItem(item_id=staff_change), FACILITATOR)
    state, lone = make(state, AddCause(theme_id=appointments, text="Lone"), FACILITATOR)
    funding = the(state, "The funding was cut")
    state = run(state, ChooseCauses(cause_ids=(funding, lone)), FACILITATOR)
    said = AddSuccess(cause_id=lone, perspective=Perspective.PERSON, text="y")
    state, success = make(state, said, FACILITATOR)
    after, event = did(state, DeleteItem(item_id=success))
    after = run(after, DeleteItem(item_id=lone), FACILITATOR)
    assert refused(after, undo_of(event)) == "cannot_undo"


def test_a_cause_merge_cannot_be_undone_once_the_other_cause_is_gone(
    understanding: Board, run: Step
) -> None:
    appointments = the(understanding, "Appointments")
    state, a = make(understanding, AddCause(theme_id=appointments, text="A"), FACILITATOR)
    state, b = make(state, AddCause(theme_id=appointments, text="B"), FACILITATOR)
    after, event = did(state, MergeCauses(cause_id=a, into_id=b))
    after = run(after, DeleteItem(item_id=b), FACILITATOR)
    assert refused(after, undo_of(event)) == "cannot_undo"


def test_a_cause_merge_cannot_be_undone_once_its_parent_is_gone(
    understanding: Board, run: Step
) -> None:
    appointments = the(understanding, "Appointments")
    state = causes(understanding, appointments, ("A", None), ("B", "A"), ("C", None))
    a, b, c = (the(state, text) for text in ("A", "B", "C"))
    after, event = did(state, MergeCauses(cause_id=b, into_id=c))
    after = run(after, DeleteItem(item_id=a), FACILITATOR)
    assert refused(after, undo_of(event)) == "cannot_undo"


def test_a_cause_merge_whose_undo_would_make_a_loop_is_refused(
    understanding: Board, run: Step
) -> None:
    # Z ← A ← B ← X; C. Merge B into C, so X hangs under C;
    # then merge Z into X, so A hangs under X. Bringing B back under A would loop.
    appointments = the(understanding, "Appointments")
    tree = (("Z", None), ("A", "Z"), ("B", "A"), ("X", "B"), ("C", None))
    state = causes(understanding, appointments, *tree)
    z, b, x, c = (the(state, text) for text in ("Z", "B", "X", "C"))
    after, event = did(state, MergeCauses(cause_id=b, into_id=c))
    after = run(after, MergeCauses(cause_id=z, into_id=x), FACILITATOR)
    assert refused(after, undo_of(event)) == "cannot_undo"


def test_a_theme_with_root_causes_cannot_be_deleted(planned: Board) -> None:
    staff = the(planned, "Staff")
    assert refused(planned, DeleteTheme(theme_id=staff)) == "in_use"


def test_a_theme_with_root_causes_cannot_be_merged_away(planned: Board) -> None:
    appointments = the(planned, "Appointments")
    staff = the(planned, "Staff")
    assert refused(planned, MergeThemes(theme_id=staff, into_id=appointments)) == "in_use"


def test_a_theme_can_take_in_another_while_it_has_root_causes(planned: Board, run: Step) -> None:
    appointments = the(planned, "Appointments")
    staff = the(planned, "Staff")
    new = CreateTheme(category=Category.NOT_WORKING, title="Phones")
    state, phones = make(planned, new, FACILITATOR)
    state = run(state, MergeThemes(theme_id=phones, into_id=staff), FACILITATOR)
    assert list(state.themes) == [appointments, staff]
