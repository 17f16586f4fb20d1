"""Wording of the wrong document kind: 部门预算 in a 单位预算 (and back), 预算 in a 决算, 本部门 in a unit's text.

The texts are copied from real documents of the corpus (document and page quoted); they are put into
the tiny consistent disclosure (`factory.base`) as its explanation, with the document kind changed.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.check.factory import base, findings, replace_text
from yusuan.check.finding import Severity
from yusuan.model import Disclosure, DocumentKind, DocumentMeta, Paragraph, Section

ENTITY = "document-kind-entity"
FINAL = "document-kind-final-accounts"
THIS_DEPARTMENT = "document-kind-this-department"


def _document(kind: DocumentKind, year: int, title: str, *texts: str, contents: list[str] | None = None) -> Disclosure:
    section = Section(key="assets", number="五", title=title, paragraphs=[Paragraph(text=t) for t in texts])
    return base(
        meta=DocumentMeta(unit="上海市财政局", year=year, kind=kind),
        narrative=[section],
        contents=contents or [],
        tables=[],
    )


# 上海市财政局25年预算 (a 单位预算: 四、单位预算编制说明, 本单位…) p.21, 五、国有资产占有使用情况
SHANGHAI_FINANCE = (
    "2025年部门预算安排购置车辆0辆，其中：部级领导干部用车0辆、主要领导干部用车0辆、机要通信用车0辆、"
    "应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、离退休干部用车0辆、其他用车0辆；"
    "部门预算安排购置单价100万元（含）以上设备（不含车辆）0台（套）。"
)
# 上海市普陀区商务委员会单位25年预算 p.22: the same sentence as a unit budget prints it
PUTUO_COMMERCE_UNIT = SHANGHAI_FINANCE.replace("部门预算", "单位预算")
# the table titles and phrases every Shanghai unit budget prints (上海市普陀区商务委员会单位25年预算, 目录)
SHANGHAI_UNIT_CONTENTS = [
    "四、单位预算编制说明",
    "五、单位预算表",
    "8．2025年预算单位一般公共预算基本支出部门预算经济分类预算表",
]


def test_a_unit_budget_that_calls_itself_a_department_budget() -> None:
    """上海市财政局25年预算 p.21: 2025年部门预算安排购置车辆 in a unit budget."""
    d = _document(DocumentKind.UNIT_BUDGET, 2025, "国有资产占有使用情况", SHANGHAI_FINANCE)
    found = findings(d, ENTITY)
    assert [(f.actual, f.expected, f.suggestion, f.severity) for f in found] == [
        ("2025年部门预算", "2025年单位预算", "2025年单位预算", Severity.WARNING)
    ]
    assert found[0].location.section == "assets" and "单位预算" in found[0].message


def test_a_unit_budget_in_its_own_words_passes() -> None:
    """上海市普陀区商务委员会单位25年预算 p.22 and its contents: 单位预算, 预算单位, 部门预算经济分类."""
    d = _document(
        DocumentKind.UNIT_BUDGET, 2025, "国有资产占有使用情况", PUTUO_COMMERCE_UNIT, contents=SHANGHAI_UNIT_CONTENTS
    )
    assert findings(d, ENTITY) == []
    # duties and reform wording (上海市财政局25年预算, 主要职能): not the document's name
    duties = _document(DocumentKind.UNIT_BUDGET, 2025, "主要职能", "深化部门预算改革，加强预算支出标准体系建设。")
    assert findings(duties, ENTITY) == []


def test_the_same_sentence_is_right_in_a_department_budget() -> None:
    """上海市普陀区商务委员会25年预算 (部门预算) prints 2025年部门预算安排购置车辆: right there."""
    d = _document(DocumentKind.DEPARTMENT_BUDGET, 2025, "国有资产占有使用情况", SHANGHAI_FINANCE)
    assert findings(d, ENTITY) == []
    # a department's headings that call it a unit budget are wrong; its text about units' budgets is not judged
    wrong = _document(
        DocumentKind.DEPARTMENT_BUDGET,
        2025,
        "2025年单位预算编制说明",
        "纳入2025年所属单位预算的项目共12个。",
    )
    assert [f.actual for f in findings(wrong, ENTITY)] == ["2025年单位预算"]


# 国家信访局 2024 部门决算 (p.9–12) and 佛山市轨道交通局 2019 部门决算: a final account's own words
FINAL_TEXTS = (
    "“三公”经费支出决算数小于预算数的主要原因是 2024 年度国家厉行节约。",
    "2024 年，该项目批复的年初预算数为 1018.00 万元，其中当年财政拨款 1018.00 万元。",
    "决算数大于预算数的主要原因是 2024 年度预算执行中调剂了预算，相应增加支出。",
)
FOSHAN_CONTENTS = [
    "第二部分 佛山市轨道交通局 2019年部门决算表",
    "五、一般公共预算财政拨款支出决算表",
    "八、政府性基金预算财政拨款收入支出决算表",
    "第三部分 佛山市轨道交通局 2019年部门决算情况说明",
]


def test_a_final_account_in_its_own_words_passes() -> None:
    d = _document(
        DocumentKind.DEPARTMENT_FINAL_ACCOUNTS,
        2024,
        "2024年度一般公共预算财政拨款“三公”经费支出决算情况说明",
        *FINAL_TEXTS,
        contents=FOSHAN_CONTENTS,
    )
    assert findings(d, FINAL) == []


def test_a_final_account_that_calls_itself_a_budget() -> None:
    """Mutation of 佛山市轨道交通局 2019 部门决算's contents: 第三部分 … 2019年部门预算情况说明."""
    contents = [e.replace("2019年部门决算情况说明", "2019年部门预算情况说明") for e in FOSHAN_CONTENTS]
    d = _document(DocumentKind.DEPARTMENT_FINAL_ACCOUNTS, 2019, "其他重要事项的情况说明", contents=contents)
    found = findings(d, FINAL)
    assert [(f.actual, f.suggestion) for f in found] == [("2019年部门预算", "2019年部门决算")]
    # a heading that names a budget table, without a year
    tables = _document(DocumentKind.DEPARTMENT_FINAL_ACCOUNTS, 2019, "收入支出预算总体情况说明", *FINAL_TEXTS)
    assert [(f.actual, f.suggestion) for f in findings(tables, FINAL)] == [
        ("收入支出预算总体情况", "收入支出决算总体情况")
    ]


