"""Limits with clear errors: rate, size, guesses, origin."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from typing import Any

import aiohttp
import httpx
import pytest
import socketio
import websocket

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
    since = {"since": phone.seq}
    acks = await asyncio.gather(*(phone.sio.call("sync", since) for _ in range(8)))
    refused = [a for a in acks if not a["ok"]]
    assert len(refused) >= 4
    assert refused[0]["error"] == {
        "code": "slow_down",
        "message": "That was a lot at once. Wait a moment, then try again.",
    }
    await asyncio.sleep(1.1)
    assert (await phone.sio.call("sync", since))["ok"] is True
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


async def guess_wrong(url: str, source: str, times: int, **headers: str) -> list[str]:
    """Wrong codes from `source`, slowly enough that only the guessing limit applies."""
    guesser = Client(url, source=source, headers=headers)
    await guesser.connect()
    codes = []
    for n in range(times):
        await asyncio.sleep(0.55)
        answer = await guesser.sio.call("join", {"code": f"ZZZZZ{n}", "group": "patient"})
        codes.append(answer["error"]["code"])
    await guesser.close()
    return codes


async def try_join(url: str, code: str, source: str, **headers: str) -> dict[str, Any]:
    phone = Client(url, source=source, headers=headers)
    await phone.connect()
    ack: dict[str, Any] = await phone.sio.call("join", {"code": code, "group": "patient"})
    await phone.close()
    return ack


async def test_wrong_codes_lock_out_only_the_address_that_guessed(
    strict_server: LiveServer,
) -> None:
    board = create_board(strict_server.url)
    assert await guess_wrong(strict_server.url, "127.0.0.2", 6) == ["bad_code"] * 5 + ["slow_down"]
    # Another address is not held up by it, over the socket or HTTP.
    assert (await try_join(strict_server.url, board["join_code"], "127.0.0.3"))["ok"] is True
    async with httpx.AsyncClient(
        transport=httpx.AsyncHTTPTransport(local_address="127.0.0.4")
    ) as h:
        looked_up = await h.get(f"{strict_server.url}/api/join/{board['join_code']}")
    assert looked_up.status_code == 200
    # The guesser's own address is: even for a real code it has not used.
    refused = await try_join(strict_server.url, board["join_code"], "127.0.0.2")
    assert refused["error"] == {
        "code": "slow_down",
        "message": "Too many wrong codes from here. Wait a minute, then try again.",
    }


async def test_failed_guesses_never_block_a_valid_link(strict_server: LiveServer) -> None:
    board = create_board(strict_server.url)
    phone = Client(strict_server.url, source="127.0.0.5")
    await phone.connect()
    await phone.join(code=board["join_code"], group="carer")
    await phone.close()
    assert (await guess_wrong(strict_server.url, "127.0.0.5", 7))[-2:] == ["slow_down"] * 2
    for token in (board["facilitator_token"], board["wall_token"], phone.token):
        by_event = Client(strict_server.url, source="127.0.0.5")
        await by_event.connect()
        assert (await by_event.sio.call("join", {"token": token}))["ok"] is True
        await by_event.close()
        on_connect = Client(strict_server.url, source="127.0.0.5")
        await on_connect.connect(token=token)
        assert (await on_connect.sio.call("sync", {"since": 0}))["ok"] is True
        assert [name for name, _ in on_connect.frames if name == "refused"] == []
        await on_connect.close()


async def test_a_room_still_joins_while_someone_on_its_network_mistypes(
    strict_server: LiveServer,
) -> None:
    ours, theirs = create_board(strict_server.url), create_board(strict_server.url)
    first = await try_join(strict_server.url, ours["join_code"], "127.0.0.6")
    assert first["ok"] is True
    # Someone else on the same network (one address) keeps getting a code wrong.
    assert (await guess_wrong(strict_server.url, "127.0.0.6", 6))[-1] == "slow_down"
    # Latecomers to a board already joined from here still get in; the address
    # can learn no new code.
    assert (await try_join(strict_server.url, ours["join_code"], "127.0.0.6"))["ok"] is True
    other = await try_join(strict_server.url, theirs["join_code"], "127.0.0.6")
    assert other["error"]["code"] == "slow_down"


@pytest.fixture(scope="module")
def proxied_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Behind a proxy on 127.0.0.1 that the server is told to trust."""
    folder = tmp_path_factory.mktemp("proxied")
    with EmbeddedRedis(folder / "redis") as url:
        server = start_server(
            url,
            folder,
            CHANGEBOARD_FAILED_JOINS_PER_MINUTE="5",
            CHANGEBOARD_FORWARDED_ALLOW_IPS="127.0.0.1",
        )
        yield server
        server.stop()


