"""server/qr.py's mask choice is segno's: the same mask and the same symbol, bit for bit.

Each link is encoded twice, once with segno's own find_and_apply_best_mask and
once with server.qr.best_mask; every mask's penalty is compared too, so a
scoring slip that happens not to change the winner still fails.
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

import pytest
import segno
from segno import encoder as _encoder

from server import qr
from server.rejoin import shown

encoder: Any = _encoder


@contextmanager
def segnos_own() -> Iterator[None]:
    encoder.find_and_apply_best_mask = qr.segno_best_mask
    try:
        yield
    finally:
        encoder.find_and_apply_best_mask = qr.best_mask


def links() -> list[str]:
    rng = random.Random(13)
    alphabet = string.ascii_letters + string.digits + "/:#=.-_?&"
    made = [
        shown(f"http://192.168.1.{n}:{8000 + n}", "ABCD2345", f"XY{n:04d}").link for n in range(60)
    ]
    made += [shown("https://changeboard.example.org", "K7M2QP", "Q3W8ZT").link]
    for length in (5, 20, 40, 60, 90, 130, 200, 300, 500):
        made += ["".join(rng.choice(alphabet) for _ in range(length)) for _ in range(4)]
    return made


def unmasked(link: str, error: str) -> tuple[int, list[bytearray]]:
    """The symbol segno builds before it chooses a mask."""
    seen: list[list[bytearray]] = []

    def keep(matrix: Any, width: int, height: int, proposed: int | None = None) -> Any:
        seen.append([bytearray(row) for row in matrix])
        return qr.segno_best_mask(matrix, width, height, proposed)

    encoder.find_and_apply_best_mask = keep
    try:
        segno.make(link, error=error, micro=False)
    finally:
        encoder.find_and_apply_best_mask = qr.best_mask
    return len(seen[0]), seen[0]


def test_the_server_makes_its_qr_codes_with_best_mask() -> None:
    assert encoder.find_and_apply_best_mask is qr.best_mask
    assert qr.segno_best_mask is not qr.best_mask


@pytest.mark.parametrize("error", ["l", "m", "q", "h"])
def test_every_link_gets_segnos_own_symbol(error: str) -> None:
    for link in links():
        with segnos_own():
            expected = segno.make(link, error=error)
        made = segno.make(link, error=error)
        assert (made.version, made.mask) == (expected.version, expected.mask), link
        assert made.matrix == expected.matrix, link


def test_every_masks_penalty_is_segnos() -> None:
    patterns = encoder.get_data_mask_functions(False)
    for link in links()[::7]:
        size, matrix = unmasked(link, "m")
        region = encoder.make_matrix(size, size)
        encoder.add_finder_patterns(region, size, size)
        encoder.add_alignment_patterns(region, size, size)
        region[-8][8] = 0x1
        data = partial(lambda region, i, j: region[i][j] > 0x1, region)
        layout = qr._layout(size)
        rows = layout.number(matrix)
        columns = layout.number(list(zip(*matrix, strict=True)))
        for number, pattern in enumerate(patterns):
            masked = [bytearray(row) for row in matrix]
            encoder.apply_mask(masked, pattern, size, size, data)
            expected = encoder.evaluate_mask(masked, size, size)
            got = qr.penalty(
                rows ^ layout.row_masks[number], columns ^ layout.column_masks[number], layout
            )
            assert got == expected, (link, number)


def test_a_rejoin_codes_qr_is_the_svg_segno_makes() -> None:
    link = shown("http://127.0.0.1:8000", "ABCD2345", "XYZ234").link
    with segnos_own():
        expected = segno.make(link, error="m").svg_data_uri(scale=6, border=2)
    assert qr.svg_data_uri(link, scale=6) == expected
    assert expected.startswith("data:image/svg+xml")


def test_micro_codes_and_a_chosen_mask_are_left_to_segno() -> None:
    for kind in ({"micro": True}, {"mask": 3}):
        with segnos_own():
            expected = segno.make("ABC123", error="l", **kind)
        made = segno.make("ABC123", error="l", **kind)
        assert (made.matrix, made.mask) == (expected.matrix, expected.mask)
