"""The narrative's figures as facts to keep: each amount a sentence states, with what it is about.

`yusuan batch` stores these beside the tables so that figures can be compared
across documents (a unit's 比上年预算增加… against last year's document, in
`store.cross_year`).  A fact is a statement of Part 3 resolved the way the
narrative rules resolve it (`check.subjects.resolve`): its quantity key is
stable across documents (`income.general_public_budget`,
`general_public_budget.function.2013101`, `three_public.reception`…), and its
basis says what 上年 means in the sentence: last year's budget (比上年预算…,
与上年预算数一致), its execution (比上年执行数…) or its final accounts — only
a budget basis may be held against last year's budget document.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from yusuan.lazy_pattern import lazy_compile

if TYPE_CHECKING:
    from yusuan.check.claims import Statement
    from yusuan.check.context import CheckContext
    from yusuan.check.subjects import Quantity
    from yusuan.model import Disclosure

_BASIS = lazy_compile(r"(?:比|较|与|同)上年(?:度)?(预算|执行|决算|实际|年初预算)?")
_BASES = {"预算": "budget", "年初预算": "budget", "执行": "execution", "实际": "execution", "决算": "final"}


@dataclass(frozen=True)
class NarrativeFact:
    index: int
    section: str
    page: int | None
    line: int | None
    sentence: str
    subject: str
    amount: Decimal
    unit: str
    last_year: Decimal | None  # last year's amount the sentence implies (amount − change, or amount when 持平)
    tolerance: Decimal  # half a unit of the coarsest digit the sentence prints, in its unit
    basis: str | None  # budget / execution / final: what 上年 is in the sentence; None when it does not say
    quantity_key: str | None
    quantity_value: Decimal | None
    quantity_unit: str | None


def narrative_facts(disclosure: Disclosure, profile: str | None = None) -> list[NarrativeFact]:
    """Every statement of an amount in the narrative, resolved against the (undoubted) tables."""
    from yusuan.check.engine import last_figures_context
    from yusuan.check.profiles import choose_profile
    from yusuan.check.rounding import half_unit
    from yusuan.check.subjects import resolve
    from yusuan.money import convert

    ctx = last_figures_context(disclosure, choose_profile(disclosure.meta, profile).profile)
    resolved = _resolved_in_run(ctx)
    facts: list[NarrativeFact] = []
    for s in ctx.claims.statements:
        if s.amount is None:
            continue
        quantity = resolved[id(s)] if id(s) in resolved else resolve(ctx, s)
        location = ctx.at_section(s.path, s.paragraph)
        last: Decimal | None = None
        if s.flat:
            last = s.amount
        elif s.change is not None:
            last = s.amount - convert(s.change, s.change_unit, s.unit)
        match = _BASIS.search(s.sentence)
        basis = _BASES.get(match.group(1) or "") if match else None
        facts.append(
            NarrativeFact(
                index=len(facts),
                section=s.path,
                page=location.page,
                line=location.line,
                sentence=s.sentence,
                subject=s.subject,
                amount=s.amount,
                unit=s.unit.value,
                last_year=last,
                tolerance=max(half_unit(v) for v in (s.amount, s.change) if v is not None),
                basis=basis,
                quantity_key=quantity.key if quantity else None,
                quantity_value=quantity.value if quantity else None,
                quantity_unit=quantity.unit.value if quantity else None,
            )
        )
    return facts


def _resolved_in_run(ctx: CheckContext) -> dict[int, Quantity | None]:
    """The quantities the narrative rules resolved for the statements during the check of `ctx`, by statement
    (`grounded` keeps them on the context); empty when they did not run on it.  A batch stores each document's
    facts right after its check: resolving every statement again was 13 ms a document (a fifth of storing)."""
    from yusuan.check.rules.narrative.grounding import GROUNDED

    kept: list[tuple[Statement, Quantity | None]] = ctx.memo.get(GROUNDED, [])
    return {id(s): q for s, q in kept}
