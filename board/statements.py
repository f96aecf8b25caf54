"""Statements on the board: imported, added by a facilitator, written by a participant."""

from __future__ import annotations

from board import rules
from board._dispatch import applies, decides
from board.commands import (
    AddReview,
    AddStatements,
    NewStatement,
    RevealCards,
    SetCardVisibility,
    WriteStatement,
)
from board.errors import BoardError
from board.events import CardsRevealed, CardVisibilitySet, Event, StatementsAdded
from board.model import Actor, Board, Role, Stage, Statement, StatementSource


def _key(s: Statement | NewStatement) -> tuple[object, ...]:
    return (s.review, s.person, s.category, s.priority, " ".join(s.text.split()).casefold())


def new_only(state: Board, statements: tuple[NewStatement, ...]) -> tuple[NewStatement, ...]:
    """The statements not on the board yet (nor earlier in the same batch)."""
    seen = {_key(s) for s in state.statements.values()}
    fresh = []
    for statement in statements:
        if _key(statement) not in seen:
            seen.add(_key(statement))
            fresh.append(statement)
    return tuple(fresh)


def _added(state: Board, statements: tuple[NewStatement, ...], source: StatementSource) -> Event:
    rules.check_capacity(state, "statements", len(statements))
    made = tuple(
        Statement(id=state.new_id("s", n), source=source, **new.model_dump())
        for n, new in enumerate(statements)
    )
    return StatementsAdded(seq=state.seq + 1, statements=made, source=source)


@decides.register
def _(command: AddStatements, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    # Importing the same file twice must not put its statements up twice.
    fresh = new_only(state, command.statements)
    if not fresh:
        raise BoardError("already_on_board", "All these statements are already on the board.")
    return [_added(state, fresh, command.source)]


@decides.register
def _(command: AddReview, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    rules.check_new_review(state, command.review)
    rules.check_review_complete(command.statements)
    statements = tuple(
        NewStatement(review=command.review, **entry.model_dump()) for entry in command.statements
    )
    return [_added(state, statements, "review")]


@decides.register
def _(command: WriteStatement, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    if actor.role != Role.PARTICIPANT:
        raise BoardError("not_allowed", "Only participants write their own statements here.")
    author = rules.check_participant(state, actor.participant_id)
    rules.check_stage(state, Stage.COLLECT, "Writing statements")
    rules.check_capacity(state, "statements")
    statement = Statement(
        id=state.new_id("s"),
        category=command.category,
        text=command.text,
        source="participant",
        hidden=state.hide_new_cards,
        author=author,
    )
    return [StatementsAdded(seq=state.seq + 1, statements=(statement,), source="participant")]


@applies.register
def _(event: StatementsAdded, state: Board) -> Board:
    added = {s.id: s for s in event.statements}
    return state.model_copy(
        update={
            "statements": {**state.statements, **added},
            "next_id": state.next_id + len(added),
        }
    )


@decides.register
def _(command: SetCardVisibility, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    return [CardVisibilitySet(seq=state.seq + 1, hide_new=command.hide_new)]


@applies.register
def _(event: CardVisibilitySet, state: Board) -> Board:
    return state.model_copy(update={"hide_new_cards": event.hide_new})


@decides.register
def _(command: RevealCards, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    hidden = tuple(s.id for s in state.statements.values() if s.hidden)
    if not hidden:
        raise BoardError("nothing_hidden", "There are no hidden cards to show.")
    return [CardsRevealed(seq=state.seq + 1, statement_ids=hidden)]


@applies.register
def _(event: CardsRevealed, state: Board) -> Board:
    shown = {
        sid: state.statements[sid].model_copy(update={"hidden": False})
        for sid in event.statement_ids
        if sid in state.statements
    }
    return state.model_copy(update={"statements": {**state.statements, **shown}})
