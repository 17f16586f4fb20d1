"""The nine tables of a final account (决算), in the national layout and order.

Titles, notes and the sentences of an empty table come from the vocabulary
(`final_accounts_tables` in model/vocabulary.yaml); column keys are the ones
the reader gives the same tables (docs/keys.md: `final`, `budget`,
`opening_balance`, …), so a compiled 决算 and a read one are the same data.
Every cell is a sum of the facts (`final_book.Book`), so the tables agree
with each other by construction, up to the rounding of each printed cell.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from yusuan.compile.final_book import (
    Book,
    Keep,
    everything,
    fiscal_income,
    fiscal_spending,
    from_source,
    of_fund,
    personnel,
    public,
    used_as,
)
from yusuan.model import Col, Column, Row, Side, Table, TableKind
from yusuan.model.budget import ThreePublic
from yusuan.model.final_accounts import FinalFund, IncomeLine, IncomeSource, SpendingLine, SpendingUse
from yusuan.model.kinds import FUNCTION_CLASSES, ThreePublicItem
from yusuan.model.vocabulary import FinalTable, vocabulary

S = IncomeSource
F = FinalFund

# 收入支出决算总表, income side: key, label, sources summed.
SUMMARY_INCOME: list[tuple[str, str, tuple[IncomeSource, ...]]] = [
    ("income.general_public_budget", "一、一般公共预算财政拨款收入", (S.GENERAL_PUBLIC_BUDGET,)),
    ("income.government_fund", "二、政府性基金预算财政拨款收入", (S.GOVERNMENT_FUND,)),
    ("income.state_capital", "三、国有资本经营预算财政拨款收入", (S.STATE_CAPITAL,)),
    ("income.unit_funds.superior_subsidy", "四、上级补助收入", (S.SUPERIOR_SUBSIDY,)),
    ("income.unit_funds.business_income", "五、事业收入", (S.BUSINESS_INCOME,)),
    ("income.unit_funds.operating_income", "六、经营收入", (S.OPERATING_INCOME,)),
    ("income.unit_funds.affiliated_remittance", "七、附属单位上缴收入", (S.AFFILIATED_REMITTANCE,)),
    ("income.unit_funds.other_income", "八、其他收入", (S.OTHER_INCOME,)),
]

INCOME_COLUMNS: list[tuple[str, str, Keep]] = [
    (Col.TOTAL, "本年收入合计", everything),
    (Col.FISCAL_SUBTOTAL, "财政拨款收入", fiscal_income),
    (Col.SUPERIOR_SUBSIDY, "上级补助收入", from_source(S.SUPERIOR_SUBSIDY)),
    (Col.BUSINESS_INCOME, "事业收入", from_source(S.BUSINESS_INCOME)),
    (Col.OPERATING_INCOME, "经营收入", from_source(S.OPERATING_INCOME)),
    (Col.AFFILIATED_REMITTANCE, "附属单位上缴收入", from_source(S.AFFILIATED_REMITTANCE)),
    (Col.OTHER_INCOME, "其他收入", from_source(S.OTHER_INCOME)),
]

SPENDING_COLUMNS: list[tuple[str, str, Keep]] = [
    (Col.TOTAL, "本年支出合计", everything),
    (Col.BASIC, "基本支出", used_as(SpendingUse.BASIC)),
    (Col.PROJECT, "项目支出", used_as(SpendingUse.PROJECT)),
    (Col.REMIT_SUPERIOR, "上缴上级支出", used_as(SpendingUse.REMIT_SUPERIOR)),
    (Col.OPERATING, "经营支出", used_as(SpendingUse.OPERATING)),
    (Col.AFFILIATED_SUBSIDY, "对附属单位补助支出", used_as(SpendingUse.AFFILIATED_SUBSIDY)),
]

FUND_COLUMNS: list[tuple[str, str, FinalFund]] = [
    (Col.GPB, "一般公共预算财政拨款", F.GENERAL_PUBLIC_BUDGET),
    (Col.GOV_FUND, "政府性基金预算财政拨款", F.GOVERNMENT_FUND),
    (Col.STATE_CAPITAL, "国有资本经营预算财政拨款", F.STATE_CAPITAL),
]

THREE_PUBLIC_ROWS = (
    ThreePublicItem.TOTAL,
    ThreePublicItem.ABROAD,
    ThreePublicItem.VEHICLES,
    ThreePublicItem.VEHICLE_PURCHASE,
    ThreePublicItem.VEHICLE_OPERATION,
    ThreePublicItem.RECEPTION,
)
THREE_PUBLIC_LABELS = {
    ThreePublicItem.VEHICLES: "公务用车购置及运行维护费（小计）",
    ThreePublicItem.VEHICLE_OPERATION: "公务用车运行维护费",
}


Built = tuple[TableKind, list[Column], list[Row]]


def build_final_tables(book: Book) -> list[Table]:
    """The nine tables, numbered 1…9 in the layout's order."""
    builders: dict[TableKind, Callable[[Book], Built]] = {
        TableKind.INCOME_EXPENDITURE_SUMMARY: income_expenditure_summary,
        TableKind.INCOME_SUMMARY: income_summary,
        TableKind.EXPENDITURE_SUMMARY: expenditure_summary,
        TableKind.FISCAL_SUMMARY: fiscal_summary,
        TableKind.GENERAL_BUDGET_EXPENDITURE: general_budget_expenditure,
        TableKind.GENERAL_BUDGET_BASIC: general_budget_basic,
        TableKind.THREE_PUBLIC: three_public,
        TableKind.GOVERNMENT_FUND_EXPENDITURE: lambda b: fund_table(b, F.GOVERNMENT_FUND),
        TableKind.STATE_CAPITAL_EXPENDITURE: lambda b: fund_table(b, F.STATE_CAPITAL),
    }
    tables = []
    for number, spec in enumerate(vocabulary().final_accounts_tables, start=1):
        kind, columns, rows = builders[spec.key](book)
        tables.append(_table(book, spec, str(number), kind, columns, rows))
    return tables


