"""Dot voting: rounds on any items, budgets, blind or live, close, reveal, carry forward.

While a blind round is open no one but the voter sees a count per item; the
split by group comes with the reveal, with small groups pooled (board/tally.py).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from board.base import BoardError, CommandBase, EventBase, Id
from board.checks import acting_for, check_capacity, on_board
from board.feature import Feature
from board.model import Board
from board.policy import ANY_TIME, FACILITATORS, Access, When
from board.projection import Json
from board.stages import from_stage
from board.tally import by_group, totals
from board.values import Actor, Role, Round, RoundRules, Stage

feature = Feature("voting")

# Dot voting was used "at each stage" of the COPD workshops, once there was
# something to vote on; before that a round would only confuse people.
_OPENING = Access(facilitator=When(stages=from_stage(Stage.THEME)), doing="Voting")
_VOTERS = Access(facilitator=ANY_TIME, participant=ANY_TIME, refusal="This screen cannot vote.")
_RULES = set(RoundRules.model_fields)


class OpenRound(CommandBase, RoundRules):
    type: Literal["open_round"] = "open_round"


class RoundOpened(EventBase, RoundRules):
    type: Literal["round_opened"] = "round_opened"
    round_id: str


class CloseRound(CommandBase):
    type: Literal["close_round"] = "close_round"
    round_id: Id


class RoundClosed(EventBase):
    type: Literal["round_closed"] = "round_closed"
    round_id: str


class RevealRound(CommandBase):
    type: Literal["reveal_round"] = "reveal_round"
    round_id: Id


class RoundRevealed(EventBase):
    type: Literal["round_revealed"] = "round_revealed"
    round_id: str


class _DotCommand(CommandBase):
    round_id: Id
    item: Id
    # Set only by a facilitator recording a dot for someone without a phone.
    for_participant: Id | None = None


class Vote(_DotCommand):
    type: Literal["vote"] = "vote"


class Unvote(_DotCommand):
    type: Literal["unvote"] = "unvote"


class _DotEvent(EventBase):
    round_id: str
    item: str
    participant_id: str
    recorded_by_facilitator: bool = False


class DotPlaced(_DotEvent):
    type: Literal["dot_placed"] = "dot_placed"


class DotRemoved(_DotEvent):
    type: Literal["dot_removed"] = "dot_removed"


class CarryForward(CommandBase):
    """The items the room takes into the next stages, in order (empty clears)."""

    type: Literal["carry_forward"] = "carry_forward"
    items: tuple[Id, ...] = Field(max_length=50)


class ItemsCarriedForward(EventBase):
    type: Literal["items_carried_forward"] = "items_carried_forward"
    items: tuple[str, ...]
    previous: tuple[str, ...] | None = None  # the list before, so an undo can put it back


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
    return on_board(state.rounds, round_id, "unknown_round", "There is no such vote on this board.")


def _check_round_open(state: Board, round_id: str, now_ms: int) -> Round:
    found = check_round_exists(state, round_id)
    if found.status != "open":
        raise BoardError("round_closed", "This vote has closed.")
    # Only a timer the facilitator set to stop this vote can stop it.
    timer = state.timer
    if timer is not None and timer.hard_stop and timer.round_id == found.id and timer.ended(now_ms):
        raise BoardError("time_up", "Time is up for this vote.")
    return found


def with_round(state: Board, updated: Round) -> Board:
    return state.model_copy(update={"rounds": {**state.rounds, updated.id: updated}})


def _known_round(state: Board, round_id: str) -> Round:
    never = f"Event for a vote this board never opened: {round_id}."
    return on_board(state.rounds, round_id, "unknown_round", never)


def _with_status(state: Board, round_id: str, status: str) -> Board:
    return with_round(state, _known_round(state, round_id).model_copy(update={"status": status}))


@feature.decides(OpenRound, _OPENING)
def open_round(command: OpenRound, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    if state.open_round is not None:
        raise BoardError(
            "round_already_open", "A vote is already open. Close it before opening another."
        )
    check_capacity(state, "rounds")
    check_items_exist(state, command.items)
    rules = command.model_dump(include=_RULES)
    rules["max_per_item"] = min(command.max_per_item, command.dots_per_person)
    return [RoundOpened(seq=state.seq + 1, round_id=state.new_id("r"), **rules)]


@feature.applies(RoundOpened)
def round_opened(event: RoundOpened, state: Board) -> Board:
    opened = Round(id=event.round_id, **event.model_dump(include=_RULES))
    return with_round(state, opened).model_copy(update={"next_id": state.next_id + 1})


@feature.decides(CloseRound, FACILITATORS)
def close_round(command: CloseRound, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    if check_round_exists(state, command.round_id).status != "open":
        raise BoardError("round_closed", "This vote has closed.")
    return [RoundClosed(seq=state.seq + 1, round_id=command.round_id)]


@feature.applies(RoundClosed)
def round_closed(event: RoundClosed, state: Board) -> Board:
    return _with_status(state, event.round_id, "closed")


@feature.decides(RevealRound, FACILITATORS)
def reveal_round(command: RevealRound, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    found = check_round_exists(state, command.round_id)
    if found.status == "open":
        raise BoardError("round_open", "Close the vote before revealing it.")
    if found.status == "revealed":
        raise BoardError("round_revealed", "The results of this vote are already shown.")
    if found.archived is not None and found.archived.by_group is None:
        raise BoardError(
            "results_not_kept",
            "This vote was saved before its results were shown, so they were not kept. "
            "Open a new vote instead.",
        )
    return [RoundRevealed(seq=state.seq + 1, round_id=command.round_id)]


@feature.applies(RoundRevealed)
def round_revealed(event: RoundRevealed, state: Board) -> Board:
    return _with_status(state, event.round_id, "revealed")


_UNNAMED = BoardError(
    "facilitator_cannot_vote", "Choose the person you are recording this dot for."
)


def _voter(state: Board, actor: Actor, for_participant: str | None) -> tuple[str, bool]:
    """Whose dot this is, and whether a facilitator is recording it for them."""
    return acting_for(state, actor, for_participant, _UNNAMED, "You can only use your own dots.")


@feature.decides(Vote, _VOTERS)
def vote(command: Vote, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    voter, on_behalf = _voter(state, actor, command.for_participant)
    found = _check_round_open(state, command.round_id, now_ms)
    if command.item not in found.items:
        raise BoardError("not_in_round", "That is not one of the things being voted on.")
    if found.spent_by(voter) >= found.dots_per_person:
        budget = found.dots_per_person
        used = f"All {budget} dots are used. Take one" if budget > 1 else "The dot is used. Take it"
        raise BoardError("no_dots_left", f"{used} back to move it.")
    if found.dots_of(voter).get(command.item, 0) >= found.max_per_item:
        most = f"at most {found.max_per_item} dots" if found.max_per_item > 1 else "only 1 dot"
        raise BoardError("item_limit", f"You can put {most} on one thing.")
    placed = DotPlaced(
        seq=state.seq + 1,
        round_id=found.id,
        item=command.item,
        participant_id=voter,
        recorded_by_facilitator=on_behalf,
    )
    return [placed]


@feature.decides(Unvote, _VOTERS)
def unvote(command: Unvote, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    voter, on_behalf = _voter(state, actor, command.for_participant)
    found = _check_round_open(state, command.round_id, now_ms)
    if found.dots_of(voter).get(command.item, 0) == 0:
        raise BoardError("no_dot_here", "There is no dot here to take back.")
    removed = DotRemoved(
        seq=state.seq + 1,
        round_id=found.id,
        item=command.item,
        participant_id=voter,
        recorded_by_facilitator=on_behalf,
    )
    return [removed]


def _move_dot(state: Board, event: _DotEvent, by: int) -> Board:
    found = _known_round(state, event.round_id)
    mine = dict(found.dots_of(event.participant_id))
    mine[event.item] = mine.get(event.item, 0) + by
    if mine[event.item] <= 0:
        del mine[event.item]
    dots = {**found.dots, event.participant_id: mine}
    return with_round(state, found.model_copy(update={"dots": dots}))


@feature.applies(DotPlaced)
def dot_placed(event: DotPlaced, state: Board) -> Board:
    return _move_dot(state, event, +1)


@feature.applies(DotRemoved)
def dot_removed(event: DotRemoved, state: Board) -> Board:
    return _move_dot(state, event, -1)


@feature.decides(CarryForward, FACILITATORS)
def carry_forward(
    command: CarryForward, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    check_items_exist(state, command.items)
    if command.items == state.carried:
        raise BoardError("nothing_to_change", "Those are already the things carried forward.")
    return [ItemsCarriedForward(seq=state.seq + 1, items=command.items, previous=state.carried)]


@feature.applies(ItemsCarriedForward)
def items_carried_forward(event: ItemsCarriedForward, state: Board) -> Board:
    return state.model_copy(update={"carried": event.items})


@feature.shows(ItemsCarriedForward)
def show_carried(event: ItemsCarriedForward, after: Board, viewer: Actor) -> Json:
    return {"items": list(event.items)}


def _progress(state: Board, found: Round, viewer: Actor) -> Json:
    progress: Json = {"voters": found.voters, "dots_cast": found.dots_cast}
    if not found.blind or found.status == "revealed":
        progress["totals"] = totals(found)
    if found.status == "revealed":
        progress["by_group"] = by_group(state, found)
    if viewer.role == Role.PARTICIPANT and viewer.participant_id is not None:
        progress["mine"] = dict(found.dots_of(viewer.participant_id))
    return progress


def round_json(state: Board, found: Round, viewer: Actor) -> Json:
    rules: Json = found.model_dump(mode="json", include=_RULES)
    return {"id": found.id, **rules, "status": found.status, **_progress(state, found, viewer)}


@feature.shows(RoundOpened, RoundClosed, RoundRevealed)
def show_round(
    event: RoundOpened | RoundClosed | RoundRevealed, after: Board, viewer: Actor
) -> Json:
    return {"round": round_json(after, after.rounds[event.round_id], viewer)}


@feature.shows(DotPlaced, DotRemoved)
def show_dots(event: DotPlaced | DotRemoved, after: Board, viewer: Actor) -> Json:
    found = after.rounds[event.round_id]
    return {"round_id": found.id, **_progress(after, found, viewer)}


@feature.personal_to(DotPlaced, DotRemoved)
def voter(event: DotPlaced | DotRemoved, after: Board) -> str | None:
    return event.participant_id


@feature.view
def view_votes(state: Board, viewer: Actor) -> Json:
    return {
        "rounds": [round_json(state, r, viewer) for r in state.rounds.values()],
        "carried": list(state.carried),
    }
