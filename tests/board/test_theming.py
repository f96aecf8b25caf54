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
    """At theme: s1–s4 not working, s5 working; t6 "Appointments" holds s1 and s2, t7 is empty."""
    state = run(collected, SetStage(stage=Stage.THEME), FACILITATOR)
    working = NewStatement(category=Category.WORKING, text="Rehab classes")
    state = run(state, AddStatements(statements=(working,)), FACILITATOR)
    state = run(state, CreateTheme(category=NOT_WORKING, title="Appointments"), FACILITATOR)
    state = run(state, CreateTheme(category=NOT_WORKING, title="Staff"), FACILITATOR)
    state = run(state, MoveStatement(statement_id="s1", theme_id="t6"), FACILITATOR)
    return run(state, MoveStatement(statement_id="s2", theme_id="t6"), FACILITATOR)


@pytest.fixture
def suggesting(theming: Board, run: Step) -> Board:
    """Facilitators move cards; p1 has suggested s3 → t6 (suggestion m8)."""
    state = run(theming, SetThemingMode(mode="facilitators"), FACILITATOR)
    return run(state, SuggestMove(statement_id="s3", theme_id="t6"), P1)


# --- creating and renaming ----------------------------------------------------------


def test_create_theme_takes_the_next_id(theming: Board) -> None:
    command = CreateTheme(category=NOT_WORKING, title=" Breathing ", i_statement="I can't")
    assert decide(theming, command, P1) == [
        ThemeCreated(
            seq=theming.seq + 1,
            theme=Theme(id="t8", category=NOT_WORKING, title="Breathing", i_statement="I can't"),
        )
    ]


def test_update_theme_changes_only_what_is_given(theming: Board) -> None:
    command = UpdateTheme(theme_id="t6", i_statement="I can't get appointments when I want them")
    assert decide(theming, command, FACILITATOR) == [
        ThemeUpdated(
            seq=theming.seq + 1,
            theme=Theme(
                id="t6",
                category=NOT_WORKING,
                title="Appointments",
                i_statement="I can't get appointments when I want them",
            ),
            previous=theming.themes["t6"],
            by_facilitator=True,
        )
    ]


def test_update_theme_with_nothing_to_change_is_refused(theming: Board) -> None:
    assert refused(theming, UpdateTheme(theme_id="t6"), FACILITATOR).code == "nothing_to_change"


def test_update_of_an_unknown_theme_is_refused(theming: Board) -> None:
    command = UpdateTheme(theme_id="t99", title="x")
    assert refused(theming, command, FACILITATOR).code == "unknown_theme"


# --- moving cards -------------------------------------------------------------------


def test_moving_a_card_records_where_it_was(theming: Board) -> None:
    assert decide(theming, MoveStatement(statement_id="s2", theme_id="t7"), P1) == [
        StatementMoved(seq=theming.seq + 1, statement_id="s2", theme_id="t7", previous="t6")
    ]


def test_a_card_can_go_back_to_not_yet_themed(theming: Board, run: Step) -> None:
    state = run(theming, MoveStatement(statement_id="s1"), P1)
    assert state.statements["s1"].theme_id is None


def test_moving_a_card_where_it_already_is_is_refused(theming: Board) -> None:
    error = refused(theming, MoveStatement(statement_id="s1", theme_id="t6"), P1)
    assert error.code == "already_there"


def test_a_card_cannot_join_a_theme_of_another_category(theming: Board) -> None:
    error = refused(theming, MoveStatement(statement_id="s5", theme_id="t6"), P1)
    assert (error.code, error.message) == (
        "wrong_category",
        "This statement is about “working”. That theme is about “not working”.",
    )


def test_moving_an_unknown_card_is_refused(theming: Board) -> None:
    error = refused(theming, MoveStatement(statement_id="s99", theme_id="t6"), P1)
    assert error.code == "unknown_statement"


def test_moving_a_card_into_an_unknown_theme_is_refused(theming: Board) -> None:
    error = refused(theming, MoveStatement(statement_id="s3", theme_id="t99"), P1)
    assert error.code == "unknown_theme"


def test_the_last_move_of_a_card_wins(theming: Board, run: Step) -> None:
    state = run(theming, MoveStatement(statement_id="s3", theme_id="t6"), P1)
    state = run(state, MoveStatement(statement_id="s3", theme_id="t7"), P2)
    assert state.statements["s3"].theme_id == "t7"


