"""An annotated copy of a checked PDF: each finding marked on its page, at its cell.

A reviewer opens the copy and sees every error and warning where it is: the
printed value the finding is about is highlighted (red for an error, orange
for a warning, blue for an info) and carries the finding's message as its
note.  The value is found by searching the finding's page for the actual
figure as printed (`5.0`, `1,566.00`, `1566.00`, `94,995,790`), whole (never
inside a longer number); where it prints more than once, the occurrence on
the line of the row's label wins (`check/locate.py`).  A finding
whose figure cannot be found on its page gets a note in the page margin, so
nothing is silently left out.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from yusuan.check.finding import Finding, Report, Severity
from yusuan.check.locate import locate_figure, printed_forms
from yusuan.errors import InputError
from yusuan.model import Disclosure, Row, Side, Table
from yusuan.model.kinds import TableKind

__all__ = ["COLOURS", "annotate_pdfs", "printed_forms", "source_file"]  # printed_forms: first defined here

COLOURS = {
    Severity.ERROR: (0.86, 0.1, 0.1),
    Severity.WARNING: (0.95, 0.55, 0.0),
    Severity.INFO: (0.2, 0.4, 0.85),
}


def source_file(disclosure: Disclosure, finding: Finding, pdfs: list[Path]) -> Path | None:
    """The PDF a finding's page belongs to (documents may come as several files)."""
    names = {p.name: p for p in pdfs}
    table = _table_of(disclosure, finding)
    if table is not None and table.source and table.source.file:
        found = names.get(Path(table.source.file).name)
        if found:
            return found
    if finding.location.section:
        key = finding.location.section.split("/")[0]
        section = disclosure.section(key)
        if section is not None and section.source and section.source.file:
            found = names.get(Path(section.source.file).name)
            if found:
                return found
    return pdfs[0] if len(pdfs) == 1 else None


def _table_of(disclosure: Disclosure, finding: Finding) -> Table | None:
    kind = finding.location.table_kind
    if kind is None or kind not in TableKind._value2member_map_:
        return None
    return disclosure.table(TableKind(kind))


def _row(disclosure: Disclosure, finding: Finding) -> Row | None:
    table, key = _table_of(disclosure, finding), finding.location.row
    if table is None or not key:
        return None
    # a two-sided table keys both totals `total`: the finding's column tells its side (支出总计's `total`)
    sides = {c.side for c in table.columns if c.key == finding.location.column and c.side is not None}
    if len(sides) == 1 and (row := table.row(key, sides.pop())) is not None:
        return row
    return table.row(key) or table.row(key, Side.EXPENDITURE) or table.row(key, Side.INCOME)


def _column_rank(disclosure: Disclosure, finding: Finding, row: Row | None) -> int:
    """Among the row's cells printing the same figure, the position of the finding's column."""
    table = _table_of(disclosure, finding)
    if row is None or table is None or finding.location.column is None:
        return 0
    same = [c.key for c in table.columns if c.side == row.side and row.value(c.key) == finding.actual]
    return same.index(finding.location.column) if finding.location.column in same else 0


def _best_hit(page: Any, disclosure: Disclosure, finding: Finding) -> Any | None:
    actual = finding.actual
    if not isinstance(actual, Decimal):
        return None
    row = _row(disclosure, finding)
    label = row.label if row is not None else None
    # as the web's page images do: the figure as read (`5.0`) first, never inside a longer number (the `5` of
    # `6256.31`), so a narrative's small figures are marked where they print
    return locate_figure(page, actual, label, _column_rank(disclosure, finding, row), str(actual), standalone=True)


def annotate_pdfs(report: Report, disclosure: Disclosure, pdfs: list[Path], out: Path) -> int:
    """Write an annotated copy of the (first) checked PDF to `out`; return how many findings were marked.

    With several PDFs (narrative + tables), the copy holds all their pages, one file after another.
    """
    import pymupdf

    try:
        merged = pymupdf.open()
        offsets: dict[Path, int] = {}
        for pdf in pdfs:
            offsets[pdf] = merged.page_count
            with pymupdf.open(pdf) as part:
                merged.insert_pdf(part)
    except (RuntimeError, ValueError) as exc:
        raise InputError(str(pdfs[0]), "无法打开 PDF 以标注") from exc
    marked = 0
    margin_notes: dict[int, int] = {}
    for finding in report.findings:
        found = source_file(disclosure, finding, pdfs)
        if found is None or finding.location.page is None:
            continue
        number = offsets[found] + finding.location.page - 1
        if not 0 <= number < merged.page_count:
            continue
        page = merged[number]
        note = f"[{finding.code}] {finding.message}"
        colour = COLOURS[finding.severity]
        hit = _best_hit(page, disclosure, finding)
        if hit is not None:
            annot = page.add_rect_annot(pymupdf.Rect(hit.x0 - 1.5, hit.y0 - 1.5, hit.x1 + 1.5, hit.y1 + 1.5))
            annot.set_colors(stroke=colour)
            annot.set_border(width=1.2)
        else:
            slot = margin_notes.get(number, 0)
            margin_notes[number] = slot + 1
            point = pymupdf.Point(page.rect.x1 - 22, 24 + 18 * slot)
            annot = page.add_text_annot(point, note, icon="Note")
            annot.set_colors(stroke=colour)
        annot.set_info(content=note, title=f"yusuan {finding.severity.value}")
        annot.update()
        marked += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.partial")
    merged.save(temporary, garbage=3, deflate=True)
    temporary.replace(out)
    return marked
