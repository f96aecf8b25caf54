"""A board saved as a document and restored: nothing lost, nothing secret."""

from __future__ import annotations

import pytest

from board import Actor, Board, BoardError, Group, Role, Stage, decide
from board.archive import RestoreBoard, archive_json, archive_of
from board.feedback import GiveFeedback, feedback_summary
from board.invest import PlaceIdea, RateIdea, group_view
from board.plan import UpdateAction
from board.room import CreateBoard, SetStage
from board.tally import by_group, totals
from board.theming import CreateTheme, MoveStatement
from board.values import ActionStatus, Category, FeedbackAnswer
from board.voting import CloseRound, OpenRound, RevealRound, Vote
from tests.board.conftest import Step, step, the

FACILITATOR = Actor(role=Role.FACILITATOR)


def voter(n: int) -> Actor:
    return Actor(role=Role.PARTICIPANT, participant_id=f"p{n}")


@pytest.fixture
def finished(voting: Board, run: Step) -> Board:
    """The conftest's round, voted on by p1–p3 and revealed, with a theme."""
    card1 = the(voting, "Statement 1")
    card2 = the(voting, "Statement 2")
    state = voting
    round_id = next(iter(state.rounds))
    for n in (1, 2, 3):
        if f"p{n}" in state.participants:
            state = run(state, Vote(round_id=round_id, item=card1), voter(n))
    state = run(state, CloseRound(round_id=round_id), FACILITATOR)
    state = run(state, RevealRound(round_id=round_id), FACILITATOR)
    state = run(state, CreateTheme(category=Category.NOT_WORKING, title="Staff"), FACILITATOR)
    theme = next(iter(state.themes))
    return run(state, MoveStatement(statement_id=card2, theme_id=theme), FACILITATOR)


def fresh() -> Board:
    command = CreateBoard(board_id="b2", title="x", join_code="J2")
    return step(Board(id="b2"), command, FACILITATOR)


def restore(document: object, run: Step) -> Board:
    return run(fresh(), RestoreBoard.model_validate({"archive": document}), FACILITATOR)


def test_an_archive_restores_to_a_board_that_archives_the_same(finished: Board, run: Step) -> None:
    document = archive_of(finished)
    restored = restore(document, run)
    assert archive_of(restored) == document
    assert restored.stage == finished.stage
    without_authors = {
        k: v.model_copy(update={"author": None}) for k, v in finished.statements.items()
    }
    assert restored.statements == without_authors


def test_restored_votes_keep_their_counts_by_group(finished: Board, run: Step) -> None:
    restored = restore(archive_of(finished), run)
    for round_id, found in finished.rounds.items():
        again = restored.rounds[round_id]
        assert totals(again) == totals(found)
        assert by_group(restored, again) == by_group(finished, found)
        assert again.voters == found.voters
        assert again.dots == {}


@pytest.fixture
def closed_unrevealed(voting: Board, run: Step) -> Board:
    """p1–p3 voted, one group each; the round closed and never revealed."""
    card1 = the(voting, "Statement 1")
    card2 = the(voting, "Statement 2")
    state = voting
    round_id = next(iter(state.rounds))
    for n, item in ((1, card1), (2, card2), (3, card2)):
        state = run(state, Vote(round_id=round_id, item=item), voter(n))
    return run(state, CloseRound(round_id=round_id), FACILITATOR)


def test_a_vote_never_revealed_is_saved_with_no_count_per_item(closed_unrevealed: Board) -> None:
    document = archive_of(closed_unrevealed)
    (saved,) = document.rounds
    assert saved.status == "closed"
    assert saved.results.model_dump() == {
        "voters": 3, "dots_cast": 3, "totals": None, "by_group": None,
    }  # fmt: skip
    text = archive_json(document)
    assert '"voters_by_group"' not in text and '"dots":' not in text


def test_a_vote_never_revealed_cannot_be_revealed_after_a_restore(
    closed_unrevealed: Board, run: Step
) -> None:
    restored = restore(archive_of(closed_unrevealed), run)
    found = next(iter(restored.rounds.values()))
    assert (found.voters, found.dots_cast) == (3, 3)
    with pytest.raises(BoardError) as caught:
        decide(restored, RevealRound(round_id=found.id), FACILITATOR)
    assert caught.value.code == "results_not_kept"