def test_facilitators_move_cards_at_any_stage(theming: Board, run: Step) -> None:
    state = run(theming, SetStage(stage=Stage.PLAN), FACILITATOR)
    events = decide(state, MoveStatement(statement_id="s3", theme_id="t7"), FACILITATOR)
    assert [e.type for e in events] == ["statement_moved"]


def test_participants_move_cards_only_while_theming(theming: Board, run: Step) -> None:
    state = run(theming, SetStage(stage=Stage.PRIORITISE), FACILITATOR)
    error = refused(state, MoveStatement(statement_id="s3", theme_id="t7"), P1)
    assert error.code == "stage_closed"


def test_participants_cannot_move_cards_when_facilitators_theme(suggesting: Board) -> None:
    error = refused(suggesting, MoveStatement(statement_id="s3", theme_id="t7"), P1)
    assert (error.code, error.message) == (
        "facilitators_only",
        "The facilitator is moving the cards now. You can suggest a move.",
    )


def test_the_wall_cannot_move_cards(theming: Board) -> None:
    error = refused(theming, MoveStatement(statement_id="s3", theme_id="t7"), WALL)
    assert error.code == "not_allowed"


# --- moving several cards at once ---------------------------------------------------


def test_moving_several_cards_is_one_event_saying_where_each_was(theming: Board) -> None:
    command = MoveStatements(statement_ids=("s1", "s3", "s4"), theme_id="t7")
    assert decide(theming, command, P1) == [
        StatementsMoved(
            seq=theming.seq + 1,
            statement_ids=("s1", "s3", "s4"),
            theme_id="t7",
            previous=("t6", None, None),
        )
    ]


def test_several_cards_can_go_back_to_not_yet_themed(theming: Board, run: Step) -> None:
    state = run(theming, MoveStatements(statement_ids=("s1", "s2")), FACILITATOR)
    assert [state.statements[s].theme_id for s in ("s1", "s2")] == [None, None]


def test_a_new_theme_is_made_and_filled_by_one_command(theming: Board, run: Step) -> None:
    new = NewTheme(title=" Phones ", i_statement="I can't get through")
    command = MoveStatements(statement_ids=("s3", "s1"), new_theme=new)
    events = decide(theming, command, P1)
    assert events == [
        ThemeCreated(
            seq=theming.seq + 1,
            theme=Theme(
                id="t8", category=NOT_WORKING, title="Phones", i_statement="I can't get through"
            ),
        ),
        StatementsMoved(
            seq=theming.seq + 2, statement_ids=("s3", "s1"), theme_id="t8", previous=(None, "t6")
        ),
    ]
    state = run(theming, command, P1)
    assert [state.statements[s].theme_id for s in ("s1", "s3")] == ["t8", "t8"]


def test_cards_already_there_stay_and_the_rest_move(theming: Board) -> None:
    [event] = decide(theming, MoveStatements(statement_ids=("s1", "s3"), theme_id="t6"), P1)
    assert isinstance(event, StatementsMoved) and event.statement_ids == ("s3",)


def test_moving_cards_all_already_there_is_refused(theming: Board) -> None:
    command = MoveStatements(statement_ids=("s1", "s2"), theme_id="t6")
    assert refused(theming, command, P1).code == "already_there"


def test_a_card_named_twice_moves_once(theming: Board) -> None:
    [event] = decide(theming, MoveStatements(statement_ids=("s3", "s3"), theme_id="t7"), P1)
    assert isinstance(event, StatementsMoved) and event.statement_ids == ("s3",)


def test_cards_of_two_questions_cannot_move_together(theming: Board) -> None:
    command = MoveStatements(statement_ids=("s3", "s5"), new_theme=NewTheme(title="Mixed"))
    assert refused(theming, command, FACILITATOR).code == "wrong_category"
    command = MoveStatements(statement_ids=("s3", "s5"), theme_id="t7")
    assert refused(theming, command, FACILITATOR).code == "wrong_category"


def test_moving_an_unknown_card_among_others_changes_nothing(theming: Board) -> None:
    command = MoveStatements(statement_ids=("s3", "s99"), theme_id="t7")
    assert refused(theming, command, P1).code == "unknown_statement"


def test_a_move_names_one_place_only() -> None:
    with pytest.raises(ValueError, match="not both"):
        MoveStatements(statement_ids=("s1",), theme_id="t6", new_theme=NewTheme(title="x"))
    with pytest.raises(ValueError):
        MoveStatements(statement_ids=())


