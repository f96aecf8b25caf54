"""This worker's live boards: the writer, the follower and presence, wired together.

The writer runs commands (server/writer.py), the follower fans out what the
board channels carry (server/follower.py), presence counts who is here
(server/presence.py); the hub is the one door the HTTP routes and the socket
handlers use, and keeps memory to the boards in use.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from board import Actor, Board, Command, Undo
from server import queries
from server.channel import Kind
from server.errors import StoreUnavailable
from server.follower import Change, Follower, Screens
from server.presence import HEARTBEAT_TTL, Presence
from server.store import Store
from server.writer import Writer

__all__ = ["Change", "Hub", "Screens"]

Json = dict[str, Any]


class Hub:
    def __init__(self, store: Store, screens: Screens, snapshot_every: int) -> None:
        self.store = store
        self.writer = Writer(store, snapshot_every)
        self.follower = Follower(
            store,
            screens,
            seen=self.writer.offer,
            rewound=self.writer.distrust,
            gone=self.writer.forget,
        )
        self.presence_counts = Presence(store, self.state)
        self._janitor: asyncio.Task[None] | None = None

    @property
    def worker(self) -> str:
        return self.presence_counts.worker

    async def start(self) -> None:
        await self.presence_counts.beat()
        self._janitor = asyncio.create_task(self._keep_tidy(), name="hub-janitor")

    async def stop(self) -> None:
        tasks = [t for t in [self._janitor, *self.presence_counts.stop()] if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await self.writer.stop()
        await self.follower.stop()

    async def state(self, board_id: str) -> Board:
        """The newest state this worker knows, loading the board if needed.

        The writer's copy is ahead of the follower's just after this worker
        wrote (its own events are still on their way back through Redis).
        """
        followed, written = self.follower.state(board_id), self.writer.held(board_id)
        if followed is not None and (written is None or followed.seq >= written.seq):
            return followed
        return written or await self.writer.state(board_id)

    async def execute(self, board_id: str, command: Command, actor: Actor, op: str) -> int:
        """Decide and append `command` exactly once; the seq its events ended at."""
        return await self.writer.execute(board_id, command, actor, op)

    async def attach(self, board_id: str, at_least: int = 0) -> Board:
        return await self.follower.attach(board_id, at_least)

    async def detach(self, board_id: str) -> None:
        await self.follower.detach(board_id)

    async def presence_changed(self, board_id: str, participant_id: str, by: int) -> None:
        await self.presence_counts.changed(board_id, participant_id, by)

    async def presence(self, board_id: str) -> Json:
        return await self.presence_counts.count(board_id)

    async def announce(self, board_id: str, kind: Kind, body: object = None) -> None:
        """Tell every worker's screens of this board something that is not logged."""
        await self.store.publish(board_id, kind, body)

    async def undoable(self, board_id: str, actor: Actor, most: int = 8) -> list[Json]:
        return await queries.undoable(self.store, await self.state(board_id), actor, most)

    async def with_target(self, board_id: str, command: Undo) -> Undo:
        return await queries.with_target(self.store, board_id, command)

    def evict_idle(self) -> int:
        """Forget boards nobody here watches or writes to; they load again when needed."""
        return self.writer.evict(keep=self.follower.follows)

    def holds(self, board_id: str) -> bool:
        return self.writer.holds(board_id) or self.follower.follows(board_id)

    async def _keep_tidy(self) -> None:
        # Many boards on one deployment: memory follows the boards in use.
        # The same beat tells other workers this one still holds its connections.
        beats = 0
        while True:
            await asyncio.sleep(HEARTBEAT_TTL / 3)
            with contextlib.suppress(StoreUnavailable):
                await self.presence_counts.beat()
            beats += 1
            if beats % 6 == 0:
                self.evict_idle()
