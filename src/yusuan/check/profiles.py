"""Rule profiles: what differs between regional templates, kept as data.

A profile names the settings rules read instead of hard-coding one template:
which performance-weight totals are accepted (100, or 90 where the template
reserves 10 points for 预算执行率), which tables and parts are mandated.  The
profile is chosen from `DocumentMeta.template` (e.g. `xinjiang-unit-2024` →
`xinjiang`) unless the caller names one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.errors import InputError
from yusuan.model.kinds import TableKind

# The eleven tables of the unit-budget template (other templates add kinds of their own).
ELEVEN_TABLES: tuple[TableKind, ...] = (
    TableKind.INCOME_EXPENDITURE_SUMMARY,
    TableKind.INCOME_SUMMARY,
    TableKind.EXPENDITURE_SUMMARY,
    TableKind.FISCAL_SUMMARY,
    TableKind.GENERAL_BUDGET_EXPENDITURE,
    TableKind.GENERAL_BUDGET_BASIC,
    TableKind.GENERAL_BUDGET_PROJECTS,
    TableKind.GOVERNMENT_FUND_EXPENDITURE,
    TableKind.STATE_CAPITAL_EXPENDITURE,
    TableKind.THREE_PUBLIC,
    TableKind.CARRYOVER,
)


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    # accepted sums of indicator weights, by performance-table scope (`unit`, `project`)
    performance_weights: dict[str, tuple[Decimal, ...]] = field(default_factory=dict)
    # tables the template requires even when the table of contents does not list them
    mandated_tables: tuple[TableKind, ...] = ()
    # Part 4 (名词解释) is required
    glossary_required: bool = True

    def accepted_weights(self, scope: str) -> tuple[Decimal, ...]:
        return self.performance_weights.get(scope, (Decimal(100),))


PROFILES: dict[str, Profile] = {
    "default": Profile(
        name="default",
        description="通用：绩效指标权重合计 100；以目录为准检查表格是否齐全",
        performance_weights={"unit": (Decimal(100),), "project": (Decimal(100),)},
    ),
    "xinjiang": Profile(
        name="xinjiang",
        description="新疆单位预算模板（11 张表）：项目绩效目标表预留 10 分给预算执行率，列出的指标权重合计 90 或 100",
        performance_weights={"unit": (Decimal(100),), "project": (Decimal(100), Decimal(90))},
        mandated_tables=ELEVEN_TABLES,
    ),
}


def profile_for_template(template: str) -> str:
    """The profile a template implies: `xinjiang-unit-2024` → `xinjiang`."""
    prefix = template.split("-", 1)[0].lower()
    return prefix if prefix in PROFILES else "default"


def resolve_profile(name: str | None, template: str) -> Profile:
    if name is None:
        return PROFILES[profile_for_template(template)]
    if name not in PROFILES:
        raise InputError("--profile", f"未知的规则配置“{name}”（可选：{'、'.join(PROFILES)}）")
    return PROFILES[name]
