"""Settle rows whose amounts could be placed more than one way, using the code hierarchy.

A 类 row equals the sum of its 款 rows, a 款 row the sum of its 项 rows, the
total the sum of the top rows.  When a row's dropped empty cells leave several
placements open (`align`), the placements of a family (a parent and its
children) are tried together; a row is settled only when every placement of
the family that satisfies the sums gives it the same values.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import product
from math import prod

from yusuan.extract.align import Segment, Values

MAX_COMBINATIONS = 4096


@dataclass
class Node:
    key: str
    parent: str | None
    segment: Segment


def resolve_by_hierarchy(nodes: list[Node]) -> None:
    by_key = {n.key: n for n in nodes}
    families: dict[str, list[Node]] = {}
    for node in nodes:
        if node.parent is not None and node.parent in by_key:
            families.setdefault(node.parent, []).append(node)
    changed = True
    while changed:
        changed = False
        for parent_key, children in families.items():
            members = [by_key[parent_key], *children]
            if _settle(members):
                changed = True


def _settle(members: list[Node]) -> bool:
    open_members = [i for i, m in enumerate(members) if m.segment.values is None]
    if not open_members or any(not members[i].segment.candidates for i in open_members):
        return False
    if prod(len(members[i].segment.candidates) for i in open_members) > MAX_COMBINATIONS:
        return False
    solutions: list[tuple[int, ...]] = []
    for combo in product(*(range(len(members[i].segment.candidates)) for i in open_members)):
        chosen = dict(zip(open_members, combo, strict=True))
        values = [
            m.segment.candidates[chosen[i]] if i in chosen else (m.segment.values or {}) for i, m in enumerate(members)
        ]
        if _family_holds(values[0], values[1:]):
            solutions.append(combo)
    settled = False
    for position, index in enumerate(open_members):
        choices = {s[position] for s in solutions}
        if len(choices) == 1:
            choice = choices.pop()
            segment = members[index].segment
            segment.values = segment.candidates[choice]
            segment.texts = segment.candidate_texts[choice]
            segment.candidates, segment.candidate_texts = [], []
            segment.placed_by = "hierarchy"
            settled = True
    return settled


def _family_holds(parent: Values, children: list[Values]) -> bool:
    for key in parent:
        total = sum((c.get(key) or Decimal(0) for c in children), Decimal(0))
        if (parent[key] or Decimal(0)) != total:
            return False
    return True
