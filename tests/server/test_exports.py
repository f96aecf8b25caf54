"""The board's data out (JSON, CSV, report data) and a board deleted for good."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from server.embedded_redis import EmbeddedRedis
from server.redis_client import open_redis
from tests.conftest import LiveServer, start_server
from tests.server.client import Client, cards, create_board, facilitator, import_csv, participant

DEMO = (Path(__file__).resolve().parents[2] / "server" / "demo" / "copd-reviews.csv").read_text()
NAMES = [
    "Alice Example",
    "Bob Example",
    "Cara Example",
    "Dev Example",
    "Eve Example",
    "Fay Example",
]


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def finished_workshop(server: LiveServer) -> tuple[dict[str, Any], Client, list[Client]]:
    """Themed, voted (blind, revealed) and carried forward: a day's work."""
    board = create_board(server.url, "COPD workshop")
    sneaky = (
        'review,person,category,priority,statement\nR99,patient,not working,1,=HYPERLINK("x")\n'
    )
    assert import_csv(server.url, board, DEMO).status_code == 200
    assert import_csv(server.url, board, sneaky).json()["imported"] == 1
    host = await facilitator(server.url, board)
    await host.ok("set_stage", stage="theme")
    themes = []
    named = [
        ("Appointments", "I can't get appointments when I want them"),
        ("Feeling low", "I'm anxious and low"),
        ("Transport", ""),
    ]
    for title, i_statement in named:
        seq = await host.ok(
            "create_theme", category="not working", title=title, i_statement=i_statement
        )
        await host.wait_for_seq(seq)
        themes.append(host.events[-1]["theme"]["id"])
    cards = [s["id"] for s in host.ack["board"]["statements"] if s["category"] == "not working"]
    for n, card in enumerate(cards[:9]):
        await host.ok("move_statement", statement_id=card, theme_id=themes[n % 3])
    await host.ok("set_stage", stage="prioritise")
    opened = await host.ok("open_round", items=themes, dots_per_person=3, max_per_item=2)
    await host.wait_for_seq(opened)
    round_id = host.events[-1]["round"]["id"]
    phones = []
    for n, name in enumerate(NAMES):
        group = "patient" if n < 3 else "professional"
        phone = await participant(server.url, board["join_code"], group=group, name=name)
        await phone.ok("vote", round_id=round_id, item=themes[0])
        await phone.ok("vote", round_id=round_id, item=themes[n % 2 + 1])
        phones.append(phone)
    await host.ok("close_round", round_id=round_id)
    await host.ok("reveal_round", round_id=round_id)
    await host.ok("carry_forward", items=themes[:2])
    return board, host, phones


