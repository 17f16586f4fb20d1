"""Rows a printed table shows twice or splits: a 合计 row repeated on a continuation page, a label merged
across side-by-side blocks.

A table continued on the next page may print its 合计 row again under the repeated header (佛山 决算): that
repeat is not a second row.  A label printed in one block whose amount stands under the next block (`当年支出
小计`, `公用经费合计` over two blocks of codes) is one row, not a label without money and money without a label.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from yusuan.extract.align import Segment
from yusuan.extract.lines import TextLine
from yusuan.model.kinds import Side


class DraftRow(Protocol):
    """A row being read (table_rows.Draft): its line, side, placed cells and what the reader made of it."""

    line: TextLine
    side: Side | None
    segment: Segment
    is_total: bool
    dropped: bool


def drop_repeated_totals(drafts: Sequence[DraftRow]) -> None:
    """Mark dropped the first row of a page that repeats an earlier total of its side figure for figure."""
    totals: list[DraftRow] = []
    previous: DraftRow | None = None
    for draft in drafts:
        before, previous = previous, draft
        if not draft.is_total or draft.dropped:
            continue
        new_page = before is not None and draft.line.page is not None and draft.line.page != before.line.page
        if new_page and any(t.side == draft.side and t.segment.values == draft.segment.values for t in totals):
            draft.dropped = True
            continue
        totals.append(draft)


def merged_across(previous: Segment, segment: Segment) -> bool:
    """A label printed in one block whose amount stands in the next one: the cell was merged across them."""
    return (
        not (segment.label or segment.code)
        and segment.has_values
        and bool(previous.label or previous.code)
        and not previous.has_values
    )
