"""What a client may ask for: one discriminated union, parsed once at the edge."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StringConstraints, TypeAdapter

from board.model import (
    DOTS_MAX,
    NAME_MAX,
    PURPOSE_MAX,
    REVIEW_MAX,
    ROUND_ITEMS_MAX,
    STATEMENT_MAX,
    THEME_TITLE_MAX,
    TIMER_MAX_SECONDS,
    TITLE_MAX,
    BoardArchive,
    Category,
    Frozen,
    Group,
    Person,
    Stage,
    ThemingMode,
)
from board.outcome_commands import OutcomeCommand
from board.values import clean_text

Text = Annotated[str, BeforeValidator(clean_text), StringConstraints(strip_whitespace=True)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")]
Title = Annotated[Text, StringConstraints(min_length=1, max_length=TITLE_MAX)]
StatementText = Annotated[Text, StringConstraints(min_length=1, max_length=STATEMENT_MAX)]
ThemeTitle = Annotated[Text, StringConstraints(min_length=1, max_length=THEME_TITLE_MAX)]
IStatement = Annotated[Text, StringConstraints(max_length=STATEMENT_MAX)]


class _Command(Frozen):
    pass


# The board and the room


class CreateBoard(_Command):
    type: Literal["create_board"] = "create_board"
    board_id: Id
    title: Title
    purpose: Annotated[Text, StringConstraints(max_length=PURPOSE_MAX)] = ""
    join_code: Id
    # Set by the server: the board and everything in it is deleted after this.
    retain_until_ms: int = Field(default=0, ge=0)


class UpdateBoard(_Command):
    type: Literal["update_board"] = "update_board"
    title: Title
    purpose: Annotated[Text, StringConstraints(max_length=PURPOSE_MAX)] = ""


class SetStage(_Command):
    type: Literal["set_stage"] = "set_stage"
    stage: Stage


class JoinBoard(_Command):
    type: Literal["join_board"] = "join_board"
    participant_id: Id
    name: Annotated[Text, StringConstraints(max_length=NAME_MAX)] = ""
    group: Group


class StartTimer(_Command):
    type: Literal["start_timer"] = "start_timer"
    seconds: int = Field(ge=10, le=TIMER_MAX_SECONDS)
    label: Annotated[Text, StringConstraints(max_length=TITLE_MAX)] = ""
    # Only when set does the end of the timer stop anyone voting.
    hard_stop: bool = False


class ExtendTimer(_Command):
    type: Literal["extend_timer"] = "extend_timer"
    seconds: int = Field(ge=10, le=TIMER_MAX_SECONDS)


class PauseTimer(_Command):
    type: Literal["pause_timer"] = "pause_timer"


class ResumeTimer(_Command):
    type: Literal["resume_timer"] = "resume_timer"


class StopTimer(_Command):
    type: Literal["stop_timer"] = "stop_timer"


class RestoreBoard(_Command):
    """Fill a new, empty board from an archive (issued by the server on import)."""

    type: Literal["restore_board"] = "restore_board"
    archive: BoardArchive


# Statements


class NewStatement(Frozen):
    category: Category
    text: StatementText
    review: Annotated[Text, StringConstraints(min_length=1, max_length=REVIEW_MAX)] | None = None
    person: Person | None = None
    priority: int = Field(default=1, ge=1, le=99)


class AddStatements(_Command):
    type: Literal["add_statements"] = "add_statements"
    statements: tuple[NewStatement, ...] = Field(min_length=1, max_length=2000)
    source: Literal["import", "facilitator"] = "facilitator"


class ReviewStatement(Frozen):
    category: Category
    text: StatementText
    person: Person = Person.PATIENT
    # 1 and 2 are the person's top two for the question; 3 or more are kept too.
    priority: int = Field(ge=1, le=99)


class AddReview(_Command):
    """One person-centred review, entered by a reviewer (say, on a home visit)."""

    type: Literal["add_review"] = "add_review"
    review: Annotated[Text, StringConstraints(min_length=1, max_length=REVIEW_MAX)]
    statements: tuple[ReviewStatement, ...] = Field(min_length=6, max_length=60)


class WriteStatement(_Command):
    """A participant's own statement (someone without a review, a carer)."""

    type: Literal["write_statement"] = "write_statement"
    category: Category
    text: StatementText


