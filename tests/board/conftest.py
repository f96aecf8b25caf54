"""Boards in known states, built the way the server builds them: decide, then fold."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import pytest

from board import Actor, Board, Command, Event, Group, Role, Stage, apply, decide
from board.causes import AddCause, CauseAdded, ChooseCauses
from board.ideas import AddIdea, IdeaAdded, ShortlistIdeas
from board.plan import ActionSaved, AddAction
from board.room import CreateBoard, JoinBoard, SetStage
from board.statements import AddStatements, SetCardVisibility, StatementsAdded, WriteStatement
from board.success import AddSuccess, SuccessAdded
from board.suggestions import MoveSuggested, SetThemingMode, SuggestMove
from board.theming import CreateTheme, MoveStatement, ThemeCreated
from board.timer import StartTimer
from board.values import Category, IdeaKind, NewStatement, Perspective
from board.voting import CarryForward, OpenRound, RoundOpened, Vote

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


# Where the board's id counter starts. Every test built on these fixtures runs with both, so
# a test holds the ids its fixture or its own steps made (`the`, `make`), never `"t6"`.
FIRST_IDS = (1, 501)


def new_board(first_id: int) -> Board:
    """A new board, still at "prepare", with nothing on it, that gives out ids from `first_id`."""
    command = CreateBoard(board_id="b1", title="COPD workshop", join_code="join1")
    state = step(Board(id="b1"), command, FACILITATOR)
    return state.model_copy(update={"next_id": first_id})


@pytest.fixture(params=FIRST_IDS, ids=lambda first: f"ids-from-{first}")
def created(request: pytest.FixtureRequest) -> Board:
    """A new board, still at "prepare", with nothing on it: once for each of FIRST_IDS."""
    return new_board(request.param)


@pytest.fixture
def collected(created: Board) -> Board:
    """Four not-working cards, "Statement 1" to "Statement 4", and three people:
    p1 a patient, p2 a carer, p3 a professional."""
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
    """At "prioritise" with a blind "Dot vote" open on Statements 1–3: 3 dots each, at most 2
    on one."""
    state = step(collected, SetStage(stage=Stage.PRIORITISE), FACILITATOR)
    items = tuple(the(state, f"Statement {n}") for n in range(1, 4))
    command = OpenRound(items=items, dots_per_person=3, max_per_item=2)
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


def made(events: Sequence[Event]) -> str:
    """The id of what the first of `events` made: a card, theme, vote, cause, idea..."""
    match events[0]:
        case StatementsAdded(statements=(first, *_)):
            return first.id
        case ThemeCreated(theme=theme):
            return theme.id
        case MoveSuggested(suggestion=suggestion):
            return suggestion.id
        case RoundOpened(round_id=round_id):
            return round_id
        case CauseAdded(cause=cause):
            return cause.id
        case SuccessAdded(success=said):
            return said.id
        case IdeaAdded(idea=idea):
            return idea.id
        case ActionSaved(action=action):
            return action.id
    raise AssertionError(f"{events[0].type} makes nothing with an id")


def make(state: Board, command: Command, actor: Actor) -> tuple[Board, str]:
    """The board after `command`, and the id of what it made."""
    after, events = step_events(state, command, actor)
    return after, made(events)


def the(state: Board, words: str) -> str:
    """The id of the one card, theme, vote, cause, success statement, idea or action so named."""
    named = [
        *(s.id for s in state.statements.values() if s.text == words),
        *(t.id for t in state.themes.values() if t.title == words),
        *(r.id for r in state.rounds.values() if r.title == words),
        *(c.id for c in state.causes.values() if c.text == words),
        *(s.id for s in state.successes.values() if s.text == words),
        *(i.id for i in state.ideas.values() if i.text == words),
        *(a.id for a in state.actions.values() if a.text == words),
    ]
    assert len(named) == 1, f"{len(named)} things on the board are called {words!r}"
    return named[0]


@pytest.fixture
def understanding(collected: Board) -> Board:
    """At "understand". "I wait weeks to see anyone" (review R12) and Statement 1 in theme
    "Appointments", carried forward; Statement 3 in theme "Staff"; 2 and 4 unthemed."""
    card = NewStatement(
        category=Category.NOT_WORKING, text="I wait weeks to see anyone", review="R12"
    )
    state = step(collected, AddStatements(statements=(card,)), FACILITATOR)
    state = step(state, SetStage(stage=Stage.THEME), FACILITATOR)
    appointments = CreateTheme(
        category=Category.NOT_WORKING,
        title="Appointments",
        i_statement="I can't get appointments when I want them",
    )
    state, appointments_id = make(state, appointments, FACILITATOR)
    staff = CreateTheme(category=Category.NOT_WORKING, title="Staff")
    state, staff_id = make(state, staff, FACILITATOR)
    cards = (
        ("I wait weeks to see anyone", appointments_id),
        ("Statement 1", appointments_id),
        ("Statement 3", staff_id),
    )
    for text, theme_id in cards:
        move = MoveStatement(statement_id=the(state, text), theme_id=theme_id)
        state = step(state, move, FACILITATOR)
    state = step(state, CarryForward(items=(appointments_id,)), FACILITATOR)
    return step(state, SetStage(stage=Stage.UNDERSTAND), FACILITATOR)


@pytest.fixture
def planned(understanding: Board) -> Board:
    """At "invest", on "Appointments": root cause "Too few receptionists", its answer "The
    funding was cut" (chosen, by p1), and "Staff change often" under "Staff"; success
    "I get through first time" (person, by p2) for the funding; ideas "Online booking"
    (radical, by p1, serves that success) and "More phone lines" (traditional), both
    shortlisted; action "Set up online booking" on the first, owned by "Practice manager"."""
    state = understanding
    appointments, staff = the(state, "Appointments"), the(state, "Staff")
    state, receptionists = make(
        state, AddCause(theme_id=appointments, text="Too few receptionists"), FACILITATOR
    )
    why = AddCause(theme_id=appointments, parent_id=receptionists, text="The funding was cut")
    state, funding = make(state, why, P1)
    state = step(state, AddCause(theme_id=staff, text="Staff change often"), FACILITATOR)
    state = step(state, ChooseCauses(cause_ids=(funding,)), FACILITATOR)
    state = step(state, SetStage(stage=Stage.SUCCESS), FACILITATOR)
    said = AddSuccess(
        cause_id=funding, perspective=Perspective.PERSON, text="I get through first time"
    )
    state, success = make(state, said, P2)
    state = step(state, SetStage(stage=Stage.IDEAS), FACILITATOR)
    online = AddIdea(kind=IdeaKind.RADICAL, text="Online booking", serves=(success,))
    state, online_id = make(state, online, P1)
    phones = AddIdea(kind=IdeaKind.TRADITIONAL, text="More phone lines")
    state, phones_id = make(state, phones, FACILITATOR)
    state = step(state, ShortlistIdeas(idea_ids=(online_id, phones_id)), FACILITATOR)
    action = AddAction(text="Set up online booking", owner="Practice manager", idea_id=online_id)
    state = step(state, action, FACILITATOR)
    return step(state, SetStage(stage=Stage.INVEST), FACILITATOR)


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


@pytest.fixture
def prepared(voting: Board, run: Step) -> Board:
    """The voting board, with p1's dot on Statement 1; themes "Appointments" (Statement 1) and
    "Staff" (Statement 4); p1's suggestion to move Statement 2 to "Appointments"; p2's
    hidden card "Same nurse"; a running timer. Everyone may move cards again."""
    state = run(voting, Vote(round_id=the(voting, "Dot vote"), item=the(voting, "Statement 1")), P1)
    for title, card in (("Appointments", "Statement 1"), ("Staff", "Statement 4")):
        state, theme = make(
            state, CreateTheme(category=Category.NOT_WORKING, title=title), FACILITATOR
        )
        state = run(
            state, MoveStatement(statement_id=the(state, card), theme_id=theme), FACILITATOR
        )
    state = run(state, SetStage(stage=Stage.THEME), FACILITATOR)
    state = run(state, SetThemingMode(mode="facilitators"), FACILITATOR)
    move = SuggestMove(statement_id=the(state, "Statement 2"), theme_id=the(state, "Appointments"))
    state = run(state, move, P1)
    state = run(state, SetStage(stage=Stage.COLLECT), FACILITATOR)
    state = run(state, SetCardVisibility(hide_new=True), FACILITATOR)
    state = run(state, WriteStatement(category=Category.FUTURE, text="Same nurse"), P2)
    state = run(state, StartTimer(seconds=600), FACILITATOR)
    return run(state, SetThemingMode(mode="everyone"), FACILITATOR)
