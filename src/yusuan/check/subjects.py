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
from dataclasses import dataclass
from decimal import Decimal

from yusuan.check.claims import Statement
from yusuan.check.context import CheckContext
from yusuan.check.finding import Location
from yusuan.check.hierarchy import code_tree
from yusuan.check.text import fold
from yusuan.model import Col, Row, Side, Table, TableKind
from yusuan.money import ZERO, MoneyUnit

K = TableKind


@dataclass(frozen=True)
class Quantity:
    key: str  # stable: `income.general_public_budget`, `general_public_budget.function.2013101`, …
    label: str  # `表1“1. 一般公共预算拨款”`
    values: tuple[Decimal, ...]  # acceptable values; the first is reported
    unit: MoneyUnit
    location: Location
    soft: bool = False  # a difference may be explained (机关运行经费)

    @property
    def value(self) -> Decimal:
        return self.values[0]


Handler = Callable[[CheckContext, Statement, re.Match[str]], "Quantity | None"]


def _cell(
    ctx: CheckContext,
    kind: TableKind,
    row_key: str,
    column: str,
    key: str,
    *,
    side: Side | None = None,
    also: tuple[str, ...] = (),
) -> Quantity | None:
    table = ctx.table(kind)
    if table is None:
        return None
    row = table.row(row_key, side) if side else table.row(row_key)
    if row is None or (table.column(column, side) is None and table.column(column) is None):
        return None
    values = [row.amount(column)]
    for other in also:  # alternative rows the same words may mean (一般公共预算 = 拨款 or 一般财力)
        alt = table.row(other, side) if side else table.row(other)
        if alt is not None:
            values.append(alt.amount(column))
    return Quantity(key, _label(table, row), tuple(values), table.unit, ctx.at_cell(table, row, column))


def _label(table: Table, row: Row) -> str:
    name = " ".join(row.label.split())
    if row.project:
        name = row.project
    elif row.code and not name.startswith(row.code):
        name = f"{row.code} {name}"
    return f"表{table.number}“{name}”"


def _columns_total(ctx: CheckContext, kind: TableKind, columns: tuple[str, ...], key: str) -> Quantity | None:
    table = ctx.table(kind)
    row = table.row("total") if table else None
    if table is None or row is None:
        return None
    present = [c for c in columns if table.column(c) is not None]
    if not present:
        return None
    value = sum((row.amount(c) for c in present), ZERO)
    return Quantity(key, f"表{table.number}合计行", (value,), table.unit, ctx.at_cell(table, row, present[0]))


def _first(*candidates: Quantity | None) -> Quantity | None:
    return next((c for c in candidates if c is not None), None)


def _class_row(ctx: CheckContext, table: Table | None, name: str, side: Side | None = None) -> Row | None:
    if table is None:
        return None
    wanted = fold(name).removesuffix("(类)")
    rows = [
        r for r in table.body_rows(side) if r.code and len(r.code) == 3 and fold(r.label).removeprefix(r.code) == wanted
    ]
    return rows[0] if len(rows) == 1 else None


def _class_quantity(
    ctx: CheckContext,
    kinds: tuple[TableKind, ...],
    name: str,
    column: str,
    key_prefix: str,
    *,
    side: Side | None = None,
) -> Quantity | None:
    for kind in kinds:
        table = ctx.table(kind)
        row = _class_row(ctx, table, name, side)
        if table is not None and row is not None and row.code:
            return Quantity(
                f"{key_prefix}.{row.code}",
                _label(table, row),
                (row.amount(column),),
                table.unit,
                ctx.at_cell(table, row, column),
            )
    return None


_CHAIN = re.compile(r"^(?:(?P<c>.+?)\(类\))?(?:(?P<k>.+?)\(款\))?(?P<x>.+?)\(项\)$")


def _chain_quantity(ctx: CheckContext, kind: TableKind, subject: str, column: str, key_prefix: str) -> Quantity | None:
    """`一般公共服务支出(类)党委办公厅(室)及相关机构事务(款)行政运行(项)` → the 项 row of `kind`."""
    match = _CHAIN.match(subject)
    table = ctx.table(kind)
    if match is None or table is None:
        return None
    tree = code_tree(table)
    candidates = []
    for node in tree.walk():
        if node.row is None or len(node.code) != 7 or node.is_project:
            continue
        if fold(node.row.label) != match.group("x"):
            continue
        parent = tree.nodes.get(node.code[:5])
        grand = tree.nodes.get(node.code[:3])
        if match.group("k") and not (parent and parent.row and fold(parent.row.label).endswith(match.group("k"))):
            continue
        if match.group("c") and not (grand and grand.row and fold(grand.row.label) == match.group("c")):
            continue
        candidates.append(node)
    if len(candidates) != 1 or candidates[0].row is None:
        return None
    row = candidates[0].row
    return Quantity(
        f"{key_prefix}.{candidates[0].code}",
        _label(table, row),
        (row.amount(column),),
        table.unit,
        ctx.at_cell(table, row, column),
    )


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
    return _first(
        _cell(ctx, K.INCOME_EXPENDITURE_SUMMARY, "total", Col.AMOUNT, key, side=Side.INCOME),
        _cell(ctx, K.INCOME_SUMMARY, "total", Col.TOTAL, key),
        _cell(ctx, K.EXPENDITURE_SUMMARY, "total", Col.TOTAL, key),
    )


