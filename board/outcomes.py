"""Root causes, success statements and ideas: understand, success and ideas stages."""

from __future__ import annotations

from board import rules
from board._dispatch import applies, decides
from board.errors import BoardError
from board.events import Event
from board.model import Board
from board.outcome_commands import (
    AddCause,
    AddIdea,
    AddSuccess,
    ChooseCauses,
    DeleteItem,
    EditText,
    MergeCauses,
    ShortlistIdeas,
)
from board.outcome_events import (
    CauseAdded,
    CausesChosen,
    CausesMerged,
    IdeaAdded,
    IdeasShortlisted,
    ItemDeleted,
    SuccessAdded,
    TextEdited,
)
from board.values import Action, Actor, Cause, Idea, Role, Stage, SuccessStatement


def _author(state: Board, actor: Actor, stage: Stage, doing: str) -> str | None:
    """Who is adding: facilitators at any stage, participants at `stage` only."""
    if actor.role == Role.FACILITATOR:
        return None
    rules.check_not_wall(actor)
    author = rules.check_participant(state, actor.participant_id)
    rules.check_stage(state, stage, doing)
    return author


def _with_new(state: Board, field: str, item: Cause | SuccessStatement | Idea) -> Board:
    """The board with one more cause, success statement or idea, under its new id."""
    things = {**getattr(state, field), item.id: item}
    return state.model_copy(update={field: things, "next_id": state.next_id + 1})


# Understand: "why?", again and again


