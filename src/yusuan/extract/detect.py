"""Choose the regional template a document follows, from its own words.

Each template (templates/*.yaml) lists `detect` patterns with weights: words
only its documents print (`公开01表`, `单位预留机动经费`, `财务收支预算总表`,
`上年结转结余情况明细表`, a province's name).  The document's folded text is
scored against every template and the best wins; with no evidence at all the
default (the reference's) template is used.  A caller may always name the
template instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from yusuan.extract.lines import TextLine
from yusuan.extract.normalise import fold
from yusuan.extract.template import DEFAULT_TEMPLATE, load_template
from yusuan.extract.template_data import template_ids as all_template_ids

SAMPLE_LINES = 4000


@cache
def template_ids() -> tuple[str, ...]:
    """The ids of every template shipped with yusuan, default first."""
    return tuple(sorted(all_template_ids(), key=lambda i: i != DEFAULT_TEMPLATE))


def template_scores(texts: Iterable[str]) -> dict[str, int]:
    folded = fold("".join(texts))
    return {
        template_id: sum(weight for pattern, weight in load_template(template_id).detect if pattern.search(folded))
        for template_id in template_ids()
    }


def detect_template(lines: Sequence[TextLine]) -> str:
    """The id of the template these lines follow best (the default when nothing points anywhere)."""
    scores = template_scores(line.text for line in lines[:SAMPLE_LINES])
    best = max(scores.items(), key=lambda item: (item[1], item[0] == DEFAULT_TEMPLATE))
    return best[0] if best[1] > 0 else DEFAULT_TEMPLATE
