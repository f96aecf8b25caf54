"""Board-level services used by HTTP routes, the socket handlers and the CLI."""

from __future__ import annotations

import asyncio
import time
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

from board import (
    Actor,
    AddStatements,
    Board,
    BoardArchive,
    BoardError,
    CreateBoard,
    Group,
    JoinBoard,
    RestoreBoard,
    Role,
    decide,
    new_only,
    parse_statements,
)
from board.checks import CAPACITY
from server import rejoin
from server.errors import ServerError
from server.hub import Hub
from server.settings import Settings
from server.store import Store
from server.tokens import (
    Grant,
    new_board_id,
    new_join_code,
    new_op,
    new_participant_id,
    new_token,
    split_token,
    token_id,
)

FACILITATOR = Actor(role=Role.FACILITATOR)


class Links(BaseModel):
    facilitator: str
    join: str
    wall: str


class NewBoard(BaseModel):
    model_config = ConfigDict(frozen=True)

    board_id: str
    join_code: str
    facilitator_token: str
    wall_token: str
    links: Links


class RefusedRow(BaseModel):
    line: int
    reason: str


class ImportReport(BaseModel):
    # With dry_run, `imported` is how many would be: nothing is saved.
    imported: int
    duplicates: int
    refused: list[RefusedRow]  # the first 200
    refused_total: int
    by_category: dict[str, int]
    seq: int
    dry_run: bool


def links(settings: Settings, board_id: str, join_code: str, facilitator: str, wall: str) -> Links:
    base = settings.base_url
    return Links(
        facilitator=f"{base}/board/{board_id}/facilitate#t={facilitator}",
        join=f"{base}/join/{join_code}",
        wall=f"{base}/board/{board_id}/wall#t={wall}",
    )


class IssuedToken(BaseModel):
    id: str
    role: str
    token: str
    link: str


def _link(settings: Settings, board_id: str, role: str, token: str) -> str:
    page = {"facilitator": "facilitate", "wall": "wall", "reader": "report"}[role]
    return f"{settings.base_url}/board/{board_id}/{page}#t={token}"


async def issue_token(
    store: Store, settings: Settings, board_id: str, role: Role | Literal["reader"]
) -> IssuedToken:
    """A new facilitator, wall or report link for a board."""
    token, digest = new_token(board_id)
    grant = Grant(role=role, created_at_ms=int(time.time() * 1000))
    await store.grant(board_id, digest, grant.model_dump_json(), staff_id=token_id(digest))
    role_name = role.value if isinstance(role, Role) else role
    return IssuedToken(
        id=token_id(digest),
        role=role_name,
        token=token,
        link=_link(settings, board_id, role_name, token),
    )


async def create_board(hub: Hub, settings: Settings, title: str, purpose: str = "") -> NewBoard:
    store = hub.store
    board_id = new_board_id()
    for _ in range(20):
        code = new_join_code()
        if await store.claim_code(code, board_id):
            break
    else:  # pragma: no cover - 887 million codes
        raise ServerError("busy", "Could not find a free join code. Please try again.")
    retain_until = int(time.time() * 1000) + settings.retention_days * 86_400_000
    command = CreateBoard(
        board_id=board_id,
        title=title,
        purpose=purpose,
        join_code=code,
        retain_until_ms=retain_until,
    )
    created = decide(Board(id=board_id), command, FACILITATOR)
    await store.retain(board_id, code, retain_until)
    # The links first, the board after: on a cluster the append waits for the
    # shard's replica, and so covers the links written before it.
    facilitator = await issue_token(store, settings, board_id, Role.FACILITATOR)
    wall = await issue_token(store, settings, board_id, Role.WALL)
    await store.append(board_id, 0, [e.model_dump_json() for e in created], new_op())
    return NewBoard(
        board_id=board_id,
        join_code=code,
        facilitator_token=facilitator.token,
        wall_token=wall.token,
        links=links(settings, board_id, code, facilitator.token, wall.token),
    )


