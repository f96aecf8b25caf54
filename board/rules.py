"""Small named checks. Each raises BoardError with a stable code."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from board.errors import BoardError
from board.model import (
    Actor,
    Board,
    Category,
    Cause,
    Idea,
    Role,
    Round,
    Stage,
    Statement,
    SuccessStatement,
    Suggestion,
    Theme,
    Timer,
)
from board.stages import VOTING_STAGES, info

if TYPE_CHECKING:
    from board.commands import ReviewStatement


def check_board_exists(state: Board) -> None:
    if state.seq == 0:
        raise BoardError("no_board", "This board does not exist yet.")


def check_facilitator(actor: Actor) -> None:
    if actor.role != Role.FACILITATOR:
        raise BoardError("not_allowed", "Only a facilitator can do that.")


def check_can_vote(actor: Actor) -> None:
    if actor.role not in (Role.FACILITATOR, Role.PARTICIPANT):
        raise BoardError("not_allowed", "This screen cannot vote.")


def check_stage_changes(state: Board, stage: Stage) -> None:
    if state.stage == stage:
        raise BoardError("same_stage", f"The board is already at “{info(stage).title}”.")


def check_voting_stage(state: Board) -> None:
    if state.stage not in VOTING_STAGES:
        raise BoardError(
            "stage_closed",
            f"Voting starts after collecting. The board is at “{info(state.stage).title}”.",
        )


def check_no_open_round(state: Board) -> None:
    if state.open_round is not None:
        raise BoardError(
            "round_already_open", "A vote is already open. Close it before opening another."
        )


def check_items_exist(state: Board, items: tuple[str, ...]) -> None:
    if len(set(items)) != len(items):
        raise BoardError("duplicate_item", "Each item can be in a vote only once.")
    missing = [
        item
        for item in items
        if not state.has_item(item) or (item in state.statements and state.statements[item].hidden)
    ]
    if missing:
        raise BoardError("unknown_item", f"There is nothing on the board called {missing[0]}.")


def check_round_exists(state: Board, round_id: str) -> Round:
    found = state.rounds.get(round_id)
    if found is None:
        raise BoardError("unknown_round", "There is no such vote on this board.")
    return found


def check_round_open(found: Round) -> None:
    if found.status != "open":
        raise BoardError("round_closed", "This vote has closed.")


def check_round_closed_not_revealed(found: Round) -> None:
    if found.status == "open":
        raise BoardError("round_open", "Close the vote before revealing it.")
    if found.status == "revealed":
        raise BoardError("round_revealed", "The results of this vote are already shown.")


def check_in_round(found: Round, item: str) -> None:
    if item not in found.items:
        raise BoardError("not_in_round", "That is not one of the things being voted on.")


def check_participant(state: Board, participant_id: str | None) -> str:
    if participant_id is None or participant_id not in state.participants:
        raise BoardError("unknown_participant", "We don't know this person on this board.")
    return participant_id


def check_dots_left(found: Round, participant_id: str) -> None:
    if found.spent_by(participant_id) >= found.dots_per_person:
        raise BoardError(
            "no_dots_left",
            f"All {found.dots_per_person} dots are used. Take one back to move it.",
        )


def check_item_limit(found: Round, participant_id: str, item: str) -> None:
    if found.dots_of(participant_id).get(item, 0) >= found.max_per_item:
        raise BoardError(
            "item_limit",
            f"You can put at most {found.max_per_item} dots on one thing.",
        )


def check_has_dot(found: Round, participant_id: str, item: str) -> None:
    if found.dots_of(participant_id).get(item, 0) == 0:
        raise BoardError("no_dot_here", "There is no dot here to take back.")


def check_new_participant(state: Board, participant_id: str) -> None:
    if participant_id in state.participants:
        raise BoardError("already_joined", "This person has already joined.")


def check_not_created(state: Board) -> None:
    if state.seq != 0:
        raise BoardError("board_exists", "This board already exists.")


def check_not_wall(actor: Actor) -> None:
    if actor.role == Role.WALL:
        raise BoardError("not_allowed", "The wall display only shows the board.")


def check_stage(state: Board, stage: Stage, doing: str) -> None:
    if state.stage != stage:
        raise BoardError(
            "stage_closed", f"{doing} happens at “{info(stage).title}”. The board is not there now."
        )


def check_statement_exists(state: Board, statement_id: str) -> Statement:
    found = state.statements.get(statement_id)
    if found is None:
        raise BoardError("unknown_statement", "That statement is not on this board.")
    return found


def check_can_see(statement: Statement, actor: Actor) -> None:
    # A card kept hidden is, for everyone else, not on the board yet.
    if not statement.visible_to(actor):
        raise BoardError("unknown_statement", "That statement is not on this board.")


def check_theme_exists(state: Board, theme_id: str) -> Theme:
    found = state.themes.get(theme_id)
    if found is None:
        raise BoardError("unknown_theme", "That theme is not on this board any more.")
    return found


def check_same_category(statement: Statement, theme: Theme) -> None:
    if statement.category != theme.category:
        raise BoardError(
            "wrong_category",
            f"This statement is about “{statement.category.value}”. That theme is about "
            f"“{theme.category.value}”.",
        )


def check_can_theme(state: Board, actor: Actor) -> None:
    """Facilitators theme at any stage; participants while theming, if allowed."""
    if actor.role == Role.FACILITATOR:
        return
    check_not_wall(actor)
    check_participant(state, actor.participant_id)
    check_stage(state, Stage.THEME, "Moving cards")
    if state.theming_mode != "everyone":
        raise BoardError(
            "facilitators_only", "The facilitator is moving the cards now. You can suggest a move."
        )


def check_can_suggest(state: Board, actor: Actor) -> None:
    if actor.role != Role.PARTICIPANT:
        raise BoardError("not_allowed", "Only participants suggest moves.")
    check_stage(state, Stage.THEME, "Suggesting moves")
    if state.theming_mode == "everyone":
        raise BoardError("move_it_yourself", "Everyone can move cards now. Move it yourself.")


def check_suggestion_exists(state: Board, suggestion_id: str) -> Suggestion:
    found = state.suggestions.get(suggestion_id)
    if found is None:
        raise BoardError("unknown_suggestion", "That suggestion has already been dealt with.")
    return found


def check_not_in_open_vote(state: Board, item: str) -> None:
    """A theme in a vote whose results are not out yet must stay as it is."""
    for found in state.rounds.values():
        if found.status != "revealed" and item in found.items:
            raise BoardError(
                "in_open_vote", "This is in a vote that is not finished. Close and reveal it first."
            )


def check_distinct_themes(theme_id: str, into_id: str) -> None:
    if theme_id == into_id:
        raise BoardError("same_theme", "Choose two different themes to merge.")


def check_statements_in_theme(state: Board, theme: Theme, statement_ids: tuple[str, ...]) -> None:
    for statement_id in statement_ids:
        if check_statement_exists(state, statement_id).theme_id != theme.id:
            raise BoardError("not_in_theme", "Choose statements from the theme you are splitting.")


def check_timer(state: Board) -> Timer:
    if state.timer is None:
        raise BoardError("no_timer", "There is no timer running.")
    return state.timer


def check_timer_running(timer: Timer) -> int:
    if timer.ends_at_ms is None:
        raise BoardError("timer_paused", "The timer is paused.")
    return timer.ends_at_ms


def check_timer_paused(timer: Timer) -> int:
    if timer.remaining_ms is None:
        raise BoardError("timer_running", "The timer is already running.")
    return timer.remaining_ms


def check_time_left(state: Board, found: Round, now_ms: int) -> None:
    """Only a timer the facilitator set to stop this vote can stop it."""
    timer = state.timer
    if timer is not None and timer.hard_stop and timer.round_id == found.id and timer.ended(now_ms):
        raise BoardError("time_up", "Time is up for this vote.")


def check_new_review(state: Board, review: str) -> None:
    if any(s.review == review for s in state.statements.values()):
        raise BoardError("review_exists", f"Review {review} is already on the board.")


def check_review_complete(statements: Sequence[ReviewStatement]) -> None:
    """Each question has exactly one first and one second choice."""
    for category in Category:
        top = sorted(s.priority for s in statements if s.category == category and s.priority <= 2)
        if top != [1, 2]:
            raise BoardError(
                "review_incomplete",
                f"“{category.value}” needs one first choice and one second choice.",
            )


def check_no_causes(state: Board, theme_id: str) -> None:
    """Root causes need their theme: it cannot be merged away or deleted under them."""
    if any(c.theme_id == theme_id for c in state.causes.values()):
        raise BoardError("in_use", "Root causes hang on this theme. Remove those first.")


def check_cause_exists(state: Board, cause_id: str) -> Cause:
    found = state.causes.get(cause_id)
    if found is None:
        raise BoardError("unknown_cause", "That root cause is not on this board.")
    return found


def check_success_exists(state: Board, success_id: str) -> SuccessStatement:
    found = state.successes.get(success_id)
    if found is None:
        raise BoardError("unknown_success", "That success statement is not on this board.")
    return found


def check_idea_exists(state: Board, idea_id: str) -> Idea:
    found = state.ideas.get(idea_id)
    if found is None:
        raise BoardError("unknown_idea", "That idea is not on this board.")
    return found


# How much one board may hold. Far above any workshop (240–360 statements,
# 20–60 people), high enough for a national consultation, low enough that one
# board cannot fill the server.
CAPACITY = {
    "statements": 5000,
    "themes": 500,
    "participants": 20000,
    "rounds": 200,
    "causes": 1000,
    "successes": 1000,
    "ideas": 1000,
    "actions": 500,
}
_NAMES = {"participants": "people", "rounds": "votes", "successes": "success statements"}


def check_capacity(state: Board, kind: str, adding: int = 1) -> None:
    if len(getattr(state, kind)) + adding > CAPACITY[kind]:
        name = _NAMES.get(kind, kind)
        raise BoardError("board_full", f"This board is full: it can hold {CAPACITY[kind]} {name}.")
