"""The pure WTfC domain: commands in, events out, state as a fold of events.

This is the only door server/ uses. A stage's rules, commands, events and
views are in its own module (board/theming.py, board/voting.py, ...);
board/registry.py lists them all.
"""

from board.archive import BoardArchive, RestoreBoard, archive_json, archive_of
from board.base import BoardError
from board.dealing import ReturnHand
from board.hands import live as cards_to_place
from board.model import Board
from board.policy import Access, When
from board.registry import (
    COMMAND,
    EVENT,
    INTERNAL,
    POLICY,
    Command,
    Event,
    apply,
    browser_policy,
    check_may,
    decide,
    event_from_json,
    fold,
    personal_to,
    preview_undo,
    project_event,
    project_state,
)
from board.report import report
from board.room import CreateBoard, JoinBoard, StartOnDevice
from board.stages import STAGES, StageInfo
from board.statements import AddStatements, new_only
from board.statements_csv import ParsedImport, RefusedRow, parse_statements
from board.tally import by_group, totals
from board.undo import UNDOABLE, Undo
from board.values import Actor, Category, Group, NewStatement, Person, Role, Stage

__all__ = [
    "COMMAND",
    "EVENT",
    "INTERNAL",
    "POLICY",
    "STAGES",
    "UNDOABLE",
    "Access",
    "Actor",
    "AddStatements",
    "Board",
    "BoardArchive",
    "BoardError",
    "Category",
    "Command",
    "CreateBoard",
    "Event",
    "Group",
    "JoinBoard",
    "NewStatement",
    "ParsedImport",
    "Person",
    "RefusedRow",
    "RestoreBoard",
    "ReturnHand",
    "Role",
    "Stage",
    "StageInfo",
    "StartOnDevice",
    "Undo",
    "When",
    "apply",
    "archive_json",
    "archive_of",
    "browser_policy",
    "by_group",
    "cards_to_place",
    "check_may",
    "decide",
    "event_from_json",
    "fold",
    "new_only",
    "parse_statements",
    "personal_to",
    "preview_undo",
    "project_event",
    "project_state",
    "report",
    "totals",
]
