"""What a client may ask for: one discriminated union, parsed once at the edge."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, TypeAdapter

from board.model import (
    DOTS_MAX,
    NAME_MAX,
    PURPOSE_MAX,
    REVIEW_MAX,
    ROUND_ITEMS_MAX,
    STATEMENT_MAX,
    TITLE_MAX,
    Category,
    Frozen,
    Group,
    Person,
    Stage,
)

Text = Annotated[str, StringConstraints(strip_whitespace=True)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")]


class _Command(Frozen):
    pass


class CreateBoard(_Command):
    type: Literal["create_board"] = "create_board"
    board_id: Id
    title: Annotated[Text, StringConstraints(min_length=1, max_length=TITLE_MAX)]
    purpose: Annotated[Text, StringConstraints(max_length=PURPOSE_MAX)] = ""
    join_code: Id


class UpdateBoard(_Command):
    type: Literal["update_board"] = "update_board"
    title: Annotated[Text, StringConstraints(min_length=1, max_length=TITLE_MAX)]
    purpose: Annotated[Text, StringConstraints(max_length=PURPOSE_MAX)] = ""


class SetStage(_Command):
    type: Literal["set_stage"] = "set_stage"
    stage: Stage


class NewStatement(Frozen):
    category: Category
    text: Annotated[Text, StringConstraints(min_length=1, max_length=STATEMENT_MAX)]
    review: Annotated[Text, StringConstraints(min_length=1, max_length=REVIEW_MAX)] | None = None
    person: Person | None = None
    priority: int = Field(default=1, ge=1, le=99)


class AddStatements(_Command):
    type: Literal["add_statements"] = "add_statements"
    statements: tuple[NewStatement, ...] = Field(min_length=1, max_length=2000)
    source: Literal["import", "facilitator"] = "facilitator"


class JoinBoard(_Command):
    type: Literal["join_board"] = "join_board"
    participant_id: Id
    name: Annotated[Text, StringConstraints(max_length=NAME_MAX)] = ""
    group: Group


class OpenRound(_Command):
    type: Literal["open_round"] = "open_round"
    title: Annotated[Text, StringConstraints(min_length=1, max_length=TITLE_MAX)] = "Dot vote"
    items: tuple[Id, ...] = Field(min_length=1, max_length=ROUND_ITEMS_MAX)
    dots_per_person: int = Field(default=5, ge=1, le=DOTS_MAX)
    max_per_item: int = Field(default=2, ge=1, le=DOTS_MAX)
    blind: bool = True


class CloseRound(_Command):
    type: Literal["close_round"] = "close_round"
    round_id: Id


class RevealRound(_Command):
    type: Literal["reveal_round"] = "reveal_round"
    round_id: Id


class Vote(_Command):
    type: Literal["vote"] = "vote"
    round_id: Id
    item: Id
    # Set only by a facilitator recording a dot for someone without a phone.
    for_participant: Id | None = None


class Unvote(_Command):
    type: Literal["unvote"] = "unvote"
    round_id: Id
    item: Id
    for_participant: Id | None = None


Command = Annotated[
    CreateBoard
    | UpdateBoard
    | SetStage
    | AddStatements
    | JoinBoard
    | OpenRound
    | CloseRound
    | RevealRound
    | Vote
    | Unvote,
    Field(discriminator="type"),
]

COMMAND = TypeAdapter(Command)

# Commands only the server itself issues (board creation, joining); a client
# sending one through `command` is refused.
INTERNAL = frozenset({"create_board", "join_board"})
