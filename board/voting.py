"""Dot voting: rounds on any items, budgets, blind or live, close, reveal, carry forward."""

from __future__ import annotations

from board import rules
from board._dispatch import applies, decides
from board.commands import CarryForward, CloseRound, OpenRound, RevealRound, Unvote, Vote
from board.errors import BoardError
from board.events import (
    DotPlaced,
    DotRemoved,
    Event,
    ItemsCarriedForward,
    RoundClosed,
    RoundOpened,
    RoundRevealed,
)
from board.model import Actor, Board, Role, Round


@decides.register
def _(command: OpenRound, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    rules.check_voting_stage(state)
    rules.check_no_open_round(state)
    rules.check_capacity(state, "rounds")
    rules.check_items_exist(state, command.items)
    opened = RoundOpened(
        seq=state.seq + 1,
        round_id=state.new_id("r"),
        title=command.title,
        items=command.items,
        dots_per_person=command.dots_per_person,
        max_per_item=min(command.max_per_item, command.dots_per_person),
        blind=command.blind,
        remind_unused=command.remind_unused,
    )
    return [opened]


def _round(state: Board, round_id: str) -> Round:
    found = state.rounds.get(round_id)
    if found is None:
        raise BoardError("unknown_round", f"Event for a vote this board never opened: {round_id}.")
    return found


def _with_round(state: Board, updated: Round) -> Board:
    return state.model_copy(update={"rounds": {**state.rounds, updated.id: updated}})


@applies.register
def _(event: RoundOpened, state: Board) -> Board:
    opened = Round(
        id=event.round_id,
        title=event.title,
        items=event.items,
        dots_per_person=event.dots_per_person,
        max_per_item=event.max_per_item,
        blind=event.blind,
        remind_unused=event.remind_unused,
    )
    return _with_round(state, opened).model_copy(update={"next_id": state.next_id + 1})


@decides.register
def _(command: CloseRound, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    rules.check_round_open(rules.check_round_exists(state, command.round_id))
    return [RoundClosed(seq=state.seq + 1, round_id=command.round_id)]


@applies.register
def _(event: RoundClosed, state: Board) -> Board:
    return _with_round(state, _round(state, event.round_id).model_copy(update={"status": "closed"}))


@decides.register
def _(command: RevealRound, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    rules.check_round_closed_not_revealed(rules.check_round_exists(state, command.round_id))
    return [RoundRevealed(seq=state.seq + 1, round_id=command.round_id)]


@applies.register
def _(event: RoundRevealed, state: Board) -> Board:
    revealed = _round(state, event.round_id).model_copy(update={"status": "revealed"})
    return _with_round(state, revealed)


def _voter(state: Board, actor: Actor, for_participant: str | None) -> tuple[str, bool]:
    """Whose dot this is, and whether a facilitator is recording it for them."""
    rules.check_can_vote(actor)
    if actor.role == Role.FACILITATOR:
        if for_participant is None:
            raise BoardError(
                "facilitator_cannot_vote", "Choose the person you are recording this dot for."
            )
        return rules.check_participant(state, for_participant), True
    if for_participant is not None and for_participant != actor.participant_id:
        raise BoardError("not_allowed", "You can only use your own dots.")
    return rules.check_participant(state, actor.participant_id), False


@decides.register
def _(command: Vote, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    voter, on_behalf = _voter(state, actor, command.for_participant)
    found = rules.check_round_exists(state, command.round_id)
    rules.check_round_open(found)
    rules.check_time_left(state, found, now_ms)
    rules.check_in_round(found, command.item)
    rules.check_dots_left(found, voter)
    rules.check_item_limit(found, voter, command.item)
    placed = DotPlaced(
        seq=state.seq + 1,
        round_id=found.id,
        item=command.item,
        participant_id=voter,
        recorded_by_facilitator=on_behalf,
    )
    return [placed]


@decides.register
def _(command: Unvote, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    voter, on_behalf = _voter(state, actor, command.for_participant)
    found = rules.check_round_exists(state, command.round_id)
    rules.check_round_open(found)
    rules.check_time_left(state, found, now_ms)
    rules.check_has_dot(found, voter, command.item)
    removed = DotRemoved(
        seq=state.seq + 1,
        round_id=found.id,
        item=command.item,
        participant_id=voter,
        recorded_by_facilitator=on_behalf,
    )
    return [removed]


def _move_dot(state: Board, round_id: str, participant_id: str, item: str, by: int) -> Board:
    found = _round(state, round_id)
    mine = dict(found.dots_of(participant_id))
    mine[item] = mine.get(item, 0) + by
    if mine[item] <= 0:
        del mine[item]
    return _with_round(
        state, found.model_copy(update={"dots": {**found.dots, participant_id: mine}})
    )


@applies.register
def _(event: DotPlaced, state: Board) -> Board:
    return _move_dot(state, event.round_id, event.participant_id, event.item, +1)


@applies.register
def _(event: DotRemoved, state: Board) -> Board:
    return _move_dot(state, event.round_id, event.participant_id, event.item, -1)


@decides.register
def _(command: CarryForward, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    rules.check_items_exist(state, command.items)
    return [ItemsCarriedForward(seq=state.seq + 1, items=command.items)]


@applies.register
def _(event: ItemsCarriedForward, state: Board) -> Board:
    return state.model_copy(update={"carried": event.items})
