"""Properties that must hold for any sequence of commands, found by hypothesis."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from board import (
    Actor,
    Board,
    BoardError,
    Category,
    Command,
    Group,
    Role,
    Stage,
    apply,
    decide,
    fold,
    project_event,
    project_state,
)
from board.commands import (
    AddStatements,
    CloseRound,
    CreateBoard,
    JoinBoard,
    NewStatement,
    OpenRound,
    RevealRound,
    SetStage,
    Unvote,
    Vote,
)
from board.events import (
    BoardUpdated,
    DotPlaced,
    DotRemoved,
    Event,
    RoundClosed,
    StageSet,
)

FACILITATOR = Actor(role=Role.FACILITATOR)
WALL = Actor(role=Role.WALL)
ANYONE = Actor(role=Role.PARTICIPANT)
PEOPLE = ("p1", "p2", "p3")
ITEMS = ("s1", "s2", "s3", "s4", "s5")
SETTINGS = settings(max_examples=200, deadline=None)


def _base() -> tuple[list[Event], Board]:
    """Statements s1–s5, people p1–p3 (patient, carer, professional), blind round r6 open."""
    statements = tuple(NewStatement(category=Category.NOT_WORKING, text=i) for i in ITEMS)
    commands: list[Command] = [
        CreateBoard(board_id="b1", title="COPD", join_code="j1"),
        AddStatements(statements=statements),
        *(
            JoinBoard(participant_id=pid, group=group)
            for pid, group in zip(
                PEOPLE, (Group.PATIENT, Group.CARER, Group.PROFESSIONAL), strict=True
            )
        ),
        SetStage(stage=Stage.PRIORITISE),
        OpenRound(items=ITEMS[:4], dots_per_person=3, max_per_item=2, blind=True),
    ]
    events: list[Event] = []
    state = Board(id="b1")
    for command in commands:
        for event in decide(state, command, FACILITATOR):
            state = apply(state, event)
            events.append(event)
    return events, state


BASE_LOG, BASE = _base()

# Who sends a vote: mostly a participant; sometimes a stranger, the wall, or a
# facilitator recording a dot (for someone, or forgetting to say for whom).
PARTICIPANTS = [(Actor(role=Role.PARTICIPANT, participant_id=p), None) for p in PEOPLE]
VOTERS = st.sampled_from(
    [
        *PARTICIPANTS * 4,
        (Actor(role=Role.PARTICIPANT, participant_id="p9"), None),
        (WALL, None),
        *((FACILITATOR, p) for p in PEOPLE),
        (FACILITATOR, None),
    ]
)
ITEM = st.sampled_from((*ITEMS, *ITEMS, "s9"))
WHICH_ROUND = st.sampled_from(("latest",) * 9 + ("r99",))

KINDS: dict[str, st.SearchStrategy[tuple[Any, ...]]] = {
    "vote": st.tuples(st.just("vote"), VOTERS, ITEM, WHICH_ROUND),
    "unvote": st.tuples(st.just("unvote"), VOTERS, ITEM, WHICH_ROUND),
    "close": st.tuples(st.just("close"), WHICH_ROUND),
    "reveal": st.tuples(st.just("reveal"), WHICH_ROUND),
    "open": st.tuples(
        st.just("open"),
        st.one_of(
            st.lists(st.sampled_from(ITEMS), min_size=1, max_size=5, unique=True),
            st.lists(ITEM, min_size=1, max_size=4),
        ),
        st.integers(1, 5),
        st.integers(1, 5),
        st.booleans(),
    ),
}
# Votes are most of the traffic; rounds close, reveal and open now and then.
OPS = st.sampled_from(["vote"] * 12 + ["unvote"] * 5 + ["close", "reveal", "open"]).flatmap(
    KINDS.__getitem__
)


def _round_id(state: Board, which: str) -> str:
    if which == "latest" and state.rounds:
        return list(state.rounds)[-1]
    return "r99"


def _command(state: Board, op: tuple[Any, ...]) -> tuple[Command, Actor]:
    match op:
        case ("vote" | "unvote", (actor, for_participant), item, which):
            kind = Vote if op[0] == "vote" else Unvote
            command = kind(
                round_id=_round_id(state, which), item=item, for_participant=for_participant
            )
            return command, actor
        case ("close", which):
            return CloseRound(round_id=_round_id(state, which)), FACILITATOR
        case ("reveal", which):
            return RevealRound(round_id=_round_id(state, which)), FACILITATOR
        case ("open", items, dots, most, blind):
            opened = OpenRound(
                items=tuple(items), dots_per_person=dots, max_per_item=most, blind=blind
            )
            return opened, FACILITATOR
    raise AssertionError(op)


def _run(
    ops: list[tuple[Any, ...]],
) -> Iterator[tuple[Board, Command, Actor, list[Event] | BoardError]]:
    """Each step: the state before, the command, and its events or the refusal."""
    state = BASE
    for op in ops:
        command, actor = _command(state, op)
        try:
            events = decide(state, command, actor)
        except BoardError as error:
            yield state, command, actor, error
            continue
        yield state, command, actor, events
        for event in events:
            state = apply(state, event)


def _log(ops: list[tuple[Any, ...]]) -> tuple[list[Event], Board]:
    events: list[Event] = []
    state = BASE
    for _, _, _, outcome in _run(ops):
        if isinstance(outcome, list):
            for event in outcome:
                state = apply(state, event)
            events += outcome
    return events, state


def _check_budgets(state: Board) -> None:
    for found in state.rounds.values():
        assert found.max_per_item <= found.dots_per_person
        for mine in found.dots.values():
            assert sum(mine.values()) <= found.dots_per_person
            assert all(1 <= count <= found.max_per_item for count in mine.values())
    assert sum(found.status == "open" for found in state.rounds.values()) <= 1


@SETTINGS
@given(st.lists(OPS, min_size=5, max_size=60))
def test_folding_the_same_events_twice_gives_equal_boards(ops: list[tuple[Any, ...]]) -> None:
    events, state = _log(ops)
    assert fold(events, BASE) == fold(events, BASE) == state
    assert fold(BASE_LOG + events, board_id="b1") == state


@SETTINGS
@given(st.lists(OPS, min_size=5, max_size=60))
def test_no_one_ever_has_more_dots_than_the_round_allows(ops: list[tuple[Any, ...]]) -> None:
    state = BASE
    for _, _, _, outcome in _run(ops):
        if isinstance(outcome, list):
            for event in outcome:
                state = apply(state, event)
            _check_budgets(state)


@SETTINGS
@given(st.lists(OPS, min_size=5, max_size=60))
def test_a_refused_command_changes_nothing(ops: list[tuple[Any, ...]]) -> None:
    for before, command, actor, outcome in _run(ops):
        if isinstance(outcome, BoardError):
            snapshot = before.model_dump()
            try:
                events = decide(before, command, actor)
            except BoardError as again:
                assert (again.code, again.message) == (outcome.code, outcome.message)
            else:
                raise AssertionError(f"refused once, then allowed: {events}")
            assert before.model_dump() == snapshot
            assert outcome.message.endswith(".") and len(outcome.message.split()) < 20


@SETTINGS
@given(
    st.lists(OPS, max_size=30),
    st.integers(min_value=1, max_value=10_000),
    st.sampled_from(("board_updated", "stage_set", "dot_placed", "round_closed")),
)
def test_apply_refuses_an_event_that_does_not_come_next(
    ops: list[tuple[Any, ...]], seq: int, kind: str
) -> None:
    _, state = _log(ops)
    if seq == state.seq + 1:
        seq = state.seq + 2
    event: Event
    match kind:
        case "board_updated":
            event = BoardUpdated(seq=seq, title="x", purpose="")
        case "stage_set":
            event = StageSet(seq=seq, stage=Stage.PLAN, previous=state.stage)
        case "dot_placed":
            event = DotPlaced(seq=seq, round_id="r7", item="s1", participant_id="p1")
        case _:
            event = RoundClosed(seq=seq, round_id="r7")
    snapshot = state.model_dump()
    try:
        apply(state, event)
    except BoardError as error:
        assert error.code == "event_out_of_order"
    else:
        raise AssertionError(f"applied event {seq} after {state.seq}")
    assert state.model_dump() == snapshot


def _dicts(value: object) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for inner in value.values():
            yield from _dicts(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _dicts(inner)


def _check_secrets(shown: dict[str, Any], after: Board, is_dot_event: bool) -> None:
    for found in _dicts(shown):
        assert "participant_id" not in found
        assert "dots" not in found
        if "tally" in found:
            round_id = found.get("round_id", found.get("id"))
            assert isinstance(round_id, str)
            visible = after.rounds[round_id]
            assert not visible.blind or visible.status == "revealed"
    if is_dot_event:
        round_id = shown["round_id"]
        hidden = after.rounds[round_id].blind and after.rounds[round_id].status != "revealed"
        assert not (hidden and any("tally" in found for found in _dicts(shown)))


VIEWERS = (
    FACILITATOR,
    WALL,
    ANYONE,
    *(Actor(role=Role.PARTICIPANT, participant_id=p) for p in PEOPLE),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(OPS, min_size=5, max_size=40))
def test_projections_never_say_who_voted_for_what(ops: list[tuple[Any, ...]]) -> None:
    state = BASE
    for _, _, _, outcome in _run(ops):
        if not isinstance(outcome, list):
            continue
        for event in outcome:
            state = apply(state, event)
            is_dot = isinstance(event, DotPlaced | DotRemoved)
            for viewer in VIEWERS:
                _check_secrets(project_event(event, state, viewer), state, is_dot)
            if is_dot:
                # Only the voter's own copy may carry their dots, and no copy names anyone.
                for viewer in (FACILITATOR, WALL, ANYONE):
                    shown = project_event(event, state, viewer)
                    assert "mine" not in shown
                    assert not set(PEOPLE) & set(_strings(shown))
    for viewer in VIEWERS:
        _check_secrets(project_state(state, viewer), state, False)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield str(key)
            yield from _strings(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _strings(inner)
