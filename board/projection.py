"""What each audience may see of the board. Secrets stop here.

No projection ever carries who voted for what. A blind round's counts appear
only once it is revealed; a live round shows totals while it runs; the split
by group comes with the reveal and never singles out a small group. A
participant sees their own dots. Cards a facilitator keeps hidden reach only
facilitators and their author. A redacted event keeps its `seq`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from board.events import (
    BoardCreated,
    BoardRestored,
    BoardUpdated,
    CardsRevealed,
    CardVisibilitySet,
    DotPlaced,
    DotRemoved,
    Event,
    ItemsCarriedForward,
    MoveSuggested,
    ParticipantJoined,
    RoundClosed,
    RoundOpened,
    RoundRevealed,
    StageSet,
    StatementMoved,
    StatementsAdded,
    SuggestionSettled,
    ThemeCreated,
    ThemeDeleted,
    ThemeMerged,
    ThemeUpdated,
    ThemingModeSet,
    TimerSet,
)
from board.model import Actor, Board, Group, Participant, Role, Round, RoundCount, Statement
from board.outcome_events import RoundHidden, ThemeRestored
from board.outcome_projection import outcome_event, outcome_state
from board.outcome_projection import personal as outcome_personal

Json = dict[str, Any]


# The groups a revealed tally is split into: "what patients actually want, as
# opposed to what professionals imagine they want".
DISPLAY_GROUPS: dict[Group, str] = {
    Group.PATIENT: "patients and carers",
    Group.CARER: "patients and carers",
    Group.PROFESSIONAL: "professionals",
    Group.COMMISSIONER: "commissioners",
    Group.THIRD_SECTOR: "third sector",
    Group.OTHER: "other",
}
POOLED = "other groups"
# A group with fewer voters than this is never shown on its own: one
# commissioner's dots, shown as "commissioners", would be that person's vote.
MIN_GROUP = 3


def count(state: Board, found: Round) -> RoundCount:
    """A round's dots by item and group, live and archived together."""
    voters: Counter[Group] = Counter(found.archived.voters_by_group if found.archived else {})
    dots: dict[str, Counter[Group]] = {item: Counter() for item in found.items}
    if found.archived:
        for item, groups in found.archived.dots.items():
            dots.setdefault(item, Counter()).update(groups)
    for pid, mine in found.dots.items():
        if not mine:
            continue
        group = state.participants[pid].group
        voters[group] += 1
        for item, n in mine.items():
            dots[item][group] += n
    return RoundCount(
        voters_by_group=dict(voters), dots={item: dict(groups) for item, groups in dots.items()}
    )


def totals(found: Round) -> dict[str, int]:
    """Dots per item, every item present."""
    counts = dict.fromkeys(found.items, 0)
    if found.archived:
        for item, groups in found.archived.dots.items():
            counts[item] = counts.get(item, 0) + sum(groups.values())
    for mine in found.dots.values():
        for item, n in mine.items():
            counts[item] += n
    return counts


def _buckets(sizes: Counter[str]) -> dict[str, str]:
    """Each display group's bucket, small ones pooled until none has < MIN_GROUP voters."""
    shown = Counter({g: n for g, n in sizes.items() if n})
    small = {g for g, n in shown.items() if n < MIN_GROUP}
    while small and shown:
        pooled = sum(shown[g] for g in small)
        shown = Counter({g: n for g, n in shown.items() if g not in small})
        if pooled >= MIN_GROUP or not shown:
            shown[POOLED] = pooled
            break
        # Still small: fold the smallest shown group in with it too, but keep
        # patients and carers apart while any other group can go instead.
        smallest = min(shown, key=lambda g: (g == DISPLAY_GROUPS[Group.PATIENT], shown[g], g))
        small = {smallest, POOLED}
        shown[POOLED] = pooled
    return {g: (g if g in shown else POOLED) for g in sizes}


