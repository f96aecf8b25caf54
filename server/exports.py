"""The board's data out as CSV files that open safely in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from board import Board, report

# A cell a spreadsheet would read as a formula is made plain text. These are
# the characters OWASP lists for CSV injection.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return out.getvalue()


def statements_csv(state: Board) -> str:
    """Every statement the room can see, with its theme and the dots on it and its theme."""
    data = report(state)
    theme_dots = {t["id"]: t["votes"]["total"] for t in data["themes"]}
    taken = {s["id"] for s in data["not_taken_forward"]}
    statement_dots: dict[str, int] = {}
    for found in data["rounds"]:
        for item in found["items"]:
            statement_dots[item["id"]] = statement_dots.get(item["id"], 0) + item["total"]
    header = ["review", "person", "category", "priority", "statement", "theme", "i statement",
              "taken forward", "dots on theme", "dots on statement"]  # fmt: skip
    rows = []
    for statement in state.statements.values():
        if statement.hidden:
            continue
        theme = state.themes.get(statement.theme_id or "")
        rows.append([
            statement.review, statement.person.value if statement.person else "",
            statement.category.value, statement.priority, statement.text,
            theme.title if theme else "", theme.i_statement if theme else "",
            "no" if statement.id in taken else "yes",
            theme_dots.get(theme.id, 0) if theme else "",
            statement_dots.get(statement.id, ""),
        ])  # fmt: skip
    return _csv(header, rows)


def themes_csv(state: Board) -> str:
    """Each theme with its I statement, how many statements, and its dots by group."""
    themes = report(state)["themes"]
    groups = sorted({g for t in themes for g in t["votes"]["by_group"]})
    header = ["category", "theme", "i statement", "statements", "taken forward", "dots",
              *(f"dots from {g}" for g in groups)]  # fmt: skip
    rows = [
        [
            t["category"],
            t["title"],
            t["i_statement"],
            len(t["statements"]),
            "yes" if t["carried"] else "no",
            t["votes"]["total"],
            *(t["votes"]["by_group"].get(g, 0) for g in groups),
        ]
        for t in themes
    ]
    return _csv(header, rows)


def actions_csv(state: Board) -> str:
    """The action plan, quick wins first: who does what, by when, for which idea."""
    header = ["action", "owner", "due", "status", "quadrant", "idea", "theme"]
    rows = []
    for action in report(state)["actions"]:
        themes = ", ".join(t["title"] for t in action["trail"]["themes"])
        idea, quadrant = action["idea"] or "", action["quadrant"] or ""
        row = [action["text"], action["owner"], action["due"], action["status"], quadrant, idea]
        rows.append([*row, themes])
    return _csv(header, rows)
