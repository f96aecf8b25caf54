"""The Redis event store: per-board log with a gapless seq, snapshots, its channel.

It speaks plain records (JSON strings), never domain classes, and owns every
Redis call the server makes (subscriptions too: `subscriptions()`); a Redis
error never leaves it except as StoreUnavailable. Every key of a board carries
the `{board}` hash tag, so on a Redis Cluster a board lives on one shard and
its scripts stay atomic there.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from redis.exceptions import AskError

from server.channel import EVENTS_CLOSE, EVENTS_OPEN, Kind, channel, encode
from server.errors import StoreUnavailable
from server.records import MAX_CALLS, board_key, call
from server.redis_client import Opened, open_redis
from server.rejoin_records import RejoinRecords
from server.subscriptions import OnLost, OnMessage, Subscriptions

log = logging.getLogger(__name__)

# KEYS: seq, log, ops, channel. ARGV: expected seq, number of ops, then for
# each op: its id, its number of records, the records. If any op is known it
# answers {0, [op, seq, ...]} and writes nothing; a stale expected seq answers
# {-1, current seq}; otherwise every op's records are logged and published in
# one step, so Redis's order is both the log's order and the broadcast order.
_APPEND = """
local n = tonumber(ARGV[2])
local dups = {}
local at = 3
for k = 1, n do
  local done = redis.call('HGET', KEYS[3], ARGV[at])
  if done then
    table.insert(dups, ARGV[at])
    table.insert(dups, done)
  end
  at = at + 2 + tonumber(ARGV[at + 1])
end
if #dups > 0 then return {0, dups} end
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if cur ~= tonumber(ARGV[1]) then return {-1, cur} end
local published = {}
at = 3
for k = 1, n do
  local count = tonumber(ARGV[at + 1])
  for j = 1, count do
    cur = cur + 1
    redis.call('XADD', KEYS[2], '0-' .. cur, 'e', ARGV[at + 1 + j])
    table.insert(published, ARGV[at + 1 + j])
  end
  redis.call('HSET', KEYS[3], ARGV[at], cur)
  at = at + 2 + count
