"""What each audience sees of the second day: lists, the grid, the plan, feedback.

Day-two events carry the whole of each list they change, so a screen
just replaces it. Nobody's rating or feedback is shown as theirs, except to
themselves; authors of causes and ideas are never shown.
"""

from __future__ import annotations

from typing import Any

from board.events import Event
from board.invest import group_view
from board.model import Board
from board.outcome_events import (
    ActionSaved,
    CauseAdded,
    CausesChosen,
    CausesMerged,
    CauseUnmerged,
    FeedbackGiven,
    IdeaAdded,
    IdeaPlaced,
    IdeaRated,
    IdeasShortlisted,
    ItemDeleted,
    ItemRestored,
    SuccessAdded,
    TextEdited,
    Undone,
)
from board.plan import QUESTIONS, feedback_summary
from board.values import Action, Actor, Cause, Idea, Quadrant, Role, SuccessStatement

Json = dict[str, Any]

_QUADRANT_ORDER = [
    Quadrant.QUICK_WIN,
    Quadrant.MAJOR_PROJECT,
    Quadrant.FILL_IN,
    Quadrant.THANKLESS_TASK,
]


def _causes(state: Board, viewer: Actor) -> list[Json]:
    return [c.model_dump(mode="json", exclude={"author"}) for c in state.causes.values()]


def _successes(state: Board, viewer: Actor) -> list[Json]:
    return [s.model_dump(mode="json", exclude={"author"}) for s in state.successes.values()]


def _ideas(state: Board, viewer: Actor) -> list[Json]:
    return [i.model_dump(mode="json", exclude={"author"}) for i in state.ideas.values()]


def _placement(state: Board, idea_id: str) -> Json | None:
    placed = state.placements.get(idea_id)
    if placed is None:
        return None
    return {"cost": placed.cost, "benefit": placed.benefit, "quadrant": placed.quadrant.value}


def _grid(state: Board, viewer: Actor) -> list[Json]:
    """Each shortlisted idea: the room's view, the final place, and your own rating."""
    rows = []
    for idea in state.ideas.values():
        if not idea.shortlisted:
            continue
        row: Json = {
            "idea_id": idea.id,
            "room": group_view(state, idea.id),
            "placement": _placement(state, idea.id),
        }
        if viewer.role == Role.PARTICIPANT and viewer.participant_id is not None:
            mine = state.ratings.get(idea.id, {}).get(viewer.participant_id)
            row["mine"] = mine.model_dump(mode="json") if mine else None
        rows.append(row)
    return rows


def quadrant_of(state: Board, idea_id: str | None) -> Quadrant | None:
    """Where an idea finally sits: the facilitator's placement, else the room's median."""
    if idea_id is None:
        return None
    if idea_id in state.placements:
        return state.placements[idea_id].quadrant
    room = group_view(state, idea_id)
    return Quadrant(str(room["quadrant"])) if room else None


def ordered_actions(state: Board) -> list[Action]:
    """Quick wins first, then by quadrant, then by due date (undated last)."""

    def key(action: Action) -> tuple[int, str, int]:
        quadrant = quadrant_of(state, action.idea_id)
        rank = _QUADRANT_ORDER.index(quadrant) if quadrant else len(_QUADRANT_ORDER)
        # Ids are "a" and a number: a9 was made before a10.
        return rank, action.due or "9999-99-99", int(action.id[1:] or 0)

    return sorted(state.actions.values(), key=key)


def _actions(state: Board, viewer: Actor) -> list[Json]:
    return [
        {
            **a.model_dump(mode="json"),
            "quadrant": (q.value if (q := quadrant_of(state, a.idea_id)) else None),
        }
        for a in ordered_actions(state)
    ]


def _feedback(state: Board, viewer: Actor) -> Json:
    shown: Json = {
        "questions": [q.model_dump(mode="json") for q in QUESTIONS],
        "answered": len(state.feedback),
    }
    if viewer.role == Role.FACILITATOR:
        shown["summary"] = feedback_summary(state)
    if viewer.participant_id is not None and viewer.participant_id in state.feedback:
        shown["mine"] = [a.model_dump(mode="json") for a in state.feedback[viewer.participant_id]]
    return shown


_LISTS = {
    "causes": _causes,
    "successes": _successes,
    "ideas": _ideas,
    "grid": _grid,
    "actions": _actions,
    "feedback": _feedback,
}

_FIELD_LISTS = {
    Cause: ("causes",),
    SuccessStatement: ("successes",),
    Idea: ("ideas", "grid", "actions"),
    Action: ("actions",),
}


def outcome_state(state: Board, viewer: Actor) -> Json:
    shown: Json = {name: build(state, viewer) for name, build in _LISTS.items()}
    if viewer.role == Role.FACILITATOR:
        shown["undone"] = sorted(state.undone)
    return shown


def _touches(event: Event) -> tuple[str, ...]:
    match event:
        case CauseAdded() | CausesChosen():
            return ("causes",)
        case CausesMerged() | CauseUnmerged():
            return ("causes", "successes")
        case SuccessAdded():
            return ("successes",)
        case IdeaAdded() | IdeasShortlisted():
            return ("ideas", "grid")
        case TextEdited():
            return ("causes", "successes", "ideas")
        case ItemDeleted() | ItemRestored():
            return _FIELD_LISTS[type(event.item)]
        case IdeaRated() | IdeaPlaced():
            return ("grid", "actions")
        case ActionSaved():
            return ("actions",)
        case FeedbackGiven():
            return ("feedback",)
    return ()


def outcome_event(event: Event, after: Board, viewer: Actor) -> Json | None:
    """The lists `event` changed, as `viewer` sees them; None if it is not a day-two event."""
    if isinstance(event, Undone):
        return {"undone_seq": event.undone_seq, "description": event.description}
    names = _touches(event)
    if not names:
        return None
    return {name: _LISTS[name](after, viewer) for name in names}


def personal(event: Event) -> str | None:
    """The participant whose own copy differs: their rating, their feedback."""
    if isinstance(event, IdeaRated | FeedbackGiven):
        return event.participant_id
    return None