def test_participants_move_several_cards_only_when_they_may_move_one(
    suggesting: Board, theming: Board, run: Step
) -> None:
    command = MoveStatements(statement_ids=("s3", "s4"), theme_id="t7")
    assert refused(suggesting, command, P1).code == "facilitators_only"
    later = run(theming, SetStage(stage=Stage.PRIORITISE), FACILITATOR)
    assert refused(later, command, P1).code == "stage_closed"
    assert refused(theming, command, WALL).code == "not_allowed"


def test_a_hidden_card_moves_apart_and_only_its_author_and_facilitators_hear(
    theming: Board, run: Step
) -> None:
    state = run(theming, SetStage(stage=Stage.COLLECT), FACILITATOR)
    state = run(state, SetCardVisibility(hide_new=True), FACILITATOR)
    state = run(state, WriteStatement(category=NOT_WORKING, text="Nobody rings back"), P2)
    [hidden] = [s.id for s in state.statements.values() if s.hidden]
    state = run(state, SetStage(stage=Stage.THEME), FACILITATOR)
    command = MoveStatements(statement_ids=("s3", hidden), theme_id="t7")
    together, apart = decide(state, command, FACILITATOR)
    assert isinstance(together, StatementsMoved) and together.statement_ids == ("s3",)
    assert isinstance(apart, StatementMoved) and apart.statement_id == hidden
    after = apply(apply(state, together), apart)
    assert after.statements[hidden].theme_id == "t7"
    for viewer in (P1, WALL):
        assert hidden not in repr(project_event(apart, after, viewer))
    assert project_event(apart, after, FACILITATOR)["statement_id"] == hidden


def test_every_screen_is_told_of_the_cards_it_can_see(theming: Board, run: Step) -> None:
    command = MoveStatements(statement_ids=("s3", "s4"), theme_id="t7")
    [event] = decide(theming, command, FACILITATOR)
    after = apply(theming, event)
    for viewer in (FACILITATOR, WALL, P1):
        # Facilitators also learn a facilitator moved them (their console can undo it).
        by = {"by_facilitator": True} if viewer == FACILITATOR else {}
        assert project_event(event, after, viewer) == {
            "seq": event.seq,
            "type": "statements_moved",
            "statement_ids": ["s3", "s4"],
            "theme_id": "t7",
            "previous": [None, None],
            **by,
        }
    themed = project_state(after, P1)["statements"]
    assert {s["id"]: s["theme_id"] for s in themed}["s4"] == "t7"


# --- merging ------------------------------------------------------------------------


def test_merging_moves_every_card_and_removes_the_theme(theming: Board, run: Step) -> None:
    command = MergeThemes(theme_id="t6", into_id="t7")
    assert decide(theming, command, FACILITATOR) == [
        ThemeMerged(
            seq=theming.seq + 1,
            theme_id="t6",
            theme=theming.themes["t6"],
            into_id="t7",
            moved=("s1", "s2"),
            carried=theming.carried,
        )
    ]
    state = run(theming, command, FACILITATOR)
    assert list(state.themes) == ["t7"]
    assert [state.statements[s].theme_id for s in ("s1", "s2")] == ["t7", "t7"]


def test_a_theme_cannot_merge_into_itself(theming: Board) -> None:
    error = refused(theming, MergeThemes(theme_id="t6", into_id="t6"), FACILITATOR)
    assert error.code == "same_theme"


def test_themes_of_different_categories_cannot_merge(theming: Board, run: Step) -> None:
    state = run(theming, CreateTheme(category=Category.WORKING, title="Rehab"), FACILITATOR)
    error = refused(state, MergeThemes(theme_id="t6", into_id="t8"), FACILITATOR)
    assert error.code == "wrong_category"


def test_merging_an_unknown_theme_is_refused(theming: Board) -> None:
    error = refused(theming, MergeThemes(theme_id="t99", into_id="t6"), FACILITATOR)
    assert error.code == "unknown_theme"


def test_a_theme_being_voted_on_cannot_be_merged_away(theming: Board, run: Step) -> None:
    state = run(theming, OpenRound(items=("t6", "t7")), FACILITATOR)
    error = refused(state, MergeThemes(theme_id="t6", into_id="t7"), FACILITATOR)
    assert error.code == "in_open_vote"


def test_a_merged_carried_theme_is_carried_as_the_theme_it_joined(
    theming: Board, run: Step
) -> None:
    state = run(theming, CarryForward(items=("s4", "t6")), FACILITATOR)
    state = run(state, MergeThemes(theme_id="t6", into_id="t7"), FACILITATOR)
    assert state.carried == ("s4", "t7")


