"""The HTTP route that imports review statements from a CSV file (or checks one first)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from server import boards
from server.errors import InputError, ServerError
from server.route_access import check_facilitator, hub_of

MAX_CSV_BYTES = 2 * 1024 * 1024
_TOO_LARGE = "The file is too big. The most is 2 MB."


async def import_statements(request: Request) -> Response:
    board_id = request.path_params["board_id"]
    await check_facilitator(request)
    if int(request.headers.get("content-length") or 0) > MAX_CSV_BYTES:
        raise ServerError("too_large", _TOO_LARGE)
    raw = await _csv_body(request)
    if raw is None:
        raise InputError("invalid", "Send the CSV file as the body, or as a form field named file.")
    if len(raw) > MAX_CSV_BYTES:
        raise ServerError("too_large", _TOO_LARGE)
    text = _decoded(raw)
    if text is None:
        raise InputError(
            "not_utf8", "The file is not text we can read. Save it as CSV UTF-8 and try again."
        )
    dry_run = request.query_params.get("dry_run") in ("1", "true", "yes")
    imported = await boards.import_statements(hub_of(request), board_id, text, dry_run=dry_run)
    # Only a file with no usable row at all is an error; duplicates are not.
    if imported.imported == 0 and imported.duplicates == 0:
        message = "No row of this file can be imported"
        if imported.refused:
            first = imported.refused[0]
            message += f": line {first.line}: {first.reason}"
        raise InputError("nothing_to_import", message + ".", **imported.model_dump())
    return JSONResponse(imported.model_dump())


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
