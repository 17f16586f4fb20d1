"""十二、其他重要事项的情况说明: running costs, procurement, assets, performance, other matters.

These explanations do not describe one table: 机关运行经费 is table 6's
公用经费 for an administrative unit; procurement and assets are facts of
their own; the performance summary counts projects from the budget lines
(a project paid from both fiscal and other money on both sides).
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.compile.ledger import Ledger, fiscal, of_fund_type, of_kind, project
from yusuan.compile.wording import Phrases
from yusuan.model import Paragraph, Section
from yusuan.model.kinds import FundType, SpendingKind
from yusuan.money import ZERO


def other_matters_section(ledger: Ledger, say: Phrases, number: str) -> Section:
    return Section(
        key="other",
        number=number,
        title="其他重要事项的情况说明",
        subsections=[
            Section(
                key="running_costs", number="（一）", title="单位运行经费情况", paragraphs=_running_costs(ledger, say)
            ),
            Section(key="procurement", number="（二）", title="政府采购情况", paragraphs=_procurement(ledger, say)),
            Section(key="assets", number="（三）", title="国有资产占用使用情况", paragraphs=_assets(ledger, say)),
            Section(key="performance", number="（四）", title="预算绩效情况", paragraphs=_performance(ledger, say)),
            Section(
                key="other_matters", number="（五）", title="其他需说明的事项", paragraphs=_other_matters(ledger, say)
            ),
        ],
    )


def _running_costs(ledger: Ledger, say: Phrases) -> list[Paragraph]:
    budget = ledger.budget
    who = f"{budget.unit.name}{budget.year}年"
    if budget.running_costs is not None:  # a department's: its administrative units' 公用经费
        amount = budget.running_costs
    elif not budget.unit.administrative:
        return [Paragraph(text=f"{budget.unit.name}为事业单位，不涉及机关运行经费。")]
    else:
        amount = ledger.sum(of_fund_type(FundType.GENERAL_PUBLIC_BUDGET), of_kind(SpendingKind.PUBLIC))
    return [
        Paragraph(text=f"{who}的机关运行经费财政拨款预算{say.amount(amount)}，{say.change('running_costs', amount)}。")
    ]


def _procurement(ledger: Ledger, say: Phrases) -> list[Paragraph]:
    budget = ledger.budget
    p = budget.procurement
    lead = f"{budget.year}年，{budget.unit.name}"
    if not p.total:
        return [Paragraph(text=f"{lead}未安排政府采购预算。")]
    return [
        Paragraph(
            text=f"{lead}政府采购预算{say.amount(p.total)}，其中：政府采购货物预算{say.amount(p.goods)}，"
            f"政府采购工程预算{say.amount(p.works)}，政府采购服务预算{say.amount(p.services)}。"
        ),
        Paragraph(
            text=f"{lead}面向中小企业预留政府采购项目预算金额{say.amount(p.reserved_sme)}，"
            f"小微企业预留政府采购项目预算金额{say.amount(p.reserved_small_micro)}。"
        ),
    ]


def _assets(ledger: Ledger, say: Phrases) -> list[Paragraph]:
    budget = ledger.budget
    a = budget.assets
    if a is None:
        return [Paragraph(text=f"{budget.unit.name}未填报国有资产占用使用情况。")]
    count = sum(v.count for v in a.vehicles)
    value = sum((v.value for v in a.vehicles), Decimal(0))
    categories = "；".join(f"{v.name}{v.count}辆，价值{say.amount(v.value)}" for v in a.vehicles)
    vehicles = f"2. 车辆{count}辆，价值{say.amount(value)}"
    if categories:
        vehicles += f"；其中：{categories}"
    planned_vehicles = f"安排购置车辆{a.planned_vehicles}辆" if a.planned_vehicles else "未安排购置车辆经费"
    return [
        Paragraph(text=f"截至{a.as_of}，{budget.unit.name}及下属各预算单位占用使用国有资产总体情况为："),
        Paragraph(text=f"1. 房屋{a.building_area:.2f}平方米，价值{say.amount(a.building_value)}。"),
        Paragraph(text=f"{vehicles}。"),
        Paragraph(text=f"3. 办公家具价值{say.amount(a.furniture_value)}。"),
        Paragraph(text=f"4. 其他资产价值{say.amount(a.other_value)}。"),
        Paragraph(
            text=f"单位价值50万元以上大型设备{a.equipment_over_50}台，单位价值100万元以上大型设备{a.equipment_over_100}台。"
        ),
        Paragraph(
            text=f"{budget.year}年{budget.kind.entity}预算{planned_vehicles}，安排购置50万元以上大型设备"
            f"{a.planned_equipment_over_50}台，单位价值100万元以上大型设备{a.planned_equipment_over_100}台。"
        ),
    ]


def _performance(ledger: Ledger, say: Phrases) -> list[Paragraph]:
    budget = ledger.budget
    fiscal_money, other_money = _project_money(ledger)
    unit_targets = 1 if budget.performance else 0
    return [
        Paragraph(
            text=f"{budget.year}年，本{budget.kind.entity}预算绩效管理整体预算绩效目标{unit_targets}个，涉及金额{say.amount(ledger.sum())}；"
            f"当年财政拨款项目{len(fiscal_money)}个，涉及预算金额{say.amount(sum(fiscal_money.values(), ZERO))}；"
            f"当年非财政拨款项目{len(other_money)}个，涉及预算金额{say.amount(sum(other_money.values(), ZERO))}。"
            "具体情况见下表（按项目分别填报）："
        )
    ]


def _project_money(ledger: Ledger) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """Each project's 财政拨款 and its other money, for the projects that have any of each.

    One rule for count and amount: a project paid partly from fiscal money and partly from other money (事业收入…)
    is one of the 财政拨款项目 with its fiscal money and one of the 非财政拨款项目 with the rest, so each side's
    amount is the money of the projects it counts, and the two amounts add up to all project spending."""
    fiscal_money: dict[str, Decimal] = {}
    other_money: dict[str, Decimal] = {}
    for entry in ledger.select(project):
        name = entry.line.project
        assert name is not None
        side = fiscal_money if fiscal(entry.line) else other_money
        side[name] = side.get(name, ZERO) + entry.line.amount
    return {n: a for n, a in fiscal_money.items() if a}, {n: a for n, a in other_money.items() if a}


def _other_matters(ledger: Ledger, say: Phrases) -> list[Paragraph]:
    classified = [p.name for p in ledger.budget.projects if p.classified]
    if not classified:
        return [Paragraph(text=f"本{ledger.budget.kind.entity}无其他需说明的事项。")]
    amount = ledger.sum(lambda line: line.project in classified)
    entity = ledger.budget.kind.entity
    return [Paragraph(text=f"本{entity}涉密项目{len(classified)}个，涉及预算金额{say.amount(amount)}。")]
