"""Rule profiles: what a region requires beyond the national minimum, kept as data.

A profile names the settings rules read instead of hard-coding one template:
which performance-weight totals are accepted (100, or 90 where the template
reserves 10 points for 预算执行率), which tables are mandated, how the parts
are named.  A document's own requirements come from its kind, its own 目录 and
the national minimum (`default`); a regional profile adds its region's rules
and applies only to a document that shows that region (`DocumentMeta.province`),
never because a reader guessed the region's template from table titles every
region prints.  `choose_profile` returns the profile with the reason, which
the report prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.errors import InputError
from yusuan.model.disclosure import DocumentMeta
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

# The national minimum of a budget disclosure (《地方预决算公开操作规程》, 财预〔2016〕143号: the
# "eight tables" every department budget publishes, empty ones with a note).  Required of a
# document whose own contents list its tables, so that a table the reader could not find is
# never reported as unpublished.
NATIONAL_BUDGET_TABLES: tuple[TableKind, ...] = (
    TableKind.INCOME_EXPENDITURE_SUMMARY,
    TableKind.INCOME_SUMMARY,
    TableKind.EXPENDITURE_SUMMARY,
    TableKind.FISCAL_SUMMARY,
    TableKind.GENERAL_BUDGET_EXPENDITURE,
    TableKind.GENERAL_BUDGET_BASIC,
    TableKind.THREE_PUBLIC,
    TableKind.GOVERNMENT_FUND_EXPENDITURE,
)

# A required table a layout replaces by a wider one holding its figures: 一般公共预算支出表（按经济分类）
# prints the economic classes of all general-budget spending, its basic part among them (深圳)
COVERED_BY: dict[TableKind, tuple[TableKind, ...]] = {
    TableKind.GENERAL_BUDGET_BASIC: (TableKind.GENERAL_BUDGET_ECONOMIC,),
}


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    label: str = ""  # what the report calls it: 全国通用, 新疆
    # provinces whose documents follow it (empty: any region)
    provinces: tuple[str, ...] = ()
    # parts named as the region's template names them (`第一部分 单位概况：主要职能`) rather than by meaning
    template_part_names: bool = False
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
        description="全国通用：以文档类型、文档自己的目录和全国基本要求为准；绩效指标权重合计 100",
        label="全国通用",
        performance_weights={"unit": (Decimal(100),), "project": (Decimal(100),)},
    ),
    "xinjiang": Profile(
        name="xinjiang",
        description="新疆单位预算模板（11 张表）：项目绩效目标表预留 10 分给预算执行率，列出的指标权重合计 90 或 100",
        performance_weights={"unit": (Decimal(100),), "project": (Decimal(100), Decimal(90))},
        label="新疆",
        provinces=("新疆维吾尔自治区",),
        template_part_names=True,
        mandated_tables=ELEVEN_TABLES,
    ),
}


@dataclass(frozen=True)
class ProfileChoice:
    """The profile a document is checked under, and why (the report prints both)."""

    profile: Profile
    reason: str


def choose_profile(meta: DocumentMeta, name: str | None = None) -> ProfileChoice:
    """The profile for this document: the one named, else its region's, else the national default.

    A document whose region was never looked for (built in code, compiled from
    a budget) follows the template it was made from.
    """
    if name is not None:
        return ProfileChoice(resolve_profile(name, meta.template), f"按指定的规则配置（{name}）")
    default = PROFILES["default"]
    if meta.province is not None:
        regional = next((p for p in PROFILES.values() if meta.province in p.provinces), None)
        if regional is not None:
            return ProfileChoice(regional, f"文档显示地区为{meta.region}，另加该地区模板的要求")
        return ProfileChoice(default, f"文档显示地区为{meta.region}，按全国通用要求和文档自己的目录")
    if meta.region_read:
        return ProfileChoice(default, "文档未显示所属地区，按全国通用要求和文档自己的目录")
    implied = PROFILES[profile_for_template(meta.template)]
    return ProfileChoice(implied, f"按编制所用的模板（{meta.template}）")


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
