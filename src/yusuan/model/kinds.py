"""The shared vocabulary: fund sources, spending kinds, table kinds, column keys.

Every regional template prints its own titles and headers; yusuan maps them
onto these canonical names so that compile, render, extract and check speak
about the same things.  Keys are plain strings (stable, readable in JSON and
in the store); the enums and constants here are the one place they are
spelled out, each with its Chinese meaning.
"""

from __future__ import annotations

from enum import StrEnum


class DocumentKind(StrEnum):
    """What the document is: a unit's or a department's budget or final accounts."""

    UNIT_BUDGET = "unit_budget"  # 单位预算
    DEPARTMENT_BUDGET = "department_budget"  # 部门预算
    UNIT_FINAL_ACCOUNTS = "unit_final_accounts"  # 单位决算
    DEPARTMENT_FINAL_ACCOUNTS = "department_final_accounts"  # 部门决算

    @property
    def label(self) -> str:
        return {
            "unit_budget": "单位预算",
            "department_budget": "部门预算",
            "unit_final_accounts": "单位决算",
            "department_final_accounts": "部门决算",
        }[self.value]

    @property
    def is_final(self) -> bool:
        """A final account (决算), not a budget."""
        return self.value.endswith("final_accounts")

    @property
    def phase(self) -> str:
        """预算 or 决算, as titles and sentences say it."""
        return "决算" if self.is_final else "预算"

    @property
    def entity(self) -> str:
        """单位 or 部门, as used in table titles."""
        return "部门" if self.value.startswith("department") else "单位"


class FundType(StrEnum):
    """The budget a fund belongs to (the columns of tables 4 and 10)."""

    GENERAL_PUBLIC_BUDGET = "general_public_budget"  # 一般公共预算
    GOVERNMENT_FUND = "government_fund"  # 政府性基金预算
    STATE_CAPITAL = "state_capital"  # 国有资本经营预算
    SPECIAL_ACCOUNT = "special_account"  # 财政专户管理资金
    UNIT_FUNDS = "unit_funds"  # 单位资金

    @property
    def label(self) -> str:
        return FUND_TYPE_LABELS[self]

    @property
    def is_fiscal(self) -> bool:
        """财政拨款: the three budgets, not 财政专户 or 单位资金."""
        return self in FISCAL_FUND_TYPES


FUND_TYPE_LABELS: dict[FundType, str] = {
    FundType.GENERAL_PUBLIC_BUDGET: "一般公共预算",
    FundType.GOVERNMENT_FUND: "政府性基金预算",
    FundType.STATE_CAPITAL: "国有资本经营预算",
    FundType.SPECIAL_ACCOUNT: "财政专户管理资金",
    FundType.UNIT_FUNDS: "单位资金",
}
FISCAL_FUND_TYPES = (FundType.GENERAL_PUBLIC_BUDGET, FundType.GOVERNMENT_FUND, FundType.STATE_CAPITAL)


class FundSource(StrEnum):
    """Where a line's money comes from, at the grain of table 1's income rows."""

    GENERAL_PUBLIC_BUDGET = "general_public_budget"  # 一般公共预算拨款 (一般财力)
    GENERAL_PUBLIC_BUDGET_TRANSFER = "general_public_budget_transfer"  # 上级一般公共预算安排转移支付
    GOVERNMENT_FUND = "government_fund"  # 政府性基金收入
    GOVERNMENT_FUND_TRANSFER = "government_fund_transfer"  # 上级政府性基金安排转移支付
    STATE_CAPITAL = "state_capital"  # 国有资本经营收入
    STATE_CAPITAL_TRANSFER = "state_capital_transfer"  # 上级国有资本经营预算安排转移支付
    SPECIAL_ACCOUNT = "special_account"  # 财政专户核拨
    BUSINESS_INCOME = "business_income"  # 事业收入
    SUPERIOR_SUBSIDY = "superior_subsidy"  # 上级补助收入
    AFFILIATED_REMITTANCE = "affiliated_remittance"  # 附属单位上缴收入
    OPERATING_INCOME = "operating_income"  # 事业单位经营收入
    OTHER_INCOME = "other_income"  # 其他收入
    CARRYOVER_GENERAL_PUBLIC_BUDGET = "carryover_general_public_budget"  # 财政拨款结转: 一般公共预算
    CARRYOVER_GOVERNMENT_FUND = "carryover_government_fund"
    CARRYOVER_STATE_CAPITAL = "carryover_state_capital"
    CARRYOVER_SPECIAL_ACCOUNT = "carryover_special_account"  # 非财政拨款结余: 财政专户核拨
    CARRYOVER_UNIT_FUNDS = "carryover_unit_funds"  # 非财政拨款结余: 单位资金

    @property
    def label(self) -> str:
        return FUND_SOURCE_LABELS[self]

    @property
    def fund_type(self) -> FundType:
        return _FUND_TYPE_OF[self]

    @property
    def is_carryover(self) -> bool:
        return self.value.startswith("carryover_")

    @property
    def is_fiscal(self) -> bool:
        return self.fund_type.is_fiscal

    @property
    def is_transfer(self) -> bool:
        return self.value.endswith("_transfer")


