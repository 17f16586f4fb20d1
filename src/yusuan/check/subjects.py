"""What a narrative subject refers to: the table cell that grounds it.

`resolve` maps a statement's subject (`一般公共预算`, `基本支出`,
`一般公共服务支出(类)…行政运行(项)`, `公务接待费`) in its section to a
`Quantity`: the value the tables print for it, where, and a stable key (the
same keys as `Budget.last_year`, so last year's figures can be compared too).
A subject that cannot be resolved with confidence resolves to None and is not
checked: a miss costs less than a false alarm.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from yusuan.check.claims import Statement, other_year
from yusuan.check.context import CheckContext
from yusuan.check.subject_rows import (
    Quantity,
    basic_split,
    cell,
    chain_quantity,
    class_quantity,
    columns_total,
    economic_row,
    first,
    names_of,
    printed_row,
    row_label,
    row_quantity,
)
from yusuan.check.text import fold
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Col, Side, TableKind
from yusuan.money import ZERO

K = TableKind
__all__ = ["RESOLVERS", "T1_SOURCES", "Quantity", "default_whole", "named_whole", "resolve"]


# --- section by section ------------------------------------------------------------------

T1_SOURCES = {
    "general_public_budget": (r"一般公共预算(拨款)?(收入)?", ("income.general_public_budget.own",)),
    "general_public_budget_transfer": (r"上级一般公共预算安排的?转移支付(资金|收入)?", ()),
    "government_fund": (r"政府性基金(预算)?(拨款)?(收入)?", ("income.government_fund.own",)),
    "government_fund_transfer": (r"上级政府性基金(预算)?安排的?转移支付(资金|收入)?", ()),
    "state_capital": (r"国有资本经营(预算)?(拨款)?(收入)?", ("income.state_capital.own",)),
    "state_capital_transfer": (r"上级国有资本经营预算安排的?转移支付(资金|收入)?", ()),
    "special_account": (r"财政专户(管理资金|核拨)?(资金|收入)?", ()),
    "unit_funds": (r"单位资金(收入)?", ()),
    "carryover": (r"上年结转(结余)?(资金|收入)?", ()),
}
T1_ROWS = {
    "general_public_budget_transfer": "income.general_public_budget.transfer",
    "government_fund_transfer": "income.government_fund.transfer",
    "state_capital_transfer": "income.state_capital.transfer",
}
T2_COLUMNS = {
    "general_public_budget": (Col.GPB, Col.GPB_TRANSFER),
    "general_public_budget_transfer": (Col.GPB_TRANSFER,),
    "government_fund": (Col.GOV_FUND, Col.GOV_FUND_TRANSFER),
    "government_fund_transfer": (Col.GOV_FUND_TRANSFER,),
    "state_capital": (Col.STATE_CAPITAL,),
    "special_account": (Col.SPECIAL_ACCOUNT,),
    "unit_funds": (Col.UNIT_FUNDS,),
    "carryover": (Col.FISCAL_CARRYOVER, Col.NONFISCAL_CARRYOVER),
}


def _total_budget(ctx: CheckContext, key: str) -> Quantity | None:
    return first(
        cell(ctx, K.INCOME_EXPENDITURE_SUMMARY, "total", Col.AMOUNT, key, side=Side.INCOME),
        cell(ctx, K.INCOME_SUMMARY, "total", Col.TOTAL, key),
        cell(ctx, K.EXPENDITURE_SUMMARY, "total", Col.TOTAL, key),
    )


def _total_expenditure(ctx: CheckContext) -> Quantity | None:
    return first(
        cell(ctx, K.INCOME_EXPENDITURE_SUMMARY, "total", Col.AMOUNT, "expenditure.total", side=Side.EXPENDITURE),
        cell(ctx, K.EXPENDITURE_SUMMARY, "total", Col.TOTAL, "expenditure.total"),
    )


_CURRENT_TOTAL = lazy_compile(r"本年(?P<side>收入|支出)(?:预算)?(?:合计|总计|总额)")


def _current_total(ctx: CheckContext, subject: str) -> Quantity | None:
    """`本年收入合计` / `本年支出合计`: 表1's 本年收入 (本年支出) line; 收入总计 (支出总计) is allowed too, as the
    two are the same where nothing is carried over and some templates print only the latter."""
    match = _CURRENT_TOTAL.fullmatch(subject)
    if match is None:
        return None
    income = match.group("side") == "收入"
    side, key = (Side.INCOME, "income.current") if income else (Side.EXPENDITURE, "expenditure.current")
    current = cell(ctx, K.INCOME_EXPENDITURE_SUMMARY, key, Col.AMOUNT, key, side=side)
    total = _total_budget(ctx, "income.total") if income else _total_expenditure(ctx)
    if current is None:
        return total
    values = current.values + (total.values if total is not None else ())
    return Quantity(current.key, current.label, values, current.unit, current.location)


_FUND_EXPENDITURE = lazy_compile(r"(?P<fund>一般公共预算|政府性基金|国有资本经营)(?:预算)?(?:拨款)?支出")
_FUND_TABLES = {
    "一般公共预算": (Col.GPB, K.GENERAL_BUDGET_EXPENDITURE),
    "政府性基金": (Col.GOV_FUND, K.GOVERNMENT_FUND_EXPENDITURE),
    "国有资本经营": (Col.STATE_CAPITAL, K.STATE_CAPITAL_EXPENDITURE),
}


def _fiscal_spending(ctx: CheckContext, subject: str) -> Quantity | None:
    """`财政拨款支出` and `一般公共预算拨款支出` / `政府性基金拨款支出` …: 表4's expenditure total (its fund column)."""
    if subject == "财政拨款支出":
        return cell(ctx, K.FISCAL_SUMMARY, "total", Col.TOTAL, "fiscal.expenditure.total", side=Side.EXPENDITURE)
    match = _FUND_EXPENDITURE.fullmatch(subject)
    if match is None:
        return None
    column, kind = _FUND_TABLES[match.group("fund")]
    return first(
        cell(ctx, K.FISCAL_SUMMARY, "total", column, f"fiscal.expenditure.{column}", side=Side.EXPENDITURE),
        cell(ctx, kind, "total", Col.TOTAL, f"fiscal.expenditure.{column}"),
    )


