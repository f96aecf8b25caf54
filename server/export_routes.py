"""HTTP routes that hand a board out: the saved file, the report's data and the CSVs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from board import Board, archive_json, archive_of, report
from server.route_access import board_of, check_facilitator


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
    """The whole board as a file to restore from (facilitators only: it holds everything)."""
    await check_facilitator(request)
    state = await board_of(request)
    document = archive_of(state)  # refused while a vote is open
    return _download(archive_json(document), "application/json", state, "board.json")


def csv_route(build: Callable[[Board], str], name: str) -> Callable[[Request], Awaitable[Response]]:
    async def route(request: Request) -> Response:
        await check_facilitator(request, readers=True)
        state = await board_of(request)
        # A byte-order mark, so Excel reads the file as UTF-8.
        return _download("\ufeff" + build(state), "text/csv; charset=utf-8", state, name)

    return route


async def report_data(request: Request) -> Response:
    await check_facilitator(request, readers=True)
    state = await board_of(request)
    return JSONResponse(report(state), headers={"Cache-Control": "no-store"})
