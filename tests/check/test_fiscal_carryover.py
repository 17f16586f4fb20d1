"""Table 1's fund lines against table 4 where table 1 prints no 上年结转 line (issue 9, N2).

Chongqing 表一 (部门收支总体情况表) prints `一、一般公共预算资金 101,833.84` and no carryover line: the
fund line holds 表四's 本年 99,320.55 + 上年结转 2,513.30.  Where table 1 prints a carryover line of its
own, its fund lines are this year's money only.
"""

from __future__ import annotations

from decimal import Decimal

from tests.check.factory import K, base, findings, item_row, map_tables, set_cell
from yusuan.check.finding import Severity
from yusuan.model import Disclosure, Side, Table

IN = Side.INCOME
CODE = "summary-vs-fiscal-income"


def _with_carryover(*, t1_prints_carryover: bool) -> Disclosure:
    """The tiny disclosure with 2.00 of general-budget carryover in table 4, and table 1 either printing
    its own carryover line or counting the 2.00 in its 一般公共预算 line."""

    def t4(table: Table) -> Table:
        carried = [
            item_row("fiscal.carryover", "二、上年结转", ["amount"], ["2.00"], side=IN),
            item_row("fiscal.carryover.general_public_budget", "（一）一般公共预算拨款", ["amount"], ["2.00"], side=IN),
        ]
        income = [r for r in table.rows if r.side == IN and not r.is_total]
        rest = [r for r in table.rows if r not in income]
        return table.model_copy(update={"rows": [*income, *carried, *rest]})

    def t1(table: Table) -> Table:
        return table.model_copy(update={"rows": [r for r in table.rows if not r.key.startswith("income.carryover")]})

    d = map_tables(base(), K.FISCAL_SUMMARY, t4)
    if t1_prints_carryover:
        return d
    d = map_tables(d, K.INCOME_EXPENDITURE_SUMMARY, t1)
    return set_cell(d, K.INCOME_EXPENDITURE_SUMMARY, "income.general_public_budget", "amount", "102.00", side=IN)


def test_a_fund_line_that_holds_the_carryover_matches_this_year_plus_carryover() -> None:
    assert findings(_with_carryover(t1_prints_carryover=False), CODE) == []


def test_a_fund_line_that_holds_the_carryover_is_still_checked() -> None:
    d = set_cell(
        _with_carryover(t1_prints_carryover=False),
        K.INCOME_EXPENDITURE_SUMMARY,
        "income.general_public_budget",
        "amount",
        "103.00",
        side=IN,
    )
    (finding,) = findings(d, CODE)
    assert (finding.location.row, finding.expected, finding.actual) == (
        "income.general_public_budget",
        Decimal("102.00"),
        Decimal("103.00"),
    )
    assert "上年结转" in finding.message


def test_where_table_1_prints_its_own_carryover_its_fund_lines_are_this_years() -> None:
    d = _with_carryover(t1_prints_carryover=True)
    assert findings(d, CODE) == []  # 100.00 = 本年 100.00; the 2.00 is on table 1's own carryover line
    d = set_cell(d, K.INCOME_EXPENDITURE_SUMMARY, "income.general_public_budget", "amount", "102.00", side=IN)
    (finding,) = findings(d, CODE)
    assert (finding.expected, finding.actual) == (Decimal("100.00"), Decimal("102.00"))


def test_a_cent_off_this_year_plus_carryover_is_the_rounding_of_three_figures() -> None:
    # 重庆商务委: 表一 101,833.84; 表四 99,320.55 + 2,513.30 = 101,833.85 (each figure rounded to 0.01 万元)
    d = set_cell(
        _with_carryover(t1_prints_carryover=False),
        K.INCOME_EXPENDITURE_SUMMARY,
        "income.general_public_budget",
        "amount",
        "101.99",
        side=IN,
    )
    (finding,) = findings(d, CODE)
    assert (finding.severity, finding.difference) == (Severity.INFO, Decimal("-0.01"))
    assert "尾差" in finding.message
    d = set_cell(d, K.INCOME_EXPENDITURE_SUMMARY, "income.general_public_budget", "amount", "101.98", side=IN)
    assert [f.severity for f in findings(d, CODE)] == [Severity.ERROR]  # 0.02 is more than three roundings


SOURCES = "fiscal-vs-income-sources"


def _income_table_without_carryover_columns(gpb: str) -> Disclosure:
    """Chongqing 表二 (重庆市委宣传部 2026, p9) has no carryover column: its 一般公共预算 合计 37,891.58 is
    表四's 本年 36,208.43 + 上年结转 1,683.15 (p15).  Here: 本年 100.00 + 上年结转 2.00."""

    def t2(table: Table) -> Table:
        return table.model_copy(update={"columns": [c for c in table.columns if "carryover" not in c.key]})

    d = map_tables(_with_carryover(t1_prints_carryover=True), K.INCOME_SUMMARY, t2)
    return set_cell(d, K.INCOME_SUMMARY, "total", "general_public_budget", gpb)


def test_an_income_table_without_carryover_columns_may_count_the_carryover_in_the_fund() -> None:
    assert findings(_income_table_without_carryover_columns("102.00"), SOURCES) == []
    assert findings(_income_table_without_carryover_columns("100.00"), SOURCES) == []


def test_a_fund_figure_that_is_neither_this_year_nor_with_carryover_is_reported() -> None:
    (finding,) = findings(_income_table_without_carryover_columns("103.00"), SOURCES)
    assert (finding.location.row, finding.expected, finding.actual) == (
        "fiscal.current.general_public_budget",
        Decimal("103.00"),
        Decimal("100.00"),
    )