_DASHED = lazy_compile(r"^(?P<c>[^-]+?)-(?P<k>[^-]+?)-(?P<x>[^-]+?)$")
_SUBJECT_HEAD = lazy_compile(r"科目$")


def _fiscal_function(ctx: CheckContext, subject: str) -> Quantity | None:
    """A function class or 项 listed as 财政拨款支出 (Shanghai's 编制说明: `"…(类)…(款)…(项)"科目 X万元`, or
    `"…-…-…"科目`): 表4's class row, or the 项 in the 一般公共预算, 政府性基金 and 国有资本经营 tables together."""
    subject = _SUBJECT_HEAD.sub("", subject)
    dashed = _DASHED.fullmatch(subject)
    if dashed:
        subject = f"{dashed.group('c')}(类){dashed.group('k')}(款){dashed.group('x')}(项)"
    if "(项)" not in subject:
        if "(款)" in subject or "-" in subject:
            return None
        return class_quantity(
            ctx, (K.FISCAL_SUMMARY,), subject, Col.TOTAL, "fiscal.total.function", side=Side.EXPENDITURE
        )
    found = chain_quantity(ctx, K.GENERAL_BUDGET_EXPENDITURE, subject, Col.TOTAL, "fiscal.function")
    if found is None:
        return None
    code = found.key.rsplit(".", 1)[1]
    value = found.value
    for kind in (K.GOVERNMENT_FUND_EXPENDITURE, K.STATE_CAPITAL_EXPENDITURE):
        table = ctx.table(kind)
        row = table.row(code) if table is not None else None
        if row is not None:
            value += row.amount(Col.TOTAL)
    return Quantity(found.key, found.label, (value,), found.unit, found.location)


