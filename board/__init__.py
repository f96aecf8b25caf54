"""The pure WTfC domain: commands in, events out, state as a fold of events."""

from board.apply import apply, fold
from board.commands import COMMAND, INTERNAL, Command
from board.decide import decide
from board.errors import BoardError
from board.events import EVENT, Event, event_from_json
from board.model import Actor, Board, Category, Group, Person, Role, Stage
from board.projection import by_group, personal_to, project_event, project_state, totals
from board.statements_csv import ParsedImport, RefusedRow, parse_statements

__all__ = [
    "COMMAND",
    "EVENT",
    "INTERNAL",
    "Actor",
    "Board",
    "BoardError",
    "Category",
    "Command",
    "Event",
    "Group",
    "ParsedImport",
    "Person",
    "RefusedRow",
    "Role",
    "Stage",
    "apply",
    "by_group",
    "decide",
    "event_from_json",
    "fold",
    "parse_statements",
    "personal_to",
    "project_event",
    "project_state",
    "totals",
]
