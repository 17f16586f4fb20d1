"""Identities inside one table: hierarchy sums, total rows, column identities.

Every code table must add up at every level it prints (类 = Σ 款, 款 = Σ 项,
款 or 项 = Σ projects in table 7; 合计 = Σ 类), and every row must satisfy its
table's column identity (合计 = 基本 + 项目, 总计 = Σ sources, …).  Amounts are
compared exactly at two decimals in the table's own unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from yusuan.check.amounts import cell_name, difference, fmt, printed_rows, row_name, same, side_amount_column
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding
from yusuan.check.hierarchy import Node, code_tree, money_columns
from yusuan.check.registry import RuleFunction, rule
from yusuan.model import Col, Row, Side, Table, TableKind
from yusuan.money import ZERO

CODE_TABLES: tuple[tuple[TableKind, Side | None], ...] = (
    (TableKind.INCOME_EXPENDITURE_SUMMARY, Side.EXPENDITURE),
    (TableKind.INCOME_SUMMARY, None),
    (TableKind.EXPENDITURE_SUMMARY, None),
    (TableKind.FISCAL_SUMMARY, Side.EXPENDITURE),
    (TableKind.GENERAL_BUDGET_EXPENDITURE, None),
    (TableKind.GENERAL_BUDGET_BASIC, None),
    (TableKind.GENERAL_BUDGET_PROJECTS, None),
    (TableKind.GOVERNMENT_FUND_EXPENDITURE, None),
    (TableKind.STATE_CAPITAL_EXPENDITURE, None),
    (TableKind.FISCAL_EXPENDITURE, None),
    (TableKind.FISCAL_BASIC, None),
    (TableKind.RUNNING_COSTS, None),
)

_LEVEL_NAMES = {1: "类", 2: "款", 3: "项", 4: "项目"}


def _code_tables(ctx: CheckContext) -> Iterator[tuple[Table, Side | None]]:
    for kind, side in CODE_TABLES:
        table = ctx.table(kind)
        if table is not None:
            yield table, side


def _children_name(node: Node) -> str:
    levels = {child.level for child in node.children}
    return "、".join(_LEVEL_NAMES.get(level, "下级") for level in sorted(levels))


@rule("hierarchy-sum", "上级科目 = 下级科目之和", "error")
def hierarchy_sum(ctx: CheckContext) -> Iterable[Finding]:
    """类 = Σ 款 and 款 = Σ 项 (table 7: the code's projects) for every printed parent row and every column.

    A parent row the table does not print is replaced by the sum of its
    children, so a missing 款 row does not hide a wrong 类 row.
    """
    for table, side in _code_tables(ctx):
        tree = code_tree(table, side)
        for node in tree.walk():
            if node.row is None or not node.children:
                continue
            for column in money_columns(table, side):
                actual = node.row.amount(column)
                expected = sum((child.value(column) for child in node.children), ZERO)
                if not same(actual, expected):
                    yield ctx.finding(
                        f"{cell_name(table, node.row, column)}为 {fmt(actual)}，其下各{_children_name(node)}之和为 "
                        f"{fmt(expected)}，相差 {fmt(difference(actual, expected))}。",
                        ctx.at_cell(table, node.row, column),
                        expected=expected,
                        actual=actual,
                        difference=difference(actual, expected),
                        related=tuple(ctx.at_cell(table, c.row, column) for c in node.children if c.row),
                    )


@rule("total-row-sum", "合计行 = 各类之和", "error")
def total_row_sum(ctx: CheckContext) -> Iterable[Finding]:
    """合计 (total) row = Σ of the top-level (类) rows, for every column of a code table."""
    for table, side in _code_tables(ctx):
        tree = code_tree(table, side)
        total = table.row("total", side) if side else table.row("total")
        if total is None or not tree.roots:
            continue
        for column in money_columns(table, side):
            actual = total.amount(column)
            expected = tree.value(column)
            if not same(actual, expected):
                yield ctx.finding(
                    f"{cell_name(table, total, column)}为 {fmt(actual)}，各类之和为 {fmt(expected)}，"
                    f"相差 {fmt(difference(actual, expected))}。",
                    ctx.at_cell(table, total, column),
                    expected=expected,
                    actual=actual,
                    difference=difference(actual, expected),
                )


@rule("parent-row-missing", "缺少上级科目行", "warning")
def parent_row_missing(ctx: CheckContext) -> Iterable[Finding]:
    """A table that prints subtotal rows at a level prints them for every code at that level.

    When 款 rows appear under a 类 whose own row is absent while other 类 rows
    are printed, a reader cannot see that class's subtotal.
    """
    for table, side in _code_tables(ctx):
        tree = code_tree(table, side)
        printed = tree.printed_levels()
        for node in tree.walk():
            if node.virtual and node.level in printed and node.children:
                columns = money_columns(table, side)
                first = columns[0] if columns else Col.TOTAL
                value = node.value(first)
                children = "、".join(child.code for child in node.children)
                yield ctx.finding(
                    f"表{table.number}列出了其他{_LEVEL_NAMES[node.level]}级科目的合计行，但缺少 {node.code} 的"
                    f"{_LEVEL_NAMES[node.level]}级行（其下 {children} 之和为 {fmt(value)}）。",
                    ctx.at_cell(table, node.children[0].row) if node.children[0].row else ctx.at_cell(table),
                    expected=node.code,
                    related=tuple(ctx.at_cell(table, c.row) for c in node.children if c.row),
                )


@rule("duplicate-row", "同一行重复出现", "warning")
def duplicate_row(ctx: CheckContext) -> Iterable[Finding]:
    """A row key (code, code/project, item) appears at most once on each side of a table."""
    for table in ctx.disclosure.tables:
        seen: dict[tuple[str, str | None], Row] = {}
        for row in table.rows:
            key = (row.key, row.side.value if row.side else None)
            if key in seen:
                yield ctx.finding(
                    f"表{table.number}中“{row_name(row)}”行出现了不止一次，合计可能重复计算。",
                    ctx.at_cell(table, row),
                    related=(ctx.at_cell(table, seen[key]),),
                )
            else:
                seen[key] = row


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
        "T2-columns",
        "表2：总计 = 各来源之和；财政拨款小计 = 各财政拨款之和；各来源小计 = 其明细列之和",
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
    TableKind.EXPENDITURE_SUMMARY: ("T3-columns", "表3：合计 = 基本支出 + 项目支出", ((Col.TOTAL, ("*",)),)),
    TableKind.FISCAL_SUMMARY: (
        "T4-columns",
        "表4：支出合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算",
        ((Col.TOTAL, (Col.GPB, Col.GOV_FUND, Col.STATE_CAPITAL)),),
    ),
    TableKind.GENERAL_BUDGET_EXPENDITURE: (
        "T5-columns",
        "表5：合计 = 基本支出 + 项目支出",
        ((Col.TOTAL, (Col.BASIC, Col.PROJECT)),),
    ),
    TableKind.GENERAL_BUDGET_BASIC: (
        "T6-columns",
        "表6：合计 = 人员经费 + 公用经费",
        ((Col.TOTAL, (Col.PERSONNEL, Col.PUBLIC)),),
    ),
    TableKind.GENERAL_BUDGET_PROJECTS: ("T7-columns", "表7：项目支出合计 = 各经济分类之和", ((Col.TOTAL, _ECON),)),
    TableKind.GOVERNMENT_FUND_EXPENDITURE: (
        "T8-columns",
        "表8：合计 = 基本支出 + 项目支出",
        ((Col.TOTAL, (Col.BASIC, Col.PROJECT)),),
    ),
    TableKind.STATE_CAPITAL_EXPENDITURE: (
        "T9-columns",
        "表9：合计 = 人员经费 + 公用经费 + 项目支出",
        ((Col.TOTAL, (Col.BASIC, Col.PERSONNEL, Col.PUBLIC, Col.PROJECT)),),
    ),
    TableKind.THREE_PUBLIC: (
        "T10-columns",
        "表10：合计 = 各资金来源之和",
        ((Col.TOTAL, (Col.GPB, Col.GOV_FUND, Col.STATE_CAPITAL)),),
    ),
    TableKind.CARRYOVER: (
        "T11-columns",
        "表11：总计 = 财政拨款 + 非财政拨款；各自合计 = 人员经费 + 公用经费 + 项目支出",
        (
            (Col.TOTAL, (Col.FISCAL_TOTAL, Col.NONFISCAL_TOTAL)),
            (Col.FISCAL_TOTAL, (Col.FISCAL_PERSONNEL, Col.FISCAL_PUBLIC, Col.FISCAL_PROJECT)),
            (Col.NONFISCAL_TOTAL, (Col.NONFISCAL_PERSONNEL, Col.NONFISCAL_PUBLIC, Col.NONFISCAL_PROJECT)),
        ),
    ),
}


def _parts_present(table: Table, total: str, parts: tuple[str, ...], side: Side | None) -> list[str]:
    keys = [c.key for c in table.columns if side is None or c.side == side or c.side is None]
    if parts == ("*",):  # every other column of the table (templates add 上缴上级支出, …)
        return [k for k in keys if k != total]
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


# --- table 10: 三公 rows -----------------------------------------------------------


@rule("T10-items", "表10：合计 = 出国 + 接待 + 车辆；车辆 = 购置 + 运行；总合计 = 三公 + 会议费 + 培训费", "error")
def three_public_items(ctx: CheckContext) -> Iterable[Finding]:
    """三公 合计 = 因公出国(境)费 + 公务接待费 + 公务用车购置及运行费; 车辆小计 = 购置费 + 运行费, per column.

    Where the table also prints 会议费 and 培训费 under a 合计 of its own (Jiangsu's “三公”经费、会议费、
    培训费支出预算表: `grand_total`), that 合计 = “三公”经费小计 + 会议费 + 培训费.
    """
    table = ctx.table(TableKind.THREE_PUBLIC)
    if table is None:
        return
    for whole, parts in (
        ("total", ("abroad", "reception", "vehicles")),
        ("vehicles", ("vehicle_purchase", "vehicle_operation")),
        ("grand_total", ("total", "meeting", "training")),
    ):
        whole_row = table.row(whole)
        part_rows = [r for r in (table.row(p) for p in parts) if r is not None]
        if whole_row is None or not part_rows:
            continue
        for column in money_columns(table):
            actual = whole_row.amount(column)
            expected = sum((r.amount(column) for r in part_rows), ZERO)
            if not same(actual, expected):
                names = " + ".join(f"“{row_name(r)}”" for r in part_rows)
                yield ctx.finding(
                    f"{cell_name(table, whole_row, column)}为 {fmt(actual)}，而 {names} = {fmt(expected)}，"
                    f"相差 {fmt(difference(actual, expected))}。",
                    ctx.at_cell(table, whole_row, column),
                    expected=expected,
                    actual=actual,
                    difference=difference(actual, expected),
                    related=tuple(ctx.at_cell(table, r, column) for r in part_rows),
                )


@rule("T11-total-row", "表11：合计行 = 各项目之和", "error")
def carryover_total_row(ctx: CheckContext) -> Iterable[Finding]:
    """上年结转结余 合计 row = Σ of the project / item rows, per column."""
    table = ctx.table(TableKind.CARRYOVER)
    if table is None:
        return
    total = table.row("total")
    body = list(table.body_rows())
    if total is None or not body:
        return
    for column in money_columns(table):
        actual = total.amount(column)
        expected = sum((r.amount(column) for r in body), ZERO)
        if not same(actual, expected):
            yield ctx.finding(
                f"{cell_name(table, total, column)}为 {fmt(actual)}，各项目之和为 {fmt(expected)}，"
                f"相差 {fmt(difference(actual, expected))}。",
                ctx.at_cell(table, total, column),
                expected=expected,
                actual=actual,
                difference=difference(actual, expected),
            )


# --- tables 1 and 4: the income side ----------------------------------------------

T1_SUBITEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Jiangsu and Shanghai print 一、财政拨款（收入） over its budgets
    ("income.fiscal", ("income.general_public_budget", "income.government_fund", "income.state_capital")),
    ("income.general_public_budget", ("income.general_public_budget.own", "income.general_public_budget.transfer")),
    ("income.government_fund", ("income.government_fund.own", "income.government_fund.transfer")),
    ("income.state_capital", ("income.state_capital.own", "income.state_capital.transfer")),
    (
        "income.unit_funds",
        tuple(
            f"income.unit_funds.{k}"
            for k in (
                "business_income",
                "superior_subsidy",
                "affiliated_remittance",
                "operating_income",
                "other_income",
            )
        ),
    ),
    ("income.carryover", ("income.carryover.fiscal", "income.carryover.nonfiscal")),
    (
        "income.carryover.fiscal",
        tuple(f"income.carryover.fiscal.{k}" for k in ("general_public_budget", "government_fund", "state_capital")),
    ),
    (
        "income.carryover.nonfiscal",
        ("income.carryover.nonfiscal.special_account", "income.carryover.nonfiscal.unit_funds"),
    ),
)
T1_SOURCES = tuple(
    f"income.{k}"
    for k in ("general_public_budget", "government_fund", "state_capital", "special_account", "unit_funds")
)
# The parts of 收入总计 where table 1 prints no 本年收入 row (Shanghai: 一、财政拨款收入, 二、事业收入,
# 三、事业单位经营收入, 四、其他收入 directly under 收入总计).  A part `a|b+c` is row `a` where the table
# prints it, else the printed rows among `b`, `c` (amounts.printed_rows).
T1_CURRENT_PARTS = (
    "income.fiscal|income.general_public_budget+income.government_fund+income.state_capital",
    "income.special_account",
    "income.unit_funds|"
    + "+".join(
        f"income.unit_funds.{k}"
        for k in ("business_income", "superior_subsidy", "affiliated_remittance", "operating_income", "other_income")
    ),
)
T1_CARRYOVER = "income.carryover|income.carryover.fiscal+income.carryover.nonfiscal"
T4_FUNDS = ("general_public_budget", "government_fund", "state_capital")


def _sum_rows(
    ctx: CheckContext, table: Table, whole_key: str, part_keys: tuple[str, ...], *, side: Side, column: str, what: str
) -> Iterator[Finding]:
    whole = table.row(whole_key, side)
    parts = [r for r in (table.row(k, side) for k in part_keys) if r is not None]
    if whole is None or not parts:
        return
    actual = whole.amount(column)
    expected = sum((r.amount(column) for r in parts), ZERO)
    if not same(actual, expected):
        yield ctx.finding(
            f"表{table.number}“{row_name(whole)}”为 {fmt(actual)}，{what}为 {fmt(expected)}，"
            f"相差 {fmt(difference(actual, expected))}。",
            ctx.at_cell(table, whole, column),
            expected=expected,
            actual=actual,
            difference=difference(actual, expected),
            related=tuple(ctx.at_cell(table, r, column) for r in parts),
        )


@rule("T1-income-current", "表1：本年收入 = 各项收入之和", "error")
def t1_income_current(ctx: CheckContext) -> Iterable[Finding]:
    """一、本年收入 = 一般公共预算拨款 + 政府性基金预算拨款 + 国有资本经营预算拨款 + 财政专户核拨 + 单位资金."""
    table = ctx.table(TableKind.INCOME_EXPENDITURE_SUMMARY)
    if table is not None:
        yield from _sum_rows(
            ctx, table, "income.current", T1_SOURCES, side=Side.INCOME, column=Col.AMOUNT, what="各项收入之和"
        )


@rule("T1-income-subitems", "表1：各项收入 = 其明细之和", "error")
def t1_income_subitems(ctx: CheckContext) -> Iterable[Finding]:
    """Each income source = Σ its 其中 items (一般财力 + 转移支付; 单位资金's five items; 结转结余's parts)."""
    table = ctx.table(TableKind.INCOME_EXPENDITURE_SUMMARY)
    if table is None:
        return
    for whole, parts in T1_SUBITEMS:
        yield from _sum_rows(ctx, table, whole, parts, side=Side.INCOME, column=Col.AMOUNT, what="其明细之和")


@rule("T1-income-total", "表1：收入总计 = 本年收入 + 上年结转结余", "error")
def t1_income_total(ctx: CheckContext) -> Iterable[Finding]:
    """收入总计 = 一、本年收入 + 二、上年结转结余.

    Where the table prints no 本年收入 row, its parts stand in: 财政拨款收入 (or its budgets) + 财政专户
    + 单位资金 (or 事业收入, 经营收入, 其他收入 … as printed); likewise 上年结转结余 by its parts.
    """
    table = ctx.table(TableKind.INCOME_EXPENDITURE_SUMMARY)
    if table is None or table.column(Col.AMOUNT, Side.INCOME) is None:
        return
    carryover = [r.key for r in printed_rows(table, T1_CARRYOVER, Side.INCOME)]
    if table.row("income.current", Side.INCOME) is not None:
        current, what = ["income.current"], "本年收入与上年结转结余之和"
    else:
        current = [r.key for part in T1_CURRENT_PARTS for r in printed_rows(table, part, Side.INCOME)]
        what = "各项收入与上年结转结余之和" if carryover else "各项收入之和"
    yield from _sum_rows(ctx, table, "total", (*current, *carryover), side=Side.INCOME, column=Col.AMOUNT, what=what)


def _balance(ctx: CheckContext, kind: TableKind, income_col: str, expenditure_col: str) -> Iterator[Finding]:
    table = ctx.table(kind)
    if table is None:
        return
    income = table.row("total", Side.INCOME)
    expenditure = table.row("total", Side.EXPENDITURE)
    if income is None or expenditure is None:
        return
    a, b = income.amount(income_col), expenditure.amount(expenditure_col)
    if not same(a, b):
        yield ctx.finding(
            f"表{table.number}收入总计 {fmt(a)} 与支出总计 {fmt(b)} 不相等，相差 {fmt(difference(a, b))}。",
            ctx.at_cell(table, income, income_col),
            expected=b,
            actual=a,
            difference=difference(a, b),
            related=(ctx.at_cell(table, expenditure, expenditure_col),),
        )


@rule("T1-balance", "表1：收入总计 = 支出总计", "error")
def t1_balance(ctx: CheckContext) -> Iterable[Finding]:
    """收入总计 = 支出总计 (a budget balances)."""
    table = ctx.table(TableKind.INCOME_EXPENDITURE_SUMMARY)
    if table is None:
        return iter(())
    return _balance(ctx, TableKind.INCOME_EXPENDITURE_SUMMARY, Col.AMOUNT, side_amount_column(table, Side.EXPENDITURE))


@rule("T4-income", "表4：财政拨款收入 = 各预算之和", "error")
def t4_income(ctx: CheckContext) -> Iterable[Finding]:
    """本年收入 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算; likewise 上年结转; 收入总计 = 本年 + 结转.

    Where the table prints no 本年收入 (or 上年结转) row, its budget rows stand in (Jiangsu and Shanghai
    list 一般公共预算, 政府性基金 … directly under 收入总计).
    """
    table = ctx.table(TableKind.FISCAL_SUMMARY)
    if table is None or table.column(Col.AMOUNT, Side.INCOME) is None:
        return
    parts: list[str] = []
    for whole in ("fiscal.current", "fiscal.carryover"):
        funds = tuple(f"{whole}.{f}" for f in T4_FUNDS)
        yield from _sum_rows(ctx, table, whole, funds, side=Side.INCOME, column=Col.AMOUNT, what="各预算之和")
        parts += [r.key for r in printed_rows(table, "|".join((whole, "+".join(funds))), Side.INCOME)]
    what = "本年收入与上年结转之和" if table.row("fiscal.current", Side.INCOME) else "各预算收入之和"
    yield from _sum_rows(ctx, table, "total", tuple(parts), side=Side.INCOME, column=Col.AMOUNT, what=what)


# --- tables 1 and 4: expenditure by use (Jiangsu's 支出用途 block) -------------------

BY_USE = ("expenditure.basic", "expenditure.project", "expenditure.reserve")


def _by_use(ctx: CheckContext, table: Table, column: str) -> Iterator[Finding]:
    """当年支出小计 = 基本 + 项目 + 预留; 支出合计 = 当年支出小计 + 结转下年 (without a 小计 row: 支出合计 =
    基本 + 项目 + 预留 + 结转下年).  Only where the side lists its spending by use."""
    side = Side.EXPENDITURE
    if not any(table.row(key, side) for key in BY_USE):
        return
    if table.row("expenditure.current", side) is not None:
        yield from _sum_rows(
            ctx, table, "expenditure.current", BY_USE, side=side, column=column, what="基本支出、项目支出与预留经费之和"
        )
        parts: tuple[str, ...] = ("expenditure.current", "expenditure.carryforward")
    else:
        parts = (*BY_USE, "expenditure.carryforward")
    yield from _sum_rows(ctx, table, "total", parts, side=side, column=column, what="各项支出用途之和")


@rule(
    "T1-expenditure-use", "表1：当年支出 = 基本支出 + 项目支出 + 预留机动经费；支出合计 = 当年支出 + 结转下年", "error"
)
def t1_expenditure_use(ctx: CheckContext) -> Iterable[Finding]:
    """Where table 1 lists spending by use (Jiangsu: 一、基本支出, 二、项目支出, 三、单位预留机动经费,
    当年支出小计, 结转下年资金, 支出合计): 当年支出小计 = 基本支出 + 项目支出 + 单位预留机动经费;
    支出合计 = 当年支出小计 + 结转下年资金."""
    table = ctx.table(TableKind.INCOME_EXPENDITURE_SUMMARY)
    if table is not None:
        yield from _by_use(ctx, table, side_amount_column(table, Side.EXPENDITURE))


@rule("T4-expenditure-use", "表4：支出合计 = 基本支出 + 项目支出 + 预留机动经费", "error")
def t4_expenditure_use(ctx: CheckContext) -> Iterable[Finding]:
    """Where table 4 lists fiscal spending by use, not by function (Jiangsu): 支出合计 = 基本支出 + 项目支出 +
    单位预留机动经费 (+ 结转下年, or via 当年支出小计, where printed)."""
    table = ctx.table(TableKind.FISCAL_SUMMARY)
    if table is not None:
        yield from _by_use(ctx, table, Col.TOTAL)


@rule("T4-balance", "表4：财政拨款收入总计 = 支出总计", "error")
def t4_balance(ctx: CheckContext) -> Iterable[Finding]:
    """财政拨款收入总计 = 财政拨款支出总计."""
    return _balance(ctx, TableKind.FISCAL_SUMMARY, Col.AMOUNT, Col.TOTAL)


@rule("T4-fund-balance", "表4：各预算财政拨款收入 = 该预算支出总计", "error")
def t4_fund_balance(ctx: CheckContext) -> Iterable[Finding]:
    """For each budget (一般公共预算, 政府性基金, 国有资本经营) whose income row and expenditure column
    table 4 prints: 本年收入 + 上年结转 of that budget = 支出总计 in that budget's column.

    Not checked when 上年结转 is printed only as one figure, not by budget, and is not zero; nor on
    final accounts (年末结转和结余 is a use of the income too).
    """
    table = ctx.table(TableKind.FISCAL_SUMMARY)
    if table is None or table.column(Col.AMOUNT, Side.INCOME) is None:
        return
    spent = table.row("total", Side.EXPENDITURE)
    if spent is None or table.row("expenditure.closing_balance", Side.EXPENDITURE) is not None:
        return
    carryover = table.row("fiscal.carryover", Side.INCOME)
    by_fund = any(table.row(f"fiscal.carryover.{f}", Side.INCOME) for f in T4_FUNDS)
    if carryover is not None and carryover.amount(Col.AMOUNT) and not by_fund:
        return
    for fund in T4_FUNDS:
        current = table.row(f"fiscal.current.{fund}", Side.INCOME)
        if current is None or table.column(fund, Side.EXPENDITURE) is None:
            continue
        rows = [r for r in (current, table.row(f"fiscal.carryover.{fund}", Side.INCOME)) if r is not None]
        actual = sum((r.amount(Col.AMOUNT) for r in rows), ZERO)
        expected = spent.amount(fund)
        if not same(actual, expected):
            income = "本年收入与上年结转之和" if len(rows) > 1 else "收入"
            yield ctx.finding(
                f"表{table.number}“{row_name(current)}”{income}为 {fmt(actual)}，而{cell_name(table, spent, fund)}为 "
                f"{fmt(expected)}，相差 {fmt(difference(actual, expected))}。",
                ctx.at_cell(table, current, Col.AMOUNT),
                expected=expected,
                actual=actual,
                difference=difference(actual, expected),
                related=(*(ctx.at_cell(table, r, Col.AMOUNT) for r in rows[1:]), ctx.at_cell(table, spent, fund)),
            )
