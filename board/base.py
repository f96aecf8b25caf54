"""What every part of the domain is built from: frozen values, text and id
types, the command and event bases, and the one error board/ raises."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

# Control characters (but line breaks and tabs) are dropped from what people
# type: invisible, they could make an empty-looking card or break a CSV.
_CONTROL = dict.fromkeys(c for c in [*range(32), *range(127, 160)] if chr(c) not in "\n\t")

TITLE_MAX = 120
STATEMENT_MAX = 600


def clean_text(value: object) -> object:
    return value.translate(_CONTROL) if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(clean_text), StringConstraints(strip_whitespace=True)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")]
Title = Annotated[Text, StringConstraints(min_length=1, max_length=TITLE_MAX)]
# What people say: a statement, a root cause, an idea, an action.
Words = Annotated[Text, StringConstraints(min_length=1, max_length=STATEMENT_MAX)]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CommandBase(Frozen):
    """What a client may ask for; each command names itself in `type`."""

    type: str


class EventBase(Frozen):
    """What happened; each event has the board's next `seq` and names itself in `type`."""

    seq: int = Field(ge=1)
    type: str


def type_name(kind: type[CommandBase] | type[EventBase]) -> str:
    """The `type` a command or event class is sent and stored as."""
    default = kind.model_fields["type"].default
    assert isinstance(default, str), kind
    return default


class BoardError(Exception):
    """A refused command or an event that does not fit.

    `code` is stable and meant for programs; `message` is plain English a
    participant could read on their phone.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}
