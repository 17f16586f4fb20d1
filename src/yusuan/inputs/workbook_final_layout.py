"""The 决算 fill-in workbook's sheets and columns, defined once for its writer and its reader.

An accountant who publishes a 决算 (final accounts) types its facts into this
workbook; `yusuan build FILE.xlsx` reads them into a `FinalAccounts` and
compiles the national 决算 layout.  The sheets follow the model
(`yusuan.model.final_accounts`) part by part: 本年收入 by 项 and source, 本年支出
by 项, fund and use, 基本支出 by 款, each 项's 年初预算数 / 调整预算数 and the
reason its 决算数 differs, the balances per fund, 三公 / 机关运行经费 as budgeted
and executed, 政府采购, state assets, last year's 决算, 绩效自评, code names and
the glossary.  It is built from the same `Field` / `Block` / `Sheet` parts as the
budget workbook (`workbook_layout`), and its headers are not typed twice:

* drop-down lists come from the model's enums (`CHOICES["final_kind"]` etc.);
* a label the model states (a pydantic field's `description`) is the header
  (`_described`), so 上年决算, counts and assets say what the model says;
* the 三公 items and 政府采购 rows reuse the budget workbook's own headers, and
  the 科目名称 and 名词解释 sheets are the budget workbook's sheets;
* the sheet purposes name the 决算 tables by their titles in the vocabulary
  (`final_accounts_tables`), so the accountant sees which table a sheet feeds.

tests/inputs/test_workbook_final.py checks that every field of the model is
reached by some cell of this layout.
"""

from __future__ import annotations

from pydantic import BaseModel

from yusuan.inputs.workbook_layout import (
    AMOUNT_NOTE,
    BLOCKS,
    GLOSSARY,
    NAMES,
    Block,
    Field,
    Kind,
    Shape,
    Sheet,
)
from yusuan.model.budget import Procurement, ThreePublic
from yusuan.model.final_accounts import (
    FinalAccounts,
    FinalAssets,
    LastYearOutturn,
    LineBudget,
    ThreePublicOutturn,
)
from yusuan.model.kinds import TableKind
from yusuan.model.vocabulary import vocabulary

# the 决算 example's published vehicle categories (the national 决算 layout's), prepared in the blank workbook
FINAL_VEHICLE_CATEGORIES = (
    "岗位保障用车",
    "机要通信用车",
    "应急保障用车",
    "执法执勤用车",
    "特种专业技术用车",
    "其他用车",
)
MARKER_SHEET = "本年支出"  # a workbook with this sheet is a 决算 workbook


def _title(kind: TableKind) -> str:
    """A 决算 table's title as the vocabulary prints it."""
    return next(table.title for table in vocabulary().final_accounts_tables if table.key == kind)


def _described(model: type[BaseModel], name: str, key: str, kind: Kind, prefix: str = "", **extra: object) -> Field:
    """A form field whose header is the model field's description (its Chinese label)."""
    description = model.model_fields[name].description
    assert description, f"{model.__name__}.{name} has no description to label its cell"
    label = description.split(",")[0].split(" (")[0].strip()
    return Field(key, prefix + label, kind, **extra)  # type: ignore[arg-type]


def _three_public_items(prefix: str, key: str) -> tuple[Field, ...]:
    """One amount per 三公 item, headed as the budget workbook heads them."""
    budget_block = BLOCKS["three_public"]
    return tuple(
        Field(f"{key}.{name}", prefix + budget_block.field(name).header, Kind.AMOUNT, note="空=0")
        for name in ThreePublic.model_fields
    )


def _procurement() -> tuple[Field, ...]:
    other = BLOCKS["other"]
    return tuple(
        Field(f"procurement.{name}", other.field(f"procurement.{name}").header, Kind.AMOUNT, note="空=0")
        for name in Procurement.model_fields
    )


