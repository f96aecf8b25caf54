"""Review statements from a CSV file (see data/README.md): good rows in, bad rows explained.

Pure: it takes the file's text and returns values. One bad row never stops an
import; it is refused with its line number and a reason a patient could read.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from board.base import STATEMENT_MAX, BoardError, Frozen
from board.values import REVIEW_MAX, Category, NewStatement, Person

COLUMNS: tuple[str, ...] = ("review", "person", "category", "priority", "statement")

# NewStatement caps priority here; anything above is refused with a reason.
PRIORITY_MAX = 99

_CATEGORIES: dict[str, Category] = {
    "working": Category.WORKING,
    "what's working": Category.WORKING,
    "not working": Category.NOT_WORKING,
    "what's not working": Category.NOT_WORKING,
    "not-working": Category.NOT_WORKING,
    "future": Category.FUTURE,
    "important for the future": Category.FUTURE,
    "what's important for the future": Category.FUTURE,
}

_PEOPLE: dict[str, Person] = {person.value: person for person in Person}

_WHOLE_NUMBER = re.compile(r"[0-9]{1,6}", re.ASCII)  # short: int() of a huge string is slow


class RefusedRow(Frozen):
    """A row that was not imported: where it starts in the file, and why."""

    line: int
    reason: str


class ParsedImport(Frozen):
    statements: tuple[NewStatement, ...]
    refused: tuple[RefusedRow, ...]

    @property
    def by_category(self) -> dict[Category, int]:
        """How many statements there are in each category, all three always present."""
        counts = dict.fromkeys(Category, 0)
        for statement in self.statements:
            counts[statement.category] += 1
        return counts


def parse_statements(text: str) -> ParsedImport:
    """Statements from CSV text; raises BoardError if the file itself is unusable."""
    rows = _rows(text.removeprefix("\ufeff"))
    header = next(rows, None)
    if header is None:
        raise BoardError("empty_csv", "The file is empty. It needs a header and one or more rows.")
    _check_header(header[1])

    statements: list[NewStatement] = []
    refused: list[RefusedRow] = []
    for start, cells, end in rows:
        read = _read_row(cells)
        if isinstance(read, NewStatement):
            statements.append(read)
            continue
        reasons, shape_wrong = read
        if shape_wrong and end > start:
            # An unclosed quote swallows the lines after it; say where to look.
            reasons.append(f"The row runs from line {start} to {end}. Is a closing quote missing?")
        refused.append(RefusedRow(line=start, reason=" ".join(reasons)))

    if not statements and not refused:
        raise BoardError("empty_csv", "The file has a header but no statements.")
    return ParsedImport(statements=tuple(statements), refused=tuple(refused))


def _rows(text: str) -> Iterator[tuple[int, list[str], int]]:
    """Non-blank rows as (first line, cells, last line), without Excel's extra empty cells."""
    reader = csv.reader(io.StringIO(text, newline=""))
    last = 0
    while True:
        start = last + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise BoardError(
                "bad_csv", f"The file could not be read from line {start}. A quote may be missing."
            ) from error
        last = reader.line_num
        # Excel pads rows with empty columns and writes blank rows as ",,,,".
        while len(cells) > len(COLUMNS) and not cells[-1].strip():
            cells.pop()
        if any(cell.strip() for cell in cells):
            yield start, cells, last


def _check_header(cells: list[str]) -> None:
    if tuple(cell.strip().lower() for cell in cells) != COLUMNS:
        raise BoardError(
            "bad_header",
            f"The first line must name these columns, in this order: {','.join(COLUMNS)}",
        )


def _read_row(cells: list[str]) -> NewStatement | tuple[list[str], bool]:
    """The statement in a row, or its problems and whether the row's shape is wrong."""
    if len(cells) != len(COLUMNS):
        reason = f"This row has {len(cells)} columns but needs {len(COLUMNS)}."
        if len(cells) > len(COLUMNS):
            reason += " Put a statement that has a comma in double quotes."
        return [reason], True
    review, person, category, priority, text = (cell.strip() for cell in cells)
    # A line break inside a quoted statement is written as the file's own line ending.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems: list[str] = []
    if not review:
        problems.append("The review code is missing.")
    elif len(review) > REVIEW_MAX:
        problems.append(f"The review code is longer than {REVIEW_MAX} characters.")
    who = _PEOPLE.get(person.lower())
    if who is None:
        problems.append(f'The person "{person}" is not one of: patient, carer.')
    found = _category(category)
    if found is None:
        problems.append(f'The category "{category}" is not one of: working, not working, future.')
    rank = int(priority) if _WHOLE_NUMBER.fullmatch(priority) else 0
    if not 1 <= rank <= PRIORITY_MAX:
        problems.append(
            f'The priority "{priority}" is not a whole number from 1 to {PRIORITY_MAX}.'
        )
    too_long = len(text) > STATEMENT_MAX
    if not text:
        problems.append("The statement is empty.")
    elif too_long:
        problems.append(f"The statement is longer than {STATEMENT_MAX} characters.")
    if problems or who is None or found is None:
        return problems, too_long
    return NewStatement(category=found, text=text, review=review, person=who, priority=rank)


def _category(cell: str) -> Category | None:
    # Word and Excel turn ' into ’; people type extra spaces.
    key = " ".join(cell.replace("\u2019", "'").lower().split())
    return _CATEGORIES.get(key)
