"""Limits with clear errors: rate, size, guesses, origin."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import aiohttp
import httpx
import pytest
import socketio

from server.embedded_redis import EmbeddedRedis
from tests.conftest import LiveServer, start_server
from tests.server.client import Client, create_board, facilitator, participant


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    # A Redis of its own: other tests' wrong codes from 127.0.0.1 must not count here.
    folder = tmp_path_factory.mktemp("strict")
    with EmbeddedRedis(folder / "redis") as url:
        server = start_server(
            url,
            folder,
            CHANGEBOARD_FAILED_JOINS_PER_MINUTE="5",
            CHANGEBOARD_COMMANDS_PER_SECOND="2",
            CHANGEBOARD_COMMAND_BURST="5",
            CHANGEBOARD_MAX_COMMAND_BYTES="2048",
        )
        yield server
        server.stop()


async def test_a_connection_sending_too_fast_is_told_to_slow_down(
    strict_server: LiveServer,
) -> None:
    board = create_board(strict_server.url)
    phone = await participant(strict_server.url, board["join_code"])  # the join took one
    acks = await asyncio.gather(*(phone.sio.call("sync", {"since": 0}) for _ in range(8)))
    refused = [a for a in acks if not a["ok"]]
    assert len(refused) >= 4
    assert refused[0]["error"] == {
        "code": "slow_down",
        "message": "That was a lot at once. Wait a moment, then try again.",
    }
    await asyncio.sleep(1.1)
    assert (await phone.sio.call("sync", {"since": 0}))["ok"] is True
    await phone.close()


async def test_a_command_too_large_is_refused_and_changes_nothing(
    strict_server: LiveServer,
) -> None:
    board = create_board(strict_server.url)
    host = await facilitator(strict_server.url, board)
    big = [{"category": "working", "text": "x" * 500} for _ in range(8)]
    ack = await host.command("add_statements", statements=big)
    assert ack["error"] == {"code": "too_large", "message": "That is too much to send at once."}
    assert (await host.sio.call("sync", {"since": host.seq}))["events"] == []
    await host.close()


async def test_wrong_codes_from_one_address_are_limited(strict_server: LiveServer) -> None:
    board = create_board(strict_server.url)
    guesser = Client(strict_server.url)
    await guesser.connect()
    codes = []
    for n in range(7):
        await asyncio.sleep(0.6)  # stay under the rate limit: this is about guesses
        answer = await guesser.sio.call("join", {"code": f"ZZZZZ{n}", "group": "patient"})
        codes.append(answer["error"]["code"])
    assert codes[:5] == ["bad_code"] * 5
    assert codes[5:] == ["slow_down", "slow_down"]
    # Even the right code waits now; and so does the HTTP look-up.
    right = await guesser.sio.call("join", {"code": board["join_code"], "group": "patient"})
    assert right["error"]["code"] == "slow_down"
    looked_up = httpx.get(f"{strict_server.url}/api/join/{board['join_code']}")
    assert looked_up.status_code == 429
    await guesser.close()


async def test_a_browser_on_another_site_cannot_connect(live_server: LiveServer) -> None:
    async with aiohttp.ClientSession() as session:
        client = socketio.AsyncClient(reconnection=False, http_session=session)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await client.connect(
                live_server.url,
                transports=["websocket"],
                headers={"Origin": "https://evil.example"},
            )
    same_site = socketio.AsyncClient(reconnection=False)
    await same_site.connect(
        live_server.url, transports=["websocket"], headers={"Origin": live_server.url}
    )
    assert same_site.connected
    await same_site.disconnect()
