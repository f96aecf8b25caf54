"""The investment grid: each shortlisted idea rated for cost and benefit, then placed."""

from __future__ import annotations

from statistics import median

from board import rules
from board._dispatch import applies, decides
from board.errors import BoardError
from board.events import Event
from board.model import Board
from board.outcome_commands import PlaceIdea, RateIdea
from board.outcome_events import IdeaPlaced, IdeaRated
from board.values import Actor, Placement, Role, Stage


@decides.register
def _(command: RateIdea, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    if actor.role != Role.PARTICIPANT:
        raise BoardError("not_allowed", "Ratings come from participants. Place the idea instead.")
    rater = rules.check_participant(state, actor.participant_id)
    rules.check_stage(state, Stage.INVEST, "Rating ideas")
    idea = rules.check_idea_exists(state, command.idea_id)
    if not idea.shortlisted:
        raise BoardError("not_shortlisted", "Only shortlisted ideas go on the grid.")
    rating = Placement(cost=command.cost, benefit=command.benefit)
    return [IdeaRated(seq=state.seq + 1, idea_id=idea.id, participant_id=rater, rating=rating)]


@applies.register
def _(event: IdeaRated, state: Board) -> Board:
    mine = {**state.ratings.get(event.idea_id, {}), event.participant_id: event.rating}
    return state.model_copy(update={"ratings": {**state.ratings, event.idea_id: mine}})


@decides.register
def _(command: PlaceIdea, state: Board, actor: Actor, now_ms: int) -> list[Event]:
    rules.check_facilitator(actor)
    idea = rules.check_idea_exists(state, command.idea_id)
    if not idea.shortlisted:
        raise BoardError("not_shortlisted", "Only shortlisted ideas go on the grid.")
    placement = Placement(cost=command.cost, benefit=command.benefit)
    return [IdeaPlaced(seq=state.seq + 1, idea_id=idea.id, placement=placement)]


@applies.register
def _(event: IdeaPlaced, state: Board) -> Board:
    return state.model_copy(
        update={"placements": {**state.placements, event.idea_id: event.placement}}
    )


def group_view(state: Board, idea_id: str) -> dict[str, object] | None:
    """The room's placement of an idea (the median) and how far people disagree."""
    ratings = list(state.ratings.get(idea_id, {}).values())
    if not ratings:
        return None
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
