"""The reference's parts other than the tables: identity, contents, profile, Part 3, performance, glossary."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

from tests.extract.conftest import REFERENCE
from yusuan.extract import read_staffing_figures, read_text_file
from yusuan.model import Disclosure, DocumentKind, Section, Staffing

UNIT = "中共克孜勒苏柯尔克孜自治州委员会办公室"


def section(disclosure: Disclosure, key: str) -> Section:
    found = disclosure.section(key)
    assert found is not None, key
    return found


def test_meta(reference: Disclosure) -> None:
    meta = reference.meta
    assert (meta.unit, meta.year, meta.kind, meta.template) == (
        UNIT,
        2024,
        DocumentKind.UNIT_BUDGET,
        "xinjiang-unit-2024",
    )
    assert meta.published == date(2024, 2, 25)
    assert meta.sources == ("kizilsu-2024-party-committee-office-budget.txt",)


def test_contents_as_printed_with_broken_entry_joined(reference: Disclosure) -> None:
    contents = reference.contents
    assert len(contents) == 29  # 4 parts, 2 + 11 + 12 entries
    assert contents[0] == "第一部分 2024 年单位概况"
    assert contents[4:15] == [
        "一、单位收支总体情况表",
        "二、单位收入总体情况表",
        "三、单位支出总体情况表",
        "四、财政拨款收支预算总体情况表",
        "五、一般公共预算支出情况表",
        "六、一般公共预算基本支出情况表",
        "七、一般公共预算项目支出情况表",
        "八、政府性基金预算支出情况表",
        "九、国有资本经营预算支出情况表",
        "十、财政拨款“三公”经费支出情况表",
        "十一、上年结转结余情况明细表",
    ]
    assert contents[17] == f"二、关于{UNIT} 2024年收入预算情况说明"  # printed over two lines
    assert contents[-1] == "第四部分 名词解释"


def test_profile(reference: Disclosure) -> None:
    profile = reference.profile
    assert profile.duties == [
        "围绕中央、自治区有关规定要求，为州委常委会安排相关工作。",
        "安排各类会议会务、公务接待。",
        "安排起草领导讲话、公文草拟。",
        "做好州委领导秘书及用车服务、同时负责日常信息及重大紧急信息的上传下达工作。",
    ]
    assert profile.organisation.startswith(f"{UNIT}无下属预算单位，下设 16 个科室")
    assert profile.organisation.endswith("专用通信服务保障中心。")
    assert profile.staffing == Staffing(
        authorised=70,
        in_service=59,
        retired=28,
        retired_cadres=0,
        in_service_change=5,
        retired_change=1,
        retired_cadres_change=0,
    )
    assert profile.staffing is not None and profile.staffing.actual == 87
    figures = read_staffing_figures(profile.staffing_text)
    assert (figures.authorised, figures.actual, figures.in_service, figures.retired) == (70, 87, 59, 28)


def test_staffing_figures_with_decreases() -> None:
    figures = read_staffing_figures(
        "编制数 12，实有人数 15 人，其中：在职 10 人，减少 2 人；退休 5 人，持平；离休 0 人。"
    )
    assert (figures.in_service_change, figures.retired_change, figures.retired_cadres_change) == (-2, 0, None)


def test_twelve_sections_with_their_keys(reference: Disclosure) -> None:
    assert [(s.number, s.key) for s in reference.narrative] == [
        ("一", "overview"),
        ("二", "income"),
        ("三", "expenditure"),
        ("四", "fiscal"),
        ("五", "general_budget"),
        ("六", "general_budget_basic"),
        ("七", "general_budget_projects"),
        ("八", "government_fund"),
        ("九", "state_capital"),
        ("十", "three_public"),
        ("十一", "carryover"),
        ("十二", "other"),
    ]
    assert [s.source.line for s in reference.narrative] == [  # type: ignore[union-attr]
        302, 310, 328, 336, 348, 375, 385, 423, 427, 431, 439, 443,
    ]  # fmt: skip
    assert section(reference, "other").title == "其他重要事项的情况说明"


def test_subsections(reference: Disclosure) -> None:
    five = section(reference, "general_budget")
    assert [(s.number, s.key) for s in five.subsections] == [("一", "scale"), ("二", "structure"), ("三", "detail")]
    twelve = section(reference, "other")
    assert [s.key for s in twelve.subsections] == [
        "running_costs",
        "procurement",
        "assets",
        "performance",
        "other_matters",
    ]
    assert twelve.paragraphs == []


def test_paragraphs_keep_their_first_line_and_broken_sentences_are_joined(reference: Disclosure) -> None:
    income = section(reference, "income")
    assert len(income.paragraphs) == 8
    assert income.paragraphs[1].source.line == 314  # type: ignore[union-attr]
    assert income.paragraphs[1].text.startswith("一般公共预算 1,526.00 万元，占 97.45%，比上年预算增加 150.11 万元")

    fiscal = section(reference, "fiscal")
    assert fiscal.paragraphs[-1].text.endswith(
        "社会保障和就业支出171.75 万元,主要用于本单位在职人员养老保险及退休人员经费。"
    )

    detail = section(reference, "general_budget").subsections[2]
    assert len(detail.paragraphs) == 5
    assert detail.paragraphs[1].source.line == 365  # type: ignore[union-attr]
    assert "党委办公厅(室)及相关机构事务（款）事业运行（项）：2024年预算数为124.81万元" in detail.paragraphs[1].text

    basic = section(reference, "general_budget_basic")
    assert "职工基本医疗保险缴费" in basic.paragraphs[1].text

    procurement = section(reference, "other").subsections[1]
    assert procurement.paragraphs[0].text.startswith(f"2024 年，{UNIT}政府采购预算 147.41 万元")

    performance = section(reference, "other").subsections[3]
    assert len(performance.paragraphs) == 1  # the four performance tables are not paragraphs
    assert performance.paragraphs[0].text.endswith("涉及预算金额 40.00 万元。具体情况见下表（按项目分别填报）：")

    three_public = section(reference, "three_public")
    assert "其中：因公出国（境）费 0.00 万元，公务用车购置费 0.00 万元" in three_public.paragraphs[0].text


def test_project_sections_keep_each_label_line(reference: Disclosure) -> None:
    projects = section(reference, "general_budget_projects")
    texts = [p.text for p in projects.paragraphs]
    assert len(texts) == 18
    assert texts[0] == "1、项目名称：电子公文科工作经费"
    assert texts[2] == "预算安排规模：20.00 万元"
    assert texts[7] == "设立的政策依据：完全不予公开"


def test_performance_tables(reference: Disclosure) -> None:
    tables = reference.performance
    assert [(t.scope, t.name, len(t.indicators)) for t in tables] == [
        ("unit", UNIT, 7),
        ("project", "其他资金干部培训经费", 8),
        ("project", "服务保障工作经费", 9),
        ("project", "电子公文科工作经费", 10),
    ]
    weights = [[i.weight for i in t.indicators] for t in tables]
    assert weights == [
        [Decimal(w) for w in (20, 15, 15, 15, 15, 10, 10)],
        [Decimal(w) for w in (10, 10, 10, 10, 10, 10, 20, 10)],
        [Decimal(w) for w in (8, 8, 8, 8, 8, 10, 10, 20, 10)],
        [Decimal(w) for w in (7, 7, 7, 7, 7, 5, 10, 10, 20, 10)],
    ]
    assert [sum((x or Decimal(0) for x in w), Decimal(0)) for w in weights] == [100, 90, 90, 90]


def test_unit_performance_table_fields(reference: Disclosure) -> None:
    unit = reference.performance[0]
    assert (unit.responsible, unit.phone) == ("韦国娟", "15299728688")
    assert (unit.fiscal_superior, unit.fiscal_own, unit.other) == (
        Decimal("0.00"),
        Decimal("1526.00"),
        Decimal("40.00"),
    )
    assert unit.total is None  # no 合计 row printed
    assert unit.fiscal == Decimal("1526.00")  # 上级安排 + 本级安排: no 财政资金 figure of its own
    assert unit.goal.split("\n")[1].startswith("目标 2：围绕中央、自治区有关规定要求")
    assert unit.source.line == 476  # type: ignore[union-attr]
    first = unit.indicators[0]
    assert (first.level1, first.level2, first.name, first.value, first.basis) == (
        "履职效能",
        "数量指标",
        "发放工资月平均人数（人）",
        "=59人",
        "2024 年工作计划",
    )
    assert unit.indicators[4].level1 == "履职效能"  # blank under the first of its group
    assert unit.indicators[6].value == ">=95%"


def test_project_performance_table_fields_and_wrapped_cells(reference: Disclosure) -> None:
    training, service, documents = reference.performance[1:]
    assert (training.responsible, training.total, training.fiscal, training.other) == (
        "郑小龙",
        Decimal("40.00"),
        Decimal("0.00"),
        Decimal("40.00"),
    )
    assert service.total == Decimal("80.00")  # printed `80.0 0`
    assert training.goal.startswith(
        "该项目资金 40 万元，其中：财政资金 0 万元，其他资金 40 万元。主要用于开展干部培训工作"
    )
    first = service.indicators[0]
    assert (first.level1, first.level2, first.name, first.value, first.last_year_value) == (
        "产出指标",
        "数量指标",
        "全年接待批次（批次）",
        ">=140批次",  # printed `>=14 0 批 次`
        "140批次",
    )
    assert (first.scoring, first.evidence) == ("按照正常比例赋分", "工作资料")
    assert service.indicators[1].value == ">=2200人次"
    assert service.indicators[7].value == "有效保障"
    assert training.indicators[6].name == "有效促进干部综合素质"
    cost = documents.indicators[7]  # after the page break inside the table
    assert (cost.level1, cost.level2, cost.name, cost.value) == (
        "成本指标",
        "经济成本指标",
        "硒鼓、碳粉耗材购置费用（万元）",
        "≤12万元",
    )
    assert cost.source.line == 550  # type: ignore[union-attr]


def test_glossary(reference: Disclosure) -> None:
    terms = [g.term for g in reference.glossary]
    assert terms == [
        "财政拨款",
        "一般公共预算",
        "财政专户管理资金",
        "其他资金",
        "基本支出",
        "项目支出",
        "“三公”经费",
        "机关运行经费",
    ]
    assert reference.glossary[6].definition.endswith(
        "公务接待费反映机关和参公事业单位按规定开支的各类公务接待（含外宾接待）费用。"
    )
    assert reference.glossary[7].definition.endswith("公务用车运行维护费及其他费用。")  # the sign-off is not part of it


def test_reading_the_reference_is_fast() -> None:
    read_text_file(REFERENCE)  # template loaded and caches warm
    timings = []
    for _ in range(5):
        start = time.process_time()  # CPU time: what the reading costs, whatever else the machine runs
        read_text_file(REFERENCE)
        timings.append(time.process_time() - start)
    assert min(timings) < 0.1
