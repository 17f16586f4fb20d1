"""Exact comparison and wording of amounts for rules.

Tables print amounts with two decimals in their own unit; two figures agree
when they are equal at two decimals.  When two tables use different units
(元 and 万元), the finer figure is rounded half-up into the coarser unit
first: the coarser table printed the rounding of the same quantity.  Nothing
else is tolerated here; rules that compare rounded percentages compute their
own bounds.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from yusuan.model import Col, Row, Side, Table
from yusuan.money import ZERO, MoneyUnit, convert, format_amount, quantize


def same(a: Decimal, b: Decimal) -> bool:
    """Equal at two decimals."""
    return quantize(a) == quantize(b)


def in_unit(value: Decimal, source: MoneyUnit, target: MoneyUnit) -> Decimal:
    """`value` expressed in `target`, rounded to two decimals when that loses precision."""
    if source is target:
        return value
    return quantize(convert(value, source, target))


def coarser(a: MoneyUnit, b: MoneyUnit) -> MoneyUnit:
    return a if a.yuan_per_unit >= b.yuan_per_unit else b


def agree(a: Decimal, unit_a: MoneyUnit, b: Decimal, unit_b: MoneyUnit) -> bool:
    """Equal once both are in the coarser of the two units (two decimals)."""
    target = coarser(unit_a, unit_b)
    return same(in_unit(a, unit_a, target), in_unit(b, unit_b, target))


def agree_as_printed(stated: Decimal, stated_unit: MoneyUnit, value: Decimal, unit: MoneyUnit) -> bool:
    """A figure the narrative states agrees with a table's: as `agree`, or — when the narrative prints
    fewer than two decimals (`17,192万元`) — the table's figure rounded half-up in the narrative's unit
    to the narrative's last printed digit is the stated figure (171,915,169.00 元 → 17,192 万元)."""
    if agree(stated, stated_unit, value, unit):
        return True
    exponent = stated.as_tuple().exponent
    if not isinstance(exponent, int) or exponent <= -2:
        return False
    return convert(value, unit, stated_unit).quantize(Decimal(1).scaleb(exponent), ROUND_HALF_UP) == stated


def difference(actual: Decimal, expected: Decimal) -> Decimal:
    return quantize(actual - expected)


def fmt(value: Decimal | None) -> str:
    """`1,354.25`; an empty cell reads `空`."""
    return "空" if value is None else format_amount(value)


def total(values: list[Decimal]) -> Decimal:
    return sum(values, ZERO)


def unknown_money(table: Table, side: Side | None, column: str) -> bool:
    """True when a row the reader could not name (`unknown:…`) holds money in that column on that side: a
    sum over the side's named rows may then miss a part, and an identity over them proves nothing."""
    return any(r.key.startswith("unknown:") and r.amount(column) for r in table.rows if r.side == side)


def side_amount_column(table: Table, side: Side) -> str:
    """The column that holds a side's amounts: `amount` (预算数), or `total` where the side is split
    into columns (Shanghai 单位 table 1 prints 本年支出 as 合计 | 基本支出 {人员经费 | 公用经费} | 项目支出), or
    `final` (决算数) in a final account's."""
    if table.column(Col.AMOUNT, side) is None and table.column(Col.TOTAL, side) is not None:
        return Col.TOTAL
    if table.column(Col.AMOUNT, side) is None and table.column(Col.FINAL, side) is not None:
        return Col.FINAL
    return Col.AMOUNT


def income_column(table: Table) -> str:
    """The column of a two-sided table's income amounts as its row identities read them: `final` (决算数) in a
    final account's, else `amount` (预算数)."""
    return Col.FINAL if table.column(Col.FINAL, Side.INCOME) is not None else Col.AMOUNT


def printed_rows(table: Table, part: str, side: Side | None = None) -> list[Row]:
    """The rows a part of an identity stands for, as the template prints them: `a|b+c` is row `a` where
    the table prints it, else the printed rows among `b` and `c` (Shanghai's table 1 prints no 本年收入 row,
    only its parts; Jiangsu's table 4 no 本年收入 but 一般公共预算 and 政府性基金)."""
    for alternative in part.split("|"):
        found = [row for key in alternative.split("+") if (row := table.row(key, side)) is not None]
        if found:
            return found
    return []


def row_name(row: Row) -> str:
    """`201 一般公共服务支出`, `服务保障工作经费`, `合计`."""
    label = " ".join(row.label.split())
    if row.project:
        return f"{row.code} {row.project}" if row.code else row.project
    if row.code and not label.startswith(row.code):
        return f"{row.code} {label}"
    return label


def column_name(table: Table, key: str) -> str:
    column = table.column(key)
    if column is None:
        return key
    label = " ".join(column.label.split())
    if column.group and label in {"合计", "小计", "人员经费", "公用经费", "项目支出", "基本支出"}:
        return f"{column.group[-1]}/{label}"
    return label


def cell_name(table: Table, row: Row, column: str) -> str:
    """`表5“201 一般公共服务支出”行“基本支出”列`."""
    return f"表{table.number}“{row_name(row)}”行“{column_name(table, column)}”列"
