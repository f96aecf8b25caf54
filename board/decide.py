"""decide(state, command, actor) -> events, or a BoardError. Nothing else."""

from __future__ import annotations

from functools import singledispatch

from board import rules
from board.commands import (
    AddStatements,
    CloseRound,
    Command,
    CreateBoard,
    JoinBoard,
    OpenRound,
    RevealRound,
    SetStage,
    Unvote,
    UpdateBoard,
    Vote,
)
from board.errors import BoardError
from board.events import (
    BoardCreated,
    BoardUpdated,
    DotPlaced,
    DotRemoved,
    Event,
    ParticipantJoined,
    RoundClosed,
    RoundOpened,
    RoundRevealed,
    StageSet,
    StatementsAdded,
)
from board.model import Actor, Board, Participant, Role, Statement


def decide(state: Board, command: Command, actor: Actor) -> list[Event]:
    """The events `command` by `actor` produces, numbered after `state.seq`."""
    if not isinstance(command, CreateBoard):
        rules.check_board_exists(state)
    return _decide(command, state, actor)


@singledispatch
def _decide(command: object, state: Board, actor: Actor) -> list[Event]:
    raise BoardError("unknown_command", "That is not something this board can do.")


@_decide.register
def _(command: CreateBoard, state: Board, actor: Actor) -> list[Event]:
    rules.check_not_created(state)
    rules.check_facilitator(actor)
    return [
        BoardCreated(
            seq=1,
            board_id=command.board_id,
            title=command.title,
            purpose=command.purpose,
            join_code=command.join_code,
        )
    ]


@_decide.register
def _(command: UpdateBoard, state: Board, actor: Actor) -> list[Event]:
    rules.check_facilitator(actor)
    return [BoardUpdated(seq=state.seq + 1, title=command.title, purpose=command.purpose)]


@_decide.register
def _(command: SetStage, state: Board, actor: Actor) -> list[Event]:
    rules.check_facilitator(actor)
    rules.check_stage_changes(state, command.stage)
    return [StageSet(seq=state.seq + 1, stage=command.stage, previous=state.stage)]


@_decide.register
def _(command: AddStatements, state: Board, actor: Actor) -> list[Event]:
    rules.check_facilitator(actor)
    statements = tuple(
        Statement(id=f"s{state.next_id + n}", **new.model_dump())
        for n, new in enumerate(command.statements)
    )
    return [StatementsAdded(seq=state.seq + 1, statements=statements, source=command.source)]


@_decide.register
def _(command: JoinBoard, state: Board, actor: Actor) -> list[Event]:
    rules.check_new_participant(state, command.participant_id)
    participant = Participant(id=command.participant_id, name=command.name, group=command.group)
    return [ParticipantJoined(seq=state.seq + 1, participant=participant)]


@_decide.register
def _(command: OpenRound, state: Board, actor: Actor) -> list[Event]:
    rules.check_facilitator(actor)
    rules.check_voting_stage(state)
    rules.check_no_open_round(state)
    rules.check_items_exist(state, command.items)
    return [
        RoundOpened(
            seq=state.seq + 1,
            round_id=f"r{state.next_id}",
            title=command.title,
            items=command.items,
            dots_per_person=command.dots_per_person,
            max_per_item=min(command.max_per_item, command.dots_per_person),
            blind=command.blind,
        )
    ]


@_decide.register
def _(command: CloseRound, state: Board, actor: Actor) -> list[Event]:
    rules.check_facilitator(actor)
    rules.check_round_open(rules.check_round_exists(state, command.round_id))
    return [RoundClosed(seq=state.seq + 1, round_id=command.round_id)]


@_decide.register
def _(command: RevealRound, state: Board, actor: Actor) -> list[Event]:
    rules.check_facilitator(actor)
    rules.check_round_closed_not_revealed(rules.check_round_exists(state, command.round_id))
    return [RoundRevealed(seq=state.seq + 1, round_id=command.round_id)]


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


@_decide.register
def _(command: Vote, state: Board, actor: Actor) -> list[Event]:
    voter, on_behalf = _voter(state, actor, command.for_participant)
    found = rules.check_round_exists(state, command.round_id)
    rules.check_round_open(found)
    rules.check_in_round(found, command.item)
    rules.check_dots_left(found, voter)
    rules.check_item_limit(found, voter, command.item)
    return [
        DotPlaced(
            seq=state.seq + 1,
            round_id=found.id,
            item=command.item,
            participant_id=voter,
            recorded_by_facilitator=on_behalf,
        )
    ]


@_decide.register
def _(command: Unvote, state: Board, actor: Actor) -> list[Event]:
    voter, on_behalf = _voter(state, actor, command.for_participant)
    found = rules.check_round_exists(state, command.round_id)
    rules.check_round_open(found)
    rules.check_has_dot(found, voter, command.item)
    return [
        DotRemoved(
            seq=state.seq + 1,
            round_id=found.id,
            item=command.item,
            participant_id=voter,
            recorded_by_facilitator=on_behalf,
        )
    ]
