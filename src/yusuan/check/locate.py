"""Where a finding's figure is printed on its PDF page: shared by `--annotate` and the web's page images.

A finding names a value (the actual figure) and, for a table's cell, the row's
label and the column.  The figure is searched for on the page in each way it
may be printed (`1,566.00`, `1566.00`, `94,995,790`); where it prints more than
once, the occurrences on the line of the row's label are taken, left to right,
and the column's rank among the row's cells printing the same figure picks one.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from yusuan.lazy_pattern import lazy_compile


def printed_forms(value: Decimal) -> list[str]:
    """The ways a figure may be printed, most specific first."""
    forms = [f"{value:,.2f}", f"{value:.2f}"]
    if value == value.to_integral_value():
        forms += [f"{value:,.0f}", f"{value:.0f}"]
    return list(dict.fromkeys(forms))


def locate_figure(
    page: Any,
    actual: Decimal | None,
    label: str | None = None,
    rank: int = 0,
    printed: str | None = None,
    standalone: bool = False,
) -> Any | None:
    """The rectangle (a PyMuPDF `Rect`, in PDF points) where `actual` prints on `page`, or None.

    `label`: the row's label (its first 12 characters anchor the line); `rank`: which of the occurrences on that
    line, left to right (the finding's column among the row's cells printing the same figure).  `printed`: the
    figure as the reader read it (`5.0`), searched first; `standalone`: an occurrence inside a longer number (the
    `5` of `6256.31`) does not count.  An absent or zero figure prints as an empty cell: nothing to point at."""
    if not isinstance(actual, Decimal) or not actual.is_finite() or actual == 0:
        return None
    forms = printed_forms(actual)
    if printed and printed not in forms:
        forms.insert(0, printed)
    for form in forms:
        hits = page.search_for(form)
        if standalone:
            hits = [rect for rect in hits if _stands_alone(page, rect, len(form))]
        if not hits:
            continue
        anchors = page.search_for(label[:12]) if label else []
        if label and not anchors:  # a label printed with its characters spaced out: 收  入  总  计
            anchors = page.search_for(" ".join(label[:12]))
        if anchors and len(hits) > 1:
            y = anchors[0].y0
            nearest = min(abs(rect.y0 - y) for rect in hits)
            on_line = sorted((rect for rect in hits if abs(rect.y0 - y) <= nearest + 2), key=lambda rect: rect.x0)
            # a two-sided table prints 收入总计 and 支出总计 on one line: the row's figures are right of its label
            on_line = [rect for rect in on_line if rect.x0 >= anchors[0].x1] or on_line
            return on_line[min(rank, len(on_line) - 1)]
        return hits[0]
    return None


_NUMBER_BEFORE = lazy_compile(r"(\d|\d[.,])$")
_NUMBER_AFTER = lazy_compile(r"^(\d|[.,]\d)")


def _stands_alone(page: Any, rect: Any, characters: int) -> bool:
    """Whether the text found at `rect` is a whole number: no digit (or a digit and a point or comma) just
    before it on its line, none (or a point or comma and a digit) just after it."""
    width = rect.width / max(characters, 1)
    before = page.get_textbox((rect.x0 - 2 * width, rect.y0, rect.x0 - 0.3, rect.y1))
    after = page.get_textbox((rect.x1 + 0.3, rect.y0, rect.x1 + 2 * width, rect.y1))
    return not _NUMBER_BEFORE.search(before.strip()) and not _NUMBER_AFTER.search(after.strip())
