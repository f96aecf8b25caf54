"""The board itself and the room: creating it, naming it, moving stage, who joined."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from board.base import BoardError, CommandBase, EventBase, Frozen, Id, Text, Title
from board.checks import check_capacity
from board.feature import Feature
from board.model import Board
from board.policy import ANY_TIME, FACILITATORS, Access
from board.projection import Json, facilitator
from board.stages import info
from board.values import NAME_MAX, PURPOSE_MAX, Actor, Group, Participant, Stage

feature = Feature("room")

Purpose = Annotated[Text, StringConstraints(max_length=PURPOSE_MAX)]


class BoardHeading(Frozen):
    """What a board is called and why it meets: as asked for, and as it happened."""

    title: Title
    purpose: Purpose = ""


class NewBoard(BoardHeading):
    board_id: Id
    join_code: Id
    # Set by the server: the board and everything in it is deleted after this.
    retain_until_ms: int = Field(default=0, ge=0)


class CreateBoard(CommandBase, NewBoard):
    type: Literal["create_board"] = "create_board"


class BoardCreated(EventBase, NewBoard):
    type: Literal["board_created"] = "board_created"


class UpdateBoard(CommandBase, BoardHeading):
    type: Literal["update_board"] = "update_board"


class BoardUpdated(EventBase, BoardHeading):
    type: Literal["board_updated"] = "board_updated"
    # The heading before, so an undo can put it back (None in logs from before it was kept).
    previous: BoardHeading | None = None


class SetStage(CommandBase):
    type: Literal["set_stage"] = "set_stage"
    stage: Stage


class StageSet(EventBase):
    type: Literal["stage_set"] = "stage_set"
    stage: Stage
    previous: Stage


class JoinBoard(CommandBase):
    type: Literal["join_board"] = "join_board"
    participant_id: Id
    name: Annotated[Text, StringConstraints(max_length=NAME_MAX)] = ""
    group: Group


class ParticipantJoined(EventBase):
    type: Literal["participant_joined"] = "participant_joined"
    participant: Participant


PersonName = Annotated[Text, StringConstraints(min_length=1, max_length=NAME_MAX)]


class AddPerson(CommandBase):
    """Someone in the room without a phone, added at the console by a name or a label
    ("Table 3, patient"); the facilitator records what they do."""

    type: Literal["add_person"] = "add_person"
    name: PersonName
    group: Group


class PersonAdded(EventBase):
    type: Literal["person_added"] = "person_added"
    participant: Participant


class StartOnDevice(CommandBase):
    """Someone added without a phone signs in on one, with the rejoin code a
    facilitator made them: from now on they are counted as on a device."""

    type: Literal["start_on_device"] = "start_on_device"
    participant_id: Id


class PersonOnDevice(EventBase):
    type: Literal["person_on_device"] = "person_on_device"
    participant: Participant


# Creating a board and joining it are done by the server, never sent as a command.
_CREATING = Access(facilitator=ANY_TIME, internal=True)
_JOINING = Access(facilitator=ANY_TIME, participant=ANY_TIME, internal=True)


@feature.decides(CreateBoard, _CREATING)
def create_board(command: CreateBoard, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    if state.seq != 0:
        raise BoardError("board_exists", "This board already exists.")
    return [BoardCreated(seq=1, **command.model_dump(exclude={"type"}))]


@feature.applies(BoardCreated)
def board_created(event: BoardCreated, state: Board) -> Board:
    return Board(
        id=event.board_id,
        title=event.title,
        purpose=event.purpose,
        join_code=event.join_code,
        retain_until_ms=event.retain_until_ms,
    )


@feature.decides(UpdateBoard, FACILITATORS)
def update_board(command: UpdateBoard, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    if (command.title, command.purpose) == (state.title, state.purpose):
        raise BoardError("nothing_to_change", "The title and purpose are the same.")
    previous = BoardHeading(title=state.title or "Untitled", purpose=state.purpose)
    updated = BoardUpdated(
        seq=state.seq + 1, title=command.title, purpose=command.purpose, previous=previous
    )
    return [updated]


@feature.applies(BoardUpdated)
def board_updated(event: BoardUpdated, state: Board) -> Board:
    return state.model_copy(update={"title": event.title, "purpose": event.purpose})


@feature.shows(BoardCreated, BoardUpdated)
def show_heading(event: BoardCreated | BoardUpdated, after: Board, viewer: Actor) -> Json:
    return {"title": after.title, "purpose": after.purpose, "join_code": after.join_code}


@feature.decides(SetStage, FACILITATORS)
def set_stage(command: SetStage, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    if state.stage == command.stage:
        raise BoardError("same_stage", f"The board is already at “{info(command.stage).title}”.")
    return [StageSet(seq=state.seq + 1, stage=command.stage, previous=state.stage)]


@feature.applies(StageSet)
def stage_set(event: StageSet, state: Board) -> Board:
    # Going back a stage only moves the room: nothing made so far is dropped.
    # The wall follows the new stage (board/wall.py), turning its own pages.
    return state.model_copy(update={"stage": event.stage, "wall_show": None, "wall_held": False})


@feature.shows(StageSet)
def show_stage(event: StageSet, after: Board, viewer: Actor) -> Json:
    return {"stage": event.stage.value, "previous": event.previous.value}


@feature.decides(JoinBoard, _JOINING)
def join_board(command: JoinBoard, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    if command.participant_id in state.participants:
        raise BoardError("already_joined", "This person has already joined.")
    check_capacity(state, "participants")
    participant = Participant(id=command.participant_id, name=command.name, group=command.group)
    return [ParticipantJoined(seq=state.seq + 1, participant=participant)]


@feature.applies(ParticipantJoined)
def participant_joined(event: ParticipantJoined, state: Board) -> Board:
    joined = event.participant
    return state.model_copy(update={"participants": {**state.participants, joined.id: joined}})


def check_name_free(state: Board, name: str) -> None:
    """A person added at the console is picked from lists by name: no two alike."""
    taken = name.casefold()
    if any(p.name.casefold() == taken for p in state.participants.values()):
        raise BoardError(
            "name_taken",
            f"Someone called “{name}” is already on the board. "
            "Add something to tell them apart, such as their table.",
        )


@feature.decides(AddPerson, FACILITATORS)
def add_person(command: AddPerson, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    check_capacity(state, "participants")
    check_name_free(state, command.name)
    person = Participant(
        id=state.new_id("p"), name=command.name, group=command.group, no_device=True
    )
    return [PersonAdded(seq=state.seq + 1, participant=person)]


@feature.applies(PersonAdded)
def person_added(event: PersonAdded, state: Board) -> Board:
    return state.with_new("participants", event.participant)


@feature.decides(StartOnDevice, _JOINING)
def start_on_device(
    command: StartOnDevice, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    person = state.participants.get(command.participant_id)
    if person is None:
        raise BoardError("unknown_participant", "There is nobody with that id on this board.")
    if not person.no_device:
        raise BoardError("nothing_to_change", "They already use a phone or tablet.")
    on_device = person.model_copy(update={"no_device": False})
    return [PersonOnDevice(seq=state.seq + 1, participant=on_device)]


@feature.applies(PersonOnDevice)
def person_on_device(event: PersonOnDevice, state: Board) -> Board:
    person = event.participant
    return state.model_copy(update={"participants": {**state.participants, person.id: person}})


def _person(participant: Participant) -> Json:
    return participant.model_dump(mode="json")


def _counts(state: Board) -> Json:
    groups = Counter(p.group.value for p in state.participants.values())
    shown: Json = {"count": len(state.participants), "by_group": dict(groups)}
    # In the room without a phone: counted everywhere, never connected.
    shown["no_device"] = sum(1 for p in state.participants.values() if p.no_device)
    return shown


def _presence(state: Board, viewer: Actor) -> Json:
    shown = _counts(state)
    if facilitator(viewer):
        shown["people"] = [_person(p) for p in state.participants.values()]
    return shown


@feature.shows(ParticipantJoined, PersonAdded, PersonOnDevice)
def show_joined(
    event: ParticipantJoined | PersonAdded | PersonOnDevice, after: Board, viewer: Actor
) -> Json:
    # Only the counts and the newcomer: not everyone again, once per joiner
    # (a room of 1,000 would make it a million people listed).
    counts = _counts(after)
    if facilitator(viewer):
        counts["person"] = _person(event.participant)
    return {"participants": counts}


@feature.view
def view_room(state: Board, viewer: Actor) -> Json:
    shown: Json = {
        "id": state.id,
        "seq": state.seq,
        "title": state.title,
        "purpose": state.purpose,
        "join_code": state.join_code,
        "stage": state.stage.value,
        "participants": _presence(state, viewer),
    }
    if facilitator(viewer):
        shown["retain_until_ms"] = state.retain_until_ms
    if viewer.participant_id is not None and viewer.participant_id in state.participants:
        shown["you"] = _person(state.participants[viewer.participant_id])
    return shown