def by_group(state: Board, found: Round) -> dict[str, dict[str, int]]:
    """Dots per item split by display group, no group small enough to single anyone out."""
    counted = count(state, found)
    sizes: Counter[str] = Counter()
    for group, n in counted.voters_by_group.items():
        sizes[DISPLAY_GROUPS[group]] += n
    bucket = _buckets(sizes)
    result: dict[str, Counter[str]] = {item: Counter() for item in found.items}
    for item, groups in counted.dots.items():
        for group, n in groups.items():
            result[item][bucket[DISPLAY_GROUPS[group]]] += n
    return {item: dict(groups) for item, groups in result.items()}


def _round(state: Board, found: Round, viewer: Actor) -> Json:
    return {
        "id": found.id,
        "title": found.title,
        "items": list(found.items),
        "dots_per_person": found.dots_per_person,
        "max_per_item": found.max_per_item,
        "blind": found.blind,
        "remind_unused": found.remind_unused,
        "status": found.status,
        **_progress(state, found, viewer),
    }


def _progress(state: Board, found: Round, viewer: Actor) -> Json:
    progress: Json = {"voters": found.voters, "dots_cast": found.dots_cast}
    if not found.blind or found.status == "revealed":
        progress["totals"] = totals(found)
    if found.status == "revealed":
        progress["by_group"] = by_group(state, found)
    if viewer.role == Role.PARTICIPANT and viewer.participant_id is not None:
        progress["mine"] = dict(found.dots_of(viewer.participant_id))
    return progress


def _visible_ids(ids: tuple[str, ...], after: Board, viewer: Actor) -> list[str]:
    # Even the id of a hidden card would tell people it is there.
    return [
        sid for sid in ids if sid in after.statements and after.statements[sid].visible_to(viewer)
    ]


def _statement(statement: Statement, viewer: Actor) -> Json:
    shown = statement.model_dump(mode="json", exclude={"author", "hidden"})
    if viewer.role == Role.FACILITATOR:
        shown["hidden"] = statement.hidden
    if viewer.participant_id is not None and statement.author == viewer.participant_id:
        shown["mine"] = True
        shown["hidden"] = statement.hidden  # so the author knows who can see it yet
    return shown


def _statements(statements: Any, viewer: Actor) -> list[Json]:
    return [_statement(s, viewer) for s in statements if s.visible_to(viewer)]


def _presence(state: Board, viewer: Actor) -> Json:
    groups = Counter(p.group.value for p in state.participants.values())
    shown: Json = {"count": len(state.participants), "by_group": dict(groups)}
    if viewer.role == Role.FACILITATOR:
        shown["people"] = [_person(p) for p in state.participants.values()]
    return shown


def _person(participant: Participant) -> Json:
    return participant.model_dump(mode="json")


def _timer(state: Board) -> Json | None:
    return state.timer.model_dump(mode="json") if state.timer else None


def project_state(state: Board, viewer: Actor) -> Json:
    """The whole board as `viewer` may see it."""
    shown: Json = {
        "id": state.id,
        "seq": state.seq,
        "title": state.title,
        "purpose": state.purpose,
        "join_code": state.join_code,
        "stage": state.stage.value,
        "statements": _statements(state.statements.values(), viewer),
        "themes": [t.model_dump(mode="json") for t in state.themes.values()],
        "theming_mode": state.theming_mode,
        "carried": list(state.carried),
        "timer": _timer(state),
        "participants": _presence(state, viewer),
        "rounds": [_round(state, r, viewer) for r in state.rounds.values()],
        **outcome_state(state, viewer),
    }
    if viewer.role == Role.FACILITATOR:
        shown["retain_until_ms"] = state.retain_until_ms
        shown["hide_new_cards"] = state.hide_new_cards
        shown["suggestions"] = [
            s.model_dump(mode="json", exclude={"by"}) for s in state.suggestions.values()
        ]
    if viewer.participant_id is not None and viewer.participant_id in state.participants:
        shown["you"] = _person(state.participants[viewer.participant_id])
    return shown


