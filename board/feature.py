"""One feature's tables: its commands with their handlers and access, its reducers, its views.

A feature module makes one `Feature` and fills it with decorators as the
module is read; board/registry.py then lists every feature by name. Nothing
is registered anywhere else, so importing a module never changes another.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from board.base import CommandBase, EventBase
from board.model import Board
from board.policy import Access
from board.values import Actor

Json = dict[str, Any]
C = TypeVar("C", bound=CommandBase)
E = TypeVar("E", bound=EventBase)

Decider = Callable[[C, Board, Actor, int], list[EventBase]]
Reducer = Callable[[E, Board], Board]
# An event as one viewer may see it, given the board just after it: the fields
# beyond `seq` and `type`, or None when the viewer may not know it happened.
Shower = Callable[[Any, Board, Actor], Json | None]
Personal = Callable[[Any, Board], str | None]
View = Callable[[Board, Actor], Json]


@dataclass(frozen=True, slots=True)
class Handler:
    decide: Decider[Any]
    access: Access


@dataclass(eq=False)
class Feature:
    name: str
    commands: dict[type[CommandBase], Handler] = field(default_factory=dict)
    reducers: dict[type[EventBase], Reducer[Any]] = field(default_factory=dict)
    showers: dict[type[EventBase], Shower] = field(default_factory=dict)
    personal: dict[type[EventBase], Personal] = field(default_factory=dict)
    views: list[View] = field(default_factory=list)
    # Events after which a client is sent the whole board again.
    whole_board: set[type[EventBase]] = field(default_factory=set)

    def decides(self, command: type[C], access: Access) -> Callable[[Decider[C]], Decider[C]]:
        """Register the handler of `command`, and who may send it when."""

        def register(decide: Decider[C]) -> Decider[C]:
            self.commands[command] = Handler(decide, access)
            return decide

        return register

    def applies(self, event: type[E]) -> Callable[[Reducer[E]], Reducer[E]]:
        """Register the reducer of `event`."""

        def register(reduce: Reducer[E]) -> Reducer[E]:
            self.reducers[event] = reduce
            return reduce

        return register

    def shows(self, *events: type[EventBase]) -> Callable[[Shower], Shower]:
        """Register how `events` look to each viewer."""

        def register(show: Shower) -> Shower:
            for event in events:
                self.showers[event] = show
            return show

        return register

    def personal_to(self, *events: type[EventBase]) -> Callable[[Personal], Personal]:
        """Register who gets their own copy of `events` (their dots, their card)."""

        def register(find: Personal) -> Personal:
            for event in events:
                self.personal[event] = find
            return find

        return register

    def view(self, build: View) -> View:
        """Register part of the board as a viewer sees it whole (join, snapshot)."""
        self.views.append(build)
        return build

    def resends_board(self, event: type[EventBase]) -> None:
        """After `event`, send each client the whole board (too much changed to patch)."""
        self.whole_board.add(event)
