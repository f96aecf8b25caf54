"""A board as a document to move or restore it, with no secret in it.

An archive keeps everything the room made, and of the votes only what the
room could see: how many voted, and for a revealed vote its dots per item and
by group (pooled, no group under 3 voters); a vote never revealed keeps no
count per item at all. An idea's grid ratings are kept, with no names, only
once 3 or more people rated it: a rating of one or two people would be
theirs to read (the facilitator's placement on the grid is always kept). It
never names a participant, never says who voted for what, and never says who
wrote a card.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal

from pydantic import Field, model_validator

from board.base import BoardError, CommandBase, EventBase, Frozen
from board.feature import Feature
from board.invest import MIN_RATERS
from board.model import Board
from board.policy import ANY_TIME, Access
from board.tally import shown
from board.values import (
    Action,
    Actor,
    Cause,
    FeedbackAnswer,
    Group,
    Idea,
    Participant,
    Placement,
    Round,
    RoundRules,
    ShownCount,
    Stage,
    Statement,
    SuccessStatement,
    Theme,
    ThemingMode,
    shown_from_first_format,
)

feature = Feature("archive")

# Restoring is done by the server, on import, into a board it has just created.
_RESTORING = Access(facilitator=ANY_TIME, internal=True)


class ArchivedRound(RoundRules):
    id: str
    status: Literal["closed", "revealed"]
    # What the room could see of it (board.tally.shown): never a count of a
    # vote that was not revealed, never a group of fewer than 3 voters.
    results: ShownCount

    @model_validator(mode="before")
    @classmethod
    def _first_format(cls, data: Any) -> Any:
        # Version 1 files kept `count`, dots by raw group: read as what may be shown of it.
        if isinstance(data, dict) and "count" in data and "results" not in data:
            revealed, blind = data.get("status") == "revealed", data.get("blind", True)
            rest = {k: v for k, v in data.items() if k != "count"}
            return {**rest, "results": shown_from_first_format(data["count"], revealed, blind)}
        return data


class BoardArchive(Frozen):
    """A board as a document (see board/archive.py): no names, no one's votes."""

    format: Literal["changeboard-board"] = "changeboard-board"
    # 2: rounds keep only what the room could see (`results`); 1 kept raw counts.
    version: Literal[1, 2] = 2
    title: str
    purpose: str = ""
    stage: Stage
    next_id: int
    statements: tuple[Statement, ...] = ()
    themes: tuple[Theme, ...] = ()
    theming_mode: ThemingMode = "everyone"
    hide_new_cards: bool = False
    carried: tuple[str, ...] = ()
    # How many joined, by group: nobody's name or id.
    participants: dict[Group, int] = Field(default_factory=dict)
    rounds: tuple[ArchivedRound, ...] = ()
    causes: tuple[Cause, ...] = ()
    successes: tuple[SuccessStatement, ...] = ()
    ideas: tuple[Idea, ...] = ()
    # Ratings per idea with nobody's name on them, only for ideas that 3 or more
    # people rated (MIN_RATERS); final placements by idea.
    ratings: dict[str, tuple[Placement, ...]] = Field(default_factory=dict)
    placements: dict[str, Placement] = Field(default_factory=dict)
    grid_view_shown: bool = False
    workshop_days: tuple[str, ...] = ()
    actions: tuple[Action, ...] = ()
    # Each person's answers, in no particular order, with nobody's name on them.
    feedback: tuple[tuple[FeedbackAnswer, ...], ...] = ()


class RestoreBoard(CommandBase):
    """Fill a new, empty board from an archive (issued by the server on import)."""

    type: Literal["restore_board"] = "restore_board"
    archive: BoardArchive


class BoardRestored(EventBase):
    type: Literal["board_restored"] = "board_restored"
    archive: BoardArchive


def archive_of(state: Board) -> BoardArchive:
    """The board as a document; refused while a vote is open."""
    if state.open_round is not None:
        raise BoardError("vote_open", "Close the open vote before saving the board.")
    return BoardArchive(
        title=state.title,
        purpose=state.purpose,
        stage=state.stage,
        next_id=state.next_id,
        statements=tuple(s.model_copy(update={"author": None}) for s in state.statements.values()),
        themes=tuple(state.themes.values()),
        theming_mode=state.theming_mode,
        hide_new_cards=state.hide_new_cards,
        carried=state.carried,
        participants=dict(Counter(p.group for p in state.participants.values())),
        rounds=tuple(_archived(state, r) for r in state.rounds.values()),
        causes=tuple(c.model_copy(update={"author": None}) for c in state.causes.values()),
        successes=tuple(s.model_copy(update={"author": None}) for s in state.successes.values()),
        ideas=tuple(i.model_copy(update={"author": None}) for i in state.ideas.values()),
        ratings={
            idea: tuple(given.values())
            for idea, given in state.ratings.items()
            if len(given) >= MIN_RATERS
        },
        placements=dict(state.placements),
        grid_view_shown=state.grid_view_shown,
        workshop_days=state.workshop_days,
        actions=tuple(state.actions.values()),
        feedback=tuple(state.feedback.values()),
    )


