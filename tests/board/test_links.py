"""What links to what on the second day: linking an idea afterwards, what a removal is refused
for (named), success statements only for chosen causes, and an idea taken off the shortlist."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from board import Board, BoardError, Command, decide, preview_undo
from board.edits import DeleteItem
from board.ideas import AddIdea, IdeaLinked, LinkIdea, ShortlistIdeas
from board.invest import PlaceIdea, RateIdea, ShowGridView, quadrant_of
from board.report import report
from board.success import AddSuccess
from board.undo import Undo
from board.values import IdeaKind, Perspective, Quadrant
from board.voting import OpenRound
from tests.board.conftest import FACILITATOR, P1, P2, P3, Step, step_events, the

NAMES = {
    "c8": "Too few receptionists",
    "c9": "The funding was cut",
    "c10": "Staff change often",
    "su11": "I get through first time",
    "i12": "Online booking",
    "i13": "More phone lines",
    "a14": "Set up online booking",
}


def names(state: Board) -> dict[str, str]:
    """The planned board's ids by the short names these tests use."""
    return {short: the(state, words) for short, words in NAMES.items()}


def refusal(state: Board, command: Command) -> tuple[str, str]:
    with pytest.raises(BoardError) as caught:
        decide(state, command, FACILITATOR)
    return caught.value.code, caught.value.message


# planned: cause c9 "The funding was cut" (chosen) under c8 "Too few receptionists";
# success su11 "I get through first time" under c9; ideas i12 "Online booking" (serves su11)
# and i13 "More phone lines" (serves nothing), both shortlisted; action a14 on i12.


def test_an_idea_from_a_phone_can_be_linked_afterwards(planned: Board, run: Step) -> None:
    n = names(planned)
    state, events = step_events(
        planned, LinkIdea(idea_id=n["i13"], serves=(n["su11"],)), FACILITATOR
    )
    assert events == [
        IdeaLinked(seq=planned.seq + 1, idea_id=n["i13"], serves=(n["su11"],), previous=())
    ]
    assert state.ideas[n["i13"]].serves == (n["su11"],)
    again = run(state, LinkIdea(idea_id=n["i13"], serves=()), FACILITATOR)
    assert again.ideas[n["i13"]].serves == ()


def test_linking_an_idea_is_undone_with_words(planned: Board, run: Step) -> None:
    n = names(planned)
    state, [linked] = step_events(planned, LinkIdea(idea_id=n["i12"], serves=()), FACILITATOR)
    undo = Undo(seq=linked.seq, target=linked)
    assert preview_undo(state, undo, FACILITATOR) == (
        "Link “Online booking” to the success statement it had before."
    )
    assert run(state, undo, FACILITATOR).ideas[n["i12"]].serves == (n["su11"],)


@pytest.mark.parametrize(
    ("command", "code"),
    [
        (lambda n: LinkIdea(idea_id=n["i12"], serves=(n["su11"],)), "nothing_to_change"),
        (lambda n: LinkIdea(idea_id=n["i12"], serves=("su99",)), "unknown_success"),
        (lambda n: LinkIdea(idea_id="i99", serves=()), "unknown_idea"),
    ],
)
def test_a_link_that_changes_nothing_or_names_nothing_is_refused(
    planned: Board, command: Callable[[dict[str, str]], Command], code: str
) -> None:
    assert refusal(planned, command(names(planned)))[0] == code


def test_only_a_facilitator_links_ideas(planned: Board) -> None:
    n = names(planned)
    with pytest.raises(BoardError) as caught:
        decide(planned, LinkIdea(idea_id=n["i13"], serves=(n["su11"],)), P1)
    assert caught.value.code == "not_allowed"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (
            "c8",
            "The root cause “The funding was cut” answers “why?” to it. Change or remove "
            "that first.",
        ),
        (
            "c9",
            "The success statement “I get through first time” is under it. Change or remove "
            "that first.",
        ),
        (
            "su11",
            "The idea “Online booking” would bring it about. Change or remove that first.",
        ),
        ("i12", "The action “Set up online booking” carries it out. Change or remove that first."),
    ],
)
def test_a_removal_refused_names_what_links_to_it(planned: Board, item: str, message: str) -> None:
    assert refusal(planned, DeleteItem(item_id=names(planned)[item])) == ("in_use", message)


def test_a_cause_in_a_vote_is_refused_naming_the_vote(planned: Board, run: Step) -> None:
    n = names(planned)
    state = run(
        planned, OpenRound(title="Which causes matter most?", items=(n["c10"],)), FACILITATOR
    )
    assert refusal(state, DeleteItem(item_id=n["c10"])) == (
        "in_use",
        "This is in the vote “Which causes matter most?”, so it stays: the vote’s results need "
        "it. Reword it instead.",
    )


def test_several_links_are_counted(planned: Board, run: Step) -> None:
    n = names(planned)
    state = run(planned, LinkIdea(idea_id=n["i13"], serves=(n["su11"],)), FACILITATOR)
    _, message = refusal(state, DeleteItem(item_id=n["su11"]))
    assert message == (
        "The idea “Online booking” would bring it about (and 1 more). Change or remove that first."
    )


def test_success_statements_are_for_chosen_causes_only(planned: Board) -> None:
    n = names(planned)
    command = AddSuccess(cause_id=n["c8"], perspective=Perspective.PERSON, text="It works")
    assert refusal(planned, command) == (
        "not_chosen",
        "“Too few receptionists” is not a chosen root cause. Choose it first.",
    )


def test_an_idea_off_the_shortlist_is_off_the_grid_and_back_when_shortlisted(
    planned: Board, run: Step
) -> None:
    n = names(planned)
    state = planned
    for person in (P1, P2, P3):
        state = run(state, RateIdea(idea_id=n["i13"], cost=1, benefit=5), person)
    state = run(state, ShowGridView(), FACILITATOR)
    state = run(state, PlaceIdea(idea_id=n["i12"], cost=1, benefit=5), FACILITATOR)
    assert (quadrant_of(state, n["i12"]), quadrant_of(state, n["i13"])) == (Quadrant.QUICK_WIN,) * 2
    off = run(state, ShortlistIdeas(idea_ids=()), FACILITATOR)
    assert (quadrant_of(off, n["i12"]), quadrant_of(off, n["i13"])) == (None, None)
    ideas = {i["id"]: i for i in report(off)["ideas"]}
    assert [(ideas[i]["room"], ideas[i]["placement"], ideas[i]["quadrant"]) for i in ideas] == [
        (None, None, None)
    ] * 2
    assert [a["quadrant"] for a in report(off)["actions"]] == [None]
    # Kept, not lost: shortlisted again, the ratings and the final place are back.
    back = run(off, ShortlistIdeas(idea_ids=(n["i12"], n["i13"])), FACILITATOR)
    assert (quadrant_of(back, n["i12"]), quadrant_of(back, n["i13"])) == (Quadrant.QUICK_WIN,) * 2


def test_a_new_idea_links_only_to_success_statements_on_the_board(planned: Board) -> None:
    command = AddIdea(kind=IdeaKind.DIFFERENT, text="A lunch club", serves=("su99",))
    assert refusal(planned, command)[0] == "unknown_success"
