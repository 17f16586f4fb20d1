"""The reference disclosure, read once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.extract import ReadProblem, read_text_file
from yusuan.model import Disclosure

REFERENCE = Path(__file__).resolve().parents[1] / "fixtures" / "kizilsu-2024-party-committee-office-budget.txt"


@pytest.fixture(scope="session")
def reference_read() -> tuple[Disclosure, list[ReadProblem]]:
    return read_text_file(REFERENCE)


@pytest.fixture(scope="session")
def reference(reference_read: tuple[Disclosure, list[ReadProblem]]) -> Disclosure:
    return reference_read[0]


@pytest.fixture(scope="session")
def reference_lines() -> list[str]:
    return REFERENCE.read_text(encoding="utf-8").split("\n")
