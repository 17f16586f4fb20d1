"""Names of classification subjects in the explanation: against the year's catalogue and the tables.

The texts are copied from real documents of the corpus (quoted with document and page); the tables
are the tiny consistent disclosure's (`factory.base`), which print 2080505 机关事业单位基本养老保险缴费支出
and 20805 行政事业单位养老支出 as the corpus documents do.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.check.factory import base, findings, replace_text
from yusuan.catalog import default_catalog
from yusuan.check.finding import Severity
from yusuan.model import Disclosure, DocumentMeta, Paragraph, Section

CATALOGUE = "narrative-subject-name-catalogue"
TABLE = "narrative-subject-name-table"


def _explained(year: int, *texts: str, tables: Disclosure | None = None) -> Disclosure:
    """The tiny disclosure of `year` (its tables, or those of `tables`) whose 财政拨款支出 explanation is `texts`."""
    section = Section(
        key="fiscal_expenditure",
        number="五",
        title="财政拨款支出预算情况说明",
        paragraphs=[Paragraph(text=t) for t in texts],
    )
    return (tables or base()).model_copy(
        update={"meta": DocumentMeta(unit="测试单位办公室", year=year), "narrative": [section]}
    )


def _with_row(code: str, new_code: str, label: str) -> Disclosure:
    """The tiny disclosure whose tables print `new_code` `label` where they printed `code`."""
    d = base()
    tables = []
    for table in d.tables:
        rows = [r.model_copy(update={"code": new_code, "label": label}) if r.code == code else r for r in table.rows]
        tables.append(table.model_copy(update={"rows": rows}))
    return d.model_copy(update={"tables": tables})


# 江苏省人民检察院《2018年省检察院部门预算公开》第26–27页, 五、财政拨款支出预算情况说明
PROCURATORATE_2018 = (
    "（二）社会保障和就业支出（类）行政事业单位离退休（款）：2018 年预算支出合计1,836.22万元。其中:",
    "1．未归口管理行政单位离退休费（项）支出 371.92 万元，与上年相比减少 1,649.26 万元，降幅 81.6 %。",
    "2．机关事业单位基本养老保险缴费（项）支出 1,045.93万元，与上年相比增加 1,045.93 万元。",
)


def test_a_shortened_name_differs_from_the_tables_name_as_a_notice() -> None:
    """2018年省检察院部门预算公开 p.27: 机关事业单位基本养老保险缴费（项）, the tables print …缴费支出
    (and 20805 under its 2018 name 行政事业单位离退休, as that document's tables do)."""
    tables_2018 = _with_row("20805", "20805", "行政事业单位离退休")
    found = findings(_explained(2018, *PROCURATORATE_2018, tables=tables_2018), TABLE)
    assert [(f.actual, f.expected, f.suggestion, f.severity) for f in found] == [
        (
            "机关事业单位基本养老保险缴费",
            "机关事业单位基本养老保险缴费支出",
            "机关事业单位基本养老保险缴费支出",
            Severity.INFO,
        )
    ]
    assert "2080505" in found[0].message and found[0].location.section == "fiscal_expenditure"
    # 行政事业单位离退休 was 20805's name until 2019: right in 2018
    assert findings(_explained(2018, *PROCURATORATE_2018, tables=tables_2018), CATALOGUE) == []
    # tables that print 20805's later name: the explanation's name differs from theirs
    assert findings(_explained(2018, *PROCURATORATE_2018), TABLE)[0].actual == "行政事业单位离退休"


def test_the_same_chain_in_a_later_year_names_an_outdated_class() -> None:
    """The 2018 text printed in a 2024 document: 行政事业单位离退休 is no longer 20805's name."""
    found = findings(_explained(2024, *PROCURATORATE_2018), CATALOGUE)
    assert [(f.actual, f.expected, f.suggestion) for f in found] == [
        ("行政事业单位离退休", "行政事业单位养老支出", "行政事业单位养老支出")
    ]
    assert "20805" in found[0].message and "2017–2019" in found[0].message
    # reported once, by the catalogue rule only
    assert all(f.actual != "行政事业单位离退休" for f in findings(_explained(2024, *PROCURATORATE_2018), TABLE))


def test_an_outdated_class_name_is_caught_marked_or_not() -> None:
    """医疗卫生与计划生育支出 (210 until 2018, 2017年省检察院部门预算 tables) in a 2024 explanation."""
    marked = _explained(2024, "3．医疗卫生与计划生育（类）支出 62.09 万元，主要用于在职人员医疗保险缴费。")
    found = findings(marked, CATALOGUE)
    assert [(f.actual, f.expected, f.suggestion) for f in found] == [("医疗卫生与计划生育", "卫生健康支出", "卫生健康")]
    plain = _explained(2024, "一般公共预算支出包括：医疗卫生与计划生育支出 62.09 万元，主要用于医疗保险缴费。")
    assert [f.suggestion for f in findings(plain, CATALOGUE)] == ["卫生健康支出"]
    # a change of name explained is not the name in use; the same words in 2018 are right
    renamed = _explained(2024, "原医疗卫生与计划生育支出科目调整为卫生健康支出，本年支出 62.09 万元。")
    assert findings(renamed, CATALOGUE) == []
    assert findings(_explained(2018, "一般公共预算支出包括：医疗卫生与计划生育支出 62.09 万元。"), CATALOGUE) == []


def test_names_the_tables_print_pass() -> None:
    """克孜勒苏州委办公室 2024 单位预算 五（三） (tests/fixtures reference): names as the tables print them."""
    d = _explained(
        2024,
        "1. 一般公共服务支出(类)党委办公厅(室)及相关机构事务(款)行政运行(项):2024 年预算数为 60.00 万元。",
        "5. 社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）："
        "2024年预算数为10.00万元。",
        # 上海市普陀区人民政府办公室单位25年预算 p.7: Shanghai's dashed chain
        "9. “社会保障和就业支出-行政事业单位养老支出-机关事业单位基本养老保险缴费支出”科目10.00万元。",
        # 一般公共服务（类）: a class written without its 支出 (江苏省人大常委会2019年度部门预算公开)
        "1．一般公共服务（类）支出 100.00 万元，主要用于保障机构正常运转。",
    )
    assert findings(d, CATALOGUE) == [] and findings(d, TABLE) == []


def test_a_name_that_only_ends_like_a_known_one_is_not_judged() -> None:
    """苏州市科学技术局 2026 单位预算 p.37: a reason clause before a mark is no subject name."""
    d = _explained(
        2026,
        "10.其他科学技术支出（款）其他科学技术支出（项）支出 0万元，与上年相比减少 1,138 万元，减少 100%。"
        "主要原因是本年度本部门市立项目科技创新专项资金其他科学技术支出（款）其他科学技术支出（项）"
        "支出调整至科学技术管理事务（款）其他科学技术管理事务支出（项）。",
    )
    assert findings(d, CATALOGUE) == [] and findings(d, TABLE) == []


def test_other_written_differently_is_a_notice() -> None:
    """上海市普陀区财政局部门25年预算 p.7: “…行政事业单位养老支出（款）其它行政事业单位养老支出（项）”0.96万元,
    the tables print 2080599 其他行政事业单位养老支出."""
    d = _with_row("2080505", "2080599", "其他行政事业单位养老支出")
    d = replace_text(d, "机关事业单位基本养老保险缴费支出（项）", "其它行政事业单位养老支出（项）")
    found = findings(d, TABLE)
    assert [(f.actual, f.suggestion, f.severity) for f in found] == [
        ("其它行政事业单位养老支出", "其他行政事业单位养老支出", Severity.INFO)
    ]


def test_a_table_that_misnames_the_code_is_named_by_the_explanation() -> None:
    """The explanation's name is the catalogue's; the tables print another name for the same code."""
    found = findings(_with_row("2080505", "2080505", "机关事业单位养老保险"), TABLE)
    assert found and all(f.severity is Severity.WARNING for f in found)
    assert (found[0].actual, found[0].expected) == ("机关事业单位基本养老保险缴费支出", "机关事业单位养老保险")


_RENAMED = [
    (code, old.name, current.name, current.first_year)
    for code, entries in default_catalog().function.items()
    for old in entries
    for current in entries
    if old.level == 1 and old.last_year < current.first_year and old.name != current.name
]


def test_the_catalogue_knows_the_2019_class_rename() -> None:
    assert ("210", "医疗卫生与计划生育支出", "卫生健康支出", 2019) in _RENAMED


@settings(max_examples=25, deadline=None)
@given(year=st.integers(min_value=2019, max_value=2026), marked=st.booleans())
def test_every_year_after_a_rename_flags_the_old_name_and_accepts_the_new(year: int, marked: bool) -> None:
    """Mutation: the current class name passes, the outdated one is caught, in any later year, marked or not."""
    for _code, old, current, first in _RENAMED:
        if year < first:
            continue
        for name, expected in ((current, 0), (old, 1)):
            subject = f"{name.removesuffix('支出')}（类）支出" if marked else name
            d = _explained(year, f"一般公共预算支出包括：{subject} 62.09 万元。")
            assert len(findings(d, CATALOGUE)) == expected, (year, subject)


def test_last_years_figure_may_carry_last_years_name() -> None:
    """A 2019 document speaking of 2018 under the 2018 class name is not judged (the clause names last year)."""
    d = _explained(2019, "卫生健康支出 62.09 万元，2018年医疗卫生与计划生育支出 58.00 万元。")
    assert findings(d, CATALOGUE) == []
    assert (
        len(findings(_explained(2019, "卫生健康支出 62.09 万元，医疗卫生与计划生育支出 58.00 万元。"), CATALOGUE)) == 1
    )
