"""The printed grid of a table: header cells with their spans, leaf columns, body rows.

Every renderer (Excel, Word, HTML) lays a `Table` out the way the official
template prints it: a multi-row header rebuilt from each column's `group`
path with merged cells, 类/款/项 code columns split out of the row code, the
name column (and 项目名称 for table 7), and the two sides of tables 1 and 4
placed next to each other.  Working that out once here keeps the formats in
agreement; this module is pure (no I/O, no rendering library) and the
renderers only map its cells onto their own merge and style calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from yusuan.model import Column, Row, Side, Table, TableKind
from yusuan.model.codes import split_code
from yusuan.model.kinds import ECONOMIC_CODE_TABLES


class Role(StrEnum):
    """What a leaf column holds."""

    CODE = "code"  # one part of a classification code: 类, 款 or 项
    NAME = "name"  # the code's name, or a row's label
    PROJECT = "project"  # 项目名称 (table 7)
    AMOUNT = "amount"


@dataclass(frozen=True)
class LeafColumn:
    """A column of the printed grid; `column` is the model column for amounts."""

    role: Role
    width: int  # suggested width in character cells (a CJK character counts as 2)
    column: Column | None = None
    side: Side | None = None


@dataclass(frozen=True)
class HeaderCell:
    """A header cell at grid position (row, col), spanning `rowspan` × `colspan` cells."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class BodyCell:
    """A body cell: text for code and label cells, `value` for amounts (None = empty)."""

    text: str = ""
    value: Decimal | None = None
    is_amount: bool = False
    indent: int = 0  # nesting depth of a label (款 1, 项 2, 其中 items 1)
    is_total: bool = False


@dataclass(frozen=True)
class BodyRow:
    cells: tuple[BodyCell, ...]
    is_total: bool = False
    level: int | None = None  # 1 类, 2 款, 3 项 for code rows (the emphasised 类 rows)


@dataclass(frozen=True)
class TableLayout:
    """A table laid out as printed."""

    table: Table
    columns: tuple[LeafColumn, ...]
    header: tuple[HeaderCell, ...]
    header_rows: int
    body: tuple[BodyRow, ...]

    @property
    def width(self) -> int:
        return len(self.columns)

    @property
    def is_wide(self) -> bool:
        """True for tables that need a landscape page (tables 2 and 7 of the template)."""
        return self.width > 11

    @property
    def amount_values(self) -> list[Decimal]:
        """Every non-empty amount printed in the body."""
        return [c.value for r in self.body for c in r.cells if c.is_amount and c.value is not None]


FUNCTION_CODE_TABLES = frozenset(
    {
        TableKind.INCOME_SUMMARY,
        TableKind.EXPENDITURE_SUMMARY,
        TableKind.GENERAL_BUDGET_EXPENDITURE,
        TableKind.GENERAL_BUDGET_PROJECTS,
        TableKind.GOVERNMENT_FUND_EXPENDITURE,
        TableKind.STATE_CAPITAL_EXPENDITURE,
    }
)

# The header of the label column of tables without code columns.
LABEL_HEADERS: dict[TableKind, str] = {
    TableKind.THREE_PUBLIC: "“三公”经费支出内容",
    TableKind.CARRYOVER: "项目名称",
}
SIDE_LABEL_HEADERS: dict[Side, str] = {Side.INCOME: "项目", Side.EXPENDITURE: "功能分类"}
CODE_PART_LABELS = ("类", "款", "项")
AMOUNT_WIDTH = 14


def layout_table(table: Table) -> TableLayout:
    """Lay a table out as the template prints it."""
    if any(c.side is not None for c in table.columns):
        return _two_sided(table)
    if table.kind in FUNCTION_CODE_TABLES or table.kind in ECONOMIC_CODE_TABLES:
        return _code_table(table)
    return _label_table(table)


