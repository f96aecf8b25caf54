"""Every value on the wire means exactly what it says: no type is coerced into another.

The commands and their fields are read from the command union's JSON schema,
so a new command or field is covered without touching this file.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
import socketio
from hypothesis import given, settings
from hypothesis import strategies as st

from board import COMMAND, INTERNAL
from tests.conftest import LiveServer, start_server
from tests.server.client import create_board
from tests.server.raw import RawSocket

SCHEMA = COMMAND.json_schema()
DEFS = SCHEMA["$defs"]


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = DEFS[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def accepted(schema: dict[str, Any]) -> set[str]:
    """The JSON types a field takes ("any" when it says nothing)."""
    schema = resolve(schema)
    if "anyOf" in schema:
        return set().union(*(accepted(option) for option in schema["anyOf"]))
    if "const" in schema or "enum" in schema:
        values = [schema["const"]] if "const" in schema else schema["enum"]
        return {json_type(v) for v in values}
    kind = schema.get("type")
    if kind is None:
        return {"any"}
    return {kind, "integer"} if kind == "number" else {kind}


def json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def example(schema: dict[str, Any]) -> Any:
    """A small valid value for a field (what the parser takes, not what the board allows)."""
    schema = resolve(schema)
    if "anyOf" in schema:
        return example(next(o for o in schema["anyOf"] if resolve(o).get("type") != "null"))
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return {
            name: example(field)
            for name, field in schema.get("properties", {}).items()
            if name in schema.get("required", []) or name == "type"
        }
    if kind == "array":
        return [example(schema["items"]) for _ in range(schema.get("minItems", 0))]
    if kind == "string":
        for candidate in ("a1", "2026-01-31", "x" * schema.get("minLength", 1)):
            if re.fullmatch(schema.get("pattern", ".*"), candidate):
                return candidate
    if kind in ("integer", "number"):
        return schema.get("minimum", 1)
    if kind == "boolean":
        return True
    raise AssertionError(f"no example for {schema}")


def fields(schema: dict[str, Any], path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every field, nested ones too (the first item of a list stands for all)."""
    schema = resolve(schema)
    for option in schema.get("anyOf", []):
        yield from fields(option, path)
    if schema.get("type") == "object":
        for name, field in schema.get("properties", {}).items():
            if name != "type" and accepted(field) != {"any"}:
                yield (*path, name)
                yield from fields(field, (*path, name))
    if schema.get("type") == "array":
        yield from fields(schema["items"], (*path, "0"))