FUND_SOURCE_LABELS: dict[FundSource, str] = {
    FundSource.GENERAL_PUBLIC_BUDGET: "一般公共预算",
    FundSource.GENERAL_PUBLIC_BUDGET_TRANSFER: "上级一般公共预算安排的转移支付",
    FundSource.GOVERNMENT_FUND: "政府性基金预算",
    FundSource.GOVERNMENT_FUND_TRANSFER: "上级政府性基金安排的转移支付",
    FundSource.STATE_CAPITAL: "国有资本经营预算",
    FundSource.STATE_CAPITAL_TRANSFER: "上级国有资本经营预算安排的转移支付",
    FundSource.SPECIAL_ACCOUNT: "财政专户核拨",
    FundSource.BUSINESS_INCOME: "事业收入",
    FundSource.SUPERIOR_SUBSIDY: "上级补助收入",
    FundSource.AFFILIATED_REMITTANCE: "附属单位上缴收入",
    FundSource.OPERATING_INCOME: "事业单位经营收入",
    FundSource.OTHER_INCOME: "其他收入",
    FundSource.CARRYOVER_GENERAL_PUBLIC_BUDGET: "上年结转：一般公共预算拨款",
    FundSource.CARRYOVER_GOVERNMENT_FUND: "上年结转：政府性基金预算拨款",
    FundSource.CARRYOVER_STATE_CAPITAL: "上年结转：国有资本经营预算拨款",
    FundSource.CARRYOVER_SPECIAL_ACCOUNT: "上年结余：财政专户核拨",
    FundSource.CARRYOVER_UNIT_FUNDS: "上年结余：单位资金",
}

_FUND_TYPE_OF: dict[FundSource, FundType] = {
    FundSource.GENERAL_PUBLIC_BUDGET: FundType.GENERAL_PUBLIC_BUDGET,
    FundSource.GENERAL_PUBLIC_BUDGET_TRANSFER: FundType.GENERAL_PUBLIC_BUDGET,
    FundSource.GOVERNMENT_FUND: FundType.GOVERNMENT_FUND,
    FundSource.GOVERNMENT_FUND_TRANSFER: FundType.GOVERNMENT_FUND,
    FundSource.STATE_CAPITAL: FundType.STATE_CAPITAL,
    FundSource.STATE_CAPITAL_TRANSFER: FundType.STATE_CAPITAL,
    FundSource.SPECIAL_ACCOUNT: FundType.SPECIAL_ACCOUNT,
    FundSource.BUSINESS_INCOME: FundType.UNIT_FUNDS,
    FundSource.SUPERIOR_SUBSIDY: FundType.UNIT_FUNDS,
    FundSource.AFFILIATED_REMITTANCE: FundType.UNIT_FUNDS,
    FundSource.OPERATING_INCOME: FundType.UNIT_FUNDS,
    FundSource.OTHER_INCOME: FundType.UNIT_FUNDS,
    FundSource.CARRYOVER_GENERAL_PUBLIC_BUDGET: FundType.GENERAL_PUBLIC_BUDGET,
    FundSource.CARRYOVER_GOVERNMENT_FUND: FundType.GOVERNMENT_FUND,
    FundSource.CARRYOVER_STATE_CAPITAL: FundType.STATE_CAPITAL,
    FundSource.CARRYOVER_SPECIAL_ACCOUNT: FundType.SPECIAL_ACCOUNT,
    FundSource.CARRYOVER_UNIT_FUNDS: FundType.UNIT_FUNDS,
}


class SpendingKind(StrEnum):
    """Basic spending (人员经费 / 公用经费) or project spending (项目支出)."""

    PERSONNEL = "personnel"  # 基本支出: 人员经费
    PUBLIC = "public"  # 基本支出: 公用经费
    PROJECT = "project"  # 项目支出

    @property
    def is_basic(self) -> bool:
        return self is not SpendingKind.PROJECT

    @property
    def label(self) -> str:
        return {"personnel": "人员经费", "public": "公用经费", "project": "项目支出"}[self.value]


