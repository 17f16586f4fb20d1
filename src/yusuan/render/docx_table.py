"""Word tables written as WordprocessingML in one go, merged cells and all.

python-docx builds a table cell by cell through its object layer, about a
dozen XML operations per cell; a disclosure has well over a thousand cells,
which cost most of a second.  Here a table (the header grid with its spans,
the body, the properties that make header rows repeat and keep rows whole)
is written as one XML string and parsed once.  The markup is the same
python-docx would produce: `w:gridSpan` for horizontal spans, `w:vMerge`
restart/continue for vertical ones, one paragraph per line of text in the
table's paragraph style.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIPS_PER_CM = 567
HEADER_FILL = "F2F2F2"


@dataclass(frozen=True)
class WordCell:
    """A cell at grid position (row, col) spanning rowspan × colspan grid cells."""

    row: int
    col: int
    text: str = ""
    align: str = "left"  # left, center, right
    bold: bool = False
    shaded: bool = False
    rowspan: int = 1
    colspan: int = 1
    indent: int = 0  # left indent in twips


def table_xml(
    cells: Sequence[WordCell],
    *,
    rows: int,
    widths: Sequence[int],
    paragraph_style: str,
    table_style: str,
    header_rows: int = 0,
) -> str:
    """The `w:tbl` element for the cells; grid positions no cell covers get an empty cell.

    `widths` are the grid columns in twips; `paragraph_style` and
    `table_style` are style ids.
    """
    starts = {(c.row, c.col): c for c in cells}
    covered: dict[tuple[int, int], WordCell] = {}
    for cell in cells:
        for r in range(cell.row + 1, cell.row + cell.rowspan):
            covered[(r, cell.col)] = cell
    parts = [
        f'<w:tbl xmlns:w="{W_NAMESPACE}"><w:tblPr><w:tblStyle w:val="{table_style}"/>',
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>',
        f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
        "</w:tblCellMar>",
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" '
        'w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    empty_paragraph = f'<w:p><w:pPr><w:pStyle w:val="{paragraph_style}"/></w:pPr></w:p>'
    for r in range(rows):
        header = "<w:tblHeader/>" if r < header_rows else ""
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        c = 0
        while c < len(widths):
            start = starts.get((r, c))
            if start is not None:
                merge = '<w:vMerge w:val="restart"/>' if start.rowspan > 1 else ""
                parts.append(_cell_open(start, widths, merge))
                parts.append(_paragraphs(start, paragraph_style))
                parts.append("</w:tc>")
                c += start.colspan
                continue
            above = covered.get((r, c))
            if above is not None:
                parts.append(_cell_open(above, widths, "<w:vMerge/>"))
                parts.append(empty_paragraph + "</w:tc>")
                c += above.colspan
                continue
            parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/></w:tcPr>{empty_paragraph}</w:tc>')
            c += 1
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _cell_open(cell: WordCell, widths: Sequence[int], merge: str) -> str:
    width = sum(widths[cell.col : cell.col + cell.colspan])
    span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>' if cell.shaded else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{merge}{shading}<w:vAlign w:val="center"/></w:tcPr>'


def _paragraphs(cell: WordCell, style: str) -> str:
    indent = f'<w:ind w:left="{cell.indent}"/>' if cell.indent else ""
    properties = f'<w:pPr><w:pStyle w:val="{style}"/>{indent}<w:jc w:val="{cell.align}"/></w:pPr>'
    bold = "<w:rPr><w:b/></w:rPr>" if cell.bold else ""
    paragraphs = []
    for line in cell.text.split("\n"):
        run = f'<w:r>{bold}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if line else ""
        paragraphs.append(f"<w:p>{properties}{run}</w:p>")
    return "".join(paragraphs)


CELL_MARGIN = 57  # twips left and right inside a cell (1 mm; Word's default is 1.9 mm)


def widths_in_twips(weights: Sequence[int], total_cm: float, minimums: Sequence[int] = ()) -> list[int]:
    """Column widths proportional to `weights`, filling `total_cm`; no column narrower than its minimum
    (in twips: a code column must hold its three digits on one line)."""
    total = round(total_cm * TWIPS_PER_CM)
    floors = list(minimums) + [0] * (len(weights) - len(minimums))
    fixed: set[int] = set()
    while True:
        free = total - sum(floors[i] for i in fixed)
        free_weight = sum(w for i, w in enumerate(weights) if i not in fixed) or 1
        widths = [floors[i] if i in fixed else free * w // free_weight for i, w in enumerate(weights)]
        short = {i for i, w in enumerate(widths) if i not in fixed and w < floors[i]}
        if not short:
            return widths
        fixed |= short