def _table(book: Book, spec: FinalTable, number: str, kind: TableKind, columns: list[Column], rows: list[Row]) -> Table:
    facts = book.facts
    note = spec.note.format(entity=facts.entity)
    empty = all(not cell.value for row in rows for cell in row.cells.values())
    if empty and spec.empty:
        note = spec.empty.format(unit=facts.unit.name, year=facts.year)
    return Table(
        kind=kind, number=number, title=spec.title, unit=facts.print_unit, columns=columns, rows=rows, note=note
    )


def _class_rows(book: Book, lines: Sequence[IncomeLine | SpendingLine], columns: Mapping[str, Keep]) -> list[Row]:
    """One row per function class of the current edition, empty ones included (the two-sided tables)."""
    codes = dict(FUNCTION_CLASSES)
    for line in lines:
        codes.setdefault(line.function_code[:3], book.function_name(line.function_code[:3]))
    rows = []
    for code in sorted(codes):
        mine = [line for line in lines if line.function_code.startswith(code)]
        label = book.facts.function_names.get(code) or (book.function_name(code) if mine else codes[code])
        rows.append(
            Row(key=code, label=label, code=code, level=1, side=Side.EXPENDITURE, cells=book.cells(mine, columns))
        )
    return rows


def income_expenditure_summary(book: Book) -> Built:
    """表1: income by source, expenditure by function class, and the balances."""
    facts = book.facts
    final = {Col.FINAL: everything}
    income = [
        Row(key=key, label=label, side=Side.INCOME, cells={Col.FINAL: book.cell(book.income(from_source(*sources)))})
        for key, label, sources in SUMMARY_INCOME
    ]
    opening = sum((b.opening for b in facts.balances.values()), Decimal(0))
    closing = sum((b.closing for b in facts.balances.values()), Decimal(0))
    received = sum((i.amount for i in facts.income), Decimal(0))
    spent = sum((s.amount for s in facts.spending), Decimal(0))
    income += [
        Row(key="income.current", label="本年收入合计", side=Side.INCOME, cells={Col.FINAL: book.cell(facts.income)}),
        Row(
            key="income.nonfiscal_surplus_used",
            label="使用非财政拨款结余",
            side=Side.INCOME,
            cells={Col.FINAL: book.value_cell(facts.nonfiscal_surplus_used, "nonfiscal_surplus_used")},
        ),
        Row(
            key="income.carryover",
            label="年初结转和结余",
            side=Side.INCOME,
            cells={Col.FINAL: book.value_cell(opening, "balances")},
        ),
        Row(
            key="total",
            label="总计",
            side=Side.INCOME,
            is_total=True,
            cells={Col.FINAL: book.value_cell(received + facts.nonfiscal_surplus_used + opening, "income")},
        ),
    ]
    expenditure = _class_rows(book, facts.spending, final)
    expenditure += [
        Row(
            key="expenditure.current",
            label="本年支出合计",
            side=Side.EXPENDITURE,
            cells={Col.FINAL: book.cell(facts.spending)},
        ),
        Row(
            key="expenditure.surplus_distribution",
            label="结余分配",
            side=Side.EXPENDITURE,
            cells={Col.FINAL: book.value_cell(facts.surplus_distribution, "surplus_distribution")},
        ),
        Row(
            key="expenditure.closing_balance",
            label="年末结转和结余",
            side=Side.EXPENDITURE,
            cells={Col.FINAL: book.value_cell(closing, "balances")},
        ),
        Row(
            key="total",
            label="总计",
            side=Side.EXPENDITURE,
            is_total=True,
            cells={Col.FINAL: book.value_cell(spent + facts.surplus_distribution + closing, "spending")},
        ),
    ]
    columns = [
        Column(key=Col.FINAL, label="决算数", group=("收入",), side=Side.INCOME),
        Column(key=Col.FINAL, label="决算数", group=("支出",), side=Side.EXPENDITURE),
    ]
    return TableKind.INCOME_EXPENDITURE_SUMMARY, columns, income + expenditure


