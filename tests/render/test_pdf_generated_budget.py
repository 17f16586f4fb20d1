"""A Hypothesis-generated 300-line unit still lays out in the PDF.

The budget draws 300 lines over ~100 function items and ~60 economic codes
of the catalogue and up to 80 projects, so tables 2, 3, 5, 6 and 7 run over
several pages.  The test reads the PDF back: every table figure is text in
it, no project row of table 7 is split across pages, and nothing is cut off.
"""

from __future__ import annotations

from decimal import Decimal

import pymupdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yusuan.catalog import default_catalog
from yusuan.compile import compile_budget
from yusuan.model import Budget, TableKind
from yusuan.money import format_amount
from yusuan.render.pdf import render_pdf

CATALOG = default_catalog()
FUNCTION_ITEMS = sorted(code for code in CATALOG.function if len(code) == 7)[:100]
ECONOMIC_ITEMS = sorted(code for code in CATALOG.economic if len(code) == 5)
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2)


@st.composite
def large_budgets(draw: st.DrawFn) -> Budget:
    projects = [f"生成项目{n:02d}号专项工作经费" for n in range(draw(st.integers(40, 80)))]
    lines = []
    for n in range(300):
        project = projects[n % len(projects)] if n < 2 * len(projects) else None
        economic = draw(st.sampled_from(ECONOMIC_ITEMS))
        kind = "project" if project else ("personnel" if economic[:3] in ("301", "303") else "public")
        lines.append(
            {
                "function_code": draw(st.sampled_from(FUNCTION_ITEMS)),
                "economic_code": economic,
                "source": draw(st.sampled_from(["general_public_budget", "other_income", "government_fund"])),
                "kind": kind,
                "project": project,
                "amount": str(draw(amounts)),
            }
        )
    keys = [
        "expenditure.basic",
        "expenditure.project",
        "general_public_budget.basic",
        "general_public_budget.project",
        "running_costs",
        "income.general_public_budget",
        "income.unit_funds",
        "income.government_fund",
    ]
    keys += [f"three_public.{k}" for k in ("abroad", "vehicle_purchase", "vehicle_operation", "reception")]
    keys += [f"general_public_budget.function.{code}" for code in FUNCTION_ITEMS]
    return Budget.model_validate(
        {
            "year": 2025,
            "unit": {
                "name": "生成测试单位",
                "duties": ["职能"],
                "staffing": {"authorised": 9, "in_service": 8, "retired": 1},
            },
            "lines": lines,
            "projects": [{"name": p, "basis": "依据", "allocation": "分配", "period": "全年"} for p in projects],
            "last_year": {key: {"amount": "100.00", "reason": "工作调整"} for key in keys},
        }
    )


def squeeze(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck))
@given(large_budgets())
def test_a_300_line_unit_lays_out(budget: Budget) -> None:
    disclosure = compile_budget(budget)
    doc = pymupdf.open(stream=render_pdf(disclosure, charts=()), filetype="pdf")
    texts = [squeeze(page.get_text()) for page in doc]
    whole = "".join(texts)
    assert 20 < doc.page_count < 150
    for table in disclosure.tables:
        for row in table.rows:
            for cell in row.cells.values():
                if cell.value is not None:
                    assert format_amount(cell.value) in whole, (table.number, row.key)
    t7 = disclosure.table(TableKind.GENERAL_BUDGET_PROJECTS)
    assert t7 is not None
    for row in t7.rows:
        if row.project:
            pages = [i for i, text in enumerate(texts) if row.project in text]
            assert pages, row.project
            # the name and the row's total stand together on one page
            assert any(format_amount(row.amount("total")) in texts[i] for i in pages), row.project
    for page in doc:
        for x0, y0, x1, y1, word, *_ in page.get_text("words"):
            assert x0 >= -0.5 and y0 >= -0.5, (page.number, word)
            assert x1 <= page.rect.width + 0.5 and y1 <= page.rect.height + 0.5, (page.number, word)
