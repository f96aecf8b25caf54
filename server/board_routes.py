"""HTTP routes for whole boards: create, restore from a saved file, delete, and their links
(staff links, and a person's new rejoin link)."""

from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from board import BoardArchive, Role
from server import boards, rejoin
from server.errors import InputError, ServerError
from server.rejoin import shown
from server.route_access import (
    board_of,
    check_create_password,
    check_facilitator,
    hub_of,
    json_body,
    settings_of,
)
from server.tokens import Grant
from server.wire import refusal


class _NewBoard(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    purpose: Annotated[str, StringConstraints(strip_whitespace=True, max_length=600)] = ""
    password: str = ""


class _NewToken(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["facilitator", "wall", "reader"]


async def create_board(request: Request) -> Response:
    body = await json_body(request, "Send the board as JSON, with a title.")
    try:
        wanted = _NewBoard.model_validate_json(json.dumps(body), strict=True)
    except ValidationError as exc:
        raise refusal(exc) from None
    settings = settings_of(request)
    check_create_password(settings, wanted.password)
    created = await boards.create_board(hub_of(request), settings, wanted.title, wanted.purpose)
    return JSONResponse(created.model_dump(), status_code=201)


async def import_board(request: Request) -> Response:
    """A new board from a file saved with export.json."""
    settings = settings_of(request)
    body = await json_body(request, "Send a board saved from changeboard (a .json file).")
    password = body.pop("password", "") if isinstance(body, dict) else ""
    check_create_password(settings, password)
    try:
        document = BoardArchive.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(
            "bad_archive", f"This is not a saved board ({where}: {first['msg']})."
        ) from None
    created = await boards.restore_board(hub_of(request), settings, document)
    return JSONResponse(created.model_dump(), status_code=201)


async def delete_board(request: Request) -> Response:
    await check_facilitator(request)
    state = await board_of(request)
    await boards.delete_board(hub_of(request), state.id)
    return Response(status_code=204)


async def list_tokens(request: Request) -> Response:
    await check_facilitator(request)
    staff = await hub_of(request).store.staff(request.path_params["board_id"])
    listed = []
    for staff_id, raw in sorted(staff.items()):
        grant = Grant.model_validate_json(raw)
        role = grant.role.value if isinstance(grant.role, Role) else grant.role
        listed.append({"id": staff_id, "role": role, "created_at_ms": grant.created_at_ms})
    return JSONResponse({"tokens": listed})


async def issue_token(request: Request) -> Response:
    await check_facilitator(request)
    try:
        wanted = _NewToken.model_validate_json(await request.body(), strict=True)
    except ValidationError:
        raise InputError("invalid", 'Send {"role": "facilitator"}, "wall" or "reader".') from None
    role = wanted.role if wanted.role == "reader" else Role(wanted.role)
    issued = await boards.issue_token(
        hub_of(request).store, settings_of(request), request.path_params["board_id"], role
    )
    return JSONResponse(issued.model_dump(), status_code=201)


async def revoke_token(request: Request) -> Response:
    """Turn a link off: its screens are cut off at once, on every worker."""
    await check_facilitator(request)
    board_id, staff_id = request.path_params["board_id"], request.path_params["token_id"]
    hub = hub_of(request)
    if not await hub.store.revoke(board_id, staff_id):
        raise ServerError("unknown_token", "That link does not exist or is already off.")
    await hub.announce(board_id, "revoked", staff_id)
    return Response(status_code=204)


async def new_person_link(request: Request) -> Response:
    """A new rejoin code for one person; every device signed in as them is cut off."""
    await check_facilitator(request)
    if (await request.body()).strip() not in (b"", b"{}"):
        raise InputError("invalid", "Send nothing (or {}): the person is in the address.")
    hub = hub_of(request)
    board_id, participant_id = request.path_params["board_id"], request.path_params["person_id"]
    code = await rejoin.new_link_for(hub, board_id, participant_id)
    state = await hub.state(board_id)
    base = settings_of(request).public_url or str(request.base_url).rstrip("/")
    made = {
        "participant_id": participant_id,
        "rejoin": shown(base, state.join_code, code).as_json(),
    }
    return JSONResponse(made, status_code=201, headers={"Cache-Control": "no-store"})
