"""Boards in known states, built the way the server builds them: decide, then fold."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from board import Actor, Board, Command, Group, Role, Stage, apply, decide
from board.commands import (
    AddStatements,
    CreateBoard,
    JoinBoard,
    NewStatement,
    OpenRound,
    SetStage,
)
from board.model import Category

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
