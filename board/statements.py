"""Statements: imported, added by a facilitator, from a review, or written by a participant."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from board.base import BoardError, CommandBase, EventBase, Frozen, Id, Words
from board.checks import acting_for, check_capacity
from board.feature import Feature
from board.model import Board
from board.policy import FACILITATORS, Access, When
from board.projection import Json, facilitator, statements_json
from board.values import (
    Actor,
    Category,
    NewStatement,
    Person,
    ReviewCode,
    Stage,
    Statement,
    StatementSource,
)

feature = Feature("statements")


class AddStatements(CommandBase):
    type: Literal["add_statements"] = "add_statements"
    statements: tuple[NewStatement, ...] = Field(min_length=1, max_length=2000)
    source: Literal["import", "facilitator"] = "facilitator"


class ReviewStatement(Frozen):
    category: Category
    text: Words
    person: Person = Person.PATIENT
    # 1 and 2 are the person's top two for the question; 3 or more are kept too.
    priority: int = Field(ge=1, le=99)


class AddReview(CommandBase):
    """One person-centred review, entered by a reviewer (say, on a home visit)."""

    type: Literal["add_review"] = "add_review"
    review: ReviewCode
    statements: tuple[ReviewStatement, ...] = Field(min_length=6, max_length=60)


class WriteStatement(CommandBase):
    """A participant's own statement (someone without a review, a carer)."""

    type: Literal["write_statement"] = "write_statement"
    category: Category
    text: Words
    # Set only by a facilitator writing down the words of someone without a phone.
    for_participant: Id | None = None


class StatementsAdded(EventBase):
    type: Literal["statements_added"] = "statements_added"
    statements: tuple[Statement, ...]
    source: StatementSource = "facilitator"
    recorded_by_facilitator: bool = False


class SetCardVisibility(CommandBase):
    type: Literal["set_card_visibility"] = "set_card_visibility"
    hide_new: bool


class CardVisibilitySet(EventBase):
    type: Literal["card_visibility_set"] = "card_visibility_set"
    hide_new: bool


class RevealCards(CommandBase):
    type: Literal["reveal_cards"] = "reveal_cards"


class CardsRevealed(EventBase):
    type: Literal["cards_revealed"] = "cards_revealed"
    statement_ids: tuple[str, ...]


def _key(s: NewStatement) -> tuple[object, ...]:
    return (s.review, s.person, s.category, s.priority, " ".join(s.text.split()).casefold())


def new_only(state: Board, given: tuple[NewStatement, ...]) -> tuple[NewStatement, ...]:
    """The statements not on the board yet (nor earlier in the same batch)."""
    seen = {_key(s) for s in state.statements.values()}
    fresh = []
    for statement in given:
        if _key(statement) not in seen:
            seen.add(_key(statement))
            fresh.append(statement)
    return tuple(fresh)


def _added(state: Board, given: tuple[NewStatement, ...], source: StatementSource) -> EventBase:
    check_capacity(state, "statements", len(given))
    made = tuple(
        Statement(id=state.new_id("s", n), source=source, **new.model_dump())
        for n, new in enumerate(given)
    )
    return StatementsAdded(seq=state.seq + 1, statements=made, source=source)


def check_new_review(state: Board, review: str) -> None:
    if any(s.review == review for s in state.statements.values()):
        raise BoardError("review_exists", f"Review {review} is already on the board.")


def check_review_complete(given: Sequence[ReviewStatement]) -> None:
    """Each question has exactly one first and one second choice."""
    for category in Category:
        top = sorted(s.priority for s in given if s.category == category and s.priority <= 2)
        if top != [1, 2]:
            raise BoardError(
                "review_incomplete",
                f"“{category.value}” needs one first choice and one second choice.",
            )


