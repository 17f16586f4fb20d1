"""The published PDFs of tests/fixtures/corpus, each read once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.extract import ReadProblem, read_document
from yusuan.model import Disclosure

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CORPUS = FIXTURES / "corpus"
TRUTH = FIXTURES / "truth"

_cache: dict[str, tuple[Disclosure, list[ReadProblem]]] = {}


def read_fixture(name: str) -> tuple[Disclosure, list[ReadProblem]]:
    if name not in _cache:
        _cache[name] = read_document(CORPUS / name)
    return _cache[name]


@pytest.fixture(scope="session")
def read_corpus() -> object:
    return read_fixture