def _code_table(
    book: Book, lines: Sequence[IncomeLine | SpendingLine], spec: list[tuple[str, str, Keep]]
) -> tuple[list[Column], list[Row]]:
    columns = {key: keep for key, _label, keep in spec}
    rows = [Row(key="total", label="合计", is_total=True, cells=book.cells(lines, columns))]
    rows += book.function_rows(lines, columns)
    return [Column(key=key, label=label) for key, label, _keep in spec], rows


def income_summary(book: Book) -> Built:
    """表2: 本年收入 by function code and source."""
    columns, rows = _code_table(book, book.facts.income, INCOME_COLUMNS)
    return TableKind.INCOME_SUMMARY, columns, rows


def expenditure_summary(book: Book) -> Built:
    """表3: 本年支出 by function code and use."""
    columns, rows = _code_table(book, book.facts.spending, SPENDING_COLUMNS)
    return TableKind.EXPENDITURE_SUMMARY, columns, rows


def fiscal_summary(book: Book) -> Built:
    """表4: fiscal income by fund against fiscal spending by class and fund, with the fiscal balances."""
    facts = book.facts
    income = [
        Row(
            key=f"fiscal.current.{fund.value}",
            label=f"{number}、{label}",
            side=Side.INCOME,
            cells={Col.FINAL: book.cell(book.income(of_fund(fund)))},
        )
        for number, (_key, label, fund) in zip("一二三", FUND_COLUMNS, strict=True)
    ]
    fiscal_funds = [fund for _key, _label, fund in FUND_COLUMNS]
    opening = {f: facts.balances[f].opening if f in facts.balances else Decimal(0) for f in fiscal_funds}
    closing = {f: facts.balances[f].closing if f in facts.balances else Decimal(0) for f in fiscal_funds}
    received = book.income(fiscal_income)
    spent = book.spending(fiscal_spending)
    income.append(
        Row(key="fiscal.current", label="本年收入合计", side=Side.INCOME, cells={Col.FINAL: book.cell(received)})
    )
    income.append(
        Row(
            key="fiscal.carryover",
            label="年初财政拨款结转和结余",
            side=Side.INCOME,
            cells={Col.FINAL: book.value_cell(sum(opening.values(), Decimal(0)), "balances")},
        )
    )
    income += [
        Row(
            key=f"fiscal.carryover.{fund.value}",
            label=f"{number}、{label}",
            side=Side.INCOME,
            cells={Col.FINAL: book.value_cell(opening[fund], f"balances.{fund.value}")},
        )
        for number, (_key, label, fund) in zip("一二三", FUND_COLUMNS, strict=True)
    ]
    total_in = sum((i.amount for i in received), Decimal(0)) + sum(opening.values(), Decimal(0))
    income.append(
        Row(
            key="total",
            label="总计",
            side=Side.INCOME,
            is_total=True,
            cells={Col.FINAL: book.value_cell(total_in, "income")},
        )
    )
    by_fund: dict[str, Keep] = {Col.TOTAL: everything, **{key: of_fund(fund) for key, _label, fund in FUND_COLUMNS}}
    expenditure = _class_rows(book, spent, by_fund)
    expenditure.append(
        Row(key="expenditure.current", label="本年支出合计", side=Side.EXPENDITURE, cells=book.cells(spent, by_fund))
    )
    closing_cells = {Col.TOTAL: book.value_cell(sum(closing.values(), Decimal(0)), "balances")}
    closing_cells |= {
        key: book.value_cell(closing[fund], f"balances.{fund.value}") for key, _label, fund in FUND_COLUMNS
    }
    expenditure.append(
        Row(
            key="expenditure.closing_balance",
            label="年末财政拨款结转和结余",
            side=Side.EXPENDITURE,
            cells=closing_cells,
        )
    )
    total_cells = {
        Col.TOTAL: book.value_cell(
            sum((s.amount for s in spent), Decimal(0)) + sum(closing.values(), Decimal(0)), "spending"
        )
    }
    total_cells |= {
        key: book.value_cell(facts.spending_of(fund) + closing[fund], f"balances.{fund.value}")
        for key, _label, fund in FUND_COLUMNS
    }
    expenditure.append(Row(key="total", label="总计", side=Side.EXPENDITURE, is_total=True, cells=total_cells))
    columns = [Column(key=Col.FINAL, label="决算数", group=("收入",), side=Side.INCOME)]
    columns.append(Column(key=Col.TOTAL, label="合计", group=("支出",), side=Side.EXPENDITURE))
    columns += [
        Column(key=key, label=label, group=("支出",), side=Side.EXPENDITURE) for key, label, _fund in FUND_COLUMNS
    ]
    return TableKind.FISCAL_SUMMARY, columns, income + expenditure