end
redis.call('SET', KEYS[1], cur)
redis.call('PUBLISH', KEYS[4], [=[OPEN]=] .. table.concat(published, ',') .. [=[CLOSE]=])
return {1, cur}
"""


def _append_script(sharded: bool) -> str:
    # Redis 7's SPUBLISH sends a board's events through its own shard only;
    # a single Redis (the embedded one is 6.2) keeps plain PUBLISH.
    script = _APPEND.replace("OPEN", EVENTS_OPEN).replace("CLOSE", EVENTS_CLOSE)
    return script.replace("'PUBLISH'", "'SPUBLISH'") if sharded else script


# KEYS: snapshot. ARGV: seq, snapshot. Never replaces a newer snapshot.
_SNAPSHOT = """
local old = redis.call('HGET', KEYS[1], 'seq')
if old and tonumber(old) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'state', ARGV[2])
return 1
"""

_REPLICA_WAIT_MS = 1000  # how long an append waits for its shard's replica
_ALONE_WAIT_MS = 20  # ... once a replica has not answered, until it answers again


@dataclass(frozen=True, slots=True)
class Appended:
    outcome: Literal["appended", "duplicate", "conflict"]
    seq: int  # the new last seq; the op's seq when duplicate; the current seq on conflict
    # With several ops: those already applied, and the seq each got then.
    duplicates: dict[str, int] = field(default_factory=dict)


class Store(RejoinRecords):
    """Tiny interface over Redis: append, read, snapshot, tokens, codes, presence."""

    def __init__(self, opened: Opened) -> None:
        self._opened = opened
        self._redis: Any = opened.client
        self._append_text = _append_script(opened.cluster)
        self._append = self._redis.register_script(self._append_text)
        self._snapshot = self._redis.register_script(_SNAPSHOT)
        self._calls = asyncio.Semaphore(MAX_CALLS)
        self._alone: set[str] = set()  # cluster nodes whose replica did not answer lately

    @classmethod
    async def connect(cls, url: str) -> Store:
        return cls(await open_redis(url))

    @property
    def cluster(self) -> bool:
        return self._opened.cluster

    async def close(self) -> None:
        await self._opened.close()

    def subscriptions(self, on_message: OnMessage, on_lost: OnLost) -> Subscriptions:
        return Subscriptions(self._opened, on_message, on_lost)

    async def ping(self) -> bool:
        try:
            await self._ping()
        except StoreUnavailable:
            return False
        return True

    @call
    async def _ping(self) -> None:
        if self.cluster:  # every shard's primary must answer
            await self._redis.ping(target_nodes=self._redis.PRIMARIES)
        else:
            await self._redis.ping()

    # The log

    async def append(
        self, board_id: str, expected_seq: int, records: Sequence[str], op: str
    ) -> Appended:
        """One op's records, applied once, if the board is still at `expected_seq`."""
        result = await self.append_many(board_id, expected_seq, [(op, records)])
        if result.outcome == "duplicate":
            return Appended("duplicate", result.duplicates[op], result.duplicates)
        return result

    @call
    async def append_many(
        self, board_id: str, expected_seq: int, ops: Sequence[tuple[str, Sequence[str]]]
    ) -> Appended:
        """Several ops' records in one step: all of them, or (a known op, a stale seq) none."""
        keys = [board_key(board_id, n) for n in ("seq", "log", "ops")] + [channel(board_id)]
        args: list[str | int] = [expected_seq, len(ops)]
        for op, records in ops:
            args.extend([op, len(records), *records])
        if self.cluster:
            code, found = await self._append_replicated(keys, args)
        else:
            code, found = await self._append(keys=keys, args=args)
        if int(code) == 0:
            known = {str(found[i]): int(found[i + 1]) for i in range(0, len(found), 2)}
            return Appended("duplicate", max(known.values()), known)
        return Appended("appended" if int(code) == 1 else "conflict", int(found))

    async def _append_replicated(self, keys: list[str], args: list[str | int]) -> Any:
        """The append, answered only once the shard's replica has it too.

        Replication is asynchronous: a primary that dies right after answering
        would take the write with it when its replica is promoted. WAIT on the
        same connection, in the same round trip, closes that window.
        """
        for _ in range(3):
            node = self._redis.get_node_from_key(keys[0])
            wait = self._redis.get_node_from_key(keys[0], replica=True) is not None
            timeout = _ALONE_WAIT_MS if node.name in self._alone else _REPLICA_WAIT_MS
            pipe = self._redis.pipeline(transaction=False)
            pipe.eval(self._append_text, len(keys), *keys, *args)
            if wait:
                pipe.execute_command("WAIT", 1, timeout, target_nodes=node)
            try:
                results = await pipe.execute(allow_redirections=False)
            except AskError:  # MOVED too: the slot has moved (a failover); ask where now
                await self._redis.nodes_manager.initialize()
                continue
            if wait and int(results[1]) < 1:
                if node.name not in self._alone:
                    log.warning("the replica of %s did not confirm a write in time", node.name)
                self._alone.add(node.name)
            else:
                self._alone.discard(node.name)
            return results[0]
        raise StoreUnavailable()

    @call
    async def read_since(self, board_id: str, since: int, limit: int | None = None) -> list[str]:
        """Records after `since`, in seq order."""
        rows = await self._redis.xrange(
            board_key(board_id, "log"), min=f"0-{since + 1}", max="+", count=limit
        )
        return [str(fields["e"]) for _id, fields in rows or [] if fields]

    @call
    async def read_last(self, board_id: str, count: int) -> list[str]:
        """The last `count` records, newest first."""
        rows = await self._redis.xrevrange(board_key(board_id, "log"), count=count)
        return [str(fields["e"]) for _id, fields in rows or [] if fields]

    @call
    async def op_seq(self, board_id: str, op: str) -> int | None:
        """The seq an op was applied at, if it was."""
        found = await self._redis.hget(board_key(board_id, "ops"), op)
        return int(found) if found is not None else None

    @call
    async def last_seq(self, board_id: str) -> int:
        found = await self._redis.get(board_key(board_id, "seq"))
        return int(found) if found is not None else 0

    @call
    async def save_snapshot(self, board_id: str, seq: int, state: str) -> None:
        await self._snapshot(keys=[board_key(board_id, "snapshot")], args=[seq, state])

    @call
    async def load_snapshot(self, board_id: str) -> tuple[int, str] | None:
        found = await self._redis.hgetall(board_key(board_id, "snapshot"))
        return (int(found["seq"]), found["state"]) if found else None

    @call
    async def publish(self, board_id: str, kind: Kind, body: object = None) -> None:
        """Tell every worker following a board something that is not logged."""
        if self.cluster:
            await self._redis.spublish(channel(board_id), encode(kind, body))
        else:
            await self._redis.publish(channel(board_id), encode(kind, body))
