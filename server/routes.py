"""The HTTP routes, one table: pages, health, and the API routes of their own modules.

Boards (server/board_routes.py), statement import (server/csv_import_routes.py),
exports (server/export_routes.py) and joining by code (server/join_routes.py);
each raises its refusals, which server/errors.py answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from server.board_routes import (
    create_board,
    delete_board,
    import_board,
    issue_token,
    list_tokens,
    new_person_link,
    revoke_token,
)
from server.csv_import_routes import import_statements
from server.export_routes import csv_route, export_board, report_data
from server.exports import actions_csv, statements_csv, themes_csv
from server.join_routes import find_code, qr_code
from server.route_access import hub_of


def static_dir() -> Path:
    """The pages: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_static", here.parent / "static"):
        if (candidate / "phone.html").is_file():
            return candidate
    return here.parent / "static"


def _page(name: str) -> Any:
    async def page(request: Request) -> Response:
        return FileResponse(static_dir() / name, headers={"Cache-Control": "no-cache"})

    return page


async def health(request: Request) -> Response:
    up = await hub_of(request).store.ping()
    return JSONResponse({"ok": up, "redis": "up" if up else "down"}, status_code=200 if up else 503)


def routes() -> list[Route | Mount]:
    board = "/api/boards/{board_id}"
    return [
        Route("/", _page("index.html")),
        Route("/join", _page("phone.html")),
        Route("/join/{code}", _page("phone.html")),
        Route("/board/{board_id}/facilitate", _page("facilitator.html")),
        Route("/board/{board_id}/wall", _page("wall.html")),
        Route("/board/{board_id}/review", _page("review.html")),
        Route("/board/{board_id}/report", _page("report.html")),
        Route("/api/boards", create_board, methods=["POST"]),
        Route("/api/boards/import", import_board, methods=["POST"]),
        Route(board, delete_board, methods=["DELETE"]),
        Route(f"{board}/statements", import_statements, methods=["POST"]),
        Route(f"{board}/export.json", export_board),
        Route(f"{board}/report.json", report_data),
        Route(f"{board}/statements.csv", csv_route(statements_csv, "statements.csv")),
        Route(f"{board}/themes.csv", csv_route(themes_csv, "themes.csv")),
        Route(f"{board}/actions.csv", csv_route(actions_csv, "actions.csv")),
        Route(f"{board}/tokens", list_tokens, methods=["GET"]),
        Route(f"{board}/tokens", issue_token, methods=["POST"]),
        Route(f"{board}/tokens/{{token_id}}", revoke_token, methods=["DELETE"]),
        Route(f"{board}/people/{{person_id}}/link", new_person_link, methods=["POST"]),
        Route("/api/join/{code}", find_code),
        Route("/api/join/{code}/qr.svg", qr_code),
        Route("/health", health),
        Mount("/static", StaticFiles(directory=static_dir(), check_dir=False), name="static"),
    ]