def test_a_revealed_vote_is_saved_pooled_as_it_was_shown(finished: Board) -> None:
    card1 = the(finished, "Statement 1")
    card2 = the(finished, "Statement 2")
    card3 = the(finished, "Statement 3")
    (saved,) = archive_of(finished).rounds
    found = next(iter(finished.rounds.values()))
    # One patient, one carer, one professional: each group alone is too small.
    assert saved.results.by_group == by_group(finished, found) == {
        card1: {"other groups": 3}, card2: {}, card3: {},
    }  # fmt: skip
    assert saved.results.totals == totals(found)


def test_a_file_saved_in_the_first_format_restores_with_only_what_may_be_shown(
    finished: Board, closed_unrevealed: Board, run: Step
) -> None:
    card1 = the(finished, "Statement 1")
    card2 = the(finished, "Statement 2")
    card3 = the(finished, "Statement 3")
    raw = {
        "voters_by_group": {"patient": 1, "carer": 1, "professional": 1},
        "dots": {card1: {"patient": 1, "carer": 1, "professional": 1}, card2: {}, card3: {}},
    }
    for board, status in ((finished, "revealed"), (closed_unrevealed, "closed")):
        document = archive_of(board).model_dump(mode="json")
        document["version"] = 1
        (saved,) = document["rounds"]
        del saved["results"]
        saved.update(count=raw, status=status)
        restored = restore(document, run)
        found = next(iter(restored.rounds.values()))
        again = archive_of(restored).rounds[0].results
        if status == "revealed":
            assert by_group(restored, found)[card1] == {"other groups": 3}
            assert again.totals == {card1: 3, card2: 0, card3: 0}
        else:
            assert (again.totals, again.by_group) == (None, None)
        assert found.voters == 3


def test_an_archive_names_nobody(finished: Board) -> None:
    text = archive_json(archive_of(finished))
    for person in finished.participants.values():
        assert person.id not in text
        if person.name:
            assert person.name not in text
    assert '"author"' not in text


def test_a_board_with_a_vote_open_cannot_be_archived(voting: Board) -> None:
    with pytest.raises(BoardError) as caught:
        archive_of(voting)
    assert caught.value.code == "vote_open"


def test_an_archive_only_restores_into_a_new_board(finished: Board, run: Step) -> None:
    with pytest.raises(BoardError) as caught:
        decide(finished, RestoreBoard(archive=archive_of(finished)), FACILITATOR)
    assert caught.value.code == "board_not_empty"


def test_only_a_facilitator_restores(finished: Board) -> None:
    with pytest.raises(BoardError) as caught:
        decide(fresh(), RestoreBoard(archive=archive_of(finished)), voter(1))
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
    document = archive_of(finished).model_dump(mode="json")
    breakage(document)  # type: ignore[operator]
    with pytest.raises(BoardError) as caught:
        decide(fresh(), RestoreBoard.model_validate({"archive": document}), FACILITATOR)
    assert caught.value.code == "bad_archive"


def test_restored_people_are_stand_ins_by_group(finished: Board, run: Step) -> None:
    restored = restore(archive_of(finished), run)
    groups = sorted(p.group for p in restored.participants.values())
    assert groups == sorted(p.group for p in finished.participants.values())
    assert not set(restored.participants) & set(finished.participants)
    assert all(p.name == "" for p in restored.participants.values())
    assert groups == sorted([Group.PATIENT, Group.CARER, Group.PROFESSIONAL])


def test_the_stage_survives(finished: Board, run: Step) -> None:
    later = run(finished, SetStage(stage=Stage.UNDERSTAND), FACILITATOR)
    assert restore(archive_of(later), run).stage == Stage.UNDERSTAND


def test_a_new_vote_on_a_restored_board_counts_from_nothing(finished: Board, run: Step) -> None:
    card1 = the(finished, "Statement 1")
    restored = restore(archive_of(finished), run)
    state = run(restored, OpenRound(items=(card1,)), FACILITATOR)
    assert state.open_round is not None
    assert state.open_round.voters == 0


# The second day goes into the archive too, with nobody's name on a rating or answer.


