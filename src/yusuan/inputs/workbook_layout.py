"""The fill-in workbook's sheets and columns, defined once for writer and reader.

`yusuan template` writes a workbook from these definitions and `yusuan build
FILE.xlsx` reads it back through the same definitions, so a header, a
drop-down list or a cell kind cannot drift between the two.  A sheet is made
of blocks:

* a **form** (columns 项目 | 内容 | 说明): one labelled value per row, found by
  its label, e.g. 单位名称;
* **records** under a header row, one record per row (e.g. the spending lines),
  columns found by their header text;
* **lists** under a header row, each column an independent list of texts
  (e.g. 主要职能, one duty per row).

A field's `key` is where its value goes: a dotted path into the budget for
form and list fields, a key of the record for record fields.  Drop-down lists
(`CHOICES`) pair the Chinese label shown to the accountant with the model's
value; the comparison keys are derived from `COMPARISON_KEYS` in the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from yusuan.model.budget import COMPARISON_KEYS, FUNCTION_COMPARISON_PREFIX
from yusuan.model.final_accounts import FINAL_KINDS, FinalFund, IncomeSource, SpendingUse
from yusuan.model.kinds import FUND_SOURCE_LABELS, FUND_TYPE_LABELS, DocumentKind, SpendingKind
from yusuan.money import MoneyUnit


class Kind(StrEnum):
    """What a cell holds; decides its number format, its validation and how it is read."""

    TEXT = "text"
    CODE = "code"  # classification code, kept as text so its digits stay as typed
    AMOUNT = "amount"  # money in the budget's unit, a number with at most two decimals
    NUMBER = "number"  # any exact number (weights, areas)
    INTEGER = "integer"
    FLAG = "flag"  # 是 / 否
    DATE = "date"
    CHOICE = "choice"  # one of a drop-down list


class Shape(StrEnum):
    FORM = "form"
    RECORDS = "records"
    LISTS = "lists"


@dataclass(frozen=True)
class Field:
    key: str
    header: str
    kind: Kind = Kind.TEXT
    width: int = 16
    note: str = ""
    choices: str | None = None  # a key of CHOICES or of DYNAMIC_CHOICES
    prefilled: bool = False  # written by the blank template; a row with only these cells is empty

    @property
    def wraps(self) -> bool:
        return self.kind is Kind.TEXT and self.width >= 30


@dataclass(frozen=True)
class Block:
    key: str
    shape: Shape
    fields: tuple[Field, ...]
    first_column: int = 1  # 1 = column A

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


@dataclass(frozen=True)
class Sheet:
    name: str
    purpose: str
    blocks: tuple[Block, ...]
    required: bool = True


FORM_HEADERS = ("项目", "内容", "说明")
HEADER_ROW = 1
FIRST_DATA_ROW = 2
TABLE_ROWS = 1000  # rows prepared (formats, drop-downs) below each header
PROJECT_ROWS = 300  # project names offered in the 所属 / 项目名称 drop-downs

UNIT_WIDE = "单位整体"
YES, NO = "是", "否"

# --- drop-down lists: (label shown, model value) -----------------------------------

CHOICES: dict[str, tuple[tuple[str, str], ...]] = {
    "fund_source": tuple((label, source.value) for source, label in FUND_SOURCE_LABELS.items()),
    "spending_kind": tuple((kind.label, kind.value) for kind in SpendingKind),
    "fund_type": tuple((label, fund.value) for fund, label in FUND_TYPE_LABELS.items()),
    # the budget workbook builds the budget kinds; the 决算 workbook (workbook_final_layout) the 决算 kinds
    "document_kind": tuple((kind.label, kind.value) for kind in DocumentKind if not kind.is_final),
    "money_unit": tuple((unit.value, unit.value) for unit in MoneyUnit),
    "flag": ((YES, YES), (NO, NO)),
    # the 决算 workbook's lists (its sheets are in workbook_final_layout), from the 决算 model's enums
    "final_kind": tuple((kind.label, kind.value) for kind in FINAL_KINDS),
    "income_source": tuple((source.label, source.value) for source in IncomeSource),
    "final_fund": tuple((fund.label, fund.value) for fund in FinalFund),
    "spending_use": tuple((use.label, use.value) for use in SpendingUse),
}
# Open lists: suggestions the accountant may type past (after a warning).  `project` and `owner`
# follow the projects registered on 项目; the code lists come from the built-in catalogue, which is
# partial, and show `code name` (the reader keeps the code).
DYNAMIC_CHOICES: dict[str, str] = {
    "project": "不是“项目”表中登记的项目：请先在“项目”表登记",
    "owner": "不是“单位整体”或“项目”表中登记的项目",
    "function_code": "内置科目目录中没有这个编码（目录不全）：确认无误可继续",
    "economic_code": "内置科目目录中没有这个编码（目录不全）：确认无误可继续",
}

# --- last year's comparisons ---------------------------------------------------------

FUNCTION_COMPARISON = FUNCTION_COMPARISON_PREFIX + "*"
COMPARISON_LABELS: dict[str, str] = {
    "income.general_public_budget": "收入：一般公共预算拨款",
    "income.general_public_budget_transfer": "收入：上级一般公共预算安排的转移支付",
    "income.government_fund": "收入：政府性基金预算拨款",
    "income.government_fund_transfer": "收入：上级政府性基金安排的转移支付",
    "income.state_capital": "收入：国有资本经营预算拨款",
    "income.state_capital_transfer": "收入：上级国有资本经营预算安排的转移支付",
    "income.special_account": "收入：财政专户管理资金",
    "income.unit_funds": "收入：单位资金",
    "income.carryover": "收入：上年结转结余",
    "expenditure.basic": "支出：基本支出",
    "expenditure.project": "支出：项目支出",
    "general_public_budget.basic": "一般公共预算支出：基本支出",
    "general_public_budget.project": "一般公共预算支出：项目支出",
    FUNCTION_COMPARISON: "一般公共预算支出：按功能分类科目（须填科目编码）",
    "three_public.abroad": "“三公”经费：因公出国（境）费",
    "three_public.reception": "“三公”经费：公务接待费",
    "three_public.vehicle_purchase": "“三公”经费：公务用车购置费",
    "three_public.vehicle_operation": "“三公”经费：公务用车运行费",
    "running_costs": "机关运行经费",
}


def comparison_keys() -> tuple[str, ...]:
    """Every comparison key `COMPARISON_KEYS` allows, `FUNCTION_COMPARISON` standing for the coded ones."""
    keys: list[str] = []
    for pattern in COMPARISON_KEYS:
        plain = pattern.replace(r"\.", ".")
        if plain.endswith(r"\d{7}"):
            keys.append(plain.removesuffix(r"\d{7}") + "*")
            continue
        group = re.fullmatch(r"(.*)\(([^()]*)\)", plain)
        if group:
            keys.extend(group[1] + part for part in group[2].split("|"))
        else:
            keys.append(plain)
    return tuple(keys)


def comparison_choices() -> tuple[tuple[str, str], ...]:
    """The 比较项 drop-down, in the order the keys are defined, labelled in Chinese where known."""
    return tuple((COMPARISON_LABELS.get(key, key), key) for key in comparison_keys())


CHOICES["comparison"] = comparison_choices()

# --- the sheets ----------------------------------------------------------------------

AMOUNT_NOTE = "数字，最多两位小数"

INSTRUCTIONS = "填写说明"
OPTIONS = "选项"  # hidden: the drop-down lists

UNIT = Sheet(
    "单位信息",
    "单位名称、预算年度、文件类型、金额单位、人员编制等基本情况（每行一项，填“内容”列）",
    (
        Block(
            "unit",
            Shape.FORM,
            (
                Field("unit.name", "单位名称", note="全称，如 中共××委员会办公室"),
                Field("year", "预算年度", Kind.INTEGER, note="四位年份，如 2024"),
                Field("kind", "文件类型", Kind.CHOICE, choices="document_kind", note="下拉选择，通常为 单位预算"),
                Field("money_unit", "金额单位", Kind.CHOICE, choices="money_unit", note="全部金额的单位，通常为 万元"),
                Field("published", "落款日期", Kind.DATE, note="日期，如 2024-02-25；可空"),
                Field(
                    "unit.administrative",
                    "是否行政单位（含参公）",
                    Kind.FLAG,
                    choices="flag",
                    note="是：公用经费即机关运行经费",
                ),
                Field("unit.staffing.authorised", "编制数", Kind.INTEGER, note="人"),
                Field("unit.staffing.in_service", "在职人数", Kind.INTEGER, note="人"),
                Field(
                    "unit.staffing.in_service_change", "在职人数比上年增减", Kind.INTEGER, note="增为正，减为负；空=0"
                ),
                Field("unit.staffing.retired", "退休人数", Kind.INTEGER, note="人"),
                Field("unit.staffing.retired_change", "退休人数比上年增减", Kind.INTEGER, note="空=0"),
                Field("unit.staffing.retired_cadres", "离休人数", Kind.INTEGER, note="人；空=0"),
                Field("unit.staffing.retired_cadres_change", "离休人数比上年增减", Kind.INTEGER, note="空=0"),
            ),
        ),
    ),
)

ORGANISATION = Sheet(
    "职能与机构",
    "主要职能、内设科室、下属预算单位：每列一份清单，每行一项",
    (
        Block(
            "organisation",
            Shape.LISTS,
            (
                Field("unit.duties", "主要职能", width=60, note="每行一条职能，至少一条"),
                Field("unit.divisions", "内设科室", width=28, note="每行一个科室"),
                Field("unit.subordinate_units", "下属预算单位", width=32, note="每行一个单位；没有则留空"),
            ),
        ),
    ),
)

LINES = Sheet(
    "支出明细",
    "每行一笔支出：功能科目 × 经济科目 × 资金来源 × 支出类型（× 项目）",
    (
        Block(
            "lines",
            Shape.RECORDS,
            (
                Field(
                    "function_code",
                    "功能分类科目编码",
                    Kind.CODE,
                    18,
                    choices="function_code",
                    note="项级7位，如 2013101",
                ),
                Field(
                    "economic_code",
                    "经济分类科目编码",
                    Kind.CODE,
                    18,
                    choices="economic_code",
                    note="款级5位，如 30101",
                ),
                Field("source", "资金来源", Kind.CHOICE, 30, choices="fund_source", note="下拉选择"),
                Field(
                    "kind", "支出类型", Kind.CHOICE, 12, choices="spending_kind", note="人员经费、公用经费或项目支出"
                ),
                Field("project", "项目名称", width=30, choices="project", note="仅项目支出填写，须与“项目”表一致"),
                Field("amount", "金额", Kind.AMOUNT, 16, note=AMOUNT_NOTE),
            ),
        ),
    ),
)

PROJECTS = Sheet(
    "项目",
    "每行一个项目，名称与“支出明细”一致；绩效负责人、目标与“绩效指标”表构成项目绩效目标表",
    (
        Block(
            "projects",
            Shape.RECORDS,
            (
                Field("name", "项目名称", width=30),
                Field("classified", "是否涉密", Kind.FLAG, 10, choices="flag", note="涉密项目只公开个数和金额；空=否"),
                Field("basis", "设立依据", width=36, note="政策依据，如 文件号"),
                Field("owner", "承担单位", width=20, note="空=本单位"),
                Field("allocation", "资金分配情况", width=36),
                Field("period", "资金执行时间", width=26),
                Field("leader", "绩效负责人", width=12),
                Field("goal", "项目绩效目标", width=50, note="有绩效目标表的项目必填"),
            ),
        ),
    ),
)

INDICATORS = Sheet(
    "绩效指标",
    "单位整体和各项目的三级绩效指标，“所属”填 单位整体 或项目名称",
    (
        Block(
            "indicators",
            Shape.RECORDS,
            (
                Field("owner", "所属", width=28, choices="owner", note="单位整体，或“项目”表中的项目名称"),
                Field("level1", "一级指标", width=12),
                Field("level2", "二级指标", width=14),
                Field("name", "三级指标", width=32),
                Field("value", "指标值", width=14, note="照印样填写，如 >=95%、有效保障"),
                Field("basis", "指标设定依据", width=16),
                Field("weight", "权重", Kind.NUMBER, 8, note="分值"),
                Field("last_year_value", "上年完成值", width=12),
                Field("scoring", "赋分规则", width=18),
                Field("evidence", "佐证资料", width=12),
            ),
        ),
    ),
)

UNIT_PERFORMANCE = Sheet(
    "单位绩效",
    "单位整体绩效目标表的联系人、电话和绩效目标（指标填在“绩效指标”表）",
    (
        Block(
            "unit_performance",
            Shape.FORM,
            (
                Field("performance.contact", "联系人"),
                Field("performance.phone", "联系电话", note="按文本填写"),
            ),
        ),
        Block(
            "unit_goals",
            Shape.LISTS,
            (Field("performance.goals", "绩效目标", width=70, note="每行一条目标"),),
            first_column=5,
        ),
    ),
)

THREE_PUBLIC = Sheet(
    "三公经费",
    "本年“三公”经费预算，每种资金一行",
    (
        Block(
            "three_public",
            Shape.RECORDS,
            (
                Field("fund_type", "资金类型", Kind.CHOICE, 20, choices="fund_type", prefilled=True),
                Field("abroad", "因公出国（境）费", Kind.AMOUNT, 18, note=AMOUNT_NOTE),
                Field("reception", "公务接待费", Kind.AMOUNT, 14, note=AMOUNT_NOTE),
                Field("vehicle_purchase", "公务用车购置费", Kind.AMOUNT, 16, note=AMOUNT_NOTE),
                Field("vehicle_operation", "公务用车运行费", Kind.AMOUNT, 16, note=AMOUNT_NOTE),
            ),
        ),
    ),
)

LAST_YEAR = Sheet(
    "上年数",
    "上年预算数及变动原因；比较项从下拉框选择，按功能科目比较时另填科目编码",
    (
        Block(
            "last_year",
            Shape.RECORDS,
            (
                Field("key", "比较项", Kind.CHOICE, 44, choices="comparison", prefilled=True),
                Field(
                    "function_code",
                    "功能分类科目编码",
                    Kind.CODE,
                    18,
                    choices="function_code",
                    prefilled=True,
                    note="按功能科目比较时填，7位",
                ),
                Field("amount", "上年数", Kind.AMOUNT, 14, note=AMOUNT_NOTE),
                Field("reason", "变动原因", width=60, note="说明中引用的增减原因"),
            ),
        ),
    ),
)

OTHER = Sheet(
    "其他事项",
    "政府采购、国有资产占用、机关运行经费说明；右侧为车辆分类",
    (
        Block(
            "other",
            Shape.FORM,
            (
                Field("procurement.goods", "政府采购：货物", Kind.AMOUNT, note="空=0"),
                Field("procurement.works", "政府采购：工程", Kind.AMOUNT, note="空=0"),
                Field("procurement.services", "政府采购：服务", Kind.AMOUNT, note="空=0"),
                Field("procurement.reserved_sme", "面向中小企业预留", Kind.AMOUNT, note="空=0"),
                Field("procurement.reserved_small_micro", "其中：小微企业预留", Kind.AMOUNT, note="空=0"),
                Field("assets.as_of", "资产统计截至", note="如 2023 年底；填写资产时必填"),
                Field("assets.building_area", "房屋面积（平方米）", Kind.NUMBER),
                Field("assets.building_value", "房屋价值", Kind.AMOUNT),
                Field("assets.furniture_value", "家具价值", Kind.AMOUNT),
                Field("assets.other_value", "其他资产价值", Kind.AMOUNT),
                Field("assets.equipment_over_50", "单价50万元以上大型设备（台）", Kind.INTEGER),
                Field("assets.equipment_over_100", "单价100万元以上大型设备（台）", Kind.INTEGER),
                Field("assets.planned_vehicles", "本年拟购置车辆（辆）", Kind.INTEGER),
                Field("assets.planned_equipment_over_50", "本年拟购置50万元以上设备（台）", Kind.INTEGER),
                Field("assets.planned_equipment_over_100", "本年拟购置100万元以上设备（台）", Kind.INTEGER),
            ),
        ),
        Block(
            "vehicles",
            Shape.RECORDS,
            (
                Field("name", "车辆类别", width=18, prefilled=True),
                Field("count", "数量（辆）", Kind.INTEGER, 12),
                Field("value", "价值", Kind.AMOUNT, 14, note=AMOUNT_NOTE),
            ),
            first_column=5,
        ),
    ),
)

NAMES = Sheet(
    "科目名称",
    "本单位用到的科目编码及名称（类、款、项各级都列）",
    (
        Block(
            "function_names",
            Shape.RECORDS,
            (
                Field("code", "功能分类科目编码", Kind.CODE, 18, note="3、5或7位"),
                Field("name", "功能分类科目名称", width=36),
            ),
        ),
        Block(
            "economic_names",
            Shape.RECORDS,
            (
                Field("code", "经济分类科目编码", Kind.CODE, 18, note="3或5位"),
                Field("name", "经济分类科目名称", width=30),
            ),
            first_column=4,
        ),
    ),
)

PURPOSES = Sheet(
    "用途说明",
    "各功能分类（类级）支出主要用于什么，供说明部分引用",
    (
        Block(
            "class_purposes",
            Shape.RECORDS,
            (
                Field("code", "功能分类科目编码", Kind.CODE, 18, note="类级3位，如 201"),
                Field("purpose", "主要用于", width=70),
            ),
        ),
    ),
)

GLOSSARY = Sheet(
    "名词解释",
    "第四部分名词解释；全部留空则使用标准名词解释",
    (
        Block(
            "glossary",
            Shape.RECORDS,
            (
                Field("term", "名词", width=24),
                Field("definition", "解释", width=80),
            ),
        ),
    ),
)

SHEETS: tuple[Sheet, ...] = (
    UNIT,
    ORGANISATION,
    LINES,
    PROJECTS,
    INDICATORS,
    UNIT_PERFORMANCE,
    THREE_PUBLIC,
    LAST_YEAR,
    OTHER,
    NAMES,
    PURPOSES,
    GLOSSARY,
)
SHEET_BY_BLOCK: dict[str, Sheet] = {block.key: sheet for sheet in SHEETS for block in sheet.blocks}
BLOCKS: dict[str, Block] = {block.key: block for sheet in SHEETS for block in sheet.blocks}


def bare_header(text: str) -> str:
    """A header without its unit suffix: `金额（万元）` → `金额` (the writer adds the unit)."""
    return re.sub(r"\s*[（(][^（）()]*[）)]\s*$", "", text.strip())


def header_text(field: Field, money_unit: MoneyUnit) -> str:
    """The header as printed: amounts say their unit."""
    return f"{field.header}（{money_unit.value}）" if field.kind is Kind.AMOUNT else field.header
