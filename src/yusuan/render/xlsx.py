"""The disclosure as an Excel workbook laid out like the official tables.

Finance offices pass these tables around as spreadsheets, so each table gets
its own sheet printed the way the template prints it: the title across the
top, 编制单位 and 单位：万元, the multi-level header with merged cells (from
`render.layout`, shared with Word and HTML), 类/款/项 codes as text, and
amounts stored as numbers with a `#,##0.00` format so that sums can be
checked in Excel.  Amounts are handed to openpyxl as `Decimal`; empty cells
stay empty and 0.00 stays 0.00.  Part 1, the narrative, the performance
forms and the glossary follow on sheets of their own.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Disclosure, Section, Table
from yusuan.numerals import to_chinese
from yusuan.render.layout import BodyCell, Role, TableLayout, layout_table, text_width
from yusuan.render.outline import part_titles, signature_date, table_caption, unit_line
from yusuan.render.performance_grid import FormGrid, Style, performance_grids

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

AMOUNT_FORMAT = "#,##0.00"
FONT_NAME = "宋体"
LINE_HEIGHT = 14.5  # points per wrapped line at 10.5 pt
TEXT_COLUMN_WIDTH = 100
SHEET_NAME_LIMIT = 31
_BAD_SHEET_CHARS = lazy_compile(r"[\[\]:*?/\\]")


def render_xlsx(disclosure: Disclosure) -> bytes:
    """The workbook as bytes: 概况, one sheet per table, 说明, 绩效目标, 名词解释.

    Every text is written as text: one starting with `=` (`=59人`, or a formula
    planted in a published document) is never stored as a formula."""
    from openpyxl import Workbook

    from yusuan.render.text_safety import printable

    disclosure = printable(disclosure)

    workbook = Workbook()
    styles = _Styles(workbook)
    profile_sheet = workbook.active
    assert profile_sheet is not None
    profile_sheet.title = "概况"
    _write_text_sheet(profile_sheet, styles, _profile_lines(disclosure))
    for table in disclosure.tables:
        sheet = workbook.create_sheet(sheet_name(table))
        _write_table(sheet, styles, disclosure, layout_table(table))
    _write_text_sheet(workbook.create_sheet("说明"), styles, _narrative_lines(disclosure))
    if disclosure.performance:
        _write_forms(workbook.create_sheet("绩效目标"), styles, performance_grids(disclosure))
    _write_text_sheet(workbook.create_sheet("名词解释"), styles, _glossary_lines(disclosure))
    for worksheet in workbook.worksheets:
        as_text(worksheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_text(worksheet: Worksheet) -> None:
    """Store every cell openpyxl took for a formula (a text starting with `=`) as the text it is."""
    for row in worksheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def sheet_name(table: Table) -> str:
    """`表1 单位收支总体情况表`, cut to Excel's 31 characters, without characters Excel forbids."""
    return _BAD_SHEET_CHARS.sub("", table_caption(table))[:SHEET_NAME_LIMIT]