FINAL_UNIT = Sheet(
    "单位信息",
    "单位名称、决算年度、文件类型、金额单位、决算单位构成等基本情况（每行一项，填“内容”列）",
    (
        Block(
            "final_unit",
            Shape.FORM,
            (
                Field("unit.name", "单位名称", note="全称，如 佛山市轨道交通局"),
                Field("year", "决算年度", Kind.INTEGER, note="四位年份，如 2019"),
                Field("kind", "文件类型", Kind.CHOICE, choices="final_kind", note="下拉选择：单位决算或部门决算"),
                Field(
                    "money_unit",
                    "金额单位",
                    Kind.CHOICE,
                    choices="money_unit",
                    note="本工作簿全部金额的单位，决算通常按 元 填写",
                ),
                Field(
                    "print_unit",
                    "公开金额单位",
                    Kind.CHOICE,
                    choices="money_unit",
                    note="公开表格和说明使用的单位，通常为 万元",
                ),
                Field("published", "落款日期", Kind.DATE, note="日期，如 2020-09-30；可空"),
                Field(
                    "unit.administrative",
                    "是否行政单位（含参公）",
                    Kind.FLAG,
                    choices="flag",
                    note="是：公用经费即机关运行经费",
                ),
                Field(
                    "unit.composition",
                    "决算单位构成",
                    width=40,
                    note="照公开文本填写，如 我部门没有下属单位，单独编制本部门决算",
                ),
                Field(
                    "no_last_year",
                    "没有上年决算数的原因",
                    width=40,
                    note="新成立单位等没有上年决算数时填写，并留空“上年决算”表",
                ),
            ),
        ),
    ),
)

DUTIES = Sheet(
    "主要职能",
    "第一部分概况的主要职能：每行一条",
    (Block("final_duties", Shape.LISTS, (Field("unit.duties", "主要职能", width=90, note="每行一条职能，至少一条"),)),),
)

INCOME = Sheet(
    "本年收入",
    f"每行一笔本年收入：功能分类科目（项）× 收入来源；生成“{_title(TableKind.INCOME_SUMMARY)}”等表",
    (
        Block(
            "income",
            Shape.RECORDS,
            (
                Field(
                    "function_code",
                    "功能分类科目编码",
                    Kind.CODE,
                    18,
                    choices="function_code",
                    note="项级7位，如 2140101",
                ),
                Field("source", "收入来源", Kind.CHOICE, 30, choices="income_source", note="下拉选择"),
                Field("amount", "金额", Kind.AMOUNT, 16, note=AMOUNT_NOTE),
            ),
        ),
    ),
)

SPENDING = Sheet(
    MARKER_SHEET,
    f"每行一笔本年支出：功能分类科目（项）× 资金性质 × 支出用途；生成“{_title(TableKind.EXPENDITURE_SUMMARY)}”等表",
    (
        Block(
            "spending",
            Shape.RECORDS,
            (
                Field(
                    "function_code",
                    "功能分类科目编码",
                    Kind.CODE,
                    18,
                    choices="function_code",
                    note="项级7位，如 2140101",
                ),
                Field("fund", "资金性质", Kind.CHOICE, 26, choices="final_fund", note="下拉选择"),
                Field("use", "支出用途", Kind.CHOICE, 20, choices="spending_use", note="基本支出、项目支出等"),
                Field("amount", "金额", Kind.AMOUNT, 16, note=AMOUNT_NOTE),
            ),
        ),
    ),
)

BASIC_ITEMS = Sheet(
    "基本支出明细",
    f"一般公共预算财政拨款基本支出，每个经济分类科目（款）一行；生成“{_title(TableKind.GENERAL_BUDGET_BASIC)}”",
    (
        Block(
            "basic_items",
            Shape.RECORDS,
            (
                Field(
                    "economic_code",
                    "经济分类科目编码",
                    Kind.CODE,
                    18,
                    choices="economic_code",
                    note="款级5位，如 30101",
                ),
                Field("amount", "金额", Kind.AMOUNT, 16, note=AMOUNT_NOTE),
            ),
        ),
    ),
)

LINE_BUDGETS = Sheet(
    "预算数与差异",
    f"财政拨款支出每个功能分类科目（项）的年初预算数、调整预算数和决算数与预算数差异的原因；"
    f"用于“{_title(TableKind.GENERAL_BUDGET_EXPENDITURE)}”和说明",
    (
        Block(
            "line_budgets",
            Shape.RECORDS,
            (
                Field("function_code", "功能分类科目编码", Kind.CODE, 18, choices="function_code", note="项级7位"),
                _described(LineBudget, "budget", "budget", Kind.AMOUNT, width=14, note=AMOUNT_NOTE),
                _described(
                    LineBudget, "adjusted", "adjusted", Kind.AMOUNT, width=14, note="公开调整预算数时填写，否则留空"
                ),
                Field("purpose", "主要用于", width=40, note="该科目的支出主要用于什么"),
                Field("reason", "决算数与年初预算数差异的原因", width=60, note="说明中引用"),
            ),
        ),
    ),
)

