"""At a real workshop's size, every event's frame is the size of its change, not of the board.

(The projection's patch style: board/projection.py.)
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from board import Actor, Board, Command, Role, Stage, project_event
from board.causes import AddCause, ChooseCauses
from board.edits import DeleteItem, EditText
from board.feedback import GiveFeedback
from board.ideas import AddIdea, ShortlistIdeas
from board.invest import PlaceIdea, RateIdea
from board.plan import AddAction, UpdateAction
from board.room import CreateBoard, JoinBoard, SetStage
from board.statements import AddStatements
from board.success import AddSuccess
from board.theming import CreateTheme, MoveStatement
from board.values import (
    ActionStatus,
    Category,
    FeedbackAnswer,
    Group,
    IdeaKind,
    NewStatement,
    Perspective,
)
from board.voting import CarryForward
from tests.board.conftest import FACILITATOR, WALL, make, step, step_events

ANYONE = Actor(role=Role.PARTICIPANT)
P1 = Actor(role=Role.PARTICIPANT, participant_id="p1")
VIEWERS = (FACILITATOR, WALL, ANYONE, P1)
# A frame this big would already be sending a list again.
MOST = 1500


def workshop(created: Board, cards: int, people: int, causes: int, ideas: int) -> Board:
    """A board at "invest" with `cards` statements a question, 15 themes (the first three
    carried), `people` people, `causes` root causes, half as many success statements,
    `ideas` ideas (20 shortlisted) and an action on each of the first 30."""
    statements = tuple(
        NewStatement(category=category, text=f"{category.value} {n}", review=f"R{n % 40}")
        for category in Category
        for n in range(cards)
    )
    state = step(created, AddStatements(statements=statements), FACILITATOR)
    for n in range(people):
        state = step(state, JoinBoard(participant_id=f"p{n + 1}", group=Group.PATIENT), FACILITATOR)
    themes = []
    for n in range(15):
        state, theme = make(
            state, CreateTheme(category=Category.NOT_WORKING, title=f"T{n}"), FACILITATOR
        )
        themes.append(theme)
    cards_of = [s.id for s in state.statements.values() if s.category == Category.NOT_WORKING]
    for n, card in enumerate(cards_of):
        state = step(state, MoveStatement(statement_id=card, theme_id=themes[n % 15]), FACILITATOR)
    state = step(state, CarryForward(items=tuple(themes[:3])), FACILITATOR)
    made_causes = []
    for n in range(causes):
        add = AddCause(theme_id=themes[n % 3], text=f"Because {n} of the many reasons people gave")
        state, cause = make(state, add, FACILITATOR)
        made_causes.append(cause)
    chosen = made_causes[:40]  # a choice holds at most 50
    state = step(state, ChooseCauses(cause_ids=tuple(chosen)), FACILITATOR)
    made_successes = []
    for n in range(causes // 2):
        said = AddSuccess(
            cause_id=chosen[n % len(chosen)], perspective=Perspective.PERSON, text=f"I can {n}"
        )
        state, success = make(state, said, FACILITATOR)
        made_successes.append(success)
    made_ideas = []
    for n in range(ideas):
        idea = AddIdea(
            kind=IdeaKind.RADICAL,
            text=f"Idea {n}",
            serves=(made_successes[n % len(made_successes)],),
        )
        state, made = make(state, idea, FACILITATOR)
        made_ideas.append(made)
    state = step(state, ShortlistIdeas(idea_ids=tuple(made_ideas[:20])), FACILITATOR)
    for n in range(30):
        plan = AddAction(text=f"Do {n}", owner="Practice manager", idea_id=made_ideas[n % 20])
        state = step(state, plan, FACILITATOR)
    state = step(state, SetStage(stage=Stage.INVEST), FACILITATOR)
    for n in range(people):
        rate = RateIdea(idea_id=made_ideas[n % 20], cost=1 + n % 5, benefit=5 - n % 5)
        state = step(state, rate, Actor(role=Role.PARTICIPANT, participant_id=f"p{n + 1}"))
    return state


@pytest.fixture(scope="module")
def real() -> Board:
    created = step(
        Board(id="b1"), CreateBoard(board_id="b1", title="COPD", join_code="j1"), FACILITATOR
    )
    return workshop(created, cards=95, people=40, causes=120, ideas=80)


Change = Callable[[Board], tuple[Board, Command, Actor]]


def _last(things: dict[str, object]) -> str:
    return list(things)[-1]


def _chosen(state: Board) -> tuple[str, ...]:
    return tuple(c.id for c in state.causes.values() if c.chosen)


CHANGES: dict[str, Change] = {
    "a cause": lambda s: (s, AddCause(theme_id=s.carried[0], text="One more reason"), FACILITATOR),
    "a success statement": lambda s: (
        s,
        AddSuccess(cause_id=_chosen(s)[0], perspective=Perspective.CLINICIAN, text="Calm"),
        FACILITATOR,
    ),
    "an idea": lambda s: (s, AddIdea(kind=IdeaKind.DIFFERENT, text="A lunch club"), FACILITATOR),
    "new words": lambda s: (s, EditText(item_id=_last(s.ideas), text="Better words"), FACILITATOR),
    "a removal": lambda s: (s, DeleteItem(item_id=_last(s.causes)), FACILITATOR),
    "a choice of causes": lambda s: (
        s,
        ChooseCauses(cause_ids=(*_chosen(s), _last(s.causes))),
        FACILITATOR,
    ),
    "a rating": lambda s: (s, RateIdea(idea_id=next(iter(s.ideas)), cost=3, benefit=3), P1),
    "a place on the grid": lambda s: (
        s,
        PlaceIdea(idea_id=next(iter(s.ideas)), cost=2, benefit=5),
        FACILITATOR,
    ),
    "an action changed": lambda s: (
        s,
        UpdateAction(action_id=next(iter(s.actions)), status=ActionStatus.DONE),
        FACILITATOR,
    ),
    "feedback": lambda s: (
        step(s, SetStage(stage=Stage.REFLECT), FACILITATOR),
        GiveFeedback(answers=(FeedbackAnswer(question="easy", rating=4, text="Good"),)),
        P1,
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_day_two_frame_is_the_size_of_its_change(change: str, real: Board) -> None:
    state, command, actor = CHANGES[change](real)
    after, events = step_events(state, command, actor)
    for event in events:
        for viewer in VIEWERS:
            frame = json.dumps(project_event(event, after, viewer), ensure_ascii=False)
            assert len(frame.encode()) < MOST, (event.type, viewer.role, len(frame))
