"""The one exception root of server/, and the one table of what each refusal is over HTTP.

Routes raise (ServerError, or the board's BoardError) and never build an
error response themselves: Starlette's exception handlers below turn every
refusal into the same envelope, `{"error": {"code", "message"}}`, with the
status `HTTP_STATUS` gives its code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse

from board import BoardError


class ServerError(Exception):
    """A refusal with a stable `code` and a plain-English `message`.

    `extra` is sent beside the error in an HTTP answer (an import's report).
    """

    def __init__(self, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.extra = extra

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class StoreUnavailable(ServerError):
    def __init__(self) -> None:
        super().__init__(
            "unavailable",
            "The board cannot be reached just now, so this may or may not have been saved. "
            "Send it again with the same op: it is never applied twice.",
        )


class InputError(ServerError):
    """Input refused before it reached the board: always 400, whatever its code.

    A field too long is `too_large` like a file too big, but it is the
    sender's mistake in one field (400), not a body too large (413).
    """


# Every code an HTTP route can answer with, and its status; any other is 400.
HTTP_STATUS = {
    "bad_token": 401,
    "wrong_password": 403,
    "not_allowed": 403,
    "not_found": 404,
    "no_board": 404,
    "bad_code": 404,
    "unknown_token": 404,
    "unknown_participant": 404,  # a person's new link, for nobody on the board
    "wrong_method": 405,
    "vote_open": 409,  # the board cannot be saved while a vote is open
    "too_large": 413,
    "slow_down": 429,
    "internal": 500,
    "unavailable": 503,
    "busy": 503,
}

# Starlette's own refusals (no such address, wrong method), by status.
_STARLETTE = {
    404: ("not_found", "There is nothing at this address. Check the link."),
    405: ("wrong_method", "This address does not take that kind of request."),
}
_INTERNAL = ("internal", "Something went wrong on the server. Please try again.")


def _answer(
    code: str, message: str, status: int, headers: Mapping[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {"error": {"code": code, "message": message}, **extra}
    return JSONResponse(body, status_code=status, headers=headers)


async def refused(request: Request, exc: Exception) -> JSONResponse:
    """A ServerError or BoardError a route raised, with its code's status."""
    assert isinstance(exc, ServerError | BoardError)
    status = 400 if isinstance(exc, InputError) else HTTP_STATUS.get(exc.code, 400)
    extra = exc.extra if isinstance(exc, ServerError) else {}
    return _answer(exc.code, exc.message, status, **extra)


async def starlette_refused(request: Request, exc: Exception) -> JSONResponse:
    """Starlette's own refusals as JSON with a code."""
    assert isinstance(exc, HTTPException)
    code, message = _STARLETTE.get(exc.status_code, ("invalid", str(exc.detail)))
    return _answer(code, message, exc.status_code, exc.headers)


async def internal_error(request: Request, exc: Exception) -> JSONResponse:
    """A bug: logged by Starlette; the client gets the same envelope as every refusal."""
    return _answer(*_INTERNAL, 500)


EXCEPTION_HANDLERS = {
    ServerError: refused,
    BoardError: refused,
    HTTPException: starlette_refused,
    Exception: internal_error,
}
