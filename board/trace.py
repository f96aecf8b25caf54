"""Walk from an action back to the words people said in their reviews, and forward again."""

from __future__ import annotations

from typing import Any

from board.base import BoardError
from board.model import Board

Json = dict[str, Any]


def _cause_chain(state: Board, cause_id: str) -> list[Json]:
    """A root cause and every "why?" above it, deepest first."""
    chain = []
    seen: set[str] = set()
    current = state.causes.get(cause_id)
    while current is not None and current.id not in seen:
        seen.add(current.id)
        chain.append({"id": current.id, "text": current.text})
        current = state.causes.get(current.parent_id or "")
    return chain


def trail(state: Board, action_id: str) -> Json:
    """The action, its idea, the success it serves, the causes, themes and statements behind it."""
    action = state.actions.get(action_id)
    if action is None:
        raise BoardError("unknown_action", "That action is not on this board.")
    idea = state.ideas.get(action.idea_id or "")
    successes = [state.successes[s] for s in (idea.serves if idea else ()) if s in state.successes]
    causes = {s.cause_id: _cause_chain(state, s.cause_id) for s in successes}
    theme_ids = list(dict.fromkeys(state.causes[c].theme_id for c in causes if c in state.causes))
    themes = []
    for theme_id in theme_ids:
        theme = state.themes.get(theme_id)
        if theme is None:
            continue
        cards = [
            {"id": s.id, "review": s.review, "text": s.text}
            for s in state.statements.values()
            if s.theme_id == theme_id and not s.hidden
        ]
        themes.append(
            {
                "id": theme.id,
                "title": theme.title,
                "i_statement": theme.i_statement,
                "statements": cards,
            }
        )
    return {
        "action": {"id": action.id, "text": action.text, "owner": action.owner, "due": action.due},
        "idea": {"id": idea.id, "kind": idea.kind.value, "text": idea.text} if idea else None,
        "successes": [
            {"id": s.id, "perspective": s.perspective.value, "text": s.text, "cause_id": s.cause_id}
            for s in successes
        ],
        "causes": causes,
        "themes": themes,
    }


def actions_from_statement(state: Board, statement_id: str) -> list[str]:
    """Forward: the actions that grew from a statement, through its theme."""
    statement = state.statements.get(statement_id)
    if statement is None or statement.theme_id is None:
        return []
    return [
        action_id
        for action_id in state.actions
        if any(t["id"] == statement.theme_id for t in trail(state, action_id)["themes"])
    ]
