"""Say when a table's reading is doubtful, so that no finding rests on a misread figure.

A reader that meets a layout it has never seen can map a column wrongly or
miss one; the table then looks wrong when it is not.  Three signs tell a
misreading from a published error, and each is about the reading as a whole,
not one cell:

- value columns whose header maps to no canonical column (their figures are
  not read, so no sum across the columns can be trusted: `unread_columns`);
- the table's own column identities (合计 = 基本支出 + 项目支出 …) failing in
  most of the rows where they can be checked: a published table is
  occasionally wrong in a row, a misaligned reading is wrong in most;
- a total row read as zero or empty beside rows that hold money;
- a table by code whose rows with money bear no code (rows of units, not of
  classes), or whose codes come back row after row (one block of classes per
  unit): it cannot be read by class;
- most of the non-zero amounts printed in the table's rows not read into any
  cell (`unread_amounts`: rows of a kind the reader does not know, so a table
  full of money would look empty), or, however few, none of its amounts read
  at all (a table read as nothing is never silently empty).

`doubt` returns the reason in Chinese, or None.  The check engine does not run
figure rules on a doubtful table and shows the reason once, as a reading
notice; `score` ranks the readings of one table by several printed forms.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from yusuan.extract.header import CODE_CELL
from yusuan.extract.normalise import fold, is_amount, is_dash, read_amount
from yusuan.extract.table_blocks import TableBlock
from yusuan.extract.table_rows import is_column_numbers
from yusuan.extract.template import TableSpec
from yusuan.model import Row, Table
from yusuan.money import ZERO, MoneyUnit

MOST = Decimal("0.5")  # a share of the checkable rows above which failed identities mean a misreading
MIN_FAILED_ROWS = 2
MAIN_COLUMNS = frozenset({"total", "amount"})
MIN_PRINTED = 8  # non-zero amounts printed before a table's coverage is judged
READ_SHARE = Decimal("0.5")  # the share of them that must be read into cells
MIN_REPEATED_CODES = 3  # codes printed twice before a table is taken for one block of classes per unit


def failed_identities(table: Table, spec: TableSpec) -> tuple[int, int]:
    """(rows where a column identity of the spec can be checked, rows where one fails by more than rounding)."""
    checked = failed = 0
    for row in table.rows:
        row_checked = row_failed = False
        for identity in spec.sums:
            whole = row.value(identity.total)
            parts = [row.value(p) for p in identity.parts]
            present = [p for p in parts if p is not None]
            if whole is None or not present:
                continue
            row_checked = True
            slack = Decimal("0.005") * (len(present) + 1) if table.unit is MoneyUnit.WAN_YUAN else ZERO
            if abs(whole - sum(present, ZERO)) > slack:
                row_failed = True
        checked += row_checked
        failed += row_failed
    return checked, failed


def _zero_total(table: Table) -> str | None:
    """The label of the main amount column (总计/合计/金额) read as zero or empty in a total row, where the
    other rows hold money (a part column printed `-` in the total row may be a published error; the main
    total of a table with money in it is not printed as nothing)."""
    for side in {row.side for row in table.rows}:
        totals = [r for r in table.rows if r.is_total and r.side == side]
        body = [r for r in table.rows if not r.is_total and r.side == side]
        for column in {key for r in totals for key in r.cells} & MAIN_COLUMNS:
            cells = [t.cells.get(column) for t in totals]
            if any(c is not None and (c.value or (c.value is None and c.text and c.text.strip())) for c in cells):
                continue  # a total with money in it, or printed but unreadable (said elsewhere)
            if any(r.amount(column) for r in body):
                return next((c.label for c in table.columns if c.key == column and c.side == side), column)
    return None


def _is_coded(row: Row) -> bool:
    return bool(row.code) or row.key.isdigit()


def _not_by_class(table: Table) -> str | None:
    """Why a table by code cannot be read by class: no row with money has a code, or many codes repeat."""
    body = [r for r in table.rows if not r.is_total and any(c.value for c in r.cells.values())]
    if body and not any(_is_coded(r) for r in body):
        return "表中有金额的行都没有科目编码，行无法对应到科目"
    repeated = sum(1 for n in Counter((r.side, r.key) for r in table.rows if _is_coded(r)).values() if n > 1)
    if repeated >= MIN_REPEATED_CODES:
        return f"{repeated} 个科目在表中出现不止一次（可能按单位分列），无法按科目读取"
    return None


def doubt(table: Table, spec: TableSpec) -> str | None:
    """Why this reading of the table is doubtful, or None when nothing says so."""
    if table.unread_columns:
        shown = "、".join(f"“{label}”" for label in table.unread_columns[:3])
        more = f"等 {len(table.unread_columns)} 栏" if len(table.unread_columns) > 3 else ""
        return f"表头中{shown}{more}未能对应到已知栏目，其数值未读取，表内各栏之间的勾稽不作检查"
    coded = [row for row in table.rows if row.code]
    if coded and sum(1 for row in coded if is_amount(row.label)) * 2 > len(coded):
        return "科目名称一栏读出的是金额，栏目没有对准"
    if spec.layout == "codes" and (reason := _not_by_class(table)) is not None:
        return reason
    checked, failed = failed_identities(table, spec)
    if failed >= MIN_FAILED_ROWS and failed > checked * MOST:
        return f"表内各栏的合计关系在 {checked} 行中有 {failed} 行不成立，可能是栏目没有对准"
    if (label := _zero_total(table)) is not None:
        return f"合计行的“{label}”读为 0，而表中其他行有数，可能没有读对"
    return None


def unread_amounts(block: TableBlock, table: Table) -> str | None:
    """When most of the money printed in the table's rows, or all of it, was not read into any cell: the
    rows or columns were not understood (a layout the reader does not know), and an empty-looking table
    is not empty (Jiangsu 单位 公开02表 with no column mapped: 合计 186,241.00 read as nothing)."""
    printed = [
        value
        for cells in (line.cells for line in block.rows)  # each line split once
        if not is_column_numbers(cells)  # `1 | 2 | … | 12` under the header numbers the columns
        for cell in cells
        if (value := _nonzero(cell)) is not None
    ]
    read = [c.value for row in table.rows for c in row.cells.values() if c.value]
    if not any(c.value is not None for row in table.rows for c in row.cells.values()) and any(
        _prints_figures(line.cells) for line in block.rows
    ):
        if printed:
            return f"表中印有 {len(printed)} 个非零金额，一个也没有读出，行或栏目可能没有读对"
        return "表中印有数字，却一个金额也没有读出，表头或行可能没有读对"
    if len(printed) >= MIN_PRINTED and len(read) < len(printed) * READ_SHARE:
        return f"表中印有 {len(printed)} 个非零金额，只读出 {len(read)} 个，行或栏目可能没有读对"
    return None


_MARKS = frozenset({"栏次", "行次", "序号", "项目", "甲", "乙", "丙", "*", "**"})  # a column-numbers line


def _prints_figures(cells: list[str]) -> bool:
    """A line with money in it, or with numbers beside words (`续建大中型水库 | ≥ | 27 | 座`): not a header
    and not a line numbering the columns (`栏次 | 1 | 2 | 3`)."""
    if any(_is_money(cell) for cell in cells):
        return True
    texts = [fold(cell) for cell in cells if cell.strip() and not is_dash(cell)]
    while texts and CODE_CELL.match(texts[0]):
        texts = texts[1:]  # `205 | 02 | 教育支出`: a code, not a figure
    return any(is_amount(t) for t in texts) and any(not is_amount(t) and t not in _MARKS for t in texts)


def _is_money(cell: str) -> bool:
    """An amount as money is printed (`0.00`, `5,417.80`, `12345`), not a code, a year or a column's number."""
    if not is_amount(cell) or CODE_CELL.match(cell):
        return False
    return "." in cell or sum(ch.isdigit() for ch in cell) >= 3


def _nonzero(cell: str) -> Decimal | None:
    if not is_amount(cell) or CODE_CELL.match(cell):
        return None
    value, readable = read_amount(cell)
    return value if readable and value else None


def score(table: Table, spec: TableSpec, problems: int) -> tuple[int, int]:
    """How well a reading explains the printed table: (no doubt, amounts read − penalties); higher is better."""
    amounts = sum(1 for row in table.rows for cell in row.cells.values() if cell.value is not None)
    unknown_rows = sum(1 for row in table.rows if row.key.startswith("unknown:"))
    return (0 if doubt(table, spec) else 1, amounts - 3 * problems - 2 * unknown_rows - 5 * len(table.unread_columns))