def _overview(ctx: CheckContext, s: Statement) -> Quantity | None:
    if re.fullmatch(r"(收支|收入|支出)总?预算(总额)?", s.subject):
        return _total_budget(ctx, "total")
    return None


def _income(ctx: CheckContext, s: Statement) -> Quantity | None:
    if re.fullmatch(r"(本年)?收入(总)?(预算)?(合计|总额|总计)?", s.subject):
        return _total_budget(ctx, "income.total")
    for source, (pattern, also) in T1_SOURCES.items():
        if re.fullmatch(pattern, s.subject):
            key = f"income.{source}"
            row = T1_ROWS.get(source, key)
            return _first(
                _cell(ctx, K.INCOME_EXPENDITURE_SUMMARY, row, Col.AMOUNT, key, side=Side.INCOME, also=also),
                _columns_total(ctx, K.INCOME_SUMMARY, T2_COLUMNS.get(source, ()), key),
            )
    return None


def _expenditure(ctx: CheckContext, s: Statement) -> Quantity | None:
    if re.fullmatch(r"(本年)?支出(总)?(预算)?(合计|总额|总计)?", s.subject):
        return _first(
            _cell(ctx, K.INCOME_EXPENDITURE_SUMMARY, "total", Col.AMOUNT, "expenditure.total", side=Side.EXPENDITURE),
            _cell(ctx, K.EXPENDITURE_SUMMARY, "total", Col.TOTAL, "expenditure.total"),
        )
    for word, column in (("基本支出", Col.BASIC), ("项目支出", Col.PROJECT)):
        if s.subject == word:
            return _cell(ctx, K.EXPENDITURE_SUMMARY, "total", column, f"expenditure.{column}")
    return _first(
        _class_quantity(ctx, (K.EXPENDITURE_SUMMARY,), s.subject, Col.TOTAL, "expenditure.function"),
        _class_quantity(
            ctx, (K.INCOME_EXPENDITURE_SUMMARY,), s.subject, Col.AMOUNT, "expenditure.function", side=Side.EXPENDITURE
        ),
    )


_FUND_COLUMNS = {"一般公共": Col.GPB, "政府性基": Col.GOV_FUND, "国有资本": Col.STATE_CAPITAL}


def _fiscal(ctx: CheckContext, s: Statement) -> Quantity | None:
    if re.fullmatch(r"财政拨款(收支|收入|支出)?总?(预算)?(总额|合计|总计)?", s.subject):
        return _cell(ctx, K.FISCAL_SUMMARY, "total", Col.AMOUNT, "fiscal.total", side=Side.INCOME)
    for pattern, suffix in (
        (r"一般公共预算(拨款)?(收入)?", "general_public_budget"),
        (r"政府性基金(预算)?(拨款)?(收入)?", "government_fund"),
        (r"国有资本经营(预算)?(拨款)?(收入)?", "state_capital"),
    ):
        if re.fullmatch(pattern, s.subject):
            current = _cell(
                ctx, K.FISCAL_SUMMARY, f"fiscal.current.{suffix}", Col.AMOUNT, f"fiscal.{suffix}", side=Side.INCOME
            )
            carried = _cell(ctx, K.FISCAL_SUMMARY, f"fiscal.carryover.{suffix}", Col.AMOUNT, "", side=Side.INCOME)
            if current is None or carried is None or carried.value == 0:
                return current
            # `一般公共预算拨款 X` may mean this year's appropriation or it together with last year's carry-over
            values = (current.value, current.value + carried.value)
            return Quantity(current.key, current.label, values, current.unit, current.location)
    column = _FUND_COLUMNS.get(s.fund_context or "", Col.TOTAL)
    return _class_quantity(
        ctx, (K.FISCAL_SUMMARY,), s.subject, column, f"fiscal.{column}.function", side=Side.EXPENDITURE
    )