def archive_json(document: BoardArchive) -> str:
    """The archive as the file people download (cards carry no author field at all)."""
    unsigned = {"__all__": {"author"}}
    return document.model_dump_json(
        indent=1,
        exclude={name: unsigned for name in ("statements", "causes", "successes", "ideas")},
    )


# What a round and its archived form have in common: all but who put which dot.
_ROUND_FIELDS = {"id", *RoundRules.model_fields}


def _archived(state: Board, found: Round) -> ArchivedRound:
    status: Literal["closed", "revealed"] = "revealed" if found.status == "revealed" else "closed"
    shared = found.model_dump(include=_ROUND_FIELDS)
    return ArchivedRound(**shared, status=status, results=shown(state, found))


def _check_archive(document: BoardArchive) -> None:
    """An archive must hold together before a board is built from it."""
    statements = {s.id: s for s in document.statements}
    themes = {t.id: t for t in document.themes}
    causes = {c.id: c for c in document.causes}
    successes = {s.id for s in document.successes}
    ideas = {i.id for i in document.ideas}
    items = statements.keys() | themes.keys() | causes.keys() | ideas
    people = sum(document.participants.values())
    ids = [
        *statements,
        *themes,
        *(r.id for r in document.rounds),
        *causes,
        *successes,
        *ideas,
        *(a.id for a in document.actions),
    ]
    problems = [
        len(set(ids)) != len(ids),
        any(
            s.theme_id is not None
            and (s.theme_id not in themes or themes[s.theme_id].category != s.category)
            for s in statements.values()
        ),
        any(item not in items for r in document.rounds for item in r.items),
        any(item not in items for item in document.carried),
        any(_number(i) >= document.next_id for i in ids),
        any(
            c.theme_id not in themes or c.parent_id not in (None, *causes) for c in causes.values()
        ),
        any(s.cause_id not in causes for s in document.successes),
        any(serve not in successes for i in document.ideas for serve in i.serves),
        any(a.idea_id not in (None, *ideas) for a in document.actions),
        any(i not in ideas for i in (*document.ratings, *document.placements)),
        any(len(given) > people for given in document.ratings.values()),
        len(document.feedback) > people,
    ]
    if any(problems):
        raise BoardError("bad_archive", "This file does not hold together as a board.")


def _number(item_id: str) -> int:
    digits = item_id.lstrip("abcdefghijklmnopqrstuvwxyz")
    return int(digits) if digits.isdigit() else 0


def _stand_ins(by_group: dict[Group, int]) -> list[Participant]:
    people = [group for group, n in by_group.items() for _ in range(n)]
    return [Participant(id=f"a{n}", group=group) for n, group in enumerate(people, start=1)]


@feature.decides(RestoreBoard, _RESTORING)
def restore_board(
    command: RestoreBoard, state: Board, actor: Actor, now_ms: int
) -> list[EventBase]:
    if state.seq != 1:
        raise BoardError("board_not_empty", "A board can only be restored into a new board.")
    _check_archive(command.archive)
    return [BoardRestored(seq=state.seq + 1, archive=command.archive)]


@feature.applies(BoardRestored)
def board_restored(event: BoardRestored, state: Board) -> Board:
    document = event.archive
    rounds = {
        r.id: Round(**r.model_dump(include=_ROUND_FIELDS), status=r.status, archived=r.results)
        for r in document.rounds
    }
    stand_ins = _stand_ins(document.participants)
    ratings = {
        idea: {person.id: rating for person, rating in zip(stand_ins, given, strict=False)}
        for idea, given in document.ratings.items()
    }
    feedback = {
        person.id: answers for person, answers in zip(stand_ins, document.feedback, strict=False)
    }
    return state.model_copy(
        update={
            "causes": {c.id: c for c in document.causes},
            "successes": {s.id: s for s in document.successes},
            "ideas": {i.id: i for i in document.ideas},
            "ratings": ratings,
            "placements": dict(document.placements),
            "grid_view_shown": document.grid_view_shown,
            "workshop_days": document.workshop_days,
            "actions": {a.id: a for a in document.actions},
            "feedback": feedback,
            "title": document.title,
            "purpose": document.purpose,
            "stage": document.stage,
            "next_id": document.next_id,
            "statements": {s.id: s for s in document.statements},
            "themes": {t.id: t for t in document.themes},
            "theming_mode": document.theming_mode,
            "hide_new_cards": document.hide_new_cards,
            "carried": document.carried,
            # Stand-ins, one per person who took part: no one can join as them.
            "participants": {p.id: p for p in stand_ins},
            "rounds": rounds,
        }
    )


# Too much to patch in: the client takes the whole board again.
feature.resends_board(BoardRestored)
