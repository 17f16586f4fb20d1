"""PDF renderer: the example typeset by WeasyPrint, read back with PyMuPDF.

What a reader of the PDF relies on: a cover, a contents page with page
numbers, every figure of every table present as real text on that table's
pages, landscape pages for the wide tables 2 and 7, and — for a budget with
300-row tables — header rows repeated on every page, no row split across a
page break and no text outside the page.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pymupdf
import pytest

from yusuan.model import Cell, Col, Disclosure, DocumentMeta, Row, Table, TableKind
from yusuan.model.kinds import ECONOMIC_CLASSES, DocumentKind
from yusuan.money import format_amount
from yusuan.render.chart_job import ChartJob
from yusuan.render.pdf import render_pdf

LONG_ROWS = 300


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_lines(doc: pymupdf.Document) -> list[list[str]]:
    return [[line.strip() for line in page.get_text().splitlines()] for page in doc]


def table_pages(doc: pymupdf.Document, disclosure: Disclosure) -> dict[str, range]:
    """The pages each table is printed on: from its `表 N` caption to the next table's."""
    lines = page_lines(doc)
    starts = {}
    for table in disclosure.tables:
        starts[table.number] = next(i for i, page in enumerate(lines) if f"表 {table.number}" in page)
    part3 = next(i for i, page in enumerate(lines) if any(line.startswith("第三部分") for line in page) and i > 2)
    numbers = [t.number for t in disclosure.tables]
    ranges = {}
    for index, number in enumerate(numbers):
        end = starts[numbers[index + 1]] if index + 1 < len(numbers) else part3
        ranges[number] = range(starts[number], max(end, starts[number] + 1))
    return ranges


def test_pdf_opens_and_has_a_sane_page_count(example_pdf: bytes, example_pdf_doc: pymupdf.Document) -> None:
    assert example_pdf.startswith(b"%PDF-")
    assert 15 <= example_pdf_doc.page_count <= 40
    assert example_pdf_doc.metadata["title"] == "中共克孜勒苏柯尔克孜自治州委员会办公室2024年单位预算公开"


def test_first_page_is_the_cover(example_pdf_doc: pymupdf.Document) -> None:
    cover = [line.strip() for line in example_pdf_doc[0].get_text().splitlines() if line.strip()]
    assert cover == ["中共克孜勒苏柯尔克孜自治州委员会办公室", "2024年单位预算公开", "2024年02月25日"]


def test_contents_carry_page_numbers(example_pdf_doc: pymupdf.Document, example_disclosure: Disclosure) -> None:
    toc = squeeze(example_pdf_doc[1].get_text())
    assert toc.startswith("目")
    ranges = table_pages(example_pdf_doc, example_disclosure)
    for table in example_disclosure.tables:
        entry = re.search(re.escape(table.title) + r"\.*(\d+)", toc)
        assert entry, table.title
        assert int(entry.group(1)) == ranges[table.number].start + 1, table.title
    assert re.search(r"第四部分名词解释\.*\d+", toc)


def test_every_table_figure_is_text_on_its_pages(
    example_pdf_doc: pymupdf.Document, example_disclosure: Disclosure
) -> None:
    ranges = table_pages(example_pdf_doc, example_disclosure)
    for table in example_disclosure.tables:
        text = squeeze("".join(example_pdf_doc[i].get_text() for i in ranges[table.number]))
        assert squeeze(table.title) in text
        for row in table.rows:
            if row.label and not row.is_total:
                assert squeeze(row.label) in text, (table.number, row.label)
            for cell in row.cells.values():
                if cell.value is not None:
                    assert format_amount(cell.value) in text, (table.number, row.key, cell.value)
        if table.note:
            assert squeeze(f"备注：{table.note}") in text


def test_wide_tables_are_on_landscape_pages(example_pdf_doc: pymupdf.Document, example_disclosure: Disclosure) -> None:
    ranges = table_pages(example_pdf_doc, example_disclosure)
    for table in example_disclosure.tables:
        for i in ranges[table.number]:
            rect = example_pdf_doc[i].rect
            if table.kind in (TableKind.INCOME_SUMMARY, TableKind.GENERAL_BUDGET_PROJECTS):
                assert rect.width > rect.height, (table.number, i)
            else:
                assert rect.width < rect.height, (table.number, i)
    assert example_pdf_doc[0].rect.width < example_pdf_doc[0].rect.height


def test_footer_page_numbers(example_pdf_doc: pymupdf.Document) -> None:
    for i in range(1, example_pdf_doc.page_count):
        assert f"— {i + 1} —" in example_pdf_doc[i].get_text(), i + 1
    assert "— 1 —" not in example_pdf_doc[0].get_text()


def test_narrative_performance_and_glossary(example_pdf_doc: pymupdf.Document) -> None:
    text = squeeze("".join(page.get_text() for page in example_pdf_doc))
    assert "一般公共预算1,526.00万元，占97.45%，比上年预算增加150.11万元，增长10.91%" in text
    assert "单位整体绩效目标表" in text and text.count("项目支出绩效目标表") == 3
    assert "其他部门对我单位工作的满意度" in text
    assert "八、机关运行经费：" in text
    last_page = squeeze(example_pdf_doc[-1].get_text())
    assert "及其他费用。中共克孜勒苏柯尔克孜自治州委员会办公室2024年02月25日" in last_page


def test_text_stays_inside_the_page(example_pdf_doc: pymupdf.Document) -> None:
    for page in example_pdf_doc:
        for x0, y0, x1, y1, word, *_ in page.get_text("words"):
            assert x0 >= -0.5 and y0 >= -0.5, (page.number, word)
            assert x1 <= page.rect.width + 0.5 and y1 <= page.rect.height + 0.5, (page.number, word)


