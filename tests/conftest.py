"""Shared fixtures: the example budget and its compiled disclosure (built once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.compile import compile_budget
from yusuan.inputs import load_budget
from yusuan.model import Budget, Disclosure

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLE = ROOT / "examples" / "kizilsu-2024" / "budget.yaml"
REFERENCE_TEXT = FIXTURES / "kizilsu-2024-party-committee-office-budget.txt"


@pytest.fixture(scope="session")
def example_budget() -> Budget:
    return load_budget(EXAMPLE)


@pytest.fixture(scope="session")
def example_disclosure(example_budget: Budget) -> Disclosure:
    return compile_budget(example_budget)
