"""How an undo puts back the second day's changes: something added, reworded, chosen, placed.

Registered in board/reversals.py's table; board/undo.py runs them.
"""

from __future__ import annotations

from board.causes import CauseAdded, CausesChosen, check_choice
from board.edits import DeleteItem, TextEdited, delete_item
from board.ideas import IdeaAdded, IdeaLinked, IdeasShortlisted
from board.invest import GridViewShown, IdeaPlaced
from board.model import Board
from board.plan import ActionSaved
from board.reversals import Reversal, by_handler, check_facilitators, moved_on, reverses
from board.success import SuccessAdded


def _remove(state: Board, item_id: str, text: str, seq: int) -> Reversal:
    events = by_handler(delete_item, DeleteItem(item_id=item_id), state, seq)
    return f"Remove “{text}”.", events


@reverses(CauseAdded)
def _cause_added(state: Board, target: CauseAdded, seq: int) -> Reversal:
    check_facilitators(target)
    if target.cause.id not in state.causes:
        raise moved_on()
    return _remove(state, target.cause.id, state.causes[target.cause.id].text, seq)


@reverses(SuccessAdded)
def _success_added(state: Board, target: SuccessAdded, seq: int) -> Reversal:
    check_facilitators(target)
    if target.success.id not in state.successes:
        raise moved_on()
    return _remove(state, target.success.id, state.successes[target.success.id].text, seq)


@reverses(IdeaAdded)
def _idea_added(state: Board, target: IdeaAdded, seq: int) -> Reversal:
    check_facilitators(target)
    if target.idea.id not in state.ideas:
        raise moved_on()
    return _remove(state, target.idea.id, state.ideas[target.idea.id].text, seq)


@reverses(ActionSaved)
def _action_saved(state: Board, target: ActionSaved, seq: int) -> Reversal:
    now = state.actions.get(target.action.id)
    if not target.previous_known or now != target.action:
        raise moved_on()
    if target.previous is None:
        return _remove(state, now.id, now.text, seq)
    back = ActionSaved(seq=seq, action=target.previous, previous=now, previous_known=True)
    return f"Put the action “{target.previous.text}” back as it was.", [back]


def _text_of(state: Board, item_id: str) -> str | None:
    for things in (state.causes, state.successes, state.ideas):
        if item_id in things:
            return things[item_id].text
    return None


@reverses(TextEdited)
def _edited(state: Board, target: TextEdited, seq: int) -> Reversal:
    if _text_of(state, target.item_id) != target.text:
        raise moved_on()
    back = TextEdited(seq=seq, item_id=target.item_id, text=target.previous, previous=target.text)
    return f"Put back the words “{target.previous}”.", [back]


@reverses(CausesChosen)
def _chosen(state: Board, target: CausesChosen, seq: int) -> Reversal:
    chosen = {c.id for c in state.causes.values() if c.chosen}
    if target.previous is None or chosen != set(target.cause_ids):
        raise moved_on()
    again = tuple(c for c in target.previous if c in state.causes)
    check_choice(state, again)
    back = CausesChosen(seq=seq, cause_ids=again, previous=target.cause_ids)
    n = len(again)
    said = (
        f"Choose again the {n} root causes chosen before." if n else "Choose no root cause again."
    )
    return said, [back]


@reverses(IdeasShortlisted)
def _shortlisted(state: Board, target: IdeasShortlisted, seq: int) -> Reversal:
    listed = {i.id for i in state.ideas.values() if i.shortlisted}
    if target.previous is None or listed != set(target.idea_ids):
        raise moved_on()
    again = tuple(i for i in target.previous if i in state.ideas)
    back = IdeasShortlisted(seq=seq, idea_ids=again, previous=target.idea_ids)
    n = len(again)
    said = f"Shortlist again the {n} ideas shortlisted before." if n else "Shortlist no idea again."
    return said, [back]


@reverses(IdeaLinked)
def _linked(state: Board, target: IdeaLinked, seq: int) -> Reversal:
    idea = state.ideas.get(target.idea_id)
    if idea is None or idea.serves != target.serves:
        raise moved_on()
    if any(s not in state.successes for s in target.previous):
        raise moved_on()
    back = IdeaLinked(seq=seq, idea_id=idea.id, serves=target.previous, previous=idea.serves)
    n = len(target.previous)
    links = (
        "no success statement"
        if not n
        else "the success statement"
        if n == 1
        else (f"the {n} success statements")
    )
    return f"Link “{idea.text}” to {links} it had before.", [back]


@reverses(IdeaPlaced)
def _placed(state: Board, target: IdeaPlaced, seq: int) -> Reversal:
    idea = state.ideas.get(target.idea_id)
    if idea is None or not target.previous_known:
        raise moved_on()
    if state.placements.get(idea.id) != target.placement or not idea.shortlisted:
        raise moved_on()
    back = IdeaPlaced(
        seq=seq,
        idea_id=idea.id,
        placement=target.previous,
        previous=target.placement,
        previous_known=True,
    )
    if target.previous is None:
        return f"Take away the final place of “{idea.text}”.", [back]
    where = f"cost {target.previous.cost:g}, benefit {target.previous.benefit:g}"
    return f"Put “{idea.text}” back at {where}.", [back]


@reverses(GridViewShown)
def _grid_shown(state: Board, target: GridViewShown, seq: int) -> Reversal:
    if state.grid_view_shown != target.shown:
        raise moved_on()
    said = (
        "Hide the room’s view of the grid from phones and the wall again."
        if target.shown
        else "Show the room’s view of the grid on phones and the wall again."
    )
    return said, [GridViewShown(seq=seq, shown=not target.shown)]
