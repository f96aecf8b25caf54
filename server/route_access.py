"""What every HTTP route asks first: the app's hub and settings, who is asking, which board.

Each raises the refusal (server/errors.py turns it into the answer), so a
route reads as what it does when it may.
"""

from __future__ import annotations

import hmac
import json
from typing import Any

from starlette.requests import Request

from board import Board, Role
from server import boards
from server.errors import InputError, ServerError
from server.hub import Hub
from server.settings import Settings


def hub_of(request: Request) -> Hub:
    hub: Hub = request.app.state.hub
    return hub


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def json_body(request: Request, unreadable: str) -> Any:
    """The body as JSON; refused with `unreadable` (nesting too deep for Python included)."""
    try:
        return json.loads(await request.body())
    except (ValueError, RecursionError):
        raise InputError("invalid", unreadable) from None


def check_create_password(settings: Settings, given: object) -> None:
    """A deployment with a creation password takes new boards only with it."""
    if settings.create_password and not hmac.compare_digest(
        str(given).encode(), settings.create_password.encode()
    ):
        raise ServerError("wrong_password", "That password is not right.")


async def check_facilitator(request: Request, readers: bool = False) -> None:
    """Refused unless the request carries this board's facilitator token.

    With `readers`, a report share link is enough too.
    """
    scheme, _, credentials = request.headers.get("authorization", "").strip().partition(" ")
    token = credentials.strip() if scheme.lower() == "bearer" else ""  # the scheme has no case
    board_id, grant = await boards.authenticate(hub_of(request).store, token)
    allowed = grant.role == Role.FACILITATOR or (readers and grant.role == "reader")
    if board_id != request.path_params["board_id"] or not allowed:
        raise ServerError("not_allowed", "Only a facilitator of this board can do that.")


async def board_of(request: Request) -> Board:
    """The board the address names, as this worker knows it newest."""
    return await hub_of(request).state(request.path_params["board_id"])
