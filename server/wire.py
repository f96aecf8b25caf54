"""What clients send, parsed strictly: each value means exactly what it says.

Socket.IO hands a handler plain JSON values. They are parsed here once more,
as JSON and in pydantic's strict mode, so `"false"` is not read as a bool,
`"3"` or `true` as a number: a wrong type is refused naming its field. Enums
still come as their strings and tuples as arrays, as JSON has no others.
"""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

from engineio import json as engineio_json
from pydantic import BaseModel, ValidationError

from board import COMMAND, INTERNAL, Command
from server.errors import InputError

_M = TypeVar("_M", bound=BaseModel)


class WireError(InputError):
    """Input refused before it reached the board: a code and a message for the sender."""


TOO_LARGE = "That is too much to send at once."
TOO_DEEP = "That is nested too deeply to be a message."


class _TooDeep:
    """Stands for a message too deeply nested to decode (Python's JSON would recurse out)."""

    def __repr__(self) -> str:
        return "TOO_DEEP"


NESTED_TOO_DEEP = _TooDeep()
_EVENT_NAME = re.compile(r'^\s*\[\s*"((?:[^"\\]|\\.){0,100})"')


class SocketJson:
    """The JSON module python-socketio decodes packets with.

    A packet nested deeper than Python's recursion limit would otherwise raise
    RecursionError inside the library, and the sender would get no answer at
    all; this keeps the event's name and puts a marker in place of its data,
    so the handler can answer `invalid`.
    """

    dumps = staticmethod(engineio_json.dumps)

    @staticmethod
    def loads(text: str | bytes, **kwargs: Any) -> Any:
        try:
            return engineio_json.loads(text, **kwargs)
        except RecursionError:
            found = _EVENT_NAME.match(
                text if isinstance(text, str) else text.decode(errors="replace")
            )
            if found is None:
                return NESTED_TOO_DEEP
            return [json.loads(f'"{found.group(1)}"'), NESTED_TOO_DEEP]


def encoded(data: object, limit: int) -> str:
    """`data` as compact JSON, refused when longer than `limit` or too deep to encode."""
    try:
        text = json.dumps(data, separators=(",", ":"))
    except RecursionError:
        raise WireError("invalid", TOO_DEEP) from None
    except (TypeError, ValueError):  # pragma: no cover - Socket.IO hands over JSON values only
        raise WireError("invalid", "That is not a message this server understands.") from None
    if len(text) > limit:
        raise WireError("too_large", TOO_LARGE)
    return text


def parse(model: type[_M], data: object, limit: int) -> _M:
    """A socket event's data as `model`, strictly."""
    if data is NESTED_TOO_DEEP:
        raise WireError("invalid", TOO_DEEP)
    if not isinstance(data, dict):
        raise WireError("invalid", "Send an object with the fields this message takes.")
    try:
        return model.model_validate_json(encoded(data, limit), strict=True)
    except ValidationError as exc:
        raise refusal(exc) from None


def parse_command(payload: object, limit: int) -> Command:
    """A command (without its op) strictly; `unknown_command` for a type that is none."""
    if not isinstance(payload, dict):
        raise WireError("invalid", "A command is an object.")
    kind = payload.get("type")
    if "type" not in payload:
        raise WireError("invalid", "type: missing; say which command this is.")
    if not isinstance(kind, str):
        raise WireError("invalid", "type: the name of a command, as text.")
    if kind in INTERNAL:
        raise WireError("unknown_command", "That is not a command.")
    text = encoded(payload, limit)
    try:
        command: Command = COMMAND.validate_json(text, strict=True)
    except ValidationError as exc:
        if exc.errors()[0]["type"] == "union_tag_invalid":
            raise WireError("unknown_command", "That is not a command.") from None
        raise refusal(exc, skip=kind) from None
    return command


def refusal(exc: ValidationError, skip: str | None = None) -> WireError:
    """The first problem pydantic found, said with the field's name.

    A value longer than its field takes is `too_large` (with the most it
    takes); every other problem is `invalid`.
    """
    first = exc.errors(include_url=False)[0]
    loc = [str(part) for part in first["loc"]]
    if loc and loc[0] == skip:
        loc = loc[1:]  # the command's own name, which the union puts first
    where = ".".join(loc)
    kind, ctx = first["type"], first.get("ctx") or {}
    if kind == "json_invalid" and "recursion" in str(ctx.get("error", "")):
        return WireError("invalid", TOO_DEEP)
    if kind in ("too_long", "string_too_long") and "max_length" in ctx:
        unit = "characters" if isinstance(first.get("input"), str) else "items"
        return WireError("too_large", f"{where}: at most {ctx['max_length']} {unit}.")
    message = _MESSAGES.get(kind, first["msg"])
    return WireError("invalid", f"{where}: {message}" if where else message)


_MESSAGES = {
    "missing": "missing.",
    "extra_forbidden": "not a field of this message.",
    "bool_type": "true or false (not text or a number).",
    "int_type": "a whole number (not text, true or false).",
    "float_type": "a number (not text, true or false).",
    "string_type": "text.",
    "list_type": "a list.",
    "tuple_type": "a list.",
    "dict_type": "an object.",
    "model_type": "an object.",
    "model_attributes_type": "an object.",
}