class TableKind(StrEnum):
    """Canonical table kinds; each template's numbered tables map onto these."""

    INCOME_EXPENDITURE_SUMMARY = "income_expenditure_summary"  # 收支总体情况表
    INCOME_SUMMARY = "income_summary"  # 收入总体情况表
    EXPENDITURE_SUMMARY = "expenditure_summary"  # 支出总体情况表
    FISCAL_SUMMARY = "fiscal_summary"  # 财政拨款收支预算总体情况表
    GENERAL_BUDGET_EXPENDITURE = "general_budget_expenditure"  # 一般公共预算支出情况表
    GENERAL_BUDGET_BASIC = "general_budget_basic"  # 一般公共预算基本支出情况表
    GENERAL_BUDGET_PROJECTS = "general_budget_projects"  # 一般公共预算项目支出情况表
    GOVERNMENT_FUND_EXPENDITURE = "government_fund_expenditure"  # 政府性基金预算支出情况表
    STATE_CAPITAL_EXPENDITURE = "state_capital_expenditure"  # 国有资本经营预算支出情况表
    THREE_PUBLIC = "three_public"  # 财政拨款"三公"经费支出情况表
    CARRYOVER = "carryover"  # 上年结转结余情况明细表
    # Tables some templates add (Jiangsu 部门预算 2017–2019); keys in docs/keys.md
    FISCAL_EXPENDITURE = "fiscal_expenditure"  # 财政拨款支出预算表（功能科目）
    FISCAL_BASIC = "fiscal_basic"  # 财政拨款基本支出预算表（经济科目）
    RUNNING_COSTS = "running_costs"  # 一般公共预算机关运行经费支出预算表
    PROCUREMENT = "procurement"  # 政府采购预算表
    # Tables of other layouts (national corpus, issue 9)
    GENERAL_BUDGET_ECONOMIC = "general_budget_economic"  # 一般公共预算支出表（按经济分类）
    BASIC_BY_SOURCE = "basic_by_source"  # 基本支出总表: economic items × fund sources
    PROJECTS_BY_SOURCE = "projects_by_source"  # 项目支出总表 / 项目支出预算表: projects × fund sources
    PERFORMANCE_TARGETS = "performance_targets"  # 绩效目标表 printed among the tables


# Tables whose rows are economic codes (类 3 digits, 款 5) rather than function codes.
ECONOMIC_CODE_TABLES = frozenset(
    {TableKind.GENERAL_BUDGET_BASIC, TableKind.FISCAL_BASIC, TableKind.RUNNING_COSTS, TableKind.GENERAL_BUDGET_ECONOMIC}
)


class Side(StrEnum):
    """The half of a two-sided table (tables 1 and 4) a row or column belongs to."""

    INCOME = "income"
    EXPENDITURE = "expenditure"


class Col:
    """Canonical column keys.  A column's key says what its numbers mean."""

    AMOUNT = "amount"  # 预算数 (one-column sides of tables 1 and 4)
    TOTAL = "total"  # 总计 / 合计
    FISCAL_SUBTOTAL = "fiscal_subtotal"  # 财政拨款（补助）小计
    GPB = "general_public_budget"
    GPB_TRANSFER = "general_public_budget_transfer"
    GOV_FUND = "government_fund"
    GOV_FUND_TRANSFER = "government_fund_transfer"
    STATE_CAPITAL = "state_capital"
    SPECIAL_ACCOUNT = "special_account"  # 财政专户
    UNIT_FUNDS = "unit_funds"  # 单位资金
    FISCAL_CARRYOVER = "fiscal_carryover"  # 财政拨款结转
    NONFISCAL_CARRYOVER = "nonfiscal_carryover"  # 非财政拨款结转结余
    BASIC = "basic"  # 基本支出
    PROJECT = "project"  # 项目支出
    PERSONNEL = "personnel"  # 人员经费
    PUBLIC = "public"  # 公用经费
    # table 11: carry-over by funding and spending kind
    FISCAL_TOTAL = "fiscal.total"
    FISCAL_PERSONNEL = "fiscal.personnel"
    FISCAL_PUBLIC = "fiscal.public"
    FISCAL_PROJECT = "fiscal.project"
    NONFISCAL_TOTAL = "nonfiscal.total"
    NONFISCAL_PERSONNEL = "nonfiscal.personnel"
    NONFISCAL_PUBLIC = "nonfiscal.public"
    NONFISCAL_PROJECT = "nonfiscal.project"
    # final accounts (决算): docs/keys.md, the national-final reading template
    FINAL = "final"  # 决算数
    BUDGET = "budget"  # 预算数 (年初预算数)
    SUPERIOR_SUBSIDY = "superior_subsidy"  # 上级补助收入
    BUSINESS_INCOME = "business_income"  # 事业收入
    OPERATING_INCOME = "operating_income"  # 经营收入
    AFFILIATED_REMITTANCE = "affiliated_remittance"  # 附属单位上缴收入
    OTHER_INCOME = "other_income"  # 其他收入
    REMIT_SUPERIOR = "remit_superior"  # 上缴上级支出
    OPERATING = "operating"  # 经营支出
    AFFILIATED_SUBSIDY = "affiliated_subsidy"  # 对附属单位补助支出
    OPENING_BALANCE = "opening_balance"  # 年初结转和结余
    INCOME = "income"  # 本年收入
    CLOSING_BALANCE = "closing_balance"  # 年末结转和结余

    @staticmethod
    def economic_class(code: str) -> str:
        """Column of table 7 for an economic class, e.g. `econ:302`."""
        return f"econ:{code}"


