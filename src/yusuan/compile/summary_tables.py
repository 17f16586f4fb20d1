"""Tables 1–4: the summaries of income and expenditure.

Table 1 (收支总体情况表) and table 4 (财政拨款收支预算总体情况表) are
two-sided: income rows on the left, expenditure by function class on the
right.  Tables 2 and 3 break all money down by function code, by source and
by basic/project spending.  Every cell is a sum of budget lines.
"""

from __future__ import annotations

from yusuan.compile.ledger import (
    Entry,
    Ledger,
    LineFilter,
    basic,
    carryover,
    cell,
    cells_for,
    current_year,
    fiscal,
    function_code_rows,
    of_fund_type,
    of_source,
    project,
    total_row,
)
from yusuan.model import Col, Column, Row, Side, Table, TableKind
from yusuan.model.kinds import FUNCTION_CLASSES, FundSource, FundType

S = FundSource

# Table 1's income rows: key, printed label, the sources it sums.
INCOME_ROWS: list[tuple[str, str, tuple[FundSource, ...]]] = [
    ("income.current", "一、本年收入", tuple(s for s in S if not s.is_carryover)),
    (
        "income.general_public_budget",
        "1. 一般公共预算拨款",
        (S.GENERAL_PUBLIC_BUDGET, S.GENERAL_PUBLIC_BUDGET_TRANSFER),
    ),
    ("income.general_public_budget.own", "其中：一般财力", (S.GENERAL_PUBLIC_BUDGET,)),
    ("income.general_public_budget.transfer", "上级一般公共预算安排转移支付", (S.GENERAL_PUBLIC_BUDGET_TRANSFER,)),
    ("income.government_fund", "2. 政府性基金预算拨款", (S.GOVERNMENT_FUND, S.GOVERNMENT_FUND_TRANSFER)),
    ("income.government_fund.own", "其中：政府性基金收入", (S.GOVERNMENT_FUND,)),
    ("income.government_fund.transfer", "上级政府性基金安排转移支付", (S.GOVERNMENT_FUND_TRANSFER,)),
    ("income.state_capital", "3. 国有资本经营预算拨款", (S.STATE_CAPITAL, S.STATE_CAPITAL_TRANSFER)),
    ("income.state_capital.own", "其中：国有资本经营收入", (S.STATE_CAPITAL,)),
    ("income.state_capital.transfer", "上级国有资本经营预算安排转移支付", (S.STATE_CAPITAL_TRANSFER,)),
    ("income.special_account", "4. 财政专户核拨", (S.SPECIAL_ACCOUNT,)),
    (
        "income.unit_funds",
        "5. 单位资金",
        (S.BUSINESS_INCOME, S.SUPERIOR_SUBSIDY, S.AFFILIATED_REMITTANCE, S.OPERATING_INCOME, S.OTHER_INCOME),
    ),
    ("income.unit_funds.business_income", "其中：事业收入", (S.BUSINESS_INCOME,)),
    ("income.unit_funds.superior_subsidy", "上级补助收入", (S.SUPERIOR_SUBSIDY,)),
    ("income.unit_funds.affiliated_remittance", "附属单位上缴收入", (S.AFFILIATED_REMITTANCE,)),
    ("income.unit_funds.operating_income", "事业单位经营收入", (S.OPERATING_INCOME,)),
    ("income.unit_funds.other_income", "其他收入", (S.OTHER_INCOME,)),
    ("income.carryover", "二、上年结转结余", tuple(s for s in S if s.is_carryover)),
    (
        "income.carryover.fiscal",
        "1. 财政拨款结转",
        (S.CARRYOVER_GENERAL_PUBLIC_BUDGET, S.CARRYOVER_GOVERNMENT_FUND, S.CARRYOVER_STATE_CAPITAL),
    ),
    ("income.carryover.fiscal.general_public_budget", "其中：一般公共预算拨款", (S.CARRYOVER_GENERAL_PUBLIC_BUDGET,)),
    ("income.carryover.fiscal.government_fund", "政府性基金预算拨款", (S.CARRYOVER_GOVERNMENT_FUND,)),
    ("income.carryover.fiscal.state_capital", "国有资本经营预算拨款", (S.CARRYOVER_STATE_CAPITAL,)),
    ("income.carryover.nonfiscal", "2. 非财政拨款结余", (S.CARRYOVER_SPECIAL_ACCOUNT, S.CARRYOVER_UNIT_FUNDS)),
    ("income.carryover.nonfiscal.special_account", "其中：财政专户核拨", (S.CARRYOVER_SPECIAL_ACCOUNT,)),
    ("income.carryover.nonfiscal.unit_funds", "单位资金", (S.CARRYOVER_UNIT_FUNDS,)),
]


