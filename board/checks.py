"""The small named checks more than one feature needs. Each raises BoardError with a stable code.

A check that only one feature needs lives in that feature's module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from board.base import BoardError
from board.model import Board
from board.values import Actor, Cause, Idea, Role, Theme

T = TypeVar("T")


def check_board_exists(state: Board) -> None:
    if state.seq == 0:
        raise BoardError("no_board", "This board does not exist yet.")


def check_participant(state: Board, participant_id: str | None) -> str:
    if participant_id is None or participant_id not in state.participants:
        raise BoardError("unknown_participant", "We don't know this person on this board.")
    return participant_id


def acting_for(
    state: Board,
    actor: Actor,
    for_participant: str | None,
    unnamed: BoardError,
    not_yours: str = "You can only do this for yourself.",
) -> tuple[str, bool]:
    """Whose this is, and whether a facilitator is recording it for them.

    A facilitator records for someone without a phone (`for_participant`),
    and is refused with `unnamed` without one; a participant acts only as
    themselves, and may not name anyone (themselves included).
    """
    if actor.role == Role.FACILITATOR:
        if for_participant is None:
            raise unnamed
        return check_participant(state, for_participant), True
    if for_participant is not None:  # a facilitator's field; from anyone else, even themselves
        raise BoardError("not_allowed", not_yours)
    return check_participant(state, actor.participant_id), False


def author(state: Board, actor: Actor) -> str | None:
    """Who wrote what is being added: a participant on this board, or None for a facilitator."""
    if actor.role == Role.FACILITATOR:
        return None
    return check_participant(state, actor.participant_id)


def on_board(things: Mapping[str, T], item_id: str, code: str, message: str) -> T:
    """The thing `item_id` names among `things`, or the refusal `code`, `message`."""
    found = things.get(item_id)
    if found is None:
        raise BoardError(code, message)
    return found


def each_once(
    state: Board, ids: tuple[str, ...], check: Callable[[Board, str], object]
) -> tuple[str, ...]:
    """`ids` each once, in the order first named, after `check` has found every one."""
    for item_id in ids:
        check(state, item_id)
    return tuple(dict.fromkeys(ids))


def check_theme_exists(state: Board, theme_id: str) -> Theme:
    return on_board(
        state.themes, theme_id, "unknown_theme", "That theme is not on this board any more."
    )


def check_cause_exists(state: Board, cause_id: str) -> Cause:
    return on_board(
        state.causes, cause_id, "unknown_cause", "That root cause is not on this board."
    )


def check_idea_exists(state: Board, idea_id: str) -> Idea:
    return on_board(state.ideas, idea_id, "unknown_idea", "That idea is not on this board.")


def check_not_in_open_vote(state: Board, item: str) -> None:
    """A theme in a vote whose results are not out yet must stay as it is."""
    for found in state.rounds.values():
        if found.status != "revealed" and item in found.items:
            raise BoardError(
                "in_open_vote", "This is in a vote that is not finished. Close and reveal it first."
            )


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
