"""Who may do what, at which stage, for the theming, card, timer and carry-forward commands.

Each row: (command, role, stage, theming mode) → the events it makes, or the error code.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from board import Actor, Board, BoardError, Command, Role, Stage, decide
from board.commands import (
    AcceptSuggestion,
    CarryForward,
    CreateTheme,
    DeleteTheme,
    DismissSuggestion,
    ExtendTimer,
    MergeThemes,
    MoveStatement,
    PauseTimer,
    ResumeTimer,
    RevealCards,
    SetCardVisibility,
    SetStage,
    SetThemingMode,
    SplitTheme,
    StartTimer,
    StopTimer,
    SuggestMove,
    UpdateTheme,
    WriteStatement,
)
from board.model import Category, ThemingMode

Step = Callable[[Board, Command, Actor], Board]

FACILITATOR = Actor(role=Role.FACILITATOR)
WALL = Actor(role=Role.WALL)
P1 = Actor(role=Role.PARTICIPANT, participant_id="p1")
P2 = Actor(role=Role.PARTICIPANT, participant_id="p2")
ROLES = {"facilitator": FACILITATOR, "participant": P1, "wall": WALL}
MODES: tuple[ThemingMode, ...] = ("everyone", "facilitators")


@pytest.fixture
def prepared(voting: Board, run: Step) -> Board:
    """The voting board plus: themes t6 (s1) and t7 (s4), suggestion m8 (s2 → t6) by p1,
    p2's hidden card s9, and a running timer. Theming mode is back to everyone."""
    state = voting
    for title in ("Appointments", "Staff"):
        state = run(state, CreateTheme(category=Category.NOT_WORKING, title=title), FACILITATOR)
    state = run(state, MoveStatement(statement_id="s1", theme_id="t6"), FACILITATOR)
    state = run(state, MoveStatement(statement_id="s4", theme_id="t7"), FACILITATOR)
    state = run(state, SetStage(stage=Stage.THEME), FACILITATOR)
    state = run(state, SetThemingMode(mode="facilitators"), FACILITATOR)
    state = run(state, SuggestMove(statement_id="s2", theme_id="t6"), P1)
    state = run(state, SetStage(stage=Stage.COLLECT), FACILITATOR)
    state = run(state, SetCardVisibility(hide_new=True), FACILITATOR)
    state = run(state, WriteStatement(category=Category.FUTURE, text="Same nurse"), P2)
    state = run(state, StartTimer(seconds=600), FACILITATOR)
    state = run(state, SetThemingMode(mode="everyone"), FACILITATOR)
    assert (list(state.themes), list(state.suggestions)) == (["t6", "t7"], ["m8"])
    assert state.statements["s9"].hidden
    return state


def _given(name: str, prepared: Board, stage: Stage, mode: ThemingMode, run: Step) -> Board:
    state = prepared
    if name == "resume_timer":
        state = run(state, PauseTimer(), FACILITATOR)
    if state.theming_mode != mode:
        state = run(state, SetThemingMode(mode=mode), FACILITATOR)
    if state.stage != stage:
        state = run(state, SetStage(stage=stage), FACILITATOR)
    return state


def _command(name: str, state: Board) -> Command:
    match name:
        case "move_statement":
            return MoveStatement(statement_id="s3", theme_id="t6")
        case "create_theme":
            return CreateTheme(category=Category.FUTURE, title="Continuity")
        case "update_theme":
            return UpdateTheme(theme_id="t6", i_statement="I can't get appointments")
        case "merge_themes":
            return MergeThemes(theme_id="t7", into_id="t6")
        case "split_theme":
            return SplitTheme(theme_id="t6", statements=("s1",), title="Phones")
        case "delete_theme":
            return DeleteTheme(theme_id="t7")
        case "set_theming_mode":
            other = "facilitators" if state.theming_mode == "everyone" else "everyone"
            return SetThemingMode(mode=other)
        case "suggest_move":
            return SuggestMove(statement_id="s3", theme_id="t7")
        case "accept_suggestion":
            return AcceptSuggestion(suggestion_id="m8")
        case "dismiss_suggestion":
            return DismissSuggestion(suggestion_id="m8")
        case "write_statement":
            return WriteStatement(category=Category.WORKING, text="The nurses listen")
        case "set_card_visibility":
            return SetCardVisibility(hide_new=False)
        case "reveal_cards":
            return RevealCards()
        case "start_timer":
            return StartTimer(seconds=60)
        case "extend_timer":
            return ExtendTimer(seconds=60)
        case "pause_timer":
            return PauseTimer()
        case "resume_timer":
            return ResumeTimer()
        case "stop_timer":
            return StopTimer()
        case "carry_forward":
            return CarryForward(items=("t6",))
    raise AssertionError(name)