def _class_rows(ledger: Ledger, filters: tuple[LineFilter, ...], columns: dict[str, LineFilter]) -> list[Row]:
    """One row per function class of the current edition, empty ones included."""
    entries = ledger.select(*filters)
    codes = dict(FUNCTION_CLASSES)
    for e in entries:  # classes outside the standard list still get a row
        codes.setdefault(e.line.function_code[:3], ledger.function_name(e.line.function_code[:3]))
    by_class: dict[str, list[Entry]] = {}
    for e in entries:
        by_class.setdefault(e.line.function_code[:3], []).append(e)
    rows = []
    for code in sorted(codes):
        mine = by_class.get(code, [])
        label = ledger.function_name(code) if mine else codes[code]
        rows.append(
            Row(key=code, label=label, code=code, level=1, side=Side.EXPENDITURE, cells=cells_for(mine, columns))
        )
    return rows


def income_expenditure_summary(ledger: Ledger, number: str, title: str) -> Table:
    """Table 1: income by source against expenditure by function class."""
    amount = {Col.AMOUNT: lambda _line: True}
    income = [
        Row(key=key, label=label, side=Side.INCOME, cells={Col.AMOUNT: cell(ledger.select(of_source(*sources)))})
        for key, label, sources in INCOME_ROWS
    ]
    income.append(
        Row(key="total", label="收入总计", side=Side.INCOME, is_total=True, cells={Col.AMOUNT: cell(ledger.entries)})
    )
    expenditure = _class_rows(ledger, (), amount)
    expenditure.append(
        Row(
            key="total",
            label="支出总计",
            side=Side.EXPENDITURE,
            is_total=True,
            cells={Col.AMOUNT: cell(ledger.entries)},
        )
    )
    return Table(
        kind=TableKind.INCOME_EXPENDITURE_SUMMARY,
        number=number,
        title=title,
        unit=ledger.budget.money_unit,
        columns=[
            Column(key=Col.AMOUNT, label="预算数", group=("收入",), side=Side.INCOME),
            Column(key=Col.AMOUNT, label="预算数", group=("支出",), side=Side.EXPENDITURE),
        ],
        rows=income + expenditure,
    )


INCOME_COLUMNS: list[tuple[str, str, tuple[str, ...], LineFilter]] = [
    (Col.TOTAL, "总计", (), lambda _line: True),
    (
        Col.FISCAL_SUBTOTAL,
        "财政拨款（补助）小计",
        ("财政拨款（补助）",),
        lambda line: fiscal(line) and current_year(line),
    ),
    (Col.GPB, "一般公共预算", ("财政拨款（补助）",), of_source(S.GENERAL_PUBLIC_BUDGET)),
    (
        Col.GPB_TRANSFER,
        "上级一般公共预算安排的转移支付",
        ("财政拨款（补助）",),
        of_source(S.GENERAL_PUBLIC_BUDGET_TRANSFER),
    ),
    (Col.GOV_FUND, "政府性基金预算", ("财政拨款（补助）",), of_source(S.GOVERNMENT_FUND)),
    (
        Col.GOV_FUND_TRANSFER,
        "上级政府性基金安排的转移支付",
        ("财政拨款（补助）",),
        of_source(S.GOVERNMENT_FUND_TRANSFER),
    ),
    (
        Col.STATE_CAPITAL,
        "国有资本经营预算",
        ("财政拨款（补助）",),
        of_source(S.STATE_CAPITAL, S.STATE_CAPITAL_TRANSFER),
    ),
    (Col.SPECIAL_ACCOUNT, "财政专户（教育收费）", (), of_source(S.SPECIAL_ACCOUNT)),
    (Col.UNIT_FUNDS, "单位资金", (), lambda line: line.source.fund_type is FundType.UNIT_FUNDS and current_year(line)),
    (Col.FISCAL_CARRYOVER, "财政拨款结转", (), lambda line: fiscal(line) and carryover(line)),
    (Col.NONFISCAL_CARRYOVER, "非财政拨款结转结余", (), lambda line: not fiscal(line) and carryover(line)),
]


def income_summary(ledger: Ledger, number: str, title: str) -> Table:
    """Table 2: income by function code and source."""
    columns = {key: keep for key, _label, _group, keep in INCOME_COLUMNS}
    rows = function_code_rows(ledger, ledger.entries, columns)
    rows.append(total_row(ledger.entries, columns))
    return Table(
        kind=TableKind.INCOME_SUMMARY,
        number=number,
        title=title,
        unit=ledger.budget.money_unit,
        columns=[Column(key=key, label=label, group=group) for key, label, group, _keep in INCOME_COLUMNS],
        rows=rows,
    )


