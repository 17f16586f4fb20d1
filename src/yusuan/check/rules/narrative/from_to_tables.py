"""A change stated with both its amounts, against the tables: this year's amount is the table's.

`公务用车运行费由1,260.00万元减少至1,108.80万元` names this year's figure (the second amount) of a
subject the tables print; where the subject before `由` resolves to a table cell exactly as a plain
statement's would (`check.subjects`), the second amount must be that cell's, and the first must be last
year's figure where the document's data carries it.  Budgets only: in a final account `由A调整至B`
speaks of an adjusted budget, which its tables do not print.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from yusuan.check.amounts import agree_as_printed, fmt
from yusuan.check.claims import Statement, clean_subject
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding
from yusuan.check.registry import rule
from yusuan.check.rules.narrative.from_to import FromTo, pairs
from yusuan.check.subjects import Quantity, resolve
from yusuan.money import quantize


def _subject(ctx: CheckContext, p: FromTo) -> tuple[Statement, Quantity] | None:
    """The statement a pair makes about its subject (the words before `由` in its clause), and its table cell."""
    before = re.split(r"[,:]", p.sentence[: p.start])[-1]
    subject = clean_subject(before, ctx.unit_name)
    if not subject:
        return None
    statement = Statement(
        path=p.paragraph.path,
        paragraph=p.paragraph.first,
        paragraph_index=p.paragraph.index,
        text=p.paragraph.text,
        subject=subject,
        raw_subject=before,
        amount=p.b,
        unit=p.b_unit,
        sentence=p.sentence,
    )
    quantity = resolve(ctx, statement)
    if quantity is None or quantity.soft:
        return None
    return statement, quantity


@rule("narrative-from-to-table", "“由…至…”所述本年金额与表格不符", "warning")
def narrative_from_to_table(ctx: CheckContext) -> Iterable[Finding]:
    """In `<subject>由 A 至 B`, B is the table's figure for the subject this year (and A last year's, where the
    document's data carries it)."""
    if "final" in ctx.disclosure.meta.kind.value:
        return
    for p in pairs(ctx):
        if not p.from_to:
            continue  # a plain statement's amount is judged by narrative-amount
        found = _subject(ctx, p)
        if found is None:
            continue
        statement, q = found
        where = ctx.at_section(p.paragraph.path, p.paragraph.first)
        if not any(agree_as_printed(p.b, p.b_unit, v, q.unit) for v in q.values):
            yield ctx.finding(
                f"{ctx.in_part3(p.paragraph.path)}称“{statement.describe()}”{p.amounts}，而{q.label}为 "
                f"{fmt(q.value)}{q.unit.value}。{p.quote}",
                where,
                expected=q.value,
                actual=p.b,
                difference=quantize(p.b - q.value) if p.b_unit is q.unit else None,
                related=(q.location,),
            )
        known = ctx.disclosure.last_year.get(q.key)
        if known is not None and not agree_as_printed(p.a, p.a_unit, known, q.unit):
            yield ctx.finding(
                f"{ctx.in_part3(p.paragraph.path)}称“{statement.describe()}”{p.amounts}，而上年数为 "
                f"{fmt(known)}{q.unit.value}。{p.quote}",
                where,
                expected=known,
                actual=p.a,
            )
