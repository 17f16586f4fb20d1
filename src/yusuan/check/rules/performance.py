"""Performance targets (绩效目标表) against the budget, and their own arithmetic.

The unit-wide table's funds are the unit's whole budget; each project table's
funds are its table-7 amount (fiscal part) plus other funds; the summary in
十二（四） counts and sums the projects; cost indicators (成本指标, `≤N万元`)
add up to the project's budget; indicator weights sum to what the profile
accepts (100, or 90 where 10 points are reserved for 预算执行率); values are
well-formed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from yusuan.check.amounts import agree, fmt
from yusuan.check.claims import NUM
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Location, Severity
from yusuan.check.registry import rule
from yusuan.check.text import fold
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Col, PerformanceIndicator, PerformanceTable, Side, TableKind
from yusuan.money import ZERO, MoneyUnit, convert, parse_amount, quantize

K = TableKind


def _where(ctx: CheckContext, table: PerformanceTable, row: str | None = None) -> Location:
    return ctx.at_source(table.source, section=f"performance/{table.scope}", row=row or table.name)


def _name(table: PerformanceTable) -> str:
    return "单位整体绩效目标表" if table.scope == "unit" else f"项目支出绩效目标表“{table.name}”"


def funds(table: PerformanceTable) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(total, fiscal, other) as printed, fiscal from 上级 + 本级 when only those are printed."""
    fiscal = table.fiscal
    if fiscal is None and (table.fiscal_superior is not None or table.fiscal_own is not None):
        fiscal = (table.fiscal_superior or ZERO) + (table.fiscal_own or ZERO)
    return table.total, fiscal, table.other


def _total_of(table: PerformanceTable) -> Decimal | None:
    total, fiscal, other = funds(table)
    if total is not None:
        return total
    if fiscal is not None or other is not None:
        return (fiscal or ZERO) + (other or ZERO)
    return None


def _unit_budget(ctx: CheckContext) -> tuple[Decimal, MoneyUnit, Location] | None:
    for kind, column, side in (
        (K.INCOME_EXPENDITURE_SUMMARY, Col.AMOUNT, Side.INCOME),
        (K.INCOME_SUMMARY, Col.TOTAL, None),
    ):
        table = ctx.table(kind)
        row = (table.row("total", side) if side else table.row("total")) if table else None
        if table is not None and row is not None:
            return row.amount(column), table.unit, ctx.at_cell(table, row, column)
    return None


@rule("perf-funds-split", "绩效目标表：资金总额 = 财政资金 + 其他资金", "error")
def perf_funds_split(ctx: CheckContext) -> Iterable[Finding]:
    """In every performance table, 资金总额 = 财政资金 (上级 + 本级) + 其他资金, when all are printed."""
    for table in ctx.disclosure.performance:
        total, fiscal, other = funds(table)
        if total is None or fiscal is None or other is None:
            continue
        if quantize(total) != quantize(fiscal + other):
            yield ctx.finding(
                f"{_name(table)}资金总额 {fmt(total)}万元，而财政资金 {fmt(fiscal)} + 其他资金 {fmt(other)} = "
                f"{fmt(fiscal + other)}万元。",
                _where(ctx, table),
                expected=fiscal + other,
                actual=total,
                difference=quantize(total - fiscal - other),
            )


@rule("perf-unit-funds", "单位整体绩效目标：资金 = 单位预算总额", "error")
def perf_unit_funds(ctx: CheckContext) -> Iterable[Finding]:
    """The unit-wide performance table's funds = the unit's total budget (表1 收入总计); fiscal funds = 表4 total."""
    budget = _unit_budget(ctx)
    t4 = ctx.table(K.FISCAL_SUMMARY)
    t4_total = t4.row("total", Side.INCOME) if t4 else None
    for table in ctx.disclosure.performance:
        if table.scope != "unit":
            continue
        total = _total_of(table)
        if budget is not None and total is not None and not agree(total, MoneyUnit.WAN_YUAN, budget[0], budget[1]):
            yield ctx.finding(
                f"单位整体绩效目标表的年度预算资金为 {fmt(total)}万元，而单位预算总额（表{budget[2].table}收入总计）为 "
                f"{fmt(budget[0])}{budget[1].value}。",
                _where(ctx, table),
                expected=budget[0],
                actual=total,
                related=(budget[2],),
            )
        _total, fiscal, _other = funds(table)
        if t4 is not None and t4_total is not None and fiscal is not None:
            fiscal_budget = t4_total.amount(Col.AMOUNT)
            if not agree(fiscal, MoneyUnit.WAN_YUAN, fiscal_budget, t4.unit):
                yield ctx.finding(
                    f"单位整体绩效目标表的财政资金为 {fmt(fiscal)}万元，而表{t4.number}财政拨款收入总计为 "
                    f"{fmt(fiscal_budget)}{t4.unit.value}。",
                    _where(ctx, table),
                    expected=fiscal_budget,
                    actual=fiscal,
                    related=(ctx.at_cell(t4, t4_total, Col.AMOUNT),),
                )


