"""The investment grid: each shortlisted idea rated for cost and benefit, then placed."""

from __future__ import annotations

from statistics import median
from typing import Annotated, Literal

from pydantic import Field

from board.base import BoardError, CommandBase, EventBase, Id
from board.checks import acting_for, check_idea_exists
from board.feature import Feature
from board.model import Board
from board.policy import FACILITATORS, Access, When
from board.projection import Json, facilitator
from board.values import Actor, Idea, Placement, Quadrant, Role, Stage

feature = Feature("invest")

# A facilitator rates only for someone without a phone (`for_participant`).
_AT_INVEST = When(stages=frozenset({Stage.INVEST}))
_RATING = Access(facilitator=_AT_INVEST, participant=_AT_INVEST, doing="Rating ideas")
_UNNAMED = BoardError(
    "choose_person", "Choose the person you are recording this rating for, or place the idea."
)
Score = Annotated[int, Field(ge=1, le=5)]
Place = Annotated[float, Field(ge=1, le=5)]


class RateIdea(CommandBase):
    """A participant's own view of an idea's cost and benefit (1 low to 5 high)."""

    type: Literal["rate_idea"] = "rate_idea"
    idea_id: Id
    cost: Score
    benefit: Score
    # Set only by a facilitator recording a rating for someone without a phone.
    for_participant: Id | None = None


class IdeaRated(EventBase):
    type: Literal["idea_rated"] = "idea_rated"
    idea_id: str
    participant_id: str
    rating: Placement
    recorded_by_facilitator: bool = False


class PlaceIdea(CommandBase):
    """The facilitator's final place for an idea on the investment grid."""

    type: Literal["place_idea"] = "place_idea"
    idea_id: Id
    cost: Place
    benefit: Place


class IdeaPlaced(EventBase):
    type: Literal["idea_placed"] = "idea_placed"
    idea_id: str
    placement: Placement | None  # None: no final place (an undone first placing)
    # Where it was before, so an undo can put it back (`previous_known` False in older logs).
    previous: Placement | None = None
    previous_known: bool = False


class ShowGridView(CommandBase):
    """Show the room's view of the grid on phones and the wall (`shown=False` hides it again)."""

    type: Literal["show_grid_view"] = "show_grid_view"
    shown: bool = True


class GridViewShown(EventBase):
    type: Literal["grid_view_shown"] = "grid_view_shown"
    shown: bool


# A room's view of fewer people would tell what each of them said.
MIN_RATERS = 3


def _check_shortlisted(state: Board, idea_id: str) -> Idea:
    idea = check_idea_exists(state, idea_id)
    if not idea.shortlisted:
        raise BoardError("not_shortlisted", "Only shortlisted ideas go on the grid.")
    return idea


