"""Who is here: connections counted per worker, told to every screen at most every 200 ms.

Each worker counts the connections it holds, per participant, under a
heartbeat key: a worker that dies stops counting, so nobody stays "here"
after their server went away. Counts are told by group, never by name.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from board import Board
from server.errors import ServerError
from server.store import Store

log = logging.getLogger(__name__)
Json = dict[str, Any]

HEARTBEAT_TTL = 30  # seconds: a worker silent this long no longer counts anyone
_TELL_EVERY = 0.2  # seconds: presence changes are told at most this often per board


class Presence:
    def __init__(self, store: Store, state_of: Callable[[str], Awaitable[Board]]) -> None:
        self.store = store
        self._state_of = state_of
        self.worker = secrets.token_hex(8)  # this process, in presence counts
        self._due: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    async def beat(self) -> None:
        """Tell the others this worker still holds its connections."""
        await self.store.heartbeat(self.worker, HEARTBEAT_TTL)

    async def changed(self, board_id: str, participant_id: str, by: int) -> None:
        """Count a participant's connection in or out; every worker hears shortly."""
        await self._state_of(board_id)  # no such board: no count
        await self.store.online(board_id, self.worker, participant_id, by)
        if board_id in self._due:
            return
        # A room joining at once would otherwise send everyone a count per joiner.
        self._due.add(board_id)
        task = asyncio.create_task(self._tell(board_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _tell(self, board_id: str) -> None:
        await asyncio.sleep(_TELL_EVERY)
        self._due.discard(board_id)
        try:
            await self.store.publish(board_id, "presence", await self.count(board_id))
        except ServerError:
            log.warning("could not tell who is here on board %s", board_id)

    async def count(self, board_id: str) -> Json:
        """How many participants are connected now, by group (never who)."""
        state = await self._state_of(board_id)
        by_group: dict[str, int] = {}
        for pid in await self.store.online_now(board_id):
            person = state.participants.get(pid)
            if person is not None:
                by_group[person.group.value] = by_group.get(person.group.value, 0) + 1
        return {"connected": sum(by_group.values()), "by_group": by_group}

    def stop(self) -> list[asyncio.Task[None]]:
        """Cancel the counts waiting to be told; the tasks, to await."""
        for task in self._tasks:
            task.cancel()
        return list(self._tasks)
