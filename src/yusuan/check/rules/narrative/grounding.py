"""Statements with the table quantity they are about, and how a finding names them.

Shared by every narrative rule (and the other-facts rules on 十二): `grounded`
resolves each statement once per run (`yusuan.check.subjects`), `readings`
gives the values a subject may have this year, `where` and `section_label` say
where a statement stands.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.check.amounts import agree
from yusuan.check.claims import Statement
from yusuan.check.context import CheckContext
from yusuan.check.finding import Location
from yusuan.check.subjects import Quantity, resolve
from yusuan.money import MoneyUnit, convert

GROUNDED = "narrative.grounded"
"""The key of `grounded`'s statements in the context's memo (`check.narrative_facts` reuses them)."""


def grounded(ctx: CheckContext) -> list[tuple[Statement, Quantity | None]]:
    """Every statement with the quantity it is about (computed once per run)."""
    if GROUNDED not in ctx.memo:
        ctx.memo[GROUNDED] = [(s, resolve(ctx, s)) for s in ctx.claims.statements]
    result: list[tuple[Statement, Quantity | None]] = ctx.memo[GROUNDED]
    return result


def where(ctx: CheckContext, s: Statement) -> Location:
    return ctx.at_section(s.path, s.paragraph)


def section_label(ctx: CheckContext, s: Statement) -> str:
    return ctx.in_part3(s.path)


def quote(s: Statement) -> str:
    text = s.sentence if len(s.sentence) <= 60 else s.sentence[:58] + "…"
    return f"“{text}”"


def in_yuan(value: Decimal, unit: MoneyUnit) -> Decimal:
    return convert(value, unit, MoneyUnit.YUAN)


def readings(ctx: CheckContext, s: Statement, q: Quantity | None) -> list[tuple[Decimal, MoneyUnit]]:
    """The possible values of a statement's subject this year: the table's, the one stated here, and any
    stated for the same subject elsewhere in Part 3.  Shares and rates are judged against all of them, so
    a wrong amount is reported once (by narrative-amount), not again through every percentage built on it.
    """
    found: list[tuple[Decimal, MoneyUnit]] = []
    if q is not None:
        found.append((q.value, q.unit))
    if s.amount is not None:
        found.append((s.amount, s.unit))
    if q is not None:
        if "narrative.stated" not in ctx.memo:
            stated: dict[str, list[tuple[Decimal, MoneyUnit]]] = {}
            for other, oq in grounded(ctx):
                if oq is not None and other.amount is not None:
                    stated.setdefault(oq.key, []).append((other.amount, other.unit))
            ctx.memo["narrative.stated"] = stated
        found.extend(ctx.memo["narrative.stated"].get(q.key, []))
    unique: list[tuple[Decimal, MoneyUnit]] = []
    for value, unit in found:
        if not any(agree(value, unit, v, u) and unit is u for v, u in unique):
            unique.append((value, unit))
    return unique
