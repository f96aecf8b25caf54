"""The Redis event store: per-board log with a gapless seq, snapshots, tokens.

It speaks plain records (JSON strings), never domain classes. Every key of a
board carries the `{board}` hash tag, so the scripts run on Redis Cluster too.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Sequence
from dataclasses import dataclass, field
from typing import Literal, cast

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from server.errors import StoreUnavailable

# KEYS: seq, log, ops. ARGV: expected seq, channel, number of ops, then for
# each op: its id, its number of records, the records. If any op is known it
# answers {0, [op, seq, ...]} and writes nothing; a stale expected seq answers
# {-1, current seq}; otherwise every op's records are logged and published in
# one step, so Redis's order is both the log's order and the broadcast order.
_APPEND = """
local n = tonumber(ARGV[3])
local dups = {}
local at = 4
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
at = 4
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
redis.call('PUBLISH', ARGV[2], '[' .. table.concat(published, ',') .. ']')
return {1, cur}
"""

# KEYS: snapshot. ARGV: seq, snapshot. Never replaces a newer snapshot.
_SNAPSHOT = """
local old = redis.call('HGET', KEYS[1], 'seq')
if old and tonumber(old) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'state', ARGV[2])
return 1
"""


def _key(board_id: str, name: str) -> str:
    return f"cb:{{{board_id}}}:{name}"


def channel(board_id: str) -> str:
    return _key(board_id, "events")


# Every board and when it is to be deleted (a sorted set, by time).
_RETENTION = "cb:retention"


def _worker_key(worker: str) -> str:
    return f"cb:alive:{worker}"


def _code_key(code: str) -> str:
    return f"cb:code:{code}"


@dataclass(frozen=True, slots=True)
class Appended:
    outcome: Literal["appended", "duplicate", "conflict"]
    seq: int  # the new last seq; the op's seq when duplicate; the current seq on conflict
    # With several ops: those already applied, and the seq each got then.
    duplicates: dict[str, int] = field(default_factory=dict)


class Store:
    """Tiny interface over one Redis: append, read, snapshot, tokens, codes."""

    def __init__(self, client: aioredis.Redis) -> None:
        self.redis = client
        self._append = client.register_script(_APPEND)
        self._snapshot = client.register_script(_SNAPSHOT)

    @classmethod
    async def connect(cls, url: str) -> Store:
        # A blocking pool: past its size a command waits for a free connection.
        # redis-py's default pool refuses the 101st concurrent command instead
        # (MaxConnectionsError), which a join storm of 200 phones reaches.
        pool = aioredis.BlockingConnectionPool.from_url(
            url, decode_responses=True, health_check_interval=10, max_connections=64, timeout=10
        )
        return cls(aioredis.Redis.from_pool(pool))

    async def close(self) -> None:
        await self.redis.aclose()

    async def ping(self) -> bool:
        try:
            return bool(await self.redis.ping())
        except (RedisError, OSError):
            return False

    async def append(
        self, board_id: str, expected_seq: int, records: Sequence[str], op: str
    ) -> Appended:
        """One op's records, applied once, if the board is still at `expected_seq`."""
        result = await self.append_many(board_id, expected_seq, [(op, records)])
        if result.outcome == "duplicate":
            return Appended("duplicate", result.duplicates[op], result.duplicates)
        return result

    async def append_many(
        self, board_id: str, expected_seq: int, ops: Sequence[tuple[str, Sequence[str]]]
    ) -> Appended:
        """Several ops' records in one step: all of them, or (a known op, a stale seq) none."""
        keys = [_key(board_id, "seq"), _key(board_id, "log"), _key(board_id, "ops")]
        args: list[str | int] = [expected_seq, channel(board_id), len(ops)]
        for op, records in ops:
            args.extend([op, len(records), *records])
        try:
            code, found = await self._append(keys=keys, args=args)
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc
        if int(code) == 0:
            known = {str(found[i]): int(found[i + 1]) for i in range(0, len(found), 2)}
            return Appended("duplicate", max(known.values()), known)
        return Appended("appended" if int(code) == 1 else "conflict", int(found))

    async def read_last(self, board_id: str, count: int) -> list[str]:
        """The last `count` records, newest first."""
        try:
            rows = await self.redis.xrevrange(_key(board_id, "log"), count=count)
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc
        return [str(fields["e"]) for _id, fields in rows or [] if fields]

    async def op_seq(self, board_id: str, op: str) -> int | None:
        """The seq an op was applied at, if it was."""
        try:
            found = await cast(Awaitable[str | None], self.redis.hget(_key(board_id, "ops"), op))
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc
        return int(found) if found is not None else None

    async def last_seq(self, board_id: str) -> int:
        try:
            found = await self.redis.get(_key(board_id, "seq"))
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc
        return int(found) if found is not None else 0

    async def read_since(self, board_id: str, since: int, limit: int | None = None) -> list[str]:
        """Records after `since`, in seq order."""
        try:
            rows = await self.redis.xrange(
                _key(board_id, "log"), min=f"0-{since + 1}", max="+", count=limit
            )
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc
        return [str(fields["e"]) for _id, fields in rows or [] if fields]

    async def save_snapshot(self, board_id: str, seq: int, state: str) -> None:
        try:
            await self._snapshot(keys=[_key(board_id, "snapshot")], args=[seq, state])
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc

    async def load_snapshot(self, board_id: str) -> tuple[int, str] | None:
        try:
            found = await cast(
                Awaitable[dict[str, str]], self.redis.hgetall(_key(board_id, "snapshot"))
            )
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc
        if not found:
            return None
        return int(found["seq"]), found["state"]

    # Tokens: only a digest is kept, mapped to a small JSON grant.

    async def grant(self, board_id: str, digest: str, grant: str, staff_id: str = "") -> None:
        """Keep a token's digest and grant; staff tokens are also listed under `staff_id`."""
        try:
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.hset(_key(board_id, "auth"), digest, grant)
                if staff_id:
                    pipe.hset(_key(board_id, "staff"), staff_id, digest)
                await pipe.execute()
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc

    async def staff(self, board_id: str) -> dict[str, str]:
        """Staff token ids and the grants they hold."""
        try:
            ids = await cast(Awaitable[dict[str, str]], self.redis.hgetall(_key(board_id, "staff")))
            if not ids:
                return {}
            grants = await cast(
                Awaitable[list[str | None]],
                self.redis.hmget(_key(board_id, "auth"), list(ids.values())),
            )
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc
        return {i: g for i, g in zip(ids, grants, strict=True) if g is not None}

    async def revoke(self, board_id: str, staff_id: str) -> bool:
        try:
            digest = await cast(
                Awaitable[str | None], self.redis.hget(_key(board_id, "staff"), staff_id)
            )
            if digest is None:
                return False
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.hdel(_key(board_id, "auth"), digest)
                pipe.hdel(_key(board_id, "staff"), staff_id)
                await pipe.execute()
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc
        return True

    async def grant_for(self, board_id: str, digest: str) -> str | None:
        try:
            return await cast(
                Awaitable[str | None], self.redis.hget(_key(board_id, "auth"), digest)
            )
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc

    async def claim_code(self, code: str, board_id: str) -> bool:
        """Reserve a join code for a board; False if it is taken."""
        try:
            return bool(await self.redis.set(_code_key(code), board_id, nx=True))
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc

    async def board_for_code(self, code: str) -> str | None:
        try:
            return cast(str | None, await self.redis.get(_code_key(code)))
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc

    # Presence: how many connections each participant has open, across workers.

    # Presence: each worker counts the connections it holds, per participant,
    # and keeps a heartbeat key alive; a worker that dies stops counting.

    async def online(self, board_id: str, worker: str, participant_id: str, by: int) -> None:
        """Count one of a participant's connections to `worker` in (+1) or out (-1)."""
        key, field = _key(board_id, "online"), f"{worker}|{participant_id}"
        try:
            count = await self.redis.hincrby(key, field, by)
            if count <= 0:
                await self.redis.hdel(key, field)
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc

    async def online_now(self, board_id: str) -> set[str]:
        """The participants connected to a live worker now."""
        key = _key(board_id, "online")
        try:
            counts = await cast(Awaitable[dict[str, str]], self.redis.hgetall(key))
            workers = sorted({field.split("|", 1)[0] for field in counts})
            alive = await self.redis.mget([_worker_key(w) for w in workers]) if workers else []
            dead = {w for w, beat in zip(workers, alive, strict=True) if beat is None}
            stale = [f for f in counts if f.split("|", 1)[0] in dead]
            if stale:
                await self.redis.hdel(key, *stale)
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc
        return {
            field.split("|", 1)[1]
            for field, n in counts.items()
            if int(n) > 0 and field.split("|", 1)[0] not in dead
        }

    async def heartbeat(self, worker: str, ttl_s: int) -> None:
        try:
            await self.redis.set(_worker_key(worker), "1", ex=ttl_s)
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc

    async def failures(self, address: str, window_s: int = 60, add: bool = False) -> int:
        """Failed join attempts from an address in the current window (counting one more)."""
        key = f"cb:guesses:{address}"
        try:
            if not add:
                return int(await self.redis.get(key) or 0)
            # The window starts at the first failure (Redis 6.2 has no EXPIRE NX).
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.set(key, 0, ex=window_s, nx=True)
                pipe.incr(key)
                _, count = await pipe.execute()
            return int(count)
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc

    async def joined_from(
        self, address: str, code: str, window_s: int = 60, add: bool = False
    ) -> bool:
        """Whether someone at `address` joined with `code` lately (noting one more when `add`)."""
        key = f"cb:joined:{address}"
        try:
            if not add:
                return bool(await cast(Awaitable[int], self.redis.sismember(key, code)))
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.sadd(key, code)
                pipe.expire(key, window_s)
                await pipe.execute()
            return True
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc

    async def publish(self, board_id: str, message: str) -> None:
        try:
            await self.redis.publish(channel(board_id), message)
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc

    async def retain(self, board_id: str, join_code: str, until_ms: int) -> None:
        """Note when a board is to be deleted, and the code that goes with it."""
        try:
            async with self.redis.pipeline(transaction=False) as pipe:
                pipe.hset(_key(board_id, "meta"), mapping={"join_code": join_code})
                pipe.zadd(_RETENTION, {board_id: until_ms})
                await pipe.execute()
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc

    async def expired(self, now_ms: int) -> list[str]:
        """Boards whose retention date has passed."""
        try:
            found = await self.redis.zrangebyscore(_RETENTION, 0, now_ms, start=0, num=100)
            return [str(board_id) for board_id in found]
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc

    async def delete_board(self, board_id: str) -> None:
        """Remove everything stored for a board."""
        names = ("seq", "log", "ops", "snapshot", "auth", "staff", "online", "meta")
        try:
            code = await cast(
                Awaitable[str | None], self.redis.hget(_key(board_id, "meta"), "join_code")
            )
            keys = [_key(board_id, n) for n in names]
            if code:
                keys.append(_code_key(code))
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.delete(*keys)
                pipe.zrem(_RETENTION, board_id)
                await pipe.execute()
        except (RedisError, OSError) as exc:
            raise StoreUnavailable() from exc

    async def board_keys(self, board_id: str) -> AsyncIterator[str]:
        async for key in self.redis.scan_iter(match=f"cb:{{{board_id}}}:*"):
            yield key