def t7_projects(ctx: CheckContext) -> dict[str, Decimal]:
    """Table 7's projects (folded name → 项目支出合计 in 万元)."""
    table = ctx.table(K.GENERAL_BUDGET_PROJECTS)
    found: dict[str, Decimal] = {}
    if table is None:
        return found
    for row in table.body_rows():
        if row.project:
            name = fold(row.project)
            found[name] = found.get(name, ZERO) + convert(row.amount(Col.TOTAL), table.unit, MoneyUnit.WAN_YUAN)
    return found


@rule("perf-project-funds", "项目绩效目标：财政资金 = 项目支出表项目金额", "error")
def perf_project_funds(ctx: CheckContext) -> Iterable[Finding]:
    """A project table's 财政拨款 = the project's amount in table 7 (一般公共预算项目支出)."""
    projects = t7_projects(ctx)
    t7 = ctx.table(K.GENERAL_BUDGET_PROJECTS)
    t7_number = t7.number if t7 else "7"
    for table in ctx.disclosure.performance:
        if table.scope != "project":
            continue
        _total, fiscal, _other = funds(table)
        amount = projects.get(fold(table.name))
        if amount is None or fiscal is None:
            continue
        if quantize(amount) != quantize(fiscal):
            yield ctx.finding(
                f"{_name(table)}的财政拨款为 {fmt(fiscal)}万元，而表{t7_number}该项目为 {fmt(amount)}万元。",
                _where(ctx, table),
                expected=amount,
                actual=fiscal,
                difference=quantize(fiscal - amount),
            )


@rule("perf-project-missing", "项目缺少绩效目标表", "warning")
def perf_project_missing(ctx: CheckContext) -> Iterable[Finding]:
    """Every table-7 project has a performance table, except classified projects (details 不予公开)."""
    if not ctx.disclosure.performance:
        return
    from yusuan.check.facts import withheld_projects

    tabled = {fold(t.name) for t in ctx.disclosure.performance if t.scope == "project"}
    withheld = set(withheld_projects(ctx))
    table = ctx.table(K.GENERAL_BUDGET_PROJECTS)
    for name in t7_projects(ctx):
        if name not in tabled and name not in withheld and table is not None:
            row = next(r for r in table.body_rows() if r.project and fold(r.project) == name)
            yield ctx.finding(
                f"表{table.number}项目“{row.project}”没有项目支出绩效目标表（且未说明为涉密项目）。",
                ctx.at_cell(table, row, Col.TOTAL),
            )


_SUMMARY = (
    (r"整体(?:预算)?绩效目标(\d+)个,涉及(?:预算)?金额(" + NUM + r")万元", "unit"),
    (r"(?<!非)财政拨款项目(\d+)个,涉及(?:预算)?金额(" + NUM + r")万元", "fiscal"),
    (r"非财政拨款项目(\d+)个,涉及(?:预算)?金额(" + NUM + r")万元", "nonfiscal"),
)


