"""HTTP routes against a real server: boards, CSV import, links, QR, health."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from server.app import create_app
from server.settings import Settings
from tests.conftest import LiveServer, start_server
from tests.server.client import Client, create_board, facilitator, import_csv

DEMO = (Path(__file__).resolve().parents[2] / "server" / "demo" / "copd-reviews.csv").read_text()


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [({}, "title", "invalid"), ({"title": ""}, "title", "invalid"),
     ({"title": "x" * 121}, "title", "too_large"), ({"title": 7}, "title", "invalid"),
     ({"title": "ok", "colour": "red"}, "colour", "invalid")],
)  # fmt: skip
def test_creating_a_board_with_bad_fields_names_the_field(
    live_server: LiveServer, body: dict[str, object], field: str, code: str
) -> None:
    answer = httpx.post(f"{live_server.url}/api/boards", json=body)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == code
    assert answer.json()["error"]["message"].startswith(field)


def test_a_new_board_comes_with_three_links_that_open_pages(live_server: LiveServer) -> None:
    board = create_board(live_server.url, "Breathing better")
    assert len(board["join_code"]) == 6
    assert set(board["join_code"]) <= set("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
    for link in board["links"].values():
        page = httpx.get(link.split("#")[0].replace("localhost", "127.0.0.1"))
        assert page.status_code == 200
        assert "text/html" in page.headers["content-type"]
    found = httpx.get(f"{live_server.url}/api/join/{board['join_code'].lower()}").json()
    assert found == {
        "board_id": board["board_id"],
        "title": "Breathing better",
        "join_code": board["join_code"],
    }


def test_the_preview_counts_everything_and_saves_nothing(live_server: LiveServer) -> None:
    board = create_board(live_server.url)
    url = f"{live_server.url}/api/boards/{board['board_id']}/statements?dry_run=1"
    preview = httpx.post(url, content=DEMO.encode(), headers=auth(board["facilitator_token"]))
    assert preview.status_code == 200
    assert preview.json() == {
        "imported": 280,
        "duplicates": 0,
        "refused": [],
        "refused_total": 0,
        "by_category": {"working": 94, "not working": 95, "future": 91},
        "seq": 1,
        "dry_run": True,
    }


def test_importing_the_same_file_twice_adds_its_statements_once(live_server: LiveServer) -> None:
    board = create_board(live_server.url)
    first = import_csv(live_server.url, board, DEMO).json()
    again = import_csv(live_server.url, board, DEMO.replace("\n", "\r\n")).json()
    assert (first["imported"], first["duplicates"]) == (280, 0)
    assert (again["imported"], again["duplicates"]) == (0, 280)
    assert again["seq"] == first["seq"]


def test_bad_rows_are_refused_with_their_line_and_the_rest_imported(
    live_server: LiveServer,
) -> None:
    board = create_board(live_server.url)
    text = (
        "\ufeffreview,person,category,priority,statement\r\n"
        "R01,patient,working,1,I like my nurse.\r\n"
        "R01,patient,maybe,2,Unsure.\r\n"
        'R01,patient,not working,1,"A ""quoted"" word, and a comma."\r\n'
        "R01,neighbour,future,1,I want a bus.\r\n"
    )
    report = import_csv(live_server.url, board, text).json()
    assert report["imported"] == 2
    assert [r["line"] for r in report["refused"]] == [3, 5]
    assert "maybe" in report["refused"][0]["reason"]


def test_a_file_with_no_row_to_import_answers_with_the_error_envelope_and_the_report(
    live_server: LiveServer,
) -> None:
    board = create_board(live_server.url)
    answer = import_csv(live_server.url, board, "review,person,category,priority,statement\n0")
    assert answer.status_code == 400
    body = answer.json()
    assert body["error"]["code"] == "nothing_to_import"
    assert body["error"]["message"].startswith("No row of this file can be imported: line 2:")
    assert (body["imported"], body["refused_total"], body["refused"][0]["line"]) == (0, 1, 2)


def rows(n: int, start: int = 0) -> str:
    lines = [f"R{k},patient,working,1,Statement number {k}." for k in range(start, start + n)]
    return "review,person,category,priority,statement\n" + "\n".join(lines) + "\n"


async def test_a_file_of_2001_new_rows_imports_in_steps_as_its_preview_said(
    live_server: LiveServer,
) -> None:
    board = create_board(live_server.url)
    host = await facilitator(live_server.url, board)
    url = f"{live_server.url}/api/boards/{board['board_id']}/statements"
    text = rows(2001)
    preview = httpx.post(f"{url}?dry_run=1", content=text, headers=auth(board["facilitator_token"]))
    assert (preview.status_code, preview.json()["imported"]) == (200, 2001)
    done = import_csv(live_server.url, board, text)
    assert (done.status_code, done.json()["imported"]) == (200, 2001), done.text[:300]
    await host.wait_for_seq(done.json()["seq"])
    added = [e for e in host.events if e["type"] == "statements_added"]
    assert [len(e["statements"]) for e in added] == [500, 500, 500, 500, 1]
    await host.close()


def test_a_file_past_what_a_board_holds_is_refused_whole_in_preview_and_import(
    live_server: LiveServer,
) -> None:
    board = create_board(live_server.url)
    url = f"{live_server.url}/api/boards/{board['board_id']}/statements"
    text = rows(5001)
    for query in ("?dry_run=1", ""):
        answer = httpx.post(
            url + query, content=text, headers=auth(board["facilitator_token"]), timeout=60
        )
        assert answer.status_code == 400
        error = answer.json()["error"]
        assert error["code"] == "board_full"
        assert "5001 new statements" in error["message"] and "at most 5000" in error["message"]
    assert import_csv(live_server.url, board, rows(1)).json()["seq"] == 2  # nothing was added


async def test_a_100000_row_file_is_answered_in_short_while_the_room_goes_on(
    live_server: LiveServer,
) -> None:
    board = create_board(live_server.url)
    host = await facilitator(live_server.url, board)
    # 100,000 rows fit in the 2 MB a file may be only if they are short: here,
    # rows a spreadsheet mangled, each refused with its line.
    text = "review,person,category,priority,statement\n" + "".join(
        f"R{k},carer\n" for k in range(100_000)
    )
    assert len(text) < 2 * 1024 * 1024
    sending = asyncio.create_task(
        asyncio.to_thread(
            httpx.post,
            f"{live_server.url}/api/boards/{board['board_id']}/statements",
            content=text,
            headers=auth(board["facilitator_token"]),
            timeout=120,
        )
    )
    # The file is parsed off the event loop: commands are answered meanwhile.
    timers = 0
    while not sending.done():
        if timers % 2 == 0:
            await host.ok("start_timer", seconds=60)
        else:
            await host.ok("stop_timer")
        timers += 1
        await asyncio.sleep(0.1)  # well under the 20 commands a second one connection may send
    answer = await sending
    assert answer.status_code == 400
    body = answer.json()
    assert body["error"]["code"] == "nothing_to_import"
    assert (body["refused_total"], len(body["refused"])) == (100_000, 200)
    await host.close()


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "bad_token"),
        ({"Authorization": "Bearer nope.nopenopenopenopenopenope"}, 401, "bad_token"),
    ],
)
def test_importing_needs_the_facilitator_token(
    live_server: LiveServer, headers: dict[str, str], status: int, code: str
) -> None:
    board = create_board(live_server.url)
    answer = httpx.post(
        f"{live_server.url}/api/boards/{board['board_id']}/statements",
        content=DEMO,
        headers=headers,
    )
    assert (answer.status_code, answer.json()["error"]["code"]) == (status, code)


def test_a_wall_token_cannot_import(live_server: LiveServer) -> None:
    board = create_board(live_server.url)
    answer = httpx.post(
        f"{live_server.url}/api/boards/{board['board_id']}/statements",
        content=DEMO,
        headers=auth(board["wall_token"]),
    )
    assert (answer.status_code, answer.json()["error"]["code"]) == (403, "not_allowed")


def test_a_csv_saved_by_excel_in_windows_1252_is_read(live_server: LiveServer) -> None:
    board = create_board(live_server.url)
    body = "review,person,category,priority,statement\r\nR01,patient,working,1,Café – 5 stars\r\n"
    answer = httpx.post(
        f"{live_server.url}/api/boards/{board['board_id']}/statements",
        content=body.encode("cp1252"),
        headers=auth(board["facilitator_token"]),
    )
    assert answer.json()["imported"] == 1
    exported = httpx.get(
        f"{live_server.url}/api/boards/{board['board_id']}/statements.csv",
        headers=auth(board["facilitator_token"]),
    )
    assert "Café – 5 stars" in exported.text


def test_a_file_that_is_no_text_at_all_is_refused_plainly(live_server: LiveServer) -> None:
    board = create_board(live_server.url)
    answer = httpx.post(
        f"{live_server.url}/api/boards/{board['board_id']}/statements",
        content=b"review,person,category,priority,statement\nR01,patient,working,1,\x81\x8d\xff\n",
        headers=auth(board["facilitator_token"]),
    )
    assert (answer.status_code, answer.json()["error"]["code"]) == (400, "not_utf8")


def test_a_form_upload_imports_like_a_raw_body(live_server: LiveServer) -> None:
    board = create_board(live_server.url)
    answer = httpx.post(
        f"{live_server.url}/api/boards/{board['board_id']}/statements",
        files={"file": ("reviews.csv", DEMO.encode(), "text/csv")},
        headers=auth(board["facilitator_token"]),
    )
    assert answer.json()["imported"] == 280


async def test_a_facilitator_can_issue_list_and_revoke_links(live_server: LiveServer) -> None:
    board = create_board(live_server.url)
    base = f"{live_server.url}/api/boards/{board['board_id']}/tokens"
    issued = httpx.post(
        base, json={"role": "facilitator"}, headers=auth(board["facilitator_token"])
    )
    assert issued.status_code == 201
    second = issued.json()
    assert second["link"].endswith(f"/board/{board['board_id']}/facilitate#t={second['token']}")
    listed = httpx.get(base, headers=auth(board["facilitator_token"])).json()["tokens"]
    assert sorted(t["role"] for t in listed) == ["facilitator", "facilitator", "wall"]
    assert all("token" not in t for t in listed)

    co_host = await facilitator(live_server.url, {"facilitator_token": second["token"]})
    gone = httpx.delete(f"{base}/{second['id']}", headers=auth(board["facilitator_token"]))
    assert gone.status_code == 204
    await co_host.sio.wait()  # the server cuts the revoked link off
    assert (
        "refused",
        {"code": "bad_token", "message": "This link has been turned off."},
    ) in co_host.frames
    again = Client(live_server.url)
    await again.connect()
    refused = await again.sio.call("join", {"token": second["token"]})
    assert refused["error"]["code"] == "bad_token"
    await again.close()
    assert (
        httpx.delete(f"{base}/{second['id']}", headers=auth(board["facilitator_token"])).status_code
        == 404
    )


async def test_a_report_link_cannot_join_the_board(live_server: LiveServer) -> None:
    board = create_board(live_server.url)
    base = f"{live_server.url}/api/boards/{board['board_id']}/tokens"
    reader = httpx.post(
        base, json={"role": "reader"}, headers=auth(board["facilitator_token"])
    ).json()
    assert "/report#t=" in reader["link"]
    client = Client(live_server.url)
    await client.connect()
    refused = await client.sio.call("join", {"token": reader["token"]})
    assert refused["error"]["code"] == "not_allowed"
    on_connect = Client(live_server.url)
    await on_connect.connect(token=reader["token"], since=0)
    assert (await on_connect.sio.call("sync", {"since": 0}))["error"]["code"] == "not_joined"
    await on_connect.close()
    await client.close()
    # Nothing the link (its token, and the board id in its address) can fetch
    # says the join code: not the report, its spreadsheets, nor a QR code.
    board_id = reader["link"].split("/board/", 1)[1].split("/", 1)[0]
    reads = [
        f"/api/boards/{board_id}/{name}"
        for name in (
            "report.json",
            "statements.csv",
            "themes.csv",
            "actions.csv",
            "export.json",
            "tokens",
            "qr.svg",
        )
    ] + [f"/board/{board_id}/report", f"/board/{board_id}/wall", f"/board/{board_id}/facilitate"]
    for path in reads:
        for headers in (auth(reader["token"]), {}):
            answer = httpx.get(f"{live_server.url}{path}", headers=headers)
            assert board["join_code"] not in answer.text, path


def test_the_qr_code_of_a_join_code_is_an_svg_of_its_join_link(live_server: LiveServer) -> None:
    board = create_board(live_server.url)
    svg = httpx.get(f"{live_server.url}/api/join/{board['join_code']}/qr.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert f"{live_server.url}/join/{board['join_code']}" in svg.text
    unknown = httpx.get(f"{live_server.url}/api/join/ZZZZZZ/qr.svg")
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "bad_code")


def has_security_headers(answer: httpx.Response) -> bool:
    return (
        "script-src 'self'" in answer.headers.get("content-security-policy", "")
        and answer.headers.get("x-content-type-options") == "nosniff"
        and answer.headers.get("x-frame-options") == "DENY"
    )


def test_every_answer_carries_the_security_headers(live_server: LiveServer) -> None:
    assert has_security_headers(httpx.get(f"{live_server.url}/"))
    assert has_security_headers(httpx.get(f"{live_server.url}/nowhere"))
    # Socket.IO's own refusals (polling is off) come from outside Starlette.
    polling = httpx.get(f"{live_server.url}/socket.io/?EIO=4&transport=polling")
    assert polling.status_code == 400
    assert has_security_headers(polling)


async def test_a_crash_answers_500_with_the_headers_and_the_error_envelope(
    tmp_path: Path,
) -> None:
    # The app without its lifespan has no hub: every board route crashes, as a bug would.
    app = create_app(Settings(data_dir=tmp_path))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        answer = await client.get("/api/join/ABCDEF")
    assert answer.status_code == 500
    assert has_security_headers(answer)
    assert answer.json() == {
        "error": {
            "code": "internal",
            "message": "Something went wrong on the server. Please try again.",
        }
    }


def test_the_bearer_scheme_is_read_in_any_case(live_server: LiveServer) -> None:
    board = create_board(live_server.url)
    for scheme in ("Bearer", "bearer", "BEARER"):
        answer = httpx.get(
            f"{live_server.url}/api/boards/{board['board_id']}/tokens",
            headers={"Authorization": f"{scheme} {board['facilitator_token']}"},
        )
        assert answer.status_code == 200, (scheme, answer.text)
    basic = httpx.get(
        f"{live_server.url}/api/boards/{board['board_id']}/tokens",
        headers={"Authorization": f"Basic {board['facilitator_token']}"},
    )
    assert basic.status_code == 401


def test_health_says_redis_is_up(live_server: LiveServer) -> None:
    assert httpx.get(f"{live_server.url}/health").json() == {"ok": True, "redis": "up"}


@pytest.fixture(scope="module")
def guarded_server(
    redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    server = start_server(
        redis_url, tmp_path_factory.mktemp("guarded"), CHANGEBOARD_CREATE_PASSWORD="open sesame"
    )
    yield server
    server.stop()


def test_a_server_password_guards_board_creation(guarded_server: LiveServer) -> None:
    url = f"{guarded_server.url}/api/boards"
    refused = httpx.post(url, json={"title": "Mine"})
    wrong = httpx.post(url, json={"title": "Mine", "password": "guess"})
    right = httpx.post(url, json={"title": "Mine", "password": "open sesame"})
    assert (refused.status_code, wrong.status_code, right.status_code) == (403, 403, 201)
    assert refused.json()["error"]["code"] == "wrong_password"


@pytest.mark.parametrize("depth", [2000, 990])
def test_json_nested_too_deep_is_invalid_on_every_route_that_takes_json(
    live_server: LiveServer, depth: int
) -> None:
    board = create_board(live_server.url)
    deep = "[" * depth + "]" * depth
    headers = {**auth(board["facilitator_token"]), "Content-Type": "application/json"}
    for path in ("/api/boards", "/api/boards/import", f"/api/boards/{board['board_id']}/tokens"):
        for body in (deep, '{"title": ' + deep + "}"):
            answer = httpx.post(f"{live_server.url}{path}", content=body, headers=headers)
            assert answer.status_code == 400, (path, answer.text[:200])
            assert answer.json()["error"]["code"] in ("invalid", "bad_archive"), answer.text
