"""Tables 6, 7, 9, 10 and 11: the detail of general-budget, state-capital, 三公 and carry-over spending.

Tables 3, 5 and 8 share one shape (total = basic + project by function code)
and are built by `summary_tables.basic_project_table`; the tables here each
have a shape of their own.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.compile.ledger import (
    Entry,
    Ledger,
    LineFilter,
    carryover,
    cells_for,
    economic_code_rows,
    fiscal,
    function_code_rows,
    of_fund_type,
    of_kind,
    project,
    total_row,
    under_economic,
    value_cell,
)
from yusuan.model import Col, Column, Row, Table, TableKind, ThreePublicItem
from yusuan.model.kinds import ECONOMIC_CLASSES, FundType, SpendingKind

GPB = of_fund_type(FundType.GENERAL_PUBLIC_BUDGET)


def general_budget_basic(ledger: Ledger, number: str, title: str) -> Table:
    """Table 6: basic spending of the general public budget by economic code."""
    columns: dict[str, LineFilter] = {
        Col.TOTAL: lambda _line: True,
        Col.PERSONNEL: of_kind(SpendingKind.PERSONNEL),
        Col.PUBLIC: of_kind(SpendingKind.PUBLIC),
    }
    entries = ledger.select(GPB, lambda line: line.kind.is_basic)
    rows = economic_code_rows(ledger, entries, columns)
    rows.append(total_row(entries, columns))
    return Table(
        kind=TableKind.GENERAL_BUDGET_BASIC,
        number=number,
        title=title,
        unit=ledger.budget.money_unit,
        columns=[
            Column(key=Col.TOTAL, label="合计", group=("一般公共预算基本支出",)),
            Column(key=Col.PERSONNEL, label="人员经费", group=("一般公共预算基本支出",)),
            Column(key=Col.PUBLIC, label="公用经费", group=("一般公共预算基本支出",)),
        ],
        rows=rows,
        note=None if entries else "没有一般公共预算基本支出，本表为空表。",
    )


def general_budget_projects(ledger: Ledger, number: str, title: str, note: str) -> Table:
    """Table 7: projects of the general public budget, by function code and economic class."""
    columns: dict[str, LineFilter] = {Col.TOTAL: lambda _line: True}
    for code in ECONOMIC_CLASSES:
        columns[Col.economic_class(code)] = under_economic(code)
    entries = ledger.select(GPB, project)
    rows: list[Row] = []
    by_item: dict[str, dict[str | None, list[Entry]]] = {}  # 项 code → project → its lines, in their order
    for e in entries:
        by_item.setdefault(e.line.function_code, {}).setdefault(e.line.project, []).append(e)
    for row in function_code_rows(ledger, entries, columns):
        if row.level != 3:
            rows.append(row)
            continue
        for name, mine in by_item.get(row.code or "", {}).items():
            rows.append(
                Row(
                    key=f"{row.code}/{name}",
                    label=row.label,
                    code=row.code,
                    level=3,
                    project=name,
                    cells=cells_for(mine, columns),
                )
            )
    rows.append(total_row(entries, columns))
    return Table(
        kind=TableKind.GENERAL_BUDGET_PROJECTS,
        number=number,
        title=title,
        unit=ledger.budget.money_unit,
        columns=[Column(key=Col.TOTAL, label="项目支出合计")]
        + [Column(key=Col.economic_class(code), label=name) for code, name in ECONOMIC_CLASSES.items()],
        rows=rows,
        note=None if entries else note,
    )


def state_capital_expenditure(ledger: Ledger, number: str, title: str, note: str) -> Table:
    """Table 9: state-capital spending: total = personnel + public + project."""
    columns: dict[str, LineFilter] = {
        Col.TOTAL: lambda _line: True,
        Col.PERSONNEL: of_kind(SpendingKind.PERSONNEL),
        Col.PUBLIC: of_kind(SpendingKind.PUBLIC),
        Col.PROJECT: project,
    }
    entries = ledger.select(of_fund_type(FundType.STATE_CAPITAL))
    rows = function_code_rows(ledger, entries, columns)
    rows.append(total_row(entries, columns))
    return Table(
        kind=TableKind.STATE_CAPITAL_EXPENDITURE,
        number=number,
        title=title,
        unit=ledger.budget.money_unit,
        columns=[
            Column(key=Col.TOTAL, label="合计", group=("国有资本经营预算支出",)),
            Column(key=Col.PERSONNEL, label="人员经费", group=("国有资本经营预算支出", "基本支出")),
            Column(key=Col.PUBLIC, label="公用经费", group=("国有资本经营预算支出", "基本支出")),
            Column(key=Col.PROJECT, label="项目支出", group=("国有资本经营预算支出",)),
        ],
        rows=rows,
        note=None if entries else note,
    )


def three_public_amounts(ledger: Ledger) -> dict[ThreePublicItem, dict[FundType, Decimal]]:
    """三公 amounts by item and fund type, subtotals and totals included."""
    amounts: dict[ThreePublicItem, dict[FundType, Decimal]] = {item: {} for item in ThreePublicItem}
    for fund_type, entry in ledger.budget.three_public.items():
        parts = {
            ThreePublicItem.ABROAD: entry.abroad,
            ThreePublicItem.RECEPTION: entry.reception,
            ThreePublicItem.VEHICLE_PURCHASE: entry.vehicle_purchase,
            ThreePublicItem.VEHICLE_OPERATION: entry.vehicle_operation,
        }
        parts[ThreePublicItem.VEHICLES] = entry.vehicle_purchase + entry.vehicle_operation
        parts[ThreePublicItem.TOTAL] = entry.abroad + entry.reception + parts[ThreePublicItem.VEHICLES]
        for item, amount in parts.items():
            amounts[item][fund_type] = amount
    return amounts


THREE_PUBLIC_ORDER = [
    ThreePublicItem.TOTAL,
    ThreePublicItem.ABROAD,
    ThreePublicItem.RECEPTION,
    ThreePublicItem.VEHICLES,
    ThreePublicItem.VEHICLE_PURCHASE,
    ThreePublicItem.VEHICLE_OPERATION,
]
_THREE_PUBLIC_LABELS = {
    ThreePublicItem.VEHICLE_PURCHASE: "其中：公务用车购置费",
}


def three_public(ledger: Ledger, number: str, title: str, note: str) -> Table:
    """Table 10: 三公 spending financed by fiscal appropriations, by fund type."""
    amounts = three_public_amounts(ledger)
    fund_columns = {
        Col.GPB: FundType.GENERAL_PUBLIC_BUDGET,
        Col.GOV_FUND: FundType.GOVERNMENT_FUND,
        Col.STATE_CAPITAL: FundType.STATE_CAPITAL,
    }
    rows = []
    for item in THREE_PUBLIC_ORDER:
        by_fund = amounts[item]
        record = f"three_public.{item.value}"
        cells = {Col.TOTAL: value_cell(sum(by_fund.values(), Decimal(0)), record)}
        for key, fund_type in fund_columns.items():
            cells[key] = value_cell(by_fund.get(fund_type, Decimal(0)), f"three_public.{fund_type.value}")
        rows.append(
            Row(
                key=item.value,
                label=_THREE_PUBLIC_LABELS.get(item, item.label),
                is_total=item is ThreePublicItem.TOTAL,
                cells=cells,
            )
        )
    empty = all(not amount for by_fund in amounts.values() for amount in by_fund.values())
    return Table(
        kind=TableKind.THREE_PUBLIC,
        number=number,
        title=title,
        unit=ledger.budget.money_unit,
        columns=[
            Column(key=Col.TOTAL, label="合计"),
            Column(key=Col.GPB, label="一般公共预算", group=("资金来源",)),
            Column(key=Col.GOV_FUND, label="政府性基金", group=("资金来源",)),
            Column(key=Col.STATE_CAPITAL, label="国有资本经营预算", group=("资金来源",)),
        ],
        rows=rows,
        note=note if empty else None,
    )


def carryover_detail(ledger: Ledger, number: str, title: str, note: str) -> Table:
    """Table 11: last year's carry-over spent this year, by project (basic spending as one row)."""
    columns: dict[str, LineFilter] = {Col.TOTAL: lambda _line: True}
    for prefix, funded in (("fiscal", fiscal), ("nonfiscal", lambda line: not fiscal(line))):
        columns[f"{prefix}.total"] = funded
        columns[f"{prefix}.personnel"] = _both(funded, of_kind(SpendingKind.PERSONNEL))
        columns[f"{prefix}.public"] = _both(funded, of_kind(SpendingKind.PUBLIC))
        columns[f"{prefix}.project"] = _both(funded, project)
    entries = ledger.select(carryover)
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        groups.setdefault(e.line.project or "基本支出", []).append(e)
    rows = [Row(key=name, label=name, cells=cells_for(mine, columns)) for name, mine in groups.items()]
    rows.append(total_row(entries, columns))
    groups_label = {"fiscal": "财政拨款", "nonfiscal": "非财政拨款"}
    table_columns = [Column(key=Col.TOTAL, label="总计")]
    for prefix, group in groups_label.items():
        table_columns += [
            Column(key=f"{prefix}.total", label="合计", group=(group,)),
            Column(key=f"{prefix}.personnel", label="人员经费", group=(group, "基本支出")),
            Column(key=f"{prefix}.public", label="公用经费", group=(group, "基本支出")),
            Column(key=f"{prefix}.project", label="项目支出", group=(group,)),
        ]
    return Table(
        kind=TableKind.CARRYOVER,
        number=number,
        title=title,
        unit=ledger.budget.money_unit,
        columns=table_columns,
        rows=rows,
        note=None if entries else note,
    )


def _both(first: LineFilter, second: LineFilter) -> LineFilter:
    return lambda line: first(line) and second(line)