class _Styles:
    """Fonts and alignments for text sheets, and named cell styles for the table grids.

    A table cell takes one named style (表头, 金额, 名称, …) instead of four
    separate font/border/fill/alignment objects: openpyxl hashes every style
    object it is given, which made a workbook take several times longer.
    The names also show in Excel's cell-style gallery.
    """

    HEADER = "预算表头"
    AMOUNT = "预算金额"
    AMOUNT_TOTAL = "预算金额（合计）"
    CODE = "预算编码"
    CODE_TOTAL = "预算编码（合计）"
    TOTAL_LABEL = "预算合计"
    TEXT = "预算文字"
    NUMBER = "预算数值"

    def __init__(self, workbook: Workbook) -> None:
        from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

        thin = Side(style="thin", color="000000")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name=FONT_NAME, size=10.5)
        self.bold = Font(name=FONT_NAME, size=10.5, bold=True)
        self.title = Font(name=FONT_NAME, size=16, bold=True)
        self.heading = Font(name=FONT_NAME, size=12, bold=True)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.right = Alignment(horizontal="right", vertical="center")
        self.left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.top_left = Alignment(horizontal="left", vertical="top", wrap_text=True)
        fill = PatternFill("solid", fgColor="F2F2F2")

        def named(name: str, font: Any, alignment: Any, **extra: Any) -> None:
            workbook.add_named_style(NamedStyle(name, font=font, alignment=alignment, border=border, **extra))

        named(self.HEADER, self.bold, self.center, fill=fill)
        named(self.AMOUNT, self.font, self.right, number_format=AMOUNT_FORMAT)
        named(self.AMOUNT_TOTAL, self.bold, self.right, number_format=AMOUNT_FORMAT)
        named(self.CODE, self.font, self.center)
        named(self.CODE_TOTAL, self.bold, self.center)
        named(self.TOTAL_LABEL, self.bold, self.center)
        named(self.TEXT, self.font, self.left)
        named(self.NUMBER, self.font, self.center)
        self.names: list[str] = []
        for indent in range(4):
            name = f"预算名称{indent}"
            alignment = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=indent)
            named(name, self.font, alignment)
            self.names.append(name)