def _summary_facts(ctx: CheckContext) -> dict[str, tuple[int, Decimal | None, str]]:
    """What the tables say for each summary line: (count, amount, basis)."""
    facts: dict[str, tuple[int, Decimal | None, str]] = {}
    budget = _unit_budget(ctx)
    units = [t for t in ctx.disclosure.performance if t.scope == "unit"]
    if budget is not None:
        amount = convert(budget[0], budget[1], MoneyUnit.WAN_YUAN)
        # without performance tables the number of unit-wide targets cannot be known: only the amount is checked
        facts["unit"] = (len(units) if ctx.disclosure.performance else -1, amount, "单位预算总额")
    projects = t7_projects(ctx)
    if (t7 := ctx.table(K.GENERAL_BUDGET_PROJECTS)) is not None:
        # 财政拨款项目 also include projects of the government-fund and state-capital budgets (表8, 表9
        # 项目支出), which are not listed by name: then only a lower bound of the count is known
        others = ZERO
        for kind in (K.GOVERNMENT_FUND_EXPENDITURE, K.STATE_CAPITAL_EXPENDITURE):
            table = ctx.table(kind)
            row = table.row("total") if table else None
            if table is not None and row is not None:
                others += convert(row.amount(Col.PROJECT), table.unit, MoneyUnit.WAN_YUAN)
        count = len(projects) if others == 0 else -len(projects) - 1
        numbers = [
            t.number for k in (K.GOVERNMENT_FUND_EXPENDITURE, K.STATE_CAPITAL_EXPENDITURE) if (t := ctx.table(k))
        ]
        others_named = f"（及表{'、表'.join(numbers)}项目支出）" if numbers else ""
        facts["fiscal"] = (count, sum(projects.values(), ZERO) + others, f"表{t7.number}{others_named}")
    nonfiscal = [
        t
        for t in ctx.disclosure.performance
        if t.scope == "project" and fold(t.name) not in projects and (funds(t)[1] or ZERO) == 0
    ]
    # a project paid from fiscal and other money counts among the 非财政拨款项目 too, with its other money
    mixed = [(t, other) for t in ctx.disclosure.performance if t not in nonfiscal and (other := _other_of(t))]
    if nonfiscal or mixed:
        basis = "非财政拨款项目的绩效目标表"
        only = sum((_total_of(t) or ZERO for t in nonfiscal), ZERO)
        facts["nonfiscal"] = (len(nonfiscal) + len(mixed), only + sum((o for _t, o in mixed), ZERO), basis)
        if mixed:  # or the projects without fiscal money only, as some publications count them
            facts["nonfiscal_only"] = (len(nonfiscal), only, basis)
    return facts


def _other_of(table: PerformanceTable) -> Decimal:
    """A project table's money other than 财政拨款 (0 when its funds are not printed apart)."""
    if table.scope != "project":
        return ZERO
    total, fiscal, other = funds(table)
    if other is None and total is not None and fiscal is not None:
        other = total - fiscal
    return other if other is not None and fiscal else ZERO


@rule("perf-summary", "预算绩效情况的项目数和金额与表格一致", "error")
def perf_summary(ctx: CheckContext) -> Iterable[Finding]:
    """十二（四）: 整体绩效目标 N 个 / 金额 = unit budget; 财政拨款项目 = table 7; 非财政拨款项目 = their tables."""
    facts = _summary_facts(ctx)
    for paragraph in ctx.claims.paragraphs:
        if not paragraph.path.startswith("other"):
            continue
        text = fold(paragraph.text)
        for pattern, key in _SUMMARY:
            match = re.search(pattern, text)
            if not match or key not in facts:
                continue
            count, amount, basis = facts[key]
            stated_count, stated_amount = int(match.group(1)), parse_amount(match.group(2))
            alternative = facts.get("nonfiscal_only") if key == "nonfiscal" else None
            if alternative and (stated_count, quantize(stated_amount)) == (
                alternative[0],
                quantize(alternative[1] or ZERO),
            ):
                continue
            if count < 0:  # only a lower bound is known (−1 − bound)
                count = stated_count if stated_count >= -count - 1 else -count - 1
            if key == "unit" and stated_count == 0:
                continue  # no unit-wide target: nothing is claimed about the budget
            if stated_count != count or (amount is not None and quantize(stated_amount) != quantize(amount)):
                yield ctx.finding(
                    f"十二（四）称“{match.group(0)}”，而{basis}为 {count} 个、{fmt(amount)}万元。",
                    ctx.at_section(paragraph.path, paragraph.first),
                    expected=f"{count}个 {fmt(amount)}万元",
                    actual=f"{stated_count}个 {fmt(stated_amount)}万元",
                )


def filled(indicators: list[PerformanceIndicator]) -> Iterator[tuple[str, str, PerformanceIndicator]]:
    """Indicators with level-1/level-2 names filled down (merged cells print them once)."""
    level1 = level2 = ""
    for indicator in indicators:
        level1 = fold(indicator.level1) or level1
        level2 = fold(indicator.level2) or level2
        yield level1, level2, indicator


_MONEY_VALUE = lazy_compile(rf"^(?:<=|≤|=|==|<|不超过|不高于)?({NUM})(万元|元)$")