BASIC_PROJECT_COLUMNS: dict[str, LineFilter] = {Col.TOTAL: lambda _line: True, Col.BASIC: basic, Col.PROJECT: project}


def basic_project_table(
    ledger: Ledger, kind: TableKind, number: str, title: str, *filters: LineFilter, note: str | None = None
) -> Table:
    """Tables 3, 5 and 8: total = basic + project, by function code."""
    entries = ledger.select(*filters)
    rows = function_code_rows(ledger, entries, BASIC_PROJECT_COLUMNS)
    rows.append(total_row(entries, BASIC_PROJECT_COLUMNS))
    return Table(
        kind=kind,
        number=number,
        title=title,
        unit=ledger.budget.money_unit,
        columns=[
            Column(key=Col.TOTAL, label="合计"),
            Column(key=Col.BASIC, label="基本支出"),
            Column(key=Col.PROJECT, label="项目支出"),
        ],
        rows=rows,
        note=note if not entries else None,
    )


FISCAL_INCOME_ROWS: list[tuple[str, str, LineFilter]] = [
    ("fiscal.current", "一、本年收入", lambda line: fiscal(line) and current_year(line)),
    (
        "fiscal.current.general_public_budget",
        "一般公共预算",
        of_source(S.GENERAL_PUBLIC_BUDGET, S.GENERAL_PUBLIC_BUDGET_TRANSFER),
    ),
    ("fiscal.current.government_fund", "政府性基金预算", of_source(S.GOVERNMENT_FUND, S.GOVERNMENT_FUND_TRANSFER)),
    ("fiscal.current.state_capital", "国有资本经营预算", of_source(S.STATE_CAPITAL, S.STATE_CAPITAL_TRANSFER)),
    ("fiscal.carryover", "二、上年结转", lambda line: fiscal(line) and carryover(line)),
    ("fiscal.carryover.general_public_budget", "一般公共预算", of_source(S.CARRYOVER_GENERAL_PUBLIC_BUDGET)),
    ("fiscal.carryover.government_fund", "政府性基金预算", of_source(S.CARRYOVER_GOVERNMENT_FUND)),
    ("fiscal.carryover.state_capital", "国有资本经营预算", of_source(S.CARRYOVER_STATE_CAPITAL)),
]


def fiscal_summary(ledger: Ledger, number: str, title: str, note: str) -> Table:
    """Table 4: fiscal income by budget against fiscal expenditure by class and budget."""
    has_carryover = bool(ledger.select(fiscal, carryover))
    income = [
        Row(key=key, label=label, side=Side.INCOME, cells={Col.AMOUNT: cell(ledger.select(keep))})
        for key, label, keep in FISCAL_INCOME_ROWS
        if has_carryover or not key.startswith("fiscal.carryover")
    ]
    fiscal_entries = ledger.select(fiscal)
    income.append(
        Row(key="total", label="收入总计", side=Side.INCOME, is_total=True, cells={Col.AMOUNT: cell(fiscal_entries)})
    )
    columns: dict[str, LineFilter] = {
        Col.TOTAL: lambda _line: True,
        Col.GPB: of_fund_type(FundType.GENERAL_PUBLIC_BUDGET),
        Col.GOV_FUND: of_fund_type(FundType.GOVERNMENT_FUND),
        Col.STATE_CAPITAL: of_fund_type(FundType.STATE_CAPITAL),
    }
    expenditure = _class_rows(ledger, (fiscal,), columns)
    expenditure.append(
        Row(
            key="total",
            label="支出总计",
            side=Side.EXPENDITURE,
            is_total=True,
            cells=cells_for(fiscal_entries, columns),
        )
    )
    return Table(
        kind=TableKind.FISCAL_SUMMARY,
        number=number,
        title=title,
        unit=ledger.budget.money_unit,
        columns=[
            Column(key=Col.AMOUNT, label="合计", group=("财政拨款收入",), side=Side.INCOME),
            Column(key=Col.TOTAL, label="合计", group=("财政拨款支出",), side=Side.EXPENDITURE),
            Column(key=Col.GPB, label="一般公共预算", group=("财政拨款支出",), side=Side.EXPENDITURE),
            Column(key=Col.GOV_FUND, label="政府性基金预算", group=("财政拨款支出",), side=Side.EXPENDITURE),
            Column(key=Col.STATE_CAPITAL, label="国有资本经营预算", group=("财政拨款支出",), side=Side.EXPENDITURE),
        ],
        rows=income + expenditure,
        note=None if fiscal_entries else note,
    )