def test_this_department_in_a_unit_budget_is_a_notice() -> None:
    """苏州市科学技术局 2026 单位预算 p.37: 主要原因是本年度本部门市立项目…"""
    text = (
        "10.其他科学技术支出（款）其他科学技术支出（项）支出 0万元，与上年相比减少 1,138 万元，减少 100%。"
        "主要原因是本年度本部门市立项目科技创新专项资金其他科学技术支出（款）其他科学技术支出（项）"
        "支出调整至科学技术管理事务（款）其他科学技术管理事务支出（项）。"
    )
    d = _document(DocumentKind.UNIT_BUDGET, 2026, "财政拨款支出预算情况说明", text)
    found = findings(d, THIS_DEPARTMENT)
    assert [(f.actual, f.suggestion, f.severity) for f in found] == [("本部门", "本单位", Severity.INFO)]
    # 苏州市科学技术局 2026 部门预算: the department's own word
    assert (
        findings(_document(DocumentKind.DEPARTMENT_BUDGET, 2026, "财政拨款支出预算情况说明", text), THIS_DEPARTMENT)
        == []
    )
    # the unit's own word (克孜勒苏州委办公室 2024 单位预算): none
    assert findings(base(), THIS_DEPARTMENT) == []


def test_the_reference_unit_budget_passes() -> None:
    """The tiny disclosure (the Kizilsu reference's shape) says 2024年单位预算未安排购置车辆经费."""
    d = base()
    assert findings(d, ENTITY) == [] and findings(d, FINAL) == []
    assert [f.actual for f in findings(replace_text(d, "2024年单位预算", "2024年部门预算"), ENTITY)] == [
        "2024年部门预算"
    ]


_UNIT_NAMES = st.sampled_from(
    ["", "苏州市科学技术局", "上海市普陀区", "中共克孜勒苏柯尔克孜自治州委员会办公室", "区级"]
)


@settings(max_examples=40, deadline=None)
@given(year=st.integers(min_value=2015, max_value=2030), unit=_UNIT_NAMES, du=st.booleans())
def test_the_kind_word_after_a_year_decides(year: int, unit: str, du: bool) -> None:
    """Mutation: `{year}年{度}{unit}单位预算` passes in a unit budget; with 部门 it is caught, and the suggestion
    puts 单位 back."""
    right = f"{year}年{'度' if du else ''}{unit}单位预算公开"
    d = _document(DocumentKind.UNIT_BUDGET, year, "预算编制说明", f"{right}的内容如下。")
    assert findings(d, ENTITY) == []
    wrong = right.replace("单位预算", "部门预算")
    found = findings(_document(DocumentKind.UNIT_BUDGET, year, "预算编制说明", f"{wrong}的内容如下。"), ENTITY)
    assert len(found) == 1 and found[0].suggestion == right.removesuffix("公开")


