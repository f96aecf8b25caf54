"""Who may do what, at which stage: theming, cards, timer, carry-forward, and the second day.

Each row: (command, role, stage, theming mode) → the events it makes, or the error code.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from board import Actor, Board, BoardError, Command, Event, Role, Stage, decide
from board.causes import AddCause, ChooseCauses, MergeCauses
from board.edits import DeleteItem, EditText
from board.feedback import GiveFeedback
from board.ideas import AddIdea, ShortlistIdeas
from board.invest import PlaceIdea, RateIdea
from board.plan import AddAction, UpdateAction
from board.room import SetStage
from board.statements import RevealCards, SetCardVisibility, WriteStatement
from board.success import AddSuccess
from board.suggestions import AcceptSuggestion, DismissSuggestion, SetThemingMode, SuggestMove
from board.theming import (
    CreateTheme,
    DeleteTheme,
    MergeThemes,
    MoveStatement,
    MoveStatements,
    NewTheme,
    SplitTheme,
    UpdateTheme,
)
from board.timer import ExtendTimer, PauseTimer, ResumeTimer, StartTimer, StopTimer
from board.undo import Undo
from board.values import ActionStatus, Category, FeedbackAnswer, IdeaKind, Perspective, ThemingMode
from board.voting import CarryForward
from tests.board.conftest import step_events

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
        case "move_statements":
            return MoveStatements(statement_ids=("s2", "s3"), new_theme=NewTheme(title="Phones"))
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
    "move_statements": "theme_created statements_moved",
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
    if role == "wall":
        return "not_allowed"
    if stage != Stage.COLLECT:
        return "stage_closed"
    # A facilitator writes only someone's own words, naming them (for_participant).
    return "choose_person" if role == "facilitator" else "statements_added"


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
    assert len(names) == 20
    for name in names:
        assert {(row[1], row[2]) for row in TABLE if row[0] == name} == {
            (role, stage) for role in ROLES for stage in Stage
        }
    assert len(TABLE) == 5 * 3 * 10 * 2 + 15 * 3 * 10


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


# The second day: root causes, success, ideas, the grid, the plan, feedback and undo.
# Row: (command, role, stage) → the events it makes, or the error code.

P3 = Actor(role=Role.PARTICIPANT, participant_id="p3")
DAY_TWO_ROLES = {"facilitator": FACILITATOR, "participant": P3, "wall": WALL}


def _day_two_given(planned: Board, stage: Stage, run: Step) -> tuple[Board, Event]:
    """The planned board at `stage`, with a deleted action a15 whose deletion can be undone."""
    state = run(planned, AddAction(text="Spare", owner="Board"), FACILITATOR)
    state, [deleted] = step_events(state, DeleteItem(item_id="a15"), FACILITATOR)
    if state.stage != stage:
        state = run(state, SetStage(stage=stage), FACILITATOR)
    return state, deleted


def _day_two_command(name: str, deleted: Event) -> Command:
    match name:
        case "add_cause":
            return AddCause(theme_id="t6", parent_id="c9", text="Nobody plans the rota")
        case "merge_causes":
            return MergeCauses(cause_id="c9", into_id="c8")
        case "choose_causes":
            return ChooseCauses(cause_ids=("c8",))
        case "add_success":
            return AddSuccess(cause_id="c9", perspective=Perspective.CLINICIAN, text="Calm rota")
        case "add_idea":
            return AddIdea(kind=IdeaKind.DIFFERENT, text="A lunch club", serves=("su11",))
        case "shortlist_ideas":
            return ShortlistIdeas(idea_ids=("i12",))
        case "edit_text":
            return EditText(item_id="c8", text="Too few staff on the phones")
        case "delete_item":
            return DeleteItem(item_id="c10")
        case "rate_idea":
            return RateIdea(idea_id="i12", cost=2, benefit=4)
        case "place_idea":
            return PlaceIdea(idea_id="i12", cost=2, benefit=4)
        case "add_action":
            return AddAction(text="Ask the PPG", owner="Practice manager", idea_id="i13")
        case "update_action":
            return UpdateAction(action_id="a14", status=ActionStatus.IN_PROGRESS)
        case "give_feedback":
            return GiveFeedback(answers=(FeedbackAnswer(question="easy", rating=4),))
        case "undo":
            return Undo(seq=deleted.seq, target=deleted)
    raise AssertionError(name)


# Participants add at their own stage only; the wall never does anything.
PARTICIPANT_AT = {
    "add_cause": (Stage.UNDERSTAND, "cause_added"),
    "add_success": (Stage.SUCCESS, "success_added"),
    "add_idea": (Stage.IDEAS, "idea_added"),
}
# Participants rate and give feedback; a facilitator only records it for someone.
ONLY_PARTICIPANTS_AT = {
    "rate_idea": (Stage.INVEST, "idea_rated"),
    "give_feedback": (Stage.REFLECT, "feedback_given"),
}
DAY_TWO_FACILITATOR_ONLY = {
    "merge_causes": "causes_merged",
    "choose_causes": "causes_chosen",
    "shortlist_ideas": "ideas_shortlisted",
    "edit_text": "text_edited",
    "delete_item": "item_deleted",
    "place_idea": "idea_placed",
    "add_action": "action_saved",
    "update_action": "action_saved",
    "undo": "undone item_restored",
}


def _adding(role: str, stage: Stage, at: Stage, event: str) -> str:
    if role == "facilitator":
        return event
    if role == "wall":
        return "not_allowed"
    return event if stage == at else "stage_closed"


def _participant_only(role: str, stage: Stage, at: Stage, event: str) -> str:
    if role == "wall":
        return "not_allowed"
    if stage != at:
        return "stage_closed"
    return "choose_person" if role == "facilitator" else event


DAY_TWO_TABLE = (
    [
        (name, role, stage, _adding(role, stage, at, event))
        for name, (at, event) in PARTICIPANT_AT.items()
        for role in DAY_TWO_ROLES
        for stage in Stage
    ]
    + [
        (name, role, stage, _participant_only(role, stage, at, event))
        for name, (at, event) in ONLY_PARTICIPANTS_AT.items()
        for role in DAY_TWO_ROLES
        for stage in Stage
    ]
    + [
        (name, role, stage, event if role == "facilitator" else "not_allowed")
        for name, event in DAY_TWO_FACILITATOR_ONLY.items()
        for role in DAY_TWO_ROLES
        for stage in Stage
    ]
)


def test_day_two_table_covers_every_command_role_and_stage() -> None:
    names = {row[0] for row in DAY_TWO_TABLE}
    assert names == {
        "add_cause",
        "merge_causes",
        "choose_causes",
        "add_success",
        "add_idea",
        "shortlist_ideas",
        "edit_text",
        "delete_item",
        "rate_idea",
        "place_idea",
        "add_action",
        "update_action",
        "give_feedback",
        "undo",
    }
    for name in names:
        assert sorted((row[1], row[2]) for row in DAY_TWO_TABLE if row[0] == name) == sorted(
            (role, stage) for role in DAY_TWO_ROLES for stage in Stage
        )
    assert len(DAY_TWO_TABLE) == 14 * 3 * 10


def test_participants_may_act_at_exactly_one_stage_per_command() -> None:
    allowed = {
        (row[0], row[2])
        for row in DAY_TWO_TABLE
        if row[1] == "participant" and row[3] not in ("stage_closed", "not_allowed")
    }
    assert allowed == {
        ("add_cause", Stage.UNDERSTAND),
        ("add_success", Stage.SUCCESS),
        ("add_idea", Stage.IDEAS),
        ("rate_idea", Stage.INVEST),
        ("give_feedback", Stage.REFLECT),
    }


@pytest.mark.parametrize(("name", "role", "stage", "outcome"), DAY_TWO_TABLE)
def test_who_may_do_what_on_day_two(
    name: str, role: str, stage: Stage, outcome: str, planned: Board, run: Step
) -> None:
    state, deleted = _day_two_given(planned, stage, run)
    command = _day_two_command(name, deleted)
    try:
        events = decide(state, command, DAY_TWO_ROLES[role])
    except BoardError as error:
        assert error.code == outcome
    else:
        assert " ".join(event.type for event in events) == outcome
