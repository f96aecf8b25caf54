"""QR codes as segno makes them, with segno's choice of mask made about 9× faster.

Every participant who joins by code gets a QR code of their own rejoin link
(server/rejoin.py), so a room joining at once makes one per phone. segno
tries all 8 mask patterns and scores each (ISO/IEC 18004 7.8.3: runs, 2×2
blocks, finder-like patterns, dark proportion) one module at a time in
Python: about 3.3 of the 4.5 ms a rejoin code's QR took, over half of what
a join cost beyond a bare Socket.IO answer. `best_mask` computes the same
scores on the whole symbol at once: its rows, and its columns, are one byte
string each (a byte a module, a 0x2 ending each line) and one integer, so a
mask is one XOR, runs and 2×2 blocks are shifts, ANDs and `bit_count`, and
finder-like patterns are `bytes.find`. The same mask wins and the symbol is
segno's, bit for bit: tests/server/test_qr.py compares the two, and every
mask's penalty, for many links. Anything else (Micro QR, a mask asked for,
a matrix not as expected) is left to segno's own function.

Importing this module puts `best_mask` in segno's encoder, for every QR code
the server makes, when segno's encoder has the functions it relies on (else
segno's own stays). `CHECKED_WITH` names the segno versions it was checked
against; tests/server/test_backpressure.py fails when the installed one moves
outside them, and says what to check again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

import segno
from segno import encoder as _typed_encoder

encoder: Any = _typed_encoder  # segno's encoder is not typed

# segno's own, for what best_mask leaves to it (and for the tests to compare).
segno_best_mask: Callable[..., tuple[int, tuple[bytearray, ...]]] = getattr(
    encoder, "segno_find_and_apply_best_mask", encoder.find_and_apply_best_mask
)

# Package: (lowest version checked, first version not checked yet).
CHECKED_WITH = {"segno": ("1.6", "1.7")}
WHAT_TO_CHECK = {
    "segno": (
        "segno.encoder still calls find_and_apply_best_mask(matrix, width, height, "
        "proposed_mask) and returns (mask number, masked matrix); make_matrix, "
        "add_finder_patterns, add_alignment_patterns and get_data_mask_functions keep "
        "their signatures and the 0x0/0x1 module values; and tests/server/test_qr.py passes"
    ),
}
_RELIED_ON = (
    "find_and_apply_best_mask",
    "make_matrix",
    "add_finder_patterns",
    "add_alignment_patterns",
    "get_data_mask_functions",
)

_FINDER = b"\x01\x00\x01\x01\x01\x00\x01"  # N3: dark light dark×3 light dark


class _Layout:
    """A symbol's modules as bytes, a byte a module, each line ended by a 0x2 (a
    separator no pattern spans): rows in one string, columns in another, each
    also one integer, so that masking a whole symbol is one XOR."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.line = size + 1
        self.length = size * self.line
        region = encoder.make_matrix(size, size)
        encoder.add_finder_patterns(region, size, size)
        encoder.add_alignment_patterns(region, size, size)
        region[-8][8] = 0x1  # the dark module: not data
        masks = [
            [
                [1 if region[i][j] > 0x1 and pattern(i, j) else 0 for j in range(size)]
                for i in range(size)
            ]
            for pattern in encoder.get_data_mask_functions(False)
        ]
        # A mask leaves the separators as they are.
        self.row_masks = [self.number(mask, b"\x00") for mask in masks]
        self.column_masks = [self.number(list(zip(*mask, strict=True)), b"\x00") for mask in masks]
        # N2 looks at each module with one above and one to its left.
        line = bytes([0] + [1] * (size - 1) + [0])
        self.has_above_left = int.from_bytes(bytes(self.line) + line * (size - 1), "big")
        self.blocks_possible = (size - 1) ** 2
        # N1 looks at each module with four before it in its line.
        self.ones = int.from_bytes(b"\x01" * self.length, "big")
        line = bytes([0] * 4 + [1] * (size - 4) + [0])
        self.has_four_before = int.from_bytes(line * size, "big")

    def number(self, lines: Sequence[Sequence[int]], separator: bytes = b"\x02") -> int:
        return int.from_bytes(b"".join(bytes(line) + separator for line in lines), "big")


