"""A vote's counts: dots per item, and by group with no group small enough to single anyone out."""

from __future__ import annotations

from collections import Counter

from board.model import Board
from board.values import Group, Round, RoundCount

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
