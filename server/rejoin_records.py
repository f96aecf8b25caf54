"""Rejoin codes beside a board's tokens: only their digests, each mapped to one person.

Part of the store (server/store.py), with its rules: plain strings, every
Redis call through `call`, every key under the board's `{board}` hash tag.
A board's `rejoin` hash holds `code:<digest>` -> participant id and
`pid:<participant id>` -> digest, so each person has one code at a time and
a new one replaces the old. The scripts keep a code and the tokens it hands
out in step: a link cut off while someone is rejoining with the old code
never leaves them a token.
"""

from __future__ import annotations

from typing import Any, cast

from server.records import Records, board_key, call

# KEYS: rejoin. ARGV: participant id, new code digest. 0 if the code is taken.
_SET_CODE = """
if redis.call('HSETNX', KEYS[1], 'code:' .. ARGV[2], ARGV[1]) == 0 then return 0 end
local old = redis.call('HGET', KEYS[1], 'pid:' .. ARGV[1])
if old then redis.call('HDEL', KEYS[1], 'code:' .. old) end
redis.call('HSET', KEYS[1], 'pid:' .. ARGV[1], ARGV[2])
return 1
"""

# KEYS: rejoin, auth. ARGV: participant id, new code digest. As _SET_CODE,
# and every token of that participant goes: {1, digests dropped...}, or {0}.
_CUT_OFF = """
if redis.call('HSETNX', KEYS[1], 'code:' .. ARGV[2], ARGV[1]) == 0 then return {0} end
local old = redis.call('HGET', KEYS[1], 'pid:' .. ARGV[1])
if old then redis.call('HDEL', KEYS[1], 'code:' .. old) end
redis.call('HSET', KEYS[1], 'pid:' .. ARGV[1], ARGV[2])
local dropped = {1}
local grants = redis.call('HGETALL', KEYS[2])
for i = 1, #grants, 2 do
  local ok, grant = pcall(cjson.decode, grants[i + 1])
  if ok and type(grant) == 'table' and grant['participant_id'] == ARGV[1] then
    redis.call('HDEL', KEYS[2], grants[i])
    table.insert(dropped, grants[i])
  end
end
return dropped
"""

# KEYS: rejoin, auth. ARGV: code digest, participant id, token digest, grant.
# The token is kept only if the code still belongs to that participant.
_GRANT_IF_CODE = """
if redis.call('HGET', KEYS[1], 'code:' .. ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
return 1
"""


class RejoinRecords(Records):
    def _script(self, text: str) -> Any:
        scripts = self.__dict__.setdefault("_rejoin_scripts", {})
        if text not in scripts:
            scripts[text] = self._redis.register_script(text)
        return scripts[text]

    def _keys(self, board_id: str) -> list[str]:
        return [board_key(board_id, "rejoin"), board_key(board_id, "auth")]

    @call
    async def set_rejoin(self, board_id: str, participant_id: str, digest: str) -> bool:
        """Give a participant this code (replacing theirs); False if another holds it."""
        keys = self._keys(board_id)[:1]
        return bool(await self._script(_SET_CODE)(keys=keys, args=[participant_id, digest]))

    @call
    async def rejoin_holder(self, board_id: str, digest: str) -> str | None:
        """Whose code this is, if anyone's."""
        found = await self._redis.hget(board_key(board_id, "rejoin"), f"code:{digest}")
        return cast(str | None, found)

    @call
    async def grant_if_rejoin(
        self, board_id: str, digest: str, participant_id: str, token_digest: str, grant: str
    ) -> bool:
        """Keep a token for the code's holder, if the code is still theirs."""
        args = [digest, participant_id, token_digest, grant]
        return bool(await self._script(_GRANT_IF_CODE)(keys=self._keys(board_id), args=args))

    @call
    async def cut_off(self, board_id: str, participant_id: str, digest: str) -> list[str] | None:
        """A new code for a participant, and none of their tokens left: the digests dropped.

        None if the new code is another's already (try another).
        """
        found = await self._script(_CUT_OFF)(
            keys=self._keys(board_id), args=[participant_id, digest]
        )
        if int(found[0]) == 0:
            return None
        return [str(d) for d in found[1:]]

    @call
    async def rejoin_failures(self, board_id: str, window_s: int = 60, add: bool = False) -> int:
        """Wrong rejoin codes tried on a board in the current window (counting one more)."""
        key = board_key(board_id, "rejoin_wrong")
        if not add:
            return int(await self._redis.get(key) or 0)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(key, 0, ex=window_s, nx=True)
            pipe.incr(key)
            _, count = await pipe.execute()
        return int(count)
