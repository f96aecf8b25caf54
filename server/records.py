"""The small records a board keeps beside its log: tokens, join codes, presence, retention.

Part of the store (server/store.py): the same rules hold. Plain strings in and
out, every Redis call through `call`, every key of a board under its
`{board}` hash tag; the few keys that are not a board's (join codes, the
retention index, workers' heartbeats) are each a single key a cluster can
place anywhere.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from server.redis_client import translated

MAX_CALLS = 64  # Redis calls in flight at once; more wait their turn
_BOARD_KEYS = (
    "seq", "log", "ops", "snapshot", "auth", "staff", "online", "meta", "rejoin", "rejoin_wrong",
)  # fmt: skip
_RETENTION = "cb:retention"  # every board and when it is to be deleted (by time)
_DEMO = "cb:demo"


def board_key(board_id: str, name: str) -> str:
    return f"cb:{{{board_id}}}:{name}"


def _worker_key(worker: str) -> str:
    # One hash tag for every worker's heartbeat: read together with one MGET on a cluster too.
    return f"cb:{{workers}}:alive:{worker}"


def _code_key(code: str) -> str:
    return f"cb:code:{code}"


_R = TypeVar("_R", bound="Records")
_P = ParamSpec("_P")
_T = TypeVar("_T")


def call(
    method: Callable[Concatenate[_R, _P], Awaitable[_T]],
) -> Callable[Concatenate[_R, _P], Awaitable[_T]]:
    """A store method: at most MAX_CALLS at once, and Redis errors as StoreUnavailable."""

    @translated
    @functools.wraps(method)
    async def guarded(self: _R, /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        async with self._calls:
            return await method(self, *args, **kwargs)

    return guarded


class Records:
    _redis: Any  # redis.asyncio.Redis or RedisCluster
    _calls: asyncio.Semaphore

    # Tokens: only a digest is kept, mapped to a small JSON grant.

    @call
    async def grant(self, board_id: str, digest: str, grant: str, staff_id: str = "") -> None:
        """Keep a token's digest and grant; staff tokens are also listed under `staff_id`."""
        if not staff_id:  # one command: no transaction needed (a participant's join)
            await self._redis.hset(board_key(board_id, "auth"), digest, grant)
            return
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(board_key(board_id, "auth"), digest, grant)
            pipe.hset(board_key(board_id, "staff"), staff_id, digest)
            await pipe.execute()

    @call
    async def staff(self, board_id: str) -> dict[str, str]:
        """Staff token ids and the grants they hold."""
        ids = await self._redis.hgetall(board_key(board_id, "staff"))
        if not ids:
            return {}
        grants = await self._redis.hmget(board_key(board_id, "auth"), list(ids.values()))
        return {i: g for i, g in zip(ids, grants, strict=True) if g is not None}

    @call
    async def revoke(self, board_id: str, staff_id: str) -> bool:
        digest = await self._redis.hget(board_key(board_id, "staff"), staff_id)
        if digest is None:
            return False
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hdel(board_key(board_id, "auth"), digest)
            pipe.hdel(board_key(board_id, "staff"), staff_id)
            await pipe.execute()
        return True

    @call
    async def grant_for(self, board_id: str, digest: str) -> str | None:
        return cast(str | None, await self._redis.hget(board_key(board_id, "auth"), digest))

    @call
    async def claim_code(self, code: str, board_id: str) -> bool:
        """Reserve a join code for a board; False if it is taken."""
        return bool(await self._redis.set(_code_key(code), board_id, nx=True))

    @call
    async def board_for_code(self, code: str) -> str | None:
        return cast(str | None, await self._redis.get(_code_key(code)))

    # Presence: each worker counts the connections it holds, per participant,
    # and keeps a heartbeat key alive; a worker that dies stops counting.

    @call
    async def online(self, board_id: str, worker: str, participant_id: str, by: int) -> None:
        """Count one of a participant's connections to `worker` in (+1) or out (-1)."""
        key, field = board_key(board_id, "online"), f"{worker}|{participant_id}"
        if await self._redis.hincrby(key, field, by) <= 0:
            await self._redis.hdel(key, field)

    @call
    async def online_now(self, board_id: str) -> set[str]:
        """The participants connected to a live worker now."""
        key = board_key(board_id, "online")
        counts: dict[str, str] = await self._redis.hgetall(key)
        workers = sorted({field.split("|", 1)[0] for field in counts})
        alive = await self._redis.mget([_worker_key(w) for w in workers]) if workers else []
        dead = {w for w, beat in zip(workers, alive, strict=True) if beat is None}
        stale = [f for f in counts if f.split("|", 1)[0] in dead]
        if stale:
            await self._redis.hdel(key, *stale)
        return {
            field.split("|", 1)[1]
            for field, n in counts.items()
            if int(n) > 0 and field.split("|", 1)[0] not in dead
        }

    @call
    async def heartbeat(self, worker: str, ttl_s: int) -> None:
        await self._redis.set(_worker_key(worker), "1", ex=ttl_s)

    @call
    async def failures(self, address: str, window_s: int = 60, add: bool = False) -> int:
        """Failed join attempts from an address in the current window (counting one more)."""
        key = f"cb:guesses:{address}"
        if not add:
            return int(await self._redis.get(key) or 0)
        # The window starts at the first failure (Redis 6.2 has no EXPIRE NX).
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(key, 0, ex=window_s, nx=True)
            pipe.incr(key)
            _, count = await pipe.execute()
        return int(count)

    @call
    async def joined_from(
        self, address: str, code: str, window_s: int = 60, add: bool = False
    ) -> bool:
        """Whether someone at `address` joined with `code` lately (noting one more when `add`)."""
        key = f"cb:joined:{address}"
        if not add:
            return bool(await self._redis.sismember(key, code))
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.sadd(key, code)
            pipe.expire(key, window_s)
            await pipe.execute()
        return True

    # Retention

    @call
    async def retain(self, board_id: str, join_code: str, until_ms: int) -> None:
        """Note when a board is to be deleted, and the code that goes with it."""
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.hset(board_key(board_id, "meta"), mapping={"join_code": join_code})
            pipe.zadd(_RETENTION, {board_id: until_ms})
            await pipe.execute()

    @call
    async def expired(self, now_ms: int) -> list[str]:
        """Boards whose retention date has passed."""
        found = await self._redis.zrangebyscore(_RETENTION, 0, now_ms, start=0, num=100)
        return [str(board_id) for board_id in found]

    @call
    async def delete_board(self, board_id: str) -> None:
        """Remove everything stored for a board.

        Its own keys go first, in one step; the join code and the retention
        entry live in other slots and go after, so a delete cut short is
        finished by the next retention sweep.
        """
        code = await self._redis.hget(board_key(board_id, "meta"), "join_code")
        await self._redis.delete(*(board_key(board_id, n) for n in _BOARD_KEYS))
        if code:
            await self._redis.delete(_code_key(code))
        await self._redis.zrem(_RETENTION, board_id)

    @call
    async def keys_of(self, board_id: str) -> list[str]:
        """Every key a board has (for tests and operators: it scans)."""
        return [str(k) async for k in self._redis.scan_iter(match=f"cb:{{{board_id}}}:*")]

    # The demo board's links, so a restart prints the same ones.

    @call
    async def demo(self) -> str | None:
        return cast(str | None, await self._redis.get(_DEMO))

    @call
    async def save_demo(self, record: str) -> None:
        await self._redis.set(_DEMO, record)
