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


def printed_forms(value: Decimal) -> list[str]:
    """The ways a figure may be printed, most specific first."""
    forms = [f"{value:,.2f}", f"{value:.2f}"]
    if value == value.to_integral_value():
        forms += [f"{value:,.0f}", f"{value:.0f}"]
    return list(dict.fromkeys(forms))


def locate_figure(page: Any, actual: Decimal | None, label: str | None = None, rank: int = 0) -> Any | None:
    """The rectangle (a PyMuPDF `Rect`, in PDF points) where `actual` prints on `page`, or None.

    `label`: the row's label (its first 12 characters anchor the line); `rank`: which of the occurrences on that
    line, left to right (the finding's column among the row's cells printing the same figure).  An absent or zero
    figure prints as an empty cell: there is nothing to point at."""
    if not isinstance(actual, Decimal) or not actual.is_finite() or actual == 0:
        return None
    for form in printed_forms(actual):
        hits = page.search_for(form)
        if not hits:
            continue
        anchors = page.search_for(label[:12]) if label else []
        if anchors and len(hits) > 1:
            y = anchors[0].y0
            nearest = min(abs(rect.y0 - y) for rect in hits)
            on_line = sorted((rect for rect in hits if abs(rect.y0 - y) <= nearest + 2), key=lambda rect: rect.x0)
            return on_line[min(rank, len(on_line) - 1)]
        return hits[0]
    return None
