"""Rewording and removing the second day's root causes, success statements, ideas and actions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from board.base import BoardError, CommandBase, EventBase, Id, Words
from board.feature import Feature
from board.invest import grid_row
from board.model import Board
from board.plan import action_json, action_order
from board.policy import FACILITATORS
from board.projection import Json, unsigned
from board.values import Action, Actor, Cause, Idea, Placement, SuccessStatement

feature = Feature("edits")

Item = Cause | SuccessStatement | Idea | Action
FIELD_OF: dict[type[Item], str] = {
    Cause: "causes",
    SuccessStatement: "successes",
    Idea: "ideas",
    Action: "actions",
}


class EditText(CommandBase):
    """Reword a root cause, success statement or idea."""

    type: Literal["edit_text"] = "edit_text"
    item_id: Id
    text: Words


class TextEdited(EventBase):
    type: Literal["text_edited"] = "text_edited"
    item_id: str
    text: str
    previous: str


class DeleteItem(CommandBase):
    """Remove a root cause, success statement, idea or action nothing else hangs on."""

    type: Literal["delete_item"] = "delete_item"
    item_id: Id


class WholeItem(EventBase):
    """An item as it stood, whole: what a removal takes away and its undo brings back."""

    item: Item
    # An idea's ratings and final place go with it, and come back with an undo.
    ratings: dict[str, Placement] = Field(default_factory=dict)
    placement: Placement | None = None


class ItemDeleted(WholeItem):
    """Something removed, kept whole in the event so it can be undone."""

    type: Literal["item_deleted"] = "item_deleted"


def _editable(state: Board, item_id: str) -> Cause | SuccessStatement | Idea:
    for things in (state.causes, state.successes, state.ideas):
        if item_id in things:
            return things[item_id]
    raise BoardError("unknown_item", "There is no root cause, success statement or idea like that.")


@feature.decides(EditText, FACILITATORS)
def edit_text(command: EditText, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    item = _editable(state, command.item_id)
    if item.text == command.text:
        raise BoardError("nothing_to_change", "The words are the same.")
    return [TextEdited(seq=state.seq + 1, item_id=item.id, text=command.text, previous=item.text)]


@feature.applies(TextEdited)
def text_edited(event: TextEdited, state: Board) -> Board:
    for field in ("causes", "successes", "ideas"):
        things = getattr(state, field)
        if event.item_id in things:
            changed = things[event.item_id].model_copy(update={"text": event.text})
            return state.model_copy(update={field: {**things, event.item_id: changed}})
    raise BoardError("unknown_item", f"No item {event.item_id} to edit.")


@feature.shows(TextEdited)
def show_edited(event: TextEdited, after: Board, viewer: Actor) -> Json:
    return {"item_id": event.item_id, "text": event.text}


def _hangs_on(state: Board, item_id: str) -> list[str]:
    """What links to this item (so removing it would break the trail), in words."""
    return [
        *(f"the root cause “{c.text}” answers “why?” to it" for c in state.causes.values()
          if c.parent_id == item_id),
        *(f"the success statement “{s.text}” is under it" for s in state.successes.values()
          if s.cause_id == item_id),
        *(f"the idea “{i.text}” would bring it about" for i in state.ideas.values()
          if item_id in i.serves),
        *(f"the action “{a.text}” carries it out" for a in state.actions.values()
          if a.idea_id == item_id),
    ]  # fmt: skip


def _in_use(state: Board, item_id: str) -> BoardError | None:
    """Why this item cannot be removed, naming what links to it; None if nothing does."""
    for found in state.rounds.values():
        if item_id in found.items:
            return BoardError(
                "in_use",
                f"This is in the vote “{found.title}”, so it stays: the vote’s results need "
                "it. Reword it instead.",
            )
    links = _hangs_on(state, item_id)
    if not links:
        return None
    first = links[0][0].upper() + links[0][1:]
    more = f" (and {len(links) - 1} more)" if len(links) > 1 else ""
    return BoardError("in_use", f"{first}{more}. Change or remove that first.")


@feature.decides(DeleteItem, FACILITATORS)
def delete_item(command: DeleteItem, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    item: Item
    if command.item_id in state.actions:
        item = state.actions[command.item_id]
    else:
        item = _editable(state, command.item_id)
    refusal = _in_use(state, item.id)
    if refusal is not None:
        raise refusal
    deleted = ItemDeleted(
        seq=state.seq + 1,
        item=item,
        ratings=state.ratings.get(item.id, {}),
        placement=state.placements.get(item.id),
    )
    return [deleted]


@feature.applies(ItemDeleted)
def item_deleted(event: ItemDeleted, state: Board) -> Board:
    field = FIELD_OF[type(event.item)]
    things = {k: v for k, v in getattr(state, field).items() if k != event.item.id}
    extra: dict[str, object] = {}
    if isinstance(event.item, Idea):
        extra = {
            "ratings": {k: v for k, v in state.ratings.items() if k != event.item.id},
            "placements": {k: v for k, v in state.placements.items() if k != event.item.id},
        }
    return state.model_copy(update={field: things, **extra})


# How a removed or restored item names its list on the wire.
KIND_OF: dict[type[Item], str] = {
    Cause: "cause",
    SuccessStatement: "success",
    Idea: "idea",
    Action: "action",
}


@feature.shows(ItemDeleted)
def show_deleted(event: ItemDeleted, after: Board, viewer: Actor) -> Json:
    # An idea's grid row goes with it; nothing else can hang on what is deleted.
    return {"item_id": event.item.id, "kind": KIND_OF[type(event.item)]}


def restored_json(item: Item, after: Board, viewer: Actor) -> Json:
    """An item back from an undo: itself, and what it brings back with it."""
    if isinstance(item, Action):
        return {
            "kind": "action",
            "item": action_json(after, item),
            "action_order": action_order(after),
        }
    shown: Json = {"kind": KIND_OF[type(item)], "item": unsigned(item)}
    if isinstance(item, Idea) and item.shortlisted:
        shown["row"] = grid_row(after, item.id, viewer)
    return shown