@pytest.fixture
def day_two(planned: Board, run: Step) -> Board:
    """The planned board with ratings (three on "Online booking", one on "More phone
    lines"), a placement, an action update and feedback."""
    online = the(planned, "Online booking")
    phones = the(planned, "More phone lines")
    action = the(planned, "Set up online booking")
    state = run(planned, RateIdea(idea_id=online, cost=2, benefit=5), voter(1))
    state = run(state, RateIdea(idea_id=online, cost=3, benefit=4), voter(3))
    state = run(state, RateIdea(idea_id=online, cost=2, benefit=4), voter(2))
    state = run(state, RateIdea(idea_id=phones, cost=5, benefit=1), voter(2))
    state = run(state, PlaceIdea(idea_id=phones, cost=4.5, benefit=2), FACILITATOR)
    state = run(state, UpdateAction(action_id=action, status=ActionStatus.DONE), FACILITATOR)
    state = run(state, SetStage(stage=Stage.REFLECT), FACILITATOR)
    answers = (FeedbackAnswer(question="easy", rating=4, text="Good day"),)
    return run(state, GiveFeedback(answers=answers), voter(2))


def test_a_day_two_board_round_trips(day_two: Board, run: Step) -> None:
    document = archive_of(day_two)
    assert archive_of(restore(document, run)) == document


def test_day_two_survives_a_restore(day_two: Board, run: Step) -> None:
    online = the(day_two, "Online booking")
    restored = restore(archive_of(day_two), run)
    unsigned = {
        field: {
            k: v.model_copy(update={"author": None}) for k, v in getattr(day_two, field).items()
        }
        for field in ("causes", "successes", "ideas")
    }
    assert (restored.causes, restored.successes, restored.ideas) == (
        unsigned["causes"],
        unsigned["successes"],
        unsigned["ideas"],
    )
    assert (restored.placements, restored.actions) == (day_two.placements, day_two.actions)
    assert group_view(restored, online) == group_view(day_two, online)
    assert feedback_summary(restored) == feedback_summary(day_two)


def test_an_idea_rated_by_fewer_than_3_people_is_saved_without_their_ratings(
    day_two: Board, run: Step
) -> None:
    online = the(day_two, "Online booking")
    phones = the(day_two, "More phone lines")
    document = archive_of(day_two)
    assert set(document.ratings) == {online}
    assert sorted((r.cost, r.benefit) for r in document.ratings[online]) == [
        (2, 4), (2, 5), (3, 4),
    ]  # fmt: skip
    # The one person's rating of "More phone lines" is in no part of the file...
    assert '"cost":5.0,"benefit":1.0' not in archive_json(document).replace(" ", "")
    # ...and the facilitator's placement of it is.
    assert document.placements[phones] == day_two.placements[phones]
    restored = restore(document, run)
    assert phones not in restored.ratings
    assert restored.placements[phones] == day_two.placements[phones]


def test_restored_ratings_and_feedback_belong_to_stand_ins(day_two: Board, run: Step) -> None:
    online = the(day_two, "Online booking")
    restored = restore(archive_of(day_two), run)
    owners = set(restored.ratings[online]) | set(restored.feedback)
    assert owners <= set(restored.participants)
    assert not owners & set(day_two.participants)


def test_a_day_two_archive_names_nobody(day_two: Board) -> None:
    text = archive_json(archive_of(day_two))
    assert '"author"' not in text and '"participant_id"' not in text
    for person in day_two.participants.values():
        assert f'"{person.id}"' not in text


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d["causes"][0].update(theme_id="t404"),
        lambda d: d["causes"][1].update(parent_id="c404"),
        lambda d: d["successes"][0].update(cause_id="c404"),
        lambda d: d["ideas"][0].update(serves=["su404"]),
        lambda d: d["actions"][0].update(idea_id="i404"),
        lambda d: d["placements"].update(i404={"cost": 1, "benefit": 1}),
        lambda d: d["ratings"].update({d["ideas"][0]["id"]: [{"cost": 1, "benefit": 1}] * 4}),
        lambda d: d.update(feedback=[[{"question": "easy"}]] * 4),
        lambda d: d["causes"][0].update(id=d["successes"][0]["id"]),
    ],
)
def test_a_day_two_archive_that_does_not_hold_together_is_refused(
    day_two: Board, breakage: object
) -> None:
    document = archive_of(day_two).model_dump(mode="json")
    breakage(document)  # type: ignore[operator]
    with pytest.raises(BoardError) as caught:
        decide(fresh(), RestoreBoard.model_validate({"archive": document}), FACILITATOR)
    assert caught.value.code == "bad_archive"
