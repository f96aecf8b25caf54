"""The WTfC stages in order, in plain English."""

from __future__ import annotations

from board.base import Frozen
from board.values import Stage


class StageInfo(Frozen):
    stage: Stage
    title: str
    summary: str


STAGES: tuple[StageInfo, ...] = (
    StageInfo(
        stage=Stage.PREPARE, title="Get ready", summary="Agree the purpose and invite people."
    ),
    StageInfo(
        stage=Stage.COLLECT, title="Collect", summary="Gather what people said in their reviews."
    ),
    StageInfo(stage=Stage.THEME, title="Theme", summary="Group the statements into themes."),
    StageInfo(
        stage=Stage.PRIORITISE, title="Prioritise", summary="Vote with dots on what matters most."
    ),
    StageInfo(
        stage=Stage.UNDERSTAND,
        title="Understand",
        summary="Ask why, again and again, to find root causes.",
    ),
    StageInfo(stage=Stage.SUCCESS, title="Success", summary="Say what success would look like."),
    StageInfo(
        stage=Stage.IDEAS, title="Ideas", summary="Note what is in place, then share new ideas."
    ),
    StageInfo(stage=Stage.INVEST, title="Invest", summary="Place ideas by cost and benefit."),
    StageInfo(stage=Stage.PLAN, title="Plan", summary="Agree who does what, by when."),
    StageInfo(stage=Stage.REFLECT, title="Reflect", summary="Tell us how the day went."),
)

ORDER: tuple[Stage, ...] = tuple(info.stage for info in STAGES)


def info(stage: Stage) -> StageInfo:
    return STAGES[ORDER.index(stage)]


def from_stage(stage: Stage) -> frozenset[Stage]:
    """`stage` and every stage after it."""
    return frozenset(ORDER[ORDER.index(stage) :])
