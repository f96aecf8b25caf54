"""The browser keeps no copy of the stage list: it comes in the join ack."""

from __future__ import annotations

from pathlib import Path

from board.stages import STAGES

STATIC = Path(__file__).resolve().parents[2] / "static" / "js"
SCRIPTS = {p: p.read_text() for p in STATIC.rglob("*.js")}


def test_no_script_spells_out_the_stages() -> None:
    for info in STAGES:
        copies = [p.name for p, text in SCRIPTS.items() if info.summary in text]
        assert not copies, f"{info.stage.value}'s summary is copied in {copies}"


def test_no_script_keeps_its_own_list_of_second_day_stages() -> None:
    copies = [p.name for p, text in SCRIPTS.items() if "DAY_TWO" in text or "VOTING_STAGES" in text]
    assert not copies, copies
