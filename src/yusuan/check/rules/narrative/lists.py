"""What Part 3 lists or denies against the tables: sources and classes it names, 没有 … 支出 claims."""

from __future__ import annotations

import re
from collections.abc import Iterable

from yusuan.check.amounts import fmt
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding
from yusuan.check.registry import rule
from yusuan.check.text import fold
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Col, Side, Table, TableKind
from yusuan.money import ZERO

_LISTING = lazy_compile(r"(收入|支出)(?:预算)?(?:主要)?包括[:：](?P<items>[^。；;]+)")
_MAIN_ITEMS = lazy_compile(r"^(?P<kind>人员经费|公用经费)[\d,.\s]*万?元?.*?主要包括[:：](?P<items>[^。]+)")


def _source_groups() -> dict[str, str]:
    """Each income source a listing may name (`T1_SOURCES`) → the 表1 income row it counts under (a transfer
    under its budget's row: `general_public_budget_transfer` → `general_public_budget`)."""
    from yusuan.check.subjects import T1_SOURCES

    return {source: source.removesuffix("_transfer") for source in T1_SOURCES}


def _listed(text: str) -> list[str]:
    from yusuan.check.facts import split_top_level

    return [fold(item).removesuffix("等") for item in split_top_level(text.rstrip("。；;"))]


@rule("narrative-lists", "说明列举的来源、科目与表格不符", "warning")
def narrative_lists(ctx: CheckContext) -> Iterable[Finding]:
    """Lists in Part 3 name what the tables hold.

    一、`收入预算包括：…` names exactly the income sources 表1 shows non-nil;
    `支出预算包括：…` exactly its non-nil function classes.  六、`人员经费…主要
    包括：…` / `公用经费…主要包括：…` name only 表6 items of that kind (主要:
    small items may be left out, but nothing may be named that is not there).
    """
    from yusuan.check.labels import row_label
    from yusuan.check.subjects import T1_SOURCES

    groups = _source_groups()
    names_of_rows = {group: row_label(f"income.{group}") for group in groups.values()}  # 表1's row names
    t1, t6 = ctx.table(TableKind.INCOME_EXPENDITURE_SUMMARY), ctx.table(TableKind.GENERAL_BUDGET_BASIC)
    for paragraph in ctx.claims.paragraphs:
        text = fold(paragraph.text)
        here = ctx.at_section(paragraph.path, paragraph.first)
        if paragraph.path == "overview" and t1 is not None:
            for m in _LISTING.finditer(text):
                items = _listed(m.group("items"))
                if m.group(1) == "收入":  # compared by budget: a transfer counts under its budget's row
                    listed = {
                        groups[source]
                        for item in items
                        for source, (pattern, _also) in T1_SOURCES.items()
                        if re.fullmatch(pattern, item)
                    }
                    present = {
                        group
                        for group in names_of_rows
                        if (row := t1.row(f"income.{group}", Side.INCOME)) is not None and row.amount(Col.AMOUNT)
                    }
                    names = names_of_rows
                else:
                    rows = [r for r in t1.body_rows(Side.EXPENDITURE) if r.code and len(r.code) == 3]
                    listed = {fold(r.label) for r in rows if fold(r.label) in items}
                    present = {fold(r.label) for r in rows if r.amount(Col.AMOUNT)}
                    names = {fold(r.label): r.label for r in rows}
                if listed != present:
                    missing = "、".join(names.get(x, x) for x in sorted(present - listed))
                    extra = "、".join(names.get(x, x) for x in sorted(listed - present))
                    parts = ([f"未列出表{t1.number}中有数的 {missing}"] if missing else []) + (
                        [f"列出了表{t1.number}中为空的 {extra}"] if extra else []
                    )
                    yield ctx.finding(
                        f"{ctx.in_part3(paragraph.path)}“{m.group(0)[:40]}”{'；'.join(parts)}。",
                        here,
                        expected="、".join(names.get(x, x) for x in sorted(present)),
                        actual="、".join(names.get(x, x) for x in sorted(listed)),
                    )
        elif paragraph.path == "general_budget_basic" and t6 is not None:
            main = _MAIN_ITEMS.match(text)
            if not main:
                continue
            kind = main.group("kind")
            column = Col.PERSONNEL if kind == "人员经费" else Col.PUBLIC
            in_table = {fold(r.label) for r in t6.body_rows() if r.code and len(r.code) == 5 and r.amount(column)}
            unknown = [item for item in _listed(main.group("items")) if item not in in_table]
            if unknown:
                yield ctx.finding(
                    f"{ctx.in_part3(paragraph.path)}称{kind}主要包括“{'、'.join(unknown)}”，"
                    f"但表{t6.number}{kind}列中没有这些科目。",
                    here,
                    actual="、".join(unknown),
                )


# section → (what it says is nil, the cells that must then be nil)
_NIL_SECTIONS: dict[str, tuple[str, tuple[tuple[TableKind, str, str, Side | None], ...]]] = {
    "government_fund": (
        "政府性基金预算拨款安排的支出",
        (
            (TableKind.INCOME_EXPENDITURE_SUMMARY, "income.government_fund", Col.AMOUNT, Side.INCOME),
            (TableKind.FISCAL_SUMMARY, "total", Col.GOV_FUND, Side.EXPENDITURE),
            (TableKind.GOVERNMENT_FUND_EXPENDITURE, "total", Col.TOTAL, None),
        ),
    ),
    "state_capital": (
        "国有资本经营预算拨款安排的支出",
        (
            (TableKind.INCOME_EXPENDITURE_SUMMARY, "income.state_capital", Col.AMOUNT, Side.INCOME),
            (TableKind.FISCAL_SUMMARY, "total", Col.STATE_CAPITAL, Side.EXPENDITURE),
            (TableKind.STATE_CAPITAL_EXPENDITURE, "total", Col.TOTAL, None),
        ),
    ),
    "carryover": (
        "上年结转结余安排的支出",
        (
            (TableKind.INCOME_EXPENDITURE_SUMMARY, "income.carryover", Col.AMOUNT, Side.INCOME),
            (TableKind.CARRYOVER, "total", Col.TOTAL, None),
        ),
    ),
}
_SAYS_NIL = lazy_compile(r"(没有|无|未)(使用|安排)?.{0,30}(支出|安排)|空(白)?表")


@rule("narrative-nil-claim", "说明称无此项支出而表格有数", "error")
def narrative_nil_claim(ctx: CheckContext) -> Iterable[Finding]:
    """When 八 / 九 / 十一 say the unit has no such spending (空表), the tables hold none of it either."""
    for path, (what, cells) in _NIL_SECTIONS.items():
        section = ctx.section(path)
        text = fold(section.text()) if section else ""
        if section is None or not _SAYS_NIL.search(text) or re.search(r"\d+(\.\d+)?万元", text):
            continue  # a section that states an amount is checked by narrative-amount
        for kind, row_key, column, side in cells:
            table = ctx.table(kind)
            row = (table.row(row_key, side) if side else table.row(row_key)) if table else None
            if table is None or row is None or not row.amount(column):
                continue
            yield ctx.finding(
                f"{ctx.in_part3(path)}称没有{what}，但表{table.number}“{row.label}”"
                f"“{column_label(table, column)}”为 {fmt(row.amount(column))}。",
                ctx.at_section(path),
                expected=ZERO,
                actual=row.amount(column),
                related=(ctx.at_cell(table, row, column),),
            )


def column_label(table: Table, key: str) -> str:
    column = table.column(key)
    return " ".join(column.label.split()) if column else key
