"""Jiangsu's extra code tables (财政拨款支出, 财政拨款基本支出, 机关运行经费) add up like the others.

Read from a real Jiangsu 2017 document (tests/fixtures/corpus/js-jcy-2017.pdf):
unchanged, the three tables raise no sum finding; a lowest-level figure changed by 0.01
is reported by `hierarchy-sum` at its parent row, and a 类 figure by `total-row-sum`
too.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.check.factory import set_cell
from tests.conftest import FIXTURES
from yusuan.check import run_checks
from yusuan.extract import read_documents
from yusuan.model import Disclosure, Side, TableKind

SUM_RULES = ["hierarchy-sum", "total-row-sum"]


@pytest.fixture(scope="module")
def jiangsu() -> Disclosure:
    disclosure, _problems = read_documents([FIXTURES / "corpus" / "js-jcy-2017.pdf"])
    return disclosure


@pytest.mark.parametrize("kind", [TableKind.FISCAL_EXPENDITURE, TableKind.FISCAL_BASIC, TableKind.RUNNING_COSTS])
def test_a_changed_figure_is_reported_and_the_printed_table_is_not(jiangsu: Disclosure, kind: TableKind) -> None:
    assert not run_checks(jiangsu, select=SUM_RULES).findings
    table = jiangsu.table(kind)
    assert table is not None
    codes = [r.code for r in table.body_rows() if r.code]
    leaf = next(r for r in table.body_rows() if r.code and len(r.code) == max(map(len, codes)))
    value = leaf.amount("total")
    assert value is not None
    changed = set_cell(jiangsu, kind, leaf.key, "total", str(value + Decimal("0.01")))
    findings = run_checks(changed, select=SUM_RULES).findings
    assert {(f.code, f.location.table, f.location.row) for f in findings} == {
        ("hierarchy-sum", table.number, leaf.code[:-2])
    }
    parent = set_cell(jiangsu, kind, leaf.code[:3], "total", str(table.row(leaf.code[:3]).amount("total") + 1))
    codes = {f.code for f in run_checks(parent, select=SUM_RULES).findings}
    assert codes == {"hierarchy-sum", "total-row-sum"}


@pytest.mark.parametrize(
    "name", ["js-jcy-2017.pdf", "js-rd-2017.pdf", "js-rd-2019-tables.pdf", "js-swbgt-2017-tables.pdf"]
)
def test_procurement_lines_add_up_and_a_changed_item_is_reported(name: str) -> None:
    document, _problems = read_documents([FIXTURES / "corpus" / name])
    assert not run_checks(document, select=["procurement-sum"]).findings
    table = document.table(TableKind.PROCUREMENT)
    assert table is not None
    item = next(r for r in table.body_rows() if r.level == 4)
    changed = set_cell(document, TableKind.PROCUREMENT, item.key, "total", str(item.amount("total") + 1))
    [finding] = run_checks(changed, select=["procurement-sum"]).findings
    assert finding.location.row != item.key and item.key.startswith(finding.location.row or "")


def test_table_1_classes_add_up_to_this_years_spending_not_to_the_total_with_carry_forward(
    jiangsu: Disclosure,
) -> None:
    """表1: Σ 功能类 = 当年支出小计; 支出合计 = 小计 + 结转下年资金 holds 10.00 more when some is carried forward."""
    t1 = TableKind.INCOME_EXPENDITURE_SUMMARY
    table = jiangsu.table(t1)
    assert table is not None
    total = table.row("total", Side.EXPENDITURE)
    assert total is not None
    carried = set_cell(jiangsu, t1, "expenditure.carryforward", "amount", "10.00", side=Side.EXPENDITURE)
    carried = set_cell(carried, t1, "total", "amount", str(total.amount("amount") + 10), side=Side.EXPENDITURE)
    codes = {f.code for f in run_checks(carried, select=["total-row-sum", "summary-expenditure-use"]).findings}
    assert codes == set()
    wrong_class = set_cell(carried, t1, "204", "amount", "13656.35", side=Side.EXPENDITURE)
    assert {f.code for f in run_checks(wrong_class, select=["total-row-sum"]).findings} == {"total-row-sum"}