@pytest.fixture(scope="module")
def other_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A second server with a Redis of its own: somewhere to move a board to."""
    folder = tmp_path_factory.mktemp("elsewhere")
    with EmbeddedRedis(folder / "redis") as url:
        server = start_server(url, folder)
        yield server
        server.stop()


async def test_a_board_saved_as_json_restores_on_another_server_identically(
    live_server: LiveServer, other_server: LiveServer
) -> None:
    board, host, phones = await finished_workshop(live_server)
    exported = httpx.get(
        f"{live_server.url}/api/boards/{board['board_id']}/export.json",
        headers=auth(board["facilitator_token"]),
    )
    assert exported.status_code == 200
    assert "attachment" in exported.headers["content-disposition"]
    moved = httpx.post(f"{other_server.url}/api/boards/import", content=exported.content)
    assert moved.status_code == 201, moved.text
    restored = moved.json()
    assert restored["board_id"] != board["board_id"]
    again = httpx.get(
        f"{other_server.url}/api/boards/{restored['board_id']}/export.json",
        headers=auth(restored["facilitator_token"]),
    )
    assert json.loads(again.content) == json.loads(exported.content)
    report = httpx.get(
        f"{other_server.url}/api/boards/{restored['board_id']}/report.json",
        headers=auth(restored["facilitator_token"]),
    ).json()
    assert [t["title"] for t in report["top_themes"]] == ["Appointments", "Feeling low"]
    assert report["top_themes"][0]["votes"] == {
        "total": 6, "by_group": {"patients and carers": 3, "professionals": 3},
    }  # fmt: skip
    for client in [host, *phones]:
        await client.close()


async def test_no_export_names_a_person_or_says_who_voted_for_what(
    live_server: LiveServer,
) -> None:
    board, host, phones = await finished_workshop(live_server)
    base = f"{live_server.url}/api/boards/{board['board_id']}"
    bodies = [
        httpx.get(f"{base}/{name}", headers=auth(board["facilitator_token"])).text
        for name in ["export.json", "statements.csv", "themes.csv", "actions.csv", "report.json"]
    ]
    everything = "\n".join(bodies)
    assert all(name not in everything for name in NAMES)
    assert all(p.ack["you"]["id"] not in everything for p in phones)
    for secret in ('"participant_id"', '"author"', '"mine"', '"name"'):
        assert secret not in everything, secret
    document = json.loads(bodies[0])
    assert document["participants"] == {"patient": 3, "professional": 3}
    assert document["version"] == 2
    (saved,) = document["rounds"]
    assert saved["results"]["by_group"][saved["items"][0]] == {
        "patients and carers": 3, "professionals": 3,
    }  # fmt: skip
    assert '"voters_by_group"' not in bodies[0]
    for client in [host, *phones]:
        await client.close()


async def test_a_board_with_a_vote_open_is_not_saved(live_server: LiveServer) -> None:
    board = create_board(live_server.url)
    import_csv(live_server.url, board, DEMO)
    host = await facilitator(live_server.url, board)
    await host.ok("set_stage", stage="prioritise")
    await host.ok("open_round", items=cards(host)[:2])
    refused = httpx.get(
        f"{live_server.url}/api/boards/{board['board_id']}/export.json",
        headers=auth(board["facilitator_token"]),
    )
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "vote_open")
    await host.close()


def test_a_file_that_is_not_a_saved_board_is_refused(live_server: LiveServer) -> None:
    for body in [b"not json", b'{"format": "something else"}', b"[]"]:
        answer = httpx.post(f"{live_server.url}/api/boards/import", content=body)
        assert answer.status_code == 400
        assert answer.json()["error"]["code"] in {"invalid", "bad_archive"}


async def test_the_csv_files_open_cleanly_and_carry_no_formulas(live_server: LiveServer) -> None:
    board, host, phones = await finished_workshop(live_server)
    base = f"{live_server.url}/api/boards/{board['board_id']}"
    statements = httpx.get(f"{base}/statements.csv", headers=auth(board["facilitator_token"]))
    assert statements.headers["content-type"].startswith("text/csv")
    assert statements.text.startswith("\ufeffreview,person,category,priority,statement,theme")
    rows = list(csv.DictReader(io.StringIO(statements.text.lstrip("\ufeff"))))
    assert len(rows) == 281
    assert [r["statement"] for r in rows if r["review"] == "R99"] == ['\'=HYPERLINK("x")']
    themed = [r for r in rows if r["theme"] == "Appointments"]
    assert len(themed) == 3
    assert {r["dots on theme"] for r in themed} == {"6"}
    assert {r["taken forward"] for r in themed} == {"yes"}

    answer = httpx.get(f"{base}/themes.csv", headers=auth(board["facilitator_token"]))
    themes = list(csv.DictReader(io.StringIO(answer.text.lstrip("\ufeff"))))
    first = next(t for t in themes if t["theme"] == "Appointments")
    assert first["i statement"] == "I can't get appointments when I want them"
    assert (first["dots from patients and carers"], first["dots from professionals"]) == ("3", "3")
    for client in [host, *phones]:
        await client.close()


async def test_a_report_link_reads_the_report_and_nothing_else(live_server: LiveServer) -> None:
    board = create_board(live_server.url)
    base = f"{live_server.url}/api/boards/{board['board_id']}"
    reader = httpx.post(
        f"{base}/tokens", json={"role": "reader"}, headers=auth(board["facilitator_token"])
    ).json()
    assert httpx.get(f"{base}/report.json", headers=auth(reader["token"])).status_code == 200
    assert httpx.get(f"{base}/themes.csv", headers=auth(reader["token"])).status_code == 200
    assert httpx.get(f"{base}/export.json", headers=auth(reader["token"])).status_code == 403
    assert httpx.get(f"{base}/report.json", headers=auth(board["wall_token"])).status_code == 403
    assert httpx.delete(base, headers=auth(reader["token"])).status_code == 403


@pytest.fixture
async def redis_client(redis_url: str) -> AsyncIterator[Any]:
    """Redis itself, one server or a cluster, to look past the store."""
    opened = await open_redis(redis_url)
    yield opened.client
    await opened.close()


async def test_deleting_a_board_removes_everything_it_stored(
    live_server: LiveServer, redis_client: Any
) -> None:
    board, host, phones = await finished_workshop(live_server)
    state = (await host.sio.call("sync", {"since": 0}))["snapshot"]
    assert state["retain_until_ms"] > host.ack["now_ms"] + 80 * 86_400_000
    board_id = board["board_id"]
    assert [k async for k in redis_client.scan_iter(match=f"*{board_id}*")]
    gone = httpx.delete(
        f"{live_server.url}/api/boards/{board_id}", headers=auth(board["facilitator_token"])
    )
    assert gone.status_code == 204
    await phones[0].sio.wait()
    assert ("board_deleted", {"message": "This board has been deleted."}) in phones[0].frames
    left = [k async for k in redis_client.scan_iter(match=f"*{board_id}*")]
    assert left == []
    assert await redis_client.get(f"cb:code:{board['join_code']}") is None
    assert await redis_client.zscore("cb:retention", board_id) is None
    assert httpx.get(f"{live_server.url}/api/join/{board['join_code']}").status_code == 404
    again = Client(live_server.url)
    await again.connect()
    refused = await again.sio.call("join", {"token": board["facilitator_token"]})
    assert refused["error"]["code"] == "bad_token"
    for client in [again, host, *phones]:
        await client.close()
