"""The Redis event store, against a real Redis (REDIS_URL, else the embedded one)."""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import AsyncIterator, Callable

import pytest

from server.channel import Message
from server.store import Store
from server.subscriptions import Subscriptions


@pytest.fixture
async def store(redis_url: str) -> AsyncIterator[Store]:
    opened = await Store.connect(redis_url)
    yield opened
    await opened.close()


def board_id() -> str:
    return "t" + secrets.token_hex(6)


def records(first: int, count: int) -> list[str]:
    return [json.dumps({"seq": first + n, "type": "x"}) for n in range(count)]


async def test_append_numbers_records_without_gaps(store: Store) -> None:
    b = board_id()
    first = await store.append(b, 0, records(1, 2), "op-1")
    second = await store.append(b, 2, records(3, 1), "op-2")
    assert (first.outcome, first.seq) == ("appended", 2)
    assert (second.outcome, second.seq) == ("appended", 3)
    assert [json.loads(r)["seq"] for r in await store.read_since(b, 0)] == [1, 2, 3]
    assert [json.loads(r)["seq"] for r in await store.read_since(b, 2)] == [3]


async def test_append_with_a_stale_seq_is_refused_and_changes_nothing(store: Store) -> None:
    b = board_id()
    await store.append(b, 0, records(1, 1), "op-1")
    stale = await store.append(b, 0, records(1, 1), "op-2")
    assert (stale.outcome, stale.seq) == ("conflict", 1)
    assert len(await store.read_since(b, 0)) == 1
    assert await store.op_seq(b, "op-2") is None


async def test_a_repeated_op_is_applied_once(store: Store) -> None:
    b = board_id()
    await store.append(b, 0, records(1, 1), "op-1")
    again = await store.append(b, 1, records(2, 1), "op-1")
    assert (again.outcome, again.seq) == ("duplicate", 1)
    assert len(await store.read_since(b, 0)) == 1
    assert await store.last_seq(b) == 1