def general_budget_expenditure(book: Book) -> Built:
    """表5: 一般公共预算财政拨款支出 by function code, basic and project."""
    spec = [(Col.TOTAL, "合计", everything), *SPENDING_COLUMNS[1:3]]
    columns, rows = _code_table(book, book.spending(of_fund(F.GENERAL_PUBLIC_BUDGET)), spec)
    return TableKind.GENERAL_BUDGET_EXPENDITURE, columns, rows


def general_budget_basic(book: Book) -> Built:
    """表6: 一般公共预算财政拨款基本支出 by economic code: 人员经费 (301, 303) then 公用经费, with both totals."""
    items = book.facts.basic_items
    final = {Col.FINAL: everything}
    rows = book.economic_rows([i for i in items if i.personnel], final)
    rows += book.economic_rows([i for i in items if not i.personnel], final)
    rows.append(
        Row(key="total.personnel", label="人员经费合计", is_total=True, cells=book.cells(items, {Col.FINAL: personnel}))
    )
    rows.append(
        Row(key="total.public", label="公用经费合计", is_total=True, cells=book.cells(items, {Col.FINAL: public}))
    )
    return TableKind.GENERAL_BUDGET_BASIC, [Column(key=Col.FINAL, label="决算数")], rows


def three_public(book: Book) -> Built:
    """表7: “三公”经费 of fiscal appropriations, 预算数 against 决算数, one row per item."""
    outturn = book.facts.three_public
    rows = []
    for item in THREE_PUBLIC_ROWS:
        cells = {
            Col.BUDGET: book.value_cell(
                _three_public_amount(outturn.budget, item), f"three_public.budget.{item.value}"
            ),
            Col.FINAL: book.value_cell(_three_public_amount(outturn.final, item), f"three_public.final.{item.value}"),
        }
        label = THREE_PUBLIC_LABELS.get(item, item.label)
        rows.append(Row(key=item.value, label=label, is_total=item is ThreePublicItem.TOTAL, cells=cells))
    return TableKind.THREE_PUBLIC, [Column(key=Col.BUDGET, label="预算数"), Column(key=Col.FINAL, label="决算数")], rows


