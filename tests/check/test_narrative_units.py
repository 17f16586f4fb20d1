"""A narrative amount in 万元 against a table in 元: the message gives the converted figure, and a figure
cut off instead of rounded half-up is a warning (a convention broken), not an error (a wrong figure)."""

from __future__ import annotations

from decimal import Decimal

from yusuan.check.rules.narrative.figures import _in_stated_unit
from yusuan.money import MoneyUnit

WAN, YUAN = MoneyUnit.WAN_YUAN, MoneyUnit.YUAN


def test_a_truncated_figure_is_named_as_such() -> None:
    # 上海市普陀区财政局 2025: 877,080 元 printed 87.70万元 (87.708 → 87.71 half-up)
    assert _in_stated_unit(Decimal("87.70"), WAN, Decimal("877080.00"), YUAN) == (
        "（折合 87.71万元，文中为截尾而非四舍五入）",
        True,
    )


def test_a_wrong_figure_is_not_called_truncated() -> None:
    # the same document's 887.36万元 for 873,617 元 (87.36万元): a typo, an error
    assert _in_stated_unit(Decimal("887.36"), WAN, Decimal("873617.00"), YUAN) == ("（折合 87.36万元）", False)
    assert _in_stated_unit(Decimal("1.00"), WAN, Decimal("2.00"), WAN) == ("", False)
