"""Fixtures of the HTML/PDF renderer tests: the example's HTML and PDF, built once per session."""

from __future__ import annotations

import pymupdf
import pytest

from yusuan.model import Disclosure
from yusuan.render.html import render_html
from yusuan.render.pdf import render_pdf


@pytest.fixture(scope="session")
def example_html(example_disclosure: Disclosure) -> str:
    return render_html(example_disclosure)


@pytest.fixture(scope="session")
def example_pdf(example_disclosure: Disclosure) -> bytes:
    return render_pdf(example_disclosure)


@pytest.fixture(scope="session")
def example_pdf_doc(example_pdf: bytes) -> pymupdf.Document:
    return pymupdf.open(stream=example_pdf, filetype="pdf")