# -- table sheets ----------------------------------------------------------------
def _write_table(sheet: Worksheet, styles: _Styles, disclosure: Disclosure, layout: TableLayout) -> None:
    from openpyxl.utils import get_column_letter

    table = layout.table
    width = layout.width
    sheet.cell(1, 1, f"表{table.number}").font = styles.bold
    _merged(sheet, (2, 1, 2, width), table.title, font=styles.title, alignment=styles.center)
    sheet.row_dimensions[2].height = 30
    half = max(width // 2, 1)
    _merged(sheet, (3, 1, 3, half), unit_line(disclosure), font=styles.font, alignment=styles.left)
    unit_cell = sheet.cell(3, width, f"单位：{table.unit.value}")
    unit_cell.font, unit_cell.alignment = styles.font, styles.right

    top = 4
    for header in layout.header:
        row, col = top + header.row, 1 + header.col
        area = (row, col, row + header.rowspan - 1, col + header.colspan - 1)
        _style_area(sheet, area, styles.HEADER)
        sheet.cell(row, col, header.text)
        _merge(sheet, area)
    widths = [leaf.width for leaf in layout.columns]
    for r, lines in enumerate(_header_lines(layout, widths)):
        sheet.row_dimensions[top + r].height = max(lines, 1) * LINE_HEIGHT + 6

    first_body = top + layout.header_rows
    for r, body_row in enumerate(layout.body):
        row = first_body + r
        lines = 1
        for c, (leaf, body) in enumerate(zip(layout.columns, body_row.cells, strict=True), start=1):
            _fill_body_cell(sheet.cell(row, c), leaf.role, body, styles, total=body_row.is_total)
            if body.text and leaf.role in (Role.NAME, Role.PROJECT):
                lines = max(lines, _lines(text_width(body.text) + 2 * body.indent, leaf.width))
        if lines > 1:
            sheet.row_dimensions[row].height = lines * LINE_HEIGHT + 4

    last = first_body + len(layout.body) - 1
    if table.note:
        note_row = last + 2
        _merged(sheet, (note_row, 1, note_row, width), f"备注：{table.note}", font=styles.font, alignment=styles.left)
        sheet.row_dimensions[note_row].height = _lines(text_width(table.note) + 6, sum(widths)) * LINE_HEIGHT + 6

    for c, leaf in enumerate(layout.columns, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = leaf.width
    frozen_columns = _frozen_columns(layout)
    sheet.freeze_panes = sheet.cell(first_body, frozen_columns + 1).coordinate
    sheet.print_title_rows = f"{top}:{first_body - 1}"
    _page_setup(sheet, landscape=layout.is_wide or width > 8)


def _fill_body_cell(cell: Cell, role: Role, body: BodyCell, styles: _Styles, *, total: bool) -> None:
    if body.is_amount:
        cell.style = styles.AMOUNT_TOTAL if total else styles.AMOUNT
        if body.value is not None:
            cell.value = body.value  # a Decimal: stored as a number, never through our own float
    elif role is Role.CODE:
        cell.style = styles.CODE_TOTAL if total else styles.CODE
        if body.text:
            cell.value = body.text
            cell.data_type = "s"  # `01` must stay `01`
    else:
        cell.style = styles.TOTAL_LABEL if body.is_total else styles.names[min(body.indent, 3)]
        if body.text:
            cell.value = body.text


def _frozen_columns(layout: TableLayout) -> int:
    """Keep the code and name columns in view when scrolling right (not for two-sided tables)."""
    if any(leaf.side is not None for leaf in layout.columns):
        return 0
    return next((i for i, leaf in enumerate(layout.columns) if leaf.role is Role.AMOUNT), 0)


def _header_lines(layout: TableLayout, widths: list[int]) -> list[int]:
    """Lines of wrapped text each header row needs, sharing a spanning cell's lines over its rows."""
    lines = [1] * layout.header_rows
    for header in layout.header:
        span_width = sum(widths[header.col : header.col + header.colspan])
        needed = _lines(text_width(header.text), span_width)
        per_row = math.ceil(needed / header.rowspan)
        for r in range(header.row, header.row + header.rowspan):
            lines[r] = max(lines[r], per_row)
    return lines


def _lines(text_cells: int, column_width: int) -> int:
    """Wrapped lines a text of `text_cells` display cells takes in a column."""
    return max(1, math.ceil(text_cells / max(column_width - 1, 1)))


def _text_lines(text: str, column_width: int) -> int:
    """Wrapped lines of a text that may hold line breaks."""
    return sum(_lines(text_width(part), column_width) for part in text.split("\n"))


def _merged(sheet: Worksheet, area: tuple[int, int, int, int], value: object, *, font: Any, alignment: Any) -> None:
    """Write a value into the top-left cell of `area` (row, col, end_row, end_col) and merge the area."""
    cell = sheet.cell(area[0], area[1], value)
    cell.font, cell.alignment = font, alignment
    _merge(sheet, area)


def _merge(sheet: Worksheet, area: tuple[int, int, int, int]) -> None:
    """Merge an area whose cells are already styled.

    `Worksheet.merge_cells` (and `MergedCellRange`) would also read and
    rebuild the borders of the area's edge cells, one new style object per
    cell; the cells here carry their borders already, and the writer only
    needs the range.
    """
    from openpyxl.worksheet.cell_range import CellRange

    row, col, end_row, end_col = area
    if end_row > row or end_col > col:
        sheet.merged_cells.add(CellRange(min_row=row, min_col=col, max_row=end_row, max_col=end_col))


def _style_area(sheet: Worksheet, area: tuple[int, int, int, int], style: str) -> None:
    row, col, end_row, end_col = area
    for r in range(row, end_row + 1):
        for c in range(col, end_col + 1):
            sheet.cell(r, c).style = style


def _page_setup(sheet: Worksheet, *, landscape: bool) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


# -- text sheets: 概况, 说明, 名词解释 --------------------------------------------------
# A line of a text sheet: (number column, text, kind) with kind title / heading / paragraph.
TextLine = tuple[str, str, str]


def _profile_lines(d: Disclosure) -> list[TextLine]:
    part1 = part_titles(d)[0]
    lines: list[TextLine] = [("", d.title, "title"), ("", part1, "heading"), ("一、", "主要职能", "heading")]
    lines += [(f"{i}.", duty, "paragraph") for i, duty in enumerate(d.profile.duties, start=1)]
    lines.append(("二、", "机构设置及人员情况", "heading"))
    lines += [("", text, "paragraph") for text in (d.profile.organisation, d.profile.staffing_text) if text]
    return lines


def _narrative_lines(d: Disclosure) -> list[TextLine]:
    lines: list[TextLine] = [("", part_titles(d)[2], "title")]

    def add(section: Section, sub: bool) -> None:
        number = section.number if sub else f"{section.number}、"
        lines.append((number, section.title, "subheading" if sub else "heading"))
        lines.extend(("", p.text, "paragraph") for p in section.paragraphs)
        if section.key == "performance" and d.performance:
            lines.append(("", "（单位整体和项目支出绩效目标表见“绩效目标”工作表）", "paragraph"))
        for child in section.subsections:
            add(child, True)

    for section in d.narrative:
        add(section, False)
    return lines


def _glossary_lines(d: Disclosure) -> list[TextLine]:
    lines: list[TextLine] = [("", part_titles(d)[3], "title")]
    lines += [(f"{to_chinese(i)}、", f"{e.term}：{e.definition}", "paragraph") for i, e in enumerate(d.glossary, 1)]
    lines += [("", "", "paragraph"), ("", d.meta.unit, "signature"), ("", signature_date(d), "signature")]
    return lines


def _write_text_sheet(sheet: Worksheet, styles: _Styles, lines: Iterable[TextLine]) -> None:
    from openpyxl.styles import Alignment

    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = TEXT_COLUMN_WIDTH
    signature = Alignment(horizontal="right", vertical="center")
    for row, (number, text, kind) in enumerate(lines, start=1):
        number_cell = sheet.cell(row, 1, number or None)
        text_cell = sheet.cell(row, 2, text or None)
        number_cell.alignment = styles.top_left
        if kind == "title":
            text_cell.font, text_cell.alignment = styles.title, styles.left
            sheet.row_dimensions[row].height = 28
        elif kind in ("heading", "subheading"):
            number_cell.font = text_cell.font = styles.heading if kind == "heading" else styles.bold
            text_cell.alignment = styles.left
            sheet.row_dimensions[row].height = _lines(text_width(text), TEXT_COLUMN_WIDTH) * 18 + 4
        elif kind == "signature":
            text_cell.font, text_cell.alignment = styles.font, signature
        else:
            number_cell.font = text_cell.font = styles.font
            text_cell.alignment = styles.top_left
            sheet.row_dimensions[row].height = _text_lines(text, TEXT_COLUMN_WIDTH) * LINE_HEIGHT + 4
    _page_setup(sheet, landscape=False)


# -- performance forms --------------------------------------------------------------
def _write_forms(sheet: Worksheet, styles: _Styles, grids: list[FormGrid]) -> None:
    from openpyxl.utils import get_column_letter

    columns = max(g.columns for g in grids)
    widths = [max((g.widths[i] for g in grids if i < g.columns), default=10) for i in range(columns)]
    for c, w in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = w
    row = 1
    for grid in grids:
        _merged(sheet, (row, 1, row, grid.columns), grid.title, font=styles.title, alignment=styles.center)
        sheet.row_dimensions[row].height = 26
        _merged(sheet, (row + 1, 1, row + 1, grid.columns), grid.subtitle, font=styles.font, alignment=styles.center)
        top = row + 2
        lines = [1] * grid.rows
        for cell in grid.cells:
            area = (top + cell.row, 1 + cell.col, top + cell.row + cell.rowspan - 1, cell.col + cell.colspan)
            if cell.style is Style.LABEL:
                _style_area(sheet, area, styles.HEADER)
                value: object = cell.text
            elif cell.style is Style.AMOUNT:
                _style_area(sheet, area, styles.AMOUNT)
                value = cell.value
            elif cell.style is Style.NUMBER:
                _style_area(sheet, area, styles.NUMBER)
                value = cell.value
            else:
                _style_area(sheet, area, styles.TEXT)
                value = cell.text or None
            sheet.cell(area[0], area[1], value)
            _merge(sheet, area)
            span_width = sum(widths[cell.col : cell.col + cell.colspan])
            needed = math.ceil(_text_lines(cell.text, span_width) / cell.rowspan)
            for r in range(cell.row, cell.row + cell.rowspan):
                lines[r] = max(lines[r], needed)
        for r, n in enumerate(lines):
            sheet.row_dimensions[top + r].height = n * LINE_HEIGHT + 6
        row = top + grid.rows + 2
    _page_setup(sheet, landscape=True)
