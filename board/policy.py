"""Who may send a command, at which stages, in which theming mode: data, checked in one place.

Each feature gives every command it handles one `Access` row (see
`Feature.decides`); board/registry.py gathers them into `POLICY`, which
`decide` checks before any handler runs, the tests read, and the server sends
to every browser so that a screen shows only the controls its person may use.
Handlers keep only the rules about data: budgets, existence, limits.
"""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from board.base import BoardError, Frozen
from board.checks import check_participant
from board.model import Board
from board.stages import ORDER, from_stage, info
from board.values import Actor, Role, Stage, ThemingMode

Json = dict[str, Any]


class When(Frozen):
    """When one role may send a command: at these stages, in this mode (None: any)."""

    stages: frozenset[Stage] | None = None
    theming_mode: ThemingMode | None = None


ANY_TIME = When()


class Access(Frozen):
    """Who may send one command type; a role left out may not send it at all."""

    facilitator: When | None = None
    participant: When | None = None
    wall: When | None = None
    # How a stage refusal names the action: "Moving cards happens at “Theme”."
    doing: str = ""
    # What someone whose role may not send it is told, when the default will not do.
    refusal: str = ""
    # Issued by the server itself (creating, joining, restoring): never a client's `command`.
    internal: bool = False

    @model_validator(mode="after")
    def _stage_rules_say_what(self) -> Access:
        if not self.doing and any(w.stages is not None for w in self.grants().values()):
            raise ValueError("a row that limits stages needs `doing` for its refusal")
        return self

    def grants(self) -> dict[Role, When]:
        """The roles that may send it, each with when."""
        given = {Role.FACILITATOR: self.facilitator, Role.PARTICIPANT: self.participant}
        given[Role.WALL] = self.wall
        return {role: when for role, when in given.items() if when is not None}


FACILITATORS = Access(facilitator=ANY_TIME)

_WALL_REFUSAL = "The wall display only shows the board."
_FACILITATOR_ONLY = "Only a facilitator can do that."
_MODE_REFUSALS: dict[ThemingMode, BoardError] = {
    "everyone": BoardError(
        "facilitators_only", "The facilitator is moving the cards now. You can suggest a move."
    ),
    "facilitators": BoardError(
        "move_it_yourself", "Everyone can move cards now. Move it yourself."
    ),
}


def check_access(access: Access, state: Board, actor: Actor) -> None:
    """Refuse `actor` if the row does not let their role send it now."""
    when = access.grants().get(actor.role)
    if when is None:
        default = _WALL_REFUSAL if actor.role == Role.WALL else _FACILITATOR_ONLY
        raise BoardError("not_allowed", access.refusal or default)
    if actor.role == Role.PARTICIPANT and not access.internal:
        check_participant(state, actor.participant_id)
    if when.stages is not None and state.stage not in when.stages:
        raise BoardError("stage_closed", _stage_refusal(access.doing, when.stages, state.stage))
    if when.theming_mode is not None and state.theming_mode != when.theming_mode:
        error = _MODE_REFUSALS[when.theming_mode]
        raise BoardError(error.code, error.message)


def _stage_refusal(doing: str, stages: frozenset[Stage], now: Stage) -> str:
    ordered = [stage for stage in ORDER if stage in stages]
    titles = [f"“{info(stage).title}”" for stage in ordered]
    if stages == from_stage(ordered[0]) and len(ordered) > 1:
        return f"{doing} starts at {titles[0]}. The board is at “{info(now).title}”."
    return f"{doing} happens at {' or '.join(titles)}. The board is not there now."


def when_json(when: When) -> Json:
    stages = None if when.stages is None else [s.value for s in ORDER if s in when.stages]
    return {"stages": stages, "theming_mode": when.theming_mode}


def policy_json(policy: dict[str, Access]) -> Json:
    """The policy as browsers get it: command type -> role -> {stages, theming_mode}."""
    return {
        name: {role.value: when_json(when) for role, when in access.grants().items()}
        for name, access in policy.items()
        if not access.internal
    }
