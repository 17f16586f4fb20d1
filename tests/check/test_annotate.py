"""`--annotate`: each finding is marked on its page, at the printed figure when there is one."""

from __future__ import annotations

from pathlib import Path

import pymupdf
from typer.testing import CliRunner

from tests.conftest import FIXTURES
from yusuan.check.annotate import printed_forms
from yusuan.cli import app

PDF = FIXTURES / "corpus" / "sh-finance-unit-2025.pdf"


def test_printed_forms() -> None:
    from decimal import Decimal

    assert printed_forms(Decimal("24840779")) == ["24,840,779.00", "24840779.00", "24,840,779", "24840779"]
    assert printed_forms(Decimal("1566.50")) == ["1,566.50", "1566.50"]


def test_each_finding_is_marked_and_the_rounding_defect_at_its_cells(tmp_path: Path) -> None:
    out = tmp_path / "annotated.pdf"
    result = CliRunner().invoke(app, ["check", str(PDF), "--format", "json", "--annotate", str(out)])
    assert result.exit_code in (0, 1), result.output
    with pymupdf.open(PDF) as original:
        pages = original.page_count
    document = pymupdf.open(out)
    assert document.page_count == pages
    notes = []  # read each annotation while its page is alive (PyMuPDF ties them together)
    for page in document:
        notes += [(page.number + 1, pymupdf.Rect(a.rect), a.info["content"]) for a in page.annots()]
    assert notes
    # the published 1-yuan defect: 302 prints 24,840,779 while its items add up to 24,840,778 (page 17)
    marked = [rect for number, rect, content in notes if number == 17 and "302" in content]
    assert len(marked) == 2
    words = document[16].get_text("words")
    boxes = [pymupdf.Rect(w[:4]) for w in words if w[4] == "24,840,779"]
    assert all(any(rect.contains(box) for box in boxes) for rect in marked)
    assert marked[0].x0 != marked[1].x0  # 合计 and 公用经费: two different cells


def test_annotate_needs_a_pdf(tmp_path: Path) -> None:
    text = FIXTURES / "kizilsu-2024-party-committee-office-budget.txt"
    result = CliRunner().invoke(app, ["check", str(text), "--annotate", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2


def test_a_narrative_figure_is_marked_where_it_prints_whole_not_inside_a_longer_number(tmp_path: Path) -> None:
    out = tmp_path / "annotated.pdf"
    pdf = FIXTURES / "national" / "huz-tyjr-2026.pdf"
    result = CliRunner().invoke(app, ["check", str(pdf), "--format", "json", "--annotate", str(out)])
    assert result.exit_code in (0, 1), result.output
    document = pymupdf.open(out)
    marked = {}  # (page, the text under the mark) of each mark on a narrative page
    for page in document:
        for annotation in page.annots():
            text = page.get_textbox(annotation.rect).strip()
            if text:
                marked.setdefault(page.number + 1, []).append(text)
    # page 5 states rates of 5.0% and 4.0%: the marks were on the "256" of 6256.31 and the "4." of 4.0
    assert marked[5] == ["5.0%", "4.0%"] and marked[6] == ["4.0%"] and marked[9] == ["95.0%"]
    assert marked[10] == ["9.0%"]


def test_an_expenditure_total_is_marked_on_its_own_side_of_a_two_sided_table(tmp_path: Path) -> None:
    out = tmp_path / "annotated.pdf"
    pdf = FIXTURES / "national" / "huz-jtj-2026.pdf"
    result = CliRunner().invoke(app, ["check", str(pdf), "--format", "json", "--annotate", str(out)])
    assert result.exit_code in (0, 1), result.output
    document = pymupdf.open(out)
    page = document[28]  # 表04's last page: 收入总计 and 支出总计 both print 42673.03
    marks = {a.info["content"].split("]")[0]: pymupdf.Rect(a.rect) for a in page.annots()}
    words = [w for w in page.get_text("words") if w[4] == "42673.03"]
    income, expenditure = sorted((pymupdf.Rect(w[:4]) for w in words), key=lambda r: r.x0)[-2:]
    assert marks["[narrative-amount"].contains(income)
    assert marks["[total-row-sum"].contains(expenditure)  # 表04“支出总计”: was marked on 收入总计