def test_merging_two_carried_themes_carries_one(theming: Board, run: Step) -> None:
    state = run(theming, CarryForward(items=("t6", "t7")), FACILITATOR)
    state = run(state, MergeThemes(theme_id="t6", into_id="t7"), FACILITATOR)
    assert state.carried == ("t7",)


# --- splitting ----------------------------------------------------------------------


def test_splitting_makes_a_new_theme_and_moves_the_chosen_cards(theming: Board) -> None:
    command = SplitTheme(theme_id="t6", statements=("s2",), title="Phoning the surgery")
    assert decide(theming, command, FACILITATOR) == [
        ThemeCreated(
            seq=theming.seq + 1,
            theme=Theme(id="t8", category=NOT_WORKING, title="Phoning the surgery"),
            by_facilitator=True,
        ),
        StatementMoved(
            seq=theming.seq + 2,
            statement_id="s2",
            theme_id="t8",
            previous="t6",
            by_facilitator=True,
        ),
    ]


def test_splitting_moves_a_card_named_twice_once(theming: Board, run: Step) -> None:
    command = SplitTheme(theme_id="t6", statements=("s2", "s2"), title="Phones")
    events = decide(theming, command, FACILITATOR)
    assert [e.type for e in events] == ["theme_created", "statement_moved"]


def test_splitting_off_cards_of_another_theme_is_refused(theming: Board) -> None:
    command = SplitTheme(theme_id="t6", statements=("s3",), title="Phones")
    assert refused(theming, command, FACILITATOR).code == "not_in_theme"


def test_splitting_off_an_unknown_card_is_refused(theming: Board) -> None:
    command = SplitTheme(theme_id="t6", statements=("s99",), title="Phones")
    assert refused(theming, command, FACILITATOR).code == "unknown_statement"


# --- deleting -----------------------------------------------------------------------


def test_deleting_a_theme_sends_its_cards_back_to_not_yet_themed(theming: Board, run: Step) -> None:
    assert decide(theming, DeleteTheme(theme_id="t6"), FACILITATOR) == [
        ThemeDeleted(
            seq=theming.seq + 1,
            theme_id="t6",
            theme=theming.themes["t6"],
            released=("s1", "s2"),
            carried=theming.carried,
        )
    ]
    state = run(theming, DeleteTheme(theme_id="t6"), FACILITATOR)
    assert ("t6" in state.themes, state.statements["s1"].theme_id) == (False, None)


def test_a_deleted_theme_is_no_longer_carried(theming: Board, run: Step) -> None:
    state = run(theming, CarryForward(items=("t6", "t7")), FACILITATOR)
    state = run(state, DeleteTheme(theme_id="t6"), FACILITATOR)
    assert state.carried == ("t7",)


def test_a_theme_being_voted_on_cannot_be_deleted(theming: Board, run: Step) -> None:
    state = run(theming, OpenRound(items=("t6",)), FACILITATOR)
    assert refused(state, DeleteTheme(theme_id="t6"), FACILITATOR).code == "in_open_vote"


def test_deleting_an_unknown_theme_is_refused(theming: Board) -> None:
    assert refused(theming, DeleteTheme(theme_id="t99"), FACILITATOR).code == "unknown_theme"


# --- who moves cards, and suggested moves -------------------------------------------


def test_setting_the_theming_mode_it_already_has_is_refused(theming: Board) -> None:
    error = refused(theming, SetThemingMode(mode="everyone"), FACILITATOR)
    assert error.code == "already_set"


def test_a_suggestion_records_who_made_it(theming: Board, run: Step) -> None:
    state = run(theming, SetThemingMode(mode="facilitators"), FACILITATOR)
    assert decide(state, SuggestMove(statement_id="s3", theme_id="t6"), P1) == [
        MoveSuggested(
            seq=state.seq + 1,
            suggestion=Suggestion(id="m8", statement_id="s3", theme_id="t6", by="p1"),
        )
    ]


def test_a_suggestion_must_fit_the_category(suggesting: Board) -> None:
    error = refused(suggesting, SuggestMove(statement_id="s5", theme_id="t6"), P1)
    assert error.code == "wrong_category"


def test_suggesting_when_everyone_moves_cards_is_refused(theming: Board) -> None:
    error = refused(theming, SuggestMove(statement_id="s3", theme_id="t6"), P1)
    assert (error.code, error.message) == (
        "move_it_yourself",
        "Everyone can move cards now. Move it yourself.",
    )