def field_schema(command: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    schema = resolve(command)
    for part in path:
        schema = resolve(schema)
        if "anyOf" in schema:
            schema = next(resolve(o) for o in schema["anyOf"] if resolve(o).get("type") != "null")
        schema = schema["items"] if part.isdigit() else schema["properties"][part]
    return schema


COMMANDS = {
    resolve(ref)["properties"]["type"]["const"]: resolve(ref)
    for ref in SCHEMA["oneOf"]
    if resolve(ref)["properties"]["type"]["const"] not in INTERNAL
}
FIELDS = [(kind, path) for kind, schema in COMMANDS.items() for path in fields(schema)]
WRONG = [
    "3", "false", "true", "", "s1", 3, 0, 1, -1, 1.5, True, False, None, [], ["s1"], [3],
    {}, {"a": 1},
]  # fmt: skip


def wrong_values(kind: str, path: tuple[str, ...]) -> list[Any]:
    takes = accepted(field_schema(COMMANDS[kind], path))
    return [value for value in WRONG if json_type(value) not in takes]


def with_value(kind: str, path: tuple[str, ...], value: Any) -> dict[str, Any]:
    """A valid command of `kind` with the field at `path` set to `value`."""
    payload: dict[str, Any] = {"op": "wire-op-00000001", **example(COMMANDS[kind])}
    # Optional fields on the way to the one we want are filled in first.
    target: Any = payload
    schema: dict[str, Any] = COMMANDS[kind]
    for part in path[:-1]:
        schema = field_schema(schema, (part,))
        key: Any = int(part) if part.isdigit() else part
        if isinstance(target, dict) and key not in target:
            target[key] = example(schema)
        if isinstance(target, list) and len(target) <= key:
            target.append(example(schema))
        target = target[key]
    last = path[-1]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return payload


@pytest.fixture(scope="module")
def wire_server(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = start_server(
        redis_url,
        tmp_path_factory.mktemp("wire"),
        CHANGEBOARD_COMMANDS_PER_SECOND="100000",
        CHANGEBOARD_COMMAND_BURST="100000",
    )
    yield server
    server.stop()


@pytest.fixture(scope="module")
def host(wire_server: LiveServer) -> Iterator[tuple[socketio.Client, int]]:
    board = create_board(wire_server.url, "Wire")
    client = socketio.Client(reconnection=False)
    client.connect(wire_server.url, transports=["websocket"], wait_timeout=10)
    ack = client.call("join", {"token": board["facilitator_token"]}, timeout=10)
    assert ack["ok"], ack
    yield client, ack["seq"]
    client.disconnect()


def unchanged_since(client: socketio.Client, seq: int) -> bool:
    ack = client.call("sync", {"since": seq}, timeout=10)
    return bool(ack == {"ok": True, "events": []})


def test_the_walk_finds_every_command_and_their_nested_fields() -> None:
    assert len(COMMANDS) >= 40
    assert ("add_statements", ("statements", "0", "priority")) in FIELDS
    assert ("give_feedback", ("answers", "0", "rating")) in FIELDS
    assert ("open_round", ("blind",)) in FIELDS
    assert all(wrong_values(kind, path) for kind, path in FIELDS)


def test_every_example_command_parses(host: tuple[socketio.Client, int]) -> None:
    for kind in COMMANDS:
        COMMAND.validate_json(json.dumps(example(COMMANDS[kind])), strict=True)


def expect_invalid(client: socketio.Client, kind: str, path: tuple[str, ...], value: Any) -> None:
    ack = client.call("command", with_value(kind, path, value), timeout=10)
    where = ".".join(path)
    assert ack["ok"] is False, (kind, where, value, ack)
    assert ack["error"]["code"] == "invalid", (kind, where, value, ack)
    assert ack["error"]["message"].startswith(f"{where}:"), (kind, where, value, ack)


def test_every_wrong_type_of_every_field_is_invalid_and_names_it(
    host: tuple[socketio.Client, int],
) -> None:
    client, seq = host
    for kind, path in FIELDS:
        for value in wrong_values(kind, path):
            expect_invalid(client, kind, path, value)
    assert unchanged_since(client, seq)


@st.composite
def wrong_fields(draw: st.DrawFn) -> tuple[str, tuple[str, ...], Any]:
    kind, path = draw(st.sampled_from(FIELDS))
    takes = accepted(field_schema(COMMANDS[kind], path))
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
    values = st.recursive(
        scalars, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)
    )
    value = draw(values.filter(lambda v: json_type(v) not in takes))
    return kind, path, value


@settings(max_examples=300, deadline=None)
@given(wrong=wrong_fields())
def test_a_wrong_type_anywhere_is_invalid_names_the_field_and_changes_nothing(
    host: tuple[socketio.Client, int], wrong: tuple[str, tuple[str, ...], Any]
) -> None:
    client, seq = host
    expect_invalid(client, *wrong)
    assert unchanged_since(client, seq)


@pytest.mark.parametrize(
    ("fields", "where"),
    [({"blind": "false"}, "blind"), ({"blind": 0}, "blind"), ({"dots_per_person": "3"},
     "dots_per_person"), ({"max_per_item": True}, "max_per_item")],
)  # fmt: skip
def test_a_round_is_never_opened_from_a_coerced_value(
    host: tuple[socketio.Client, int], fields: dict[str, Any], where: str
) -> None:
    client, seq = host
    ack = client.call(
        "command", {"op": "wire-op-open-0001", "type": "open_round", "items": ["s1"], **fields}
    )
    assert ack["error"]["code"] == "invalid"
    assert ack["error"]["message"].startswith(f"{where}: ")
    assert unchanged_since(client, seq)


def test_a_timer_of_sixty_as_text_is_refused(host: tuple[socketio.Client, int]) -> None:
    client, seq = host
    ack = client.call(
        "command", {"op": "wire-op-timer-001", "type": "start_timer", "seconds": "60"}
    )
    assert ack["error"] == {
        "code": "invalid",
        "message": "seconds: a whole number (not text, true or false).",
    }
    assert unchanged_since(client, seq)


def test_a_command_with_no_type_is_invalid_not_unknown(host: tuple[socketio.Client, int]) -> None:
    client, _ = host
    ack = client.call("command", {"op": "wire-op-notype-01", "items": ["s1"]})
    assert ack["error"]["code"] == "invalid"
    assert ack["error"]["message"].startswith("type: ")
    unknown = client.call("command", {"op": "wire-op-notype-02", "type": "launch"})
    assert unknown["error"]["code"] == "unknown_command"


def test_an_over_long_field_is_too_large_and_says_the_most(
    host: tuple[socketio.Client, int],
) -> None:
    client, _ = host
    ack = client.call(
        "command", {"op": "wire-op-long-0001", "type": "update_board", "title": "x" * 121}
    )
    assert ack["error"] == {"code": "too_large", "message": "title: at most 120 characters."}


def test_a_70_kb_name_is_too_large(wire_server: LiveServer) -> None:
    board = create_board(wire_server.url, "Long names")
    raw = RawSocket(wire_server.url)
    ack = raw.join(code=board["join_code"], group="patient", name="x" * 70_000)
    assert ack["error"]["code"] == "too_large"
    other = raw.call("sync", {"since": 0, "padding": "x" * 70_000}, ack_id=2)
    assert other["error"]["code"] in ("too_large", "not_joined")
    raw.close()


@pytest.mark.parametrize("event", ["join", "command", "sync", "moving", "preview_undo", "undoable"])
def test_json_nested_too_deep_gets_an_invalid_answer(wire_server: LiveServer, event: str) -> None:
    board = create_board(wire_server.url, "Deep")
    raw = RawSocket(wire_server.url)
    if event != "join":
        assert raw.join(token=board["facilitator_token"])["ok"]
    deep = "[" * 2000 + "]" * 2000
    raw.ws.send(f'427["{event}",{deep}]')
    deadline = time.monotonic() + 10  # the server's pings keep the socket itself from timing out
    while not (message := raw._next_message()).startswith("437["):
        assert time.monotonic() < deadline, f"no answer to a deeply nested {event}"
    ack = json.loads(message[3:])[0]
    assert ack["ok"] is False and ack["error"]["code"] == "invalid", ack
    # And deep inside an object, where Python would still parse it.
    nested = raw.call(event, {"op": "wire-op-deep-0001", "type": "carry_forward",
                              "items": json.loads("[" * 500 + "]" * 500)}, ack_id=8)  # fmt: skip
    if event != "undoable":  # it takes no fields at all: nothing to nest in
        assert nested["ok"] is False, nested
    assert raw.call("sync", {"since": 0}, ack_id=9)["ok"] is (event != "join")
    raw.close()