async def test_behind_a_trusted_proxy_each_forwarded_address_has_its_own_limit(
    proxied_server: LiveServer,
) -> None:
    board = create_board(proxied_server.url)
    forwarded = {"X-Forwarded-For": "203.0.113.7"}
    codes = await guess_wrong(proxied_server.url, "127.0.0.1", 6, **forwarded)
    assert codes == ["bad_code"] * 5 + ["slow_down"]
    other = {"X-Forwarded-For": "203.0.113.8"}
    assert (await try_join(proxied_server.url, board["join_code"], "127.0.0.1", **other))["ok"]
    looked_up = httpx.get(f"{proxied_server.url}/api/join/{board['join_code']}", headers=forwarded)
    assert looked_up.status_code == 429


async def test_a_forwarded_address_from_an_untrusted_client_is_ignored(
    strict_server: LiveServer,
) -> None:
    board = create_board(strict_server.url)
    codes = []
    for n in range(6):  # a new made-up address each time: still one client
        spoofed = {"X-Forwarded-For": f"198.51.100.{n}"}
        codes.extend(await guess_wrong(strict_server.url, "127.0.0.7", 1, **spoofed))
    assert codes == ["bad_code"] * 5 + ["slow_down"]
    spoofed = {"X-Forwarded-For": "198.51.100.99"}
    assert (await try_join(strict_server.url, board["join_code"], "127.0.0.7", **spoofed))["error"][
        "code"
    ] == "slow_down"


async def test_whole_boards_are_sent_a_few_times_a_connection_then_told_to_wait(
    live_server: LiveServer,
) -> None:
    board = create_board(live_server.url)
    phone = await participant(live_server.url, board["join_code"])
    answers = [await phone.sio.call("sync", {"since": 0}) for _ in range(4)]
    assert [a["ok"] for a in answers] == [True, True, True, False]
    assert answers[-1]["error"] == {
        "code": "slow_down",
        "message": "The whole board was sent a moment ago. Wait a few seconds, then ask again.",
    }
    # What it missed since a recent seq is small, and always answered.
    assert (await phone.sio.call("sync", {"since": phone.seq}))["ok"] is True
    await phone.close()


def test_a_websocket_for_another_host_name_is_refused(live_server: LiveServer) -> None:
    """DNS rebinding: evil.example made to point here, its page's Origin matching its Host."""
    url = live_server.url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    foreign = f"evil.example:{live_server.port}"
    with pytest.raises(websocket.WebSocketBadStatusException):
        websocket.create_connection(url, host=foreign, origin=f"http://{foreign}", timeout=10)
    for own in (f"127.0.0.1:{live_server.port}", f"localhost:{live_server.port}"):
        ws = websocket.create_connection(url, host=own, origin=f"http://{own}", timeout=10)
        assert ws.recv().startswith("0{")
        ws.close()


@pytest.fixture(scope="module")
def hasty_server(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = start_server(
        redis_url, tmp_path_factory.mktemp("hasty"), CHANGEBOARD_REQUEST_TIMEOUT="1"
    )
    yield server
    server.stop()


def closed_within(sock: socket.socket, seconds: float) -> tuple[bool, bytes]:
    """Whether the server closed the connection in time, and what it said first."""
    sock.settimeout(seconds)
    said = b""
    try:
        while chunk := sock.recv(4096):
            said += chunk
    except TimeoutError:
        return False, said
    return True, said


def test_half_sent_headers_are_timed_out(hasty_server: LiveServer) -> None:
    for start in (b"", b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "):
        with socket.create_connection(("127.0.0.1", hasty_server.port)) as sock:
            sock.sendall(start)
            closed, _ = closed_within(sock, 5)
            assert closed, start
    # A connection kept alive after one answer, then half a request: the same.
    with socket.create_connection(("127.0.0.1", hasty_server.port)) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert b"200 OK" in sock.recv(4096)
        sock.sendall(b"GET /health HTTP/1.1\r\nHo")
        closed, _ = closed_within(sock, 5)
        assert closed


def test_a_body_that_stops_coming_is_answered_408(hasty_server: LiveServer) -> None:
    board = create_board(hasty_server.url)
    with socket.create_connection(("127.0.0.1", hasty_server.port)) as sock:
        sock.sendall(
            f"POST /api/boards/{board['board_id']}/statements HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: Bearer {board['facilitator_token']}\r\nContent-Type: text/csv\r\n"
            "Content-Length: 5000\r\n\r\nreview,person".encode()
        )
        _, said = closed_within(sock, 5)
    assert said.startswith(b"HTTP/1.1 408"), said[:200]
    assert b'"code":"too_slow"' in said.replace(b" ", b"")