@decides.register
def _(command: AddCause, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    author = _author(state, actor, Stage.UNDERSTAND, "Adding root causes")
    rules.check_capacity(state, "causes")
    rules.check_theme_exists(state, command.theme_id)
    if author is not None and command.theme_id not in state.carried:
        # The room asks "why?" about the themes it chose to take forward.
        raise BoardError("not_carried", "The room is not working on that theme now.")
    if command.parent_id is not None:
        parent = rules.check_cause_exists(state, command.parent_id)
        if parent.theme_id != command.theme_id:
            raise BoardError("wrong_theme", "That cause belongs to another theme.")
    cause = Cause(
        id=state.new_id("c"),
        theme_id=command.theme_id,
        parent_id=command.parent_id,
        text=command.text,
        author=author,
    )
    return [CauseAdded(seq=state.seq + 1, cause=cause)]


@applies.register
def _(event: CauseAdded, state: Board) -> Board:
    return _with_new(state, "causes", event.cause)


@decides.register
def _(command: MergeCauses, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    if command.cause_id == command.into_id:
        raise BoardError("same_cause", "Choose two different causes to merge.")
    merged = rules.check_cause_exists(state, command.cause_id)
    into = rules.check_cause_exists(state, command.into_id)
    if merged.theme_id != into.theme_id:
        raise BoardError("wrong_theme", "Only causes of the same theme can be merged.")
    if into.id in descendants(state, merged.id):
        raise BoardError("cause_loop", "A cause cannot be merged into one of its own answers.")
    rules.check_not_in_open_vote(state, merged.id)
    rules.check_not_in_open_vote(state, into.id)
    children = tuple(c.id for c in state.causes.values() if c.parent_id == merged.id)
    successes = tuple(s.id for s in state.successes.values() if s.cause_id == merged.id)
    merged_event = CausesMerged(
        seq=state.seq + 1,
        cause=merged,
        into_id=into.id,
        children=children,
        successes=successes,
        into_chosen=into.chosen,
    )
    return [merged_event]


def descendants(state: Board, cause_id: str) -> set[str]:
    """Every cause that answers "why?" to this one, however deep."""
    found: set[str] = set()
    frontier = [cause_id]
    while frontier:
        parent = frontier.pop()
        for cause in state.causes.values():
            if cause.parent_id == parent and cause.id not in found:
                found.add(cause.id)
                frontier.append(cause.id)
    return found


@applies.register
def _(event: CausesMerged, state: Board) -> Board:
    causes = {k: v for k, v in state.causes.items() if k != event.cause.id}
    for child in event.children:
        causes[child] = causes[child].model_copy(update={"parent_id": event.into_id})
    if event.cause.chosen and event.into_id in causes:
        causes[event.into_id] = causes[event.into_id].model_copy(update={"chosen": True})
    successes = dict(state.successes)
    for success in event.successes:
        successes[success] = successes[success].model_copy(update={"cause_id": event.into_id})
    return state.model_copy(update={"causes": causes, "successes": successes})


@decides.register
def _(command: ChooseCauses, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    for cause_id in command.cause_ids:
        rules.check_cause_exists(state, cause_id)
    return [CausesChosen(seq=state.seq + 1, cause_ids=tuple(dict.fromkeys(command.cause_ids)))]


@applies.register
def _(event: CausesChosen, state: Board) -> Board:
    chosen = set(event.cause_ids)
    causes = {k: v.model_copy(update={"chosen": k in chosen}) for k, v in state.causes.items()}
    return state.model_copy(update={"causes": causes})


# Success: what it would look like, from four perspectives


@decides.register
def _(command: AddSuccess, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    author = _author(state, actor, Stage.SUCCESS, "Saying what success looks like")
    rules.check_capacity(state, "successes")
    rules.check_cause_exists(state, command.cause_id)
    success = SuccessStatement(
        id=state.new_id("su"),
        cause_id=command.cause_id,
        perspective=command.perspective,
        text=command.text,
        author=author,
    )
    return [SuccessAdded(seq=state.seq + 1, success=success)]


@applies.register
def _(event: SuccessAdded, state: Board) -> Board:
    return _with_new(state, "successes", event.success)


# Ideas: what is in place already, then radical, traditional and different ideas


@decides.register
def _(command: AddIdea, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    author = _author(state, actor, Stage.IDEAS, "Sharing ideas")
    rules.check_capacity(state, "ideas")
    for success_id in command.serves:
        rules.check_success_exists(state, success_id)
    idea = Idea(
        id=state.new_id("i"),
        kind=command.kind,
        text=command.text,
        serves=tuple(dict.fromkeys(command.serves)),
        author=author,
    )
    return [IdeaAdded(seq=state.seq + 1, idea=idea)]


@applies.register
def _(event: IdeaAdded, state: Board) -> Board:
    return _with_new(state, "ideas", event.idea)


@decides.register
def _(command: ShortlistIdeas, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    for idea_id in command.idea_ids:
        rules.check_idea_exists(state, idea_id)
    return [IdeasShortlisted(seq=state.seq + 1, idea_ids=tuple(dict.fromkeys(command.idea_ids)))]


@applies.register
def _(event: IdeasShortlisted, state: Board) -> Board:
    chosen = set(event.idea_ids)
    ideas = {k: v.model_copy(update={"shortlisted": k in chosen}) for k, v in state.ideas.items()}
    return state.model_copy(update={"ideas": ideas})


# Editing and removing any of these


def _editable(state: Board, item_id: str) -> Cause | SuccessStatement | Idea:
    for things in (state.causes, state.successes, state.ideas):
        if item_id in things:
            return things[item_id]
    raise BoardError("unknown_item", "There is no root cause, success statement or idea like that.")


@decides.register
def _(command: EditText, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    item = _editable(state, command.item_id)
    if item.text == command.text:
        raise BoardError("nothing_to_change", "The words are the same.")
    return [TextEdited(seq=state.seq + 1, item_id=item.id, text=command.text, previous=item.text)]


@applies.register
def _(event: TextEdited, state: Board) -> Board:
    for field in ("causes", "successes", "ideas"):
        things = getattr(state, field)
        if event.item_id in things:
            changed = things[event.item_id].model_copy(update={"text": event.text})
            return state.model_copy(update={field: {**things, event.item_id: changed}})
    raise BoardError("unknown_item", f"No item {event.item_id} to edit.")


def _hangs_on(state: Board, item_id: str) -> bool:
    """Whether anything links to this item (so removing it would break the trail)."""
    return (
        any(c.parent_id == item_id for c in state.causes.values())
        or any(s.cause_id == item_id for s in state.successes.values())
        or any(item_id in i.serves for i in state.ideas.values())
        or any(a.idea_id == item_id for a in state.actions.values())
        or any(item_id in r.items for r in state.rounds.values())
    )


@decides.register
def _(command: DeleteItem, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    item: Cause | SuccessStatement | Idea | Action
    if command.item_id in state.actions:
        item = state.actions[command.item_id]
    else:
        item = _editable(state, command.item_id)
    if _hangs_on(state, item.id):
        raise BoardError("in_use", "Other things link to this. Move or remove those first.")
    return [
        ItemDeleted(
            seq=state.seq + 1,
            item=item,
            ratings=state.ratings.get(item.id, {}),
            placement=state.placements.get(item.id),
        )
    ]


FIELD_OF = {Cause: "causes", SuccessStatement: "successes", Idea: "ideas", Action: "actions"}


@applies.register
def _(event: ItemDeleted, state: Board) -> Board:
    field = FIELD_OF[type(event.item)]
    things = {k: v for k, v in getattr(state, field).items() if k != event.item.id}
    extra: dict[str, object] = {}
    if isinstance(event.item, Idea):
        extra = {
            "ratings": {k: v for k, v in state.ratings.items() if k != event.item.id},
            "placements": {k: v for k, v in state.placements.items() if k != event.item.id},
        }
    return state.model_copy(update={field: things, **extra})
