"""What a newcomer is sent is exactly their own projection, however it is made."""

from __future__ import annotations

import socketio

from board import Actor, Board, Role, decide, fold, project_state
from board.ideas import AddIdea, ShortlistIdeas
from board.room import CreateBoard, JoinBoard, SetStage
from board.statements import AddStatements
from board.values import Category, Group, NewStatement
from board.voting import OpenRound, Vote
from server.fanout import Fanout

FACILITATOR = Actor(role=Role.FACILITATOR)


def board_in_use() -> Board:
    state = Board(id="b1")
    steps = [
        (CreateBoard(board_id="b1", title="t", join_code="JJJJJJ"), FACILITATOR),
        (
            AddStatements(statements=(NewStatement(category=Category.WORKING, text="x"),)),
            FACILITATOR,
        ),
        (JoinBoard(participant_id="p1", group=Group.PATIENT), FACILITATOR),
        (SetStage(stage="prioritise"), FACILITATOR),
        (OpenRound(items=("s1",), blind=False), FACILITATOR),
        (Vote(round_id="r2", item="s1"), Actor(role=Role.PARTICIPANT, participant_id="p1")),
        (AddIdea(kind="radical", text="An idea"), FACILITATOR),
        (ShortlistIdeas(idea_ids=("i3",)), FACILITATOR),
        (JoinBoard(participant_id="p9", group=Group.CARER), FACILITATOR),
    ]
    for command, actor in steps:
        state = fold(decide(state, command, actor), state)
    return state


def test_a_newcomers_board_equals_their_own_projection() -> None:
    state = board_in_use()
    newcomer = Actor(role=Role.PARTICIPANT, participant_id="p9")
    fanout = Fanout(socketio.AsyncNamespace("/"))
    first = fanout.newcomer_state(state, newcomer)
    again = fanout.newcomer_state(state, newcomer)  # from the cache
    assert first == again == project_state(state, newcomer)
    assert first["rounds"][0]["mine"] == {}
    assert first["grid"][0]["mine"] is None
    assert first["you"] == {"id": "p9", "name": "", "group": "carer", "no_device": False}
