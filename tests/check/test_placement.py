"""A finding between two places points at the figure the check's other errors dispute too (check/placement.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from yusuan.check import run_checks
from yusuan.check.finding import Finding, Location, Severity
from yusuan.check.placement import placed
from yusuan.extract import read_document

T1 = Location(table="01", table_kind="income_expenditure_summary", row="income.fiscal", column="amount", page=21)
T4 = Location(table="04", table_kind="fiscal_summary", row="fiscal.current", column="amount", page=28)
T4_TOTAL = Location(table="04", table_kind="fiscal_summary", row="total", column="total", page=29)
NARRATIVE = Location(section="fiscal", page=7)
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "national" / "huz-jtj-2026.pdf"


def _error(code: str, where: Location, actual: str, expected: str, related: tuple[Location, ...],
           suggestion: str | None = None) -> Finding:  # fmt: skip
    return Finding(code, Severity.ERROR, f"{code} 的说明", where, actual=Decimal(actual), expected=Decimal(expected),
                   difference=Decimal(actual) - Decimal(expected), related=related, suggestion=suggestion)  # fmt: skip


def _between(here: Location, there: Location, actual: str, expected: str, suggestion: str | None = None) -> Finding:
    return _error("summary-vs-fiscal-income", here, actual, expected, (there,), suggestion)


def _total_row(actual: str, expected: str) -> Finding:
    return _error("total-row-sum", T4_TOTAL, actual, expected, (T1, T4))  # several related: only its own figure counts


def test_a_figure_its_own_table_disputes_takes_the_finding() -> None:
    between = _between(T1, T4, "192207.76", "42673.03", suggestion="应为 42,673.03")
    moved, total = placed([between, _total_row("42673.03", "192207.76")])
    assert (moved.location, moved.related) == (T4, (T1,))
    assert (moved.actual, moved.expected, moved.difference) == (
        Decimal("42673.03"),
        Decimal("192207.76"),
        Decimal("-149534.73"),
    )
    assert moved.suggestion is None and moved.message == between.message
    assert total == _total_row("42673.03", "192207.76")


def test_nothing_moves_without_a_second_dispute_or_on_a_tie() -> None:
    alone = _between(T1, T4, "192207.76", "42673.03")
    assert placed([alone]) == [alone]
    other_amount = _total_row("42673.04", "192207.76")  # not the figure the finding reads in 表04
    assert placed([alone, other_amount])[0] == alone
    disputed_here = Finding("narrative-amount", Severity.ERROR, "说明…", NARRATIVE, actual=Decimal("42673.03"),
                            expected=Decimal("192207.76"), related=(T1,))  # 表01's figure disputed too  # fmt: skip
    tie = placed([alone, _total_row("42673.03", "192207.76"), disputed_here])
    assert tie[0] == alone


def test_only_errors_between_two_tables_or_sections_move() -> None:
    warning = Finding("w", Severity.WARNING, "…", T1, actual=Decimal("1"), expected=Decimal("2"), related=(T4,))
    same_table = _between(T4, T4_TOTAL, "42673.03", "192207.76")
    dispute = _total_row("42673.03", "192207.76")
    assert placed([warning, dispute]) == [warning, dispute]
    assert placed([same_table, dispute])[0] == same_table


def test_huzhou_transport_2026_points_at_table_04() -> None:
    # 表04 prints 42,673.03 as 财政拨款 income and both totals; its classes, 表01 and the narrative say 192,207.76
    disclosure, problems = read_document(FIXTURE)
    errors = [f for f in run_checks(disclosure, read_problems=problems).findings if f.severity is Severity.ERROR]
    found = {(f.code, f.location.table, f.location.section, f.location.row, f.actual, f.expected) for f in errors}
    assert {
        ("summary-vs-fiscal-income", "04", None, "fiscal.current", Decimal("42673.03"), Decimal("192207.76")),
        ("narrative-amount", "04", None, "total", Decimal("42673.03"), Decimal("192207.76")),
        ("total-row-sum", "04", None, "total", Decimal("42673.03"), Decimal("192207.76")),
        # the funds' lines: 表04's 35,673.03 and 7,000.00 are disputed by nothing else, so they stay where the rule
        # points, at 表01
        ("summary-vs-fiscal-income", "01", None, "income.general_public_budget", Decimal("52244.36"),
         Decimal("35673.03")),
        ("summary-vs-fiscal-income", "01", None, "income.government_fund", Decimal("139963.40"), Decimal("7000.00")),
    } <= found  # fmt: skip
    assert not [f for f in errors if f.location.section == "fiscal" or f.location.row == "income.fiscal"]


def test_a_figure_one_rule_disputes_twice_keeps_the_findings_in_place() -> None:
    # two sentences of the narrative repeat 192,207.76 against 表04's 42,673.03: one author, no corroboration
    def sentence(page: int) -> Finding:
        return Finding("narrative-amount", Severity.ERROR, "说明…", Location(section="fiscal", page=page),
                       actual=Decimal("192207.76"), expected=Decimal("42673.03"), related=(T4,))  # fmt: skip

    both = [sentence(7), sentence(9)]
    assert placed(both) == both


HZ_TOTAL = Location(table="1", table_kind="income_expenditure_summary", row="expenditure.current", column="amount",
                    page=23)  # fmt: skip
HZ_201 = Location(table="1", table_kind="income_expenditure_summary", row="201", column="amount", page=22)
HZ_205 = Location(table="1", table_kind="income_expenditure_summary", row="205", column="amount", page=22)


def _sum(actual: str, expected: str) -> Finding:
    return _error("total-row-sum", HZ_TOTAL, actual, expected, (HZ_201, HZ_205))


def _term(where: Location, actual: str, expected: str) -> Finding:
    """A class row against its 款 rows (its related places: two rows under it, never the total)."""
    children = tuple(Location(table="1", table_kind=where.table_kind, row=f"{where.row}0{i}", column="amount")
                     for i in (1, 2))  # fmt: skip
    return _error("hierarchy-sum", where, actual, expected, children)


def test_a_sum_points_at_the_term_another_rule_corrects_by_its_difference() -> None:
    # 杭州交通运输局 2026 表1: 201 printed 6,651.38 over its 款 6,701.98; 本年支出合计 665,964.37, classes 665,913.77
    total = _sum("665964.37", "665913.77")
    moved, term = placed([total, _term(HZ_201, "6651.38", "6701.98")])
    assert (moved.location, moved.related) == (HZ_201, (HZ_TOTAL, HZ_205))
    assert (moved.actual, moved.expected, moved.difference) == (
        Decimal("6651.38"),
        Decimal("6701.98"),
        Decimal("-50.60"),
    )
    assert moved.message == total.message and term.location == HZ_201


def test_a_sum_stays_at_its_total_unless_one_term_explains_all_of_it() -> None:
    total = _sum("665964.37", "665913.77")
    assert placed([total, _term(HZ_201, "6651.38", "6661.38")])[0] == total  # corrects 10.00 of 50.60
    two = [total, _term(HZ_201, "6651.38", "6701.98"), _term(HZ_205, "100.00", "150.60")]
    assert placed(two)[0] == total  # either term would do
    disputed_total = Finding("summary-vs-fiscal-income", Severity.ERROR, "…", HZ_TOTAL,
                             actual=Decimal("665964.37"), expected=Decimal("1"), related=(T4,))  # fmt: skip
    assert placed([total, _term(HZ_201, "6651.38", "6701.98"), disputed_total])[0] == total


def test_a_term_corrected_by_several_rules_is_found_whatever_their_order() -> None:
    # 212's 款 sum fails by 21201's 4 yuan; at 21201 its own 项 sum (same rule as 212's) and its columns' sum fail
    parent = Location(table="2", table_kind="income_summary", row="212", column="total")
    child = Location(table="2", table_kind="income_summary", row="21201", column="total")
    other = Location(table="2", table_kind="income_summary", row="21202", column="total")
    total = _error("hierarchy-sum", parent, "154369326", "154369330", (child, other))
    own = _error("hierarchy-sum", child, "94995793", "94995789", (other, other))
    columns = _error("general-columns", child, "94995793", "94995789", (other, other))
    for others in ([own, columns], [columns, own]):
        assert placed([total, *others])[0].location == child