@rule("perf-cost-indicators", "成本指标之和与项目预算不符", "warning")
def perf_cost_indicators(ctx: CheckContext) -> Iterable[Finding]:
    """A project's cost indicators (成本指标, `≤N万元`) add up to its budget."""
    for table in ctx.disclosure.performance:
        if table.scope != "project":
            continue
        budget = _total_of(table)
        costs = []
        for level1, level2, indicator in filled(table.indicators):
            if "成本" not in level1 and "成本" not in level2:
                continue
            value = _MONEY_VALUE.match(fold(indicator.value))
            if value:
                amount = parse_amount(value.group(1))
                costs.append(amount if value.group(2) == "万元" else amount / 10000)
        if budget is None or not costs:
            continue
        total = sum(costs, ZERO)
        if quantize(total) != quantize(budget):
            way = "超过" if total > budget else "少于"
            yield ctx.finding(
                f"{_name(table)}的成本指标合计 {fmt(total)}万元，{way}项目资金 {fmt(budget)}万元。",
                _where(ctx, table),
                expected=budget,
                actual=total,
                difference=quantize(total - budget),
            )


@rule("perf-weights", "绩效指标权重合计不符合模板", "error")
def perf_weights(ctx: CheckContext) -> Iterable[Finding]:
    """Indicator weights of a table sum to what the profile accepts.

    100 by default; the `xinjiang` profile also accepts 90 for project tables,
    whose template reserves 10 points for 预算执行率 outside the listed ones.
    """
    for table in ctx.disclosure.performance:
        weights = [i.weight for i in table.indicators if i.weight is not None]
        if not weights:
            continue
        total = sum(weights, ZERO)
        accepted = ctx.profile.accepted_weights(table.scope)
        if total not in accepted:
            allowed = "或".join(str(a) for a in accepted)
            yield ctx.finding(
                f"{_name(table)}各指标分值权重合计为 {total}，按“{ctx.profile.label}”规则应为 {allowed}。",
                _where(ctx, table),
                expected=accepted[0],
                actual=total,
                difference=total - accepted[0],
            )


# a comparison in signs or in words (不低于 ≥, 不超过 ≤, …)
_COMPARISON = r"(?:=|==|≥|>=|≤|<=|>|<|≠|不低于|不少于|不小于|至少|不高于|不超过|不多于|不大于|大于|小于|达到)"
# the unit after the number, also in brackets as some templates print it (`=100.00(%)`)
_UNIT = r"(?:%|\([^()\d]{1,6}\)|[^\d<>=≤≥%()]{0,6})"
_NUMERIC_VALUE = lazy_compile(rf"^{_COMPARISON}?{NUM}{_UNIT}$")
_HAS_DIGIT = lazy_compile(r"\d")
# a sentence that states a figure with its comparison (`开展不低于5次的社区法治宣传活动`, `满意率100%`)
_PROSE_TARGET = lazy_compile(rf"(?:{_COMPARISON}\s*{NUM}|[\u4e00-\u9fff]{NUM}\s*%)")


def value_well_formed(value: str) -> bool:
    """`=59人`, `>=95%`, `≤12万元`, `100%`, `=100.00(%)`, `不低于50%`, or a qualitative value without
    figures (`有效保障`)."""
    text = fold(value)
    if not text:
        return False
    if not _HAS_DIGIT.search(text):
        return not re.search(r"[<>=≤≥]", text)
    return bool(_NUMERIC_VALUE.match(text))


def value_is_prose_target(value: str) -> bool:
    """A value written as a sentence around its target (`开展至少1次团体心理治疗`): readable, not
    malformed, but not in the form 指标 + comparison + figure + unit either."""
    text = fold(value)
    return bool(_PROSE_TARGET.search(text)) and not re.search(r"[<>=≤≥]{2}|%%", text)


@rule("perf-indicator-value", "绩效指标值格式不规范", "warning")
def perf_indicator_value(ctx: CheckContext) -> Iterable[Finding]:
    """An indicator value is a comparison and a number with its unit (=, ≥/>=, ≤/<=, >, <) or a qualitative value."""
    for table in ctx.disclosure.performance:
        for indicator in table.indicators:
            if value_well_formed(indicator.value):
                continue
            where = ctx.at_source(indicator.source, section=f"performance/{table.scope}", row=indicator.name)
            if value_is_prose_target(indicator.value):
                yield ctx.finding(
                    f"{_name(table)}指标“{indicator.name}”的指标值“{indicator.value}”写成了一句话，"
                    "目标值在句中；可改写为 指标 + 比较符 + 数值 + 单位（如 ≥5次）。",
                    where,
                    actual=indicator.value,
                    severity=Severity.INFO,
                )
                continue
            yield ctx.finding(
                f"{_name(table)}指标“{indicator.name}”的指标值“{indicator.value}”不是规范的形式"
                "（如 =59人、≥95%、≤12万元 或 有效保障）。",
                where,
                actual=indicator.value,
            )
