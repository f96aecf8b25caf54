"""A board has room for a national consultation, and no more."""

from __future__ import annotations

import pytest

from board import Actor, Board, BoardError, Role, decide
from board.checks import CAPACITY
from board.room import JoinBoard
from board.statements import AddStatements
from board.theming import CreateTheme
from board.values import Category, Group, NewStatement
from tests.board.conftest import Step

FACILITATOR = Actor(role=Role.FACILITATOR)


def test_statements_stop_at_the_capacity_with_a_plain_refusal(created: Board, run: Step) -> None:
    many = tuple(
        NewStatement(category=Category.WORKING, text=f"Statement {n}")
        for n in range(CAPACITY["statements"])
    )
    full = run(created, AddStatements(statements=many[:2000]), FACILITATOR)
    full = run(full, AddStatements(statements=many[2000:4000]), FACILITATOR)
    full = run(full, AddStatements(statements=many[4000:]), FACILITATOR)
    one_more = AddStatements(statements=(NewStatement(category=Category.FUTURE, text="More"),))
    with pytest.raises(BoardError) as caught:
        decide(full, one_more, FACILITATOR)
    assert caught.value.code == "board_full"
    assert caught.value.message == "This board is full: it can hold 5000 statements."


def test_a_batch_that_would_overflow_is_refused_whole(created: Board, run: Step) -> None:
    nearly = tuple(
        NewStatement(category=Category.WORKING, text=f"S{n}")
        for n in range(CAPACITY["statements"] - 1)
    )
    state = created
    for start in range(0, len(nearly), 2000):
        state = run(state, AddStatements(statements=nearly[start : start + 2000]), FACILITATOR)
    two = tuple(NewStatement(category=Category.FUTURE, text=t) for t in ("A", "B"))
    with pytest.raises(BoardError):
        decide(state, AddStatements(statements=two), FACILITATOR)
    assert len(run(state, AddStatements(statements=two[:1]), FACILITATOR).statements) == 5000


def test_themes_and_people_have_limits_too(created: Board) -> None:
    people = {f"p{n}": {"id": f"p{n}", "group": "patient"} for n in range(CAPACITY["participants"])}
    crowded = Board.model_validate({**created.model_dump(), "participants": people})
    with pytest.raises(BoardError) as caught:
        decide(crowded, JoinBoard(participant_id="pnew", group=Group.CARER), FACILITATOR)
    assert caught.value.code == "board_full"
    themes = {f"t{n}": {"id": f"t{n}", "category": "working", "title": "x"} for n in range(500)}
    themed = Board.model_validate({**created.model_dump(), "themes": themes})
    with pytest.raises(BoardError) as caught:
        decide(themed, CreateTheme(category=Category.WORKING, title="One more"), FACILITATOR)
    assert caught.value.code == "board_full"
