"""Final accounts (决算): each 类/款/项 the narrative explains, against its row of the 一般公共预算 决算表.

A 决算's 一般公共预算财政拨款支出决算具体情况 explains its items one by one: `1.一般公共服务（类）信访事务（款）
行政运行（项）。年初预算为5717.32万元，支出决算为5757.63万元，完成年初预算的100.71%`.  The 支出决算 figure is
that item's cell in 一般公共预算财政拨款支出决算表 (its 合计 column).  The item is found by its three names, each
under the one before, as the table prints them or as the catalogue names that code in any edition (a narrative
may keep an older name: 行政事业单位离退休 for 20805, now 行政事业单位养老支出), a printed name may drop a
trailing 支出 (一般公共服务 for 一般公共服务支出) or add a qualifier before it (归口管理的行政单位离退休).  An
item that does not resolve to exactly one row, or a table read with doubt, is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from yusuan.check.amounts import agree_as_printed, fmt
from yusuan.check.claims import NUM, LogicalParagraph
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding
from yusuan.check.registry import rule
from yusuan.check.rules.narrative.final_accounts import against_cell
from yusuan.check.text import fold
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Col, Row, Table, TableKind
from yusuan.money import MoneyUnit, parse_amount

_NAME = r"[^。;,:.、()\d]+?"  # a name: no punctuation, brackets or digits (a list number is not part of it)
# `1.一般公共服务(类)信访事务(款)行政运行(项)`, folded (full-width brackets half-width, no spaces)
_ITEM = lazy_compile(rf"(?P<cls>{_NAME})\(类\)(?P<kuan>{_NAME})\(款\)(?P<xiang>{_NAME})\(项\)")
_FINAL = lazy_compile(rf"决算(?:数)?(?:为|是)?(?P<amount>(?<![\d.,]){NUM})(?P<unit>万元|元)")
_LEADING = lazy_compile(r"^(?:[\d一二三四五六七八九十]+[.、])+")


@rule("narrative-final-item", "说明中各项（类/款/项）支出决算数与一般公共预算财政拨款支出决算表不符", "error")
def narrative_final_item(ctx: CheckContext) -> Iterable[Finding]:
    """In a final account, `X（类）Y（款）Z（项）… 支出决算为 B 万元` states the 合计 of that 项 in 一般公共预算财政拨款
    支出决算表, the item found by its three names."""
    if not ctx.disclosure.meta.kind.is_final:
        return
    table = ctx.table(TableKind.GENERAL_BUDGET_EXPENDITURE)
    if table is None or table.doubt or table.column(Col.TOTAL) is None:
        return
    for paragraph in ctx.claims.paragraphs:
        text = fold(paragraph.text)
        items = list(_ITEM.finditer(text))
        for index, item in enumerate(items):
            end = items[index + 1].start() if index + 1 < len(items) else len(text)
            stated = _FINAL.search(text, item.end(), end)
            row = _resolve(ctx, table, item)
            if stated is None or row is None:
                continue
            yield from _compare(ctx, paragraph, table, row, item.group(0), stated)


def _compare(
    ctx: CheckContext, paragraph: LogicalParagraph, table: Table, row: Row, item: str, stated: re.Match[str]
) -> Iterator[Finding]:
    amount, unit = parse_amount(stated.group("amount")), MoneyUnit(stated.group("unit"))
    value = row.amount(Col.TOTAL)
    if agree_as_printed(amount, unit, value, table.unit):
        return
    name = _LEADING.sub("", item)
    yield against_cell(
        ctx,
        paragraph,
        f"{ctx.in_part3(paragraph.path)}称“{name}”支出决算为 {fmt(amount)}{unit.value}，而表{table.number}“{row.code} "
        f"{_bare(row)}”为 {fmt(value)}{table.unit.value}。",
        (amount, unit),
        (table, row, Col.TOTAL),
    )


def _resolve(ctx: CheckContext, table: Table, item: re.Match[str]) -> Row | None:
    """The one 项 row the three names lead to, each level among the children of the one above."""
    candidates = [r for r in table.rows if r.code and r.code.isdigit() and len(r.code) == 3]
    found: Row | None = None
    for level, width in (("cls", 3), ("kuan", 5), ("xiang", 7)):
        name = _LEADING.sub("", item.group(level))
        if found is not None:
            parent = found.code or ""
            candidates = [r for r in table.rows if r.code and len(r.code) == width and r.code.startswith(parent)]
        matching = [r for r in candidates if _names(ctx, r, name)]
        if len(matching) != 1:
            return None
        found = matching[0]
    return found


def _names(ctx: CheckContext, row: Row, printed: str) -> bool:
    """Whether `printed` names the row: its printed name or a catalogue name of its code, give or take a
    trailing 支出 or a qualifier before the name."""
    assert row.code is not None
    known = {fold(_bare(row))} | {fold(n.name) for n in ctx.catalog.function_names(row.code)}
    return any(_same(printed, name) for name in known if name)


def _same(printed: str, name: str) -> bool:
    for a in (printed, printed.removesuffix("支出")):
        for b in (name, name.removesuffix("支出")):
            if a and b and (a == b or (len(b) >= 4 and a.endswith(b))):
                return True
    return False


def _bare(row: Row) -> str:
    label = " ".join(row.label.split())
    return label.removeprefix(row.code or "").strip()