def test_table_titles_name_the_kinds_own_tables() -> None:
    """重庆市委宣传部 2026 部门预算 p.8 表一 “2026年单位收支总体情况表” (the other five 重庆 departments print
    2026年部门收支总体情况表): a notice in a department budget; a unit budget's 部门 tables are a warning."""
    chongqing = ["2026年单位收支总体情况表", "2026年财政拨款收支总体情况表"]
    d = _document(DocumentKind.DEPARTMENT_BUDGET, 2026, "单位基本情况", contents=chongqing)
    found = findings(d, ENTITY)
    assert [(f.actual, f.suggestion, f.severity) for f in found] == [
        ("2026年单位收支总体情况表", "2026年部门收支总体情况表", Severity.INFO)
    ]
    unit = _document(DocumentKind.UNIT_BUDGET, 2025, "单位预算编制说明", contents=["1. 2025年部门财务收支预算总表"])
    assert [(f.suggestion, f.severity) for f in findings(unit, ENTITY)] == [
        ("1. 2025年单位财务收支预算总表", Severity.WARNING)
    ]
    # 上海市普陀区商务委员会单位25年预算's own titles
    shanghai = ["9. 2025年单位“三公”经费和机关运行经费预算表", "1. 2025年预算单位财务收支预算总表"]
    assert findings(_document(DocumentKind.UNIT_BUDGET, 2025, "单位预算编制说明", contents=shanghai), ENTITY) == []


def test_a_department_budget_that_names_itself_a_unit_budget_in_its_text() -> None:
    """Shanghai's department template: `…单位预算是包括…本部以及下属5家预算单位的综合收支计划` is the department's
    sentence with 部门 replaced; `2025年度单位预算公开表附后` names the document; `本单位预算只包含…` does not."""
    code = "document-kind-entity"
    kind = DocumentKind.DEPARTMENT_BUDGET
    right = "上海市财政局部门预算是包括财政局本部以及下属1家预算单位的综合收支计划。"
    assert findings(_document(kind, 2025, "一、部门职责", right, "本单位预算只包含财政局本级。"), code) == []
    [f] = findings(_document(kind, 2025, "一、部门职责", right.replace("部门预算", "单位预算")), code)
    assert (f.location.section, f.actual, f.suggestion) == (
        "assets",
        "单位预算是包括财政局本部以及下属",
        "部门预算是包括财政局本部以及下属",
    )
    [f] = findings(_document(kind, 2025, "一、部门职责", "2025年度单位预算公开表附后。"), code)
    assert (f.actual, f.suggestion) == ("2025年度单位预算", "2025年度部门预算")
    [f] = findings(_document(kind, 2025, "一、部门职责", "所有收入和支出均纳入单位预算管理。"), code)
    assert f.suggestion == "收入和支出均纳入部门预算管理"


# issue 10: a department's text about the whole budget, in 机构设置 and the explanation
DEPARTMENT_SENTENCES = [
    # 上海市普陀区人民政府万里街道办事处24年预算 p4 (机构设置, a 部门预算)
    "上海市普陀区人民政府万里街道办事处部门预算是包括万里街道本部以及下属 5 家预算单位的综合收支计划。",
    # 上海市普陀区财政局部门25年预算 p5 (机构设置)
    "上海市普陀区财政局部门预算包括财政局本部以及下属0家预算单位的综合收支计划。",
    # 2018年省检察院部门预算公开 p23: the document's scope, in the 全口径 sentence's other wording
    "主要原因是省财政加强预算管理，将年度收支全部纳入部门预算。",
    # 省人大办公厅2018预算公开 p26: its own table, by number
    "（按“部门预算公开06表 财政拨款基本支出预算表”的口径）",
    # 深圳审计局 2026 部门预算 p12: what this year's budget is compared with
    "较 2025 年年初部门预算减少主要是因为新购置车辆属于一次性开支。",
]


def test_a_department_text_about_the_whole_budget_that_says_unit_budget() -> None:
    for published in DEPARTMENT_SENTENCES:
        for where in ("organisation", "narrative"):
            for text, expected in ((published, 0), (published.replace("部门预算", "单位预算"), 1)):
                if where == "organisation":
                    d = _document(DocumentKind.DEPARTMENT_BUDGET, 2025, "其他说明", "本部门无其他需说明的事项。")
                    d = d.model_copy(update={"profile": d.profile.model_copy(update={"organisation": text})})
                else:
                    d = _document(DocumentKind.DEPARTMENT_BUDGET, 2025, "其他说明", text)
                assert len(findings(d, ENTITY)) == expected, (where, text)


