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
from yusuan.check.finding import Finding, Location, Severity
from yusuan.check.registry import rule
from yusuan.check.rules.narrative import grounded, where
from yusuan.check.text import fold
from yusuan.model import PerformanceIndicator
from yusuan.money import ZERO, MoneyUnit, parse_amount, quantize


def _count(pattern: str, text: str) -> int | None:
    match = re.search(pattern, text)
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class Staff:
    actual: int | None
    in_service: int | None
    retired: int | None
    retired_cadres: int | None


def stated_staffing(ctx: CheckContext) -> Staff | None:
    text = fold(ctx.disclosure.profile.staffing_text)
    if not text:
        return None
    return Staff(
        actual=_count(r"实有(?:人数|人员)?(?:为|共)?(\d+)人?", text),
        in_service=_count(r"在职(?:人员|人数)?(?:为)?(\d+)人", text),
        retired=_count(r"(?<!离)退休(?:人员|人数)?(?:为)?(\d+)人", text),
        retired_cadres=_count(r"离休(?:人员|人数)?(?:为)?(\d+)人", text),
    )


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


def _statements(ctx: CheckContext, path: str) -> list[Statement]:
    return [s for s, _q in grounded(ctx) if s.path == path and s.amount is not None]


def _find(statements: list[Statement], pattern: str) -> Statement | None:
    return next((s for s in statements if re.fullmatch(pattern, s.subject)), None)


def _wan(s: Statement) -> Decimal:
    assert s.amount is not None
    return s.amount if s.unit is MoneyUnit.WAN_YUAN else s.amount / 10000


@rule("procurement-total", "政府采购预算 = 货物 + 工程 + 服务", "error")
def procurement_total(ctx: CheckContext) -> Iterable[Finding]:
    """政府采购预算 = 货物 + 工程 + 服务.

    A part not stated is not assumed nil: with a part missing, only stated
    parts that already exceed the total are reported.
    """
    statements = _statements(ctx, "other/procurement")
    total = _find(statements, r"政府采购(预算)?(总额|合计)?(金额)?")
    parts = [p for p in (_find(statements, rf"政府采购{w}(类)?(预算)?(金额)?") for w in ("货物", "工程", "服务")) if p]
    if total is None or not parts:
        return
    stated = sum((_wan(p) for p in parts), ZERO)
    if quantize(stated) == quantize(_wan(total)) or (len(parts) < 3 and stated < _wan(total)):
        return
    yield ctx.finding(
        f"十二（二）政府采购预算写作 {fmt(total.amount)}万元，而货物、工程、服务之和为 {fmt(stated)}万元。",
        where(ctx, total),
        expected=stated,
        actual=_wan(total),
        difference=quantize(_wan(total) - stated),
    )


@rule("procurement-reserved", "中小企业预留 ≤ 采购总额；小微企业 ≤ 中小企业", "error")
def procurement_reserved(ctx: CheckContext) -> Iterable[Finding]:
    """面向中小企业预留 ≤ 政府采购预算; 其中小微企业预留 ≤ 中小企业预留."""
    statements = _statements(ctx, "other/procurement")
    total = _find(statements, r"政府采购(预算)?(总额|合计)?(金额)?")
    sme = next((s for s in statements if "中小企业" in s.subject), None)
    small = next((s for s in statements if "小微企业" in s.subject and "中小企业" not in s.subject), None)
    checks = ((sme, total, "面向中小企业预留", "政府采购预算"),
              (small, sme or total, "小微企业预留", "面向中小企业预留" if sme else "政府采购预算"))
    for part, whole, part_name, whole_name in checks:
        if part is None or whole is None or _wan(part) <= _wan(whole):
            continue
        yield ctx.finding(
            f"十二（二）{part_name} {fmt(_wan(part))}万元 超过{whole_name} {fmt(_wan(whole))}万元。",
            where(ctx, part),
            expected=_wan(whole),
            actual=_wan(part),
            difference=quantize(_wan(part) - _wan(whole)),
        )


_VEHICLE = re.compile(
    r"(?P<name>[\u4e00-\u9fff]*?车辆?)(?:共)?(?P<count>\d+)辆(?:,|、)?(?:价值|账面价值|原值)?(?:为)?"
    rf"(?:(?P<value>{NUM})(?P<unit>万元|元))?"
)
VehicleCount = tuple[int, Decimal | None]
Vehicles = tuple[VehicleCount, list[tuple[str, int, Decimal | None]], Statement | None]


def vehicles(ctx: CheckContext) -> Vehicles | None:
    """(total count, total value), the categories, and a statement to point at — from 国有资产占用."""
    statements = [s for s in ctx.claims.statements if s.path == "other/assets"]
    for paragraph in ctx.claims.paragraphs:
        if paragraph.path != "other/assets":
            continue
        text = fold(paragraph.text)
        if "其中" not in text or "辆" not in text:
            continue
        head, _sep, tail = text.partition("其中")
        heads = list(_VEHICLE.finditer(head))
        parts = list(_VEHICLE.finditer(tail))
        if not heads or not parts:
            continue
        h = heads[-1]
        total = (int(h.group("count")), _value(h))
        categories = [(m.group("name"), int(m.group("count")), _value(m)) for m in parts]
        anchor = next((s for s in statements if s.paragraph_index == paragraph.index), None)
        return total, categories, anchor
    return None


