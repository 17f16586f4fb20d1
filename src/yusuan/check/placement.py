"""Where a finding between two places points: at the figure that other findings dispute too.

A cross-check (table 1 against table 4, the narrative against a table) finds
that two figures differ, not which of them is wrong, and its rule points at
the first.  When the check's other errors dispute the second figure too —
its own table's sums fail on that very figure, or a third place disagrees
with it — and the first figure by none, the finding points at the second:
the cell a reviewer sees highlighted is the one to correct.  (湖州 2026:
表04 prints 42,673.03 万元 as its 财政拨款 income and totals, while 表01, the
narrative and 表04's own expenditure classes give 192,207.76; the findings
of 表01 against 表04 and of the narrative against 表04 now point at 表04.)

A figure is "the same" when the same table (or narrative section) prints the
same amount: a finding disputes the amount it reads at its place (`actual`)
and, when it names one other place, the amount it reads there (`expected`).
Only another rule's dispute counts for the second figure: two narrative
sentences repeating one amount (one rule, one author) are no evidence that
the table they both differ from is the wrong one.
A moved finding keeps its message, which names both places; its expected and
actual values change sides, and a suggested wording of the first place is
dropped.  Nothing moves on a tie, or when neither figure is disputed.

A sum's finding (a total against its terms: `total-row-sum` points at the
total) moves to one of its terms when another rule's error at that term
corrects it by exactly the sum's difference, and nothing else disputes the
total: 杭州交通运输局 2026 表1 prints 201 as 6,651.38 where its 款 add up to
6,701.98 (`hierarchy-sum`), and that 50.60 is all the 本年支出合计 lacks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from decimal import Decimal

from yusuan.check.finding import Finding, Location, Severity

Figure = tuple[tuple[str | None, str | None, str | None], Decimal]


def _where(location: Location) -> tuple[str | None, str | None, str | None]:
    """The table (or narrative section) of a location: the figures it prints are its own."""
    return (location.table_kind, location.table, None if location.table_kind or location.table else location.section)


def _amounts(finding: Finding) -> tuple[Decimal, Decimal] | None:
    """An error's printed amount at its place and the amount it expects there (`actual`, `expected`), when both
    are amounts; None for any other finding."""
    if finding.severity is not Severity.ERROR:
        return None
    if isinstance(finding.actual, Decimal) and isinstance(finding.expected, Decimal):
        return finding.actual, finding.expected
    return None


def _figures(finding: Finding) -> list[Figure]:
    """The figures an error disputes: its place's amount, and the other place's when it names one."""
    amounts = _amounts(finding)
    if amounts is None:
        return []
    actual, expected = amounts
    found: list[Figure] = [(_where(finding.location), actual)]
    if len(finding.related) == 1:
        found.append((_where(finding.related[0]), expected))
    return found


Corrections = dict[Location, list[tuple[str, Decimal, Decimal]]]
"""By place: each error there, as its rule's code, the amount printed there and the amount it expects."""


def placed(findings: list[Finding]) -> list[Finding]:
    """`findings`, each error between two places pointing at the figure the others dispute (see above)."""
    disputes: dict[Figure, Counter[str]] = {}
    corrections: Corrections = {}
    for finding in findings:
        for figure in set(_figures(finding)):
            disputes.setdefault(figure, Counter())[finding.code] += 1
        amounts = _amounts(finding)
        if amounts is not None:
            corrections.setdefault(finding.location, []).append((finding.code, *amounts))
    return [_term_moved(_moved(finding, disputes), disputes, corrections) for finding in findings]


def _term_moved(finding: Finding, disputes: dict[Figure, Counter[str]], corrections: Corrections) -> Finding:
    """A sum's finding at the one term another rule corrects by the sum's difference (see above)."""
    amounts = _amounts(finding)
    if amounts is None or len(finding.related) < 2 or amounts[0] == amounts[1]:
        return finding
    actual, expected = amounts
    lacking = actual - expected  # what the terms must gain for the sum to hold
    terms = [
        (r, printed)
        for r in finding.related
        for code, printed, corrected in corrections.get(r, ())
        if code != finding.code and corrected - printed == lacking
    ]
    if len({r for r, _ in terms}) != 1 or disputes.get((_where(finding.location), actual), Counter()).total() > 1:
        return finding
    term, printed = terms[0]
    return replace(
        finding,
        location=term,
        related=(finding.location, *(r for r in finding.related if r != term)),
        expected=printed + lacking,
        actual=printed,
        difference=-lacking,
        suggestion=None,
    )


def _moved(finding: Finding, disputes: dict[Figure, Counter[str]]) -> Finding:
    amounts = _amounts(finding)
    if amounts is None or len(finding.related) != 1:
        return finding
    actual, expected = amounts
    other = finding.related[0]
    here, there = (_where(finding.location), actual), (_where(other), expected)
    if here[0] == there[0] or not any(here[0]) or not any(there[0]):
        return finding
    by_other_rules = [code for code in disputes.get(there, Counter()) if code != finding.code]
    if not by_other_rules or disputes.get(here, Counter()).total() > 1:  # the count of `here` includes this one
        return finding
    return replace(
        finding,
        location=other,
        related=(finding.location,),
        expected=actual,
        actual=expected,
        difference=-finding.difference if finding.difference is not None else None,
        suggestion=None,
    )
