"""A long PDF read half in a forked child gives exactly the pages a reading in turn gives."""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import pytest

from tests.extract_real.forking import CAN_FORK, LONG
from yusuan.children import JOBS_VARIABLE
from yusuan.extract import pdf_fork
from yusuan.extract.pdf import pdf_lines, pdf_pages
from yusuan.extract.pdf_page import Columns, PageContent, PageLayout, read_page, read_page_parts


def _lines(path: Path) -> list[tuple[int | None, int, str]]:
    return [(line.page, line.line_no, line.text) for line in pdf_lines(path)]


@pytest.mark.parametrize("share", [0.1, 0.3, 0.5, 0.9])
def test_forked_reading_equals_reading_in_turn(monkeypatch: pytest.MonkeyPatch, share: float) -> None:
    monkeypatch.setenv(JOBS_VARIABLE, "1")
    in_turn = _lines(LONG)
    monkeypatch.delenv(JOBS_VARIABLE)
    monkeypatch.setattr(pdf_fork, "MIN_PAGES", 2)
    monkeypatch.setattr(pdf_fork, "SPLIT", share)
    started: list[int] = []
    real_start = pdf_fork.start_helper

    def start(path: Path, page_count: int, deadline: float) -> pdf_fork.Helper | None:
        helper = real_start(path, page_count, deadline)
        if helper is not None:
            started.append(helper.first)
        return helper

    monkeypatch.setattr("yusuan.extract.pdf.start_helper", start)
    assert _lines(LONG) == in_turn
    assert started == ([int(37 * share)] if CAN_FORK else [])


def test_split_off_for_short_documents_and_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    deadline = time.monotonic() + 60
    assert pdf_fork.start_helper(LONG, pdf_fork.MIN_PAGES - 1, deadline) is None
    monkeypatch.setenv(JOBS_VARIABLE, "1")
    assert pdf_fork.start_helper(LONG, 200, deadline) is None


def test_a_child_that_sends_nothing_leaves_the_parent_to_read_every_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(JOBS_VARIABLE, "1")
    in_turn = [[line.text for line in page.lines] for page in pdf_pages(LONG)]
    monkeypatch.delenv(JOBS_VARIABLE)
    monkeypatch.setattr(pdf_fork, "MIN_PAGES", 2)
    monkeypatch.setattr(pdf_fork.Helper, "pages", lambda self: (self.close(), [])[1])
    assert [[line.text for line in page.lines] for page in pdf_pages(LONG)] == in_turn


def _page(number: int, open_columns: Columns | None) -> PageContent:
    return PageContent(number, 100.0, 100.0, [], 1, open_columns=open_columns)


def test_stitch_lays_out_again_until_the_carried_columns_agree() -> None:
    a, b = Columns((0.0, 10.0), 50.0), Columns((0.5, 10.0), 50.0)
    theirs = [_page(5, b), _page(6, b), _page(7, None), _page(8, None)]  # the child began with nothing carried
    again: list[tuple[int, Columns | None]] = []

    def reread(index: int, carried: Columns | None) -> PageContent:
        again.append((index, carried))
        return _page(index + 1, a if index < 6 else None)

    pages, carried = pdf_fork.stitch(theirs, 4, a, reread)
    assert again == [(4, a), (5, a), (6, a)]  # page 8 was read by the child with the columns the parent carries
    assert [p.number for p in pages] == [5, 6, 7, 8]
    assert pages[3] is theirs[3]
    assert carried is None


def test_stitch_takes_the_childs_pages_when_nothing_is_carried() -> None:
    theirs = [_page(3, None), _page(4, None)]
    pages, _ = pdf_fork.stitch(theirs, 2, None, lambda index, carried: pytest.fail("laid out again"))
    assert pages == theirs


def test_stitch_lays_a_page_out_from_the_childs_layout_instead_of_reading_it_again() -> None:
    pymupdf = pytest.importorskip("pymupdf")
    with pymupdf.open(LONG) as document:
        in_turn: list[PageContent] = []
        carried: Columns | None = None
        for index in range(document.page_count):
            in_turn.append(read_page(document.load_page(index), index + 1, carried))
            carried = in_turn[-1].open_columns
        # a split after a page that ends in a table: the child starts with other columns than the parent's
        first = next(i for i in range(1, len(in_turn) - 1) if in_turn[i - 1].open_columns is not None)
        child = [read_page_parts(document.load_page(first), first + 1)]
        child.append(read_page_parts(document.load_page(first + 1), first + 2, child[0][0].open_columns))
    theirs = [content for content, _, _ in child]
    layouts = [pickle.dumps(PageLayout.of(chars, grids)) for _, chars, grids in child]
    carried = in_turn[first - 1].open_columns
    assert carried != theirs[0].open_columns or carried is not None
    pages, _ = pdf_fork.stitch(theirs, first, carried, lambda index, c: pytest.fail("read again"), layouts)
    assert pages == in_turn[first : first + 2]
