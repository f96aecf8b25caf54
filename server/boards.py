"""Board-level services used by HTTP routes, the socket handlers and the CLI."""

from __future__ import annotations

import secrets

from pydantic import BaseModel, ConfigDict

from board import Actor, Board, Role, decide
from board.commands import AddStatements, CreateBoard, JoinBoard
from board.model import Group
from board.statements_csv import parse_statements
from server.errors import ServerError
from server.hub import Hub
from server.settings import Settings
from server.store import Store
from server.tokens import (
    Grant,
    new_board_id,
    new_join_code,
    new_participant_id,
    new_token,
    split_token,
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
    imported: int
    refused: list[RefusedRow]
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


def new_op() -> str:
    return "srv-" + secrets.token_hex(12)


async def create_board(hub: Hub, settings: Settings, title: str, purpose: str = "") -> NewBoard:
    store = hub.store
    board_id = new_board_id()
    for _ in range(20):
        code = new_join_code()
        if await store.claim_code(code, board_id):
            break
    else:  # pragma: no cover - 887 million codes
        raise ServerError("busy", "Could not find a free join code. Please try again.")
    command = CreateBoard(board_id=board_id, title=title, purpose=purpose, join_code=code)
    created = decide(Board(id=board_id), command, FACILITATOR)
    await store.append(board_id, 0, [e.model_dump_json() for e in created], new_op())
    facilitator, f_digest = new_token(board_id)
    wall, w_digest = new_token(board_id)
    await store.grant(board_id, f_digest, Grant(role=Role.FACILITATOR).model_dump_json())
    await store.grant(board_id, w_digest, Grant(role=Role.WALL).model_dump_json())
    return NewBoard(
        board_id=board_id,
        join_code=code,
        facilitator_token=facilitator,
        wall_token=wall,
        links=links(settings, board_id, code, facilitator, wall),
    )


async def import_statements(
    hub: Hub, board_id: str, csv_text: str, dry_run: bool = False
) -> ImportReport:
    parsed = parse_statements(csv_text)
    refused = [RefusedRow(line=r.line, reason=r.reason) for r in parsed.refused]
    seq = (await hub.state(board_id)).seq
    if parsed.statements and not dry_run:
        command = AddStatements(statements=parsed.statements, source="import")
        seq = await hub.execute(board_id, command, FACILITATOR, new_op())
    return ImportReport(
        imported=0 if dry_run else len(parsed.statements),
        refused=refused,
        by_category=dict(parsed.by_category),
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
            return board_id, Grant.model_validate_json(found)
    raise ServerError(
        "bad_token", "This link is not valid any more. Ask the facilitator for a new one."
    )


async def join_by_code(hub: Hub, code: str, name: str, group: Group) -> tuple[str, str, Grant, int]:
    """Add a new participant; their board, token, grant and the seq they joined at."""
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
    seq = await hub.execute(board_id, command, Actor(role=Role.PARTICIPANT), new_op())
    return board_id, token, grant, seq