def _overview(ctx: CheckContext, s: Statement) -> Quantity | None:
    """The overview of the budget (Jiangsu's 收支预算总体情况, Shanghai's 编制说明): totals, the lines of
    表1 as printed, 财政拨款 spending by fund, and the function classes and 项 it lists."""
    if _CURRENT_TOTAL.fullmatch(s.subject):
        return _current_total(ctx, s.subject)
    if re.fullmatch(r"(收支|收入|支出)总?预算(总额)?", s.subject):
        return _total_budget(ctx, "total")
    if re.fullmatch(r"(收入、支出|收支|收入|支出)(预算)?(总计|合计|总额)", s.subject):
        return _total_budget(ctx, "total")
    names = names_of(s.subject)
    return first(
        printed_row(ctx, K.INCOME_EXPENDITURE_SUMMARY, names, "summary"),
        *(_fiscal_spending(ctx, name) for name in names[:1]),
        _fiscal_function(ctx, s.subject) if re.search(r"\(项\)|科目$", s.subject) else None,
    )


def _income(ctx: CheckContext, s: Statement) -> Quantity | None:
    if _CURRENT_TOTAL.fullmatch(s.subject):
        return _current_total(ctx, s.subject)
    if re.fullmatch(r"(本年)?收入(总)?(预算)?(合计|总额|总计)?", s.subject):
        return _total_budget(ctx, "income.total")
    for source, (pattern, also) in T1_SOURCES.items():
        if re.fullmatch(pattern, s.subject):
            key = f"income.{source}"
            row = T1_ROWS.get(source, key)
            return first(
                cell(ctx, K.INCOME_EXPENDITURE_SUMMARY, row, Col.AMOUNT, key, side=Side.INCOME, also=also),
                columns_total(ctx, K.INCOME_SUMMARY, T2_COLUMNS.get(source, ()), key),
            )
    return printed_row(ctx, K.INCOME_EXPENDITURE_SUMMARY, names_of(s.subject), "summary")


def _expenditure(ctx: CheckContext, s: Statement) -> Quantity | None:
    if _CURRENT_TOTAL.fullmatch(s.subject):
        return _current_total(ctx, s.subject)
    if re.fullmatch(r"(本年)?支出(总)?(预算)?(合计|总额|总计)?", s.subject):
        return _total_expenditure(ctx)
    for word, column in (("基本支出", Col.BASIC), ("项目支出", Col.PROJECT)):
        if s.subject == word:
            return cell(ctx, K.EXPENDITURE_SUMMARY, "total", column, f"expenditure.{column}")
    return first(
        class_quantity(ctx, (K.EXPENDITURE_SUMMARY,), s.subject, Col.TOTAL, "expenditure.function"),
        class_quantity(
            ctx, (K.INCOME_EXPENDITURE_SUMMARY,), s.subject, Col.AMOUNT, "expenditure.function", side=Side.EXPENDITURE
        ),
        printed_row(ctx, K.INCOME_EXPENDITURE_SUMMARY, names_of(s.subject), "summary"),
    )


_FUND_COLUMNS = {"一般公共": Col.GPB, "政府性基": Col.GOV_FUND, "国有资本": Col.STATE_CAPITAL}


def _fiscal(ctx: CheckContext, s: Statement) -> Quantity | None:
    if re.fullmatch(r"财政拨款(收支|收、支|收入|支出)?总?(预算)?(总额|合计|总计)?", s.subject):
        return cell(ctx, K.FISCAL_SUMMARY, "total", Col.AMOUNT, "fiscal.total", side=Side.INCOME)
    for pattern, suffix in (
        (r"一般公共预算(拨款)?(收入)?", "general_public_budget"),
        (r"政府性基金(预算)?(拨款)?(收入)?", "government_fund"),
        (r"国有资本经营(预算)?(拨款)?(收入)?", "state_capital"),
    ):
        if re.fullmatch(pattern, s.subject):
            current = cell(
                ctx, K.FISCAL_SUMMARY, f"fiscal.current.{suffix}", Col.AMOUNT, f"fiscal.{suffix}", side=Side.INCOME
            )
            carried = cell(ctx, K.FISCAL_SUMMARY, f"fiscal.carryover.{suffix}", Col.AMOUNT, "", side=Side.INCOME)
            if current is None or carried is None or carried.value == 0:
                return current
            # `一般公共预算拨款 X` may mean this year's appropriation or it together with last year's carry-over
            values = (current.value, current.value + carried.value)
            return Quantity(current.key, current.label, values, current.unit, current.location)
    column = _FUND_COLUMNS.get(s.fund_context or "", Col.TOTAL)
    return class_quantity(
        ctx, (K.FISCAL_SUMMARY,), s.subject, column, f"fiscal.{column}.function", side=Side.EXPENDITURE
    )


