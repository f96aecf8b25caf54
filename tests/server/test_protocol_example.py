"""The worked example in docs/protocol.md, replayed against a real server."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import LiveServer
from tests.server.client import Client

DOC = Path(__file__).resolve().parents[2] / "docs" / "protocol.md"
STEP = re.compile(
    r"<!-- example: (\w+) emit (\w+) -->\s*```json\n(.*?)\n```\s*"
    r"<!-- example: ack -->\s*```json\n(.*?)\n```",
    re.S,
)
CSV = re.compile(r"```\n( *review,person,category,priority,statement\n.*?)\n *```", re.S)


def steps() -> list[tuple[str, str, str, str]]:
    return STEP.findall(DOC.read_text())


def fill(text: str, names: dict[str, str]) -> Any:
    for name, value in names.items():
        text = text.replace(f"<{name}>", value)
    return json.loads(text)


def matches(documented: Any, actual: Any) -> bool:
    """Documented values must equal the actual ones, except "…", which matches anything."""
    if documented == "…":
        return True
    if isinstance(documented, dict):
        return (
            isinstance(actual, dict)
            and documented.keys() == actual.keys()
            and all(matches(v, actual[k]) for k, v in documented.items())
        )
    return bool(documented == actual)


def test_the_example_has_its_steps() -> None:
    assert len(steps()) == 9


async def test_the_worked_example_replays_as_written(live_server: LiveServer) -> None:
    created = httpx.post(f"{live_server.url}/api/boards", json={"title": "Example"}).json()
    names = {
        "BOARD_ID": created["board_id"],
        "JOIN_CODE": created["join_code"],
        "FACILITATOR_TOKEN": created["facilitator_token"],
        "WALL_TOKEN": created["wall_token"],
    }
    [body] = CSV.findall(DOC.read_text())
    imported = httpx.post(
        f"{live_server.url}/api/boards/{names['BOARD_ID']}/statements",
        content="".join(line.strip() + "\n" for line in body.splitlines()).encode(),
        headers={"Authorization": f"Bearer {names['FACILITATOR_TOKEN']}"},
    )
    assert imported.json()["imported"] == 2, imported.text
    clients = {"facilitator": Client(live_server.url), "phone": Client(live_server.url)}
    for client in clients.values():
        await client.connect()
    for who, event, payload, ack in steps():
        answer = await clients[who].sio.call(event, fill(payload, names), timeout=10)
        assert matches(fill(ack, names), answer), (who, event, payload, answer)
    for client in clients.values():
        await client.close()
