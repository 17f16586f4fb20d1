"""Match a table's printed item labels to the template's row list.

An `items` table (收支总表, 收入总表, …) prints fixed items whose words vary by
region (收入总计 / 收入合计, 一般公共预算拨款收入 / 财政拨款收入…); the
template lists each row with every label it is known by.  A label is matched
exactly first (the current section's rows before any other, then in printed
order), else to the most similar label; a class name only exactly, and
`其他XX` never to `XX`.  A row printed under a heading belongs to that heading.
Split from `table_rows`, which reads the rows, to keep one job per module.
"""

from __future__ import annotations

from yusuan.extract.normalise import fold_item, is_similar, similarity
from yusuan.extract.template import RowSpec
from yusuan.identity_cache import by_identity


def known_item(label: str, specs: tuple[RowSpec, ...]) -> bool:
    """The label, folded, is one of the row specs' own labels."""
    folded = fold_item(label)
    return any(folded in r.labels for r in specs)


_ITEM_SIMILARITY = 0.85


def match_item(label: str, specs: tuple[RowSpec, ...], start: int, section: str | None = None) -> int | None:
    """The row spec a label names: an exact label first (one of the current section's rows before any other,
    then in printed order from `start`), else the most similar label (≥ `_ITEM_SIMILARITY`).  A class name
    (`一、一般公共服务支出`, key = its code) is matched exactly only, and `其他XX` is never `XX`: they differ
    by a word, not by a misprint."""
    folded = fold_item(label)
    if not folded:
        return None
    prefix = f"{section}."
    exact = _rows_by_label(specs).get(folded)
    if exact:  # the first in the order below: the section's rows, then the others, each from `start` round
        inside = [i for i in exact if specs[i].key.startswith(prefix)] if section is not None else []
        among = inside or exact
        return next((i for i in among if i >= start), among[0])
    order: list[int] = [*range(start, len(specs)), *range(start)]
    if section is not None:
        inside = [i for i in order if specs[i].key.startswith(prefix)]
        taken = set(inside)
        order = inside + [i for i in order if i not in taken]
    scores = _scores(specs, folded)
    best: tuple[float, int | None] = (0.0, None)
    for index in order:
        score = scores[index]
        if score >= _ITEM_SIMILARITY and score > best[0]:
            best = (score, index)
    return best[1]


_KEPT_LABELS = 4096


def _scores(specs: tuple[RowSpec, ...], folded: str) -> tuple[float, ...]:
    """How alike a folded label is to each row spec (0 for a class row, matched exactly only), kept per spec
    tuple and label: a table is read under several candidate forms, and each asks again."""
    kept = _scores_by_label(specs)
    scores = kept.get(folded)
    if scores is None:
        if len(kept) >= _KEPT_LABELS:
            kept.clear()
        scores = kept[folded] = tuple(_score(folded, row) for row in specs)
    return scores


def _score(folded: str, row: RowSpec) -> float:
    if row.key.isdigit():
        return 0.0
    # only a word at least `_ITEM_SIMILARITY` alike can decide: the rest are ruled out by cheap bounds
    words = [w for w in row.labels if not _other_of(folded, w) and is_similar(folded, w, _ITEM_SIMILARITY)]
    return max((similarity(folded, word) for word in words), default=0.0)


@by_identity
def _scores_by_label(specs: tuple[RowSpec, ...]) -> dict[str, tuple[float, ...]]:
    """`_scores` made so far for one spec tuple, by folded label."""
    return {}


@by_identity
def _rows_by_label(specs: tuple[RowSpec, ...]) -> dict[str, list[int]]:
    """The positions of the row specs that list each label, ascending (kept per spec tuple)."""
    positions: dict[str, list[int]] = {}
    for index, row in enumerate(specs):
        for label in row.labels:
            if not positions.get(label) or positions[label][-1] != index:
                positions.setdefault(label, []).append(index)
    return positions


def _other_of(label: str, word: str) -> bool:
    """`其他收入` is not `收入`: a label that begins with 其他 against a word that does not."""
    return label.startswith("其他") and not word.startswith("其他")


def is_heading(key: str, specs: tuple[RowSpec, ...]) -> bool:
    """A row the spec gives rows of its own (`fiscal.carryover` over `fiscal.carryover.government_fund`)."""
    return any(r.key.startswith(f"{key}.") for r in specs)


def in_section(index: int, specs: tuple[RowSpec, ...], section: str | None) -> int:
    """A row under a heading belongs to it whatever its own words: `一般公共预算` printed under `二、上年结转`
    is the carryover's general budget, not the current year's (the spec names the fund after the heading's
    key: `fiscal.carryover.general_public_budget`)."""
    key = specs[index].key
    if section is None or key.startswith(f"{section}.") or key == section or key.isdigit():
        return index
    fund = key.rsplit(".", 1)[-1]
    inside = [i for i, r in enumerate(specs) if r.key.startswith(f"{section}.") and r.key.endswith(f".{fund}")]
    return inside[0] if len({specs[i].key for i in inside}) == 1 else index