@cache
def _layout(size: int) -> _Layout:
    return _Layout(size)


def _finders(lines: bytes, layout: _Layout) -> int:
    """N3 of every line of `lines`, exactly as segno counts it line by line."""
    score = 0
    at = lines.find(_FINDER)
    while at != -1:
        col = at % layout.line
        line_end = at - col + layout.size
        after = at + 7
        if (
            col in (0, layout.size - 7)
            or not any(lines[at - min(col, 4) : at])
            or not any(lines[after : min(after + 4, line_end)])
        ):
            score += 40
        else:
            after = at + 4
        at = lines.find(_FINDER, after)
    return score


def _runs(lines: int, layout: _Layout) -> int:
    """N1 of every line of `lines`: 3 for five alike in a row, 1 more for each one more.

    A run of n ≥ 5 scores n - 2: its n - 4 windows of five alike, plus 2 at
    its end. A byte is 1 where a module differs from the one before it (a
    separator differs from everything), so five alike end where it and the
    three before it are 0.
    """
    ones = layout.ones
    differs = lines ^ (lines >> 8)
    changed = (differs | (differs >> 1)) & ones
    unchanged = ~(changed | (changed >> 8) | (changed >> 16) | (changed >> 24))
    windows = unchanged & layout.has_four_before
    return windows.bit_count() + 2 * (windows & (changed << 8)).bit_count()


def penalty(rows: int, columns: int, layout: _Layout) -> int:
    """ISO/IEC 18004 7.8.3's penalty of a masked symbol, as segno's evaluate_mask."""
    length = layout.length
    row_bytes, column_bytes = rows.to_bytes(length, "big"), columns.to_bytes(length, "big")
    score = _runs(rows, layout) + _runs(columns, layout)  # N1
    score += _finders(row_bytes, layout) + _finders(column_bytes, layout)  # N3
    # N2: 3 for each 2×2 block of one colour.
    up, left = 8 * layout.line, 8
    above = rows >> up
    differs = (rows ^ above) | (rows ^ (rows >> left)) | (above ^ (above >> left))
    score += 3 * (layout.blocks_possible - (differs & layout.has_above_left).bit_count())
    dark = row_bytes.count(1)
    score += 10 * int(abs(float(dark) / (layout.size**2) * 100 - 50) / 5)  # N4
    return score


def best_mask(
    matrix: Sequence[bytearray], width: int, height: int, proposed_mask: int | None = None
) -> tuple[int, tuple[bytearray, ...]]:
    """segno's find_and_apply_best_mask: the lowest-penalty mask and the matrix under it."""
    if proposed_mask is not None or width != height or width < 21:
        return segno_best_mask(matrix, width, height, proposed_mask)
    if any(row.translate(None, b"\x00\x01") for row in matrix):  # not all 0 and 1
        return segno_best_mask(matrix, width, height, proposed_mask)  # pragma: no cover
    layout = _layout(width)
    rows, columns = layout.number(matrix), layout.number(list(zip(*matrix, strict=True)))
    best = (0, 0)
    for number, (row_mask, column_mask) in enumerate(
        zip(layout.row_masks, layout.column_masks, strict=True)
    ):
        score = penalty(rows ^ row_mask, columns ^ column_mask, layout)
        if number == 0 or score < best[0]:
            best = (score, number)
    masked = (rows ^ layout.row_masks[best[1]]).to_bytes(layout.length, "big")
    line = layout.line
    return best[1], tuple(bytearray(masked[i : i + width]) for i in range(0, layout.length, line))


if all(hasattr(encoder, name) for name in _RELIED_ON):
    encoder.segno_find_and_apply_best_mask = segno_best_mask
    encoder.find_and_apply_best_mask = best_mask


def svg_data_uri(link: str, scale: int) -> str:
    """The link's QR code (error correction M, a 2-module border) as an SVG data URI."""
    return str(segno.make(link, error="m").svg_data_uri(scale=scale, border=2))