def project_event(event: Event, after: Board, viewer: Actor) -> Json:
    """`event` as `viewer` may see it, given the board just after it."""
    base: Json = {"seq": event.seq, "type": event.type}
    facilitator = viewer.role == Role.FACILITATOR
    outcome = outcome_event(event, after, viewer)
    if outcome is not None:
        return {**base, **outcome}
    match event:
        case BoardCreated() | BoardUpdated():
            return {
                **base,
                "title": after.title,
                "purpose": after.purpose,
                "join_code": after.join_code,
            }
        case BoardRestored():
            # Too much to patch in: the client takes the whole board again.
            return {**base, "board": project_state(after, viewer)}
        case StageSet():
            return {**base, "stage": event.stage.value, "previous": event.previous.value}
        case ParticipantJoined():
            counts = {k: v for k, v in _presence(after, viewer).items() if k != "people"}
            if facilitator:
                counts["person"] = _person(event.participant)
            return {**base, "participants": counts}
        case TimerSet():
            return {**base, "action": event.action, "timer": _timer(after)}
        case StatementsAdded():
            return {**base, "statements": _statements(event.statements, viewer)}
        case CardVisibilitySet():
            return (
                {**base, "hide_new": event.hide_new}
                if facilitator
                else {**base, "type": "redacted"}
            )
        case CardsRevealed():
            revealed = [after.statements[sid] for sid in event.statement_ids]
            return {**base, "statements": _statements(revealed, viewer)}
        case ThemeCreated() | ThemeUpdated():
            return {**base, "theme": event.theme.model_dump(mode="json")}
        case ThemeMerged():
            return {
                **base,
                "theme_id": event.theme_id,
                "into_id": event.into_id,
                "moved": _visible_ids(event.moved, after, viewer),
                "carried": list(after.carried),
            }
        case ThemeDeleted():
            return {
                **base,
                "theme_id": event.theme_id,
                "released": _visible_ids(event.released, after, viewer),
                "carried": list(after.carried),
            }
        case StatementMoved():
            if not after.statements[event.statement_id].visible_to(viewer):
                return {**base, "type": "redacted"}
            return {
                **base,
                "statement_id": event.statement_id,
                "theme_id": event.theme_id,
                "previous": event.previous,
            }
        case ThemingModeSet():
            return {**base, "mode": event.mode}
        case MoveSuggested():
            if not facilitator:
                return {**base, "type": "redacted"}
            return {**base, "suggestion": event.suggestion.model_dump(mode="json", exclude={"by"})}
        case SuggestionSettled():
            if not facilitator:
                return {**base, "type": "redacted"}
            return {**base, "suggestion_id": event.suggestion_id, "accepted": event.accepted}
        case ThemeRestored():
            # An undone merge or delete: the theme, its cards back in it, the carried list.
            return {
                **base,
                "theme": event.theme.model_dump(mode="json"),
                "cards": _visible_ids(event.cards, after, viewer),
                "carried": list(after.carried),
            }
        case RoundOpened() | RoundClosed() | RoundRevealed() | RoundHidden():
            return {**base, "round": _round(after, after.rounds[event.round_id], viewer)}
        case DotPlaced() | DotRemoved():
            found = after.rounds[event.round_id]
            return {**base, "round_id": found.id, **_progress(after, found, viewer)}
        case ItemsCarriedForward():
            return {**base, "items": list(event.items)}
    return {**base, "type": "redacted"}  # pragma: no cover - the union is closed


def personal_to(event: Event, after: Board) -> str | None:
    """The participant who must get their own copy of `event` (their dots, their card)."""
    if isinstance(event, DotPlaced | DotRemoved):
        return event.participant_id
    if isinstance(event, StatementsAdded) and event.source == "participant":
        return event.statements[0].author
    if (someone := outcome_personal(event)) is not None:
        return someone
    if isinstance(event, StatementMoved):
        moved = after.statements.get(event.statement_id)
        if moved is not None and moved.hidden:
            return moved.author
    return None
