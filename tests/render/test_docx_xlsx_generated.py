"""Property: for any valid budget, Word, Excel and the charts render, and every figure is in them."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook

from tests.compile.strategies import budgets
from yusuan.compile import compile_budget
from yusuan.model import Budget, Disclosure
from yusuan.money import format_amount, quantize
from yusuan.render.charts import charts_for
from yusuan.render.docx import render_docx
from yusuan.render.xlsx import render_xlsx, sheet_name

SETTINGS = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(budgets(max_lines=40))
def test_any_budget_renders_to_word_and_excel_with_every_figure(budget: Budget) -> None:
    disclosure = compile_budget(budget)
    charts = charts_for(disclosure, svg=False)
    assert all(c.png for c in charts)

    document = docx.Document(io.BytesIO(render_docx(disclosure, charts)))
    texts = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    workbook = load_workbook(io.BytesIO(render_xlsx(disclosure)))
    for table in disclosure.tables:
        amounts = [c.value for r in table.rows for c in r.cells.values() if c.value is not None]
        missing = [a for a in amounts if format_amount(a) not in texts]
        assert missing == [], table.title
        stored = sorted(
            quantize(Decimal(str(cell.value)))
            for row in workbook[sheet_name(table)].iter_rows()
            for cell in row
            if isinstance(cell.value, int | float)
        )
        assert stored == sorted(quantize(a) for a in amounts), table.title
    assert len(document.inline_shapes) == len(charts)


def _with_many_projects(disclosure: Disclosure, count: int) -> Disclosure:
    """Table 7 with `count` projects under one 项 code (a large unit)."""
    from yusuan.model import Cell, Col, Row, TableKind

    table = disclosure.table(TableKind.GENERAL_BUDGET_PROJECTS)
    assert table is not None
    amounts = [Decimal(f"{1000 + i * 7}.{i % 100:02d}") for i in range(count)]
    rows = [
        Row(
            key=f"2013199/项目{i:03d}",
            label="其他党委办公厅（室）及相关机构事务支出",
            code="2013199",
            level=3,
            project=f"测试项目{i:03d}号工作经费",
            cells={Col.TOTAL: Cell(value=a), Col.economic_class("302"): Cell(value=a)},
        )
        for i, a in enumerate(amounts)
    ]
    rows.append(Row(key="total", label="合计", is_total=True, cells={Col.TOTAL: Cell(value=sum(amounts, Decimal(0)))}))
    tables = [table.model_copy(update={"rows": rows}) if t is table else t for t in disclosure.tables]
    return disclosure.model_copy(update={"tables": tables})


def test_a_large_unit_still_renders_quickly(example_disclosure: Disclosure) -> None:
    import time

    large = _with_many_projects(example_disclosure, 300)
    start = time.process_time()  # CPU time: what the rendering costs, whatever else the machine runs
    word = render_docx(large, charts=[])
    excel = render_xlsx(large)
    elapsed = time.process_time() - start
    assert elapsed < 3  # generous: about 0.3 s on a laptop
    document = docx.Document(io.BytesIO(word))
    projects = document.tables[6]
    assert len(projects.rows) == 2 + 300 + 1  # header rows, projects, 合计
    sheet = load_workbook(io.BytesIO(excel))["表7 一般公共预算项目支出情况表"]
    assert sheet.max_row == 3 + 2 + 300 + 1  # title rows, header rows, projects, 合计
