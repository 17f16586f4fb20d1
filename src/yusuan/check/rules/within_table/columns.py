"""Column identities: in every row, a total column = the sum of its part columns.

合计 = 基本 + 项目, 总计 = Σ sources, 合计 = 人员经费 + 公用经费 …, one rule per
table kind; a template that prints a subtotal's parts instead of the subtotal
is read through alternatives (`a|b+c`).  A column the vocabulary declares "of
which" (其中：政府采购…) is never a part.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from yusuan.check.amounts import cell_name, difference, fmt, same
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding
from yusuan.check.registry import RuleFunction, rule
from yusuan.model import Col, Side, Table, TableKind
from yusuan.model.vocabulary import vocabulary
from yusuan.money import ZERO

# --- column identities ---------------------------------------------------------

# total column = Σ part columns.  A part may name alternatives, `a|b+c`: the subtotal `a` where the
# template prints it, else its parts `b` and `c` (Jiangsu's 收入预算总表 has no 财政拨款小计 but
# 一般公共预算 and 政府性基金; Shanghai's has no 单位资金 but 事业收入, 经营收入, 其他收入).
ColumnIdentity = tuple[str, tuple[str, ...]]

_T2_FUNDS = (Col.GPB, Col.GPB_TRANSFER, Col.GOV_FUND, Col.GOV_FUND_TRANSFER, Col.STATE_CAPITAL)
_ECON = tuple(
    Col.economic_class(code) for code in ("301", "302", "303", "307", "309", "310", "311", "312", "313", "399")
)

COLUMN_IDENTITIES: dict[TableKind, tuple[str, str, tuple[ColumnIdentity, ...]]] = {
    TableKind.INCOME_SUMMARY: (
        "income-columns",
        "收入总表：总计 = 各来源之和；财政拨款小计 = 各财政拨款之和；各来源小计 = 其明细列之和",
        (
            (
                Col.TOTAL,
                (
                    "|".join((Col.FISCAL_SUBTOTAL, "+".join(_T2_FUNDS))),
                    Col.SPECIAL_ACCOUNT,
                    f"{Col.UNIT_FUNDS}|business_income+operating_income+other_income",
                    Col.FISCAL_CARRYOVER,
                    Col.NONFISCAL_CARRYOVER,
                    "carryover",  # Jiangsu: 上年结转和结余资金 in one column
                ),
            ),
            (Col.FISCAL_SUBTOTAL, _T2_FUNDS),
            # Jiangsu's 收入预算总表 prints each source's 小计 and its 其中 columns
            (Col.GPB, ("general_public_budget.appropriation", "general_public_budget.special_revenue")),
            (Col.SPECIAL_ACCOUNT, ("special_account.education_fees", "special_account.other_nontax")),
            (Col.UNIT_FUNDS, ("business_income", "operating_income", "other_income", "bank_loans")),
        ),
    ),
    TableKind.EXPENDITURE_SUMMARY: (
        "expenditure-columns",
        "支出总表：合计 = 基本支出 + 项目支出",
        ((Col.TOTAL, ("*",)),),
    ),
    TableKind.FISCAL_SUMMARY: (
        "fiscal-columns",
        "财政拨款收支总表：支出合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算",
        ((Col.TOTAL, (Col.GPB, Col.GOV_FUND, Col.STATE_CAPITAL)),),
    ),
    TableKind.GENERAL_BUDGET_EXPENDITURE: (
        "general-columns",
        "一般公共预算支出表：合计 = 基本支出 + 项目支出",
        ((Col.TOTAL, (Col.BASIC, Col.PROJECT)),),
    ),
    TableKind.GENERAL_BUDGET_BASIC: (
        "basic-columns",
        "一般公共预算基本支出表：合计 = 人员经费 + 公用经费",
        ((Col.TOTAL, (Col.PERSONNEL, Col.PUBLIC)),),
    ),
    TableKind.GENERAL_BUDGET_PROJECTS: (
        "projects-columns",
        "一般公共预算项目支出表：项目支出合计 = 各经济分类之和",
        ((Col.TOTAL, _ECON),),
    ),
    TableKind.GOVERNMENT_FUND_EXPENDITURE: (
        "fund-columns",
        "政府性基金预算支出表：合计 = 基本支出 + 项目支出",
        ((Col.TOTAL, (Col.BASIC, Col.PROJECT)),),
    ),
    TableKind.STATE_CAPITAL_EXPENDITURE: (
        "state-capital-columns",
        "国有资本经营预算支出表：合计 = 人员经费 + 公用经费 + 项目支出",
        ((Col.TOTAL, (Col.BASIC, Col.PERSONNEL, Col.PUBLIC, Col.PROJECT)),),
    ),
    TableKind.THREE_PUBLIC: (
        "three-public-columns",
        "“三公”经费表：合计 = 各资金来源之和",
        ((Col.TOTAL, (Col.GPB, Col.GOV_FUND, Col.STATE_CAPITAL)),),
    ),
    TableKind.CARRYOVER: (
        "carryover-columns",
        "上年结转结余表：总计 = 财政拨款 + 非财政拨款；各自合计 = 人员经费 + 公用经费 + 项目支出",
        (
            (Col.TOTAL, (Col.FISCAL_TOTAL, Col.NONFISCAL_TOTAL)),
            (Col.FISCAL_TOTAL, (Col.FISCAL_PERSONNEL, Col.FISCAL_PUBLIC, Col.FISCAL_PROJECT)),
            (Col.NONFISCAL_TOTAL, (Col.NONFISCAL_PERSONNEL, Col.NONFISCAL_PUBLIC, Col.NONFISCAL_PROJECT)),
        ),
    ),
}


def _parts_present(table: Table, total: str, parts: tuple[str, ...], side: Side | None) -> list[str]:
    keys = [c.key for c in table.columns if side is None or c.side == side or c.side is None]
    if parts == ("*",):  # every other column of the table (templates add 上缴上级支出, …) but an of-which one
        return [k for k in keys if k != total and not vocabulary().is_of_which(table.kind, k)]
    present: list[str] = []
    for part in parts:
        for alternative in part.split("|"):
            found = [p for p in alternative.split("+") if p in keys]
            if found:
                present.extend(found)
                break
    return present


def _check_columns(ctx: CheckContext, kind: TableKind) -> Iterator[Finding]:
    table = ctx.table(kind)
    if table is None:
        return
    _code, _title, identities = COLUMN_IDENTITIES[kind]
    side = Side.EXPENDITURE if kind is TableKind.FISCAL_SUMMARY else None
    keys = {c.key for c in table.columns}
    for total, wanted in identities:
        parts = _parts_present(table, total, wanted, side)
        if total not in keys or not parts:
            continue
        # 表9 prints 人员/公用 under 基本支出; count 基本支出 only when the split is absent
        if Col.BASIC in parts and Col.PERSONNEL in parts:
            parts.remove(Col.BASIC)
        for row in table.rows:
            if side is not None and row.side != side:
                continue
            actual = row.amount(total)
            expected = sum((row.amount(p) for p in parts), ZERO)
            if not same(actual, expected):
                names = " + ".join(f"“{_label(table, p)}”" for p in parts)
                yield ctx.finding(
                    f"{cell_name(table, row, total)}为 {fmt(actual)}，而 {names} = {fmt(expected)}，"
                    f"相差 {fmt(difference(actual, expected))}。",
                    ctx.at_cell(table, row, total),
                    expected=expected,
                    actual=actual,
                    difference=difference(actual, expected),
                    related=tuple(ctx.at_cell(table, row, p) for p in parts),
                )


def _label(table: Table, key: str) -> str:
    column = table.column(key)
    return " ".join(column.label.split()) if column else key


def _column_rule(kind: TableKind, code: str, title: str) -> RuleFunction:
    def check(ctx: CheckContext) -> Iterable[Finding]:
        return _check_columns(ctx, kind)

    check.__doc__ = f"{title}, on every row (total row included)."
    check.__name__ = check.__qualname__ = f"columns_{kind.value}"
    return check


for _kind, (_code, _title, _ids) in COLUMN_IDENTITIES.items():
    rule(_code, _title, "error")(_column_rule(_kind, _code, _title))
