"""Rejoin codes over a real server: another device comes back as the same person.

A phone's join answer carries its person's rejoin code; with the board's join
code it signs any other device in as them, with the same dots. A facilitator's
"new link for this person" cuts every device of theirs off at once, and wrong
codes are limited per address and per board, never holding up a valid link.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from server.embedded_redis import EmbeddedRedis
from server.tokens import CODE_ALPHABET
from tests.conftest import LiveServer, start_server
from tests.server.client import Client, create_board, facilitator, participant, wall

CSV = (
    "review,person,category,priority,statement\n"
    "R01,patient,not working,1,I can't get an appointment.\n"
    "R02,carer,not working,1,Nobody tells us what happens next.\n"
    "R03,patient,working,1,The nurse listens.\n"
)


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def import_csv(url: str, board: dict[str, Any]) -> None:
    answer = httpx.post(
        f"{url}/api/boards/{board['board_id']}/statements",
        content=CSV.encode(),
        headers={**auth(board["facilitator_token"]), "Content-Type": "text/csv"},
    )
    assert answer.status_code == 200, answer.text


async def rejoin(url: str, code: str, rejoin_code: str, source: str | None = None) -> Any:
    """A fresh device (its own connection) trying a rejoin code; its answer and client."""
    device = Client(url, source=source)
    await device.connect()
    answer = await device.sio.call("join", {"code": code, "rejoin": rejoin_code}, timeout=10)
    if answer["ok"]:
        device.ack, device.token, device.seq = answer, answer["token"], answer["seq"]
        device.joined = True
    else:
        await device.close()
    return answer, device


async def try_rejoin(url: str, code: str, rejoin_code: str, source: str | None = None) -> Any:
    """Only the answer: the device is closed again."""
    answer, device = await rejoin(url, code, rejoin_code, source)
    await device.close()
    return answer


async def open_vote(url: str, board: dict[str, Any], host: Client, dots: int) -> str:
    await host.ok("set_stage", stage="prioritise")
    items = [s["id"] for s in host.ack["board"]["statements"]]
    seq = await host.ok("open_round", items=items, dots_per_person=dots, max_per_item=2)
    await host.wait_for_seq(seq)
    return str(host.events[-1]["round"]["id"])


async def test_a_new_device_comes_back_as_the_same_person_with_the_same_dots(
    live_server: LiveServer,
) -> None:
    url = live_server.url
    board = create_board(url)
    import_csv(url, board)
    host = await facilitator(url, board)
    round_id = await open_vote(url, board, host, dots=3)
    phone = await participant(url, board["join_code"], name="Pat", group="patient")
    code = phone.ack["rejoin"]["code"]
    assert len(code) == 6 and set(code) <= set(CODE_ALPHABET)
    assert phone.ack["rejoin"]["spaced"] == f"{code[:3]} {code[3:]}"
    assert phone.ack["rejoin"]["link"] == f"{url}/join/{board['join_code']}#rejoin={code}"
    assert phone.ack["rejoin"]["qr"].startswith("data:image/svg+xml")
    item = host.ack["board"]["statements"][0]["id"]
    await phone.ok("vote", round_id=round_id, item=item)
    await phone.ok("vote", round_id=round_id, item=item)

    # Day two: a borrowed tablet, the code typed as read aloud (lower case, a space).
    spoken = f"{code[:3].lower()} {code[3:].lower()}"
    answer, tablet = await rejoin(url, board["join_code"], spoken)
    assert answer["ok"], answer
    assert answer["role"] == "participant"
    assert answer["you"]["id"] == phone.ack["you"]["id"]
    assert answer["you"]["name"] == "Pat"
    assert answer["token"] != phone.token
    assert answer["rejoin"]["code"] == code
    shown_round = next(r for r in answer["board"]["rounds"] if r["id"] == round_id)
    assert shown_round["mine"] == {item: 2}
    # The same budget: one dot left, across both devices.
    await tablet.ok("vote", round_id=round_id, item=host.ack["board"]["statements"][1]["id"])
    refused = await phone.command("vote", round_id=round_id, item=item)
    assert refused["error"]["code"] == "no_dots_left"
    # Counted once: one person joined, and one voter.
    seq = await host.ok("close_round", round_id=round_id)
    await host.wait_for_seq(seq)
    closed = host.events[-1]["round"]
    assert closed["voters"] == 1 and closed["dots_cast"] == 3
    again = await host.sio.call("join", {"token": board["facilitator_token"]})
    assert again["board"]["participants"]["count"] == 1
    # The tablet's own token brings it back too (a reload), as that person.
    reload = Client(url)
    await reload.connect()
    back = await reload.sio.call("join", {"token": answer["token"]})
    assert back["ok"] and back["you"]["id"] == phone.ack["you"]["id"]
    assert "rejoin" not in back  # only the code's digest is kept: a reload keeps its own copy
    for client in (host, phone, tablet, reload):
        await client.close()


async def test_a_new_link_for_a_person_cuts_off_their_devices_at_once(
    live_server: LiveServer,
) -> None:
    url = live_server.url
    board = create_board(url)
    host = await facilitator(url, board)
    phone = await participant(url, board["join_code"], name="Sam", group="carer")
    other = await participant(url, board["join_code"], name="Kim", group="patient")
    old_code = phone.ack["rejoin"]["code"]
    _, tablet = await rejoin(url, board["join_code"], old_code)
    person = phone.ack["you"]["id"]
    link = f"{url}/api/boards/{board['board_id']}/people/{person}/link"

    made = httpx.post(link, headers=auth(board["facilitator_token"]))
    assert made.status_code == 201, made.text
    assert made.headers["cache-control"] == "no-store"
    new_code = made.json()["rejoin"]["code"]
    assert made.json()["participant_id"] == person and new_code != old_code
    assert made.json()["rejoin"]["link"].endswith(f"/join/{board['join_code']}#rejoin={new_code}")
    turned_off = ("refused", {"code": "bad_token", "message": "This link has been turned off."})
    for device in (phone, tablet):
        await device.sio.wait()  # cut off by the server
        assert turned_off in device.frames
    # Their old token and old code no longer work; someone else's link still does.
    stale = Client(url)
    await stale.connect()
    assert (await stale.sio.call("join", {"token": phone.token}))["error"]["code"] == "bad_token"
    await stale.close()
    wrong = await try_rejoin(url, board["join_code"], old_code)
    assert wrong["error"]["code"] == "bad_rejoin_code"
    assert (await other.sio.call("sync", {"since": 0}))["ok"] is True
    # The new code signs a device in as the same person.
    answer, fresh = await rejoin(url, board["join_code"], new_code)
    assert answer["ok"] and answer["you"]["id"] == person
    # Live: the device that came in with the new code is cut off by the next one.
    again = httpx.post(link, headers=auth(board["facilitator_token"]))
    assert again.status_code == 201
    await fresh.sio.wait()
    assert turned_off in fresh.frames
    for client in (host, other, phone, tablet, fresh):
        await client.close()


async def test_someone_added_without_a_phone_can_be_given_a_code_to_start_on_a_device(
    live_server: LiveServer,
) -> None:
    url = live_server.url
    board = create_board(url)
    import_csv(url, board)
    host = await facilitator(url, board)
    seq = await host.ok("add_person", name="Table 3, patient", group="patient")
    await host.wait_for_seq(seq)
    person = host.events[-1]["participants"]["person"]["id"]
    round_id = await open_vote(url, board, host, dots=2)
    item = host.ack["board"]["statements"][0]["id"]
    await host.ok("vote", round_id=round_id, item=item, for_participant=person)

    made = httpx.post(
        f"{url}/api/boards/{board['board_id']}/people/{person}/link",
        headers=auth(board["facilitator_token"]),
    )
    assert made.status_code == 201, made.text
    code = made.json()["rejoin"]["code"]
    answer, phone = await rejoin(url, board["join_code"], code)
    assert answer["ok"] and answer["you"]["id"] == person
    # From now on they are on a device: not counted again as "in the room without a phone".
    assert answer["you"]["no_device"] is False
    assert answer["board"]["participants"]["no_device"] == 0
    await host.wait_for_seq(answer["seq"])
    on_device = host.events[-1]
    assert on_device["type"] == "person_on_device"
    assert on_device["participants"]["person"]["no_device"] is False
    assert on_device["participants"]["count"] == 1
    second, tablet = await rejoin(url, board["join_code"], code)  # a second device of theirs
    assert second["ok"] and second["seq"] == answer["seq"]
    await tablet.close()
    shown_round = next(r for r in answer["board"]["rounds"] if r["id"] == round_id)
    assert shown_round["mine"] == {item: 1}  # the dot the facilitator recorded is theirs
    await phone.ok("vote", round_id=round_id, item=item)
    refused = await host.command("vote", round_id=round_id, item=item, for_participant=person)
    assert refused["error"]["code"] == "no_dots_left"
    await host.close()
    await phone.close()


async def test_only_a_facilitator_makes_a_new_link_and_only_for_someone_on_the_board(
    live_server: LiveServer,
) -> None:
    url = live_server.url
    board, elsewhere = create_board(url), create_board(url)
    phone = await participant(url, board["join_code"])
    person = phone.ack["you"]["id"]
    link = f"{url}/api/boards/{board['board_id']}/people/{person}/link"
    for token in (board["wall_token"], phone.token, elsewhere["facilitator_token"]):
        assert httpx.post(link, headers=auth(token)).status_code == 403
    assert httpx.post(link).status_code == 401
    unknown = httpx.post(
        f"{url}/api/boards/{board['board_id']}/people/pNOBODY/link",
        headers=auth(board["facilitator_token"]),
    )
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "unknown_participant"
    body = httpx.post(link, headers=auth(board["facilitator_token"]), json={"who": "me"})
    assert body.status_code == 400 and body.json()["error"]["code"] == "invalid"
    # Nothing refused cut the phone off.
    assert (await phone.sio.call("sync", {"since": 0}))["ok"] is True
    await phone.close()


async def test_a_phone_can_ask_for_a_new_code_of_its_own(live_server: LiveServer) -> None:
    url = live_server.url
    board = create_board(url)
    phone = await participant(url, board["join_code"])
    first = phone.ack["rejoin"]["code"]
    asked = await phone.sio.call("new_rejoin_code", {})
    assert asked["ok"] and asked["rejoin"]["code"] != first
    assert (await try_rejoin(url, board["join_code"], first))["error"]["code"] == "bad_rejoin_code"
    answer = await try_rejoin(url, board["join_code"], asked["rejoin"]["code"])
    assert answer["ok"] and answer["you"]["id"] == phone.ack["you"]["id"]
    # The phone is not cut off by its own new code.
    assert (await phone.sio.call("sync", {"since": 0}))["ok"] is True
    # Only a participant has one; anything sent with it is refused.
    host = await facilitator(url, board)
    refused = await host.sio.call("new_rejoin_code", {})
    assert refused["error"]["code"] == "not_allowed"
    bad = await phone.sio.call("new_rejoin_code", {"code": "ABCDEF"})
    assert bad["error"]["code"] == "invalid"
    nobody = Client(url)
    await nobody.connect()
    assert (await nobody.sio.call("new_rejoin_code", {}))["error"]["code"] == "not_joined"
    for client in (phone, host, nobody):
        await client.close()


async def test_a_rejoin_code_reaches_no_one_but_its_person(live_server: LiveServer) -> None:
    url = live_server.url
    board = create_board(url)
    host = await facilitator(url, board)
    screen = await wall(url, board)
    phone = await participant(url, board["join_code"], name="Pat")
    neighbour = await participant(url, board["join_code"], name="Lee")
    code = phone.ack["rejoin"]["code"]
    _, tablet = await rejoin(url, board["join_code"], code)
    await host.wait_for_seq(phone.ack["seq"] + 1)
    for watcher in (host, screen, neighbour):
        sync = await watcher.sio.call("sync", {"since": 0})
        seen = json.dumps([watcher.frames, watcher.ack, sync])
        assert code not in seen, watcher
    headers = auth(board["facilitator_token"])
    for path in ("export.json", "report.json", "statements.csv", "themes.csv", "actions.csv"):
        answer = httpx.get(f"{url}/api/boards/{board['board_id']}/{path}", headers=headers)
        assert answer.status_code == 200 and code not in answer.text, path
    for client in (host, screen, phone, neighbour, tablet):
        await client.close()


@pytest.fixture(scope="module")
def guarded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    # A Redis of its own: other tests' wrong codes from 127.0.0.1 must not count here.
    folder = tmp_path_factory.mktemp("rejoin-limits")
    with EmbeddedRedis(folder / "redis") as url:
        server = start_server(
            url,
            folder,
            CHANGEBOARD_FAILED_JOINS_PER_MINUTE="5",
            CHANGEBOARD_FAILED_REJOINS_PER_BOARD_PER_MINUTE="8",
        )
        yield server
        server.stop()


def wrong_code(right: str) -> str:
    """A rejoin code that is not `right` (nor, by 1 in 887 million, anyone's)."""
    return "".join("Z" if ch != "Z" else "Y" for ch in right)


async def test_wrong_rejoin_codes_from_one_address_are_limited(
    guarded_server: LiveServer,
) -> None:
    url = guarded_server.url
    board = create_board(url)
    phone = await participant(url, board["join_code"])
    code = phone.ack["rejoin"]["code"]
    answers = [
        (await try_rejoin(url, board["join_code"], wrong_code(code), "127.0.0.2"))["error"]["code"]
        for _ in range(7)
    ]
    assert answers == ["bad_rejoin_code"] * 5 + ["slow_down"] * 2
    refused = await try_rejoin(url, board["join_code"], code, "127.0.0.2")
    assert refused["error"] == {
        "code": "slow_down",
        "message": "Too many wrong codes from here. Wait a minute, then try again.",
    }
    # Another address is not held up; nor is a valid link from the guessing one.
    assert (await try_rejoin(url, board["join_code"], code, "127.0.0.3"))["ok"] is True
    device = Client(url, source="127.0.0.2")
    await device.connect()
    assert (await device.sio.call("join", {"token": phone.token}))["ok"] is True
    await device.close()
    await phone.close()


async def test_wrong_rejoin_codes_on_one_board_are_limited_from_every_address(
    guarded_server: LiveServer,
) -> None:
    url = guarded_server.url
    board, other = create_board(url), create_board(url)
    phone = await participant(url, board["join_code"])
    code = phone.ack["rejoin"]["code"]
    for n in range(4):  # under each address's limit, past the board's together
        for _ in range(2):
            answer = await try_rejoin(url, board["join_code"], wrong_code(code), f"127.0.1.{n}")
            assert answer["error"]["code"] == "bad_rejoin_code"
    refused = await try_rejoin(url, board["join_code"], code, "127.0.1.9")
    assert refused["error"] == {
        "code": "slow_down",
        "message": "Too many wrong rejoin codes for this workshop just now. "
        "Wait a minute, then try again.",
    }
    # New people still join the board by its code, links still work, and
    # another board's rejoin codes are not held up.
    newcomer = Client(url, source="127.0.1.9")
    await newcomer.connect()
    joined = await newcomer.sio.call("join", {"code": board["join_code"], "group": "carer"})
    assert joined["ok"] is True
    assert (await newcomer.sio.call("join", {"token": phone.token}))["ok"] is True
    await newcomer.close()
    elsewhere = await participant(url, other["join_code"])
    theirs = elsewhere.ack["rejoin"]["code"]
    assert (await try_rejoin(url, other["join_code"], theirs, "127.0.1.9"))["ok"] is True
    await elsewhere.close()
    await phone.close()
