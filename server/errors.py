"""The one exception root of server/; board errors are translated at the edge."""

from __future__ import annotations


class ServerError(Exception):
    """A refusal with a stable `code` and a plain-English `message`."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class StoreUnavailable(ServerError):
    def __init__(self) -> None:
        super().__init__(
            "unavailable",
            "The board cannot be reached just now, so this may or may not have been saved. "
            "Send it again with the same op: it is never applied twice.",
        )
