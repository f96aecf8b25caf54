"""What a Socket.IO handler answers: `{"ok": true, ...}` or a refusal with a code and words."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import ValidationError

from board import BoardError
from server.errors import ServerError
from server.wire import refusal

Json = dict[str, Any]

INTERNAL = {"code": "internal", "message": "Something went wrong on the server. Please try again."}
UNKNOWN_EVENT = {"code": "unknown_event", "message": "This server does not know that message."}


def refused(exc: BoardError | ServerError) -> Json:
    return {"ok": False, "error": exc.as_dict()}


def no(code: str, message: str) -> Json:
    return {"ok": False, "error": {"code": code, "message": message}}


NOT_JOINED = no("not_joined", "Join a board first.")


class Refusal(Exception):
    """An answer to give instead of going on (raised inside a handler)."""

    def __init__(self, answer: Json) -> None:
        super().__init__(answer)
        self.answer = answer


Handler = Callable[..., Awaitable[Json]]


def acked(handler: Handler) -> Handler:
    """Every refusal a handler meets becomes the plain answer the client gets."""

    @functools.wraps(handler)
    async def answer(self: Any, sid: str, data: object = None) -> Json:
        try:
            return await handler(self, sid, data)
        except Refusal as refusing:
            return refusing.answer
        except ValidationError as exc:
            return refused(refusal(exc))
        except (ServerError, BoardError) as exc:
            return refused(exc)

    return answer