def _value(match: re.Match[str]) -> Decimal | None:
    if not match.group("value"):
        return None
    value = parse_amount(match.group("value"))
    return value if match.group("unit") == "万元" else value / 10000


@rule("vehicles-sum", "车辆数量和价值 = 各类车辆之和", "error")
def vehicles_sum(ctx: CheckContext) -> Iterable[Finding]:
    """车辆 N 辆、价值 V = Σ of 一般公务用车, 执法执勤用车, 其他车辆 (counts and values)."""
    found = vehicles(ctx)
    if found is None:
        return
    (count, value), categories, anchor = found
    location = where(ctx, anchor) if anchor else Location(section="other/assets")
    counted = sum(c for _n, c, _v in categories)
    if counted != count:
        yield ctx.finding(
            f"十二（三）车辆共 {count} 辆，而各类车辆合计 {counted} 辆。",
            location, expected=Decimal(counted), actual=Decimal(count), difference=Decimal(count - counted),
        )
    values = [v for _n, _c, v in categories]
    if value is not None and values and all(v is not None for v in values):
        summed = sum((v for v in values if v is not None), ZERO)
        if quantize(summed) != quantize(value):
            yield ctx.finding(
                f"十二（三）车辆价值 {fmt(value)}万元，而各类车辆价值合计 {fmt(summed)}万元。",
                location, expected=summed, actual=value, difference=quantize(value - summed),
            )


@rule("assets-equipment", "100万元以上设备数 ≤ 50万元以上设备数", "warning")
def assets_equipment(ctx: CheckContext) -> Iterable[Finding]:
    """Equipment worth over 1,000,000 is also over 500,000: its count cannot exceed the 50万元以上 count."""
    for paragraph in ctx.claims.paragraphs:
        if paragraph.path != "other/assets":
            continue
        text = fold(paragraph.text)
        over_50 = _count(r"50万元以上(?:的)?大型设备(\d+)台", text)
        over_100 = _count(r"100万元以上(?:的)?大型设备(\d+)台", text)
        if over_50 is not None and over_100 is not None and over_100 > over_50:
            yield ctx.finding(
                f"十二（三）称单位价值100万元以上大型设备 {over_100} 台，多于50万元以上大型设备 {over_50} 台。",
                ctx.at_section(paragraph.path, paragraph.first),
                expected=Decimal(over_50), actual=Decimal(over_100),
            )


@rule("running-costs", "机关运行经费 = 表6公用经费", "warning")
def running_costs(ctx: CheckContext) -> Iterable[Finding]:
    """机关运行经费 = 公用经费 of the administrative unit (table 6), unless the document explains the difference."""
    for s, q in grounded(ctx):
        if q is None or q.key != "running_costs" or s.amount is None:
            continue
        if not agree(s.amount, s.unit, q.value, q.unit):
            yield ctx.finding(
                f"十二（一）机关运行经费为 {fmt(s.amount)}{s.unit.value}，而{q.label}“公用经费”为 {fmt(q.value)}"
                f"{q.unit.value}；行政单位的机关运行经费应等于其一般公共预算公用经费，如有差异应说明。",
                where(ctx, s),
                expected=q.value,
                actual=s.amount,
                related=(q.location,),
            )


def withheld_projects(ctx: CheckContext) -> dict[str, Decimal]:
    """Projects of 七 whose details are withheld (不予公开), with their 预算安排规模 in 万元."""
    scale: dict[str, Decimal] = {}
    for s in ctx.claims.statements:
        if s.path == "general_budget_projects" and s.project and s.subject == "预算安排规模" and s.amount is not None:
            scale.setdefault(s.project, _wan(s))
    withheld: dict[str, Decimal] = {}
    current: str | None = None
    for paragraph in ctx.claims.paragraphs:
        if paragraph.path != "general_budget_projects":
            continue
        name = re.search(r"项目名称[:：]\s*(.+)$", paragraph.text)
        if name:
            current = fold(name.group(1))
        elif current and "不予公开" in paragraph.text:
            withheld[current] = scale.get(current, ZERO)
    return withheld


@rule("classified-projects", "涉密项目数量和金额与项目说明一致", "warning")
def classified_projects(ctx: CheckContext) -> Iterable[Finding]:
    """涉密项目 N 个、金额 X = the projects of 七 whose details are withheld (不予公开): count and Σ 预算安排规模."""
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
        if stated_count != count or quantize(stated_amount) != quantize(amount):
            yield ctx.finding(
                f"十二（五）称涉密项目 {stated_count} 个、金额 {fmt(stated_amount)}万元，"
                f"而第三部分七中不予公开的项目为 {count} 个、预算安排规模合计 {fmt(amount)}万元。",
                ctx.at_section(paragraph.path, paragraph.first),
                expected=f"{count}个 {fmt(amount)}万元",
                actual=f"{stated_count}个 {fmt(stated_amount)}万元",
            )


# --- counts stated twice ----------------------------------------------------------------------

_INDICATOR_VALUE = re.compile(r"^(?:=|==|＝)?(\d+)(辆|人|台)$")


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
    labels = {"vehicles": "十二（三）国有资产中的车辆数", "in_service": "第一部分的在职人数"}
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