def test_a_department_may_speak_of_its_units_budgets() -> None:
    # 广州 司法局 2026 部门预算 p4: `纳入编制范围的下属单位预算`
    text = "本部门预算包括部门本级预算，以及纳入编制范围的下属单位预算。下属单位具体包括：广州市公证处。"
    d = _document(DocumentKind.DEPARTMENT_BUDGET, 2025, "机构设置", text)
    assert findings(d, ENTITY) == []
    # neither word is wrong where no unit is subordinate, nor of spending put in a budget
    for either in (
        "本单位无独立核算下属单位，单位预算为本级预算。",  # 深圳 规自局盐田管理局 2026 p5, with 单位 for 部门
        "将年终考核奖等相关支出纳入了年度单位预算。",  # 江苏省人民检察院 2019 p26, with 单位 for 部门
        "市建筑工务署工程设计管理中心为企业化管理事业单位，不纳入单位预算序列范围内。",  # 深圳 建筑工务署 2026 p5
    ):
        assert findings(_document(DocumentKind.DEPARTMENT_BUDGET, 2025, "机构设置", either), ENTITY) == [], either


def test_a_department_naming_this_years_budget_by_its_own_name() -> None:
    """深圳 建筑工务署 2026 部门预算 p6 (`2026年部门预算不含中央基建资金`) and 深圳 规自局盐田管理局 2026 p6
    (`2026 年深圳市规划和自然资源局盐田管理局部门预算收入…`): with 单位 for 部门 they misname the document."""
    for published in ("2025年部门预算不含中央基建资金。", "2025年上海市财政局部门预算收入4,628.07万元。"):
        d = _document(DocumentKind.DEPARTMENT_BUDGET, 2025, "其他说明", published)
        assert findings(d, ENTITY) == [], published
        wrong = _document(DocumentKind.DEPARTMENT_BUDGET, 2025, "其他说明", published.replace("部门预算", "单位预算"))
        assert len(findings(wrong, ENTITY)) == 1, published
    # a subordinate unit's budget, named by its own name, is no misnaming
    subordinate = "2025年上海市财政局信息中心单位预算收入100.00万元。"
    assert findings(_document(DocumentKind.DEPARTMENT_BUDGET, 2025, "其他说明", subordinate), ENTITY) == []


def test_the_tables_parts_sentence_names_the_documents_kind() -> None:
    """江苏省政协办公厅2019年度部门预算 p9: `2019年度部门预算公开表附后。`; with 单位 it misnames the document."""
    for text, expected in (("2025年度部门预算公开表附后。", 0), ("2025年度单位预算公开表附后。", 1)):
        d = _document(DocumentKind.DEPARTMENT_BUDGET, 2025, "其他说明", "本部门无其他需说明的事项。")
        assert len(findings(d.model_copy(update={"tables_text": [text]}), ENTITY)) == expected, text


def _named_document(unit: str, text: str) -> Disclosure:
    d = _document(DocumentKind.DEPARTMENT_BUDGET, 2026, "其他说明", text)
    return d.model_copy(update={"meta": d.meta.model_copy(update={"unit": unit})})


def test_the_departments_own_name_with_a_bracketed_qualifier() -> None:
    """深圳 卫健委本级 2026 部门预算 p8: `2026 年深圳市卫生健康委员会（本级）部门预算支出…` names the document; with
    单位预算 it is the wrong kind.  A bracket that adds bodies (`（含所属单位）`) makes it another budget."""
    unit = "深圳市卫生健康委员会"
    published = "2026 年深圳市卫生健康委员会（本级）部门预算支出 12,345.67 万元。"
    assert findings(_named_document(unit, published), ENTITY) == []
    [f] = findings(_named_document(unit, published.replace("部门预算", "单位预算")), ENTITY)
    assert f.suggestion == "2026 年深圳市卫生健康委员会(本级)部门预算"  # brackets folded
    assert findings(_named_document(unit + "（本级）", published.replace("部门预算", "单位预算")), ENTITY)
    other = "2026 年深圳市卫生健康委员会（含所属单位）单位预算支出 12,345.67 万元。"
    assert findings(_named_document(unit, other), ENTITY) == []
