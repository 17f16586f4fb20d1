"""The two-worker PDF (`pdf_parallel`) against the one-process PDF of the same page: pages, text, outline, links."""

from __future__ import annotations

import itertools

import pymupdf
import pytest
from weasyprint import HTML

from yusuan.model import Disclosure
from yusuan.render import pdf_parallel
from yusuan.render.html import render_page


@pytest.fixture(scope="module")
def page(example_disclosure: Disclosure) -> str:
    return render_page(example_disclosure, pdf=True, charts=())


def _links(document: pymupdf.Document) -> list[tuple[int, int, tuple[int, ...]]]:
    return [
        (n, link["page"], tuple(round(v) for v in link["from"]))
        for n in range(document.page_count)
        for link in document[n].get_links()
    ]


def test_split_pdf_reads_as_the_one_process_pdf(page: str) -> None:
    whole = pymupdf.open(stream=HTML(string=page, base_url=None).write_pdf(), filetype="pdf")
    split = pymupdf.open(stream=pdf_parallel.render_split(page), filetype="pdf")
    assert split.page_count == whole.page_count > 5
    for n in range(whole.page_count):
        assert split[n].rect == whole[n].rect
        assert split[n].get_text() == whole[n].get_text(), f"page {n + 1}"
    # the footer's folio and the contents' page numbers crossed the cuts
    assert "— 5 —" in split[4].get_text()
    assert [entry[:3] for entry in split.get_toc()] == [entry[:3] for entry in whole.get_toc()]
    assert len(split.get_toc()) > 10
    assert _links(split) == _links(whole)
    names, whole_names = split.resolve_names(), whole.resolve_names()
    assert names.keys() == whole_names.keys() and len(names) > 10
    for name, target in whole_names.items():
        assert names[name]["page"] == target["page"], name
        assert all(abs(a - b) < 0.01 for a, b in zip(names[name]["to"], target["to"], strict=True)), name
    assert split.metadata["title"] == whole.metadata["title"]
    assert split.xref_get_key(split.pdf_catalog(), "Lang") == ("string", "zh-CN")


def test_cut_is_at_forced_page_breaks(page: str) -> None:
    cut = pdf_parallel.cut(page)
    assert cut.units[0].startswith('<section class="part" id="part-1">')
    assert cut.units[1].startswith('<section class="part" id="part-2">')
    assert all(unit.startswith('<section class="table-block') for unit in cut.units[2:-2])
    assert cut.units[-1].startswith('<section class="part" id="part-4">')
    assert "".join(cut.units) in page
    assert '<nav class="toc"' in cut.front


def test_plan_balances_two_workers() -> None:
    units = ["<td>" * 100, "<td>" * 5000, "<td>" * 100, "<p>" * 2000]
    chunks = pdf_parallel.plan(units)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(units)
    assert all(a < b for a, b in chunks) and all(x[1] == y[0] for x, y in itertools.pairwise(chunks))
    assert (1, 2) in chunks  # the big table alone


def test_one_worker_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUSUAN_JOBS", "1")
    assert pdf_parallel.workers() == 1


def test_small_documents_stay_in_one_process(page: str) -> None:
    assert not pdf_parallel.worth_splitting(page)