# Economic classes, in the order table 7 prints them.
ECONOMIC_CLASSES: dict[str, str] = {
    "301": "工资福利支出",
    "302": "商品和服务支出",
    "303": "对个人和家庭的补助",
    "307": "债务利息及费用支出",
    "309": "资本性支出（基本建设）",
    "310": "资本性支出",
    "311": "对企业补助（基本建设）",
    "312": "对企业补助",
    "313": "对社会保障基金补助",
    "399": "其他支出",
}

# Top function classes table 1 and 4 list even when empty (the 2024 edition).
FUNCTION_CLASSES: dict[str, str] = {
    "201": "一般公共服务支出",
    "202": "外交支出",
    "203": "国防支出",
    "204": "公共安全支出",
    "205": "教育支出",
    "206": "科学技术支出",
    "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出",
    "209": "社会保险基金支出",
    "210": "卫生健康支出",
    "211": "节能环保支出",
    "212": "城乡社区支出",
    "213": "农林水支出",
    "214": "交通运输支出",
    "215": "资源勘探工业信息等支出",
    "216": "商业服务业等支出",
    "217": "金融支出",
    "219": "援助其他地区支出",
    "220": "自然资源海洋气象等支出",
    "221": "住房保障支出",
    "222": "粮油物资储备支出",
    "223": "国有资本经营预算支出",
    "224": "灾害防治及应急管理支出",
    "227": "预备费",
    "229": "其他支出",
    "230": "转移性支出",
    "231": "债务还本支出",
    "232": "债务付息支出",
    "233": "债务发行费用支出",
    "234": "抗疫特别国债安排的支出",
}

# Names classes had in earlier editions (2017–2019), still printed by older layouts.
FORMER_CLASS_NAMES: dict[str, tuple[str, ...]] = {
    "207": ("文化体育与传媒支出",),
    "210": ("医疗卫生与计划生育支出",),
    "215": ("资源勘探信息等支出",),
    "220": ("国土海洋气象等支出",),
}

# Every name a class has been printed under, the current one first: tables that print classes by name
# only (一、一般公共服务支出) are read against this one list, whatever their template or edition.
FUNCTION_CLASS_NAMES: dict[str, tuple[str, ...]] = {
    code: (name, *FORMER_CLASS_NAMES.get(code, ())) for code, name in FUNCTION_CLASSES.items()
}


class ThreePublicItem(StrEnum):
    """Rows of the 三公 table."""

    TOTAL = "total"
    ABROAD = "abroad"  # 因公出国（境）费
    RECEPTION = "reception"  # 公务接待费
    VEHICLES = "vehicles"  # 公务用车购置及运行费（小计）
    VEHICLE_PURCHASE = "vehicle_purchase"  # 其中：公务用车购置费
    VEHICLE_OPERATION = "vehicle_operation"  # 公务用车运行费

    @property
    def label(self) -> str:
        return {
            "total": "合计",
            "abroad": "因公出国（境）费",
            "reception": "公务接待费",
            "vehicles": "公务用车购置及运行费（小计）",
            "vehicle_purchase": "公务用车购置费",
            "vehicle_operation": "公务用车运行费",
        }[self.value]