def _general_budget(ctx: CheckContext, s: Statement) -> Quantity | None:
    if re.fullmatch(r"一般公共预算(当年)?(拨款|支出)(合计|总额|总计)?(规模)?", s.subject):
        return _cell(ctx, K.GENERAL_BUDGET_EXPENDITURE, "total", Col.TOTAL, "general_public_budget.total")
    for word, column in (("基本支出", Col.BASIC), ("项目支出", Col.PROJECT)):
        if s.subject == word:
            return _cell(ctx, K.GENERAL_BUDGET_EXPENDITURE, "total", column, f"general_public_budget.{column}")
    if "(项)" in s.subject:
        return _chain_quantity(
            ctx, K.GENERAL_BUDGET_EXPENDITURE, s.subject, Col.TOTAL, "general_public_budget.function"
        )
    return _class_quantity(ctx, (K.GENERAL_BUDGET_EXPENDITURE,), s.subject, Col.TOTAL, "general_public_budget.function")


def _basic(ctx: CheckContext, s: Statement) -> Quantity | None:
    for pattern, column in (
        (r"(一般公共预算)?基本支出(合计)?", Col.TOTAL),
        (r"人员经费", Col.PERSONNEL),
        (r"公用经费", Col.PUBLIC),
    ):
        if re.fullmatch(pattern, s.subject):
            return _cell(ctx, K.GENERAL_BUDGET_BASIC, "total", column, f"basic.{column}")
    return None


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
        f"project:{s.project}", _label(table, rows[0]), (value,), table.unit, ctx.at_cell(table, rows[0], Col.TOTAL)
    )


def _fund_table(kind: TableKind, prefix: str) -> Callable[[CheckContext, Statement], Quantity | None]:
    def resolve(ctx: CheckContext, s: Statement) -> Quantity | None:
        if re.fullmatch(r"(政府性基金|国有资本经营)?(预算)?(拨款)?支出(合计|总额)?", s.subject):
            return _cell(ctx, kind, "total", Col.TOTAL, f"{prefix}.total")
        return _class_quantity(ctx, (kind,), s.subject, Col.TOTAL, f"{prefix}.function")

    return resolve


# `…一般公共预算拨款安排的` before, `预算支出` after: how Jiangsu words the same subjects
_ARRANGED_BY = r"(?:.{0,12}?(?:一般公共预算|财政)拨款安排的)?"
_SPENT = r"(?:预算)?(?:支出)?(?:预算)?"
THREE_PUBLIC_SUBJECTS = tuple(
    (rf"{_ARRANGED_BY}(?:{core}){_SPENT}", item)
    for core, item in (
        (r"(财政拨款)?三公经费(数|支出|预算)?(合计|总额)?(预算)?", "total"),
        (r"因公出国\(境\)(费用?|经费)", "abroad"),
        (r"公务用车购置及运行(维护)?费(小计)?", "vehicles"),
        (r"公务用车购置(费|经费)?", "vehicle_purchase"),
        (r"公务用车运行(维护)?(费|经费)", "vehicle_operation"),
        (r"公务接待(费|经费)", "reception"),
        (r"会议费", "meeting"),  # rows of the table only some templates print (Jiangsu)
        (r"培训费", "training"),
    )
)


def _three_public(ctx: CheckContext, s: Statement) -> Quantity | None:
    table = ctx.table(K.THREE_PUBLIC)
    for pattern, item in THREE_PUBLIC_SUBJECTS:
        if re.fullmatch(pattern, s.subject):
            column = Col.TOTAL if table is not None and table.column(Col.TOTAL) else Col.GPB
            return _cell(ctx, K.THREE_PUBLIC, item, column, f"three_public.{item}")
    return None


_RUNNING_COSTS = re.compile(r".{0,40}?机关运行经费(财政拨款)?(预算)?(支出)?(数)?")


def _running_costs(ctx: CheckContext, s: Statement) -> Quantity | None:
    """机关运行经费: the template's own table or 三公 table row where it prints one, else 表6 公用经费 (soft).

    Jiangsu prints a 机关运行经费支出预算表, Shanghai a 机关运行经费 row in its 三公
    table; the narrative states their figure.  Elsewhere 机关运行经费 should
    equal the administrative unit's 公用经费, which a document may explain away.
    """
    if not _RUNNING_COSTS.fullmatch(s.subject):
        return None
    three_public = ctx.table(K.THREE_PUBLIC)
    printed = _first(
        _cell(ctx, K.RUNNING_COSTS, "total", Col.TOTAL, "running_costs.table"),
        _cell(
            ctx,
            K.THREE_PUBLIC,
            "running_costs",
            Col.TOTAL if three_public is not None and three_public.column(Col.TOTAL) else Col.GPB,
            "running_costs.table",
        ),
    )
    if printed is not None:
        return printed
    quantity = _cell(ctx, K.GENERAL_BUDGET_BASIC, "total", Col.PUBLIC, "running_costs")
    if quantity is not None:
        return Quantity(quantity.key, quantity.label, quantity.values, quantity.unit, quantity.location, soft=True)
    return None


