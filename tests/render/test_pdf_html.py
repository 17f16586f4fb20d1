"""The trimmed user-agent stylesheet (`pdf_html`): applied to yusuan's page, the same PDF as WeasyPrint's own."""

from __future__ import annotations

import pytest
from weasyprint import HTML

from yusuan.model import Disclosure
from yusuan.render import pdf_html
from yusuan.render.html import render_page


@pytest.fixture(scope="module")
def page(example_disclosure: Disclosure) -> str:
    return render_page(example_disclosure, pdf=True, charts=())


def test_every_edit_applies_to_the_installed_weasyprint() -> None:
    # If WeasyPrint's stylesheet changes, pages silently get the full one: this says when to revisit _EDITS.
    sheet = pdf_html._lean_stylesheet()
    assert sheet is not None
    assert len(sheet.matcher.other_selectors) <= 3  # the bare pseudo-element and attribute-only rules are gone


def test_the_example_page_is_the_same_pdf_byte_for_byte(page: str) -> None:
    assert pdf_html.lean_applies(page)
    assert pdf_html.document(page).write_pdf() == HTML(string=page, base_url=None).write_pdf()


@pytest.mark.parametrize(
    "markup",
    [
        '<p dir="rtl">x</p>',
        "<p hidden>x</p>",
        '<table rules="all"><tr><td>x</td></tr></table>',
        "<ol><li>x</li></ol>",
        '<input value="x">',
        '<p style="float: footnote">x</p>',
        '<p style="display: list-item">x</p>',
    ],
)
def test_a_page_using_what_the_trimmed_sheet_drops_gets_the_full_sheet(markup: str) -> None:
    assert not pdf_html.lean_applies(f"<html><body>{markup}</body></html>")
    assert type(pdf_html.document(f"<html><body>{markup}</body></html>")) is HTML


def test_text_mentioning_those_words_keeps_the_trimmed_sheet() -> None:
    assert pdf_html.lean_applies("<html><body><p>dir hidden rules frame input</p></body></html>")
