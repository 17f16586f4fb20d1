"""A page read through its display list (`pdf_replay`) reads as when each reading interprets the page anew."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf
import pytest

from yusuan.extract import pdf_page, pdf_replay
from yusuan.extract.pdf_page import read_page

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DOCUMENTS = [
    FIXTURES / "national" / "gz-xfj-2026.pdf",  # portrait, ruled tables
    FIXTURES / "national" / "cq-xcb-2026.pdf",  # landscape
    FIXTURES / "pages" / "sh-pt-swj-2025-p3-p4.pdf",  # text hidden by a clip path
    FIXTURES / "pages" / "js-rd-2017-p11-p31.pdf",  # a table below the page, a blank page
]


def pages_read(path: Path) -> list[Any]:
    document = pymupdf.open(path)
    carried = None
    pages = []
    for index in range(document.page_count):
        page = read_page(document.load_page(index), index + 1, carried)
        carried = page.open_columns
        pages.append(page)
    document.close()
    return pages


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_the_display_list_reads_every_page_as_the_page_does(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    replayed = pages_read(path)
    monkeypatch.setattr(pdf_page, "display_list", lambda page: None)
    assert replayed == pages_read(path)


def test_a_rotated_page_is_read_from_the_page(tmp_path: Path) -> None:
    document = pymupdf.open(DOCUMENTS[0])
    document.select([2])
    document[0].set_rotation(90)
    assert pdf_replay.display_list(document[0]) is None
    assert pdf_replay.display_list(pymupdf.open(DOCUMENTS[0])[2]) is not None


def test_the_trace_from_the_display_list_is_the_pages_own() -> None:
    page = pymupdf.open(DOCUMENTS[0])[2]
    listing = pdf_replay.display_list(page)

    def visible(spans: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(c[0], c[1], c[3]) for s in spans for c in s["chars"] if chr(c[0]).strip()]

    replayed = visible(pdf_replay.text_trace(page, listing))
    assert replayed and replayed == visible(pdf_replay.text_trace(page, None))
