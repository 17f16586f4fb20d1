"""Property: for any valid budget, Word, Excel and the charts render, and every figure is in them."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook

from tests.compile.strategies import budgets
from yusuan.compile import compile_budget
from yusuan.model import Budget
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
