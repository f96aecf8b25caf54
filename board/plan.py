"""The action plan: what will be done, by whom (a role or organisation), by when."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import StringConstraints

from board.base import TITLE_MAX, BoardError, CommandBase, EventBase, Id, Text, Words
from board.checks import check_capacity, check_idea_exists, on_board
from board.feature import Feature
from board.invest import IdeaPlaced, IdeaRated, quadrant_of
from board.model import Board
from board.policy import FACILITATORS
from board.projection import Json
from board.values import Action, ActionStatus, Actor, Quadrant

feature = Feature("plan")

Owner = Annotated[Text, StringConstraints(min_length=1, max_length=TITLE_MAX)]
Day = Annotated[str, StringConstraints(pattern=r"^(\d{4}-\d{2}-\d{2})?$")]


class AddAction(CommandBase):
    type: Literal["add_action"] = "add_action"
    text: Words
    owner: Owner
    due: Day = ""
    idea_id: Id | None = None


class UpdateAction(CommandBase):
    type: Literal["update_action"] = "update_action"
    action_id: Id
    text: Words | None = None
    owner: Owner | None = None
    due: Day | None = None
    status: ActionStatus | None = None


class ActionSaved(EventBase):
    """An action added, or changed (the whole action as it now is)."""

    type: Literal["action_saved"] = "action_saved"
    action: Action
    # The action before (None: it is new), so an undo can put it back; not known in older logs.
    previous: Action | None = None
    previous_known: bool = False


@feature.decides(AddAction, FACILITATORS)
def add_action(command: AddAction, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    check_capacity(state, "actions")
    if command.idea_id is not None:
        check_idea_exists(state, command.idea_id)
    action = Action(id=state.new_id("a"), **command.model_dump(exclude={"type"}))
    return [ActionSaved(seq=state.seq + 1, action=action, previous_known=True)]


@feature.decides(UpdateAction, FACILITATORS)
def update_action(
    command: UpdateAction, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    unknown = "That action is not on this board."
    found = on_board(state.actions, command.action_id, "unknown_action", unknown)
    changes = command.model_dump(include={"text", "owner", "due", "status"}, exclude_none=True)
    changed = found.model_copy(update=changes)
    if changed == found:
        raise BoardError("nothing_to_change", "Nothing about this action would change.")
    return [ActionSaved(seq=state.seq + 1, action=changed, previous=found, previous_known=True)]


@feature.applies(ActionSaved)
def action_saved(event: ActionSaved, state: Board) -> Board:
    new = event.action.id not in state.actions
    return state.model_copy(
        update={
            "actions": {**state.actions, event.action.id: event.action},
            "next_id": state.next_id + (1 if new else 0),
        }
    )


_QUADRANT_ORDER = [
    Quadrant.QUICK_WIN,
    Quadrant.MAJOR_PROJECT,
    Quadrant.FILL_IN,
    Quadrant.THANKLESS_TASK,
]


def ordered_actions(state: Board) -> list[Action]:
    """Quick wins first, then by quadrant, then by due date (undated last)."""

    def key(action: Action) -> tuple[int, str, int]:
        quadrant = quadrant_of(state, action.idea_id)
        rank = _QUADRANT_ORDER.index(quadrant) if quadrant else len(_QUADRANT_ORDER)
        # Ids are "a" and a number: a9 was made before a10.
        return rank, action.due or "9999-99-99", int(action.id[1:] or 0)

    return sorted(state.actions.values(), key=key)


def action_json(state: Board, action: Action) -> Json:
    quadrant = quadrant_of(state, action.idea_id)
    return {**action.model_dump(mode="json"), "quadrant": quadrant.value if quadrant else None}


def actions_json(state: Board) -> list[Json]:
    return [action_json(state, a) for a in ordered_actions(state)]


def action_order(state: Board) -> list[str]:
    """The actions' ids in the plan's order: a screen puts them so without knowing the rule."""
    return [a.id for a in ordered_actions(state)]


@feature.shows(ActionSaved)
def show_action(event: ActionSaved, after: Board, viewer: Actor) -> Json:
    return {"action": action_json(after, event.action), "action_order": action_order(after)}


# A rating or a final place can move the idea's actions to another quadrant.
@feature.shows(IdeaRated, IdeaPlaced)
def show_requadranted(event: IdeaRated | IdeaPlaced, after: Board, viewer: Actor) -> Json:
    moved = [a for a in after.actions.values() if a.idea_id == event.idea_id]
    if not moved:
        return {}
    return {
        "actions": [action_json(after, a) for a in moved],
        "action_order": action_order(after),
    }


@feature.view
def view_actions(state: Board, viewer: Actor) -> Json:
    return {"actions": actions_json(state)}