def _pages_with(texts: list[str], word: str) -> list[int]:
    return [number for number, text in enumerate(texts) if word in text]


# -- a budget with 300-row tables ---------------------------------------------------


def long_project_amount(i: int) -> Decimal:
    """A distinct amount per row, so each row's figure can be found on its page."""
    return Decimal(f"{10000 + i * 7}.{i % 100:02d}")


def long_basic_amount(i: int) -> Decimal:
    return Decimal(f"{2000 + i * 3}.{(i * 7) % 100:02d}")


def _long_projects(table: Table) -> Table:
    """Table 7 with 300 projects under one 项 code."""
    rows = [
        Row(
            key=f"2013199/测试项目{i:03d}",
            label="其他党委办公厅（室）及相关机构事务支出",
            code="2013199",
            level=3,
            project=f"测试项目{i:03d}号工作经费",
            cells={
                Col.TOTAL: Cell(value=long_project_amount(i)),
                Col.economic_class("302"): Cell(value=long_project_amount(i)),
            },
        )
        for i in range(LONG_ROWS)
    ]
    total = sum((long_project_amount(i) for i in range(LONG_ROWS)), Decimal(0))
    rows.append(Row(key="total", label="合计", is_total=True, cells={Col.TOTAL: Cell(value=total)}))
    return table.model_copy(update={"rows": rows, "note": None})


def _long_basic(table: Table) -> Table:
    """Table 6 with 300 economic 款 rows."""
    classes = list(ECONOMIC_CLASSES)
    rows = []
    for i in range(LONG_ROWS):
        code = f"{classes[i // 99]}{i % 99 + 1:02d}"
        rows.append(
            Row(
                key=code,
                label=f"测试经济科目{i:03d}",
                code=code,
                level=2,
                cells={Col.TOTAL: Cell(value=long_basic_amount(i)), Col.PERSONNEL: Cell(value=long_basic_amount(i))},
            )
        )
    total = sum((long_basic_amount(i) for i in range(LONG_ROWS)), Decimal(0))
    rows.append(Row(key="total", label="合计", is_total=True, cells={Col.TOTAL: Cell(value=total)}))
    return table.model_copy(update={"rows": rows, "note": None})


@pytest.fixture(scope="module")
def long_disclosure(example_disclosure: Disclosure) -> Disclosure:
    lengthen = {TableKind.GENERAL_BUDGET_PROJECTS: _long_projects, TableKind.GENERAL_BUDGET_BASIC: _long_basic}
    tables = [lengthen[t.kind](t) if t.kind in lengthen else t for t in example_disclosure.tables]
    return example_disclosure.model_copy(update={"tables": tables})


@pytest.fixture(scope="module")
def long_pdf_doc(long_disclosure: Disclosure) -> pymupdf.Document:
    return pymupdf.open(stream=render_pdf(long_disclosure, charts=()), filetype="pdf")


def test_long_tables_repeat_headers_and_never_split_a_row(
    long_pdf_doc: pymupdf.Document, long_disclosure: Disclosure
) -> None:
    ranges = table_pages(long_pdf_doc, long_disclosure)
    projects = ranges["7"]
    basic = ranges["6"]
    assert len(projects) >= 5 and len(basic) >= 5
    for i in projects:
        text = squeeze(long_pdf_doc[i].get_text())
        assert "项目支出合计" in text and "商品和服务支出" in text, i
        assert long_pdf_doc[i].rect.width > long_pdf_doc[i].rect.height
    for i in basic:
        assert "经济分类科目名称" in squeeze(long_pdf_doc[i].get_text()), i
    texts = [squeeze(page.get_text()) for page in long_pdf_doc]
    for n in range(LONG_ROWS):
        name_pages = _pages_with(texts, f"测试项目{n:03d}号工作经费")
        assert len(name_pages) == 1, (n, name_pages)
        # the row's two amounts (total and 302) sit on the same page as its name
        assert texts[name_pages[0]].count(format_amount(long_project_amount(n))) == 2, n
        label_pages = _pages_with(texts, f"测试经济科目{n:03d}")
        assert len(label_pages) == 1, (n, label_pages)
        assert texts[label_pages[0]].count(format_amount(long_basic_amount(n))) == 2, n


def test_long_tables_keep_text_on_the_page(long_pdf_doc: pymupdf.Document) -> None:
    assert long_pdf_doc.page_count < 80
    for page in long_pdf_doc:
        for x0, y0, x1, y1, word, *_ in page.get_text("words"):
            assert x0 >= -0.5 and y0 >= -0.5 and x1 <= page.rect.width + 0.5 and y1 <= page.rect.height + 0.5, (
                page.number,
                word,
            )


def test_a_bare_disclosure_still_typesets() -> None:
    bare = Disclosure(meta=DocumentMeta(unit="某部门", year=2025, kind=DocumentKind.DEPARTMENT_BUDGET))
    doc = pymupdf.open(stream=render_pdf(bare), filetype="pdf")
    assert squeeze(doc[0].get_text()) == "某部门2025年部门预算公开"
    assert "第四部分名词解释" in squeeze(doc[doc.page_count - 1].get_text())


def test_charts_drawn_in_a_child_equal_charts_drawn_here(example_disclosure: Disclosure) -> None:
    job = ChartJob(example_disclosure, png=False)
    assert job._child is not None  # pytest runs single-threaded: drawn in a child
    waited = job.result()
    here = ChartJob(example_disclosure, png=False, background=False).result()
    assert waited and [c.key for c in waited] == [c.key for c in here]
    assert [c.svg for c in waited] == [c.svg for c in here]
