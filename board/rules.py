"""Small named checks. Each raises BoardError with a stable code."""

from __future__ import annotations

from board.errors import BoardError
from board.model import Actor, Board, Role, Round, Stage
from board.stages import VOTING_STAGES, info


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
    missing = [item for item in items if not state.has_item(item)]
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
