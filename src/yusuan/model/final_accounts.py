"""`FinalAccounts`: the facts of one unit's or department's final accounts (决算), as its accountant knows them.

The 决算 is the other phase of the same disclosure: what was received and
spent in the year, against what the budget allowed at its start.  Income and
spending are no longer one set of lines — money received in the year need not
be spent in it — so the facts are typed in three sets, each once, at the grain
the national layout (附件2：部门决算模板) prints:

- `income`: 本年收入 by function code (项) and source;
- `spending`: 本年支出 by function code (项), fund and use (基本 / 项目 / 上缴上级 /
  经营 / 对附属单位补助), with its 年初预算数 (and 调整预算数 where published) for
  the 一般公共预算 lines the narrative explains one by one, and the reason a
  决算数 differs from its 年初预算数;
- `basic_items`: 一般公共预算财政拨款基本支出 by economic code (款).

Balances at the start and the end of the year (年初 / 年末结转和结余) are given
per fund, and each fund must balance at load:
年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余 (the non-fiscal fund with
使用非财政拨款结余 and 结余分配).  Amounts are in `money_unit` (a 决算 is kept in
元 and published in 万元, rounded cell by cell: `print_unit`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from pydantic import Field, field_validator, model_validator

from yusuan.model.base import Amount, Frozen, LocatedValueError
from yusuan.model.budget import Procurement, ThreePublic
from yusuan.model.codes import (
    AnyEconomicCode,
    AnyFunctionCode,
    EconomicCode,
    FunctionCode,
    check_function_code,
)
from yusuan.model.kinds import DocumentKind
from yusuan.model.people import GlossaryEntry
from yusuan.money import MoneyUnit, format_amount

FINAL_KINDS = (DocumentKind.UNIT_FINAL_ACCOUNTS, DocumentKind.DEPARTMENT_FINAL_ACCOUNTS)


class FinalFund(StrEnum):
    """The fund a 决算 line belongs to: the three fiscal budgets, or the unit's other money."""

    GENERAL_PUBLIC_BUDGET = "general_public_budget"  # 一般公共预算财政拨款
    GOVERNMENT_FUND = "government_fund"  # 政府性基金预算财政拨款
    STATE_CAPITAL = "state_capital"  # 国有资本经营预算财政拨款
    OTHER = "other"  # 非财政拨款: 上级补助, 事业, 经营, 附属单位上缴, 其他收入

    @property
    def label(self) -> str:
        return {
            "general_public_budget": "一般公共预算财政拨款",
            "government_fund": "政府性基金预算财政拨款",
            "state_capital": "国有资本经营预算财政拨款",
            "other": "非财政拨款资金",
        }[self.value]

    @property
    def is_fiscal(self) -> bool:
        return self is not FinalFund.OTHER


class IncomeSource(StrEnum):
    """The sources 收入决算表 prints, in its order (财政拨款 split by fund)."""

    GENERAL_PUBLIC_BUDGET = "general_public_budget"
    GOVERNMENT_FUND = "government_fund"
    STATE_CAPITAL = "state_capital"
    SUPERIOR_SUBSIDY = "superior_subsidy"  # 上级补助收入
    BUSINESS_INCOME = "business_income"  # 事业收入
    OPERATING_INCOME = "operating_income"  # 经营收入
    AFFILIATED_REMITTANCE = "affiliated_remittance"  # 附属单位上缴收入
    OTHER_INCOME = "other_income"  # 其他收入

    @property
    def fund(self) -> FinalFund:
        return FinalFund(self.value) if self.value in FinalFund._value2member_map_ else FinalFund.OTHER

    @property
    def label(self) -> str:
        return {
            "general_public_budget": "一般公共预算财政拨款收入",
            "government_fund": "政府性基金预算财政拨款收入",
            "state_capital": "国有资本经营预算财政拨款收入",
            "superior_subsidy": "上级补助收入",
            "business_income": "事业收入",
            "operating_income": "经营收入",
            "affiliated_remittance": "附属单位上缴收入",
            "other_income": "其他收入",
        }[self.value]


class SpendingUse(StrEnum):
    """The columns of 支出决算表: what the money was spent as."""

    BASIC = "basic"  # 基本支出
    PROJECT = "project"  # 项目支出
    REMIT_SUPERIOR = "remit_superior"  # 上缴上级支出
    OPERATING = "operating"  # 经营支出
    AFFILIATED_SUBSIDY = "affiliated_subsidy"  # 对附属单位补助支出

    @property
    def label(self) -> str:
        return {
            "basic": "基本支出",
            "project": "项目支出",
            "remit_superior": "上缴上级支出",
            "operating": "经营支出",
            "affiliated_subsidy": "对附属单位补助支出",
        }[self.value]


