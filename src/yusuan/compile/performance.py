"""Performance-target tables: the unit-wide table and one table per project.

The funds printed in each table are not typed in: the unit table's funds are
the whole budget split into fiscal (上级安排 / 本级安排) and other money; a
project table's funds are the sum of that project's lines.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.compile.ledger import Ledger, fiscal, in_project
from yusuan.model import Indicator, PerformanceIndicator, PerformanceTable, Source
from yusuan.money import format_amount


def _indicators(indicators: list[Indicator], record: str) -> list[PerformanceIndicator]:
    return [
        PerformanceIndicator(
            level1=i.level1,
            level2=i.level2,
            name=i.name,
            value=i.value,
            basis=i.basis,
            weight=i.weight,
            last_year_value=i.last_year_value,
            scoring=i.scoring,
            evidence=i.evidence,
            source=Source(records=(f"{record}.indicators[{n}]",)),
        )
        for n, i in enumerate(indicators)
    ]


def performance_tables(ledger: Ledger) -> list[PerformanceTable]:
    budget = ledger.budget
    tables = []
    if budget.performance:
        total = ledger.sum()
        fiscal_total = ledger.sum(fiscal)
        superior = ledger.sum(fiscal, lambda line: line.source.is_transfer)
        tables.append(
            PerformanceTable(
                scope="unit",
                name=budget.unit.name,
                responsible=budget.performance.contact,
                phone=budget.performance.phone,
                total=total,
                fiscal=fiscal_total,
                fiscal_superior=superior,
                fiscal_own=fiscal_total - superior,
                other=total - fiscal_total,
                goal="\n".join(budget.performance.goals),
                indicators=_indicators(budget.performance.indicators, "performance"),
            )
        )
    for index, project in enumerate(budget.projects):
        if project.performance is None:
            continue
        total = ledger.sum(in_project(project.name))
        fiscal_part = ledger.sum(fiscal, in_project(project.name))
        other = total - fiscal_part
        goal = (
            f"该项目资金{format_amount(total)}万元，其中：财政资金{format_amount(fiscal_part)}万元，"
            f"其他资金{format_amount(other)}万元。{project.performance.goal}"
        )
        tables.append(
            PerformanceTable(
                scope="project",
                name=project.name,
                responsible=project.performance.leader,
                total=total,
                fiscal=fiscal_part,
                other=other if other else Decimal("0.00"),
                goal=goal,
                indicators=_indicators(project.performance.indicators, f"projects[{index}].performance"),
            )
        )
    return tables
