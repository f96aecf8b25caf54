"""Secrets handed to people: tokens, join codes and board ids."""

from __future__ import annotations

import hashlib
import secrets
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from board import Actor, Role
from server.errors import ServerError

# No look-alikes: 0/O, 1/I/L are left out so a code read aloud or off a wall
# is typed right the first time.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
_ID_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class Grant(BaseModel):
    """What a token lets its holder be on one board.

    A "reader" holds a report share link: it may read the report, nothing else.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: Role | Literal["reader"]
    participant_id: str | None = None
    created_at_ms: int = 0
    # Which token this grant came from; known once authenticated, never stored.
    token_id: str = Field(default="", exclude=True)

    @property
    def actor(self) -> Actor:
        if self.role == "reader":
            raise ServerError("not_allowed", "This link is for reading the report only.")
        return Actor(role=self.role, participant_id=self.participant_id)


def token_id(digest: str) -> str:
    """A short public name for a token, to list and revoke it by."""
    return digest[:12]


def new_board_id() -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(12))


def new_participant_id() -> str:
    return "p" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(11))


def new_op() -> str:
    """An op for a command the server sends itself."""
    return "srv-" + secrets.token_hex(12)


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def rejoin_digest(board_id: str, code: str) -> str:
    """What the store keeps of a person's rejoin code (never the code itself)."""
    return digest(f"rejoin:{board_id}:{code}")


def spaced(code: str) -> str:
    """A code as it is read aloud: "K7P 4MX"."""
    return f"{code[:3]} {code[3:]}"


def normalise_code(code: str) -> str:
    """What a person typed, as a code: spaces and dashes dropped, capitals."""
    return "".join(ch for ch in code if ch not in " -\t").upper()


def new_token(board_id: str) -> tuple[str, str]:
    """A token (`board.secret`, 256 random bits) and the digest the store keeps."""
    secret = secrets.token_urlsafe(32)
    return f"{board_id}.{secret}", digest(secret)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def split_token(token: object) -> tuple[str, str] | None:
    """(board id, digest of the secret), or None if it is not shaped like a token."""
    if not isinstance(token, str) or len(token) > 200 or token.count(".") != 1:
        return None
    board_id, secret = token.split(".")
    if not board_id or len(secret) < 20:
        return None
    return board_id, digest(secret)
