"""What travels on a board's Redis channel: messages with an explicit kind.

`events` are published by the append script itself, in the log's order; the
other kinds are not logged and only told to the screens that are open now.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal, get_args

Kind = Literal["events", "presence", "moving", "deleted", "revoked"]
KINDS: frozenset[str] = frozenset(get_args(Kind))

# The append script writes this around the records it logged (Lua cannot
# build JSON objects), so the shape lives here next to the decoder.
EVENTS_OPEN = '{"kind":"events","body":['
EVENTS_CLOSE = "]}"


def channel(board_id: str) -> str:
    """A board's channel: its `{board}` hash tag puts it on the board's shard."""
    return f"cb:{{{board_id}}}:events"


def board_of(channel_name: str) -> str:
    return channel_name.split("{", 1)[1].split("}", 1)[0]


@dataclass(frozen=True, slots=True)
class Message:
    kind: Kind
    body: Any  # events: the records, as dicts; the others: what the kind says


def encode(kind: Kind, body: object = None) -> str:
    return json.dumps({"kind": kind, "body": body}, separators=(",", ":"))


def decode(raw: str) -> Message:
    """A message from a channel; ValueError when it is not one."""
    found = json.loads(raw)
    if not isinstance(found, dict) or found.get("kind") not in KINDS:
        raise ValueError(f"not a board message: {raw[:80]!r}")
    body = found.get("body")
    if found["kind"] == "events" and not isinstance(body, list):
        raise ValueError("an events message carries a list")
    return Message(found["kind"], body)