class FinalUnitProfile(Frozen):
    """第一部分 概况: the duties and who the 决算 covers (部门决算单位构成 / 机构设置)."""

    name: str = Field(min_length=2)
    administrative: bool = Field(True, description="行政单位（含参公）: its 公用经费 are 机关运行经费")
    duties: list[str] = Field(min_length=1, description="主要职能")
    composition: str = Field(min_length=2, description="部门决算单位构成, as the document states it")


class IncomeLine(Frozen):
    """本年收入 of one function code (项) from one source."""

    function_code: FunctionCode
    source: IncomeSource
    amount: Amount


class SpendingLine(Frozen):
    """本年支出 of one function code (项), fund and use."""

    function_code: FunctionCode
    fund: FinalFund
    use: SpendingUse
    amount: Amount


class BasicItem(Frozen):
    """一般公共预算财政拨款基本支出 of one economic code (款): 人员经费 (301, 303) or 公用经费 (the rest)."""

    economic_code: EconomicCode
    amount: Amount

    @property
    def personnel(self) -> bool:
        return self.economic_code[:3] in ("301", "303")


class LineBudget(Frozen):
    """What the budget allowed a 项 of fiscal spending, what it was for, and why the 决算 differs."""

    budget: Amount = Field(description="年初预算数")
    adjusted: Amount | None = Field(None, description="调整预算数, where the layout publishes it")
    purpose: str = Field("", description="主要用于…")
    reason: str = Field("", description="决算数大于/小于年初预算数的主要原因")


class Balance(Frozen):
    """年初结转和结余 and 年末结转和结余 of one fund."""

    opening: Amount = Decimal(0)
    closing: Amount = Decimal(0)


class ThreePublicOutturn(Frozen):
    """“三公”经费 of fiscal appropriations: 年初预算数 and 决算数, with what the narrative says of them."""

    budget: ThreePublic = ThreePublic()
    final: ThreePublic = ThreePublic()
    reason: str = Field("", description="决算数大于/小于预算数的主要原因")
    abroad_groups: int = Field(0, ge=0, description="因公出国（境）团组数")
    abroad_people: int = Field(0, ge=0, description="因公出国（境）人次")
    vehicles_bought: int = Field(0, ge=0, description="公务用车购置数（辆）")
    vehicles_held: int = Field(0, ge=0, description="公务用车保有量（辆）")
    receptions: int = Field(0, ge=0, description="国内公务接待批次")
    reception_people: int = Field(0, ge=0, description="国内公务接待人次")
    reception_purpose: str = ""


class LastYearOutturn(Frozen):
    """Last year's 决算 figures the narrative compares with, and the reasons for each change."""

    total: Amount = Field(description="收入支出总计")
    fiscal_total: Amount = Field(description="财政拨款收入支出总计")
    general_public_budget: Amount = Field(description="一般公共预算财政拨款支出")
    three_public: ThreePublic = ThreePublic()
    running_costs: Amount = Field(Decimal(0), description="机关运行经费")
    reasons: dict[str, str] = Field(default_factory=dict)

    @field_validator("reasons")
    @classmethod
    def _known_reasons(cls, value: dict[str, str]) -> dict[str, str]:
        known = {"total", "fiscal_total", "general_public_budget", "three_public", "running_costs"}
        for key in value:
            if key not in known:
                raise ValueError(f"未知的上年比较项 {key!r}（可填：{'、'.join(sorted(known))}）")
        return value


class FinalAssets(Frozen):
    """国有资产占用情况 at the year's end: vehicles by category, large equipment."""

    vehicles: dict[str, int] = Field(default_factory=dict, description="车辆数 by category, in print order")
    equipment_over_50: int = Field(0, ge=0, description="单价50万元以上通用设备（台、套）")
    equipment_over_100: int = Field(0, ge=0, description="单价100万元以上专用设备（台、套）")


