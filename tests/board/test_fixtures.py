"""The board fixtures give out ids from more than one start, so no test can lean on `"t6"`."""

from __future__ import annotations

from board import Board
from tests.board.conftest import FIRST_IDS, the


def test_the_fixtures_run_from_the_first_id_and_from_one_far_from_it() -> None:
    assert FIRST_IDS[0] == 1
    assert len(set(FIRST_IDS)) == len(FIRST_IDS) > 1


def test_a_fixture_board_gives_out_ids_from_where_it_was_told(
    created: Board, planned: Board
) -> None:
    first = created.next_id
    assert first in FIRST_IDS
    assert the(planned, "Statement 1") == f"s{first}"
    # Everything after it counts on from there: nothing a fixture made sits below the start.
    made = [*planned.statements, *planned.themes, *planned.causes, *planned.ideas]
    assert all(int(item.lstrip("stci")) >= first for item in made)
