"""A tiny, fully consistent disclosure to check, and helpers to break it one figure at a time.

`base()` satisfies every rule (the tests assert it yields no finding at all);
each failing case changes one thing with `set_cell`, `replace_text`,
`drop_table`, … and asserts the rule that must notice.  Numbers are small and
chosen so every share and rate is exact enough to read by eye:

    GPB 100 = basic 70 (2013101 60 + 2080505 10) + project 30 (2013199 服务保障工作经费)
    unit funds 10 (project 培训经费, 2013101);  total 110
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from yusuan.check import Report, run_checks
from yusuan.check.finding import Finding
from yusuan.model import (
    Cell,
    Column,
    Disclosure,
    DocumentMeta,
    Paragraph,
    PerformanceIndicator,
    PerformanceTable,
    Profile,
    Row,
    Section,
    Side,
    Table,
    TableKind,
)
from yusuan.model.budget import GlossaryEntry

K = TableKind
UNIT = "测试单位办公室"
ECON = [
    "econ:301",
    "econ:302",
    "econ:303",
    "econ:307",
    "econ:309",
    "econ:310",
    "econ:311",
    "econ:312",
    "econ:313",
    "econ:399",
]


def cells(columns: list[str], values: list[str | None]) -> dict[str, Cell]:
    return {c: Cell(value=Decimal(v) if v is not None else None) for c, v in zip(columns, values, strict=True)}


def code_row(
    code: str,
    label: str,
    columns: list[str],
    values: list[str | None],
    *,
    side: Side | None = None,
    project: str | None = None,
) -> Row:
    return Row(
        key=f"{code}/{project}" if project else code,
        label=label,
        code=code,
        level=3 if project else {3: 1, 5: 2, 7: 3}[len(code)],
        project=project,
        side=side,
        cells=cells(columns, values),
    )


def item_row(
    key: str, label: str, columns: list[str], values: list[str | None], *, side: Side | None = None, total: bool = False
) -> Row:
    return Row(key=key, label=label, side=side, is_total=total, cells=cells(columns, values))


def columns(keys: list[str], side: Side | None = None) -> list[Column]:
    return [Column(key=k, label=k, side=side) for k in keys]


T1_INCOME = [
    ("income.current", "一、本年收入", "110.00"),
    ("income.general_public_budget", "1. 一般公共预算拨款", "100.00"),
    ("income.general_public_budget.own", "其中：一般财力", "100.00"),
    ("income.general_public_budget.transfer", "上级一般公共预算安排转移支付", None),
    ("income.government_fund", "2. 政府性基金预算拨款", None),
    ("income.state_capital", "3. 国有资本经营预算拨款", None),
    ("income.special_account", "4. 财政专户核拨", None),
    ("income.unit_funds", "5. 单位资金", "10.00"),
    ("income.unit_funds.other_income", "其他收入", "10.00"),
    ("income.carryover", "二、上年结转结余", None),
    ("income.carryover.fiscal", "1. 财政拨款结转", None),
    ("income.carryover.nonfiscal", "2. 非财政拨款结余", None),
]


def table1() -> Table:
    rows = [item_row(k, label, ["amount"], [v], side=Side.INCOME) for k, label, v in T1_INCOME]
    rows.append(item_row("total", "收入总计", ["amount"], ["110.00"], side=Side.INCOME, total=True))
    rows += [
        code_row("201", "一般公共服务支出", ["amount"], ["100.00"], side=Side.EXPENDITURE),
        code_row("208", "社会保障和就业支出", ["amount"], ["10.00"], side=Side.EXPENDITURE),
        code_row("234", "抗疫特别国债安排的支出", ["amount"], [None], side=Side.EXPENDITURE),
        item_row("total", "支出总计", ["amount"], ["110.00"], side=Side.EXPENDITURE, total=True),
    ]
    return Table(
        kind=K.INCOME_EXPENDITURE_SUMMARY,
        number="1",
        title="单位收支总体情况表",
        columns=columns(["amount"], Side.INCOME) + columns(["amount"], Side.EXPENDITURE),
        rows=rows,
    )


T2_COLS = [
    "total",
    "fiscal_subtotal",
    "general_public_budget",
    "general_public_budget_transfer",
    "government_fund",
    "government_fund_transfer",
    "state_capital",
    "special_account",
    "unit_funds",
    "fiscal_carryover",
    "nonfiscal_carryover",
]


def _t2(total: str, fiscal: str | None, unit: str | None) -> list[str | None]:
    return [total, fiscal, fiscal, None, None, None, None, None, unit, None, None]


FUNCTION_NAMES = {
    "201": "一般公共服务支出",
    "20131": "党委办公厅（室）及相关机构事务",
    "2013101": "行政运行",
    "2013199": "其他党委办公厅（室）及相关机构事务支出",
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "2080505": "机关事业单位基本养老保险缴费支出",
}


def table2() -> Table:
    data = {
        "201": _t2("100.00", "90.00", "10.00"),
        "20131": _t2("100.00", "90.00", "10.00"),
        "2013101": _t2("70.00", "60.00", "10.00"),
        "2013199": _t2("30.00", "30.00", None),
        "208": _t2("10.00", "10.00", None),
        "20805": _t2("10.00", "10.00", None),
        "2080505": _t2("10.00", "10.00", None),
    }
    rows = [code_row(code, FUNCTION_NAMES[code], T2_COLS, values) for code, values in data.items()]
    rows.append(item_row("total", "合计", T2_COLS, _t2("110.00", "100.00", "10.00"), total=True))
    return Table(kind=K.INCOME_SUMMARY, number="2", title="单位收入总体情况表", columns=columns(T2_COLS), rows=rows)


def _basic_project_table(
    kind: TableKind, number: str, title: str, data: dict[str, list[str | None]], total: list[str | None]
) -> Table:
    keys = ["total", "basic", "project"]
    rows = [code_row(code, FUNCTION_NAMES[code], keys, values) for code, values in data.items()]
    rows.append(item_row("total", "合计", keys, total, total=True))
    return Table(kind=kind, number=number, title=title, columns=columns(keys), rows=rows)


def table3() -> Table:
    return _basic_project_table(
        K.EXPENDITURE_SUMMARY,
        "3",
        "单位支出总体情况表",
        {
            "201": ["100.00", "60.00", "40.00"],
            "20131": ["100.00", "60.00", "40.00"],
            "2013101": ["70.00", "60.00", "10.00"],
            "2013199": ["30.00", None, "30.00"],
            "208": ["10.00", "10.00", None],
            "20805": ["10.00", "10.00", None],
            "2080505": ["10.00", "10.00", None],
        },
        ["110.00", "70.00", "40.00"],
    )


def table4() -> Table:
    income = [
        item_row("fiscal.current", "一、本年收入", ["amount"], ["100.00"], side=Side.INCOME),
        item_row("fiscal.current.general_public_budget", "一般公共预算", ["amount"], ["100.00"], side=Side.INCOME),
        item_row("fiscal.current.government_fund", "政府性基金预算", ["amount"], [None], side=Side.INCOME),
        item_row("fiscal.current.state_capital", "国有资本经营预算", ["amount"], [None], side=Side.INCOME),
        item_row("total", "收入总计", ["amount"], ["100.00"], side=Side.INCOME, total=True),
    ]
    keys = ["total", "general_public_budget", "government_fund", "state_capital"]
    expenditure = [
        code_row("201", "一般公共服务支出", keys, ["90.00", "90.00", None, None], side=Side.EXPENDITURE),
        code_row("208", "社会保障和就业支出", keys, ["10.00", "10.00", None, None], side=Side.EXPENDITURE),
        code_row("234", "抗疫特别国债安排的支出", keys, [None, None, None, None], side=Side.EXPENDITURE),
        item_row("total", "支出总计", keys, ["100.00", "100.00", None, None], side=Side.EXPENDITURE, total=True),
    ]
    return Table(
        kind=K.FISCAL_SUMMARY,
        number="4",
        title="财政拨款收支预算总体情况表",
        columns=columns(["amount"], Side.INCOME) + columns(keys, Side.EXPENDITURE),
        rows=income + expenditure,
    )


def table5() -> Table:
    return _basic_project_table(
        K.GENERAL_BUDGET_EXPENDITURE,
        "5",
        "一般公共预算支出情况表",
        {
            "201": ["90.00", "60.00", "30.00"],
            "20131": ["90.00", "60.00", "30.00"],
            "2013101": ["60.00", "60.00", None],
            "2013199": ["30.00", None, "30.00"],
            "208": ["10.00", "10.00", None],
            "20805": ["10.00", "10.00", None],
            "2080505": ["10.00", "10.00", None],
        },
        ["100.00", "70.00", "30.00"],
    )


def table6() -> Table:
    keys = ["total", "personnel", "public"]
    data = [
        ("301", "工资福利支出", ["50.00", "50.00", None]),
        ("30101", "基本工资", ["40.00", "40.00", None]),
        ("30108", "机关事业单位基本养老保险缴费", ["10.00", "10.00", None]),
        ("302", "商品和服务支出", ["20.00", None, "20.00"]),
        ("30201", "办公费", ["12.00", None, "12.00"]),
        ("30231", "公务用车运行维护费", ["8.00", None, "8.00"]),
    ]
    rows = [code_row(code, label, keys, values) for code, label, values in data]
    rows.append(item_row("total", "合计", keys, ["70.00", "50.00", "20.00"], total=True))
    return Table(
        kind=K.GENERAL_BUDGET_BASIC, number="6", title="一般公共预算基本支出情况表", columns=columns(keys), rows=rows
    )


def table7() -> Table:
    keys = ["total", *ECON]
    values: list[str | None] = ["30.00", None, "30.00", *([None] * 8)]
    rows = [
        code_row("201", FUNCTION_NAMES["201"], keys, values),
        code_row("20131", FUNCTION_NAMES["20131"], keys, values),
        code_row("2013199", FUNCTION_NAMES["2013199"], keys, values, project="服务保障工作经费"),
        item_row("total", "合计", keys, values, total=True),
    ]
    return Table(
        kind=K.GENERAL_BUDGET_PROJECTS, number="7", title="一般公共预算项目支出情况表", columns=columns(keys), rows=rows
    )


def empty_table(kind: TableKind, number: str, title: str, keys: list[str], note: str | None) -> Table:
    return Table(
        kind=kind,
        number=number,
        title=title,
        columns=columns(keys),
        note=note,
        rows=[item_row("total", "合计", keys, [None] * len(keys), total=True)],
    )


def table10() -> Table:
    keys = ["total", "general_public_budget", "government_fund", "state_capital"]
    rows = [
        item_row("total", "合计", keys, ["8.00", "8.00", None, None], total=True),
        item_row("abroad", "因公出国（境）费", keys, [None] * 4),
        item_row("reception", "公务接待费", keys, [None] * 4),
        item_row("vehicles", "公务用车购置及运行费（小计）", keys, ["8.00", "8.00", None, None]),
        item_row("vehicle_purchase", "其中：公务用车购置费", keys, [None] * 4),
        item_row("vehicle_operation", "公务用车运行费", keys, ["8.00", "8.00", None, None]),
    ]
    return Table(
        kind=K.THREE_PUBLIC, number="10", title="财政拨款“三公”经费支出情况表", columns=columns(keys), rows=rows
    )


def tables() -> list[Table]:
    return [
        table1(),
        table2(),
        table3(),
        table4(),
        table5(),
        table6(),
        table7(),
        empty_table(
            K.GOVERNMENT_FUND_EXPENDITURE,
            "8",
            "政府性基金预算支出情况表",
            ["total", "basic", "project"],
            f"{UNIT}2024年没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。",
        ),
        empty_table(
            K.STATE_CAPITAL_EXPENDITURE,
            "9",
            "国有资本经营预算支出情况表",
            ["total", "personnel", "public", "project"],
            f"{UNIT}2024年没有使用国有资本经营预算拨款安排的支出，国有资本经营预算支出情况表为空表。",
        ),
        table10(),
        empty_table(
            K.CARRYOVER,
            "11",
            "上年结转结余情况明细表",
            ["total", "fiscal.total", "nonfiscal.total"],
            f"{UNIT}2024年没有使用上年结转结余预算安排的支出，上年结转结余情况明细表为空表。",
        ),
    ]


SECTION_TITLES = [
    ("overview", "收支预算情况的总体说明"),
    ("income", "收入预算情况说明"),
    ("expenditure", "支出预算情况说明"),
    ("fiscal", "财政拨款收支预算情况的总体说明"),
    ("general_budget", "一般公共预算当年拨款情况说明"),
    ("general_budget_basic", "一般公共预算基本支出情况说明"),
    ("general_budget_projects", "一般公共预算项目支出情况说明"),
    ("government_fund", "政府性基金预算拨款情况说明"),
    ("state_capital", "国有资本经营预算拨款情况说明"),
    ("three_public", "财政拨款“三公”经费预算情况说明"),
    ("carryover", "上年结转结余预算情况说明"),
]
NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]

TEXTS: dict[str, list[str]] = {
    "overview": [
        f"按照全口径预算的原则，{UNIT}2024年所有收入和支出均纳入单位预算管理。收支总预算110.00万元。",
        "收入预算包括：一般公共预算、单位资金。",
        "支出预算包括：一般公共服务支出、社会保障和就业支出。",
    ],
    "income": [
        f"{UNIT}收入预算110.00万元，其中：",
        "一般公共预算100.00万元，占90.91%，比上年预算增加10.00万元，增长11.11%，主要原因是人员增加2人。",
        "政府性基金预算未安排。",
        "单位资金10.00万元，占9.09%，比上年预算增加2.00万元，增长25.00%，主要原因是培训任务增加。",
    ],
    "expenditure": [
        f"{UNIT}2024年支出预算110.00万元，其中：",
        "基本支出70.00万元，占63.64%，比上年预算增加5.00万元，增长7.69%，主要原因是人员增加。",
        "项目支出40.00万元，占36.36%，比上年预算增加7.00万元，增长21.21%，主要原因是项目增加。",
    ],
    "fiscal": [
        "2024年财政拨款收支总预算100.00万元。",
        "收入预算包括：一般公共预算拨款100.00万元。",
        "一般公共预算支出包括：一般公共服务支出90.00万元，主要用于人员工资；社会保障和就业支出10.00万元，主要用于养老保险。",
    ],
    "general_budget_basic": [
        f"{UNIT}2024年一般公共预算基本支出70.00万元，其中：",
        "人员经费50.00万元，主要包括：基本工资、机关事业单位基本养老保险缴费。",
        "公用经费20.00万元，主要包括：办公费、公务用车运行维护费。",
    ],
    "general_budget_projects": [
        "1、项目名称：服务保障工作经费",
        "设立的政策依据：根据有关通知",
        "预算安排规模：30.00万元",
        f"项目承担单位：{UNIT}",
        "资金分配情况：车辆运行经费10.00万元，会议费20.00万元，共计30.00万元",
        "资金执行时间：2024年1月1日至2024年12月31日",
    ],
    "government_fund": [f"{UNIT}2024年没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。"],
    "state_capital": [f"{UNIT}2024年没有使用国有资本经营预算拨款安排的支出，国有资本经营预算支出情况表为空表。"],
    "three_public": [
        f"{UNIT}2024年财政拨款“三公”经费数为8.00万元，其中：因公出国（境）费0.00万元，公务用车购置费0.00万元，"
        "公务用车运行费8.00万元，公务接待费0.00万元。",
        "2024年财政拨款“三公”经费比上年预算减少2.00万元，下降20.00%，其中：因公出国（境）费增加0.00万元，增长0.00%；"
        "公务用车购置费增加0.00万元，增长0.00%；公务用车运行费减少2.00万元，下降20.00%，主要原因是厉行节约；"
        "公务接待费增加0.00万元，增长0.00%。",
    ],
    "carryover": [f"{UNIT}2024年无上年结转结余预算的支出，结转结余预算支出情况表为空表。"],
}
GENERAL_BUDGET = {
    "scale": [
        f"{UNIT}2024年一般公共预算拨款合计100.00万元，其中：基本支出70.00万元，比上年预算增加5.00万元，增长7.69%。",
        "项目支出30.00万元，比上年预算增加5.00万元，增长20.00%，主要原因是服务保障任务增加。",
    ],
    "structure": ["1、一般公共服务支出（类）90.00万元，占90.00%。", "2、社会保障和就业支出（类）10.00万元，占10.00%。"],
    "detail": [
        "1. 一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）行政运行（项）：2024年预算数为60.00万元，"
        "比上年预算增加4.00万元，增长7.14%，主要原因是人员增加。",
        "2. 一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）其他党委办公厅（室）及相关机构事务支出（项）："
        "2024年预算数为30.00万元，比上年预算增加5.00万元，增长20.00%。",
        "3. 社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）："
        "2024年预算数为10.00万元，"
        "比上年预算增加1.00万元，增长11.11%。",
    ],
}
OTHER = {
    "running_costs": [f"{UNIT}2024年的机关运行经费财政拨款预算20.00万元，比上年预算增加1.00万元，增长5.26%。"],
    "procurement": [
        f"2024年，{UNIT}政府采购预算15.00万元，其中：政府采购货物预算10.00万元，政府采购工程预算0.00万元，"
        "政府采购服务预算5.00万元。",
        f"2024年，{UNIT}面向中小企业预留政府采购项目预算金额15.00万元，小微企业预留政府采购项目预算金额12.00万元。",
    ],
    "assets": [
        f"截至2023年底，{UNIT}及下属各预算单位占用使用国有资产总体情况为：",
        "1. 房屋0.00平方米，价值0.00万元。",
        "2. 车辆2辆，价值50.00万元；其中：一般公务用车2辆，价值50.00万元；执法执勤用车0辆，价值0.00万元；"
        "其他车辆0辆，价值0.00万元。",
        "单位价值50万元以上大型设备1台，单位价值100万元以上大型设备0台。",
        "2024年单位预算未安排购置车辆经费，安排购置50万元以上大型设备0台，单位价值100万元以上大型设备0台。",
    ],
    "performance": [
        "2024年，本单位预算绩效管理整体预算绩效目标1个，涉及金额110.00万元；当年财政拨款项目1个，涉及预算金额30.00万元；"
        "当年非财政拨款项目1个，涉及预算金额10.00万元。"
    ],
    "other_matters": ["本单位无其他需说明的事项。"],
}
OTHER_TITLES = {
    "running_costs": "单位运行经费情况",
    "procurement": "政府采购情况",
    "assets": "国有资产占用使用情况",
    "performance": "预算绩效情况",
    "other_matters": "其他需说明的事项",
}


def _paragraphs(texts: list[str]) -> list[Paragraph]:
    return [Paragraph(text=t) for t in texts]


def narrative() -> list[Section]:
    sections = []
    for index, (key, title) in enumerate(SECTION_TITLES):
        subsections = []
        if key == "general_budget":
            subsections = [
                Section(key=sub, number=f"（{NUMERALS[i]}）", title=sub, paragraphs=_paragraphs(texts))
                for i, (sub, texts) in enumerate(GENERAL_BUDGET.items())
            ]
        sections.append(
            Section(
                key=key,
                number=NUMERALS[index],
                title=f"关于{UNIT}2024年{title}",
                paragraphs=_paragraphs(TEXTS.get(key, [])),
                subsections=subsections,
            )
        )
    sections.append(
        Section(
            key="other",
            number="十二",
            title="其他重要事项的情况说明",
            subsections=[
                Section(key=k, number=f"（{NUMERALS[i]}）", title=OTHER_TITLES[k], paragraphs=_paragraphs(v))
                for i, (k, v) in enumerate(OTHER.items())
            ],
        )
    )
    return sections


def indicator(level1: str, level2: str, name: str, value: str, weight: str | None) -> PerformanceIndicator:
    return PerformanceIndicator(
        level1=level1, level2=level2, name=name, value=value, weight=Decimal(weight) if weight is not None else None
    )


def performance() -> list[PerformanceTable]:
    return [
        PerformanceTable(
            scope="unit",
            name=UNIT,
            fiscal_superior=Decimal("0.00"),
            fiscal_own=Decimal("100.00"),
            other=Decimal("10.00"),
            goal="做好服务保障。",
            indicators=[
                indicator("履职效能", "数量指标", "在职人数（人）", "=5人", "40"),
                indicator("", "", "公务用车数量", "=2辆", "20"),
                indicator("", "", "召开会议次数（场次）", ">=100场次", "20"),
                indicator("服务对象满意度", "满意度指标", "满意度（%）", ">=95%", "20"),
            ],
        ),
        PerformanceTable(
            scope="project",
            name="服务保障工作经费",
            total=Decimal("30.00"),
            fiscal=Decimal("30.00"),
            other=Decimal("0.00"),
            goal="保障会议和用车。",
            indicators=[
                indicator("产出指标", "数量指标", "接待批次（批次）", ">=10批次", "30"),
                indicator("成本指标", "经济成本指标", "车辆运行经费（万元）", "<=10万元", "20"),
                indicator("", "", "会议费（万元）", "≤20万元", "20"),
                indicator("满意度指标", "满意度指标", "满意度（%）", "≥95%", "20"),
            ],
        ),
        PerformanceTable(
            scope="project",
            name="培训经费",
            total=Decimal("10.00"),
            fiscal=Decimal("0.00"),
            other=Decimal("10.00"),
            goal="开展培训。",
            indicators=[
                indicator("成本指标", "经济成本指标", "培训费（万元）", "<=10万元", "50"),
                indicator("效益指标", "社会效益指标", "提升干部素质", "有效促进", "50"),
            ],
        ),
    ]


def contents() -> list[str]:
    toc = ["第一部分 2024年单位概况", "一、主要职能", "二、机构设置及人员情况", "第二部分 2024年单位预算公开表"]
    toc += [f"{NUMERALS[i]}、{t.title}" for i, t in enumerate(tables())]
    toc.append("第三部分 2024年单位预算情况说明")
    toc += [f"{s.number}、{s.title}" for s in narrative()]
    toc.append("第四部分 名词解释")
    return toc


def base(**overrides: Any) -> Disclosure:
    """The consistent tiny disclosure (fields replaced by `overrides`)."""
    fields: dict[str, Any] = {
        "meta": DocumentMeta(unit=UNIT, year=2024),
        "contents": contents(),
        "profile": Profile(
            duties=["负责本单位日常工作。"],
            organisation=f"{UNIT}无下属预算单位，下设2个科室，分别是：综合科、后勤服务中心（文印中心、车队）。",
            staffing_text=f"{UNIT}编制数6，实有人数7人，其中：在职5人，增加2人；退休2人，增加0人；离休0人，增加0人。",
        ),
        "tables": tables(),
        "narrative": narrative(),
        "performance": performance(),
        "glossary": [GlossaryEntry(term="财政拨款", definition="指由一般公共预算、政府性基金预算安排的财政拨款数。")],
    }
    fields.update(overrides)
    return Disclosure(**fields)


# --- breaking it ------------------------------------------------------------------------------


def map_tables(d: Disclosure, kind: TableKind, change: Callable[[Table], Table | None]) -> Disclosure:
    new = []
    for table in d.tables:
        if table.kind is kind:
            changed = change(table)
            if changed is not None:
                new.append(changed)
        else:
            new.append(table)
    return d.model_copy(update={"tables": new})


def set_cell(
    d: Disclosure, kind: TableKind, row_key: str, column: str, value: str | None, *, side: Side | None = None
) -> Disclosure:
    """A copy with one cell changed."""
    found = False

    def change(table: Table) -> Table:
        nonlocal found
        rows = []
        for row in table.rows:
            if row.key == row_key and (side is None or row.side == side):
                found = True
                updated = dict(row.cells)
                updated[column] = Cell(value=Decimal(value) if value is not None else None)
                rows.append(row.model_copy(update={"cells": updated}))
            else:
                rows.append(row)
        return table.model_copy(update={"rows": rows})

    result = map_tables(d, kind, change)
    assert found, f"no row {row_key!r} in {kind}"
    return result


def drop_table(d: Disclosure, kind: TableKind) -> Disclosure:
    return map_tables(d, kind, lambda t: None)


def update_table(d: Disclosure, kind: TableKind, **fields: Any) -> Disclosure:
    return map_tables(d, kind, lambda t: t.model_copy(update=fields))


def drop_row(d: Disclosure, kind: TableKind, row_key: str) -> Disclosure:
    return map_tables(d, kind, lambda t: t.model_copy(update={"rows": [r for r in t.rows if r.key != row_key]}))


def _replace_in_section(section: Section, old: str, new: str) -> tuple[Section, int]:
    count = 0
    paragraphs = []
    for p in section.paragraphs:
        count += p.text.count(old)
        paragraphs.append(p.model_copy(update={"text": p.text.replace(old, new)}))
    subsections = []
    for sub in section.subsections:
        changed, n = _replace_in_section(sub, old, new)
        count += n
        subsections.append(changed)
    title = section.title.replace(old, new)
    count += section.title.count(old)
    return section.model_copy(update={"paragraphs": paragraphs, "subsections": subsections, "title": title}), count


def replace_text(d: Disclosure, old: str, new: str, *, count: int = 1) -> Disclosure:
    """A copy with `old` replaced by `new` in the narrative (it must occur exactly `count` times)."""
    total = 0
    sections = []
    for section in d.narrative:
        changed, n = _replace_in_section(section, old, new)
        total += n
        sections.append(changed)
    assert total == count, f"{old!r} occurs {total} times in the narrative, expected {count}"
    return d.model_copy(update={"narrative": sections})


def set_performance(d: Disclosure, index: int, **fields: Any) -> Disclosure:
    tables = list(d.performance)
    tables[index] = tables[index].model_copy(update=fields)
    return d.model_copy(update={"performance": tables})


def set_indicator(d: Disclosure, table: int, index: int, **fields: Any) -> Disclosure:
    indicators = list(d.performance[table].indicators)
    indicators[index] = indicators[index].model_copy(update=fields)
    return set_performance(d, table, indicators=indicators)


def findings(d: Disclosure, code: str | None = None, **options: Any) -> list[Finding]:
    """Findings of one rule (all rules when `code` is None)."""
    report: Report = run_checks(d, select=[code] if code else None, **options)
    return [f for f in report.findings if code is None or f.code == code]
