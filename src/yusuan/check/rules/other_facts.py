"""Other facts: staffing, procurement, assets, running costs, classified projects, counts stated twice.

These figures live in Part 1 and in 十二、其他重要事项 rather than in a
table, so each rule reads its sentence (folded: full-width punctuation and
spaces normalised) and checks the arithmetic it must satisfy: 实有人数 = 在职
+ 退休 + 离休; 采购 = 货物 + 工程 + 服务 ≥ 中小企业预留 ≥ 小微企业预留; vehicles
= Σ categories; 机关运行经费 = 表6 公用经费; the same count stated twice agrees.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from yusuan.check.amounts import agree, fmt
from yusuan.check.claims import NUM, Statement
from yusuan.check.context import CheckContext
from yusuan.check.facts import (
    capital_spending,
    count_in,
    find_statement,
    in_topic,
    in_wan,
    signed_count,
    split_top_level,
    stated_staffing,
    statements_in,
    unexplained_project_money,
    vehicles,
    withheld_projects,
)
from yusuan.check.finding import Finding, Location, Severity
from yusuan.check.registry import rule
from yusuan.check.rules.narrative import grounded, section_label, where
from yusuan.check.text import fold
from yusuan.extract.composition import OWN_OFFICE
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import PerformanceIndicator
from yusuan.money import ZERO, convert, parse_amount, quantize


@rule("staffing-actual", "实有人数 = 在职 + 退休 + 离休", "error")
def staffing_actual(ctx: CheckContext) -> Iterable[Finding]:
    """实有人数 = 在职 + 退休 + 离休, as stated in Part 1 (离休 taken as 0 when not stated)."""
    staff = stated_staffing(ctx)
    if staff is None or staff.actual is None or staff.in_service is None or staff.retired is None:
        return
    expected = staff.in_service + staff.retired + (staff.retired_cadres or 0)
    if staff.actual != expected:
        yield ctx.finding(
            f"第一部分称实有人数 {staff.actual} 人，而在职 {staff.in_service} 人 + 退休 {staff.retired} 人 + "
            f"离休 {staff.retired_cadres or 0} 人 = {expected} 人。",
            Location(section="profile"),
            expected=Decimal(expected),
            actual=Decimal(staff.actual),
            difference=Decimal(staff.actual - expected),
        )


_PROCUREMENT_TOTAL = r"(?:本部门|我部门|本单位)?政府采购(?:支出)?(?:预算)?(?:总额|合计|总金额)?(?:金额)?"


def _procurement_part(statements: list[Statement], part: str) -> Statement | None:
    return find_statement(
        statements, rf"(?:政府采购{part}(?:类)?(?:支出)?|拟(?:购买|采购){part}(?:支出)?)(?:预算)?(?:金额)?"
    )


@rule("procurement-total", "政府采购预算 = 货物 + 工程 + 服务", "error")
def procurement_total(ctx: CheckContext) -> Iterable[Finding]:
    """政府采购预算 = 货物 + 工程 + 服务.

    A part not stated is not assumed nil: with a part missing, only stated
    parts that already exceed the total are reported.
    """
    statements = statements_in(ctx, "procurement")
    total = find_statement(statements, _PROCUREMENT_TOTAL)
    parts = [p for p in (_procurement_part(statements, w) for w in ("货物", "工程", "服务")) if p]
    if total is None or not parts:
        return
    stated = sum((in_wan(p) for p in parts), ZERO)
    if quantize(stated) == quantize(in_wan(total)) or (len(parts) < 3 and stated < in_wan(total)):
        return
    yield ctx.finding(
        f"{section_label(ctx, total)}政府采购{'支出' if ctx.disclosure.meta.kind.is_final else '预算'}写作 "
        f"{fmt(total.amount)}万元，而货物、工程、服务之和为 "
        f"{fmt(stated)}万元。",
        where(ctx, total),
        expected=stated,
        actual=in_wan(total),
        difference=quantize(in_wan(total) - stated),
    )


@rule("procurement-reserved", "中小企业预留 ≤ 采购总额；小微企业 ≤ 中小企业", "error")
def procurement_reserved(ctx: CheckContext) -> Iterable[Finding]:
    """面向中小企业预留 ≤ 政府采购预算; 其中小微企业预留 ≤ 中小企业预留."""
    statements = statements_in(ctx, "procurement")
    total = find_statement(statements, _PROCUREMENT_TOTAL)
    sme = next((s for s in statements if "中小企业" in s.subject), None)
    small = next((s for s in statements if "小微企业" in s.subject and "中小企业" not in s.subject), None)
    checks = (
        (sme, total, "面向中小企业预留", "政府采购预算"),
        (small, sme or total, "小微企业预留", "面向中小企业预留" if sme else "政府采购预算"),
    )
    for part, whole, part_name, whole_name in checks:
        if part is None or whole is None or in_wan(part) <= in_wan(whole):
            continue
        yield ctx.finding(
            f"{section_label(ctx, part)}{part_name} {fmt(in_wan(part))}万元 超过"
            f"{whole_name} {fmt(in_wan(whole))}万元。",
            where(ctx, part),
            expected=in_wan(whole),
            actual=in_wan(part),
            difference=quantize(in_wan(part) - in_wan(whole)),
        )


@rule("vehicles-sum", "车辆数量和价值 = 各类车辆之和", "error")
def vehicles_sum(ctx: CheckContext) -> Iterable[Finding]:
    """车辆 N 辆、价值 V = Σ of 一般公务用车, 执法执勤用车, 其他车辆 (counts and values)."""
    found = vehicles(ctx)
    if found is None:
        return
    (count, value), categories, anchor = found
    location = where(ctx, anchor) if anchor else Location(section="other/assets")
    part = ctx.in_part3(anchor.path if anchor else "other/assets")
    counted = sum(c for _n, c, _v in categories)
    if counted != count:
        yield ctx.finding(
            f"{part}车辆共 {count} 辆，而各类车辆合计 {counted} 辆。",
            location,
            expected=Decimal(counted),
            actual=Decimal(count),
            difference=Decimal(count - counted),
        )
    values = [v for _n, _c, v in categories]
    if value is not None and values and all(v is not None for v in values):
        summed = sum((v for v in values if v is not None), ZERO)
        if quantize(summed) != quantize(value):
            yield ctx.finding(
                f"{part}车辆价值 {fmt(value)}万元，而各类车辆价值合计 {fmt(summed)}万元。",
                location,
                expected=summed,
                actual=value,
                difference=quantize(value - summed),
            )


@rule("assets-equipment", "100万元以上设备数 ≤ 50万元以上设备数", "warning")
def assets_equipment(ctx: CheckContext) -> Iterable[Finding]:
    """Equipment worth over 1,000,000 is also over 500,000: its count cannot exceed the 50万元以上 count."""
    for paragraph in ctx.claims.paragraphs:
        if not in_topic(paragraph.path, "assets"):
            continue
        text = fold(paragraph.text)
        over_50 = count_in(r"50万元以上(?:的)?大型设备(\d+)台", text)
        over_100 = count_in(r"100万元以上(?:的)?大型设备(\d+)台", text)
        if over_50 is not None and over_100 is not None and over_100 > over_50:
            yield ctx.finding(
                f"{ctx.in_part3(paragraph.path)}称单位价值100万元以上大型设备 {over_100} 台，"
                f"多于50万元以上大型设备 {over_50} 台。",
                ctx.at_section(paragraph.path, paragraph.first),
                expected=Decimal(over_50),
                actual=Decimal(over_100),
            )


@rule("running-costs", "机关运行经费 = 基本支出表公用经费", "warning")
def running_costs(ctx: CheckContext) -> Iterable[Finding]:
    """机关运行经费 = 公用经费 of the administrative unit (table 6), unless the document explains the difference.

    A department's table 6 adds up all its units' 公用经费, and a 事业单位's are not 机关运行经费: a
    department's 机关运行经费 may be less than its table's 公用经费, never more (unless it says it is its own
    office alone: `本部门无下属单位`)."""
    meta = ctx.disclosure.meta
    department = meta.kind.value.startswith("department") and meta.members != (OWN_OFFICE,)  # not 本级 alone
    for s, q in grounded(ctx):
        if q is None or q.key != "running_costs" or s.amount is None:
            continue
        if department and convert(s.amount, s.unit, q.unit) <= q.value:
            continue
        if not agree(s.amount, s.unit, q.value, q.unit):
            why = (
                "部门的机关运行经费是其行政单位（含参公事业单位）的公用经费，不应超过各单位公用经费之和。"
                if department
                else "行政单位的机关运行经费应等于其一般公共预算公用经费，如有差异应说明。"
            )
            yield ctx.finding(
                f"{ctx.in_part3(s.path)}机关运行经费为 {fmt(s.amount)}{s.unit.value}，"
                f"而{q.label}“公用经费”为 {fmt(q.value)}{q.unit.value}；{why}",
                where(ctx, s),
                expected=q.value,
                actual=s.amount,
                related=(q.location,),
            )


@rule("classified-projects", "涉密项目数量和金额与项目说明一致", "warning")
def classified_projects(ctx: CheckContext) -> Iterable[Finding]:
    """涉密项目 N 个、金额 X against the projects of 七 whose details are withheld (不予公开).

    七 describes general-public-budget projects only, so the classified
    projects may hold other money too: fewer projects or less money than 七
    withholds is a warning; more is a warning only when no other project
    money is left to explain it (non-fiscal projects all have their own
    performance tables, no government-fund or state-capital money), else an info.
    """
    withheld = withheld_projects(ctx)
    if not withheld:
        return
    count, amount = len(withheld), sum(withheld.values(), ZERO)
    for paragraph in ctx.claims.paragraphs:
        if not paragraph.path.startswith("other"):
            continue
        match = re.search(rf"涉密项目(\d+)个,涉及(?:预算)?金额({NUM})万元", fold(paragraph.text))
        if not match:
            continue
        stated_count, stated_amount = int(match.group(1)), parse_amount(match.group(2))
        if stated_count == count and quantize(stated_amount) == quantize(amount):
            continue
        short = stated_count < count or stated_amount < amount
        room = unexplained_project_money(ctx)
        excess = room is not None and (stated_count > count + room[0] or stated_amount > amount + room[1])
        note = "" if short or excess else "；多出的部分可能是其他资金安排的涉密项目或资金，请核实"
        if excess:
            note = "；其他资金的项目均已另列，多出的部分无从安排"
        yield ctx.finding(
            f"{ctx.in_part3(paragraph.path)}称涉密项目 {stated_count} 个、金额 {fmt(stated_amount)}万元，"
            f"而{ctx.in_part3('general_budget_projects')}中不予公开的项目为 {count} 个、"
            f"预算安排规模合计 {fmt(amount)}万元{note}。",
            ctx.at_section(paragraph.path, paragraph.first),
            expected=f"{count}个 {fmt(amount)}万元",
            actual=f"{stated_count}个 {fmt(stated_amount)}万元",
            severity=None if short or excess else Severity.INFO,
        )


# --- counts stated twice ----------------------------------------------------------------------

_INDICATOR_VALUE = lazy_compile(r"^(?:=|==|＝)?(\d+)(辆|人|台)$")


@dataclass(frozen=True)
class CountFact:
    pattern: str  # indicator name (folded)
    fact: str  # what it is compared with
    same_concept: bool  # True: a difference is a warning; False: only an info


COUNT_FACTS: tuple[CountFact, ...] = (
    CountFact(r"(单位)?(公务用车|车辆)(数量|保有量|总数|数)(\(辆\))?", "vehicles", True),
    CountFact(r".*(保障|服务|运行|管理).*(公务用车|车辆).*(数量|数)(\(辆\))?", "vehicles", False),
    CountFact(r"(在职|实有)(人员)?人数(\(人\))?", "in_service", True),
)


def _indicators(ctx: CheckContext) -> Iterator[tuple[str, PerformanceIndicator]]:
    for table in ctx.disclosure.performance:
        name = "单位整体绩效目标表" if table.scope == "unit" else f"项目支出绩效目标表“{table.name}”"
        for indicator in table.indicators:
            yield name, indicator


@rule("counts-agree", "同一数量在不同处前后一致", "warning")
def counts_agree(ctx: CheckContext) -> Iterable[Finding]:
    """A count stated twice agrees: vehicles in a performance target vs 国有资产 vehicles; 在职人数 vs Part 1.

    Only indicators that clearly mean the same quantity give a warning; one
    that may count something else (e.g. 保障单位公务用车数量: the vehicles the
    office services, not the ones it owns) gives an info when it differs.
    """
    found = vehicles(ctx)
    staff = stated_staffing(ctx)
    facts: dict[str, int | None] = {
        "vehicles": found[0][0] if found else None,
        "in_service": staff.in_service if staff else None,
    }
    labels = {"vehicles": "国有资产占用情况中的车辆数", "in_service": "第一部分的在职人数"}
    for table_name, indicator in _indicators(ctx):
        name = fold(indicator.name)
        value = _INDICATOR_VALUE.match(fold(indicator.value))
        if value is None:
            continue
        for fact in COUNT_FACTS:
            if not re.fullmatch(fact.pattern, name):
                continue
            known = facts.get(fact.fact)
            stated = int(value.group(1))
            if known is not None and known != stated:
                caveat = (
                    "" if fact.same_concept else "；二者口径可能不同（如保障服务的车辆不等于本单位占有的车辆），请核实"
                )
                yield ctx.finding(
                    f"{table_name}指标“{indicator.name}”为 {indicator.value}，而{labels[fact.fact]}为 "
                    f"{known}{value.group(2)}{caveat}。",
                    ctx.at_source(indicator.source, section="performance", row=indicator.name),
                    expected=Decimal(known),
                    actual=Decimal(stated),
                    severity=Severity.WARNING if fact.same_concept else Severity.INFO,
                )
            break


# --- Part 1: divisions and staffing changes ------------------------------------------------------

_DIVISIONS = lazy_compile(
    r"下设(\d+)个(?:内设)?(?:科室|处室|机构|部门)[,，]?(?:分别是|分别为|包括|为)[:：](?P<names>[^。]+)"
)


@rule("divisions-count", "内设科室数 = 所列科室个数", "warning")
def divisionscount_in(ctx: CheckContext) -> Iterable[Finding]:
    """下设 N 个科室，分别是：甲、乙、… lists exactly N names."""
    text = ctx.disclosure.profile.organisation
    match = _DIVISIONS.search(text.replace(" ", ""))
    if not match:
        return
    stated = int(match.group(1))
    names = split_top_level(match.group("names"))
    if stated != len(names):
        yield ctx.finding(
            f"第一部分称下设 {stated} 个科室，但列出了 {len(names)} 个：{'、'.join(names)}。",
            Location(section="profile", row="organisation"),
            expected=Decimal(len(names)),
            actual=Decimal(stated),
        )


_STAFF_CHANGE = {
    "in_service": r"在职(?:人员|人数)?\d+人[,，](增加|减少)(\d+)人",
    "retired": r"(?<!离)退休(?:人员|人数)?\d+人[,，](增加|减少)(\d+)人",
    "retired_cadres": r"离休(?:人员|人数)?\d+人[,，](增加|减少)(\d+)人",
}


@rule("staffing-changes", "人员增减与其他处所述一致", "warning")
def staffing_changes(ctx: CheckContext) -> Iterable[Finding]:
    """Changes in staff agree wherever stated.

    Last year's head count (this year − change) is not negative; the
    narrative's `人员增加 N 人` is the change of 在职 (or of 实有) staff,
    `退休人员增加 N 人` the change of 退休, and 行政 + 事业人员 changes add up
    to the 在职 change.
    """
    text = fold(ctx.disclosure.profile.staffing_text)
    staff = stated_staffing(ctx)
    if staff is None or not text:
        return
    changes = {key: signed_count(re.search(pattern, text)) for key, pattern in _STAFF_CHANGE.items()}
    counts = {"in_service": staff.in_service, "retired": staff.retired, "retired_cadres": staff.retired_cadres}
    names = {"in_service": "在职", "retired": "退休", "retired_cadres": "离休"}
    here = Location(section="profile", row="staffing")
    for key, change in changes.items():
        count = counts[key]
        if change is not None and count is not None and count - change < 0:
            yield ctx.finding(
                f"第一部分称{names[key]} {count} 人、增加 {change} 人，推算上年为 {count - change} 人（不能为负）。",
                here,
                expected=Decimal(count),
                actual=Decimal(change),
            )
    in_service = changes["in_service"]
    actual_change = sum(c for c in changes.values() if c is not None) if in_service is not None else None
    mentioned: dict[str, list[tuple[int, Location]]] = {"all": [], "retired": [], "admin": [], "institution": []}
    patterns = {
        "all": r"(?<![休政业职])人员(增加|减少)(\d+)人",
        "retired": r"退休人员(增加|减少)(\d+)人",
        "admin": r"行政人员(增加|减少)(\d+)人",
        "institution": r"事业人员(增加|减少)(\d+)人",
    }
    for paragraph in ctx.claims.paragraphs:
        folded = fold(paragraph.text)
        for kind, pattern in patterns.items():
            for m in re.finditer(pattern, folded):
                value = signed_count(m)
                assert value is not None
                mentioned[kind].append((value, ctx.at_section(paragraph.path, paragraph.first)))
    for value, where_ in mentioned["all"]:
        if in_service is not None and value not in {in_service, actual_change}:
            yield ctx.finding(
                f"说明中称人员增加 {value} 人，而第一部分在职人员增加 {in_service} 人"
                f"（实有人员增加 {actual_change} 人）。",
                where_,
                expected=Decimal(in_service),
                actual=Decimal(value),
                related=(here,),
            )
    retired = changes["retired"]
    for value, where_ in mentioned["retired"]:
        if retired is not None and value != retired:
            yield ctx.finding(
                f"说明中称退休人员增加 {value} 人，而第一部分退休人员增加 {retired} 人。",
                where_,
                expected=Decimal(retired),
                actual=Decimal(value),
                related=(here,),
            )
    if in_service is not None and mentioned["admin"] and mentioned["institution"]:
        admin, where_ = mentioned["admin"][0]
        institution = mentioned["institution"][0][0]
        if admin + institution != in_service:
            yield ctx.finding(
                f"说明中行政人员增加 {admin} 人、事业人员增加 {institution} 人，合计 {admin + institution} 人，"
                f"而第一部分在职人员增加 {in_service} 人。",
                where_,
                expected=Decimal(in_service),
                actual=Decimal(admin + institution),
                related=(here,),
            )


# --- assets: buildings and planned purchases -------------------------------------------------------


@rule("assets-building", "房屋面积与价值同为零或同不为零", "warning")
def assets_building(ctx: CheckContext) -> Iterable[Finding]:
    """A unit with no building floor area has no building value, and the other way round."""
    for paragraph in ctx.claims.paragraphs:
        if not in_topic(paragraph.path, "assets"):
            continue
        m = re.search(rf"房屋(?:面积)?({NUM})平方米,(?:账面)?价值({NUM})万元", fold(paragraph.text))
        if not m:
            continue
        area, value = parse_amount(m.group(1)), parse_amount(m.group(2))
        if (area == 0) != (value == 0):
            yield ctx.finding(
                f"{ctx.in_part3(paragraph.path)}房屋面积 {m.group(1)} 平方米而价值 {fmt(value)}万元："
                "面积与价值应同为零或同不为零。",
                ctx.at_section(paragraph.path, paragraph.first),
                actual=f"{m.group(1)}平方米 {fmt(value)}万元",
            )


@rule("assets-planned-purchases", "计划购置的大型设备与资本性支出相符", "warning")
def assets_planned_purchases(ctx: CheckContext) -> Iterable[Finding]:
    """Planned purchases of equipment worth ≥ 50 / 100 万元 need at least that much capital spending (309/310)."""
    capital = capital_spending(ctx)
    if capital is None:
        return
    for paragraph in ctx.claims.paragraphs:
        if not in_topic(paragraph.path, "assets"):
            continue
        text = fold(paragraph.text)
        if "安排购置" not in text:
            continue
        for threshold in (50, 100):
            m = re.search(rf"{threshold}万元以上(?:的)?大型设备(\d+)台", text[text.index("安排购置") :])
            if m and int(m.group(1)) * threshold > capital:
                yield ctx.finding(
                    f"{ctx.in_part3(paragraph.path)}称本年安排购置{threshold}万元以上大型设备 {m.group(1)} 台，"
                    f"但基本支出和项目支出表的资本性支出（309、310类）合计只有 {fmt(capital)}万元。",
                    ctx.at_section(paragraph.path, paragraph.first),
                    expected=Decimal(int(m.group(1)) * threshold),
                    actual=capital,
                )
