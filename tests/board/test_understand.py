"""Understand: root causes as a tree under each theme, merged, chosen, edited and removed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from board import Actor, Board, BoardError, Command, Role, decide
from board.causes import AddCause, CauseAdded, CausesMerged, ChooseCauses, MergeCauses
from board.edits import DeleteItem, EditText, ItemDeleted, TextEdited
from board.room import SetStage
from board.success import AddSuccess
from board.values import Cause, Perspective, Stage
from board.voting import OpenRound
from tests.board.conftest import FACILITATOR, P1, Step, make, the


def refused(state: Board, command: Command, actor: Actor = FACILITATOR) -> str:
    with pytest.raises(BoardError) as caught:
        decide(state, command, actor)
    return caught.value.code


def test_a_why_about_a_theme_is_a_root_cause_with_no_parent(understanding: Board) -> None:
    appointments = the(understanding, "Appointments")
    assert decide(
        understanding, AddCause(theme_id=appointments, text="Few staff"), FACILITATOR
    ) == [
        CauseAdded(
            seq=understanding.seq + 1,
            cause=Cause(id=f"c{understanding.next_id}", theme_id=appointments, text="Few staff"),
            by_facilitator=True,
        )
    ]


def test_a_why_about_a_cause_hangs_under_it(planned: Board) -> None:
    appointments = the(planned, "Appointments")
    funding = the(planned, "The funding was cut")
    [event] = decide(
        planned, AddCause(theme_id=appointments, parent_id=funding, text="Less money"), FACILITATOR
    )
    assert isinstance(event, CauseAdded)
    assert (event.cause.parent_id, event.cause.theme_id) == (funding, appointments)


def test_a_participants_cause_remembers_its_author(understanding: Board) -> None:
    appointments = the(understanding, "Appointments")
    [event] = decide(understanding, AddCause(theme_id=appointments, text="Few staff"), P1)
    assert isinstance(event, CauseAdded)
    assert event.cause.author == "p1"


def test_a_facilitators_cause_has_no_author(understanding: Board) -> None:
    appointments = the(understanding, "Appointments")
    [event] = decide(understanding, AddCause(theme_id=appointments, text="Few staff"), FACILITATOR)
    assert isinstance(event, CauseAdded)
    assert event.cause.author is None


def test_a_stranger_cannot_add_a_cause(understanding: Board) -> None:
    appointments = the(understanding, "Appointments")
    stranger = Actor(role=Role.PARTICIPANT, participant_id="p9")
    assert refused(understanding, AddCause(theme_id=appointments, text="x"), stranger) == (
        "unknown_participant"
    )


def test_a_cause_needs_a_theme_on_the_board(understanding: Board) -> None:
    assert refused(understanding, AddCause(theme_id="t99", text="x")) == "unknown_theme"


def test_a_cause_under_an_unknown_cause_is_refused(understanding: Board) -> None:
    appointments = the(understanding, "Appointments")
    assert refused(understanding, AddCause(theme_id=appointments, parent_id="c99", text="x")) == (
        "unknown_cause"
    )


def test_a_cause_under_a_cause_of_another_theme_is_refused(planned: Board) -> None:
    appointments = the(planned, "Appointments")
    staff_change = the(planned, "Staff change often")
    assert (
        refused(planned, AddCause(theme_id=appointments, parent_id=staff_change, text="x"))
        == "wrong_theme"
    )


def test_merging_moves_the_answers_and_success_statements_to_the_other_cause(
    planned: Board, run: Step
) -> None:
    appointments = the(planned, "Appointments")
    receptionists = the(planned, "Too few receptionists")
    funding = the(planned, "The funding was cut")
    first_time = the(planned, "I get through first time")
    less_money = AddCause(theme_id=appointments, parent_id=funding, text="Less money")
    state, less_money_id = make(planned, less_money, FACILITATOR)
    state = run(state, MergeCauses(cause_id=funding, into_id=receptionists), FACILITATOR)
    assert funding not in state.causes
    assert state.causes[less_money_id].parent_id == receptionists
    assert state.successes[first_time].cause_id == receptionists


def test_the_merge_event_keeps_the_folded_cause_whole(planned: Board) -> None:
    receptionists = the(planned, "Too few receptionists")
    funding = the(planned, "The funding was cut")
    first_time = the(planned, "I get through first time")
    assert decide(planned, MergeCauses(cause_id=funding, into_id=receptionists), FACILITATOR) == [
        CausesMerged(
            seq=planned.seq + 1,
            cause=planned.causes[funding],
            into_id=receptionists,
            children=(),
            successes=(first_time,),
            into_chosen=False,
        )
    ]


def test_a_chosen_cause_merged_makes_the_other_chosen(planned: Board, run: Step) -> None:
    receptionists = the(planned, "Too few receptionists")
    funding = the(planned, "The funding was cut")
    state = run(planned, MergeCauses(cause_id=funding, into_id=receptionists), FACILITATOR)
    assert state.causes[receptionists].chosen


def test_a_cause_cannot_merge_into_itself(planned: Board) -> None:
    receptionists = the(planned, "Too few receptionists")
    assert (
        refused(planned, MergeCauses(cause_id=receptionists, into_id=receptionists)) == "same_cause"
    )


def test_causes_of_different_themes_cannot_merge(planned: Board) -> None:
    receptionists = the(planned, "Too few receptionists")
    staff_change = the(planned, "Staff change often")
    assert (
        refused(planned, MergeCauses(cause_id=staff_change, into_id=receptionists)) == "wrong_theme"
    )


def test_a_cause_cannot_merge_into_one_of_its_own_answers(planned: Board) -> None:
    receptionists = the(planned, "Too few receptionists")
    funding = the(planned, "The funding was cut")
    assert refused(planned, MergeCauses(cause_id=receptionists, into_id=funding)) == "cause_loop"


def test_a_cause_cannot_merge_into_a_deeper_answer(planned: Board, run: Step) -> None:
    appointments = the(planned, "Appointments")
    receptionists = the(planned, "Too few receptionists")
    funding = the(planned, "The funding was cut")
    less_money = AddCause(theme_id=appointments, parent_id=funding, text="Less money")
    state, less_money_id = make(planned, less_money, FACILITATOR)
    assert (
        refused(state, MergeCauses(cause_id=receptionists, into_id=less_money_id)) == "cause_loop"
    )


def test_a_cause_can_merge_into_the_cause_above_it(planned: Board, run: Step) -> None:
    receptionists = the(planned, "Too few receptionists")
    funding = the(planned, "The funding was cut")
    staff_change = the(planned, "Staff change often")
    state = run(planned, MergeCauses(cause_id=funding, into_id=receptionists), FACILITATOR)
    assert list(state.causes) == [receptionists, staff_change]


@pytest.mark.parametrize(
    "command",
    [
        lambda known: MergeCauses(cause_id="c99", into_id=known),
        lambda known: MergeCauses(cause_id=known, into_id="c99"),
    ],
)
def test_merging_an_unknown_cause_is_refused(
    planned: Board, command: Callable[[str], MergeCauses]
) -> None:
    assert refused(planned, command(the(planned, "Too few receptionists"))) == "unknown_cause"


def test_a_cause_in_an_unfinished_vote_cannot_be_merged(planned: Board, run: Step) -> None:
    receptionists = the(planned, "Too few receptionists")
    funding = the(planned, "The funding was cut")
    state = run(planned, OpenRound(items=(receptionists, funding)), FACILITATOR)
    assert refused(state, MergeCauses(cause_id=funding, into_id=receptionists)) == "in_open_vote"


def test_nothing_can_be_merged_into_a_cause_in_an_unfinished_vote(
    planned: Board, run: Step
) -> None:
    receptionists = the(planned, "Too few receptionists")
    funding = the(planned, "The funding was cut")
    state = run(planned, OpenRound(items=(receptionists,)), FACILITATOR)
    assert refused(state, MergeCauses(cause_id=funding, into_id=receptionists)) == "in_open_vote"


def test_choosing_causes_replaces_the_choice(planned: Board, run: Step) -> None:
    receptionists = the(planned, "Too few receptionists")
    funding = the(planned, "The funding was cut")
    staff_change = the(planned, "Staff change often")
    every = (receptionists, funding, staff_change)
    state = run(planned, ChooseCauses(cause_ids=every), FACILITATOR)
    assert [c.id for c in state.causes.values() if c.chosen] == list(every)
    state = run(state, ChooseCauses(cause_ids=(funding,)), FACILITATOR)
    assert [c.id for c in state.causes.values() if c.chosen] == [funding]


def test_choosing_nothing_clears_the_choice(planned: Board, run: Step) -> None:
    state = planned
    # The success statement, and what hangs on it.
    for words in ("Set up online booking", "Online booking", "I get through first time"):
        state = run(state, DeleteItem(item_id=the(state, words)), FACILITATOR)
    state = run(state, ChooseCauses(cause_ids=()), FACILITATOR)
    assert not any(c.chosen for c in state.causes.values())


def test_a_cause_with_success_statements_stays_chosen(planned: Board) -> None:
    with pytest.raises(BoardError) as caught:
        receptionists = the(planned, "Too few receptionists")
        decide(planned, ChooseCauses(cause_ids=(receptionists,)), FACILITATOR)
    assert (caught.value.code, caught.value.message) == (
        "in_use",
        "The root cause “The funding was cut” has a success statement. Keep it chosen, or "
        "remove those first.",
    )


def test_a_cause_chosen_twice_is_listed_once(planned: Board) -> None:
    funding = the(planned, "The funding was cut")
    [event] = decide(planned, ChooseCauses(cause_ids=(funding, funding)), FACILITATOR)
    assert event.cause_ids == (funding,)  # type: ignore[union-attr]


def test_choosing_an_unknown_cause_is_refused(planned: Board) -> None:
    receptionists = the(planned, "Too few receptionists")
    assert refused(planned, ChooseCauses(cause_ids=(receptionists, "c99"))) == "unknown_cause"


def test_a_cause_can_be_reworded(planned: Board, run: Step) -> None:
    receptionists = the(planned, "Too few receptionists")
    command = EditText(item_id=receptionists, text="Too few staff on the phones")
    assert decide(planned, command, FACILITATOR) == [
        TextEdited(
            seq=planned.seq + 1,
            item_id=receptionists,
            text="Too few staff on the phones",
            previous="Too few receptionists",
        )
    ]
    assert (
        run(planned, command, FACILITATOR).causes[receptionists].text
        == "Too few staff on the phones"
    )


def test_rewording_to_the_same_words_is_refused(planned: Board) -> None:
    receptionists = the(planned, "Too few receptionists")
    assert refused(planned, EditText(item_id=receptionists, text="Too few receptionists")) == (
        "nothing_to_change"
    )


def test_rewording_something_unknown_is_refused(planned: Board) -> None:
    assert refused(planned, EditText(item_id="x1", text="words")) == "unknown_item"


def test_a_cause_with_no_answers_can_be_removed(planned: Board, run: Step) -> None:
    staff_change = the(planned, "Staff change often")
    assert decide(planned, DeleteItem(item_id=staff_change), FACILITATOR) == [
        ItemDeleted(seq=planned.seq + 1, item=planned.causes[staff_change])
    ]
    assert staff_change not in run(planned, DeleteItem(item_id=staff_change), FACILITATOR).causes


def test_a_cause_with_an_answer_under_it_cannot_be_removed(planned: Board) -> None:
    receptionists = the(planned, "Too few receptionists")
    assert refused(planned, DeleteItem(item_id=receptionists)) == "in_use"


def test_a_cause_with_a_success_statement_cannot_be_removed(planned: Board) -> None:
    funding = the(planned, "The funding was cut")
    assert refused(planned, DeleteItem(item_id=funding)) == "in_use"


def test_a_cause_in_a_vote_cannot_be_removed(planned: Board, run: Step) -> None:
    staff_change = the(planned, "Staff change often")
    state = run(planned, OpenRound(items=(staff_change,)), FACILITATOR)
    assert refused(state, DeleteItem(item_id=staff_change)) == "in_use"


def test_removing_something_unknown_is_refused(planned: Board) -> None:
    assert refused(planned, DeleteItem(item_id="c99")) == "unknown_item"


def test_success_for_an_unknown_cause_is_refused(planned: Board, run: Step) -> None:
    state = run(planned, SetStage(stage=Stage.SUCCESS), FACILITATOR)
    command = AddSuccess(cause_id="c99", perspective=Perspective.PERSON, text="x")
    assert refused(state, command, P1) == "unknown_cause"


def test_participants_ask_why_only_about_themes_taken_forward(understanding: Board) -> None:
    staff = the(understanding, "Staff")
    assert refused(understanding, AddCause(theme_id=staff, text="Few staff"), P1) == "not_carried"
    [added] = decide(understanding, AddCause(theme_id=staff, text="Few staff"), FACILITATOR)
    assert isinstance(added, CauseAdded) and added.cause.theme_id == staff
