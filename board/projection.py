"""What each audience may see of the board: the helpers every feature's views share.

Secrets stop here. No projection ever carries who voted for what. A blind
round's counts appear only once it is revealed; a live round shows totals
while it runs; the split by group comes with the reveal and never singles out
a small group. A participant sees their own dots. Cards a facilitator keeps
hidden reach only facilitators and their author. Authors of causes and ideas
are never shown, nor anyone's rating or feedback as theirs, except to
themselves. A redacted event keeps its `seq`.

Each feature says how its own events look (`Feature.shows`) and what it adds
to the whole board (`Feature.view`); board/registry.py puts them together.

One style for every stage: a client gets the whole board once (on joining,
or in a snapshot) and after that each event carries only what it changed,
which the client patches in: the record it made or changed, whole (a card, a
theme, a vote, a cause, a grid row, an action), or the ids it moved or
removed. It never sends again a list the client already has. Resending lists
is simpler to apply but grows with the board, and a real board is big: with
95 cards a question, 40 people, 120 root causes, 80 ideas and 30 actions, a
new cause was 15 KB and a rating 8 KB, to each of 40 or more screens, for
hundreds of events a day; as patches they are 0.14 KB and 0.8 KB
(tests/board/test_frames.py). The few things sent whole are small by nature:
the carried list (at most 50 ids), a vote's totals, the plan's order (one id
an action), a shortlist's grid rows, the feedback summary, and after
`board_restored` the whole board.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from board.model import Board
from board.values import Actor, Role, Statement

Json = dict[str, Any]


def facilitator(viewer: Actor) -> bool:
    return viewer.role == Role.FACILITATOR


def statement_json(statement: Statement, viewer: Actor) -> Json:
    shown = statement.model_dump(mode="json", exclude={"author", "hidden"})
    if viewer.role == Role.FACILITATOR:
        shown["hidden"] = statement.hidden
    if viewer.participant_id is not None and statement.author == viewer.participant_id:
        shown["mine"] = True
        shown["hidden"] = statement.hidden  # so the author knows who can see it yet
    return shown


def statements_json(statements: Iterable[Statement], viewer: Actor) -> list[Json]:
    return [statement_json(s, viewer) for s in statements if s.visible_to(viewer)]


def visible_ids(ids: Iterable[str], after: Board, viewer: Actor) -> list[str]:
    """The cards of `ids` the viewer may know of: even the id of a hidden card would tell."""
    return [
        sid for sid in ids if sid in after.statements and after.statements[sid].visible_to(viewer)
    ]


def unsigned(item: Any) -> Json:
    """A cause, success statement or idea without its author."""
    shown: Json = item.model_dump(mode="json", exclude={"author"})
    return shown