def _general_budget(ctx: CheckContext, s: Statement) -> Quantity | None:
    if re.fullmatch(r"一般公共预算(当年)?(拨款|支出)(合计|总额|总计)?(规模)?", s.subject) or re.fullmatch(
        r"一般公共预算财政拨款支出(预算)?(合计|总额|总计)?", s.subject
    ):
        return cell(ctx, K.GENERAL_BUDGET_EXPENDITURE, "total", Col.TOTAL, "general_public_budget.total")
    for word, column in (("基本支出", Col.BASIC), ("项目支出", Col.PROJECT)):
        if s.subject == word:
            return cell(ctx, K.GENERAL_BUDGET_EXPENDITURE, "total", column, f"general_public_budget.{column}")
    if "(项)" in s.subject:
        subject = s.subject.removesuffix("支出") if s.subject.endswith("(项)支出") else s.subject
        return chain_quantity(ctx, K.GENERAL_BUDGET_EXPENDITURE, subject, Col.TOTAL, "general_public_budget.function")
    return class_quantity(ctx, (K.GENERAL_BUDGET_EXPENDITURE,), s.subject, Col.TOTAL, "general_public_budget.function")


def _basic_table(kind: TableKind, prefix: str) -> Callable[[CheckContext, Statement], Quantity | None]:
    """一般公共预算 (or Jiangsu's 财政拨款) 基本支出: its total, 人员经费 and 公用经费, and its economic lines."""

    def resolve(ctx: CheckContext, s: Statement) -> Quantity | None:
        if re.fullmatch(r"(一般公共预算)?(财政拨款)?基本支出(预算)?(合计)?", s.subject):
            return cell(ctx, kind, "total", Col.TOTAL, f"{prefix}.total")
        for word, column in (("人员经费", Col.PERSONNEL), ("公用经费", Col.PUBLIC)):
            if s.subject == word:
                return basic_split(ctx, kind, column, f"{prefix}.{column}")
        return economic_row(ctx, kind, s.subject, f"{prefix}.economic")

    return resolve


def _projects(ctx: CheckContext, s: Statement) -> Quantity | None:
    if s.subject != "预算安排规模" or not s.project:
        return None
    table = ctx.table(K.GENERAL_BUDGET_PROJECTS)
    if table is None:
        return None
    rows = [r for r in table.body_rows() if r.project and fold(r.project) == s.project]
    if not rows:
        return None
    value = sum((r.amount(Col.TOTAL) for r in rows), ZERO)
    return Quantity(
        f"project:{s.project}", row_label(table, rows[0]), (value,), table.unit, ctx.at_cell(table, rows[0], Col.TOTAL)
    )


def _fund_table(kind: TableKind, prefix: str) -> Callable[[CheckContext, Statement], Quantity | None]:
    def resolve(ctx: CheckContext, s: Statement) -> Quantity | None:
        if re.fullmatch(r"(政府性基金|国有资本经营)?(预算)?(拨款)?支出(预算)?(支出)?(合计|总额)?", s.subject):
            return cell(ctx, kind, "total", Col.TOTAL, f"{prefix}.total")
        return class_quantity(ctx, (kind,), s.subject, Col.TOTAL, f"{prefix}.function")

    return resolve


# `…一般公共预算拨款安排的` before, `预算支出` after: how Jiangsu words the same subjects
_ARRANGED_BY = r"(?:.{0,12}?(?:一般公共预算|财政)拨款安排的)?"
_SPENT = r"(?:预算)?(?:支出)?(?:预算)?(?:数)?"
THREE_PUBLIC_SUBJECTS = tuple(
    (rf"{_ARRANGED_BY}(?:{core}){_SPENT}", item)
    for core, item in (
        (r"(财政拨款)?三公经费(数|支出|预算)?(合计|总额)?(预算)?(数)?", "total"),
        (r"因公出国\(境\)(费用?|经费)", "abroad"),
        (r"公务用?车购置及运行(维护)?费(小计)?", "vehicles"),
        (r"公务用车购置(费|经费)?", "vehicle_purchase"),
        (r"公务(用车|车用车)运行(维护)?(费|经费)", "vehicle_operation"),
        (r"公务接待(费|经费)", "reception"),
        (r"会议费", "meeting"),  # rows of the table only some templates print (Jiangsu)
        (r"培训费", "training"),
    )
)


