"""Word, Excel (.xlsx and .xls), GB18030 text and whitespace-aligned PDF tables; template choice."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.extract_real.conftest import CORPUS, FIXTURES
from tests.extract_real.documents import WHITESPACE_TABLES, cells, example, whitespace_pdf
from yusuan.extract import read_document
from yusuan.extract.detect import template_ids
from yusuan.extract.excel_reader import cell_text
from yusuan.model import TableKind
from yusuan.money import MoneyUnit

HERE = Path(__file__).resolve().parent / "fixtures"
REFERENCE = FIXTURES / "kizilsu-2024-party-committee-office-budget.txt"
SHANGHAI_SHEETS = [TableKind.INCOME_EXPENDITURE_SUMMARY, TableKind.INCOME_SUMMARY, TableKind.EXPENDITURE_SUMMARY,
                   TableKind.FISCAL_SUMMARY, TableKind.GENERAL_BUDGET_EXPENDITURE,
                   TableKind.GOVERNMENT_FUND_EXPENDITURE, TableKind.STATE_CAPITAL_EXPENDITURE,
                   TableKind.GENERAL_BUDGET_BASIC, TableKind.THREE_PUBLIC]  # fmt: skip


def test_whitespace_aligned_tables_read_by_header_positions(tmp_path: Path) -> None:
    path = tmp_path / "plain.pdf"
    path.write_bytes(whitespace_pdf(example()))
    read, problems = read_document(path)
    assert [t.kind for t in read.tables] == list(WHITESPACE_TABLES)
    for kind in WHITESPACE_TABLES:
        table, original = read.table(kind), example().table(kind)
        assert table is not None and original is not None
        assert cells(table) == cells(original), kind
        assert table.number == original.number
    assert [p.code for p in problems if not p.code.startswith("meta-")] == []


def test_official_excel_templates() -> None:
    for name in ("sh-unit-budget-template-2026.xlsx", "sh-budget-template-2026.xls"):
        disclosure, problems = read_document(HERE / name)
        assert disclosure.meta.template == "shanghai-2023"
        assert [t.kind for t in disclosure.tables] == SHANGHAI_SHEETS
        assert [t.number for t in disclosure.tables] == [str(n) for n in range(1, 10)]  # from the 目录 sheet
        assert [t.unit for t in disclosure.tables] == [MoneyUnit.YUAN] * 8 + [MoneyUnit.WAN_YUAN]
        income = disclosure.table(TableKind.INCOME_SUMMARY)
        assert income is not None
        assert [r.key for r in income.rows][:3] == ["205", "20502", "2050205"]  # 205.0 in the .xls
        assert {p.code for p in problems} <= {"row-code-invalid"}  # the templates' `…` placeholder rows


def test_cell_text_shows_numbers_as_printed() -> None:
    assert cell_text(1566, "#,##0.00") == "1566.00"
    assert cell_text(205.0) == "205"
    assert cell_text(0.1 + 0.2) == "0.30"
    assert cell_text(1234.5, "0.0") == "1234.5"
    assert cell_text("02") == "02"
    assert cell_text(None) == ""


def test_word_tables_with_merged_cells(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("测试单位2024年单位预算公开")
    document.add_paragraph("表5")
    document.add_paragraph("一般公共预算支出情况表")
    document.add_paragraph("单位：万元")
    table = document.add_table(rows=5, cols=5)
    header = [["科目编码", "", "一般公共预算支出", "", ""], ["", "科目名称", "合计", "基本支出", "项目支出"]]
    for r, texts in enumerate(header):
        for c, text in enumerate(texts):
            table.cell(r, c).text = text
    table.cell(0, 2).merge(table.cell(0, 4))  # gridSpan over the three amount columns
    table.cell(0, 0).merge(table.cell(1, 0))  # vMerge down the code column
    body = [
        ["201", "一般公共服务支出", "1,354.25", "1,174.25", "180.00"],
        ["", "合计", "1,354.25", "1,174.25", "180.00"],
    ]
    for r, texts in enumerate(body, start=2):
        for c, text in enumerate(texts):
            table.cell(r, c).text = text
    table.cell(4, 0).merge(table.cell(4, 4)).text = "备注：无"
    path = tmp_path / "test.docx"
    document.save(str(path))
    read, _ = read_document(path)
    result = read.table(TableKind.GENERAL_BUDGET_EXPENDITURE)
    assert result is not None
    assert result.number == "5" and result.note == "无"
    row = result.row("201")
    assert row is not None and row.value("basic") == Decimal("1174.25")
    assert result.columns[0].group == ("一般公共预算支出",)


def test_gb18030_text_and_template_detection(tmp_path: Path) -> None:
    path = tmp_path / "reference-gbk.txt"
    path.write_bytes(REFERENCE.read_text(encoding="utf-8").encode("gb18030"))
    disclosure, _ = read_document(path)
    assert disclosure.meta.template == "xinjiang-unit-2024"
    assert [t.number for t in disclosure.tables] == ["1", "2", "4", "5", "6", "7", "9", "10", "11"]


def test_template_can_be_named() -> None:
    path = CORPUS / "sh-gov-office-unit-2025.pdf"
    detected, _ = read_document(path)
    named, _ = read_document(path, template_id="xinjiang-unit-2024")
    assert detected.meta.template == "shanghai-2023"
    assert named.meta.template == "xinjiang-unit-2024"
    assert set(template_ids()) >= {"xinjiang-unit-2024", "jiangsu-department-2017", "shanghai-2023"}
