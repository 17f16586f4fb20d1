"""Part 3 figures grounded in the tables only some templates print (Jiangsu, Shanghai).

Jiangsu states the totals of its 财政拨款支出, 财政拨款基本支出, 机关运行经费 and
政府采购 tables, each 项 of 财政拨款支出, and 会议费 / 培训费 next to the 三公;
Shanghai states the 机关运行经费 row of its 三公 table.  Read from real
documents, the printed figures agree; a table figure changed by 1 (the narrative may print whole 万元) makes
`narrative-amount` report the sentence, with the changed cell as related place.
"""

from __future__ import annotations

import pytest

from tests.check.factory import replace_text, set_cell
from tests.conftest import FIXTURES
from yusuan.check import run_checks
from yusuan.extract import read_documents
from yusuan.model import Disclosure, TableKind

K = TableKind
CASES = [
    ("js-jcy-2017.pdf", K.FISCAL_EXPENDITURE, "total", "fiscal_expenditure"),
    ("js-jcy-2017.pdf", K.FISCAL_EXPENDITURE, "2040401", "fiscal_expenditure"),
    ("js-jcy-2017.pdf", K.FISCAL_BASIC, "total", "fiscal_basic"),
    ("js-jcy-2017.pdf", K.RUNNING_COSTS, "total", "running_costs"),
    ("js-jcy-2017.pdf", K.THREE_PUBLIC, "meeting", "three_public"),
    ("js-jcy-2017.pdf", K.THREE_PUBLIC, "training", "three_public"),
    ("js-jcy-2017.pdf", K.THREE_PUBLIC, "abroad", "three_public"),
    ("js-jcy-2017.pdf", K.PROCUREMENT, "total", "procurement"),
    ("js-jcy-2017.pdf", K.PROCUREMENT, "货物 A", "procurement"),
    ("sh-commerce-unit-2025.pdf", K.THREE_PUBLIC, "running_costs", "running_costs"),
]
_READ: dict[str, Disclosure] = {}


def _document(name: str) -> Disclosure:
    if name not in _READ:
        _READ[name] = read_documents([FIXTURES / "corpus" / name])[0]
    return _READ[name]


@pytest.mark.parametrize(("name", "kind", "row_key", "section"), CASES)
def test_a_changed_table_figure_is_reported_in_its_sentence(
    name: str, kind: TableKind, row_key: str, section: str
) -> None:
    document = _document(name)
    assert not run_checks(document, select=["narrative-amount"]).findings
    table = document.table(kind)
    assert table is not None
    row = table.row(row_key)
    assert row is not None
    column = next(iter(row.cells))
    value = row.amount(column)
    changed = set_cell(document, kind, row_key, column, str(value + 1))
    findings = run_checks(changed, select=["narrative-amount"]).findings
    assert findings  # each sentence stating the figure (三公 items are stated twice)
    for finding in findings:
        assert finding.location.section == section
        assert [(r.table, r.row) for r in finding.related] == [(table.number, row_key)]


def test_jiangsu_procurement_parts_add_up_to_its_total() -> None:
    document = _document("js-jcy-2017.pdf")  # 总金额 2889.8 = 货物 334 + 工程 0 + 服务 2555.8
    assert not run_checks(document, select=["procurement-total"]).findings
    broken = replace_text(document, "拟购买服务2555.8 万元", "拟购买服务2565.8 万元")
    [finding] = run_checks(broken, select=["procurement-total"]).findings
    assert finding.location.section == "procurement"
    assert finding.message.startswith("第三部分十二政府采购预算写作 2,889.80万元，")
    assert "货物、工程、服务之和为 2,899.80万元" in finding.message


def test_shanghai_assets_and_procurement_sections_are_checked_in_their_own_numbering() -> None:
    """Shanghai prints 国有资产 and 政府采购 as sections of their own, in chapters without 第X部分."""
    document = _document("sh-wanli-2025.pdf")  # 车辆8辆，其中 … 其他用车8辆; 采购 4821.20 = 57.43 + 3780.72 + 983.05
    assert not run_checks(document, select=["vehicles-sum", "procurement-total"]).findings
    vehicles = replace_text(document, "其他用车8辆", "其他用车7辆")
    [finding] = run_checks(vehicles, select=["vehicles-sum"]).findings
    assert finding.message == "说明五车辆共 8 辆，而各类车辆合计 7 辆。"
    bought = replace_text(document, "政府采购服务预算983.05万元", "政府采购服务预算993.05万元")
    [finding] = run_checks(bought, select=["procurement-total"]).findings
    assert finding.location.section == "procurement"
    assert finding.message.startswith("说明三政府采购预算写作 4,821.20万元")