@feature.decides(AddStatements, FACILITATORS)
def add_statements(
    command: AddStatements, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    # Importing the same file twice must not put its statements up twice.
    fresh = new_only(state, command.statements)
    if not fresh:
        raise BoardError("already_on_board", "All these statements are already on the board.")
    return [_added(state, fresh, command.source)]


@feature.decides(AddReview, FACILITATORS)
def add_review(command: AddReview, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    check_new_review(state, command.review)
    check_review_complete(command.statements)
    given = tuple(
        NewStatement(review=command.review, **entry.model_dump()) for entry in command.statements
    )
    return [_added(state, given, "review")]


# A facilitator writes here only for someone without a phone (`for_participant`);
# their own statements go in with add_statements.
_AT_COLLECT = When(stages=frozenset({Stage.COLLECT}))
_WRITING = Access(facilitator=_AT_COLLECT, participant=_AT_COLLECT, doing="Writing statements")
_UNNAMED = BoardError(
    "choose_person", "Choose the person whose words these are, or add it as a statement."
)


@feature.decides(WriteStatement, _WRITING)
def write_statement(
    command: WriteStatement, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    author, on_behalf = acting_for(state, actor, command.for_participant, _UNNAMED)
    check_capacity(state, "statements")
    statement = Statement(
        id=state.new_id("s"),
        category=command.category,
        text=command.text,
        source="participant",
        hidden=state.hide_new_cards,
        author=author,
    )
    added = StatementsAdded(
        seq=state.seq + 1,
        statements=(statement,),
        source="participant",
        recorded_by_facilitator=on_behalf,
    )
    return [added]


@feature.applies(StatementsAdded)
def statements_added(event: StatementsAdded, state: Board) -> Board:
    added = {s.id: s for s in event.statements}
    return state.model_copy(
        update={
            "statements": {**state.statements, **added},
            "next_id": state.next_id + len(added),
        }
    )


@feature.shows(StatementsAdded)
def show_added(event: StatementsAdded, after: Board, viewer: Actor) -> Json:
    return {"statements": statements_json(event.statements, viewer)}


@feature.personal_to(StatementsAdded)
def writer(event: StatementsAdded, after: Board) -> str | None:
    return event.statements[0].author if event.source == "participant" else None


@feature.decides(SetCardVisibility, FACILITATORS)
def set_card_visibility(
    command: SetCardVisibility, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    return [CardVisibilitySet(seq=state.seq + 1, hide_new=command.hide_new)]


@feature.applies(CardVisibilitySet)
def card_visibility_set(event: CardVisibilitySet, state: Board) -> Board:
    return state.model_copy(update={"hide_new_cards": event.hide_new})


@feature.shows(CardVisibilitySet)
def show_visibility(event: CardVisibilitySet, after: Board, viewer: Actor) -> Json | None:
    return {"hide_new": event.hide_new} if facilitator(viewer) else None


@feature.decides(RevealCards, FACILITATORS)
def reveal_cards(command: RevealCards, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    hidden = tuple(s.id for s in state.statements.values() if s.hidden)
    if not hidden:
        raise BoardError("nothing_hidden", "There are no hidden cards to show.")
    return [CardsRevealed(seq=state.seq + 1, statement_ids=hidden)]


@feature.applies(CardsRevealed)
def cards_revealed(event: CardsRevealed, state: Board) -> Board:
    shown = {
        sid: state.statements[sid].model_copy(update={"hidden": False})
        for sid in event.statement_ids
        if sid in state.statements
    }
    return state.model_copy(update={"statements": {**state.statements, **shown}})


@feature.shows(CardsRevealed)
def show_revealed(event: CardsRevealed, after: Board, viewer: Actor) -> Json:
    revealed = [after.statements[sid] for sid in event.statement_ids]
    return {"statements": statements_json(revealed, viewer)}


@feature.view
def view_statements(state: Board, viewer: Actor) -> Json:
    shown: Json = {"statements": statements_json(state.statements.values(), viewer)}
    if facilitator(viewer):
        shown["hide_new_cards"] = state.hide_new_cards
    return shown