_FISCAL_EXPENDITURE_TOTAL = re.compile(r"(?:(?!基本|项目).){0,20}?财政拨款(?:预算)?支出(?:预算)?(?:合计|总额)?")


def _fiscal_expenditure(ctx: CheckContext, s: Statement) -> Quantity | None:
    """Jiangsu 五: the 财政拨款支出预算表 — its total, and each 项 named `…(款)…(项)支出`."""
    if _FISCAL_EXPENDITURE_TOTAL.fullmatch(s.subject):
        return _cell(ctx, K.FISCAL_EXPENDITURE, "total", Col.TOTAL, "fiscal_expenditure.total")
    subject = s.subject.removesuffix("支出") if s.subject.endswith("(项)支出") else s.subject
    if "(项)" in subject:
        return _chain_quantity(ctx, K.FISCAL_EXPENDITURE, subject, Col.TOTAL, "fiscal_expenditure.function")
    return None


def _fiscal_basic(ctx: CheckContext, s: Statement) -> Quantity | None:
    """Jiangsu 六: the total of the 财政拨款基本支出预算表 (its 人员/公用 split is not a column there)."""
    if re.fullmatch(r"(?:(?!项目).){0,20}?财政拨款基本支出(?:预算)?(?:合计|总额)?", s.subject):
        return _cell(ctx, K.FISCAL_BASIC, "total", Col.TOTAL, "fiscal_basic.total")
    return None


_PROCUREMENT_TOTAL = re.compile(r"(?:本部门|我部门|本单位)?政府采购(?:支出)?(?:预算)?(?:总额|合计|总金额)(?:金额)?")
_PROCUREMENT_PART = re.compile(
    r"(?:政府采购|拟(?:购买|采购))(?P<part>货物|工程|服务)(?:类)?(?:支出)?(?:预算)?(?:金额)?"
)


def _procurement(ctx: CheckContext, s: Statement) -> Quantity | None:
    """政府采购预算总额 and its 货物 / 工程 / 服务 parts, where a 政府采购预算表 is printed (Jiangsu)."""
    table = ctx.table(K.PROCUREMENT)
    if table is None:
        return None
    if _PROCUREMENT_TOTAL.fullmatch(s.subject):
        return _cell(ctx, K.PROCUREMENT, "total", Col.TOTAL, "procurement.total")
    match = _PROCUREMENT_PART.fullmatch(s.subject)
    if match is None:
        return None
    rows = [r for r in table.body_rows() if r.level == 1 and match.group("part") in r.label]
    if len(rows) != 1:
        return None
    return Quantity(
        f"procurement.{match.group('part')}",
        _label(table, rows[0]),
        (rows[0].amount(Col.TOTAL),),
        table.unit,
        ctx.at_cell(table, rows[0], Col.TOTAL),
    )


RESOLVERS: dict[str, Callable[[CheckContext, Statement], Quantity | None]] = {
    "overview": _overview,
    "income": _income,
    "expenditure": _expenditure,
    "fiscal": _fiscal,
    "general_budget": _general_budget,
    "general_budget_basic": _basic,
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
    if not statement.subject:
        return None
    top = statement.path.split("/", maxsplit=1)[0]
    resolver = RESOLVERS.get(statement.path) or RESOLVERS.get(top)
    if resolver is None and statement.path.startswith("other/"):
        resolver = RESOLVERS.get("/".join(statement.path.split("/")[:2]))
    return resolver(ctx, statement) if resolver else None


# default wholes for shares stated without a `…，其中：` lead in their section
def default_whole(ctx: CheckContext, path: str) -> Quantity | None:
    top = path.split("/", maxsplit=1)[0]
    if top == "income":
        return _total_budget(ctx, "income.total")
    if top == "expenditure":
        return _first(
            _cell(ctx, K.INCOME_EXPENDITURE_SUMMARY, "total", Col.AMOUNT, "expenditure.total", side=Side.EXPENDITURE),
            _cell(ctx, K.EXPENDITURE_SUMMARY, "total", Col.TOTAL, "expenditure.total"),
        )
    if top == "general_budget":
        return _cell(ctx, K.GENERAL_BUDGET_EXPENDITURE, "total", Col.TOTAL, "general_public_budget.total")
    if top == "fiscal":
        return _cell(ctx, K.FISCAL_SUMMARY, "total", Col.AMOUNT, "fiscal.total", side=Side.INCOME)
    if top == "three_public":
        return _cell(ctx, K.THREE_PUBLIC, "total", Col.TOTAL, "three_public.total")
    return None
