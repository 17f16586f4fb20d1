"""The Jiangsu 政府采购预算表 read from the fixture PDFs: row levels that sum the way the printed table does.

Rows are keyed by their label path (品目大类 / 专项名称 / 经济科目 / 采购物品名称 /
采购组织形式) and carry a level: 1 category, 2 project line (a 专项 under its
first 经济科目), 3 the same 专项 under a further 经济科目, 4 purchase item.  On
every Jiangsu document of the corpus the printed amounts obey: 合计 = Σ level
1; each level 1 = Σ the level 2 and 3 lines under it; each level 2 or 3 line =
Σ the level 4 lines under it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.extract_real.conftest import CORPUS, read_fixture
from yusuan.model import Row, Table, TableKind

WITH_PROCUREMENT = sorted(p.name for p in CORPUS.glob("js-*.pdf"))


def _procurement(name: str) -> Table:
    disclosure, _ = read_fixture(name)
    table = disclosure.table(TableKind.PROCUREMENT)
    assert table is not None and table.rows
    return table


def _level_sums(table: Table) -> list[str]:
    """Every level sum that does not hold, as `parent: printed ≠ sum`."""
    failed: list[str] = []
    groups: list[tuple[Row, list[Row]]] = []  # a row and the rows summing to it
    total = table.row("total")
    assert total is not None
    groups.append((total, []))
    category: list[Row] = []
    line: list[Row] = []
    for row in table.rows:
        if row.is_total:
            continue
        if row.level == 1:
            groups[0][1].append(row)
            category = []
            groups.append((row, category))
        elif row.level in (2, 3):
            category.append(row)
            line = []
            groups.append((row, line))
        else:
            assert row.level == 4, f"{row.key}: level {row.level}"
            line.append(row)
    for parent, children in groups:
        parts = sum((c.amount("total") for c in children), Decimal(0))
        if parent.amount("total") != parts:
            failed.append(f"{parent.label}: {parent.amount('total')} ≠ {parts}")
    return failed


@pytest.mark.parametrize("name", WITH_PROCUREMENT)
def test_procurement_levels_sum_as_printed(name: str) -> None:
    assert _level_sums(_procurement(name)) == []


def test_a_merged_cell_continued_over_a_page_break_is_read_once() -> None:
    """Page 13 opens inside the merged 专项名称 / 经济科目 cells of page 12's 30.00 block, their text printed again."""
    table = _procurement("js-swbgt-2017-tables.pdf")
    (first,) = [r for r in table.rows if r.source is not None and (r.source.page, r.source.line) == (13, 1)]
    assert first.key == "货物A/机要及电子政务业务费/办公设备购置/便携式计算机（20万以下）/政府集中采购"
    assert (first.label, first.level, first.amount("total")) == ("便携式计算机（20万以下）", 4, Decimal("3.50"))
    block = table.row("货物A/机要及电子政务业务费/办公设备购置")
    assert block is not None and (block.level, block.amount("total")) == (2, Decimal("30.00"))
    _, problems = read_fixture("js-swbgt-2017-tables.pdf")
    assert problems == []