class Heard:
    """What a subscription hands on: messages per board, and boards told to repair."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, Message]] = []
        self.lost: list[str] = []
        self.changed = asyncio.Event()

    def message(self, board: str, message: Message) -> None:
        self.messages.append((board, message))
        self.changed.set()

    def repair(self, boards: list[str]) -> None:
        self.lost.extend(boards)
        self.changed.set()

    async def until(self, check: Callable[[], bool], timeout: float = 10) -> None:
        async with asyncio.timeout(timeout):
            while not check():
                self.changed.clear()
                await self.changed.wait()


async def subscribed(store: Store, heard: Heard, *boards: str) -> Subscriptions:
    subscriptions = store.subscriptions(heard.message, heard.repair)
    for b in boards:
        await subscriptions.add(b)
    # Each board is named for a look in the log once Redis confirms it.
    await heard.until(lambda: sorted(heard.lost) == sorted(boards))
    heard.lost.clear()
    return subscriptions


async def test_append_publishes_the_batch_on_the_board_channel_in_order(store: Store) -> None:
    b = board_id()
    heard = Heard()
    subscriptions = await subscribed(store, heard, b)
    for n in range(5):
        await store.append(b, n, records(n + 1, 1), f"op-{n}")
    await heard.until(lambda: len(heard.messages) == 5)
    await subscriptions.close()
    assert {m.kind for _, m in heard.messages} == {"events"}
    assert [r["seq"] for _, m in heard.messages for r in m.body] == [1, 2, 3, 4, 5]


async def test_each_board_hears_only_its_own_channel_with_the_kind_said(store: Store) -> None:
    one, two = board_id(), board_id()
    heard = Heard()
    subscriptions = await subscribed(store, heard, one, two)
    await store.publish(one, "moving", {"statement_id": "s1", "moving": True})
    await store.append(two, 0, records(1, 1), "op-1")
    await store.publish(two, "deleted")
    await heard.until(lambda: len(heard.messages) == 3)
    await subscriptions.remove(one)
    await store.publish(one, "revoked", "t1")
    await store.publish(two, "revoked", "t2")
    await heard.until(lambda: len(heard.messages) == 4)
    await subscriptions.close()
    said = [(b, m.kind, m.body) for b, m in heard.messages]
    assert said == [
        (one, "moving", {"statement_id": "s1", "moving": True}),
        (two, "events", [{"seq": 1, "type": "x"}]),
        (two, "deleted", None),
        (two, "revoked", "t2"),
    ]
    assert heard.lost == []


async def test_concurrent_appends_at_the_same_seq_let_exactly_one_through(store: Store) -> None:
    b = board_id()
    results = await asyncio.gather(
        *(store.append(b, 0, records(1, 1), f"op-{n}") for n in range(20))
    )
    assert sorted(r.outcome for r in results).count("appended") == 1
    assert await store.last_seq(b) == 1


async def test_a_snapshot_is_never_replaced_by_an_older_one(store: Store) -> None:
    b = board_id()
    await store.save_snapshot(b, 10, "ten")
    await store.save_snapshot(b, 5, "five")
    assert await store.load_snapshot(b) == (10, "ten")
    await store.save_snapshot(b, 12, "twelve")
    assert await store.load_snapshot(b) == (12, "twelve")


async def test_every_key_of_a_board_carries_its_hash_tag_and_delete_removes_them(
    store: Store,
) -> None:
    b = board_id()
    code = "ZZ" + b[-4:].upper()
    await store.append(b, 0, records(1, 1), "op-1")
    await store.save_snapshot(b, 1, "{}")
    await store.grant(b, "digest", "{}", staff_id="s1")
    await store.online(b, "w1", "p1", 1)
    await store.claim_code(code, b)
    await store.retain(b, code, until_ms=5)
    keys = await store.keys_of(b)
    assert sorted(k.split(":")[-1] for k in keys) == [
        "auth", "log", "meta", "online", "ops", "seq", "snapshot", "staff",
    ]  # fmt: skip
    assert all(k.startswith(f"cb:{{{b}}}:") for k in keys)
    assert b in await store.expired(now_ms=10)
    await store.delete_board(b)
    assert await store.keys_of(b) == []
    assert await store.board_for_code(code) is None
    assert b not in await store.expired(now_ms=10)


async def test_a_join_code_can_be_claimed_once(store: Store) -> None:
    code = "T" + secrets.token_hex(3).upper()
    assert await store.claim_code(code, "one")
    assert not await store.claim_code(code, "two")
    assert await store.board_for_code(code) == "one"


async def test_presence_forgets_the_connections_of_a_worker_that_died(store: Store) -> None:
    b = board_id()
    await store.heartbeat("alive", ttl_s=30)
    await store.heartbeat("dying", ttl_s=1)
    await store.online(b, "alive", "p1", 1)
    await store.online(b, "dying", "p2", 1)
    await store.online(b, "dying", "p1", 1)
    assert await store.online_now(b) == {"p1", "p2"}
    await asyncio.sleep(1.2)  # the dying worker's heartbeat runs out
    assert await store.online_now(b) == {"p1"}
    await store.online(b, "alive", "p1", -1)
    assert await store.online_now(b) == set()


async def test_a_board_followed_again_at_once_keeps_its_connection(store: Store) -> None:
    heard = Heard()
    subscriptions = store.subscriptions(heard.message, heard.repair)
    one = board_id()
    two = next(b for b in iter(board_id, "") if subscriptions.owner(b) == subscriptions.owner(one))
    await subscriptions.add(one)
    await subscriptions.add(two)
    await heard.until(lambda: sorted(heard.lost) == sorted([one, two]))
    # Unsubscribed and subscribed again before Redis confirms the first: its
    # confirmation is the server's answer to us, not a sign the slot moved.
    await subscriptions.remove(two)
    await subscriptions.add(two)
    await heard.until(lambda: heard.lost.count(two) == 2)
    await store.publish(one, "presence", "after")
    await heard.until(lambda: any(b == one for b, _ in heard.messages))
    await subscriptions.close()
    assert heard.lost.count(one) == 1, "the connection was not made again"
