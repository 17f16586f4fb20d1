"""The value axis of a bar chart is labelled with round numbers, and its top is at or above the tallest bar."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yusuan.web.chart import axis_steps, bar_chart


@pytest.mark.parametrize(
    ("largest", "labels"),
    [
        ("18330.37", ["0", "5,000", "10,000", "15,000", "20,000"]),  # 江苏省人大常委会办公厅 2019 收入总计
        ("2416.43", ["0", "1,000", "2,000", "3,000"]),
        ("0.16", ["0", "0.05", "0.1", "0.15", "0.2"]),
        ("100", ["0", "25", "50", "75", "100"]),
    ],
)
def test_the_axis_is_labelled_in_round_steps(largest: str, labels: list[str]) -> None:
    svg = bar_chart(["2019"], [("收入总计", [Decimal(largest)])])
    assert re.findall(r'text-anchor="end">([^<]+)</text>', svg)[: len(labels)] == labels


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e12"), places=2))
def test_the_axis_reaches_the_tallest_bar_in_at_most_five_labels(largest: Decimal) -> None:
    steps = axis_steps(largest)
    assert steps[0] == 0 and steps[-1] >= largest > steps[-2] and len(steps) <= 5
    assert len({b - a for a, b in itertools.pairwise(steps)}) == 1  # evenly spaced