def _three_public_cell(ctx: CheckContext, item: str, key: str) -> Quantity | None:
    """A row of the 三公 table in its 合计 column (or 一般公共预算, where it prints no 合计)."""
    table = ctx.table(K.THREE_PUBLIC)
    column = Col.TOTAL if table is not None and table.column(Col.TOTAL) else Col.GPB
    return cell(ctx, K.THREE_PUBLIC, item, column, key)


def _three_public(ctx: CheckContext, s: Statement) -> Quantity | None:
    for pattern, item in THREE_PUBLIC_SUBJECTS:
        if re.fullmatch(pattern, s.subject):
            return _three_public_cell(ctx, item, f"three_public.{item}")
    return None


_RUNNING_COSTS = lazy_compile(r".{0,40}?机关运行经费(财政拨款)?(预算)?(支出)?(预算)?(数)?")


def _running_costs(ctx: CheckContext, s: Statement) -> Quantity | None:
    """机关运行经费: the template's own table or 三公 table row where it prints one, else 表6 公用经费 (soft).

    Jiangsu prints a 机关运行经费支出预算表, Shanghai a 机关运行经费 row in its 三公
    table; the narrative states their figure.  Elsewhere 机关运行经费 should
    equal the administrative unit's 公用经费, which a document may explain away.
    """
    if not _RUNNING_COSTS.fullmatch(s.subject):
        return economic_row(ctx, K.RUNNING_COSTS, s.subject, "running_costs.economic")
    printed = first(
        cell(ctx, K.RUNNING_COSTS, "total", Col.TOTAL, "running_costs.table"),
        _three_public_cell(ctx, "running_costs", "running_costs.table"),
    )
    if printed is not None:
        return printed
    quantity = first(
        cell(ctx, K.GENERAL_BUDGET_BASIC, "total", Col.PUBLIC, "running_costs"),
        # a 决算's 表6 prints 公用经费合计 as a row of its own, in its 决算数 column
        cell(ctx, K.GENERAL_BUDGET_BASIC, "total.public", "final", "running_costs"),
    )
    if quantity is not None:
        return Quantity(quantity.key, quantity.label, quantity.values, quantity.unit, quantity.location, soft=True)
    return None


_FISCAL_EXPENDITURE_TOTAL = lazy_compile(r"(?:(?!基本|项目).){0,20}?财政拨款(?:预算)?支出(?:预算)?(?:合计|总额)?")


def _fiscal_expenditure(ctx: CheckContext, s: Statement) -> Quantity | None:
    """Jiangsu 五: the 财政拨款支出预算表 — its total, and each 项 named `…(款)…(项)支出`."""
    if _FISCAL_EXPENDITURE_TOTAL.fullmatch(s.subject):
        return cell(ctx, K.FISCAL_EXPENDITURE, "total", Col.TOTAL, "fiscal_expenditure.total")
    subject = s.subject.removesuffix("支出") if s.subject.endswith("(项)支出") else s.subject
    if "(项)" in subject:
        return chain_quantity(ctx, K.FISCAL_EXPENDITURE, subject, Col.TOTAL, "fiscal_expenditure.function")
    return class_quantity(ctx, (K.FISCAL_EXPENDITURE,), s.subject, Col.TOTAL, "fiscal_expenditure.function")


def _fiscal_basic(ctx: CheckContext, s: Statement) -> Quantity | None:
    """Jiangsu 六: the 财政拨款基本支出预算表 — its total, 人员经费 / 公用经费 by class, its economic lines."""
    if re.fullmatch(r"(?:(?!项目).){0,20}?财政拨款基本支出(?:预算)?(?:合计|总额)?", s.subject):
        return cell(ctx, K.FISCAL_BASIC, "total", Col.TOTAL, "fiscal_basic.total")
    return _basic_table(K.FISCAL_BASIC, "fiscal_basic")(ctx, s)