class SetCardVisibility(_Command):
    type: Literal["set_card_visibility"] = "set_card_visibility"
    hide_new: bool


class RevealCards(_Command):
    type: Literal["reveal_cards"] = "reveal_cards"


# Themes


class CreateTheme(_Command):
    type: Literal["create_theme"] = "create_theme"
    category: Category
    title: ThemeTitle
    i_statement: IStatement = ""


class UpdateTheme(_Command):
    type: Literal["update_theme"] = "update_theme"
    theme_id: Id
    title: ThemeTitle | None = None
    i_statement: IStatement | None = None


class MergeThemes(_Command):
    """Move every card of `theme_id` into `into_id`, then remove `theme_id`."""

    type: Literal["merge_themes"] = "merge_themes"
    theme_id: Id
    into_id: Id


class SplitTheme(_Command):
    """Take some cards of a theme into a new theme of the same category."""

    type: Literal["split_theme"] = "split_theme"
    theme_id: Id
    statements: tuple[Id, ...] = Field(min_length=1, max_length=ROUND_ITEMS_MAX)
    title: ThemeTitle


class DeleteTheme(_Command):
    type: Literal["delete_theme"] = "delete_theme"
    theme_id: Id


class MoveStatement(_Command):
    """Put a card in a theme, or back among the unthemed (`theme_id` null)."""

    type: Literal["move_statement"] = "move_statement"
    statement_id: Id
    theme_id: Id | None = None


class SetThemingMode(_Command):
    type: Literal["set_theming_mode"] = "set_theming_mode"
    mode: ThemingMode


class SuggestMove(_Command):
    type: Literal["suggest_move"] = "suggest_move"
    statement_id: Id
    theme_id: Id | None = None


class AcceptSuggestion(_Command):
    type: Literal["accept_suggestion"] = "accept_suggestion"
    suggestion_id: Id


class DismissSuggestion(_Command):
    type: Literal["dismiss_suggestion"] = "dismiss_suggestion"
    suggestion_id: Id


# Dot voting


class OpenRound(_Command):
    type: Literal["open_round"] = "open_round"
    title: Title = "Dot vote"
    items: tuple[Id, ...] = Field(min_length=1, max_length=ROUND_ITEMS_MAX)
    dots_per_person: int = Field(default=5, ge=1, le=DOTS_MAX)
    max_per_item: int = Field(default=2, ge=1, le=DOTS_MAX)
    blind: bool = True
    # Phones remind people who still have dots to use them.
    remind_unused: bool = False


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


class CarryForward(_Command):
    """The items the room takes into the next stages, in order (empty clears)."""

    type: Literal["carry_forward"] = "carry_forward"
    items: tuple[Id, ...] = Field(max_length=50)


Command = Annotated[
    CreateBoard
    | UpdateBoard
    | SetStage
    | JoinBoard
    | RestoreBoard
    | StartTimer
    | ExtendTimer
    | PauseTimer
    | ResumeTimer
    | StopTimer
    | AddStatements
    | AddReview
    | WriteStatement
    | SetCardVisibility
    | RevealCards
    | CreateTheme
    | UpdateTheme
    | MergeThemes
    | SplitTheme
    | DeleteTheme
    | MoveStatement
    | SetThemingMode
    | SuggestMove
    | AcceptSuggestion
    | DismissSuggestion
    | OpenRound
    | CloseRound
    | RevealRound
    | Vote
    | Unvote
    | CarryForward
    | OutcomeCommand,
    Field(discriminator="type"),
]

COMMAND = TypeAdapter(Command)

# Commands only the server itself issues (board creation, joining); a client
# sending one through `command` is refused.
INTERNAL = frozenset({"create_board", "join_board", "restore_board"})
