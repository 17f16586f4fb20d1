"""Page-level defects of a PDF (issue 10 item 8): real fixtures, and copies of them with a defect put in.

The genuine documents have none; each defect is injected with PyMuPDF into a
copy (a blank page, a line half below the bottom edge, characters in an
embedded font that lacks them) and must come back as its finding, with the
page, and nothing else.  What a reader cannot see is no defect: a page that
says it is blank (此页无正文), text wholly off the page, a white rectangle.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from yusuan.check.engine import run_checks
from yusuan.extract.pdf import pdf_lines
from yusuan.extract.pdf_defects import PagedLines
from yusuan.extract.pdf_pages import BLANK, GLYPH_MISSING, TEXT_OUTSIDE
from yusuan.extract.publications import read_publications
from yusuan.model.disclosure import PageDefect

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "national"
GUANGZHOU = FIXTURES / "gz-xfj-2026.pdf"  # 广州市信访局 2026 部门预算, 25 portrait pages
CHONGQING = FIXTURES / "cq-xcb-2026.pdf"  # 重庆市委宣传部 2026 部门预算, 24 landscape pages

Edit = Callable[[Any], None]


def defects(path: Path) -> list[PageDefect]:
    lines = pdf_lines(path)
    assert isinstance(lines, PagedLines)
    return list(lines.defects)


def edited(source: Path, tmp_path: Path, edit: Edit, pages: tuple[int, int] = (0, 4)) -> Path:
    """A copy of pages [first, last) of `source` with `edit(document)` applied."""
    document = pymupdf.open(source)
    document.select(list(range(*pages)))
    edit(document)
    target = tmp_path / f"edited-{source.name}"
    document.save(target, garbage=3, deflate=True)
    document.close()
    return target


def blank_page(index: int, number: str = "") -> Edit:
    def edit(document: Any) -> None:
        size = document[0].rect
        page = document.new_page(index, width=size.width, height=size.height)
        if number:
            page.insert_text((size.width / 2 - 8, size.height - 30), number, fontsize=10, fontname="helv")

    return edit


def text_at(index: int, text: str, where: Callable[[Any], tuple[float, float]], fontsize: float = 14) -> Edit:
    def edit(document: Any) -> None:
        page = document[index]
        page.insert_text(where(page.rect), text, fontsize=fontsize, fontname="china-s")

    return edit


def missing_glyphs(index: int, text: str) -> Edit:
    """`text` set in an embedded Latin font: its Chinese characters are drawn with glyph 0."""

    def edit(document: Any) -> None:
        page = document[index]
        page.insert_font(fontname="F9", fontbuffer=pymupdf.Font("helv").buffer)
        page.insert_text((60, 40), text, fontsize=12, fontname="F9")

    return edit


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.pdf")), ids=lambda p: p.stem)
def test_genuine_documents_have_no_page_defects(path: Path) -> None:
    """Six published budgets of five regions: every page printed, nothing off the page, every glyph there."""
    assert defects(path) == []


def test_inserted_blank_page(tmp_path: Path) -> None:
    found = defects(edited(GUANGZHOU, tmp_path, blank_page(2)))
    assert found == [PageDefect(kind=BLANK, page=3)]


def test_a_page_with_only_its_number_is_blank(tmp_path: Path) -> None:
    found = defects(edited(GUANGZHOU, tmp_path, blank_page(2, "- 3 -")))
    assert found == [PageDefect(kind=BLANK, page=3)]


def test_a_page_that_says_it_is_blank_is_not_a_defect(tmp_path: Path) -> None:
    def edit(document: Any) -> None:
        blank_page(2)(document)
        document[2].insert_text((200, 300), "此页无正文", fontsize=16, fontname="china-s")

    assert defects(edited(GUANGZHOU, tmp_path, edit)) == []


def test_a_white_rectangle_is_no_ink_but_a_line_is(tmp_path: Path) -> None:
    def edit(document: Any) -> None:
        blank_page(1)(document)
        blank_page(3)(document)
        white, lined = document[1], document[3]
        white.draw_rect(white.rect, color=None, fill=(1, 1, 1))
        lined.draw_line((50, 400), (500, 400), color=(0, 0, 0), width=1)

    assert defects(edited(GUANGZHOU, tmp_path, edit)) == [PageDefect(kind=BLANK, page=2)]


def test_text_half_below_the_bottom_edge(tmp_path: Path) -> None:
    """The baseline a third of the size below the edge: the tops of the characters show, cut."""
    edit = text_at(1, "一般公共预算支出表", lambda r: (150, r.height + 5))
    found = defects(edited(GUANGZHOU, tmp_path, edit))
    assert found == [PageDefect(kind=TEXT_OUTSIDE, page=2, text="一般公共预算支出表", count=9)]


def test_text_running_off_the_right_edge_of_a_landscape_page(tmp_path: Path) -> None:
    edit = text_at(2, "单位：万元", lambda r: (r.width - 30, 120))
    found = defects(edited(CHONGQING, tmp_path, edit))
    assert found == [PageDefect(kind=TEXT_OUTSIDE, page=3, text="单位：万元", count=3)]  # 单位 shows, ：万元 is off


def test_a_table_pushed_half_below_the_page(tmp_path: Path) -> None:
    """Its rulings run into the bottom edge; the rows past the edge are reported though none is cut in two."""

    def edit(document: Any) -> None:
        source = pymupdf.open(GUANGZHOU)  # page 8: 一般公共预算支出表, a ruled table
        size = document[0].rect
        page = document.new_page(2, width=size.width, height=size.height)
        page.show_pdf_page(pymupdf.Rect(0, size.height * 0.45, size.width, size.height * 1.45), source, 7)

    found = defects(edited(GUANGZHOU, tmp_path, edit))
    assert [(d.kind, d.page) for d in found] == [(TEXT_OUTSIDE, 3)]
    assert found[0].count > 50


def test_text_wholly_off_the_page_is_not_seen_and_not_reported(tmp_path: Path) -> None:
    edit = text_at(1, "单位：万元", lambda r: (r.width + 40, 120))
    assert defects(edited(GUANGZHOU, tmp_path, edit)) == []


def test_characters_the_font_lacks(tmp_path: Path) -> None:
    found = defects(edited(GUANGZHOU, tmp_path, missing_glyphs(3, "2026年预算")))
    assert found == [PageDefect(kind=GLYPH_MISSING, page=4, text="2026□□□", count=3)]


def test_check_reports_each_defect_with_its_page(tmp_path: Path) -> None:
    """The whole 广州市信访局 budget, with one defect of each class: three warnings naming their pages."""

    def edit(document: Any) -> None:
        blank_page(10)(document)
        text_at(4, "收支总体情况表", lambda r: (150, r.height + 5))(document)
        missing_glyphs(6, "预算")(document)

    path = edited(GUANGZHOU, tmp_path, edit, pages=(0, 25))
    publication = read_publications([path])[0]
    report = run_checks(publication.disclosure, read_problems=publication.problems, select=["page-"])
    found = sorted((f.location.page, f.code, f.severity.value, f.message) for f in report.findings)
    assert found == [
        (5, "page-text-outside", "warning", "第5页有7个字超出页面边缘、显示不全：“收支总体情况表”"),
        (7, "page-glyph-missing", "warning", "第7页有2个字符在所用字体中没有字形，显示为方框或空白（□处）：“□□”"),
        (11, "page-blank", "warning", "第11页是空白页：没有文字、图片或线条；请删去或补上应有的内容"),
    ]


PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def test_jiangsu_npc_2017_page_11_table_below_the_page_and_page_31_blank() -> None:
    """江苏省人大办公厅2017年度预算公开 p.11: a table title cut by the bottom edge; p.31: a blank last page."""
    found = defects(PAGES / "js-rd-2017-p11-p31.pdf")
    assert found == [
        PageDefect(kind=TEXT_OUTSIDE, page=1, text="财政拨款基本支出预算表", count=11),
        PageDefect(kind=BLANK, page=2),
    ]


def test_shanghai_commerce_2025_pages_3_4_text_hidden_by_a_clip_path_is_not_cut() -> None:
    """上海市普陀区商务委员会25年预算 pp.3-4: a cell's text runs past both page edges, clipped away unseen."""
    assert defects(PAGES / "sh-pt-swj-2025-p3-p4.pdf") == []