_PROCUREMENT_TOTAL = lazy_compile(
    r"(?:本部门|我部门|本单位|部门)?政府采购(?:支出)?(?:预算)?(?:总额|合计|总金额)(?:金额)?"
)
_PROCUREMENT_PART = lazy_compile(
    r"(?:政府采购|拟(?:购买|采购))(?P<part>货物|工程|服务)(?:类)?(?:支出)?(?:预算)?(?:金额)?"
    r"|(?P<part2>货物|工程|服务)类政府采购(?:支出)?(?:预算)?(?:金额)?"
)


def _procurement(ctx: CheckContext, s: Statement) -> Quantity | None:
    """政府采购预算总额 and its 货物 / 工程 / 服务 parts, where a 政府采购预算表 is printed (Jiangsu)."""
    table = ctx.table(K.PROCUREMENT)
    if table is None:
        return None
    if _PROCUREMENT_TOTAL.fullmatch(s.subject):
        return cell(ctx, K.PROCUREMENT, "total", Col.TOTAL, "procurement.total")
    match = _PROCUREMENT_PART.fullmatch(s.subject)
    if match is None:
        return None
    part = match.group("part") or match.group("part2")
    rows = [r for r in table.body_rows() if r.level == 1 and part in r.label]
    if len(rows) != 1:
        return None
    return row_quantity(ctx, f"procurement.{part}", table, rows[0], Col.TOTAL)


RESOLVERS: dict[str, Callable[[CheckContext, Statement], Quantity | None]] = {
    "overview": _overview,
    "income": _income,
    "expenditure": _expenditure,
    "fiscal": _fiscal,
    "general_budget": _general_budget,
    "general_budget_basic": _basic_table(K.GENERAL_BUDGET_BASIC, "basic"),
    "general_budget_projects": _projects,
    "government_fund": _fund_table(K.GOVERNMENT_FUND_EXPENDITURE, "government_fund"),
    "state_capital": _fund_table(K.STATE_CAPITAL_EXPENDITURE, "state_capital"),
    "three_public": _three_public,
    "running_costs": _running_costs,
    "other/running_costs": _running_costs,
    "fiscal_expenditure": _fiscal_expenditure,
    "fiscal_basic": _fiscal_basic,
    "procurement": _procurement,
    "other/procurement": _procurement,
}


def resolve(ctx: CheckContext, statement: Statement) -> Quantity | None:
    """The table quantity a statement is about, or None when it cannot be said with confidence."""
    # `上年…公务用车运行费为 87.00 万元`, `2023 年…`: another year's figure, which no table of this year prints
    if not statement.subject or other_year(ctx.year).search(fold(statement.raw_subject)):
        return None
    top = statement.path.split("/", maxsplit=1)[0]
    resolver = RESOLVERS.get(statement.path) or RESOLVERS.get(top)
    if resolver is None and statement.path.startswith("other/"):
        resolver = RESOLVERS.get("/".join(statement.path.split("/")[:2]))
    return resolver(ctx, statement) if resolver else None


def named_whole(ctx: CheckContext, words: str) -> Quantity | None:
    """The whole a share names in its own words (`占本年支出合计的99.94%` → 表1's 本年支出 line), when they name
    one this module knows (`本年收入合计` / `本年支出合计`); None otherwise."""
    return _current_total(ctx, words.removesuffix("的")) if words else None


# default wholes for shares stated without a `…，其中：` lead in their section
def default_whole(ctx: CheckContext, path: str) -> Quantity | None:
    top = path.split("/", maxsplit=1)[0]
    if top == "income":
        return _total_budget(ctx, "income.total")
    if top == "expenditure":
        return _total_expenditure(ctx)
    if top == "general_budget":
        return cell(ctx, K.GENERAL_BUDGET_EXPENDITURE, "total", Col.TOTAL, "general_public_budget.total")
    if top == "fiscal":
        return cell(ctx, K.FISCAL_SUMMARY, "total", Col.AMOUNT, "fiscal.total", side=Side.INCOME)
    if top == "three_public":
        return cell(ctx, K.THREE_PUBLIC, "total", Col.TOTAL, "three_public.total")
    return None
