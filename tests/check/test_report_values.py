"""How a report shows a finding's two figures: 应为 / 实为, or, for one table held against another, 对照表 / 本处."""

from __future__ import annotations

from decimal import Decimal

from yusuan.check.finding import DocumentInfo, Finding, Location, Report, Severity
from yusuan.check.registry import compares_two_tables
from yusuan.check.report_html import render_html

T1 = Location(table="01", table_kind="income_expenditure_summary", row="income.general_public_budget", column="amount")
T4 = Location(table="04", table_kind="fiscal_summary", row="fiscal.current.general_public_budget", column="amount")


def test_a_comparison_of_two_tables_calls_neither_figure_right() -> None:
    assert compares_two_tables("summary-vs-fiscal-income") and not compares_two_tables("hierarchy-sum")
    compared = Finding("summary-vs-fiscal-income", Severity.ERROR, "表01…为 52,244.36，表04…为 35,673.03", T1,
                       expected=Decimal("35673.03"), actual=Decimal("52244.36"), related=(T4,))  # fmt: skip
    summed = Finding("hierarchy-sum", Severity.ERROR, "表04…其下各款之和…", T4,
                     expected=Decimal("35673.04"), actual=Decimal("35673.03"))  # fmt: skip
    document = DocumentInfo(unit="湖州市交通运输局", year=2026, kind="department_budget", tables_found=("01", "04"))
    page = " ".join(render_html(Report(document, (compared, summed), rules_run=2)).split())
    assert '<td class="num">对照表 35673.03</td> <td class="num">本处 52244.36</td>' in page
    assert '<td class="num">35673.04</td> <td class="num">35673.03</td>' in page