def _three_public_amount(figures: ThreePublic, item: ThreePublicItem) -> Decimal:
    abroad, reception = figures.abroad, figures.reception
    purchase, operation = figures.vehicle_purchase, figures.vehicle_operation
    return {
        ThreePublicItem.TOTAL: abroad + reception + purchase + operation,
        ThreePublicItem.ABROAD: abroad,
        ThreePublicItem.RECEPTION: reception,
        ThreePublicItem.VEHICLES: purchase + operation,
        ThreePublicItem.VEHICLE_PURCHASE: purchase,
        ThreePublicItem.VEHICLE_OPERATION: operation,
    }[item]


def fund_table(book: Book, fund: FinalFund) -> Built:
    """表8 and 表9: a fund's income, spending (basic, project) and balances by function code.

    The balances are known per fund, not per code: they are printed on the 合计 row.
    """
    kind = TableKind.GOVERNMENT_FUND_EXPENDITURE if fund is F.GOVERNMENT_FUND else TableKind.STATE_CAPITAL_EXPENDITURE
    lines: list[IncomeLine | SpendingLine] = [*book.income(of_fund(fund)), *book.spending(of_fund(fund))]
    spec: dict[str, Keep] = {
        Col.INCOME: lambda line: isinstance(line, IncomeLine),
        Col.TOTAL: lambda line: isinstance(line, SpendingLine),
        Col.BASIC: used_as(SpendingUse.BASIC),
        Col.PROJECT: used_as(SpendingUse.PROJECT),
    }
    balance = book.facts.balances.get(fund)
    total_cells = {
        Col.OPENING_BALANCE: book.value_cell(balance.opening if balance else Decimal(0), f"balances.{fund.value}"),
        **book.cells(lines, spec),
        Col.CLOSING_BALANCE: book.value_cell(balance.closing if balance else Decimal(0), f"balances.{fund.value}"),
    }
    rows = [Row(key="total", label="合计", is_total=True, cells=total_cells), *book.function_rows(lines, spec)]
    columns = [
        Column(key=Col.OPENING_BALANCE, label="年初结转和结余"),
        Column(key=Col.INCOME, label="本年收入"),
        Column(key=Col.TOTAL, label="合计", group=("本年支出",)),
        Column(key=Col.BASIC, label="基本支出", group=("本年支出",)),
        Column(key=Col.PROJECT, label="项目支出", group=("本年支出",)),
        Column(key=Col.CLOSING_BALANCE, label="年末结转和结余"),
    ]
    return kind, columns, rows