class FinalAccounts(Frozen):
    """The facts of one unit's or department's final accounts for one year."""

    year: int = Field(ge=2000, le=2100)
    kind: DocumentKind
    money_unit: MoneyUnit = Field(MoneyUnit.WAN_YUAN, description="the unit the amounts below are typed in")
    print_unit: MoneyUnit = Field(MoneyUnit.WAN_YUAN, description="the unit the tables and narrative print")
    published: date | None = Field(None, description="落款日期")
    unit: FinalUnitProfile
    income: list[IncomeLine] = Field(min_length=1)
    spending: list[SpendingLine] = Field(min_length=1)
    basic_items: list[BasicItem] = Field(default_factory=list)
    line_budgets: dict[str, LineBudget] = Field(
        default_factory=dict, description="年初预算 of each fiscal 项 (7-digit function code)"
    )
    balances: dict[FinalFund, Balance] = Field(default_factory=dict)
    nonfiscal_surplus_used: Amount = Field(Decimal(0), description="使用非财政拨款结余")
    surplus_distribution: Amount = Field(Decimal(0), description="结余分配")
    three_public: ThreePublicOutturn = ThreePublicOutturn()
    running_costs_budget: Amount | None = Field(None, description="机关运行经费年初预算数, where stated")
    running_costs_reason: str = ""
    procurement: Procurement = Procurement()
    assets: FinalAssets | None = None
    performance: list[str] = Field(default_factory=list, description="预算绩效管理情况, paragraphs")
    last_year: LastYearOutturn | None = None
    no_last_year: str = Field("", description="why there are no last-year figures (a unit new this year)")
    function_names: dict[AnyFunctionCode, str] = Field(default_factory=dict)
    economic_names: dict[AnyEconomicCode, str] = Field(default_factory=dict)
    glossary: list[GlossaryEntry] | None = None

    @field_validator("kind")
    @classmethod
    def _final_kind(cls, value: DocumentKind) -> DocumentKind:
        if value not in FINAL_KINDS:
            raise ValueError(f"决算数据的 kind 须为 {'或'.join(k.value for k in FINAL_KINDS)}")
        return value

    @field_validator("line_budgets")
    @classmethod
    def _budget_codes(cls, value: dict[str, LineBudget]) -> dict[str, LineBudget]:
        return {check_function_code(code, leaf=True): budget for code, budget in value.items()}

    @model_validator(mode="after")
    def _funds_balance(self) -> FinalAccounts:
        """年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余, fund by fund."""
        for fund in FinalFund:
            balance = self.balances.get(fund, Balance())
            received = self.income_of(fund)
            spent = self.spending_of(fund)
            extra_in = self.nonfiscal_surplus_used if fund is FinalFund.OTHER else Decimal(0)
            extra_out = self.surplus_distribution if fund is FinalFund.OTHER else Decimal(0)
            left = balance.opening + received + extra_in
            right = spent + balance.closing + extra_out
            if left != right:
                unit = self.money_unit.value
                raise LocatedValueError(
                    f"{fund.label}收支不平衡：年初结转和结余 {format_amount(balance.opening)} + 本年收入 "
                    f"{format_amount(received)}{' + 使用非财政拨款结余' if extra_in else ''} = "
                    f"{format_amount(left)}{unit}，而本年支出 {format_amount(spent)} + 年末结转和结余 "
                    f"{format_amount(balance.closing)}{' + 结余分配' if extra_out else ''} = "
                    f"{format_amount(right)}{unit}",
                    ("balances", fund.value),
                )
        return self

    @model_validator(mode="after")
    def _basic_items_agree(self) -> FinalAccounts:
        """表6 by economic code adds up to the 一般公共预算 basic spending by function code."""
        by_function = sum(
            (
                s.amount
                for s in self.spending
                if s.fund is FinalFund.GENERAL_PUBLIC_BUDGET and s.use is SpendingUse.BASIC
            ),
            Decimal(0),
        )
        by_economic = sum((b.amount for b in self.basic_items), Decimal(0))
        if by_function != by_economic:
            raise LocatedValueError(
                f"一般公共预算财政拨款基本支出按经济分类合计 {format_amount(by_economic)}，"
                f"与按功能分类的基本支出 {format_amount(by_function)} 不一致（{self.money_unit.value}）",
                ("basic_items",),
            )
        return self

    @model_validator(mode="after")
    def _last_year_or_why_not(self) -> FinalAccounts:
        if self.last_year is None and not self.no_last_year.strip():
            raise LocatedValueError(
                "决算说明须与上年决算数比较：请填写 last_year，或在 no_last_year 中说明没有上年数的原因",
                ("last_year",),
            )
        return self

    def income_of(self, fund: FinalFund) -> Decimal:
        return sum((i.amount for i in self.income if i.source.fund is fund), Decimal(0))

    def spending_of(self, fund: FinalFund) -> Decimal:
        return sum((s.amount for s in self.spending if s.fund is fund), Decimal(0))

    @property
    def entity(self) -> str:
        return self.kind.entity
