"""Every feature of the board, listed once, and the functions that run them.

`decide(state, command, actor) -> events` checks the access policy, then
hands the command to its feature's handler; `apply(state, event) -> state`
hands the event to its reducer; everything the board ever was is
`fold(events)`. The command and event parsers, the access policy and the
projections are all gathered from `FEATURES`: adding a feature is one module
and one line here.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from board import (
    archive,
    causes,
    dealing,
    dealt,
    edits,
    feedback,
    ideas,
    invest,
    plan,
    reversals,
    room,
    schedule,
    statements,
    success,
    suggestions,
    theming,
    timer,
    undo,
    voting,
    wall,
)
from board.base import BoardError, CommandBase, EventBase, type_name
from board.checks import check_board_exists
from board.feature import Feature, Handler, Personal, Reducer, Shower
from board.model import Board
from board.policy import Access, check_access, policy_json
from board.projection import Json
from board.values import Actor, Role

FEATURES: tuple[Feature, ...] = (
    room.feature,
    timer.feature,
    statements.feature,
    theming.feature,
    suggestions.feature,
    dealing.feature,
    dealt.feature,
    voting.feature,
    causes.feature,
    success.feature,
    ideas.feature,
    invest.feature,
    plan.feature,
    feedback.feature,
    edits.feature,
    undo.feature,
    reversals.feature,
    schedule.feature,
    archive.feature,
    wall.feature,
)

# For annotations: any command, any event. Parse with COMMAND and EVENT.
Command = CommandBase
Event = EventBase


def _one_each(tables: Iterable[dict[Any, Any]], what: str) -> dict[Any, Any]:
    joined: dict[Any, Any] = {}
    for table in tables:
        for key, value in table.items():
            if key in joined:
                raise TypeError(f"{key.__name__} has two {what}")
            joined[key] = value
    return joined


HANDLERS: dict[type[CommandBase], Handler] = _one_each((f.commands for f in FEATURES), "handlers")
REDUCERS: dict[type[EventBase], Reducer[Any]] = _one_each(
    (f.reducers for f in FEATURES), "reducers"
)
# Several features may each add their part to how one event looks.
SHOWERS: dict[type[EventBase], list[Shower]] = {}
PERSONAL: dict[type[EventBase], list[Personal]] = {}
for _feature in FEATURES:
    for _kind, _show in _feature.showers.items():
        SHOWERS.setdefault(_kind, []).append(_show)
    for _kind, _find in _feature.personal.items():
        PERSONAL.setdefault(_kind, []).append(_find)
WHOLE_BOARD: frozenset[type[EventBase]] = frozenset().union(*(f.whole_board for f in FEATURES))


def _parser(kinds: Iterable[type[Any]]) -> TypeAdapter[Any]:
    """One discriminated union on `type` over `kinds`, parsed once at the edge."""
    union: Any = functools.reduce(operator.or_, kinds)
    return TypeAdapter(Annotated[union, Field(discriminator="type")])


COMMAND: TypeAdapter[CommandBase] = _parser(HANDLERS)
EVENT: TypeAdapter[EventBase] = _parser(REDUCERS)

# Who may send each command type, when: what decide checks and browsers are sent.
POLICY: dict[str, Access] = {type_name(kind): h.access for kind, h in HANDLERS.items()}
# Commands only the server itself issues (board creation, joining, restoring);
# a client sending one through `command` is refused.
INTERNAL = frozenset(name for name, access in POLICY.items() if access.internal)


def event_from_json(raw: str | bytes) -> EventBase:
    return EVENT.validate_json(raw)


def decide(state: Board, command: CommandBase, actor: Actor, now_ms: int = 0) -> list[EventBase]:
    """The events `command` by `actor` produces, numbered after `state.seq`.

    `now_ms` is the server's clock, for the timer; decide never reads a clock.
    """
    handler = HANDLERS.get(type(command))
    if handler is None:
        raise BoardError("unknown_command", "That is not something this board can do.")
    if not isinstance(command, room.CreateBoard):
        check_board_exists(state)
    check_access(handler.access, state, actor)
    events = handler.decide(command, state, actor, now_ms)
    if actor.role == Role.FACILITATOR:
        # What participants do too (a card moved, a theme made) is undone only when a
        # facilitator did it: the event says so.
        events = [
            e.model_copy(update={"by_facilitator": True})
            if "by_facilitator" in type(e).model_fields
            else e
            for e in events
        ]
    return events


def check_may(state: Board, actor: Actor, command_type: str) -> None:
    """Refuse `actor` unless the policy lets them send `command_type` now (say, to move a card)."""
    check_board_exists(state)
    check_access(POLICY[command_type], state, actor)


def preview_undo(state: Board, command: undo.Undo, actor: Actor) -> str:
    """What the undo would do, in words; raises as the undo itself would."""
    first = decide(state, command, actor)[0]
    assert isinstance(first, undo.Undone)
    return first.description


def apply(state: Board, event: EventBase) -> Board:
    """The board after `event`; refuses an event that does not come next."""
    if event.seq != state.seq + 1:
        raise BoardError(
            "event_out_of_order", f"Event {event.seq} cannot follow event {state.seq}."
        )
    created = isinstance(event, room.BoardCreated)
    if state.seq == 0 and not created:
        raise BoardError("event_out_of_order", "A board's first event must create it.")
    if isinstance(event, room.BoardCreated):
        # Without these a stray "created" event would wipe a board or rename it.
        if state.seq != 0:
            raise BoardError("event_out_of_order", "This board has already been created.")
        if state.id and event.board_id != state.id:
            raise BoardError("wrong_board", "This event belongs to a different board.")
    reduce = REDUCERS.get(type(event))
    if reduce is None:
        raise BoardError("unknown_event", f"Unknown event {event!r}.")
    return reduce(event, state).model_copy(update={"seq": event.seq})


def fold(events: Iterable[EventBase], state: Board | None = None, board_id: str = "") -> Board:
    """Replay events onto `state` (or onto an empty board)."""
    current = state if state is not None else Board(id=board_id)
    for event in events:
        current = apply(current, event)
    return current


def project_state(state: Board, viewer: Actor) -> Json:
    """The whole board as `viewer` may see it."""
    shown: Json = {}
    for feature in FEATURES:
        for view in feature.views:
            shown.update(view(state, viewer))
    return shown


def project_event(event: EventBase, after: Board, viewer: Actor) -> Json:
    """`event` as `viewer` may see it, given the board just after it."""
    shown: Json = {"seq": event.seq, "type": event.type}
    if type(event) in WHOLE_BOARD:
        return {**shown, "board": project_state(after, viewer)}
    showers = SHOWERS.get(type(event))
    if not showers:
        return {**shown, "type": "redacted"}
    for show in showers:
        part = show(event, after, viewer)
        if part is None:
            return {"seq": event.seq, "type": "redacted"}
        shown.update(part)
    if viewer.role == Role.FACILITATOR and "by_facilitator" in type(event).model_fields:
        # So a console lists for undo only what a facilitator did.
        shown["by_facilitator"] = bool(getattr(event, "by_facilitator", False))
    return shown


def personal_to(event: EventBase, after: Board) -> str | None:
    """The participant who must get their own copy of `event` (their dots, their card)."""
    for find in PERSONAL.get(type(event), ()):
        someone = find(event, after)
        if someone is not None:
            return someone
    return None


def browser_policy() -> Json:
    """The access policy as browsers get it in the join acknowledgement."""
    return policy_json(POLICY)
