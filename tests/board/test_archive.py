"""A board saved as a document and restored: nothing lost, nothing secret."""

from __future__ import annotations

import pytest

from board import Actor, Board, BoardError, Group, Role, Stage, decide
from board.archive import archive, archive_json
from board.commands import (
    CloseRound,
    CreateBoard,
    CreateTheme,
    MoveStatement,
    OpenRound,
    RestoreBoard,
    RevealRound,
    SetStage,
    Vote,
)
from board.model import Category
from board.projection import by_group, totals
from tests.board.conftest import Step, step

FACILITATOR = Actor(role=Role.FACILITATOR)


def voter(n: int) -> Actor:
    return Actor(role=Role.PARTICIPANT, participant_id=f"p{n}")


@pytest.fixture
def finished(voting: Board, run: Step) -> Board:
    """The conftest's round, voted on by p1–p3 and revealed, with a theme."""
    state = voting
    round_id = next(iter(state.rounds))
    for n in (1, 2, 3):
        if f"p{n}" in state.participants:
            state = run(state, Vote(round_id=round_id, item="s1"), voter(n))
    state = run(state, CloseRound(round_id=round_id), FACILITATOR)
    state = run(state, RevealRound(round_id=round_id), FACILITATOR)
    state = run(state, CreateTheme(category=Category.NOT_WORKING, title="Staff"), FACILITATOR)
    theme = next(iter(state.themes))
    return run(state, MoveStatement(statement_id="s2", theme_id=theme), FACILITATOR)


def fresh() -> Board:
    command = CreateBoard(board_id="b2", title="x", join_code="J2")
    return step(Board(id="b2"), command, FACILITATOR)


def restore(document: object, run: Step) -> Board:
    return run(fresh(), RestoreBoard.model_validate({"archive": document}), FACILITATOR)


def test_an_archive_restores_to_a_board_that_archives_the_same(finished: Board, run: Step) -> None:
    document = archive(finished)
    restored = restore(document, run)
    assert archive(restored) == document
    assert restored.stage == finished.stage
    without_authors = {
        k: v.model_copy(update={"author": None}) for k, v in finished.statements.items()
    }
    assert restored.statements == without_authors


def test_restored_votes_keep_their_counts_by_group(finished: Board, run: Step) -> None:
    restored = restore(archive(finished), run)
    for round_id, found in finished.rounds.items():
        again = restored.rounds[round_id]
        assert totals(again) == totals(found)
        assert by_group(restored, again) == by_group(finished, found)
        assert again.voters == found.voters
        assert again.dots == {}


def test_an_archive_names_nobody(finished: Board) -> None:
    text = archive_json(archive(finished))
    for person in finished.participants.values():
        assert person.id not in text
        if person.name:
            assert person.name not in text
    assert '"author"' not in text


def test_a_board_with_a_vote_open_cannot_be_archived(voting: Board) -> None:
    with pytest.raises(BoardError) as caught:
        archive(voting)
    assert caught.value.code == "vote_open"


def test_an_archive_only_restores_into_a_new_board(finished: Board, run: Step) -> None:
    with pytest.raises(BoardError) as caught:
        decide(finished, RestoreBoard(archive=archive(finished)), FACILITATOR)
    assert caught.value.code == "board_not_empty"


def test_only_a_facilitator_restores(finished: Board) -> None:
    with pytest.raises(BoardError) as caught:
        decide(fresh(), RestoreBoard(archive=archive(finished)), voter(1))
    assert caught.value.code == "not_allowed"


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d["statements"][1].update(theme_id="t999"),
        lambda d: d["rounds"][0].update(items=["s404"]),
        lambda d: d.update(carried=["t404"]),
        lambda d: d.update(next_id=1),
        lambda d: d["statements"][1].update(category="working"),
    ],
)
def test_an_archive_that_does_not_hold_together_is_refused(
    finished: Board, breakage: object
) -> None:
    document = archive(finished).model_dump(mode="json")
    breakage(document)  # type: ignore[operator]
    with pytest.raises(BoardError) as caught:
        decide(fresh(), RestoreBoard.model_validate({"archive": document}), FACILITATOR)
    assert caught.value.code == "bad_archive"


def test_restored_people_are_stand_ins_by_group(finished: Board, run: Step) -> None:
    restored = restore(archive(finished), run)
    groups = sorted(p.group for p in restored.participants.values())
    assert groups == sorted(p.group for p in finished.participants.values())
    assert not set(restored.participants) & set(finished.participants)
    assert all(p.name == "" for p in restored.participants.values())
    assert groups == sorted([Group.PATIENT, Group.CARER, Group.PROFESSIONAL])


def test_the_stage_survives(finished: Board, run: Step) -> None:
    later = run(finished, SetStage(stage=Stage.UNDERSTAND), FACILITATOR)
    assert restore(archive(later), run).stage == Stage.UNDERSTAND


def test_a_new_vote_on_a_restored_board_counts_from_nothing(finished: Board, run: Step) -> None:
    restored = restore(archive(finished), run)
    state = run(restored, OpenRound(items=("s1",)), FACILITATOR)
    assert state.open_round is not None
    assert state.open_round.voters == 0
