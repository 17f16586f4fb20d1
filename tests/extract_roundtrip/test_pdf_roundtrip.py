"""Round trip through PDF: compile → `render_pdf` → `read_document` gives the same `Disclosure`.

Runs only where both ends exist (the PDF reader arrived with issue 4).  Every
table cell must come back exactly; what does not yet come back is listed in
`KNOWN_PDF_GAPS` with its cause, and nothing else may differ.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.extract_roundtrip.compare import KNOWN_GAPS, differences
from yusuan.model import Disclosure

read_document: Callable[..., Any] | None = getattr(importlib.import_module("yusuan.extract"), "read_document", None)
render_pdf: Callable[..., bytes] | None = getattr(importlib.import_module("yusuan.render.pdf"), "render_pdf", None)
pytestmark = pytest.mark.skipif(
    read_document is None or render_pdf is None,
    reason="needs yusuan.render.pdf.render_pdf and yusuan.extract.read_document",
)

# What the PDF path loses beyond `KNOWN_GAPS`, each with its cause; empty now.
KNOWN_PDF_GAPS: frozenset[str] = KNOWN_GAPS


@pytest.fixture(scope="module")
def pdf_read(example_disclosure: Disclosure, tmp_path_factory: pytest.TempPathFactory) -> tuple[Disclosure, list[Any]]:
    assert render_pdf is not None and read_document is not None
    path: Path = tmp_path_factory.mktemp("pdf") / "example.pdf"
    path.write_bytes(render_pdf(example_disclosure, charts=[]))
    read, problems = read_document(path)
    return read, problems


def test_example_round_trips_through_pdf(
    example_disclosure: Disclosure, pdf_read: tuple[Disclosure, list[Any]]
) -> None:
    read, problems = pdf_read
    assert problems == []
    found = differences(example_disclosure, read)
    assert [str(d) for d in found if d.where not in KNOWN_PDF_GAPS] == []
    assert not any(" row" in d.where for d in found)  # every row and every cell of every table


def test_example_round_trips_through_pdf_completely(
    example_disclosure: Disclosure, pdf_read: tuple[Disclosure, list[Any]]
) -> None:
    assert [str(d) for d in differences(example_disclosure, pdf_read[0]) if d.where not in KNOWN_GAPS] == []
