"""Page-level defects of a PDF: what a reviewer sees at a glance and text extraction hides.

A blank page, a line cut by the edge of the paper, a character the font
cannot draw (an empty box): the reader notes them from the PDF's own
geometry and fonts while it lays the pages out (`extract/pdf_pages.py`)
and the `Disclosure` carries them as `page_defects`; each rule here turns
one kind into a finding naming the page.  Documents read from Word, Excel
or text have no pages of their own and no such findings.
"""

from __future__ import annotations

from collections.abc import Iterable

from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Location
from yusuan.check.registry import rule
from yusuan.check.rule_meta import Category
from yusuan.extract.pdf_pages import BLANK, GLYPH_MISSING, TEXT_OUTSIDE
from yusuan.model.disclosure import PageDefect


def _defects(ctx: CheckContext, kind: str) -> list[PageDefect]:
    return [d for d in ctx.disclosure.page_defects if d.kind == kind]


def _page(defect: PageDefect) -> str:
    return f"{defect.file} 第{defect.page}页" if defect.file else f"第{defect.page}页"


@rule("page-blank", "空白页", "warning", category=Category.EXISTENCE)
def page_blank(ctx: CheckContext) -> Iterable[Finding]:
    """No page of the PDF is blank: each prints text, an image or a drawing (a page that says 此页无正文 has text)."""
    for defect in _defects(ctx, BLANK):
        yield ctx.finding(
            f"{_page(defect)}是空白页：没有文字、图片或线条；请删去或补上应有的内容",
            Location(page=defect.page),
            expected="有内容",
            actual="空白",
        )


@rule("page-text-outside", "文字超出页面", "warning")
def page_text_outside(ctx: CheckContext) -> Iterable[Finding]:
    """No printed character is cut by the edge of its page (text or a table running off the paper)."""
    for defect in _defects(ctx, TEXT_OUTSIDE):
        yield ctx.finding(
            f"{_page(defect)}有{defect.count}个字超出页面边缘、显示不全：“{defect.text}”",
            Location(page=defect.page),
            expected="文字在页面之内",
            actual=defect.text,
        )


@rule("page-glyph-missing", "字体缺字", "warning")
def page_glyph_missing(ctx: CheckContext) -> Iterable[Finding]:
    """Every printed character has a glyph in its font (none is drawn as the font's empty `.notdef` box)."""
    for defect in _defects(ctx, GLYPH_MISSING):
        yield ctx.finding(
            f"{_page(defect)}有{defect.count}个字符在所用字体中没有字形，显示为方框或空白（□处）：“{defect.text}”",
            Location(page=defect.page),
            expected="字体包含该字符",
            actual=defect.text,
        )