# Participants theme only while theming, and only when everyone may.
PARTICIPANT_THEMING = {
    "move_statement": "statement_moved",
    "create_theme": "theme_created",
    "update_theme": "theme_updated",
}
FACILITATOR_ONLY = {
    "merge_themes": "theme_merged",
    "split_theme": "theme_created statement_moved",
    "delete_theme": "theme_deleted",
    "set_theming_mode": "theming_mode_set",
    "accept_suggestion": "suggestion_settled statement_moved",
    "dismiss_suggestion": "suggestion_settled",
    "set_card_visibility": "card_visibility_set",
    "reveal_cards": "cards_revealed",
    "start_timer": "timer_set",
    "extend_timer": "timer_set",
    "pause_timer": "timer_set",
    "resume_timer": "timer_set",
    "stop_timer": "timer_set",
    "carry_forward": "items_carried_forward",
}


def _theming(role: str, stage: Stage, mode: ThemingMode, event: str) -> str:
    if role == "facilitator":
        return event
    if role == "wall":
        return "not_allowed"
    if stage != Stage.THEME:
        return "stage_closed"
    return event if mode == "everyone" else "facilitators_only"


def _suggesting(role: str, stage: Stage, mode: ThemingMode) -> str:
    if role != "participant":
        return "not_allowed"
    if stage != Stage.THEME:
        return "stage_closed"
    return "move_suggested" if mode == "facilitators" else "move_it_yourself"


def _writing(role: str, stage: Stage) -> str:
    if role != "participant":
        return "not_allowed"
    return "statements_added" if stage == Stage.COLLECT else "stage_closed"


TABLE = (
    [
        (name, role, stage, mode, _theming(role, stage, mode, event))
        for name, event in PARTICIPANT_THEMING.items()
        for role in ROLES
        for stage in Stage
        for mode in MODES
    ]
    + [
        ("suggest_move", role, stage, mode, _suggesting(role, stage, mode))
        for role in ROLES
        for stage in Stage
        for mode in MODES
    ]
    + [
        ("write_statement", role, stage, "everyone", _writing(role, stage))
        for role in ROLES
        for stage in Stage
    ]
    + [
        (name, role, stage, "everyone", event if role == "facilitator" else "not_allowed")
        for name, event in FACILITATOR_ONLY.items()
        for role in ROLES
        for stage in Stage
    ]
)


def test_table_covers_every_new_command_role_and_stage() -> None:
    names = {row[0] for row in TABLE}
    assert len(names) == 19
    for name in names:
        assert {(row[1], row[2]) for row in TABLE if row[0] == name} == {
            (role, stage) for role in ROLES for stage in Stage
        }
    assert len(TABLE) == 4 * 3 * 10 * 2 + 15 * 3 * 10


def test_table_reaches_every_outcome() -> None:
    outcomes = {row[4] for row in TABLE}
    assert {"stage_closed", "facilitators_only", "move_it_yourself", "not_allowed"} <= outcomes
    assert "move_suggested" in outcomes and "statements_added" in outcomes


@pytest.mark.parametrize(("name", "role", "stage", "mode", "outcome"), TABLE)
def test_who_may_do_what_at_each_stage(
    name: str,
    role: str,
    stage: Stage,
    mode: ThemingMode,
    outcome: str,
    prepared: Board,
    run: Step,
) -> None:
    state = _given(name, prepared, stage, mode, run)
    command = _command(name, state)
    try:
        events = decide(state, command, ROLES[role])
    except BoardError as error:
        assert error.code == outcome
    else:
        assert " ".join(event.type for event in events) == outcome