def test_a_stranger_cannot_suggest(theming: Board, run: Step) -> None:
    state = run(theming, SetThemingMode(mode="facilitators"), FACILITATOR)
    error = refused(state, SuggestMove(statement_id="s3", theme_id="t6"), ANYONE)
    assert error.code == "unknown_participant"


def test_accepting_a_suggestion_moves_the_card(suggesting: Board, run: Step) -> None:
    assert decide(suggesting, AcceptSuggestion(suggestion_id="m8"), FACILITATOR) == [
        SuggestionSettled(
            seq=suggesting.seq + 1,
            suggestion_id="m8",
            accepted=True,
            suggestion=suggesting.suggestions["m8"],
        ),
        StatementMoved(
            seq=suggesting.seq + 2,
            statement_id="s3",
            theme_id="t6",
            previous=None,
            by_facilitator=True,
        ),
    ]
    state = run(suggesting, AcceptSuggestion(suggestion_id="m8"), FACILITATOR)
    assert (state.suggestions, state.statements["s3"].theme_id) == ({}, "t6")


def test_accepting_a_move_already_made_only_settles_it(suggesting: Board, run: Step) -> None:
    state = run(suggesting, MoveStatement(statement_id="s3", theme_id="t6"), FACILITATOR)
    events = decide(state, AcceptSuggestion(suggestion_id="m8"), FACILITATOR)
    assert [e.type for e in events] == ["suggestion_settled"]


def test_accepting_a_move_into_a_deleted_theme_is_refused(suggesting: Board, run: Step) -> None:
    state = run(suggesting, DeleteTheme(theme_id="t6"), FACILITATOR)
    assert refused(state, AcceptSuggestion(suggestion_id="m8"), FACILITATOR).code == (
        "unknown_theme"
    )


def test_dismissing_a_suggestion_leaves_the_card(suggesting: Board, run: Step) -> None:
    state = run(suggesting, DismissSuggestion(suggestion_id="m8"), FACILITATOR)
    assert (state.suggestions, state.statements["s3"].theme_id) == ({}, None)


def test_a_settled_suggestion_cannot_be_settled_again(suggesting: Board, run: Step) -> None:
    state = run(suggesting, DismissSuggestion(suggestion_id="m8"), FACILITATOR)
    error = refused(state, AcceptSuggestion(suggestion_id="m8"), FACILITATOR)
    assert error.code == "unknown_suggestion"


def test_suggestions_reach_only_facilitators_and_never_say_who(suggesting: Board) -> None:
    assert project_state(suggesting, FACILITATOR)["suggestions"] == [
        {"id": "m8", "statement_id": "s3", "theme_id": "t6"}
    ]
    for viewer in (WALL, P1, P2):
        assert "suggestions" not in project_state(suggesting, viewer)


def test_a_suggestion_event_is_redacted_for_everyone_but_facilitators(
    theming: Board, run: Step
) -> None:
    state = run(theming, SetThemingMode(mode="facilitators"), FACILITATOR)
    [event] = decide(state, SuggestMove(statement_id="s3", theme_id="t6"), P1)
    after = apply(state, event)
    assert "by" not in project_event(event, after, FACILITATOR)["suggestion"]
    for viewer in (WALL, ANYONE, P1):
        assert project_event(event, after, viewer) == {"seq": event.seq, "type": "redacted"}


def test_a_settled_suggestion_event_is_redacted_for_everyone_but_facilitators(
    suggesting: Board,
) -> None:
    [event] = decide(suggesting, DismissSuggestion(suggestion_id="m8"), FACILITATOR)
    after = apply(suggesting, event)
    assert project_event(event, after, FACILITATOR)["accepted"] is False
    assert project_event(event, after, WALL) == {"seq": event.seq, "type": "redacted"}


def test_someone_who_has_not_joined_cannot_theme(theming: Board) -> None:
    stranger = Actor(role=Role.PARTICIPANT, participant_id="p99")
    command = MoveStatement(statement_id="s3", theme_id="t6")
    assert refused(theming, command, stranger).code == "unknown_participant"
    assert refused(theming, command, ANYONE).code == "unknown_participant"


def test_a_move_event_for_a_card_the_board_never_had_is_refused(theming: Board) -> None:
    stray = StatementMoved(seq=theming.seq + 1, statement_id="s404", theme_id="t6", previous=None)
    with pytest.raises(BoardError) as caught:
        apply(theming, stray)
    assert caught.value.code == "unknown_statement"
