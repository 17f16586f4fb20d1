"""The disclosure as an editable Word document, as a finance bureau would typeset it.

Units publish Word files as often as PDFs, and edit them before publishing,
so the tables are real Word tables (merged header cells, header rows that
repeat on every page, rows that never split), the structure uses Word's
heading styles (Heading 1 for the four parts, Heading 2 for each table and
numbered section, Heading 3 for subsections) so the navigation pane shows
it, and the wide tables 2 and 7 sit in landscape sections.  The content is
the HTML's: cover, contents, Part 1, the eleven tables with their notes and
charts, Part 3 with the performance forms under 十二（四）, the glossary and
the signature.  Table grids come from `render.layout` and
`render.performance_grid`, shared with Excel and HTML.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from yusuan.model import Disclosure, Section, TableKind
from yusuan.money import format_amount
from yusuan.numerals import to_chinese
from yusuan.render import docx_format as fmt
from yusuan.render.docx_table import WordCell, table_xml, widths_in_twips
from yusuan.render.layout import Role, TableLayout, layout_table
from yusuan.render.outline import part_titles, signature_date, table_caption, unit_line
from yusuan.render.performance_grid import FormGrid, Style, performance_grids

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

    from yusuan.render.charts import Chart

CHART_WIDTH_CM = 14.0
INDENT_TWIPS = 180  # one nesting level of a row label (9 pt)
CODE_MIN_TWIPS = 400  # a 类/款/项 code column holds three digits of 9 pt on one line


def render_docx(disclosure: Disclosure, charts: Sequence[Chart] | None = None) -> bytes:
    """The .docx file as bytes.  `charts` (with PNG) are drawn when not given."""
    from docx import Document as new_document

    from yusuan.render.text_safety import printable

    disclosure = printable(disclosure)

    if charts is None:
        from yusuan.render.charts import charts_for

        charts = charts_for(disclosure, svg=False)
    document = new_document()
    fmt.set_up(document)
    _describe(document, disclosure)
    writer = _Writer(document, disclosure, charts)
    writer.write()
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_fixed_zip_times(buffer.getvalue())


class _Writer:
    def __init__(self, document: Document, disclosure: Disclosure, charts: Sequence[Chart]) -> None:
        self.doc = document
        self.d = disclosure
        self.charts: dict[TableKind, list[Chart]] = {}
        for chart in charts:
            self.charts.setdefault(chart.after_table, []).append(chart)
        self.parts = part_titles(disclosure)
        self.landscape = False
        self._style_ids: dict[str, str] = {}

    def paragraph(self, text: str, style: str) -> Paragraph:
        """A new paragraph in a named style (set by id: see `_write`)."""
        paragraph = self.doc.add_paragraph(text)
        paragraph._p.get_or_add_pPr().style = self.style_id(style)
        return paragraph

    def style_id(self, name: str) -> str:
        if name not in self._style_ids:
            self._style_ids[name] = self.doc.styles[name].style_id
        return self._style_ids[name]

    def write(self) -> None:
        self.cover()
        self.contents()
        self.profile()
        self.tables()
        self.narrative()
        self.glossary()

    # -- front matter ----------------------------------------------------------------
    def cover(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        for _ in range(6):
            self.doc.add_paragraph()
        self.paragraph(self.d.meta.unit, "Title")
        self.paragraph(f"{self.d.meta.year}年{self.d.meta.kind.label}公开", "Title")
        date = signature_date(self.d)
        if date:
            paragraph = self.doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_before = Pt(48)
            paragraph.add_run(date).font.size = Pt(16)

    def contents(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        title = self.doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.page_break_before = True
        title.paragraph_format.space_after = Pt(12)
        run = title.add_run("目  录")
        run.bold = True
        run.font.size = Pt(16)
        for entry in self.d.contents:
            paragraph = self.doc.add_paragraph()
            paragraph.paragraph_format.line_spacing = 1.3
            is_part = entry.startswith("第") and "部分" in entry[:5]
            if not is_part:
                paragraph.paragraph_format.left_indent = Pt(24)
            paragraph.add_run(entry).bold = is_part

    def heading(self, text: str, level: int, *, new_page: bool = False) -> None:
        paragraph = self.paragraph(text, f"Heading {level}")
        if new_page:
            paragraph.paragraph_format.page_break_before = True

    def body(self, text: str) -> None:
        self.paragraph(text, fmt.BODY_STYLE)

    def profile(self) -> None:
        profile = self.d.profile
        self.heading(self.parts[0], 1, new_page=True)
        self.heading("一、主要职能", 2)
        for i, duty in enumerate(profile.duties, start=1):
            self.body(f"{i}. {duty}")
        self.heading("二、机构设置及人员情况", 2)
        for text in (profile.organisation, profile.staffing_text):
            if text:
                self.body(text)

    # -- Part 2: the tables --------------------------------------------------------------
    def tables(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        self.heading(self.parts[1], 1, new_page=True)
        first = True
        for table in self.d.tables:
            layout = layout_table(table)
            switched = self.orientation(landscape=layout.is_wide)
            caption = self.paragraph(table_caption(table), "Heading 2")
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            caption.paragraph_format.page_break_before = not (first or switched)
            first = False
            self.unit_line(table.unit.value)
            self.layout_table(layout)
            if table.note:
                note = self.paragraph(f"备注：{table.note}", fmt.TABLE_TEXT_STYLE)
                note.paragraph_format.space_before = Pt(6)
            for chart in self.charts.get(table.kind, []):
                self.picture(chart)
        self.orientation(landscape=False)

    def orientation(self, *, landscape: bool) -> bool:
        """Start a new section when the orientation changes; True if one was started."""
        from docx.enum.section import WD_SECTION

        if landscape == self.landscape:
            return False
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        fmt.set_page(section, landscape=landscape)
        self.landscape = landscape
        return True

    def unit_line(self, unit: str) -> None:
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.shared import Cm, Pt

        paragraph = self.paragraph("", fmt.TABLE_TEXT_STYLE)
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            Cm(fmt.usable_width_cm(landscape=self.landscape)), WD_TAB_ALIGNMENT.RIGHT
        )
        paragraph.paragraph_format.space_after = Pt(3)
        paragraph.add_run(f"{unit_line(self.d)}\t单位：{unit}")

    def layout_table(self, layout: TableLayout) -> None:
        cells = [
            WordCell(h.row, h.col, h.text, "center", bold=True, shaded=True, rowspan=h.rowspan, colspan=h.colspan)
            for h in layout.header
        ]
        for r, body_row in enumerate(layout.body, start=layout.header_rows):
            for c, (leaf, body) in enumerate(zip(layout.columns, body_row.cells, strict=True)):
                bold = body_row.is_total
                if body.is_amount:
                    cells.append(WordCell(r, c, format_amount(body.value), "right", bold))
                elif leaf.role is Role.CODE or body.is_total:
                    cells.append(WordCell(r, c, body.text, "center", bold))
                else:
                    cells.append(WordCell(r, c, body.text, "left", bold, indent=INDENT_TWIPS * body.indent))
        style = fmt.SMALL_TABLE_TEXT_STYLE if layout.is_wide else fmt.TABLE_TEXT_STYLE
        self.table(
            cells,
            rows=layout.header_rows + len(layout.body),
            weights=[leaf.width for leaf in layout.columns],
            minimums=[CODE_MIN_TWIPS if leaf.role is Role.CODE else 0 for leaf in layout.columns],
            style=style,
            header_rows=layout.header_rows,
        )

    def table(
        self,
        cells: list[WordCell],
        *,
        rows: int,
        weights: Sequence[int],
        style: str,
        header_rows: int,
        minimums: Sequence[int] = (),
    ) -> None:
        from docx.oxml import parse_xml

        xml = table_xml(
            cells,
            rows=rows,
            widths=widths_in_twips(weights, fmt.usable_width_cm(landscape=self.landscape), minimums),
            paragraph_style=self.style_id(style),
            table_style=self.style_id("Table Grid"),
            header_rows=header_rows,
        )
        self.doc.element.body._insert_tbl(parse_xml(xml))

    def picture(self, chart: Chart) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        if not chart.png:
            return
        self.doc.add_picture(io.BytesIO(chart.png), width=Cm(CHART_WIDTH_CM))
        self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER

    # -- Part 3, the performance forms, Part 4 ----------------------------------------------------
    def narrative(self) -> None:
        self.heading(self.parts[2], 1, new_page=True)
        for section in self.d.narrative:
            self.section(section, level=2)

    def section(self, section: Section, level: int) -> None:
        title = f"{section.number}、{section.title}" if level == 2 else f"{section.number}{section.title}"
        self.heading(title, min(level, 3))
        for paragraph in section.paragraphs:
            self.body(paragraph.text)
        if section.key == "performance":
            for grid in performance_grids(self.d):
                self.form(grid)
        for child in section.subsections:
            self.section(child, level + 1)

    def form(self, grid: FormGrid) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH as ALIGN
        from docx.shared import Pt

        title = self.paragraph(grid.title, fmt.CAPTION_STYLE)
        title.paragraph_format.space_before = Pt(18)
        subtitle = self.paragraph(grid.subtitle, fmt.TABLE_TEXT_STYLE)
        subtitle.alignment = ALIGN.CENTER
        subtitle.paragraph_format.keep_with_next = True
        cells = []
        for spec in grid.cells:
            if spec.style is Style.LABEL:
                text, align, label = spec.text, "center", True
            elif spec.style is Style.AMOUNT:
                text, align, label = format_amount(spec.value), "right", False
            elif spec.style is Style.NUMBER:
                text, align, label = _plain_number(spec.value), "center", False
            else:
                text, align, label = spec.text, "left", False
            cells.append(
                WordCell(
                    spec.row,
                    spec.col,
                    text,
                    align,
                    bold=label,
                    shaded=label,
                    rowspan=spec.rowspan,
                    colspan=spec.colspan,
                )
            )
        self.table(cells, rows=grid.rows, weights=grid.widths, style=fmt.TABLE_TEXT_STYLE, header_rows=0)

    def glossary(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        self.heading(self.parts[3], 1, new_page=True)
        for i, entry in enumerate(self.d.glossary, start=1):
            self.body(f"{to_chinese(i)}、{entry.term}：{entry.definition}")
        for text in (self.d.meta.unit, signature_date(self.d)):
            if text:
                paragraph = self.doc.add_paragraph(text)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                paragraph.paragraph_format.space_before = Pt(6)


def _describe(document: Document, disclosure: Disclosure) -> None:
    """File properties (title, author, dates) instead of python-docx's template values."""
    from datetime import datetime

    properties = document.core_properties
    properties.title = disclosure.title
    properties.subject = f"{disclosure.meta.year}年{disclosure.meta.kind.label}"
    properties.author = properties.last_modified_by = disclosure.meta.unit
    properties.keywords = "预算公开"
    properties.comments = "yusuan"
    properties.language = "zh-CN"
    published = disclosure.meta.published
    if published is not None:  # a fixed date keeps the output reproducible
        properties.created = properties.modified = datetime(published.year, published.month, published.day)


def _plain_number(value: object) -> str:
    """A weight as printed: `20`, `7.5`."""
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _with_fixed_zip_times(data: bytes) -> bytes:
    """The same .docx with every zip entry dated 1980-01-01, so equal documents give equal bytes
    (python-docx stamps entries with the time of saving)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
