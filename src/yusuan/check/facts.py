"""Facts stated in sentences rather than tables, read once for the rules that check them.

Part 1's staffing line, 十二's procurement, vehicle and equipment sentences,
the withheld (涉密) projects of 七, and the capital spending tables 6 and 7
allow: each helper reads one of them from the folded text (full-width
punctuation and spaces normalised) and returns plain numbers, or None when
the sentence is not there.  `rules/other_facts.py` holds the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from yusuan.check.claims import NUM, Statement
from yusuan.check.context import CheckContext
from yusuan.check.text import fold
from yusuan.lazy_pattern import lazy_compile
from yusuan.money import ZERO, MoneyUnit, parse_amount


def count_in(pattern: str, text: str) -> int | None:
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
        actual=count_in(r"实有(?:人数|人员)?(?:为|共)?(\d+)人?", text),
        in_service=count_in(r"在职(?:人员|人数)?(?:为)?(\d+)人", text),
        retired=count_in(r"(?<!离)退休(?:人员|人数)?(?:为)?(\d+)人", text),
        retired_cadres=count_in(r"离休(?:人员|人数)?(?:为)?(\d+)人", text),
    )


def in_topic(path: str, topic: str) -> bool:
    """A topic of 其他重要事项 stands under it (`other/assets`, Xinjiang) or as a section of its own (`assets`)."""
    return path in (f"other/{topic}", topic)


def statements_in(ctx: CheckContext, topic: str) -> list[Statement]:
    """The statements with an amount in a topic of 其他重要事项, wherever the template puts it (`in_topic`)."""
    return [s for s in ctx.claims.statements if in_topic(s.path, topic) and s.amount is not None]


def find_statement(statements: list[Statement], pattern: str) -> Statement | None:
    return next((s for s in statements if re.fullmatch(pattern, s.subject)), None)


def in_wan(s: Statement) -> Decimal:
    assert s.amount is not None
    return s.amount if s.unit is MoneyUnit.WAN_YUAN else s.amount / 10000


VEHICLE = lazy_compile(
    r"(?P<name>[\u4e00-\u9fff]*?车辆?)(?:共)?(?P<count>\d+)辆(?:,|、)?(?:价值|账面价值|原值)?(?:为)?"
    rf"(?:(?P<value>{NUM})(?P<unit>万元|元))?"
)
VehicleCount = tuple[int, Decimal | None]
Vehicles = tuple[VehicleCount, list[tuple[str, int, Decimal | None]], Statement | None]


def vehicles(ctx: CheckContext) -> Vehicles | None:
    """(total count, total value), the categories, and a statement to point at — from 国有资产占用."""
    statements = [s for s in ctx.claims.statements if in_topic(s.path, "assets")]
    for paragraph in ctx.claims.paragraphs:
        if not in_topic(paragraph.path, "assets"):
            continue
        text = fold(paragraph.text)
        if "其中" not in text or "辆" not in text:
            continue
        head, _sep, tail = text.partition("其中")
        tail = tail.split("。", 1)[0]  # the categories of this sentence (`…购置车辆14辆，其中…` is another)
        heads = list(VEHICLE.finditer(head))
        parts = list(VEHICLE.finditer(tail))
        if not heads or not parts:
            continue
        h = heads[-1]
        total = (int(h.group("count")), vehicle_value(h))
        categories = [(m.group("name"), int(m.group("count")), vehicle_value(m)) for m in parts]
        anchor = next((s for s in statements if s.paragraph_index == paragraph.index), None)
        return total, categories, anchor
    return None


def vehicle_value(match: re.Match[str]) -> Decimal | None:
    if not match.group("value"):
        return None
    value = parse_amount(match.group("value"))
    return value if match.group("unit") == "万元" else value / 10000


def withheld_projects(ctx: CheckContext) -> dict[str, Decimal]:
    """Projects of 七 whose details are withheld (不予公开), with their 预算安排规模 in 万元."""
    scale: dict[str, Decimal] = {}
    for s in ctx.claims.statements:
        if s.path == "general_budget_projects" and s.project and s.subject == "预算安排规模" and s.amount is not None:
            scale.setdefault(s.project, in_wan(s))
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


def split_top_level(text: str, separator: str = "、") -> list[str]:
    """Split on `separator` outside brackets: `甲、乙（丙、丁）` → [`甲`, `乙（丙、丁）`]."""
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch in "(（[【":
            depth += 1
        elif ch in ")）]】":
            depth = max(depth - 1, 0)
        if ch == separator and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def signed_count(match: re.Match[str] | None) -> int | None:
    if match is None:
        return None
    value = int(match.group(2))
    return -value if match.group(1) == "减少" else value


def capital_spending(ctx: CheckContext) -> Decimal | None:
    """Basic + project spending on capital classes 309/310 in 万元 (None when tables 6 and 7 are both absent)."""
    from yusuan.model import Col, TableKind

    t6, t7 = ctx.table(TableKind.GENERAL_BUDGET_BASIC), ctx.table(TableKind.GENERAL_BUDGET_PROJECTS)
    if t6 is None and t7 is None:
        return None
    total = ZERO
    if t6 is not None:
        for code in ("309", "310"):
            row = t6.row(code)
            value = (
                row.amount(Col.TOTAL)
                if row
                else sum(
                    (r.amount(Col.TOTAL) for r in t6.body_rows() if r.code and len(r.code) == 5 and r.code[:3] == code),
                    ZERO,
                )
            )
            total += value if t6.unit is MoneyUnit.WAN_YUAN else value / 10000
    if t7 is not None and (row := t7.row("total")) is not None:
        value = row.amount(Col.economic_class("309")) + row.amount(Col.economic_class("310"))
        total += value if t7.unit is MoneyUnit.WAN_YUAN else value / 10000
    return total


def unexplained_project_money(ctx: CheckContext) -> tuple[int, Decimal] | None:
    """Projects (count, 万元) that could be classified without appearing in 七, or None when unknown.

    七 lists the general-public-budget projects.  Other classified money could
    only be non-fiscal projects without a performance table (十二（四） states
    their number and amount) or government-fund / state-capital projects
    (表4's fund columns).
    """
    from yusuan.model import Col, Side, TableKind

    stated = None
    for paragraph in ctx.claims.paragraphs:
        match = re.search(rf"非财政拨款项目(\d+)个,涉及(?:预算)?金额({NUM})万元", fold(paragraph.text))
        if match:
            stated = (int(match.group(1)), parse_amount(match.group(2)))
    t4 = ctx.table(TableKind.FISCAL_SUMMARY)
    t4_total = t4.row("total", Side.EXPENDITURE) if t4 else None
    if stated is None or t4 is None or t4_total is None:
        return None
    tabled = [t for t in ctx.disclosure.performance if t.scope == "project" and (t.fiscal or ZERO) == 0]
    count = stated[0] - len(tabled)
    amount = stated[1] - sum((t.total or t.other or ZERO for t in tabled), ZERO)
    other_funds = t4_total.amount(Col.GOV_FUND) + t4_total.amount(Col.STATE_CAPITAL)
    if other_funds:
        return None  # projects of those budgets are not listed by name: no bound
    return max(count, 0), max(amount, ZERO)
