"""HTTP routes: pages, board creation, CSV import, QR code, health."""

from __future__ import annotations

import hmac
import io
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any, Literal

import segno
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from board import Board, BoardArchive, BoardError, Role, archive_json, archive_of, report
from server import boards, rejoin
from server.errors import ServerError
from server.exports import actions_csv, statements_csv, themes_csv
from server.hub import Hub
from server.limits import CodeGuesses, client_address
from server.rejoin import shown
from server.settings import Settings
from server.tokens import Grant, normalise_code
from server.wire import refusal

MAX_CSV_BYTES = 2 * 1024 * 1024


def static_dir() -> Path:
    """The pages: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_static", here.parent / "static"):
        if (candidate / "phone.html").is_file():
            return candidate
    return here.parent / "static"


def _error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}, **extra}, status_code=status)


class _NewBoard(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    purpose: Annotated[str, StringConstraints(strip_whitespace=True, max_length=600)] = ""
    password: str = ""


def _hub(request: Request) -> Hub:
    hub: Hub = request.app.state.hub
    return hub


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _page(name: str) -> Any:
    async def page(request: Request) -> Response:
        return FileResponse(static_dir() / name, headers={"Cache-Control": "no-cache"})

    return page


_NOT_JSON = object()


async def _json(request: Request) -> Any:
    """The body as JSON, or _NOT_JSON (nesting too deep for Python's parser included)."""
    try:
        return json.loads(await request.body())
    except (ValueError, RecursionError):
        return _NOT_JSON


async def create_board(request: Request) -> Response:
    body = await _json(request)
    if body is _NOT_JSON:
        return _error(400, "invalid", "Send the board as JSON, with a title.")
    try:
        wanted = _NewBoard.model_validate_json(json.dumps(body), strict=True)
    except ValidationError as exc:
        refused = refusal(exc)
        return _error(400, refused.code, refused.message)
    settings = _settings(request)
    if settings.create_password and not hmac.compare_digest(
        wanted.password.encode(), settings.create_password.encode()
    ):
        return _error(403, "wrong_password", "That password is not right.")
    try:
        created = await boards.create_board(_hub(request), settings, wanted.title, wanted.purpose)
    except ServerError as exc:
        return _error(503, exc.code, exc.message)
    return JSONResponse(created.model_dump(), status_code=201)


async def _facilitator(request: Request, readers: bool = False) -> Response | None:
    """None if the request carries this board's facilitator token, else the refusal.

    With `readers`, a report share link is enough too.
    """
    scheme, _, credentials = request.headers.get("authorization", "").strip().partition(" ")
    token = credentials.strip() if scheme.lower() == "bearer" else ""  # the scheme has no case
    try:
        board_id, grant = await boards.authenticate(_hub(request).store, token)
    except ServerError as exc:
        return _error(401 if exc.code == "bad_token" else 503, exc.code, exc.message)
    allowed = grant.role == Role.FACILITATOR or (readers and grant.role == "reader")
    if board_id != request.path_params["board_id"] or not allowed:
        return _error(403, "not_allowed", "Only a facilitator of this board can do that.")
    return None


async def _board(request: Request) -> Board | Response:
    try:
        return await _hub(request).state(request.path_params["board_id"])
    except ServerError as exc:
        return _error(404 if exc.code == "no_board" else 503, exc.code, exc.message)


def _download(body: str, media_type: str, state: Board, name: str) -> Response:
    filename = f"changeboard-{state.id}-{name}"
    return Response(
        body,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


async def export_board(request: Request) -> Response:
    if refused := await _facilitator(request):
        return refused
    state = await _board(request)
    if isinstance(state, Response):
        return state
    try:
        document = archive_of(state)
    except BoardError as exc:
        return _error(409, exc.code, exc.message)
    return _download(archive_json(document), "application/json", state, "board.json")


async def import_board(request: Request) -> Response:
    settings = _settings(request)
    body = await _json(request)
    if body is _NOT_JSON:
        return _error(400, "invalid", "Send a board saved from changeboard (a .json file).")
    password = body.pop("password", "") if isinstance(body, dict) else ""
    if settings.create_password and not hmac.compare_digest(
        str(password).encode(), settings.create_password.encode()
    ):
        return _error(403, "wrong_password", "That password is not right.")
    try:
        document = BoardArchive.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return _error(400, "bad_archive", f"This is not a saved board ({where}: {first['msg']}).")
    try:
        created = await boards.restore_board(_hub(request), settings, document)
    except BoardError as exc:
        return _error(400, exc.code, exc.message)
    except ServerError as exc:
        return _error(503, exc.code, exc.message)
    return JSONResponse(created.model_dump(), status_code=201)


def _csv_route(
    build: Callable[[Board], str], name: str
) -> Callable[[Request], Awaitable[Response]]:
    async def route(request: Request) -> Response:
        if refused := await _facilitator(request, readers=True):
            return refused
        state = await _board(request)
        if isinstance(state, Response):
            return state
        # A byte-order mark, so Excel reads the file as UTF-8.
        return _download("\ufeff" + build(state), "text/csv; charset=utf-8", state, name)

    return route


async def report_data(request: Request) -> Response:
    if refused := await _facilitator(request, readers=True):
        return refused
    state = await _board(request)
    if isinstance(state, Response):
        return state
    return JSONResponse(report(state), headers={"Cache-Control": "no-store"})


async def delete_board(request: Request) -> Response:
    if refused := await _facilitator(request):
        return refused
    state = await _board(request)
    if isinstance(state, Response):
        return state
    await boards.delete_board(_hub(request), state.id)
    return Response(status_code=204)


async def import_statements(request: Request) -> Response:
    board_id = request.path_params["board_id"]
    hub = _hub(request)
    if refused := await _facilitator(request):
        return refused
    if int(request.headers.get("content-length") or 0) > MAX_CSV_BYTES:
        return _error(413, "too_large", "The file is too big. The most is 2 MB.")
    raw = await _csv_body(request)
    if raw is None:
        return _error(
            400, "invalid", "Send the CSV file as the body, or as a form field named file."
        )
    if len(raw) > MAX_CSV_BYTES:
        return _error(413, "too_large", "The file is too big. The most is 2 MB.")
    text = _decoded(raw)
    if text is None:
        return _error(
            400, "not_utf8", "The file is not text we can read. Save it as CSV UTF-8 and try again."
        )
    dry_run = request.query_params.get("dry_run") in ("1", "true", "yes")
    try:
        report = await boards.import_statements(hub, board_id, text, dry_run=dry_run)
    except BoardError as exc:
        return _error(400, exc.code, exc.message)
    except ServerError as exc:
        return _error(503 if exc.code in ("unavailable", "busy") else 400, exc.code, exc.message)
    # Only a file with no usable row at all is an error; duplicates are not.
    if report.imported == 0 and report.duplicates == 0:
        message = "No row of this file can be imported"
        if report.refused:
            first = report.refused[0]
            message += f": line {first.line}: {first.reason}"
        return _error(400, "nothing_to_import", message + ".", **report.model_dump())
    return JSONResponse(report.model_dump())


def _decoded(raw: bytes) -> str | None:
    """CSV text: UTF-8 (with or without a byte-order mark), else Windows-1252,
    which is what Excel's plain "CSV (Comma delimited)" saves on Windows."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


async def _csv_body(request: Request) -> bytes | None:
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form(max_files=1, max_fields=5)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            return None
        return await upload.read(MAX_CSV_BYTES + 1)
    body = await request.body()
    return body or None


class _NewToken(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["facilitator", "wall", "reader"]


async def list_tokens(request: Request) -> Response:
    if refused := await _facilitator(request):
        return refused
    staff = await _hub(request).store.staff(request.path_params["board_id"])
    listed = []
    for staff_id, raw in sorted(staff.items()):
        grant = Grant.model_validate_json(raw)
        role = grant.role.value if isinstance(grant.role, Role) else grant.role
        listed.append({"id": staff_id, "role": role, "created_at_ms": grant.created_at_ms})
    return JSONResponse({"tokens": listed})


async def issue_token(request: Request) -> Response:
    if refused := await _facilitator(request):
        return refused
    try:
        wanted = _NewToken.model_validate_json(await request.body(), strict=True)
    except ValidationError:
        return _error(400, "invalid", 'Send {"role": "facilitator"}, "wall" or "reader".')
    role = wanted.role if wanted.role == "reader" else Role(wanted.role)
    issued = await boards.issue_token(
        _hub(request).store, _settings(request), request.path_params["board_id"], role
    )
    return JSONResponse(issued.model_dump(), status_code=201)


async def revoke_token(request: Request) -> Response:
    if refused := await _facilitator(request):
        return refused
    board_id, staff_id = request.path_params["board_id"], request.path_params["token_id"]
    hub = _hub(request)
    if not await hub.store.revoke(board_id, staff_id):
        return _error(404, "unknown_token", "That link does not exist or is already off.")
    await hub.announce(board_id, "revoked", staff_id)
    return Response(status_code=204)


async def new_person_link(request: Request) -> Response:
    """A new rejoin code for one person; every device signed in as them is cut off."""
    if refused := await _facilitator(request):
        return refused
    if (await request.body()).strip() not in (b"", b"{}"):
        return _error(400, "invalid", "Send nothing (or {}): the person is in the address.")
    hub = _hub(request)
    board_id, participant_id = request.path_params["board_id"], request.path_params["person_id"]
    try:
        code = await rejoin.new_link_for(hub, board_id, participant_id)
        state = await hub.state(board_id)
    except BoardError as exc:
        return _error(404, exc.code, exc.message)
    except ServerError as exc:
        return _error(503, exc.code, exc.message)
    base = _settings(request).public_url or str(request.base_url).rstrip("/")
    made = {
        "participant_id": participant_id,
        "rejoin": shown(base, state.join_code, code).as_json(),
    }
    return JSONResponse(made, status_code=201, headers={"Cache-Control": "no-store"})


async def qr_code(request: Request) -> Response:
    """The QR code of a join code's link: for a code, never for a board id.

    A board id is in every report link's address, and a report link must not
    lead to the join code; the code itself is what the room shares anyway.
    """
    code = normalise_code(request.path_params["code"])
    hub = _hub(request)
    address = client_address(request.scope)
    guesses = CodeGuesses(hub.store, _settings(request).failed_joins_per_minute)
    try:
        await guesses.check(address, code)
        if await hub.store.board_for_code(code) is None:
            await guesses.wrong(address)
            return _error(404, "bad_code", "There is no workshop with that code.")
    except ServerError as exc:
        return _error(429 if exc.code == "slow_down" else 503, exc.code, exc.message)
    # The address the page was opened at reaches this server from the room's
    # network, where "localhost" would not; a configured public URL wins.
    base = _settings(request).public_url or str(request.base_url).rstrip("/")
    link = f"{base}/join/{code}"
    out = io.BytesIO()
    segno.make(link, error="m").save(out, kind="svg", scale=8, border=2, title=f"Join: {link}")
    return Response(out.getvalue(), media_type="image/svg+xml")


async def find_code(request: Request) -> Response:
    code = normalise_code(request.path_params["code"])
    hub = _hub(request)
    address = client_address(request.scope)
    guesses = CodeGuesses(hub.store, _settings(request).failed_joins_per_minute)
    try:
        await guesses.check(address, code)
        board_id = await hub.store.board_for_code(code)
        if board_id is None:
            await guesses.wrong(address)
            return _error(404, "bad_code", "There is no workshop with that code.")
        await guesses.right(address, code)
        state = await hub.state(board_id)
    except ServerError as exc:
        return _error(429 if exc.code == "slow_down" else 503, exc.code, exc.message)
    return JSONResponse({"board_id": board_id, "title": state.title, "join_code": code})


async def health(request: Request) -> Response:
    up = await _hub(request).store.ping()
    return JSONResponse({"ok": up, "redis": "up" if up else "down"}, status_code=200 if up else 503)


def routes() -> list[Route | Mount]:
    return [
        Route("/", _page("index.html")),
        Route("/join", _page("phone.html")),
        Route("/join/{code}", _page("phone.html")),
        Route("/board/{board_id}/facilitate", _page("facilitator.html")),
        Route("/board/{board_id}/wall", _page("wall.html")),
        Route("/board/{board_id}/review", _page("review.html")),
        Route("/api/boards", create_board, methods=["POST"]),
        Route("/api/boards/{board_id}/statements", import_statements, methods=["POST"]),
        Route("/board/{board_id}/report", _page("report.html")),
        Route("/api/boards/import", import_board, methods=["POST"]),
        Route("/api/boards/{board_id}", delete_board, methods=["DELETE"]),
        Route("/api/boards/{board_id}/export.json", export_board),
        Route("/api/boards/{board_id}/report.json", report_data),
        Route(
            "/api/boards/{board_id}/statements.csv", _csv_route(statements_csv, "statements.csv")
        ),
        Route("/api/boards/{board_id}/themes.csv", _csv_route(themes_csv, "themes.csv")),
        Route("/api/boards/{board_id}/actions.csv", _csv_route(actions_csv, "actions.csv")),
        Route("/api/boards/{board_id}/tokens", list_tokens, methods=["GET"]),
        Route("/api/boards/{board_id}/tokens", issue_token, methods=["POST"]),
        Route("/api/boards/{board_id}/tokens/{token_id}", revoke_token, methods=["DELETE"]),
        Route("/api/boards/{board_id}/people/{person_id}/link", new_person_link, methods=["POST"]),
        Route("/api/join/{code}", find_code),
        Route("/api/join/{code}/qr.svg", qr_code),
        Route("/health", health),
        Mount("/static", StaticFiles(directory=static_dir(), check_dir=False), name="static"),
    ]