# Statements per command when a file is imported: each is one event, so a big
# file is saved (and sent to every screen) in bounded steps.
IMPORT_CHUNK = 500
# Rows listed in a report as left out; `refused_total` counts them all.
REFUSED_LISTED = 200


async def import_statements(
    hub: Hub, board_id: str, csv_text: str, dry_run: bool = False
) -> ImportReport:
    """Import (or, with `dry_run`, check) a CSV; both refuse a file the board has no room for.

    Parsing 100,000 rows takes a second or two: it runs off the event loop,
    so the room's events keep flowing meanwhile.
    """
    parsed = await asyncio.to_thread(parse_statements, csv_text)
    state = await hub.state(board_id)
    fresh = await asyncio.to_thread(new_only, state, parsed.statements)
    room = CAPACITY["statements"] - len(state.statements)
    if len(fresh) > room:
        raise BoardError(
            "board_full",
            f"This file has {len(fresh)} new statements, and the board has room for "
            f"{max(room, 0)} more: a board holds at most {CAPACITY['statements']}. "
            "Split the file, or use a new board.",
        )
    seq = state.seq
    if not dry_run:
        for start in range(0, len(fresh), IMPORT_CHUNK):
            chunk = fresh[start : start + IMPORT_CHUNK]
            command = AddStatements(statements=chunk, source="import")
            seq = await hub.execute(board_id, command, FACILITATOR, new_op())
    return ImportReport(
        imported=len(fresh),
        duplicates=len(parsed.statements) - len(fresh),
        refused=[RefusedRow(line=r.line, reason=r.reason) for r in parsed.refused[:REFUSED_LISTED]],
        refused_total=len(parsed.refused),
        by_category={c.value: n for c, n in parsed.by_category.items()},
        seq=seq,
        dry_run=dry_run,
    )


async def authenticate(store: Store, token: object) -> tuple[str, Grant]:
    """The board and grant a token stands for, or a `bad_token` refusal."""
    parts = split_token(token)
    if parts is not None:
        board_id, digest = parts
        found = await store.grant_for(board_id, digest)
        if found is not None:
            grant = Grant.model_validate_json(found)
            return board_id, grant.model_copy(update={"token_id": token_id(digest)})
    raise ServerError(
        "bad_token", "This link is not valid any more. Ask the facilitator for a new one."
    )


class Joined(NamedTuple):
    board_id: str
    token: str
    grant: Grant
    seq: int  # the seq they joined at
    rejoin_code: str  # theirs, to come back on another device


async def join_by_code(hub: Hub, code: str, name: str, group: Group) -> Joined:
    """Add a new participant: their board, token, grant, joining seq and rejoin code."""
    board_id = await hub.store.board_for_code(code)
    if board_id is None:
        raise ServerError(
            "bad_code", "There is no workshop with that code. Check it and try again."
        )
    participant_id = new_participant_id()
    command = JoinBoard(participant_id=participant_id, name=name, group=group)
    grant = Grant(role=Role.PARTICIPANT, participant_id=participant_id)
    token, digest = new_token(board_id)
    # The grant is stored first: a participant in the log always has a token.
    await hub.store.grant(board_id, digest, grant.model_dump_json())
    rejoin_code = await rejoin.new_code(hub.store, board_id, participant_id)
    seq = await hub.execute(board_id, command, Actor(role=Role.PARTICIPANT), new_op())
    grant = grant.model_copy(update={"token_id": token_id(digest)})  # so it can be cut off live
    return Joined(board_id, token, grant, seq, rejoin_code)


async def restore_board(hub: Hub, settings: Settings, document: BoardArchive) -> NewBoard:
    """A new board, with new links, holding what an exported board held."""
    created = await create_board(hub, settings, document.title, document.purpose)
    try:
        await hub.execute(created.board_id, RestoreBoard(archive=document), FACILITATOR, new_op())
    except BoardError:
        await delete_board(hub, created.board_id)
        raise
    return created


async def delete_board(hub: Hub, board_id: str) -> None:
    """Remove the board and everything it stored; its screens are told and let go."""
    await hub.store.delete_board(board_id)
    await hub.announce(board_id, "deleted")