def text_width(text: str) -> int:
    """Display width in character cells: CJK and full-width characters count as 2."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


# -- headers ---------------------------------------------------------------------
def build_header(paths: Sequence[tuple[str, ...]]) -> tuple[list[HeaderCell], int]:
    """Header cells for leaf columns given as paths (outermost group first, label last).

    A group cell spans the adjacent columns that share its path prefix; a
    label spans from its level down to the last header row.  Labels never
    merge sideways, so two columns both labelled 合计 stay two cells.
    """
    depth = max((len(p) for p in paths), default=1)
    cells: list[HeaderCell] = []
    for level in range(depth):
        col = 0
        while col < len(paths):
            path = paths[col]
            if level >= len(path):
                col += 1
                continue
            if level == len(path) - 1:  # the leaf label
                cells.append(HeaderCell(path[level], level, col, rowspan=depth - level))
                col += 1
                continue
            end = col + 1
            prefix = path[: level + 1]
            while end < len(paths) and len(paths[end]) > level + 1 and paths[end][: level + 1] == prefix:
                end += 1
            cells.append(HeaderCell(path[level], level, col, colspan=end - col))
            col = end
    return cells, depth


def _amount_path(column: Column) -> tuple[str, ...]:
    return (*column.group, column.label)


def _amount_leaf(column: Column) -> LeafColumn:
    return LeafColumn(Role.AMOUNT, max(AMOUNT_WIDTH, min(text_width(column.label) + 2, 20)), column, column.side)


def _amount_cells(row: Row, columns: Sequence[Column]) -> list[BodyCell]:
    return [BodyCell(value=row.value(c.key), is_amount=True, is_total=row.is_total) for c in columns]


def _common_top_group(columns: Sequence[Column]) -> tuple[str, ...]:
    """The outermost group all columns share, if every one of them has it."""
    tops = {c.group[0] if c.group else None for c in columns}
    if len(tops) == 1 and None not in tops:
        return (next(iter(tops)) or "",)
    return ()


# -- code tables (2, 3, 5, 6, 7, 8, 9) -------------------------------------------------
def _split_code(code: str | None, parts: int) -> list[str]:
    """`2013101` → [`201`, `31`, `01`]; `30101` → [`301`, `01`]; parents leave lower parts blank."""
    return list(split_code(code or ""))[:parts]


def _code_table(table: Table) -> TableLayout:
    economic = table.kind in ECONOMIC_CODE_TABLES
    with_project = table.kind is TableKind.GENERAL_BUDGET_PROJECTS
    code_parts = 2 if economic else 3
    if economic:
        code_header, name_header = "经济分类科目编码", "经济分类科目名称"
    elif with_project:
        code_header, name_header = "科目编码", "科目名称"
    else:
        code_header, name_header = "功能分类科目编码", "功能分类科目名称"
    prefix = ("科目",) if _common_top_group(table.columns) else ()
    paths: list[tuple[str, ...]] = [(*prefix, code_header, CODE_PART_LABELS[i]) for i in range(code_parts)]
    paths.append((*prefix, name_header))
    leaves = [LeafColumn(Role.CODE, 5 if i == 0 else 4) for i in range(code_parts)]
    names = [r.label for r in table.rows]
    leaves.append(LeafColumn(Role.NAME, _label_width(names, minimum=20, maximum=44)))
    if with_project:
        paths.append((*prefix, "项目名称"))
        projects = [r.project or "" for r in table.rows]
        leaves.append(LeafColumn(Role.PROJECT, _label_width(projects, minimum=16, maximum=36)))
    paths += [_amount_path(c) for c in table.columns]
    leaves += [_amount_leaf(c) for c in table.columns]
    header, depth = build_header(paths)

    body = []
    for row in table.rows:
        codes = [""] * code_parts if row.is_total else _split_code(row.code, code_parts)
        cells = [BodyCell(text=c) for c in codes]
        indent = max((row.level or 1) - 1, 0) if row.code else 0
        if with_project:
            cells.append(BodyCell(text=row.label if not row.is_total else "", indent=indent))
            cells.append(BodyCell(text=row.project or (row.label if row.is_total else ""), is_total=row.is_total))
        else:
            cells.append(BodyCell(text=row.label, indent=indent, is_total=row.is_total))
        cells += _amount_cells(row, table.columns)
        body.append(BodyRow(tuple(cells), is_total=row.is_total, level=row.level))
    return TableLayout(table, tuple(leaves), tuple(header), depth, tuple(body))


# -- label tables (10, 11) --------------------------------------------------------------
def _label_table(table: Table) -> TableLayout:
    label_header = LABEL_HEADERS.get(table.kind, "项目")
    paths: list[tuple[str, ...]] = [(label_header,)] + [_amount_path(c) for c in table.columns]
    leaves = [LeafColumn(Role.NAME, _label_width([r.label for r in table.rows], minimum=22, maximum=40))]
    leaves += [_amount_leaf(c) for c in table.columns]
    header, depth = build_header(paths)
    body = []
    for row in table.rows:
        indent = 1 if row.label.startswith("其中") or row.key in {"vehicle_purchase", "vehicle_operation"} else 0
        cells = [BodyCell(text=row.label, indent=indent, is_total=row.is_total), *_amount_cells(row, table.columns)]
        body.append(BodyRow(tuple(cells), is_total=row.is_total))
    return TableLayout(table, tuple(leaves), tuple(header), depth, tuple(body))


# -- two-sided tables (1, 4) ------------------------------------------------------------
def _side_label(row: Row) -> str:
    if row.code and not row.is_total and not row.label.startswith(row.code):
        return f"{row.code} {row.label}"
    return row.label


def _side_indent(row: Row) -> int:
    if row.side is Side.EXPENDITURE or row.is_total:
        return 0
    label = row.label
    if label[:2] in {"一、", "二、", "三、"}:
        return 0
    if label[:1].isdigit():
        return 1
    return 2


def _two_sided(table: Table) -> TableLayout:
    sides = [Side.INCOME, Side.EXPENDITURE]
    paths: list[tuple[str, ...]] = []
    leaves: list[LeafColumn] = []
    for side in sides:
        columns = table.columns_on(side)
        top = _common_top_group(columns)
        rows = table.rows_on(side)
        paths.append((*top, SIDE_LABEL_HEADERS[side]))
        leaves.append(LeafColumn(Role.NAME, _label_width([_side_label(r) for r in rows], 20, 36), side=side))
        paths += [_amount_path(c) for c in columns]
        leaves += [_amount_leaf(c) for c in columns]
    header, depth = build_header(paths)

    income_columns = table.columns_on(Side.INCOME)
    expenditure_columns = table.columns_on(Side.EXPENDITURE)
    blank_income = [BodyCell()] + [BodyCell(is_amount=True) for _ in income_columns]
    blank_expenditure = [BodyCell()] + [BodyCell(is_amount=True) for _ in expenditure_columns]

    def side_cells(row: Row | None, columns: list[Column], blank: list[BodyCell]) -> list[BodyCell]:
        if row is None:
            return list(blank)
        label = BodyCell(text=_side_label(row), indent=_side_indent(row), is_total=row.is_total)
        return [label, *_amount_cells(row, columns)]

    def paired(left_rows: list[Row], right_rows: list[Row], is_total: bool) -> list[BodyRow]:
        """Rows of both sides next to each other, the shorter side padded with blank cells."""
        pairs = []
        for i in range(max(len(left_rows), len(right_rows))):
            left = side_cells(left_rows[i] if i < len(left_rows) else None, income_columns, blank_income)
            right = side_cells(right_rows[i] if i < len(right_rows) else None, expenditure_columns, blank_expenditure)
            pairs.append(BodyRow(tuple(left + right), is_total=is_total))
        return pairs

    body = paired(list(table.body_rows(Side.INCOME)), list(table.body_rows(Side.EXPENDITURE)), is_total=False)
    body += paired(
        [r for r in table.rows_on(Side.INCOME) if r.is_total],
        [r for r in table.rows_on(Side.EXPENDITURE) if r.is_total],
        is_total=True,
    )
    return TableLayout(table, tuple(leaves), tuple(header), depth, tuple(body))


def _label_width(texts: Sequence[str], minimum: int, maximum: int) -> int:
    widest = max((text_width(t) for t in texts), default=0) + 2
    return max(minimum, min(widest, maximum))
