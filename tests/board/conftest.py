"""Boards in known states, built the way the server builds them: decide, then fold."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from board import Actor, Board, Command, Event, Group, Role, Stage, apply, decide
from board.causes import AddCause, ChooseCauses
from board.ideas import AddIdea, ShortlistIdeas
from board.plan import AddAction
from board.room import CreateBoard, JoinBoard, SetStage
from board.statements import AddStatements
from board.success import AddSuccess
from board.theming import CreateTheme, MoveStatement
from board.values import Category, IdeaKind, NewStatement, Perspective
from board.voting import CarryForward, OpenRound

FACILITATOR = Actor(role=Role.FACILITATOR)
WALL = Actor(role=Role.WALL)

Step = Callable[[Board, Command, Actor], Board]


def step(state: Board, command: Command, actor: Actor) -> Board:
    """The board after `command`, applying each event it produces."""
    for event in decide(state, command, actor):
        state = apply(state, event)
    return state


@pytest.fixture
def run() -> Step:
    return step


@pytest.fixture
def created() -> Board:
    """A new board, still at "prepare", with nothing on it."""
    command = CreateBoard(board_id="b1", title="COPD workshop", join_code="join1")
    return step(Board(id="b1"), command, FACILITATOR)


@pytest.fixture
def collected(created: Board) -> Board:
    """Four statements (s1–s4) and three people: p1 patient, p2 carer, p3 professional."""
    statements = tuple(
        NewStatement(category=Category.NOT_WORKING, text=f"Statement {n}") for n in range(1, 5)
    )
    state = step(created, AddStatements(statements=statements), FACILITATOR)
    for participant_id, group in (
        ("p1", Group.PATIENT),
        ("p2", Group.CARER),
        ("p3", Group.PROFESSIONAL),
    ):
        state = step(state, JoinBoard(participant_id=participant_id, group=group), FACILITATOR)
    return state


@pytest.fixture
def voting(collected: Board) -> Board:
    """At "prioritise" with round r5 open on s1–s3: 3 dots each, at most 2 on one, blind."""
    state = step(collected, SetStage(stage=Stage.PRIORITISE), FACILITATOR)
    command = OpenRound(items=("s1", "s2", "s3"), dots_per_person=3, max_per_item=2)
    return step(state, command, FACILITATOR)


# Day two: from a carried-forward theme to an action plan.

P1 = Actor(role=Role.PARTICIPANT, participant_id="p1")
P2 = Actor(role=Role.PARTICIPANT, participant_id="p2")
P3 = Actor(role=Role.PARTICIPANT, participant_id="p3")


def step_events(state: Board, command: Command, actor: Actor) -> tuple[Board, list[Event]]:
    """The board after `command`, and the events it made (an undo's `target` comes from here)."""
    events = decide(state, command, actor)
    for event in events:
        state = apply(state, event)
    return state, events


@pytest.fixture
def understanding(collected: Board) -> Board:
    """At "understand". s5 (review R12) and s1 in theme t6 "Appointments", carried forward;
    s3 in theme t7 "Staff"; s2 and s4 unthemed."""
    card = NewStatement(
        category=Category.NOT_WORKING, text="I wait weeks to see anyone", review="R12"
    )
    state = step(collected, AddStatements(statements=(card,)), FACILITATOR)
    state = step(state, SetStage(stage=Stage.THEME), FACILITATOR)
    themes = (
        CreateTheme(
            category=Category.NOT_WORKING,
            title="Appointments",
            i_statement="I can't get appointments when I want them",
        ),
        CreateTheme(category=Category.NOT_WORKING, title="Staff"),
    )
    for command in themes:
        state = step(state, command, FACILITATOR)
    for statement_id, theme_id in (("s5", "t6"), ("s1", "t6"), ("s3", "t7")):
        state = step(
            state, MoveStatement(statement_id=statement_id, theme_id=theme_id), FACILITATOR
        )
    state = step(state, CarryForward(items=("t6",)), FACILITATOR)
    state = step(state, SetStage(stage=Stage.UNDERSTAND), FACILITATOR)
    assert (list(state.themes), state.carried, state.next_id) == (["t6", "t7"], ("t6",), 8)
    return state


@pytest.fixture
def planned(understanding: Board) -> Board:
    """At "invest", on theme t6: root cause c8, its answer c9 (chosen, by p1), c10 under t7;
    success su11 (person) for c9; ideas i12 (radical, serves su11) and i13 (traditional),
    both shortlisted; action a14 on i12, owned by "Practice manager"."""
    state = understanding
    steps: list[tuple[Command, Actor]] = [
        (AddCause(theme_id="t6", text="Too few receptionists"), FACILITATOR),
        (AddCause(theme_id="t6", parent_id="c8", text="The funding was cut"), P1),
        (AddCause(theme_id="t7", text="Staff change often"), FACILITATOR),
        (ChooseCauses(cause_ids=("c9",)), FACILITATOR),
        (SetStage(stage=Stage.SUCCESS), FACILITATOR),
        (
            AddSuccess(
                cause_id="c9", perspective=Perspective.PERSON, text="I get through first time"
            ),
            P2,
        ),
        (SetStage(stage=Stage.IDEAS), FACILITATOR),
        (AddIdea(kind=IdeaKind.RADICAL, text="Online booking", serves=("su11",)), P1),
        (AddIdea(kind=IdeaKind.TRADITIONAL, text="More phone lines"), FACILITATOR),
        (ShortlistIdeas(idea_ids=("i12", "i13")), FACILITATOR),
        (
            AddAction(text="Set up online booking", owner="Practice manager", idea_id="i12"),
            FACILITATOR,
        ),
        (SetStage(stage=Stage.INVEST), FACILITATOR),
    ]
    for command, actor in steps:
        state = step(state, command, actor)
    assert (list(state.causes), list(state.successes), list(state.ideas), list(state.actions)) == (
        ["c8", "c9", "c10"],
        ["su11"],
        ["i12", "i13"],
        ["a14"],
    )
    return state


def strings(value: object) -> Iterator[str]:
    """Every key and text inside a projection, at any depth: where a secret would show."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield str(key)
            yield from strings(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from strings(inner)
