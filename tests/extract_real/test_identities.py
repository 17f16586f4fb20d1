"""The identities of every table read from the fixture PDFs hold, except where the publisher got them wrong.

A misplaced cell breaks a sum, so checking every code table's hierarchy (类 =
Σ 款 = Σ 项, total = Σ 类) and every row identity of the template (合计 =
基本支出 + 项目支出 …) tests the reader on far more cells than the truth set.
The only failures allowed are the 1-yuan rounding defects printed in the
published documents themselves (docs/corpus.md §7).
"""

from __future__ import annotations

from decimal import Decimal

from tests.extract_real.conftest import CORPUS, read_fixture
from yusuan.extract.template import load_template
from yusuan.model import Table, TableKind

PUBLISHED_DEFECTS = {
    ("sh-wanli-2025.pdf", "income_summary", "212", "total"),
    ("sh-wanli-2025.pdf", "income_summary", "21201", "total"),
    ("sh-wanli-2025.pdf", "income_summary", "212", "fiscal_subtotal"),
    ("sh-wanli-2025.pdf", "income_summary", "21201", "fiscal_subtotal"),
    ("sh-wanli-2025.pdf", "expenditure_summary", "21201", "total"),
    ("sh-wanli-2025.pdf", "expenditure_summary", "212", "total"),
    ("sh-wanli-2025.pdf", "general_budget_expenditure", "21201", "total"),
    ("sh-wanli-2025.pdf", "general_budget_expenditure", "212", "total"),
    ("sh-finance-unit-2025.pdf", "general_budget_basic", "302", "public"),
    ("sh-finance-unit-2025.pdf", "general_budget_basic", "302", "total"),
}
TWO_SIDED = (TableKind.INCOME_EXPENDITURE_SUMMARY, TableKind.FISCAL_SUMMARY)


def _failures(name: str, table: Table, sums: list[tuple[str, tuple[str, ...]]]) -> set[tuple[str, str, str, str]]:
    failed: set[tuple[str, str, str, str]] = set()
    for row in table.rows:
        for total, parts in sums:
            present = total in row.cells and all(p in row.cells for p in parts)
            if present and row.amount(total) != sum((row.amount(p) for p in parts), Decimal(0)):
                failed.add((name, table.kind.value, row.key, total))
    coded = [r for r in table.rows if r.code and r.code.isdigit()]
    if not coded or table.kind in TWO_SIDED:
        return failed
    for column in {c.key for c in table.columns}:
        for row in coded:
            children = [r for r in coded if r.code and r.code[: len(row.code or "")] == row.code
                        and len(r.code) == len(row.code or "") + 2]  # fmt: skip
            if children and sum((r.amount(column) for r in children), Decimal(0)) != row.amount(column):
                failed.add((name, table.kind.value, row.key, column))
        total_row = table.row("total")
        classes = sum((r.amount(column) for r in coded if len(r.code or "") == 3), Decimal(0))
        if total_row is not None and total_row.amount(column) != classes:
            failed.add((name, table.kind.value, "total", column))
    return failed


def test_table_identities_hold_except_published_defects() -> None:
    failed: set[tuple[str, str, str, str]] = set()
    checked = 0
    for path in sorted(CORPUS.glob("*.pdf")):
        disclosure, _ = read_fixture(path.name)
        template = load_template(disclosure.meta.template)
        for table in disclosure.tables:
            spec = template.table(table.kind)
            checked += len(table.rows)
            failed |= _failures(path.name, table, [(s.total, s.parts) for s in spec.sums])
    assert checked > 1000
    assert failed == PUBLISHED_DEFECTS
