"""`Disclosure`: the document as published — the hub every path passes through.

`compile` builds one from a `Budget`; `extract` reads one from a published
PDF, Word, Excel or text file; `render` writes one out; `check` verifies one.
It holds what a reader sees: tables of typed rows and columns, the numbered
narrative sections, the performance-target tables and the glossary.  Every
value carries a `Source`: the input record it was derived from, or the file,
page and line it was read from.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from pydantic import Field

from yusuan.model.base import Frozen
from yusuan.model.kinds import DocumentKind, Side, TableKind
from yusuan.model.people import GlossaryEntry, Staffing
from yusuan.money import MoneyUnit


class Source(Frozen):
    """Where a value came from: input records, or a place in a published file."""

    file: str | None = None
    page: int | None = None
    line: int | None = None
    records: tuple[str, ...] = ()

    def describe(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.records:
            parts.append("、".join(self.records[:3]) + ("…" if len(self.records) > 3 else ""))
        return " ".join(parts)


class Cell(Frozen):
    """A table cell: its value (None for an empty cell) and the text printed."""

    value: Decimal | None = None
    text: str | None = None
    source: Source | None = None


class Column(Frozen):
    """A column: canonical key, printed label and the header path above it."""

    key: str
    label: str
    group: tuple[str, ...] = Field(default=(), description="merged header cells above the label, outermost first")
    side: Side | None = None


class Row(Frozen):
    """A table row.  `key` identifies it across documents (a code, a code/project, an item key)."""

    key: str
    label: str
    code: str | None = None
    level: int | None = Field(None, description="1 类, 2 款, 3 项 for code rows")
    project: str | None = None
    side: Side | None = None
    is_total: bool = False
    cells: dict[str, Cell] = Field(default_factory=dict)
    source: Source | None = None
    named: bool = Field(False, description="the code was given from the row's name: the document prints none")

    def value(self, column: str) -> Decimal | None:
        cell = self.cells.get(column)
        return cell.value if cell else None

    def amount(self, column: str) -> Decimal:
        """The value, with an empty cell read as zero."""
        return self.value(column) or Decimal(0)


class Table(Frozen):
    """One published table."""

    kind: TableKind
    number: str = Field(description="the number as printed, e.g. `1`, `01`, `一`")
    title: str
    unit: MoneyUnit = MoneyUnit.WAN_YUAN
    columns: list[Column]
    rows: list[Row] = Field(default_factory=list)
    note: str | None = Field(None, description="备注, e.g. why the table is empty")
    source: Source | None = None
    unread_columns: tuple[str, ...] = Field(
        (), description="printed labels of value columns the reader could not map (their figures are not read)"
    )
    doubt: str | None = Field(
        None, description="why the reading of this table is doubtful (its figures are then not checked), in Chinese"
    )

    def column(self, key: str, side: Side | None = None) -> Column | None:
        return next((c for c in self.columns if c.key == key and (side is None or c.side == side)), None)

    def columns_on(self, side: Side | None) -> list[Column]:
        return [c for c in self.columns if c.side == side]

    def rows_on(self, side: Side | None) -> list[Row]:
        return [r for r in self.rows if r.side == side]

    def row(self, key: str, side: Side | None = None) -> Row | None:
        return next((r for r in self.rows if r.key == key and (side is None or r.side == side)), None)

    def body_rows(self, side: Side | None = None) -> Iterator[Row]:
        """Rows that are not totals (on one side, if given)."""
        return (r for r in self.rows if not r.is_total and (side is None or r.side == side))

    @property
    def is_empty(self) -> bool:
        """True when no cell holds a non-zero amount."""
        return all(not c.value for r in self.rows for c in r.cells.values())


class Paragraph(Frozen):
    text: str
    source: Source | None = None


class Section(Frozen):
    """A numbered section of the narrative (第三部分 and the other parts)."""

    key: str = Field(description="canonical: overview, income, expenditure, fiscal, …")
    number: str = Field(description="as printed: 一, 二, …")
    title: str
    paragraphs: list[Paragraph] = Field(default_factory=list)
    subsections: list[Section] = Field(default_factory=list)
    source: Source | None = None

    def text(self) -> str:
        own = "\n".join(p.text for p in self.paragraphs)
        return "\n".join([own, *(s.text() for s in self.subsections)]).strip()


class PerformanceIndicator(Frozen):
    level1: str
    level2: str
    name: str
    value: str
    basis: str = ""
    weight: Decimal | None = None
    last_year_value: str | None = None
    scoring: str | None = None
    evidence: str | None = None
    source: Source | None = None


class PerformanceTable(Frozen):
    """单位整体绩效目标表 (scope `unit`) or 项目支出绩效目标表 (scope `project`)."""

    scope: str = Field(pattern="^(unit|project)$")
    name: str = Field(description="unit name, or project name")
    responsible: str = ""
    phone: str = ""
    total: Decimal | None = None
    fiscal: Decimal | None = None
    fiscal_superior: Decimal | None = Field(None, description="财政资金：上级安排")
    fiscal_own: Decimal | None = Field(None, description="财政资金：本级安排")
    other: Decimal | None = None
    goal: str = ""
    indicators: list[PerformanceIndicator] = Field(default_factory=list)
    source: Source | None = None


class Profile(Frozen):
    """第一部分: duties, organisation and staffing."""

    duties: list[str] = Field(default_factory=list)
    organisation: str = ""
    staffing: Staffing | None = None
    staffing_text: str = ""
    other: list[str] = Field(
        default_factory=list,
        description="第一部分's other paragraphs as printed (预算构成, 工作任务, 编制依据…), read for wording",
    )


class DocumentMeta(Frozen):
    unit: str
    year: int
    kind: DocumentKind = DocumentKind.UNIT_BUDGET
    published: date | None = None
    template: str = Field("xinjiang-unit-2024", description="the regional template it follows")
    sources: tuple[str, ...] = ()
    province: str | None = Field(None, description="the province the document shows (`广东省`, `重庆市`)")
    city: str | None = Field(None, description="its prefecture-level city, autonomous prefecture or 地区 (`深圳市`)")
    district: str | None = Field(None, description="its district or county, when the unit's name prints one")
    level: str | None = Field(None, description="省级, 市级, 区级 or 县级, when the document shows it")
    region_read: bool = Field(
        False, description="a reader looked for the region in the document (so None means it shows none)"
    )
    members: tuple[str, ...] | None = Field(
        None,
        description="a department's units as its document lists them (部门预算单位构成), 本级 for its own office; "
        "None when it lists none",
    )
    printed_parts: tuple[str, ...] = Field(
        (),
        description="parts the document prints a heading for, by meaning "
        "(profile, duties, organisation, tables, narrative, glossary), whether or not their content was read",
    )

    @property
    def region(self) -> str | None:
        """`广东省 深圳市`, `重庆市`, `上海市 普陀区`; None when unknown."""
        if self.province is None:
            return None
        return region_label(self.province, self.city, self.district)


def region_label(province: str, city: str | None, district: str | None) -> str:
    """`广东省 深圳市`; a municipality once (`重庆市`); the district after its city."""
    parts = [province]
    if city and city != province:
        parts.append(city)
    if district:
        parts.append(district)
    return " ".join(parts)


class PageDefect(Frozen):
    """What a PDF page shows a reader that its text does not say (`extract/pdf_pages.py`).

    `kind`: `blank` (nothing printed), `text-outside` (characters cut by the
    page's edge), `glyph-missing` (characters drawn with the font's missing-glyph box).
    """

    kind: str
    page: int
    text: str = Field(default="", description="the characters concerned, as read (a missing glyph as □)")
    count: int = 0
    file: str | None = None  # the file it is in, when a document is read from several files


class Disclosure(Frozen):
    """A complete budget disclosure."""

    meta: DocumentMeta
    contents: list[str] = Field(default_factory=list, description="table-of-contents entries as printed")
    profile: Profile = Profile()
    tables: list[Table] = Field(default_factory=list)
    narrative: list[Section] = Field(default_factory=list)
    performance: list[PerformanceTable] = Field(default_factory=list)
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    tables_text: list[str] = Field(
        default_factory=list,
        description="the tables part's own sentences before its first table (`2026年度部门预算公开表附后。`)",
    )
    last_year: dict[str, Decimal] = Field(
        default_factory=dict,
        description="last year's comparable figures the narrative states or implies, keyed as Budget.last_year",
    )
    page_defects: list[PageDefect] = Field(
        default_factory=list, description="what the PDF's pages show a reader and its text hides (blank pages, …)"
    )

    def table(self, kind: TableKind) -> Table | None:
        return next((t for t in self.tables if t.kind == kind), None)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.narrative if s.key == key), None)

    @property
    def title(self) -> str:
        return f"{self.meta.unit}{self.meta.year}年{self.meta.kind.label}公开"
