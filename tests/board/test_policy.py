"""The access policy: one row for every command, the room's rules stated once here, and decide
keeping to the policy for every command, role, stage and theming mode.

The behaviour table reads each command's row from the policy and checks what a real decide
call does: the events it makes when the row allows it, the refusal it names when not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from board import (
    COMMAND,
    INTERNAL,
    POLICY,
    Actor,
    Board,
    BoardError,
    Command,
    Event,
    Role,
    Stage,
    decide,
)
from board.causes import AddCause, ChooseCauses, MergeCauses
from board.dealing import (
    AcceptPlacements,
    NotSure,
    PlaceDealt,
    SkipCard,
    StartDealing,
    StopDealing,
    TakeCards,
)
from board.edits import DeleteItem, EditText
from board.feedback import GiveFeedback
from board.ideas import AddIdea, LinkIdea, ShortlistIdeas
from board.invest import PlaceIdea, RateIdea, ShowGridView
from board.plan import AddAction, UpdateAction
from board.policy import When
from board.room import AddPerson, SetStage, UpdateBoard
from board.schedule import SetWorkshopDays
from board.stages import ORDER
from board.statements import (
    AddReview,
    AddStatements,
    RevealCards,
    ReviewStatement,
    SetCardVisibility,
    WriteStatement,
)
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
from board.values import (
    ActionStatus,
    Category,
    FeedbackAnswer,
    Group,
    IdeaKind,
    NewStatement,
    Perspective,
    ThemingMode,
    WallShow,
)
from board.voting import CarryForward, CloseRound, OpenRound, RevealRound, Unvote, Vote
from board.wall import PageWall, ShowOnWall
from tests.board.conftest import (
    FACILITATOR,
    FIRST_IDS,
    P1,
    P3,
    WALL,
    make,
    new_board,
    step,
    step_events,
    the,
)

MODES: tuple[ThemingMode, ...] = ("everyone", "facilitators")


# --- the policy itself ---------------------------------------------------------


def test_every_command_the_board_reads_has_one_row() -> None:
    parsed = COMMAND.json_schema()["discriminator"]["mapping"]
    assert set(parsed) == set(POLICY)


def test_only_the_server_creates_joins_restores_counts_a_device_and_returns_hands() -> None:
    internal = {"create_board", "join_board", "restore_board", "start_on_device", "return_hand"}
    assert frozenset(internal) == INTERNAL


def test_the_wall_may_send_nothing() -> None:
    assert [name for name, access in POLICY.items() if Role.WALL in access.grants()] == []


# Everything participants may send, and when: the room's rules, stated once.
# (stages, theming mode); None is any.
PARTICIPANTS: dict[str, tuple[tuple[Stage, ...] | None, ThemingMode | None]] = {
    "write_statement": ((Stage.COLLECT,), None),
    "create_theme": ((Stage.THEME,), "everyone"),
    "update_theme": ((Stage.THEME,), "everyone"),
    "move_statement": ((Stage.THEME,), "everyone"),
    "move_statements": ((Stage.THEME,), "everyone"),
    "suggest_move": ((Stage.THEME,), "facilitators"),
    "take_cards": ((Stage.THEME,), None),
    "place_dealt": ((Stage.THEME,), None),
    "not_sure": ((Stage.THEME,), None),
    "skip_card": ((Stage.THEME,), None),
    "vote": (None, None),
    "unvote": (None, None),
    "add_cause": ((Stage.UNDERSTAND,), None),
    "add_success": ((Stage.SUCCESS,), None),
    "add_idea": ((Stage.IDEAS,), None),
    "rate_idea": ((Stage.INVEST,), None),
    "give_feedback": ((Stage.REFLECT,), None),
}
# What only participants do: when only facilitators move cards, a participant suggests.
PARTICIPANTS_ONLY = {"suggest_move", "take_cards", "place_dealt", "not_sure", "skip_card"}
# A facilitator records for someone without a phone (their words, ratings, answers) only
# at the stage where everyone else gives them; and opens votes from theming on.
FACILITATORS_AT = {
    "write_statement": (Stage.COLLECT,),
    "rate_idea": (Stage.INVEST,),
    "give_feedback": (Stage.REFLECT,),
    "open_round": tuple(ORDER[ORDER.index(Stage.THEME) :]),
    "start_dealing": (Stage.THEME,),
}


def _when(when: When) -> tuple[tuple[Stage, ...] | None, ThemingMode | None]:
    stages = None if when.stages is None else tuple(s for s in ORDER if s in when.stages)
    return stages, when.theming_mode


def test_participants_may_send_these_and_only_then() -> None:
    given = {name: _when(a.participant) for name, a in POLICY.items() if a.participant}
    internal = {"join_board", "start_on_device"}
    assert {k: v for k, v in given.items() if k not in internal} == PARTICIPANTS


def test_facilitators_may_send_the_rest_at_any_stage_but_these() -> None:
    given = {name: _when(a.facilitator) for name, a in POLICY.items() if a.facilitator}
    assert set(POLICY) - set(given) == PARTICIPANTS_ONLY
    limited = {name: when for name, when in given.items() if when != (None, None)}
    assert limited == {name: (stages, None) for name, stages in FACILITATORS_AT.items()}


# --- decide keeps to it -----------------------------------------------------------

ROLES = {Role.FACILITATOR: FACILITATOR, Role.PARTICIPANT: P1, Role.WALL: WALL}
# Day two is tried by p3, who wrote nothing there yet.
DAY_TWO_ROLES = {**ROLES, Role.PARTICIPANT: P3}
REFUSED_IN_MODE = {"everyone": "facilitators_only", "facilitators": "move_it_yourself"}


@pytest.fixture
def created() -> Board:
    """The policy table is thousands of cases: they run once, on a board whose ids start at
    the last of FIRST_IDS, which is enough to keep them off hard-coded ids."""
    return new_board(FIRST_IDS[-1])


def _review() -> AddReview:
    statements = tuple(
        ReviewStatement(category=category, text=f"{category.value} {rank}", priority=rank)
        for category in Category
        for rank in (1, 2)
    )
    return AddReview(review="R99", statements=statements)


@dataclass(frozen=True)
class Given:
    """The board a command is tried on, who sends it, and what an undo could undo."""

    state: Board
    role: Role
    deleted: Event | None = None


def _for(given: Given) -> str | None:
    """Whom a facilitator records for: the participant who would send it themselves."""
    if given.role != Role.FACILITATOR:
        return None
    return (P1 if given.deleted is None else P3).participant_id


# Each command, tried on the prepared board (day one) or the planned one (day two), with
# the events it makes whenever the policy lets its sender send it.
Make = Callable[[Given], Command]
DAY_ONE: dict[str, tuple[Make, str]] = {
    "update_board": (lambda g: UpdateBoard(title="New title"), "board_updated"),
    "set_workshop_days": (
        lambda g: SetWorkshopDays(days=("2027-03-02", "2027-03-16")),
        "workshop_days_set",
    ),
    "add_person": (
        lambda g: AddPerson(name="Table 3, patient", group=Group.PATIENT),
        "person_added",
    ),
    "set_stage": (
        lambda g: SetStage(
            stage=Stage.PREPARE if g.state.stage == Stage.REFLECT else Stage.REFLECT
        ),
        "stage_set",
    ),
    "start_timer": (lambda g: StartTimer(seconds=60), "timer_set"),
    "extend_timer": (lambda g: ExtendTimer(seconds=60), "timer_set"),
    "pause_timer": (lambda g: PauseTimer(), "timer_set"),
    "resume_timer": (lambda g: ResumeTimer(), "timer_set"),
    "stop_timer": (lambda g: StopTimer(), "timer_set"),
    "show_on_wall": (lambda g: ShowOnWall(show=WallShow(kind="join")), "wall_shown"),
    "page_wall": (lambda g: PageWall(action="next"), "wall_paged"),
    "add_statements": (
        lambda g: AddStatements(statements=(NewStatement(category=Category.WORKING, text="New"),)),
        "statements_added",
    ),
    "add_review": (lambda g: _review(), "statements_added"),
    "write_statement": (
        lambda g: WriteStatement(
            category=Category.WORKING, text="The nurses listen", for_participant=_for(g)
        ),
        "statements_added",
    ),
    "set_card_visibility": (lambda g: SetCardVisibility(hide_new=False), "card_visibility_set"),
    "reveal_cards": (lambda g: RevealCards(), "cards_revealed"),
    "create_theme": (
        lambda g: CreateTheme(category=Category.FUTURE, title="Continuity"),
        "theme_created",
    ),
    "update_theme": (
        lambda g: UpdateTheme(theme_id=the(g.state, "Appointments"), i_statement="I can't get in"),
        "theme_updated",
    ),
    "merge_themes": (
        lambda g: MergeThemes(theme_id=the(g.state, "Staff"), into_id=the(g.state, "Appointments")),
        "theme_merged",
    ),
    "split_theme": (
        lambda g: SplitTheme(
            theme_id=the(g.state, "Appointments"),
            statements=(the(g.state, "Statement 1"),),
            title="Phones",
        ),
        "theme_created statement_moved",
    ),
    "delete_theme": (lambda g: DeleteTheme(theme_id=the(g.state, "Staff")), "theme_deleted"),
    "move_statement": (
        lambda g: MoveStatement(
            statement_id=the(g.state, "Statement 3"), theme_id=the(g.state, "Appointments")
        ),
        "statement_moved",
    ),
    "move_statements": (
        lambda g: MoveStatements(
            statement_ids=(the(g.state, "Statement 2"), the(g.state, "Statement 3")),
            new_theme=NewTheme(title="Phones"),
        ),
        "theme_created statements_moved",
    ),
    "set_theming_mode": (
        lambda g: SetThemingMode(
            mode="facilitators" if g.state.theming_mode == "everyone" else "everyone"
        ),
        "theming_mode_set",
    ),
    "suggest_move": (
        lambda g: SuggestMove(
            statement_id=the(g.state, "Statement 3"), theme_id=the(g.state, "Staff")
        ),
        "move_suggested",
    ),
    "accept_suggestion": (
        lambda g: AcceptSuggestion(suggestion_id=next(iter(g.state.suggestions))),
        "suggestion_settled statement_moved",
    ),
    "dismiss_suggestion": (
        lambda g: DismissSuggestion(suggestion_id=next(iter(g.state.suggestions))),
        "suggestion_settled",
    ),
    "start_dealing": (lambda g: StartDealing(category=Category.NOT_WORKING), "dealing_started"),
    "stop_dealing": (lambda g: StopDealing(), "dealing_stopped"),
    "accept_placements": (lambda g: AcceptPlacements(), "placements_accepted"),
    "take_cards": (lambda g: TakeCards(), "cards_dealt"),
    # p1 holds Statement 3, the one card not in a theme or a suggestion.
    "place_dealt": (
        lambda g: PlaceDealt(
            statement_id=the(g.state, "Statement 3"), theme_id=the(g.state, "Staff")
        ),
        "statement_moved card_placed|move_suggested card_placed",
    ),
    "not_sure": (lambda g: NotSure(statement_id=the(g.state, "Statement 3")), "card_passed"),
    "skip_card": (
        lambda g: SkipCard(statement_id=the(g.state, "Statement 3")),
        "card_passed cards_dealt",
    ),
    "open_round": (lambda g: OpenRound(items=(the(g.state, "Appointments"),)), "round_opened"),
    "close_round": (lambda g: CloseRound(round_id=the(g.state, "Dot vote")), "round_closed"),
    "reveal_round": (lambda g: RevealRound(round_id=the(g.state, "Dot vote")), "round_revealed"),
    "vote": (
        lambda g: Vote(
            round_id=the(g.state, "Dot vote"),
            item=the(g.state, "Statement 2"),
            for_participant=_for(g),
        ),
        "dot_placed",
    ),
    "unvote": (
        lambda g: Unvote(
            round_id=the(g.state, "Dot vote"),
            item=the(g.state, "Statement 1"),
            for_participant=_for(g),
        ),
        "dot_removed",
    ),
    "carry_forward": (
        lambda g: CarryForward(items=(the(g.state, "Appointments"),)),
        "items_carried_forward",
    ),
}
DAY_TWO: dict[str, tuple[Make, str]] = {
    "add_cause": (
        lambda g: AddCause(
            theme_id=the(g.state, "Appointments"),
            parent_id=the(g.state, "The funding was cut"),
            text="Nobody plans the rota",
        ),
        "cause_added",
    ),
    "merge_causes": (
        lambda g: MergeCauses(
            cause_id=the(g.state, "The funding was cut"),
            into_id=the(g.state, "Too few receptionists"),
        ),
        "causes_merged",
    ),
    "choose_causes": (
        lambda g: ChooseCauses(
            cause_ids=(the(g.state, "The funding was cut"), the(g.state, "Too few receptionists"))
        ),
        "causes_chosen",
    ),
    "add_success": (
        lambda g: AddSuccess(
            cause_id=the(g.state, "The funding was cut"),
            perspective=Perspective.CLINICIAN,
            text="Calm rota",
        ),
        "success_added",
    ),
    "add_idea": (
        lambda g: AddIdea(
            kind=IdeaKind.DIFFERENT,
            text="A lunch club",
            serves=(the(g.state, "I get through first time"),),
        ),
        "idea_added",
    ),
    "link_idea": (
        lambda g: LinkIdea(
            idea_id=the(g.state, "More phone lines"),
            serves=(the(g.state, "I get through first time"),),
        ),
        "idea_linked",
    ),
    "shortlist_ideas": (
        lambda g: ShortlistIdeas(idea_ids=(the(g.state, "Online booking"),)),
        "ideas_shortlisted",
    ),
    "edit_text": (
        lambda g: EditText(
            item_id=the(g.state, "Too few receptionists"), text="Too few staff on the phones"
        ),
        "text_edited",
    ),
    "delete_item": (
        lambda g: DeleteItem(item_id=the(g.state, "Staff change often")),
        "item_deleted",
    ),
    "rate_idea": (
        lambda g: RateIdea(
            idea_id=the(g.state, "Online booking"), cost=2, benefit=4, for_participant=_for(g)
        ),
        "idea_rated",
    ),
    "place_idea": (
        lambda g: PlaceIdea(idea_id=the(g.state, "Online booking"), cost=2, benefit=4),
        "idea_placed",
    ),
    "show_grid_view": (lambda g: ShowGridView(), "grid_view_shown"),
    "add_action": (
        lambda g: AddAction(
            text="Ask the PPG", owner="Practice manager", idea_id=the(g.state, "More phone lines")
        ),
        "action_saved",
    ),
    "update_action": (
        lambda g: UpdateAction(
            action_id=the(g.state, "Set up online booking"), status=ActionStatus.IN_PROGRESS
        ),
        "action_saved",
    ),
    "give_feedback": (
        lambda g: GiveFeedback(
            answers=(FeedbackAnswer(question="easy", rating=4),), for_participant=_for(g)
        ),
        "feedback_given",
    ),
    "undo": (lambda g: Undo(seq=g.deleted.seq, target=g.deleted), "undone item_restored"),
}


def _day_one(prepared: Board, name: str, role: Role, stage: Stage, mode: ThemingMode) -> Given:
    state = prepared
    if name == "resume_timer":
        state = step(state, PauseTimer(), FACILITATOR)
    if name in ("open_round", "reveal_round"):
        state = step(state, CloseRound(round_id=the(state, "Dot vote")), FACILITATOR)
    if name in _DEALT:
        state = step(
            _at(state, Stage.THEME, mode), StartDealing(category=Category.NOT_WORKING), FACILITATOR
        )
        if name != "take_cards":
            state = step(state, TakeCards(), P1)
    return Given(_at(state, stage, mode), role)


# Tried while "not working" is dealt out and (but for take_cards) p1 holds Statement 3.
_DEALT = {"stop_dealing", "accept_placements", "take_cards", "place_dealt", "not_sure", "skip_card"}


def _day_two(planned: Board, role: Role, stage: Stage, mode: ThemingMode) -> Given:
    """The planned board at `stage` and `mode`, just after an action was added and deleted."""
    state, spare = make(planned, AddAction(text="Spare", owner="Board"), FACILITATOR)
    state, [deleted] = step_events(_at(state, stage, mode), DeleteItem(item_id=spare), FACILITATOR)
    return Given(state, role, deleted)


def _given(
    name: str, role: Role, stage: Stage, mode: ThemingMode, prepared: Board, planned: Board
) -> tuple[Given, Make, str]:
    if name in DAY_ONE:
        build, events = DAY_ONE[name]
        return _day_one(prepared, name, role, stage, mode), build, events
    build, events = DAY_TWO[name]
    return _day_two(planned, role, stage, mode), build, events


def _at(state: Board, stage: Stage, mode: ThemingMode) -> Board:
    if state.theming_mode != mode:
        state = step(state, SetThemingMode(mode=mode), FACILITATOR)
    if state.stage != stage:
        state = step(state, SetStage(stage=stage), FACILITATOR)
    return state


def expected(name: str, role: Role, stage: Stage, mode: ThemingMode, events: str) -> str:
    """What the policy's row says a command gets: its events, or the refusal's code."""
    when = POLICY[name].grants().get(role)
    if when is None:
        return "not_allowed"
    if when.stages is not None and stage not in when.stages:
        return "stage_closed"
    if when.theming_mode is not None and when.theming_mode != mode:
        return REFUSED_IN_MODE[when.theming_mode]
    return events.split("|")[MODES.index(mode)] if "|" in events else events


ROWS = [
    (name, role, stage, mode)
    for name in [*DAY_ONE, *DAY_TWO]
    for role in Role
    for stage in Stage
    for mode in MODES
]


def test_the_table_tries_every_command_a_client_may_send() -> None:
    assert set(DAY_ONE) | set(DAY_TWO) == set(POLICY) - INTERNAL
    assert not set(DAY_ONE) & set(DAY_TWO)


def test_the_table_reaches_every_refusal_and_every_event() -> None:
    outcomes = {expected(name, role, stage, mode, "allowed") for name, role, stage, mode in ROWS}
    refusals = {"not_allowed", "stage_closed", "facilitators_only", "move_it_yourself"}
    assert outcomes == {*refusals, "allowed"}


@pytest.mark.parametrize(("name", "role", "stage", "mode"), ROWS)
def test_decide_keeps_to_the_policy(
    name: str, role: Role, stage: Stage, mode: ThemingMode, prepared: Board, planned: Board
) -> None:
    given, build, events = _given(name, role, stage, mode, prepared, planned)
    actor = (ROLES if name in DAY_ONE else DAY_TWO_ROLES)[role]
    outcome = expected(name, role, stage, mode, events)
    try:
        made = decide(given.state, build(given), actor)
    except BoardError as error:
        assert error.code == outcome, error.message
    else:
        assert " ".join(event.type for event in made) == outcome


# --- what a refusal says ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "actor", "stage", "message"),
    [
        (
            "write_statement",
            P1,
            Stage.THEME,
            "Writing statements happens at “Collect”. The board is not there now.",
        ),
        (
            "open_round",
            FACILITATOR,
            Stage.COLLECT,
            "Voting starts at “Theme”. The board is at “Collect”.",
        ),
        ("merge_themes", P1, Stage.THEME, "Only a facilitator can do that."),
        ("merge_themes", WALL, Stage.THEME, "The wall display only shows the board."),
        ("vote", WALL, Stage.PRIORITISE, "This screen cannot vote."),
        (
            "rate_idea",
            FACILITATOR,
            Stage.IDEAS,
            "Rating ideas happens at “Invest”. The board is not there now.",
        ),
    ],
)
def test_a_refusal_says_who_may_and_when(
    name: str, actor: Actor, stage: Stage, message: str, prepared: Board, planned: Board
) -> None:
    given, build, _ = _given(name, actor.role, stage, "everyone", prepared, planned)
    with pytest.raises(BoardError) as caught:
        decide(given.state, build(given), actor)
    assert caught.value.message == message


def test_a_stranger_is_refused_before_the_stage_is_checked(prepared: Board) -> None:
    stranger = Actor(role=Role.PARTICIPANT, participant_id="p9")
    with pytest.raises(BoardError) as caught:
        decide(prepared, WriteStatement(category=Category.WORKING, text="Hi"), stranger)
    assert caught.value.code == "unknown_participant"
