"""What each audience may see of the board. Secrets stop here.

No projection ever carries who voted for what. A blind round's tally appears
only once it is revealed; until then everyone sees how many have voted, and a
participant sees their own dots. A redacted event keeps its `seq`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from board.events import (
    BoardCreated,
    BoardUpdated,
    DotPlaced,
    DotRemoved,
    Event,
    ParticipantJoined,
    RoundClosed,
    RoundOpened,
    RoundRevealed,
    StageSet,
    StatementsAdded,
)
from board.model import Actor, Board, Participant, Role, Round, Statement

Json = dict[str, Any]


def tally(state: Board, found: Round) -> dict[str, dict[str, int]]:
    """Dots per item, split by the voter's group. Items with no dots are present, empty."""
    result: dict[str, Counter[str]] = {item: Counter() for item in found.items}
    for participant_id, mine in found.dots.items():
        group = state.participants[participant_id].group.value
        for item, count in mine.items():
            result[item][group] += count
    return {item: dict(groups) for item, groups in result.items()}


def tally_visible(found: Round) -> bool:
    return not found.blind or found.status == "revealed"


def _round(state: Board, found: Round, viewer: Actor) -> Json:
    shown: Json = {
        "id": found.id,
        "title": found.title,
        "items": list(found.items),
        "dots_per_person": found.dots_per_person,
        "max_per_item": found.max_per_item,
        "blind": found.blind,
        "status": found.status,
        **_progress(state, found, viewer),
    }
    return shown


def _progress(state: Board, found: Round, viewer: Actor) -> Json:
    progress: Json = {"voters": found.voters, "dots_cast": found.dots_cast}
    if tally_visible(found):
        progress["tally"] = tally(state, found)
    if viewer.role == Role.PARTICIPANT and viewer.participant_id is not None:
        progress["mine"] = dict(found.dots_of(viewer.participant_id))
    return progress


def _statement(statement: Statement) -> Json:
    return statement.model_dump(mode="json")


def _presence(state: Board, viewer: Actor) -> Json:
    by_group = Counter(p.group.value for p in state.participants.values())
    shown: Json = {"count": len(state.participants), "by_group": dict(by_group)}
    if viewer.role == Role.FACILITATOR:
        shown["people"] = [_person(p) for p in state.participants.values()]
    return shown


def _person(participant: Participant) -> Json:
    return participant.model_dump(mode="json")


def project_state(state: Board, viewer: Actor) -> Json:
    """The whole board as `viewer` may see it."""
    shown: Json = {
        "id": state.id,
        "seq": state.seq,
        "title": state.title,
        "purpose": state.purpose,
        "join_code": state.join_code,
        "stage": state.stage.value,
        "statements": [_statement(s) for s in state.statements.values()],
        "participants": _presence(state, viewer),
        "rounds": [_round(state, r, viewer) for r in state.rounds.values()],
    }
    if viewer.participant_id is not None and viewer.participant_id in state.participants:
        shown["you"] = _person(state.participants[viewer.participant_id])
    return shown


def project_event(event: Event, after: Board, viewer: Actor) -> Json:
    """`event` as `viewer` may see it, given the board just after it."""
    base: Json = {"seq": event.seq, "type": event.type}
    match event:
        case BoardCreated() | BoardUpdated():
            return {
                **base,
                "title": after.title,
                "purpose": after.purpose,
                "join_code": after.join_code,
            }
        case StageSet():
            return {**base, "stage": event.stage.value, "previous": event.previous.value}
        case StatementsAdded():
            return {**base, "statements": [_statement(s) for s in event.statements]}
        case ParticipantJoined():
            counts = {k: v for k, v in _presence(after, viewer).items() if k != "people"}
            if viewer.role == Role.FACILITATOR:
                counts["person"] = _person(event.participant)
            return {**base, "participants": counts}
        case RoundOpened():
            return {**base, "round": _round(after, after.rounds[event.round_id], viewer)}
        case DotPlaced() | DotRemoved():
            found = after.rounds[event.round_id]
            return {**base, "round_id": found.id, **_progress(after, found, viewer)}
        case RoundClosed() | RoundRevealed():
            return {**base, "round": _round(after, after.rounds[event.round_id], viewer)}
    return {**base, "type": "redacted"}  # pragma: no cover - union is closed


def personal_to(event: Event) -> str | None:
    """The participant who must get their own copy of `event` (their dots changed)."""
    if isinstance(event, DotPlaced | DotRemoved):
        return event.participant_id
    return None
