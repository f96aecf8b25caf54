"""Rejoin codes: a person's own code, to come back as themselves on any device.

A code is 6 characters with no look-alikes (server/tokens.py), shown only to
its person (in the answer to their join, and on their phone) and to a
facilitator who makes them a new one; the store keeps a digest of it, beside
the board's tokens, and never in the board's log. With the board's join code
it signs a device in as the same participant, with a token of its own, so
their dots, ratings and answers are the same. Wrong codes count against the
address they come from, as wrong join codes do, and against the board.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from board import Actor, BoardError, Role, StartOnDevice
from server.errors import ServerError
from server.hub import Hub
from server.limits import BoardGuesses, CodeGuesses
from server.qr import svg_data_uri
from server.settings import Settings
from server.store import Store
from server.tokens import (
    Grant,
    new_join_code,
    new_op,
    new_token,
    rejoin_digest,
    spaced,
    token_id,
)

Json = dict[str, Any]

BAD_REJOIN_CODE = (
    "That is not a rejoin code for this workshop. Check it, "
    "or ask the person running the workshop for a new one."
)


@dataclass(frozen=True, slots=True)
class RejoinCode:
    """A person's code, the link that holds it, and that link's QR code."""

    code: str
    link: str

    def as_json(self) -> Json:
        qr = svg_data_uri(self.link, scale=6)
        return {"code": self.code, "spaced": spaced(self.code), "link": self.link, "qr": qr}


def shown(base: str, join_code: str, code: str) -> RejoinCode:
    # In the fragment, which browsers never send to a server.
    return RejoinCode(code, f"{base}/join/{join_code}#rejoin={code}")


def base_url(settings: Settings, scope: Mapping[str, Any]) -> str:
    """Where the person reached this server: the base of links made for them."""
    if settings.public_url:
        return settings.public_url
    headers = {k.lower(): v for k, v in scope.get("headers") or []}
    host = headers.get(b"host", b"").decode("latin-1")
    scheme = {"ws": "http", "wss": "https"}.get(scope.get("scheme", ""), scope.get("scheme"))
    return f"{scheme}://{host}" if host and scheme else settings.base_url


async def new_code(store: Store, board_id: str, participant_id: str) -> str:
    """A fresh code for a participant; any code they had stops working."""
    for _ in range(20):
        code = new_join_code()
        if await store.set_rejoin(board_id, participant_id, rejoin_digest(board_id, code)):
            return code
    raise ServerError("busy", "Could not make a rejoin code. Please try again.")  # pragma: no cover


async def new_link_for(hub: Hub, board_id: str, participant_id: str) -> str:
    """A facilitator's "new link for this person": a new code, and every device
    signed in as them (with their old link or code) cut off at once."""
    state = await hub.state(board_id)
    if participant_id not in state.participants:
        raise BoardError("unknown_participant", "There is nobody with that id on this board.")
    for _ in range(20):
        code = new_join_code()
        dropped = await hub.store.cut_off(board_id, participant_id, rejoin_digest(board_id, code))
        if dropped is None:  # pragma: no cover - the code was someone else's
            continue
        for digest in dropped:
            await hub.announce(board_id, "revoked", token_id(digest))
        return code
    raise ServerError("busy", "Could not make a rejoin code. Please try again.")  # pragma: no cover


async def _on_a_device(hub: Hub, board_id: str, participant_id: str) -> int:
    """The board's seq once the person counts as on a device."""
    state = await hub.state(board_id)
    person = state.participants.get(participant_id)
    if person is None or not person.no_device:
        return state.seq
    command = StartOnDevice(participant_id=participant_id)
    try:
        return await hub.execute(board_id, command, Actor(role=Role.FACILITATOR), new_op())
    except BoardError:  # a second device of theirs did it a moment ago
        return (await hub.state(board_id)).seq


async def rejoin(
    hub: Hub, settings: Settings, address: str, join_code: str, code: str
) -> tuple[str, str, Grant, int]:
    """The board, a new token, the grant of the person whose code this is, and
    the seq the board is at for them (someone added without a phone who signs
    in on a device is counted as on one from then on).

    Refused with `slow_down` while the address, or the board, has had too many
    wrong codes lately; with `bad_code` or `bad_rejoin_code` for a wrong one.
    """
    store = hub.store
    guesses = CodeGuesses(store, settings.failed_joins_per_minute)
    tried = f"{join_code}/{code}"
    await guesses.check(address, tried)
    board_id = await store.board_for_code(join_code)
    if board_id is None:
        await guesses.wrong(address)
        raise ServerError(
            "bad_code", "There is no workshop with that code. Check it and try again."
        )
    on_board = BoardGuesses(store, settings.failed_rejoins_per_board_per_minute)
    await on_board.check(board_id)
    digest = rejoin_digest(board_id, code)
    participant_id = await store.rejoin_holder(board_id, digest)
    if participant_id is not None:
        grant = Grant(role=Role.PARTICIPANT, participant_id=participant_id)
        token, token_digest = new_token(board_id)
        kept = await store.grant_if_rejoin(
            board_id, digest, participant_id, token_digest, grant.model_dump_json()
        )
        if kept:
            await guesses.right(address, tried)
            seq = await _on_a_device(hub, board_id, participant_id)
            grant = grant.model_copy(update={"token_id": token_id(token_digest)})
            return board_id, token, grant, seq
    await guesses.wrong(address)
    await on_board.wrong(board_id)
    raise ServerError("bad_rejoin_code", BAD_REJOIN_CODE)
