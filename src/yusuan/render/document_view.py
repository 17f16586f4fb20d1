"""What the page shows, in order: a `Disclosure` prepared for the HTML and PDF templates.

The templates only loop and print; everything that needs a decision lives
here: the four parts and their headings (taken from the table of contents
the disclosure prints), which contents entry links to which table or
section, the printed grid of each table and performance form (computed by
`render.layout` and `render.performance_grid`, shared with Excel and Word;
amounts formatted here), where the performance forms go (under
十二（四）预算绩效情况, as the template places them), and which chart follows
which table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Disclosure, Section, Table, TableKind
from yusuan.money import format_amount
from yusuan.numerals import to_chinese
from yusuan.render.layout import LeafColumn, Role, TableLayout, layout_table
from yusuan.render.outline import part_titles, signature_date
from yusuan.render.performance_grid import FormGrid, GridCell, Style, performance_grids

PART1_HEADINGS = ("一、主要职能", "二、机构设置及人员情况")
PART_HEADING = lazy_compile(r"^第[一二三四五六七八九十]+部分")
ENTRY_NUMBER = lazy_compile(r"^[一二三四五六七八九十]+、")

# Which table a chart illustrates, by words in the chart's key.
CHART_PLACES: tuple[tuple[str, TableKind], ...] = (
    ("three_public", TableKind.THREE_PUBLIC),
    ("sangong", TableKind.THREE_PUBLIC),
    ("income", TableKind.INCOME_EXPENDITURE_SUMMARY),
    ("basic", TableKind.EXPENDITURE_SUMMARY),
    ("project", TableKind.EXPENDITURE_SUMMARY),
    ("expenditure", TableKind.EXPENDITURE_SUMMARY),
    ("class", TableKind.EXPENDITURE_SUMMARY),
)


def weight_text(weight: Decimal | None) -> str:
    if weight is None:
        return ""
    text = format(weight, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class ContentsEntry:
    text: str
    anchor: str | None = None


@dataclass(frozen=True)
class ContentsPart:
    title: str
    anchor: str
    entries: tuple[ContentsEntry, ...]


@dataclass(frozen=True)
class ChartView:
    key: str
    title: str
    svg: str


@dataclass(frozen=True)
class HeadCell:
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class BodyCellView:
    text: str
    css: str


@dataclass(frozen=True)
class BodyRowView:
    cells: tuple[BodyCellView, ...]
    is_total: bool


@dataclass(frozen=True)
class TableView:
    """A table as printed: caption facts, header rows (merged cells), body rows, leaf-column roles."""

    table: Table
    anchor: str
    head: tuple[tuple[HeadCell, ...], ...]
    body: tuple[BodyRowView, ...]
    column_roles: tuple[str, ...]
    wide: bool
    charts: tuple[ChartView, ...] = ()
    print_widths: tuple[str, ...] = ()  # on paper: each column's width (`""`: shares the rest), or () for auto layout

    @property
    def unit_line(self) -> str:
        return f"单位：{self.table.unit.value}"


def _cell_css(leaf: LeafColumn, indent: int) -> str:
    return f"{leaf.role.value} indent-{indent}" if indent else leaf.role.value


def table_view(table: Table, charts: Sequence[ChartView] = ()) -> TableView:
    """Lay a table out (`render.layout`, shared with Excel and Word) and format its amounts."""
    layout: TableLayout = layout_table(table)
    head = tuple(
        tuple(
            HeadCell(c.text, c.rowspan, c.colspan)
            for c in sorted((c for c in layout.header if c.row == row), key=lambda c: c.col)
        )
        for row in range(layout.header_rows)
    )
    body = tuple(
        BodyRowView(
            tuple(
                BodyCellView(format_amount(cell.value) if cell.is_amount else cell.text, _cell_css(leaf, cell.indent))
                for leaf, cell in zip(layout.columns, row.cells, strict=True)
            ),
            row.is_total,
        )
        for row in layout.body
    )
    roles = tuple(leaf.role.value for leaf in layout.columns)
    widths = _print_widths(roles, body, layout.is_wide)
    return TableView(table, f"table-{table.number}", head, body, roles, layout.is_wide, tuple(charts), widths)


# On paper a table is laid out with fixed column widths (CSS `table-layout: fixed`): WeasyPrint then need not
# measure every cell's text to choose the widths, which is most of a long table's typesetting.  Amount columns
# are as wide as their longest figure (digits about 0.58 em, plus padding), never narrower than a header
# word; code columns fixed; names and project names share what is left.  When that would leave the names
# too little room (many wide figures), the table keeps the automatic layout.
_EM_PER_CHAR = 0.58
_AMOUNT_PADDING_EM = 1.0
_MIN_AMOUNT_EM = 4.5
_CODE_EM = 2.6
_FIXED_LIMIT_EM = {False: 46.0, True: 78.0}  # portrait 8.5 pt ≈ 58 em wide, landscape 7.5 pt ≈ 101 em


def _print_widths(roles: tuple[str, ...], body: tuple[BodyRowView, ...], wide: bool) -> tuple[str, ...]:
    if "name" not in roles and "project" not in roles:
        return ()
    widths: list[float] = []
    for index, role in enumerate(roles):
        if role == Role.AMOUNT.value:
            longest = max((len(row.cells[index].text) for row in body), default=0)
            widths.append(max(_MIN_AMOUNT_EM, longest * _EM_PER_CHAR + _AMOUNT_PADDING_EM))
        elif role == Role.CODE.value:
            widths.append(_CODE_EM)
        else:
            widths.append(0.0)
    if sum(widths) > _FIXED_LIMIT_EM[wide]:
        return ()
    return tuple(f"{w:.1f}em" if w else "" for w in widths)


@dataclass(frozen=True)
class FormCell:
    """A cell of a performance form: a header (`th`) or a value, its lines of text, its spans."""

    lines: tuple[str, ...]
    css: str
    is_label: bool
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class FormView:
    """A performance-target form (`render.performance_grid`, shared with Excel and Word) ready for HTML.

    The rows above the indicator list, the indicator caption row (a `thead`, so it
    repeats on every page) and the indicator rows are kept apart.
    """

    title: str
    subtitle: str
    scope: str
    widths: tuple[str, ...]
    facts: tuple[tuple[FormCell, ...], ...]
    head: tuple[FormCell, ...]
    body: tuple[tuple[FormCell, ...], ...]


@dataclass(frozen=True)
class SectionView:
    section: Section
    anchor: str
    heading: str
    subsections: tuple[SectionView, ...]
    performance: tuple[FormView, ...] = ()


@dataclass(frozen=True)
class DocumentView:
    disclosure: Disclosure
    title: str
    kind_label: str
    contents: tuple[ContentsPart, ...]
    part_titles: tuple[str, ...]
    part1_headings: tuple[str, str]
    tables: tuple[TableView, ...]
    sections: tuple[SectionView, ...]
    trailing_performance: tuple[FormView, ...]
    glossary: tuple[tuple[str, str, str], ...]
    published: str


def _form_cell(cell: GridCell) -> FormCell:
    if cell.style is Style.AMOUNT:
        lines: tuple[str, ...] = (format_amount(cell.value),)
    elif cell.style is Style.NUMBER:
        lines = (weight_text(cell.value),)
    else:
        lines = tuple(line for line in cell.text.splitlines() if line.strip()) or ("",)
    css = cell.style.value + (" long" if len(lines) > 1 or len(cell.text) > 40 else "")
    return FormCell(lines, css, cell.style is Style.LABEL, cell.rowspan, cell.colspan)


def form_view(grid: FormGrid, scope: str) -> FormView:
    rows: dict[int, list[GridCell]] = {}
    for cell in grid.cells:
        rows.setdefault(cell.row, []).append(cell)

    def row(index: int) -> tuple[FormCell, ...]:
        return tuple(_form_cell(c) for c in sorted(rows.get(index, []), key=lambda c: c.col))

    total = sum(grid.widths) or 1
    widths = tuple(f"{Decimal(w * 100) / Decimal(total):.2f}%" for w in grid.widths)
    return FormView(
        title=grid.title,
        subtitle=grid.subtitle,
        scope=scope,
        widths=widths,
        facts=tuple(row(i) for i in range(grid.header_row)),
        head=row(grid.header_row),
        body=tuple(row(i) for i in range(grid.header_row + 1, grid.rows)),
    )


def _performance_views(disclosure: Disclosure) -> tuple[FormView, ...]:
    views = [
        form_view(grid, table.scope)
        for grid, table in zip(performance_grids(disclosure), disclosure.performance, strict=True)
    ]
    # The template prints the unit-wide form first, then one form per project.
    return tuple(sorted(views, key=lambda v: v.scope != "unit"))


def section_heading(section: Section) -> str:
    number = section.number.strip()
    if not number:
        return section.title
    if number.endswith(("）", ")", ".", "、", "．")):
        return f"{number}{section.title}"
    return f"{number}、{section.title}"


def _section_views(
    sections: Sequence[Section], performance: tuple[FormView, ...]
) -> tuple[tuple[SectionView, ...], bool]:
    """Section views, the performance tables under the first `performance` section.  Also says if they were placed."""
    placed = False

    def view(section: Section, prefix: str) -> SectionView:
        nonlocal placed
        anchor = f"{prefix}-{section.key}"
        here: tuple[FormView, ...] = ()
        if section.key == "performance" and not placed:
            here, placed = performance, True
        subsections = tuple(view(sub, anchor) for sub in section.subsections)
        return SectionView(section, anchor, section_heading(section), subsections, here)

    views = tuple(view(section, "section") for section in sections)
    return views, placed


def _contents(
    disclosure: Disclosure, tables: Sequence[TableView], sections: Sequence[SectionView]
) -> list[ContentsPart]:
    lines = disclosure.contents or _default_contents(disclosure)
    parts: list[tuple[str, list[str]]] = []
    for line in lines:
        if PART_HEADING.match(line):
            parts.append((line, []))
        elif parts:
            parts[-1][1].append(line)
    table_anchors = {t.table.title: t.anchor for t in tables}
    section_anchors = {s.heading: s.anchor for s in sections}
    result = []
    for index, (title, entries) in enumerate(parts):
        linked = []
        for position, text in enumerate(entries):
            bare = ENTRY_NUMBER.sub("", text)
            anchor = None
            if index == 0 and position < 2:
                anchor = ("profile-duties", "profile-organisation")[position]
            elif index == 1:
                anchor = table_anchors.get(bare)
            elif index == 2:
                anchor = section_anchors.get(text)
            linked.append(ContentsEntry(text, anchor))
        result.append(ContentsPart(title, f"part-{index + 1}", tuple(linked)))
    return result


def _default_contents(disclosure: Disclosure) -> list[str]:
    """A minimal table of contents for a disclosure that printed none."""
    one, two, three, four = part_titles(disclosure)
    return [one, *PART1_HEADINGS, two, three, four]


def _charts(disclosure: Disclosure, charts: Sequence[Any]) -> dict[TableKind, list[ChartView]]:
    placed: dict[TableKind, list[ChartView]] = {}
    present = {t.kind for t in disclosure.tables}
    for chart in charts:
        key = str(getattr(chart, "key", ""))
        kind = getattr(chart, "after_table", None)
        if kind not in present:
            kind = next((k for word, k in CHART_PLACES if word in key and k in present), None)
        if kind is None:
            kind = disclosure.tables[-1].kind if disclosure.tables else None
        if kind is None:
            continue
        svg = str(getattr(chart, "svg", ""))
        start = svg.find("<svg")
        if start < 0:
            continue
        placed.setdefault(kind, []).append(ChartView(key, str(getattr(chart, "title", "")), svg[start:]))
    return placed


def document_view(disclosure: Disclosure, charts: Sequence[Any] = ()) -> DocumentView:
    """Everything the templates print, in order."""
    chart_places = _charts(disclosure, charts)
    tables = tuple(table_view(t, chart_places.get(t.kind, ())) for t in disclosure.tables)
    performance = _performance_views(disclosure)
    sections, placed = _section_views(disclosure.narrative, performance)
    contents = _contents(disclosure, tables, sections)
    part1 = contents[0].entries if contents else ()
    part1_headings = (
        part1[0].text if len(part1) > 0 else PART1_HEADINGS[0],
        part1[1].text if len(part1) > 1 else PART1_HEADINGS[1],
    )
    glossary = tuple(
        (to_chinese(n), entry.term, entry.definition) for n, entry in enumerate(disclosure.glossary, start=1)
    )
    return DocumentView(
        disclosure=disclosure,
        title=disclosure.title,
        kind_label=disclosure.meta.kind.label,
        contents=tuple(contents),
        part_titles=part_titles(disclosure),
        part1_headings=part1_headings,
        tables=tables,
        sections=sections,
        trailing_performance=() if placed else performance,
        glossary=glossary,
        published=signature_date(disclosure),
    )
