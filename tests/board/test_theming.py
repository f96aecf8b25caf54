"""Themes: create, rename, merge, split, delete; moving cards; suggested moves."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from board import (
    Actor,
    Board,
    BoardError,
    Command,
    Role,
    Stage,
    apply,
    decide,
    project_event,
    project_state,
)
from board.room import SetStage
from board.statements import AddStatements, SetCardVisibility, WriteStatement
from board.suggestions import (
    AcceptSuggestion,
    DismissSuggestion,
    MoveSuggested,
    SetThemingMode,
    SuggestionSettled,
    SuggestMove,
)
from board.theming import (
    CreateTheme,
    DeleteTheme,
    MergeThemes,
    MoveStatement,
    MoveStatements,
    NewTheme,
    SplitTheme,
    StatementMoved,
    StatementsMoved,
    ThemeCreated,
    ThemeDeleted,
    ThemeMerged,
    ThemeUpdated,
    UpdateTheme,
)
from board.values import Category, NewStatement, Suggestion, Theme
from board.voting import CarryForward, OpenRound
from tests.board.conftest import make, the

Step = Callable[[Board, Command, Actor], Board]

FACILITATOR = Actor(role=Role.FACILITATOR)
WALL = Actor(role=Role.WALL)
ANYONE = Actor(role=Role.PARTICIPANT)
P1 = Actor(role=Role.PARTICIPANT, participant_id="p1")
P2 = Actor(role=Role.PARTICIPANT, participant_id="p2")
NOT_WORKING = Category.NOT_WORKING


def refused(state: Board, command: Command, actor: Actor) -> BoardError:
    with pytest.raises(BoardError) as caught:
        decide(state, command, actor)
    return caught.value


@pytest.fixture
def theming(collected: Board, run: Step) -> Board:
    """At theme: Statements 1–4 not working, "Rehab classes" working; theme "Appointments"
    holds Statements 1 and 2, theme "Staff" is empty."""
    state = run(collected, SetStage(stage=Stage.THEME), FACILITATOR)
    working = NewStatement(category=Category.WORKING, text="Rehab classes")
    state = run(state, AddStatements(statements=(working,)), FACILITATOR)
    state, appointments = make(
        state, CreateTheme(category=NOT_WORKING, title="Appointments"), FACILITATOR
    )
    state = run(state, CreateTheme(category=NOT_WORKING, title="Staff"), FACILITATOR)
    for card in ("Statement 1", "Statement 2"):
        state = run(
            state, MoveStatement(statement_id=the(state, card), theme_id=appointments), FACILITATOR
        )
    return state


@pytest.fixture
def suggesting(theming: Board, run: Step) -> Board:
    """Facilitators move cards; p1 has suggested Statement 3 → "Appointments" (the only
    suggestion)."""
    card3 = the(theming, "Statement 3")
    appointments = the(theming, "Appointments")
    state = run(theming, SetThemingMode(mode="facilitators"), FACILITATOR)
    return run(state, SuggestMove(statement_id=card3, theme_id=appointments), P1)


# --- creating and renaming ----------------------------------------------------------


def test_create_theme_takes_the_next_id(theming: Board) -> None:
    next_theme = f"t{theming.next_id}"
    command = CreateTheme(category=NOT_WORKING, title=" Breathing ", i_statement="I can't")
    assert decide(theming, command, P1) == [
        ThemeCreated(
            seq=theming.seq + 1,
            theme=Theme(
                id=next_theme, category=NOT_WORKING, title="Breathing", i_statement="I can't"
            ),
        )
    ]


def test_update_theme_changes_only_what_is_given(theming: Board) -> None:
    appointments = the(theming, "Appointments")
    command = UpdateTheme(
        theme_id=appointments, i_statement="I can't get appointments when I want them"
    )
    assert decide(theming, command, FACILITATOR) == [
        ThemeUpdated(
            seq=theming.seq + 1,
            theme=Theme(
                id=appointments,
                category=NOT_WORKING,
                title="Appointments",
                i_statement="I can't get appointments when I want them",
            ),
            previous=theming.themes[appointments],
            by_facilitator=True,
        )
    ]


def test_update_theme_with_nothing_to_change_is_refused(theming: Board) -> None:
    appointments = the(theming, "Appointments")
    assert (
        refused(theming, UpdateTheme(theme_id=appointments), FACILITATOR).code
        == "nothing_to_change"
    )


def test_update_of_an_unknown_theme_is_refused(theming: Board) -> None:
    command = UpdateTheme(theme_id="t99", title="x")
    assert refused(theming, command, FACILITATOR).code == "unknown_theme"


# --- moving cards -------------------------------------------------------------------


def test_moving_a_card_records_where_it_was(theming: Board) -> None:
    card2 = the(theming, "Statement 2")
    appointments = the(theming, "Appointments")
    staff = the(theming, "Staff")
    assert decide(theming, MoveStatement(statement_id=card2, theme_id=staff), P1) == [
        StatementMoved(
            seq=theming.seq + 1, statement_id=card2, theme_id=staff, previous=appointments
        )
    ]


def test_a_card_can_go_back_to_not_yet_themed(theming: Board, run: Step) -> None:
    card1 = the(theming, "Statement 1")
    state = run(theming, MoveStatement(statement_id=card1), P1)
    assert state.statements[card1].theme_id is None


def test_moving_a_card_where_it_already_is_is_refused(theming: Board) -> None:
    card1 = the(theming, "Statement 1")
    appointments = the(theming, "Appointments")
    error = refused(theming, MoveStatement(statement_id=card1, theme_id=appointments), P1)
    assert error.code == "already_there"


def test_a_card_cannot_join_a_theme_of_another_category(theming: Board) -> None:
    rehab = the(theming, "Rehab classes")
    appointments = the(theming, "Appointments")
    error = refused(theming, MoveStatement(statement_id=rehab, theme_id=appointments), P1)
    assert (error.code, error.message) == (
        "wrong_category",
        "This statement is about “working”. That theme is about “not working”.",
    )


def test_moving_an_unknown_card_is_refused(theming: Board) -> None:
    appointments = the(theming, "Appointments")
    error = refused(theming, MoveStatement(statement_id="s99", theme_id=appointments), P1)
    assert error.code == "unknown_statement"


def test_moving_a_card_into_an_unknown_theme_is_refused(theming: Board) -> None:
    card3 = the(theming, "Statement 3")
    error = refused(theming, MoveStatement(statement_id=card3, theme_id="t99"), P1)
    assert error.code == "unknown_theme"


def test_the_last_move_of_a_card_wins(theming: Board, run: Step) -> None:
    card3 = the(theming, "Statement 3")
    appointments = the(theming, "Appointments")
    staff = the(theming, "Staff")
    state = run(theming, MoveStatement(statement_id=card3, theme_id=appointments), P1)
    state = run(state, MoveStatement(statement_id=card3, theme_id=staff), P2)
    assert state.statements[card3].theme_id == staff


def test_facilitators_move_cards_at_any_stage(theming: Board, run: Step) -> None:
    card3 = the(theming, "Statement 3")
    staff = the(theming, "Staff")
    state = run(theming, SetStage(stage=Stage.PLAN), FACILITATOR)
    events = decide(state, MoveStatement(statement_id=card3, theme_id=staff), FACILITATOR)
    assert [e.type for e in events] == ["statement_moved"]


def test_participants_move_cards_only_while_theming(theming: Board, run: Step) -> None:
    card3 = the(theming, "Statement 3")
    staff = the(theming, "Staff")
    state = run(theming, SetStage(stage=Stage.PRIORITISE), FACILITATOR)
    error = refused(state, MoveStatement(statement_id=card3, theme_id=staff), P1)
    assert error.code == "stage_closed"


def test_participants_cannot_move_cards_when_facilitators_theme(suggesting: Board) -> None:
    card3 = the(suggesting, "Statement 3")
    staff = the(suggesting, "Staff")
    error = refused(suggesting, MoveStatement(statement_id=card3, theme_id=staff), P1)
    assert (error.code, error.message) == (
        "facilitators_only",
        "The facilitator is moving the cards now. You can suggest a move.",
    )


def test_the_wall_cannot_move_cards(theming: Board) -> None:
    card3 = the(theming, "Statement 3")
    staff = the(theming, "Staff")
    error = refused(theming, MoveStatement(statement_id=card3, theme_id=staff), WALL)
    assert error.code == "not_allowed"


# --- moving several cards at once ---------------------------------------------------


def test_moving_several_cards_is_one_event_saying_where_each_was(theming: Board) -> None:
    card1 = the(theming, "Statement 1")
    card3 = the(theming, "Statement 3")
    card4 = the(theming, "Statement 4")
    appointments = the(theming, "Appointments")
    staff = the(theming, "Staff")
    command = MoveStatements(statement_ids=(card1, card3, card4), theme_id=staff)
    assert decide(theming, command, P1) == [
        StatementsMoved(
            seq=theming.seq + 1,
            statement_ids=(card1, card3, card4),
            theme_id=staff,
            previous=(appointments, None, None),
        )
    ]


def test_several_cards_can_go_back_to_not_yet_themed(theming: Board, run: Step) -> None:
    card1 = the(theming, "Statement 1")
    card2 = the(theming, "Statement 2")
    state = run(theming, MoveStatements(statement_ids=(card1, card2)), FACILITATOR)
    assert [state.statements[s].theme_id for s in (card1, card2)] == [None, None]


def test_a_new_theme_is_made_and_filled_by_one_command(theming: Board, run: Step) -> None:
    card1 = the(theming, "Statement 1")
    card3 = the(theming, "Statement 3")
    appointments = the(theming, "Appointments")
    phones = f"t{theming.next_id}"
    new = NewTheme(title=" Phones ", i_statement="I can't get through")
    command = MoveStatements(statement_ids=(card3, card1), new_theme=new)
    events = decide(theming, command, P1)
    assert events == [
        ThemeCreated(
            seq=theming.seq + 1,
            theme=Theme(
                id=phones, category=NOT_WORKING, title="Phones", i_statement="I can't get through"
            ),
        ),
        StatementsMoved(
            seq=theming.seq + 2,
            statement_ids=(card3, card1),
            theme_id=phones,
            previous=(None, appointments),
        ),
    ]
    state = run(theming, command, P1)
    assert [state.statements[s].theme_id for s in (card1, card3)] == [phones, phones]


def test_cards_already_there_stay_and_the_rest_move(theming: Board) -> None:
    card1 = the(theming, "Statement 1")
    card3 = the(theming, "Statement 3")
    appointments = the(theming, "Appointments")
    [event] = decide(
        theming, MoveStatements(statement_ids=(card1, card3), theme_id=appointments), P1
    )
    assert isinstance(event, StatementsMoved) and event.statement_ids == (card3,)


def test_moving_cards_all_already_there_is_refused(theming: Board) -> None:
    card1 = the(theming, "Statement 1")
    card2 = the(theming, "Statement 2")
    appointments = the(theming, "Appointments")
    command = MoveStatements(statement_ids=(card1, card2), theme_id=appointments)
    assert refused(theming, command, P1).code == "already_there"


def test_a_card_named_twice_moves_once(theming: Board) -> None:
    card3 = the(theming, "Statement 3")
    staff = the(theming, "Staff")
    [event] = decide(theming, MoveStatements(statement_ids=(card3, card3), theme_id=staff), P1)
    assert isinstance(event, StatementsMoved) and event.statement_ids == (card3,)


def test_cards_of_two_questions_cannot_move_together(theming: Board) -> None:
    card3 = the(theming, "Statement 3")
    rehab = the(theming, "Rehab classes")
    staff = the(theming, "Staff")
    command = MoveStatements(statement_ids=(card3, rehab), new_theme=NewTheme(title="Mixed"))
    assert refused(theming, command, FACILITATOR).code == "wrong_category"
    command = MoveStatements(statement_ids=(card3, rehab), theme_id=staff)
    assert refused(theming, command, FACILITATOR).code == "wrong_category"


def test_moving_an_unknown_card_among_others_changes_nothing(theming: Board) -> None:
    card3 = the(theming, "Statement 3")
    staff = the(theming, "Staff")
    command = MoveStatements(statement_ids=(card3, "s99"), theme_id=staff)
    assert refused(theming, command, P1).code == "unknown_statement"


def test_a_move_names_one_place_only() -> None:
    with pytest.raises(ValueError, match="not both"):
        MoveStatements(statement_ids=("s1",), theme_id="t6", new_theme=NewTheme(title="x"))
    with pytest.raises(ValueError):
        MoveStatements(statement_ids=())


def test_participants_move_several_cards_only_when_they_may_move_one(
    suggesting: Board, theming: Board, run: Step
) -> None:
    card3 = the(suggesting, "Statement 3")
    card4 = the(suggesting, "Statement 4")
    staff = the(suggesting, "Staff")
    command = MoveStatements(statement_ids=(card3, card4), theme_id=staff)
    assert refused(suggesting, command, P1).code == "facilitators_only"
    later = run(theming, SetStage(stage=Stage.PRIORITISE), FACILITATOR)
    assert refused(later, command, P1).code == "stage_closed"
    assert refused(theming, command, WALL).code == "not_allowed"


def test_a_hidden_card_moves_apart_and_only_its_author_and_facilitators_hear(
    theming: Board, run: Step
) -> None:
    card3 = the(theming, "Statement 3")
    staff = the(theming, "Staff")
    state = run(theming, SetStage(stage=Stage.COLLECT), FACILITATOR)
    state = run(state, SetCardVisibility(hide_new=True), FACILITATOR)
    state = run(state, WriteStatement(category=NOT_WORKING, text="Nobody rings back"), P2)
    [hidden] = [s.id for s in state.statements.values() if s.hidden]
    state = run(state, SetStage(stage=Stage.THEME), FACILITATOR)
    command = MoveStatements(statement_ids=(card3, hidden), theme_id=staff)
    together, apart = decide(state, command, FACILITATOR)
    assert isinstance(together, StatementsMoved) and together.statement_ids == (card3,)
    assert isinstance(apart, StatementMoved) and apart.statement_id == hidden
    after = apply(apply(state, together), apart)
    assert after.statements[hidden].theme_id == staff
    for viewer in (P1, WALL):
        assert hidden not in repr(project_event(apart, after, viewer))
    assert project_event(apart, after, FACILITATOR)["statement_id"] == hidden


def test_every_screen_is_told_of_the_cards_it_can_see(theming: Board, run: Step) -> None:
    card3 = the(theming, "Statement 3")
    card4 = the(theming, "Statement 4")
    staff = the(theming, "Staff")
    command = MoveStatements(statement_ids=(card3, card4), theme_id=staff)
    [event] = decide(theming, command, FACILITATOR)
    after = apply(theming, event)
    for viewer in (FACILITATOR, WALL, P1):
        # Facilitators also learn a facilitator moved them (their console can undo it).
        by = {"by_facilitator": True} if viewer == FACILITATOR else {}
        assert project_event(event, after, viewer) == {
            "seq": event.seq,
            "type": "statements_moved",
            "statement_ids": [card3, card4],
            "theme_id": staff,
            "previous": [None, None],
            **by,
        }
    themed = project_state(after, P1)["statements"]
    assert {s["id"]: s["theme_id"] for s in themed}[card4] == staff


# --- merging ------------------------------------------------------------------------


def test_merging_moves_every_card_and_removes_the_theme(theming: Board, run: Step) -> None:
    card1 = the(theming, "Statement 1")
    card2 = the(theming, "Statement 2")
    appointments = the(theming, "Appointments")
    staff = the(theming, "Staff")
    command = MergeThemes(theme_id=appointments, into_id=staff)
    assert decide(theming, command, FACILITATOR) == [
        ThemeMerged(
            seq=theming.seq + 1,
            theme_id=appointments,
            theme=theming.themes[appointments],
            into_id=staff,
            moved=(card1, card2),
            carried=theming.carried,
        )
    ]
    state = run(theming, command, FACILITATOR)
    assert list(state.themes) == [staff]
    assert [state.statements[s].theme_id for s in (card1, card2)] == [staff, staff]


def test_a_theme_cannot_merge_into_itself(theming: Board) -> None:
    appointments = the(theming, "Appointments")
    error = refused(theming, MergeThemes(theme_id=appointments, into_id=appointments), FACILITATOR)
    assert error.code == "same_theme"


def test_themes_of_different_categories_cannot_merge(theming: Board, run: Step) -> None:
    appointments = the(theming, "Appointments")
    state, rehab = make(theming, CreateTheme(category=Category.WORKING, title="Rehab"), FACILITATOR)
    error = refused(state, MergeThemes(theme_id=appointments, into_id=rehab), FACILITATOR)
    assert error.code == "wrong_category"


def test_merging_an_unknown_theme_is_refused(theming: Board) -> None:
    appointments = the(theming, "Appointments")
    error = refused(theming, MergeThemes(theme_id="t99", into_id=appointments), FACILITATOR)
    assert error.code == "unknown_theme"


def test_a_theme_being_voted_on_cannot_be_merged_away(theming: Board, run: Step) -> None:
    appointments = the(theming, "Appointments")
    staff = the(theming, "Staff")
    state = run(theming, OpenRound(items=(appointments, staff)), FACILITATOR)
    error = refused(state, MergeThemes(theme_id=appointments, into_id=staff), FACILITATOR)
    assert error.code == "in_open_vote"


def test_a_merged_carried_theme_is_carried_as_the_theme_it_joined(
    theming: Board, run: Step
) -> None:
    card4 = the(theming, "Statement 4")
    appointments = the(theming, "Appointments")
    staff = the(theming, "Staff")
    state = run(theming, CarryForward(items=(card4, appointments)), FACILITATOR)
    state = run(state, MergeThemes(theme_id=appointments, into_id=staff), FACILITATOR)
    assert state.carried == (card4, staff)


def test_merging_two_carried_themes_carries_one(theming: Board, run: Step) -> None:
    appointments = the(theming, "Appointments")
    staff = the(theming, "Staff")
    state = run(theming, CarryForward(items=(appointments, staff)), FACILITATOR)
    state = run(state, MergeThemes(theme_id=appointments, into_id=staff), FACILITATOR)
    assert state.carried == (staff,)


# --- splitting ----------------------------------------------------------------------


def test_splitting_makes_a_new_theme_and_moves_the_chosen_cards(theming: Board) -> None:
    card2 = the(theming, "Statement 2")
    appointments = the(theming, "Appointments")
    split_off = f"t{theming.next_id}"
    command = SplitTheme(theme_id=appointments, statements=(card2,), title="Phoning the surgery")
    assert decide(theming, command, FACILITATOR) == [
        ThemeCreated(
            seq=theming.seq + 1,
            theme=Theme(id=split_off, category=NOT_WORKING, title="Phoning the surgery"),
            by_facilitator=True,
        ),
        StatementMoved(
            seq=theming.seq + 2,
            statement_id=card2,
            theme_id=split_off,
            previous=appointments,
            by_facilitator=True,
        ),
    ]


def test_splitting_moves_a_card_named_twice_once(theming: Board, run: Step) -> None:
    card2 = the(theming, "Statement 2")
    appointments = the(theming, "Appointments")
    command = SplitTheme(theme_id=appointments, statements=(card2, card2), title="Phones")
    events = decide(theming, command, FACILITATOR)
    assert [e.type for e in events] == ["theme_created", "statement_moved"]


def test_splitting_off_cards_of_another_theme_is_refused(theming: Board) -> None:
    card3 = the(theming, "Statement 3")
    appointments = the(theming, "Appointments")
    command = SplitTheme(theme_id=appointments, statements=(card3,), title="Phones")
    assert refused(theming, command, FACILITATOR).code == "not_in_theme"


def test_splitting_off_an_unknown_card_is_refused(theming: Board) -> None:
    appointments = the(theming, "Appointments")
    command = SplitTheme(theme_id=appointments, statements=("s99",), title="Phones")
    assert refused(theming, command, FACILITATOR).code == "unknown_statement"


# --- deleting -----------------------------------------------------------------------


def test_deleting_a_theme_sends_its_cards_back_to_not_yet_themed(theming: Board, run: Step) -> None:
    card1 = the(theming, "Statement 1")
    card2 = the(theming, "Statement 2")
    appointments = the(theming, "Appointments")
    assert decide(theming, DeleteTheme(theme_id=appointments), FACILITATOR) == [
        ThemeDeleted(
            seq=theming.seq + 1,
            theme_id=appointments,
            theme=theming.themes[appointments],
            released=(card1, card2),
            carried=theming.carried,
        )
    ]
    state = run(theming, DeleteTheme(theme_id=appointments), FACILITATOR)
    assert (appointments in state.themes, state.statements[card1].theme_id) == (False, None)


def test_a_deleted_theme_is_no_longer_carried(theming: Board, run: Step) -> None:
    appointments = the(theming, "Appointments")
    staff = the(theming, "Staff")
    state = run(theming, CarryForward(items=(appointments, staff)), FACILITATOR)
    state = run(state, DeleteTheme(theme_id=appointments), FACILITATOR)
    assert state.carried == (staff,)


def test_a_theme_being_voted_on_cannot_be_deleted(theming: Board, run: Step) -> None:
    appointments = the(theming, "Appointments")
    state = run(theming, OpenRound(items=(appointments,)), FACILITATOR)
    assert refused(state, DeleteTheme(theme_id=appointments), FACILITATOR).code == "in_open_vote"


def test_deleting_an_unknown_theme_is_refused(theming: Board) -> None:
    assert refused(theming, DeleteTheme(theme_id="t99"), FACILITATOR).code == "unknown_theme"


# --- who moves cards, and suggested moves -------------------------------------------


def test_setting_the_theming_mode_it_already_has_is_refused(theming: Board) -> None:
    error = refused(theming, SetThemingMode(mode="everyone"), FACILITATOR)
    assert error.code == "already_set"


def test_a_suggestion_records_who_made_it(theming: Board, run: Step) -> None:
    card3 = the(theming, "Statement 3")
    appointments = the(theming, "Appointments")
    state = run(theming, SetThemingMode(mode="facilitators"), FACILITATOR)
    next_suggestion = f"m{state.next_id}"
    assert decide(state, SuggestMove(statement_id=card3, theme_id=appointments), P1) == [
        MoveSuggested(
            seq=state.seq + 1,
            suggestion=Suggestion(
                id=next_suggestion, statement_id=card3, theme_id=appointments, by="p1"
            ),
        )
    ]


def test_a_suggestion_must_fit_the_category(suggesting: Board) -> None:
    rehab = the(suggesting, "Rehab classes")
    appointments = the(suggesting, "Appointments")
    error = refused(suggesting, SuggestMove(statement_id=rehab, theme_id=appointments), P1)
    assert error.code == "wrong_category"


def test_suggesting_when_everyone_moves_cards_is_refused(theming: Board) -> None:
    card3 = the(theming, "Statement 3")
    appointments = the(theming, "Appointments")
    error = refused(theming, SuggestMove(statement_id=card3, theme_id=appointments), P1)
    assert (error.code, error.message) == (
        "move_it_yourself",
        "Everyone can move cards now. Move it yourself.",
    )


def test_a_stranger_cannot_suggest(theming: Board, run: Step) -> None:
    card3 = the(theming, "Statement 3")
    appointments = the(theming, "Appointments")
    state = run(theming, SetThemingMode(mode="facilitators"), FACILITATOR)
    error = refused(state, SuggestMove(statement_id=card3, theme_id=appointments), ANYONE)
    assert error.code == "unknown_participant"


def test_accepting_a_suggestion_moves_the_card(suggesting: Board, run: Step) -> None:
    card3 = the(suggesting, "Statement 3")
    appointments = the(suggesting, "Appointments")
    suggestion = next(iter(suggesting.suggestions))
    assert decide(suggesting, AcceptSuggestion(suggestion_id=suggestion), FACILITATOR) == [
        SuggestionSettled(
            seq=suggesting.seq + 1,
            suggestion_id=suggestion,
            accepted=True,
            suggestion=suggesting.suggestions[suggestion],
        ),
        StatementMoved(
            seq=suggesting.seq + 2,
            statement_id=card3,
            theme_id=appointments,
            previous=None,
            by_facilitator=True,
        ),
    ]
    state = run(suggesting, AcceptSuggestion(suggestion_id=suggestion), FACILITATOR)
    assert (state.suggestions, state.statements[card3].theme_id) == ({}, appointments)


def test_accepting_a_move_already_made_only_settles_it(suggesting: Board, run: Step) -> None:
    card3 = the(suggesting, "Statement 3")
    appointments = the(suggesting, "Appointments")
    suggestion = next(iter(suggesting.suggestions))
    state = run(suggesting, MoveStatement(statement_id=card3, theme_id=appointments), FACILITATOR)
    events = decide(state, AcceptSuggestion(suggestion_id=suggestion), FACILITATOR)
    assert [e.type for e in events] == ["suggestion_settled"]


def test_accepting_a_move_into_a_deleted_theme_is_refused(suggesting: Board, run: Step) -> None:
    appointments = the(suggesting, "Appointments")
    suggestion = next(iter(suggesting.suggestions))
    state = run(suggesting, DeleteTheme(theme_id=appointments), FACILITATOR)
    assert refused(state, AcceptSuggestion(suggestion_id=suggestion), FACILITATOR).code == (
        "unknown_theme"
    )


def test_dismissing_a_suggestion_leaves_the_card(suggesting: Board, run: Step) -> None:
    card3 = the(suggesting, "Statement 3")
    suggestion = next(iter(suggesting.suggestions))
    state = run(suggesting, DismissSuggestion(suggestion_id=suggestion), FACILITATOR)
    assert (state.suggestions, state.statements[card3].theme_id) == ({}, None)


def test_a_settled_suggestion_cannot_be_settled_again(suggesting: Board, run: Step) -> None:
    suggestion = next(iter(suggesting.suggestions))
    state = run(suggesting, DismissSuggestion(suggestion_id=suggestion), FACILITATOR)
    error = refused(state, AcceptSuggestion(suggestion_id=suggestion), FACILITATOR)
    assert error.code == "unknown_suggestion"


def test_suggestions_reach_only_facilitators_and_never_say_who(suggesting: Board) -> None:
    card3 = the(suggesting, "Statement 3")
    appointments = the(suggesting, "Appointments")
    suggestion = next(iter(suggesting.suggestions))
    assert project_state(suggesting, FACILITATOR)["suggestions"] == [
        {"id": suggestion, "statement_id": card3, "theme_id": appointments}
    ]
    for viewer in (WALL, P1, P2):
        assert "suggestions" not in project_state(suggesting, viewer)


def test_a_suggestion_event_is_redacted_for_everyone_but_facilitators(
    theming: Board, run: Step
) -> None:
    card3 = the(theming, "Statement 3")
    appointments = the(theming, "Appointments")
    state = run(theming, SetThemingMode(mode="facilitators"), FACILITATOR)
    [event] = decide(state, SuggestMove(statement_id=card3, theme_id=appointments), P1)
    after = apply(state, event)
    assert "by" not in project_event(event, after, FACILITATOR)["suggestion"]
    for viewer in (WALL, ANYONE, P1):
        assert project_event(event, after, viewer) == {"seq": event.seq, "type": "redacted"}


def test_a_settled_suggestion_event_is_redacted_for_everyone_but_facilitators(
    suggesting: Board,
) -> None:
    suggestion = next(iter(suggesting.suggestions))
    [event] = decide(suggesting, DismissSuggestion(suggestion_id=suggestion), FACILITATOR)
    after = apply(suggesting, event)
    assert project_event(event, after, FACILITATOR)["accepted"] is False
    assert project_event(event, after, WALL) == {"seq": event.seq, "type": "redacted"}


def test_someone_who_has_not_joined_cannot_theme(theming: Board) -> None:
    card3 = the(theming, "Statement 3")
    appointments = the(theming, "Appointments")
    stranger = Actor(role=Role.PARTICIPANT, participant_id="p99")
    command = MoveStatement(statement_id=card3, theme_id=appointments)
    assert refused(theming, command, stranger).code == "unknown_participant"
    assert refused(theming, command, ANYONE).code == "unknown_participant"


def test_a_move_event_for_a_card_the_board_never_had_is_refused(theming: Board) -> None:
    appointments = the(theming, "Appointments")
    stray = StatementMoved(
        seq=theming.seq + 1, statement_id="s404", theme_id=appointments, previous=None
    )
    with pytest.raises(BoardError) as caught:
        apply(theming, stray)
    assert caught.value.code == "unknown_statement"
