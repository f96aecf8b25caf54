"""HTTP routes for joining by code: find the workshop a code names, and its QR code.

Both count wrong codes against the asking address, like joining does.
"""

from __future__ import annotations

import io

import segno
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server.errors import ServerError
from server.limits import CodeGuesses, client_address
from server.route_access import hub_of, settings_of
from server.tokens import normalise_code

_NO_WORKSHOP = "There is no workshop with that code."


async def _board_for_code(request: Request, code: str) -> tuple[str, CodeGuesses, str]:
    """The board a code names (and the guess counter and address), or `bad_code`."""
    hub = hub_of(request)
    address = client_address(request.scope)
    guesses = CodeGuesses(hub.store, settings_of(request).failed_joins_per_minute)
    await guesses.check(address, code)
    board_id = await hub.store.board_for_code(code)
    if board_id is None:
        await guesses.wrong(address)
        raise ServerError("bad_code", _NO_WORKSHOP)
    return board_id, guesses, address


async def find_code(request: Request) -> Response:
    code = normalise_code(request.path_params["code"])
    board_id, guesses, address = await _board_for_code(request, code)
    await guesses.right(address, code)
    state = await hub_of(request).state(board_id)
    return JSONResponse({"board_id": board_id, "title": state.title, "join_code": code})


async def qr_code(request: Request) -> Response:
    """The QR code of a join code's link: for a code, never for a board id.

    A board id is in every report link's address, and a report link must not
    lead to the join code; the code itself is what the room shares anyway.
    """
    code = normalise_code(request.path_params["code"])
    await _board_for_code(request, code)
    # The address the page was opened at reaches this server from the room's
    # network, where "localhost" would not; a configured public URL wins.
    base = settings_of(request).public_url or str(request.base_url).rstrip("/")
    link = f"{base}/join/{code}"
    out = io.BytesIO()
    segno.make(link, error="m").save(out, kind="svg", scale=8, border=2, title=f"Join: {link}")
    return Response(out.getvalue(), media_type="image/svg+xml")