BALANCES = Sheet(
    "结转结余",
    "各类资金的年初和年末结转和结余；右侧为非财政拨款资金的结余使用与分配",
    (
        Block(
            "balances",
            Shape.RECORDS,
            (
                Field("fund", "资金性质", Kind.CHOICE, 26, choices="final_fund", prefilled=True),
                Field("opening", "年初结转和结余", Kind.AMOUNT, 18, note="空=0"),
                Field("closing", "年末结转和结余", Kind.AMOUNT, 18, note="空=0"),
            ),
        ),
        Block(
            "surplus",
            Shape.FORM,
            (
                _described(FinalAccounts, "nonfiscal_surplus_used", "nonfiscal_surplus_used", Kind.AMOUNT, note="空=0"),
                _described(FinalAccounts, "surplus_distribution", "surplus_distribution", Kind.AMOUNT, note="空=0"),
            ),
            first_column=5,
        ),
    ),
)

THREE_PUBLIC_RUNNING = Sheet(
    "三公与运行经费",
    f"财政拨款“三公”经费的年初预算数和决算数、相关数量，机关运行经费；生成“{_title(TableKind.THREE_PUBLIC)}”和说明",
    (
        Block(
            "final_three_public",
            Shape.FORM,
            (
                *_three_public_items("年初预算：", "three_public.budget"),
                *_three_public_items("决算：", "three_public.final"),
                Field("three_public.reason", "“三公”经费决算数与预算数差异的原因", width=40),
                *(
                    _described(ThreePublicOutturn, name, f"three_public.{name}", Kind.INTEGER, note="空=0")
                    for name in (
                        "abroad_groups",
                        "abroad_people",
                        "vehicles_bought",
                        "vehicles_held",
                        "receptions",
                        "reception_people",
                    )
                ),
                Field("three_public.reception_purpose", "国内公务接待主要内容", width=40),
                _described(
                    FinalAccounts,
                    "running_costs_budget",
                    "running_costs_budget",
                    Kind.AMOUNT,
                    note="说明年初预算数时填写",
                ),
                Field("running_costs_reason", "机关运行经费决算数与预算数差异的原因", width=40),
            ),
        ),
    ),
)

PROCUREMENT_ASSETS = Sheet(
    "采购与资产",
    "政府采购支出和年末国有资产占用情况；右侧为各类车辆数",
    (
        Block(
            "final_other",
            Shape.FORM,
            (
                *_procurement(),
                *(
                    _described(FinalAssets, name, f"assets.{name}", Kind.INTEGER, note="空=0")
                    for name in ("equipment_over_50", "equipment_over_100")
                ),
            ),
        ),
        Block(
            "final_vehicles",
            Shape.RECORDS,
            (
                Field("name", "车辆类别", width=18, prefilled=True),
                Field("count", "数量（辆）", Kind.INTEGER, 12),
            ),
            first_column=5,
        ),
    ),
)

LAST_YEAR_FINAL = Sheet(
    "上年决算",
    "上年决算数及变动原因（说明与上年比较时引用）；没有上年决算数时全部留空，并在“单位信息”表填写原因",
    (
        Block(
            "last_year_final",
            Shape.FORM,
            (
                *(
                    _described(LastYearOutturn, name, f"last_year.{name}", Kind.AMOUNT)
                    for name in ("total", "fiscal_total", "general_public_budget")
                ),
                *_three_public_items("“三公”经费：", "last_year.three_public"),
                _described(LastYearOutturn, "running_costs", "last_year.running_costs", Kind.AMOUNT, note="空=0"),
                *(
                    Field(f"last_year.reasons.{name}", f"{label}变动原因", width=40)
                    for name, label in (
                        ("total", "收入支出总计"),
                        ("fiscal_total", "财政拨款收入支出总计"),
                        ("general_public_budget", "一般公共预算财政拨款支出"),
                        ("three_public", "“三公”经费"),
                        ("running_costs", "机关运行经费"),
                    )
                ),
            ),
        ),
    ),
)

PERFORMANCE = Sheet(
    "绩效自评",
    "预算绩效管理情况（部门整体和项目绩效自评）：每行一段",
    (Block("final_performance", Shape.LISTS, (Field("performance", "绩效自评情况", width=100, note="每行一段文字"),)),),
)

FINAL_SHEETS: tuple[Sheet, ...] = (
    FINAL_UNIT,
    DUTIES,
    INCOME,
    SPENDING,
    BASIC_ITEMS,
    LINE_BUDGETS,
    BALANCES,
    THREE_PUBLIC_RUNNING,
    PROCUREMENT_ASSETS,
    LAST_YEAR_FINAL,
    PERFORMANCE,
    NAMES,
    GLOSSARY,
)
FINAL_SHEET_BY_BLOCK: dict[str, Sheet] = {block.key: sheet for sheet in FINAL_SHEETS for block in sheet.blocks}
FINAL_BLOCKS: dict[str, Block] = {block.key: block for sheet in FINAL_SHEETS for block in sheet.blocks}
