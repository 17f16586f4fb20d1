"""`Budget`: the facts of one unit's budget, as its accountant knows them.

This is the input side of yusuan.  Every figure is typed once, at its finest
grain: spending lines by function code × economic code × fund source × basic
(人员/公用) or project × project name.  Income by source, every table total,
every share and every change the narrative states is *derived* from these
facts by `yusuan.compile`; nothing here repeats another field.

Last year's figures are comparisons keyed by what they compare (see
`COMPARISON_KEYS`), each with the reason the narrative gives for the change.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator, model_validator

from yusuan.lazy_pattern import lazy_compile
from yusuan.model.base import Amount, Frozen, LocatedValueError, Number
from yusuan.model.codes import (
    AnyEconomicCode,
    AnyFunctionCode,
    EconomicCode,
    FunctionCode,
)
from yusuan.model.kinds import DocumentKind, FundSource, FundType, SpendingKind
from yusuan.model.people import GlossaryEntry, Staffing
from yusuan.money import MoneyUnit


class UnitProfile(Frozen):
    """第一部分 单位概况: who the unit is, what it does, how it is organised."""

    name: str = Field(min_length=2)
    administrative: bool = Field(True, description="行政单位（含参公）: its 公用经费 are 机关运行经费")
    duties: list[str] = Field(min_length=1, description="主要职能")
    subordinate_units: list[str] = Field(default_factory=list, description="下属预算单位")
    divisions: list[str] = Field(default_factory=list, description="内设科室")
    staffing: Staffing


class ExpenditureLine(Frozen):
    """One spending line at the finest grain the tables need."""

    function_code: FunctionCode
    economic_code: EconomicCode
    source: FundSource
    kind: SpendingKind
    project: str | None = None
    amount: Amount

    @model_validator(mode="after")
    def _project_matches_kind(self) -> ExpenditureLine:
        if self.kind is SpendingKind.PROJECT and not self.project:
            raise ValueError("项目支出须写明项目名称 (project)")
        if self.kind is not SpendingKind.PROJECT and self.project:
            raise ValueError("基本支出不应写项目名称 (project)")
        return self


class Indicator(Frozen):
    """One level-3 performance indicator with its place in the indicator tree."""

    level1: str = Field(description="一级指标")
    level2: str = Field(description="二级指标")
    name: str = Field(description="三级指标")
    value: str = Field(description="指标值 as it is to be printed, e.g. `>=95%`, `有效保障`")
    basis: str = Field("", description="指标设定依据")
    weight: Number = Field(description="分值权重")
    last_year_value: str | None = Field(None, description="上年完成值")
    scoring: str | None = Field(None, description="指标赋分规则")
    evidence: str | None = Field(None, description="佐证资料")


class UnitPerformance(Frozen):
    """单位整体绩效目标表."""

    contact: str = ""
    phone: str = ""
    goals: list[str] = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)


class ProjectPerformance(Frozen):
    """项目支出绩效目标表 (funds come from the project's lines)."""

    leader: str = ""
    goal: str
    indicators: list[Indicator] = Field(min_length=1)


class Project(Frozen):
    """A project: what the narrative and the performance tables say about it."""

    name: str
    classified: bool = Field(False, description="涉密项目: only its count and amount are disclosed")
    basis: str = Field("", description="设立的政策依据")
    owner: str = Field("", description="项目承担单位 (default: the unit)")
    allocation: str = Field("", description="资金分配情况")
    period: str = Field("", description="资金执行时间")
    performance: ProjectPerformance | None = None


class Comparison(Frozen):
    """Last year's comparable figure and the reason for the change."""

    amount: Amount
    reason: str = ""


class ThreePublic(Frozen):
    """“三公”经费 of one fund type (financed by fiscal appropriations)."""

    abroad: Amount = Decimal(0)
    reception: Amount = Decimal(0)
    vehicle_purchase: Amount = Decimal(0)
    vehicle_operation: Amount = Decimal(0)


class Procurement(Frozen):
    """政府采购预算 and the part reserved for small and micro enterprises."""

    goods: Amount = Decimal(0)
    works: Amount = Decimal(0)
    services: Amount = Decimal(0)
    reserved_sme: Amount = Field(Decimal(0), description="面向中小企业预留")
    reserved_small_micro: Amount = Field(Decimal(0), description="其中：小微企业预留")

    @property
    def total(self) -> Decimal:
        return self.goods + self.works + self.services


class VehicleCategory(Frozen):
    name: str
    count: int = Field(ge=0)
    value: Amount


class Assets(Frozen):
    """国有资产占用使用情况 at the end of the previous year, and planned purchases."""

    as_of: str = Field(description="e.g. 2023 年底")
    building_area: Number = Field(Decimal(0), description="房屋 平方米")
    building_value: Amount = Decimal(0)
    vehicles: list[VehicleCategory] = Field(default_factory=list)
    furniture_value: Amount = Decimal(0)
    other_value: Amount = Decimal(0)
    equipment_over_50: int = Field(0, ge=0, description="单位价值50万元以上大型设备（台）")
    equipment_over_100: int = Field(0, ge=0, description="单位价值100万元以上大型设备（台）")
    planned_vehicles: int = Field(0, ge=0, description="本年预算安排购置车辆（辆）")
    planned_equipment_over_50: int = Field(0, ge=0)
    planned_equipment_over_100: int = Field(0, ge=0)


FUNCTION_COMPARISON_PREFIX = "general_public_budget.function."
"""The key of one 项's last-year 一般公共预算 figure is this and its code (`general_public_budget.function.2013101`)."""

COMPARISON_KEYS = (
    r"income\.(general_public_budget|general_public_budget_transfer|government_fund"
    r"|government_fund_transfer|state_capital|state_capital_transfer|special_account|unit_funds|carryover)",
    r"expenditure\.(basic|project)",
    r"general_public_budget\.(basic|project)",
    r"general_public_budget\.function\.\d{7}",
    r"three_public\.(abroad|vehicle_purchase|vehicle_operation|reception)",
    r"running_costs",
)
COMPARISON_KEY_PATTERN = lazy_compile("^(" + "|".join(COMPARISON_KEYS) + ")$")


def _check_comparison_key(key: str) -> str:
    if not COMPARISON_KEY_PATTERN.match(key):
        raise ValueError(f"未知的上年比较项 {key!r}")
    return key


ComparisonKey = Annotated[str, AfterValidator(_check_comparison_key)]
"""A key of `last_year`: one of COMPARISON_KEYS (a budget's or a department file's comparisons)."""


class Budget(Frozen):
    """The facts of one unit's budget for one year."""

    year: int = Field(ge=2000, le=2100)
    kind: DocumentKind = DocumentKind.UNIT_BUDGET
    money_unit: MoneyUnit = MoneyUnit.WAN_YUAN
    published: date | None = Field(None, description="落款日期")
    unit: UnitProfile
    lines: list[ExpenditureLine] = Field(min_length=1)
    projects: list[Project] = Field(default_factory=list)
    last_year: dict[ComparisonKey, Comparison] = Field(default_factory=dict)
    three_public: dict[FundType, ThreePublic] = Field(default_factory=dict)
    procurement: Procurement = Procurement()
    assets: Assets | None = None
    performance: UnitPerformance | None = None
    running_costs: Amount | None = Field(
        None,
        description="机关运行经费 where it is not the unit's own 一般公共预算 公用经费: a department's is the 公用经费 "
        "of its administrative units (行政单位、参公事业单位) only",
    )
    function_names: dict[AnyFunctionCode, str] = Field(default_factory=dict, description="names of function codes used")
    economic_names: dict[AnyEconomicCode, str] = Field(default_factory=dict, description="names of economic codes used")
    class_purposes: dict[str, str] = Field(default_factory=dict, description="主要用于… per function class")
    glossary: list[GlossaryEntry] | None = None

    @field_validator("kind")
    @classmethod
    def _budget_kind(cls, value: DocumentKind) -> DocumentKind:
        if value.is_final:
            raise ValueError(
                f"{value.label}不是预算：决算数据须按决算格式填写（见 examples/foshan-rail-2019-final/final.yaml）"
            )
        return value

    @model_validator(mode="after")
    def _projects_and_lines_agree(self) -> Budget:
        declared: dict[str, int] = {}
        for index, project in enumerate(self.projects):
            if project.name in declared:
                raise LocatedValueError(f"项目“{project.name}”重复登记", ("projects", index, "name"))
            declared[project.name] = index
        used = {line.project for line in self.lines if line.project}
        for name, index in declared.items():
            if name not in used:
                raise LocatedValueError(f"项目“{name}”没有任何支出明细 (lines)", ("projects", index, "name"))
        for index, line in enumerate(self.lines):
            if line.project and line.project not in declared:
                raise LocatedValueError(
                    f"支出明细引用了未登记的项目“{line.project}” (projects)", ("lines", index, "project")
                )
        return self

    def project(self, name: str) -> Project:
        return next(p for p in self.projects if p.name == name)
