"""What the board says to commissioners: the data behind the summary and the full report.

Only what the room could see goes in: revealed votes, by group with small
groups pooled, and live votes once closed (their totals: the room watched
them; by group once revealed); statements by review code; no participant named.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from board.feedback import feedback_summary
from board.invest import quadrant_of, shown_view
from board.model import Board
from board.plan import ordered_actions
from board.stages import info
from board.tally import by_group, totals
from board.trace import trail
from board.values import Category, Quadrant, Round, Statement

Json = dict[str, Any]


def _statement(statement: Statement, state: Board) -> Json:
    theme = state.themes.get(statement.theme_id or "")
    return {
        "id": statement.id,
        "review": statement.review,
        "person": statement.person.value if statement.person else None,
        "category": statement.category.value,
        "priority": statement.priority,
        "text": statement.text,
        "theme": theme.title if theme else None,
    }


def label(state: Board, item: str) -> str:
    """What an item is called on screen and in print."""
    if item in state.themes:
        theme = state.themes[item]
        return theme.i_statement or theme.title
    if item in state.statements:
        return state.statements[item].text
    return "(removed)"


def _revealed(state: Board) -> list[Round]:
    """The votes whose results the room saw: revealed ones, and live ones once closed."""
    return [
        r
        for r in state.rounds.values()
        if r.status == "revealed" or (not r.blind and r.status == "closed")
    ]


def _split_shown(state: Board, found: Round) -> dict[str, dict[str, int]]:
    """The split by group, once the room was shown it (with the reveal)."""
    return by_group(state, found) if found.status == "revealed" else {}


def _votes(state: Board) -> dict[str, Json]:
    """Each item's dots over every revealed vote: total and by group."""
    result: dict[str, Json] = {}
    for found in _revealed(state):
        split = _split_shown(state, found)
        for item, total in totals(found).items():
            entry = result.setdefault(item, {"total": 0, "by_group": Counter()})
            entry["total"] += total
            entry["by_group"].update(split.get(item, {}))
    return {k: {"total": v["total"], "by_group": dict(v["by_group"])} for k, v in result.items()}


def _ranked(state: Board, found: Round) -> list[Json]:
    """A revealed round's items, most dots first; equal counts share a rank."""
    counted = totals(found)
    split = _split_shown(state, found)
    order = sorted(found.items, key=lambda item: -counted[item])
    ranked: list[Json] = []
    for item in order:
        rank = 1 + sum(1 for other in found.items if counted[other] > counted[item])
        tied = sum(1 for other in found.items if counted[other] == counted[item]) > 1
        ranked.append(
            {
                "id": item,
                "label": label(state, item),
                "total": counted[item],
                "by_group": split.get(item, {}),
                "rank": rank,
                "tied": tied,
            }
        )
    return ranked


def report(state: Board) -> Json:
    """Everything the summary and the full report are drawn from."""
    votes = _votes(state)
    carried = [item for item in state.carried if item in state.themes or item in state.statements]
    themes: list[Json] = []
    for theme in state.themes.values():
        cards = [s for s in state.statements.values() if s.theme_id == theme.id and not s.hidden]
        themes.append(
            {
                "id": theme.id,
                "category": theme.category.value,
                "title": theme.title,
                "i_statement": theme.i_statement,
                "statements": [_statement(s, state) for s in cards],
                "carried": theme.id in carried,
                "votes": votes.get(theme.id, {"total": 0, "by_group": {}}),
            }
        )
    themes.sort(key=lambda t: (not t["carried"], -t["votes"]["total"], t["category"], t["title"]))
    if carried:
        top = [
            next(t for t in themes if t["id"] == item) for item in carried if item in state.themes
        ]
    else:
        top = [t for t in themes if t["votes"]["total"] > 0][:5]
    shown = [s for s in state.statements.values() if not s.hidden]
    taken = {s.id for s in shown if s.theme_id in carried or s.id in carried}
    groups = Counter(p.group.value for p in state.participants.values())
    return {
        "title": state.title,
        "purpose": state.purpose,
        "stage": state.stage.value,
        "stage_title": info(state.stage).title,
        "workshop_days": list(state.workshop_days),
        "participation": {"joined": len(state.participants), "by_group": dict(groups)},
        "statements": {
            "total": len(shown),
            "by_category": {c.value: sum(1 for s in shown if s.category == c) for c in Category},
            "workshop": sum(1 for s in shown if s.priority <= 2),
            "extra": sum(1 for s in shown if s.priority > 2),
            "unthemed": sum(1 for s in shown if s.theme_id is None),
        },
        "top_themes": top,
        "themes": themes,
        "rounds": [
            {
                "id": r.id,
                "title": r.title,
                "blind": r.blind,
                "voters": r.voters,
                "dots_per_person": r.dots_per_person,
                "items": _ranked(state, r),
            }
            for r in _revealed(state)
        ],
        "not_taken_forward": [_statement(s, state) for s in shown if s.id not in taken],
        **_second_day(state),
    }


def _cause_tree(state: Board, theme_id: str, parent_id: str | None) -> list[Json]:
    return [
        {
            "id": cause.id,
            "text": cause.text,
            "chosen": cause.chosen,
            "successes": [
                {"perspective": s.perspective.value, "text": s.text}
                for s in state.successes.values()
                if s.cause_id == cause.id
            ],
            "why": _cause_tree(state, theme_id, cause.id),
        }
        for cause in state.causes.values()
        if cause.theme_id == theme_id and cause.parent_id == parent_id
    ]


def _second_day(state: Board) -> Json:
    """Root causes, success, ideas, the grid, the plan and feedback."""
    ideas = []
    for idea in state.ideas.values():
        quadrant = quadrant_of(state, idea.id)
        ideas.append(
            {
                "id": idea.id,
                "kind": idea.kind.value,
                "text": idea.text,
                "serves": [state.successes[s].text for s in idea.serves if s in state.successes],
                "shortlisted": idea.shortlisted,
                # Off the shortlist, an idea is off the grid.
                "room": shown_view(state, idea.id) if idea.shortlisted else None,
                "placement": (
                    state.placements[idea.id].model_dump(mode="json")
                    if idea.id in state.placements and idea.shortlisted
                    else None
                ),
                "quadrant": quadrant.value if quadrant else None,
            }
        )
    actions = []
    for action in ordered_actions(state):
        quadrant = quadrant_of(state, action.idea_id)
        served = state.ideas.get(action.idea_id or "")
        actions.append(
            {
                **action.model_dump(mode="json"),
                "idea": served.text if served else None,
                "quadrant": quadrant.value if quadrant else None,
                "trail": trail(state, action.id),
            }
        )
    return {
        "root_causes": [
            {"theme_id": t.id, "theme": t.title, "why": _cause_tree(state, t.id, None)}
            for t in state.themes.values()
            if any(c.theme_id == t.id for c in state.causes.values())
        ],
        "ideas": ideas,
        "actions": actions,
        "quick_wins": [a for a in actions if a["quadrant"] == Quadrant.QUICK_WIN.value],
        "feedback": feedback_summary(state),
    }
