"""The one exception board/ raises."""

from __future__ import annotations


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