@feature.decides(RateIdea, _RATING)
def rate_idea(command: RateIdea, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    rater, on_behalf = acting_for(state, actor, command.for_participant, _UNNAMED)
    idea = _check_shortlisted(state, command.idea_id)
    rating = Placement(cost=command.cost, benefit=command.benefit)
    rated = IdeaRated(
        seq=state.seq + 1,
        idea_id=idea.id,
        participant_id=rater,
        rating=rating,
        recorded_by_facilitator=on_behalf,
    )
    return [rated]


@feature.applies(IdeaRated)
def idea_rated(event: IdeaRated, state: Board) -> Board:
    mine = {**state.ratings.get(event.idea_id, {}), event.participant_id: event.rating}
    return state.model_copy(update={"ratings": {**state.ratings, event.idea_id: mine}})


@feature.personal_to(IdeaRated)
def rater(event: IdeaRated, after: Board) -> str | None:
    return event.participant_id


@feature.decides(PlaceIdea, FACILITATORS)
def place_idea(command: PlaceIdea, state: Board, actor: Actor, now_ms: int) -> list[EventBase]:
    idea = _check_shortlisted(state, command.idea_id)
    placement = Placement(cost=command.cost, benefit=command.benefit)
    placed = IdeaPlaced(
        seq=state.seq + 1,
        idea_id=idea.id,
        placement=placement,
        previous=state.placements.get(idea.id),
        previous_known=True,
    )
    return [placed]


@feature.applies(IdeaPlaced)
def idea_placed(event: IdeaPlaced, state: Board) -> Board:
    placements = {k: v for k, v in state.placements.items() if k != event.idea_id}
    if event.placement is not None:
        placements[event.idea_id] = event.placement
    return state.model_copy(update={"placements": placements})


def group_view(state: Board, idea_id: str) -> Json | None:
    """The room's placement of an idea (the median) and how far people disagree.

    None when nobody has rated it; only the count while fewer than
    `MIN_RATERS` have, since one or two ratings would tell what each person said.
    """
    ratings = list(state.ratings.get(idea_id, {}).values())
    if not ratings:
        return None
    if len(ratings) < MIN_RATERS:
        return {"raters": len(ratings), "shows_from": MIN_RATERS}
    costs = [r.cost for r in ratings]
    benefits = [r.benefit for r in ratings]
    placed = Placement(cost=median(costs), benefit=median(benefits))
    return {
        "raters": len(ratings),
        "cost": placed.cost,
        "benefit": placed.benefit,
        "quadrant": placed.quadrant.value,
        # The spread: from the lowest to the highest rating given.
        "cost_range": [min(costs), max(costs)],
        "benefit_range": [min(benefits), max(benefits)],
    }


def shown_view(state: Board, idea_id: str) -> Json | None:
    """The room's view as the room has seen it: only the count until the facilitator shows it."""
    view = group_view(state, idea_id)
    if view is None or state.grid_view_shown:
        return view
    return {"raters": view["raters"], "hidden": True}


def quadrant_of(state: Board, idea_id: str | None) -> Quadrant | None:
    """Where an idea finally sits: the facilitator's placement, else the room's median
    once the room has been shown it. An idea off the shortlist is off the grid: its
    ratings and place are kept (they come back if it is shortlisted again) but count
    nowhere."""
    if idea_id is None or idea_id not in state.ideas or not state.ideas[idea_id].shortlisted:
        return None
    if idea_id in state.placements:
        return state.placements[idea_id].quadrant
    room = shown_view(state, idea_id)
    return Quadrant(str(room["quadrant"])) if room and "quadrant" in room else None


def _placement(state: Board, idea_id: str) -> Json | None:
    placed = state.placements.get(idea_id)
    if placed is None:
        return None
    return {"cost": placed.cost, "benefit": placed.benefit, "quadrant": placed.quadrant.value}


def grid_row(state: Board, idea_id: str, viewer: Actor) -> Json:
    """A shortlisted idea on the grid: the room's view, the final place, and your own rating."""
    row: Json = {
        "idea_id": idea_id,
        # Facilitators see it to place ideas; phones and the wall once it is shown.
        "room": group_view(state, idea_id) if facilitator(viewer) else shown_view(state, idea_id),
        "placement": _placement(state, idea_id),
    }
    if viewer.role == Role.PARTICIPANT and viewer.participant_id is not None:
        mine = state.ratings.get(idea_id, {}).get(viewer.participant_id)
        row["mine"] = mine.model_dump(mode="json") if mine else None
    return row


def grid_json(state: Board, viewer: Actor) -> list[Json]:
    return [grid_row(state, i.id, viewer) for i in state.ideas.values() if i.shortlisted]


@feature.shows(IdeaRated, IdeaPlaced)
def show_row(event: IdeaRated | IdeaPlaced, after: Board, viewer: Actor) -> Json:
    return {"row": grid_row(after, event.idea_id, viewer)}


@feature.decides(ShowGridView, FACILITATORS)
def show_grid_view(
    command: ShowGridView, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    if state.grid_view_shown == command.shown:
        already = "already shown" if command.shown else "not shown"
        raise BoardError("nothing_to_change", f"The room's view of the grid is {already}.")
    return [GridViewShown(seq=state.seq + 1, shown=command.shown)]


@feature.applies(GridViewShown)
def grid_view_shown(event: GridViewShown, state: Board) -> Board:
    return state.model_copy(update={"grid_view_shown": event.shown})


@feature.shows(GridViewShown)
def show_grid_shown(event: GridViewShown, after: Board, viewer: Actor) -> Json:
    # Every row's room view changes at once: the grid rows come whole (a shortlist's worth).
    return {"shown": event.shown, "grid": grid_json(after, viewer)}


@feature.view
def view_grid(state: Board, viewer: Actor) -> Json:
    return {"grid": grid_json(state, viewer), "grid_view_shown": state.grid_view_shown}
