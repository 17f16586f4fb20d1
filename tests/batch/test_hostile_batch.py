"""A batch over good documents with hostile ones among them: each hostile file is one row with its reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.extract_real.documents import encrypted_pdf
from tests.hostile.test_matrix import _zip_bomb
from yusuan.batch.pool import Limits
from yusuan.batch.run import run_batch
from yusuan.store import open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GOOD = {
    "sz-tjj-2026.pdf": FIXTURES / "national" / "sz-tjj-2026.pdf",
    "reference.txt": FIXTURES / "kizilsu-2024-party-committee-office-budget.txt",
    "hz-gaj-2026.pdf": FIXTURES / "national" / "hz-gaj-2026.pdf",
}


def _long_pdf(source: Path, pages: int) -> bytes:
    """`source` followed by pages of narrative lines (one line of the reference text each) up to `pages` pages."""
    import pymupdf

    lines = [line.strip() for line in GOOD["reference.txt"].read_text("utf-8").splitlines() if len(line.strip()) > 8]
    document = pymupdf.open(str(source))
    while document.page_count < pages:
        line = lines[document.page_count % len(lines)]
        document.new_page().insert_text((72, 72 + 5 * (document.page_count % 100)), line[:30], fontname="china-s")
    data: bytes = document.tobytes(garbage=3, deflate=True)
    document.close()
    return data


Results = dict[str, tuple[str, str | None, str | None, int | None]]


@pytest.fixture(scope="module", params=[2, 1], ids=["two-workers", "one-worker-reading-ahead"])
def results(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Results:
    """The batch's rows; with one worker on two processors each next PDF is read ahead (`WorkerPool.read_ahead`)."""
    folder = tmp_path_factory.mktemp("mixed")
    for name, source in GOOD.items():
        shutil.copy(source, folder / name)
    good_pdf = (FIXTURES / "national" / "cq-xcb-2026.pdf").read_bytes()
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 64)
    (folder / "encrypted.pdf").write_bytes(encrypted_pdf(good_pdf))
    (folder / "long-600.pdf").write_bytes(_long_pdf(FIXTURES / "national" / "gz-xfj-2026.pdf", 600))
    (folder / "bomb.xlsx").write_bytes(_zip_bomb("xlsx"))
    (folder / "bomb.docx").write_bytes(_zip_bomb("docx"))
    db = tmp_path_factory.mktemp("db") / "mixed.duckdb"
    limits = Limits(seconds=120, memory_bytes=2048 * 1024 * 1024)
    summary = run_batch([folder], db, workers=request.param, limits=limits)
    assert summary.files == 8 and summary.documents == 8
    connection = open_store(db)
    try:
        rows = connection.execute(
            "SELECT f.name, d.status, d.unit, d.error, d.pages FROM documents d JOIN files f ON f.document_id = d.id"
        ).fetchall()
    finally:
        connection.close()
    return {name: (status, unit, error, pages) for name, status, unit, error, pages in rows}


def test_the_good_documents_are_checked_beside_the_hostile_ones(results: Results) -> None:
    assert {n: results[n][:2] for n in GOOD} == {
        "sz-tjj-2026.pdf": ("checked", "深圳市统计局（本级）"),
        "reference.txt": ("checked", "中共克孜勒苏柯尔克孜自治州委员会办公室"),
        "hz-gaj-2026.pdf": ("checked", "杭州市公安局"),
    }


def test_a_600_page_document_is_read_whole_within_the_limits(results: Results) -> None:
    status, _unit, _error, pages = results["long-600.pdf"]  # its filler pages read as a narrative: any unit
    assert (status, pages) == ("checked", 600)


def test_each_hostile_file_is_one_row_with_its_chinese_reason(results: Results) -> None:
    reasons = {n: (status, (error or "").rsplit(": ", 1)[-1]) for n, (status, _unit, error, _pages) in results.items()}
    assert reasons["corrupt.pdf"] == ("refused", "PDF 文件已损坏，无法解析")
    assert reasons["encrypted.pdf"] == ("refused", "PDF 文件已加密（需要密码），无法读取")
    for bomb, kind, part in (
        ("bomb.xlsx", "Excel", "xl/worksheets/sheet1.xml"),
        ("bomb.docx", "Word", "word/document.xml"),
    ):
        status, reason = reasons[bomb]
        assert status == "refused" and reason.startswith(f"{kind} 文件中的“{part}”解压后达 150 MB"), reason
        assert reason.endswith("疑似压缩炸弹，已拒绝读取")
    # the reason names its file, whose path the row already lists
    assert results["corrupt.pdf"][2] == "corrupt.pdf: PDF 文件已损坏，无法解析"
