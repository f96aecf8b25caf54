"""This worker's subscriptions to its boards' channels, on one Redis or a cluster's shards.

One listener per connection (the one Redis, or each shard primary that holds
a followed board) hands every message on in the order its Redis sent it. On
a cluster a board subscribes with SSUBSCRIBE on the primary of its slot, so
its events travel through that shard only.

Each connection is a Listener (server/subscription_listener.py). A lost
connection is never hidden: the listener opens a new one and
subscribes again (on a cluster, wherever each board's slot lives now: after
a failover, the promoted replica). Each board is named to `on_lost` once
Redis confirms its subscription, the first time and every time after, so the
follower reads the log knowing that nothing published later can be missed.
"""

from __future__ import annotations

from collections.abc import Callable

from redis.asyncio.client import Redis

from server.channel import Message, channel
from server.redis_client import REDIS_ERRORS, Opened
from server.subscription_listener import Listener

__all__ = ["OnLost", "OnMessage", "Subscriptions", "channel"]

OnMessage = Callable[[str, Message], None]
OnLost = Callable[[list[str]], None]


class Subscriptions:
    def __init__(self, opened: Opened, on_message: OnMessage, on_lost: OnLost) -> None:
        self._opened = opened
        self.on_message = on_message
        self.on_lost = on_lost
        self._listeners: dict[str, Listener] = {}
        self._where: dict[str, Listener] = {}

    @property
    def sharded(self) -> bool:
        return self._opened.cluster

    def node_client(self, host: str | None, port: int | None) -> Redis:
        """A connection of its own to the one Redis, or to the cluster node at host:port."""
        return self._opened.node_client(host, port)

    async def add(self, board_id: str) -> None:
        """Follow a board's channel.

        Once Redis confirms the subscription (and whenever it is made again
        after a loss) the board is named to `on_lost`: a read of the log then
        finds whatever was published before, so nothing falls in between.
        """
        if board_id not in self._where:
            await self._place(board_id)

    async def remove(self, board_id: str) -> None:
        listener = self._where.pop(board_id, None)
        if listener is not None:
            await listener.drop(board_id)
            if not listener.boards:
                self.forget(listener)
                await listener.stop()

    async def close(self) -> None:
        for listener in list(self._listeners.values()):
            self.forget(listener)
            await listener.stop()
        self._where.clear()

    def owner(self, board_id: str) -> tuple[str, str | None, int | None]:
        """The name, host and port of the connection a board's channel belongs on."""
        if not self.sharded:
            return "redis", None, None
        node = self._opened.client.get_node_from_key(channel(board_id))
        return str(node.name), str(node.host), int(node.port)

    async def refresh(self) -> None:
        """Ask the cluster again which node serves which slot."""
        if self.sharded:
            await self._opened.client.nodes_manager.initialize()

    async def _place(self, board_id: str) -> None:
        while True:
            try:
                name, host, port = self.owner(board_id)
            except (*REDIS_ERRORS, KeyError):
                name, host, port = "unplaced", None, None  # no slot map yet: its listener retries
            listener = self._listeners.get(name)
            if listener is None:
                listener = self._listeners[name] = Listener(self, name, host, port)
                listener.start()
            self._where[board_id] = listener
            if await listener.take(board_id):
                return

    async def move(self, board_id: str) -> None:
        """A board's slot lives elsewhere now: follow it there, and repair what it missed.

        Called by the board's old listener, which ends itself once it has no boards left.
        """
        old = self._where.pop(board_id, None)
        if old is not None:
            await old.drop(board_id, tell_redis=False)
        await self._place(board_id)

    def forget(self, listener: Listener) -> None:
        listener.finished = True
        if self._listeners.get(listener.name) is listener:
            del self._listeners[listener.name]
