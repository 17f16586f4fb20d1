"""Round trip: the compiled example, rendered to PDF, Word, Excel and HTML, reads back cell for cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.extract_real.documents import cells, example, rendered
from yusuan.extract import read_document, write_json, write_xlsx
from yusuan.model import Disclosure


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".xlsx", ".html"])
def test_rendered_document_reads_back(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"example{suffix}"
    path.write_bytes(rendered(suffix))
    read, problems = read_document(path)
    compiled = example()
    assert problems == []
    assert read.meta.template == "xinjiang-unit-2024"
    assert (read.meta.unit, read.meta.year, read.meta.kind) == (
        compiled.meta.unit,
        compiled.meta.year,
        compiled.meta.kind,
    )
    assert [t.kind for t in read.tables] == [t.kind for t in compiled.tables]
    assert [t.number for t in read.tables] == [t.number for t in compiled.tables]
    for original in compiled.tables:
        table = read.table(original.kind)
        assert table is not None
        assert cells(table) == cells(original), original.kind
        assert table.unit == original.unit
    assert [s.key for s in read.narrative] == [s.key for s in compiled.narrative]
    if suffix == ".pdf":  # every cell knows its page
        assert all(c.source and c.source.page for t in read.tables for r in t.rows for c in r.cells.values())


def test_json_and_workbook_outputs(tmp_path: Path) -> None:
    path = tmp_path / "example.pdf"
    path.write_bytes(rendered(".pdf"))
    read, _ = read_document(path)
    text = write_json(read)
    again = Disclosure.model_validate_json(text)
    assert again == read
    assert '"value": "1566.00"' in text  # amounts as decimal strings, exactly as printed
    workbook = write_xlsx(read)
    assert workbook[:2] == b"PK"
