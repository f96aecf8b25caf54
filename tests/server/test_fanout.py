"""What a newcomer is sent is exactly their own projection, however it is made."""

from __future__ import annotations

import socketio

from board import Actor, Board, Role, project_state
from board.ideas import AddIdea, ShortlistIdeas
from board.room import CreateBoard, JoinBoard, SetStage
from board.statements import AddStatements
from board.values import Category, Group, NewStatement
from board.voting import OpenRound, Vote
from server.fanout import Fanout
from tests.board.conftest import make, step

FACILITATOR = Actor(role=Role.FACILITATOR)


def board_in_use() -> Board:
    """A card "x" with p1's dot in an open round, a shortlisted idea, and p9 just joined."""
    state = step(
        Board(id="b1"), CreateBoard(board_id="b1", title="t", join_code="JJJJJJ"), FACILITATOR
    )
    card = NewStatement(category=Category.WORKING, text="x")
    state, x = make(state, AddStatements(statements=(card,)), FACILITATOR)
    state = step(state, JoinBoard(participant_id="p1", group=Group.PATIENT), FACILITATOR)
    state = step(state, SetStage(stage="prioritise"), FACILITATOR)
    state, vote = make(state, OpenRound(items=(x,), blind=False), FACILITATOR)
    state = step(
        state, Vote(round_id=vote, item=x), Actor(role=Role.PARTICIPANT, participant_id="p1")
    )
    state, idea = make(state, AddIdea(kind="radical", text="An idea"), FACILITATOR)
    state = step(state, ShortlistIdeas(idea_ids=(idea,)), FACILITATOR)
    return step(state, JoinBoard(participant_id="p9", group=Group.CARER), FACILITATOR)


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
