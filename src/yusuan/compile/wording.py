"""Phrases of the official register, with every figure computed here.

The narrative states amounts (`1,526.00万元`), shares (`占97.45%`) and
year-on-year changes (`比上年预算增加150.11万元，增长10.91%，主要原因是…`).
This module is the one place those phrases are built, so the wording is the
same in every section and every number is rounded the same way (half-up).
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.errors import InputError, raise_all
from yusuan.model import Budget, Comparison
from yusuan.money import format_amount, format_percent, rate, share

_NOT_GIVEN = "说明需要上年数以计算增减变化，但没有填写该项上年数（上年没有的填 0）"


class Phrases:
    """Phrase builders bound to one budget (its unit of money and comparisons)."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.unit = budget.money_unit.value
        self.basis = "上年预算"
        # last-year figures the text asked for and were not given, then those given that it cannot use: key → why
        self.refused: dict[str, str] = {}

    def comparison(self, key: str) -> Comparison:
        """Last year's figure the narrative needs.  One not given is noted (`refused`) and stands in as zero, so
        that the narrative goes on and `refuse_missing` names every such figure at once, not one per build."""
        found = self.budget.last_year.get(key)
        if found is None:
            self.refused.setdefault(key, _NOT_GIVEN)
            return Comparison(amount=Decimal(0))
        return found

    def refuse_later(self, key: str, reason: str) -> None:
        """Note a last-year figure given that the narrative cannot use; `refuse_missing` names it."""
        self.refused.setdefault(key, reason)

    def refuse_missing(self) -> None:
        """Refuse the budget, naming each last-year figure the narrative asked for and was not given, and each
        given that it cannot use (one line each: `InputErrors`)."""
        from yusuan.inputs.places import describe  # only on this error path

        given = sorted(self.refused.items(), key=lambda item: item[1] != _NOT_GIVEN)  # the missing ones first
        raise_all([InputError(describe(("last_year", key)), why) for key, why in given])

    def amount(self, value: Decimal) -> str:
        return f"{format_amount(value)}{self.unit}"

    def share(self, part: Decimal, whole: Decimal) -> str:
        """`占97.45%` (empty when the whole is zero)."""
        value = share(part, whole)
        return f"占{format_percent(value)}" if value is not None else ""

    def change(self, key: str, current: Decimal) -> str:
        """`比上年预算增加X万元，增长Y%，主要原因是…` (no trailing full stop)."""
        last = self.comparison(key)
        text = self.change_from(last.amount, current)
        return f"{text}，主要原因是{last.reason}" if last.reason else text

    def change_from(self, last: Decimal, current: Decimal) -> str:
        """`比上年预算增加X万元，增长Y%` for a last-year figure derived rather than typed."""
        difference = current - last
        up = difference >= 0
        text = f"比{self.basis}{'增加' if up else '减少'}{self.amount(abs(difference))}"
        pct = rate(abs(difference), last)
        if pct is not None:
            text += f"，{'增长' if up else '下降'}{format_percent(pct)}"
        elif last == 0 and current == 0:
            text += "，增长0.00%"
        return text

    def reason(self, key: str) -> str:
        return self.comparison(key).reason


def enumerate_cn(items: list[str]) -> str:
    """`甲、乙、丙`."""
    return "、".join(items)
