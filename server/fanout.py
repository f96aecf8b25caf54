"""Fan-out: each new event projected once per audience and sent to its rooms, in order.

Each board has a room per audience (facilitators, wall, participants) and one
per participant for their own dots, rating and cards. A participant whose own
copy differs gets it in their room and is skipped in the common one. The last
events of each board are kept ready projected, so a client that reconnects
catches up from memory.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

import socketio

from board import Actor, Board, Role, personal_to, project_event, project_state
from server.follower import Change
from server.socket_sessions import (
    NAMESPACE,
    facilitators_room,
    own_room,
    participants_room,
    wall_room,
)

Json = dict[str, Any]

RECENT = 512  # events kept per board, ready projected, for quick catch-up
_WALL = Actor(role=Role.WALL)
_FACILITATOR = Actor(role=Role.FACILITATOR)
_ANYONE = Actor(role=Role.PARTICIPANT)


@dataclass(frozen=True, slots=True)
class Projected:
    """One event as each audience sees it."""

    seq: int
    facilitator: Json
    wall: Json
    participant: Json
    personal_to: str | None
    personal: Json | None

    def for_actor(self, actor: Actor) -> Json:
        if actor.role == Role.FACILITATOR:
            return self.facilitator
        if actor.role == Role.WALL:
            return self.wall
        if self.personal is not None and actor.participant_id == self.personal_to:
            return self.personal
        return self.participant


class Fanout:
    """Sends the boards' events to this worker's connections, by room."""

    def __init__(self, sio: socketio.AsyncServer) -> None:
        self._sio = sio
        self._recent: dict[str, deque[Projected]] = {}
        self._newcomer: dict[str, tuple[int, Json]] = {}

    def forget(self, board_id: str) -> None:
        """Nobody here watches the board any more: drop its ready-made events."""
        self._recent.pop(board_id, None)
        self._newcomer.pop(board_id, None)

    def newcomer_state(self, state: Board, actor: Actor) -> Json:
        """The board for someone who has just joined, projected once per seq for them all.

        A room joining at once would otherwise project every statement once per
        phone; a newcomer has no dots, ratings, cards or answers of their own yet,
        so only `you` and empty `mine`s differ from what any participant sees.
        """
        cached = self._newcomer.get(state.id)
        if cached is None or cached[0] != state.seq:
            cached = (state.seq, project_state(state, _ANYONE))
            self._newcomer[state.id] = cached
        shown = dict(cached[1])
        shown["rounds"] = [{**r, "mine": {}} for r in shown["rounds"]]
        shown["grid"] = [{**row, "mine": None} for row in shown["grid"]]
        if shown.get("dealing") is not None:
            shown["dealing"] = {**shown["dealing"], "hand": []}
        if actor.participant_id in state.participants:
            shown["you"] = state.participants[actor.participant_id].model_dump(mode="json")
        return shown

    def missed(self, board_id: str, actor: Actor, state: Board, since: int) -> list[Json] | None:
        """Events after `since` up to `state`, projected; None if too far back."""
        if since >= state.seq:
            return []
        recent = self._recent.get(board_id)
        if not recent or recent[0].seq > since + 1:
            return None
        return [p.for_actor(actor) for p in recent if since < p.seq <= state.seq]

    async def catch_up(
        self, sid: str, board_id: str, actor: Actor, state: Board, since: int
    ) -> None:
        missed = self.missed(board_id, actor, state, since)
        if missed is None:
            shown = {"board": project_state(state, actor)}
            await self._sio.emit("snapshot", shown, to=sid, namespace=NAMESPACE)
        elif missed:
            payload = {"board_id": board_id, "events": missed}
            await self._sio.emit("events", payload, to=sid, namespace=NAMESPACE)

    async def changes(self, board_id: str, changes: list[Change]) -> None:
        recent = self._recent.setdefault(board_id, deque(maxlen=RECENT))
        batch: list[Projected] = []
        for event, after in changes:
            owner = personal_to(event, after)
            own = Actor(role=Role.PARTICIPANT, participant_id=owner)
            projected = Projected(
                seq=event.seq,
                facilitator=project_event(event, after, _FACILITATOR),
                wall=project_event(event, after, _WALL),
                participant=project_event(event, after, _ANYONE),
                personal_to=owner,
                personal=project_event(event, after, own) if owner else None,
            )
            recent.append(projected)
            batch.append(projected)
        await self._send(facilitators_room(board_id), board_id, [p.facilitator for p in batch])
        await self._send(wall_room(board_id), board_id, [p.wall for p in batch])
        owners = {p.personal_to for p in batch if p.personal_to is not None}
        skip: list[str] = []
        manager = self._sio.manager
        for owner in owners:
            room = own_room(board_id, owner)
            sids = [sid for sid, _ in manager.get_participants(NAMESPACE, room)]
            if not sids:
                continue
            skip.extend(sids)
            actor = Actor(role=Role.PARTICIPANT, participant_id=owner)
            await self._send(room, board_id, [p.for_actor(actor) for p in batch])
        participants = [p.participant for p in batch]
        await self._send(participants_room(board_id), board_id, participants, skip)

    async def _send(
        self, room: str, board_id: str, events: list[Json], skip: list[str] | None = None
    ) -> None:
        payload = {"board_id": board_id, "events": events}
        await self._sio.emit("events", payload, room=room, skip_sid=skip, namespace=NAMESPACE)
