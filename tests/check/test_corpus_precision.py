"""Findings on published corpus files (tests/fixtures/corpus): the false alarms of the precision
review (docs/precision.md) stay fixed, and the published defects are still found."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

from yusuan.check import run_checks
from yusuan.extract import read_document, read_documents

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


@cache
def codes(name: str) -> Counter[str]:
    """Error and warning codes `yusuan check` reports on one fixture file."""
    disclosure, problems = read_document(CORPUS / name)
    report = run_checks(disclosure, read_problems=problems)
    return Counter(f.code for f in report.findings if f.severity.value in ("error", "warning"))


def test_shanghai_unit_table1_expenditure_is_read_from_its_total_column() -> None:
    # 单位 table 1 splits 本年支出 into 合计 | 基本支出 {人员经费 | 公用经费} | 项目支出 (no 预算数 column)
    for name in ("sh-gov-office-unit-2025.pdf", "sh-commerce-unit-2025.pdf", "sh-finance-unit-2025.pdf"):
        found = codes(name)
        assert found["summary-balance"] == 0, name
        assert found["summary-vs-expenditure-by-class"] == 0, name


def test_jiangsu_summary_tables_without_classes_or_with_their_own_sources() -> None:
    # 支出预算总表 prints one row 合计 (no classes); 收入预算总表 has no 财政拨款小计 column
    for name in ("js-rd-2019-tables.pdf", "js-swbgt-2019-tables.pdf", "js-zx-2018-tables.pdf", "js-rd-2017.pdf"):
        found = codes(name)
        assert found["summary-vs-expenditure-by-class"] == 0, name
        assert found["income-columns"] == 0, name


def test_one_yuan_gaps_of_whole_yuan_tables_are_rounding_residues() -> None:
    # these tables print whole 元 of data with cents (21201: 77,381,546.4 + 17,614,243.4 = 94,995,789.8 → 790)
    found = []
    for name in ("sh-wanli-2025.pdf", "sh-finance-unit-2025.pdf"):
        disclosure, problems = read_document(CORPUS / name)
        for f in run_checks(disclosure, read_problems=problems).findings:
            if "尾差范围内" in f.message:
                place = (f.location.table, f.location.row, f.location.column, f.location.page)
                terms = f.message.rsplit("（在 ", 1)[1].split(" 个数")[0]
                found.append((f.code, f.severity.value, *place, str(f.expected), str(f.actual), terms))
    assert sorted(found) == [
        ("expenditure-columns", "info", "3", "21201", "total", 17, "94995789.00", "94995790", "3"),
        ("general-columns", "info", "5", "21201", "total", 23, "94995789.00", "94995790", "3"),
        ("hierarchy-sum", "info", "2", "212", "fiscal_subtotal", 12, "154369327.00", "154369326", "5"),
        ("hierarchy-sum", "info", "2", "212", "total", 12, "154369327.00", "154369326", "5"),
        ("hierarchy-sum", "info", "2", "21201", "fiscal_subtotal", 12, "94995789.00", "94995790", "5"),
        ("hierarchy-sum", "info", "2", "21201", "total", 12, "94995789.00", "94995790", "5"),
        ("hierarchy-sum", "info", "3", "212", "total", 17, "154369327.00", "154369326", "5"),
        ("hierarchy-sum", "info", "3", "21201", "total", 17, "94995789.00", "94995790", "5"),
        ("hierarchy-sum", "info", "5", "212", "total", 23, "154369327.00", "154369326", "5"),
        ("hierarchy-sum", "info", "5", "21201", "total", 23, "94995789.00", "94995790", "5"),
        ("hierarchy-sum", "info", "8", "302", "public", 17, "24840778.00", "24840779", "19"),
        ("hierarchy-sum", "info", "8", "302", "total", 17, "24840778.00", "24840779", "19"),
    ]
    assert codes("sh-wanli-2025.pdf")["hierarchy-sum"] == 0
    assert codes("sh-finance-unit-2025.pdf")["hierarchy-sum"] == 0


def test_jiangsu_contents_entries_map_onto_their_own_table_kinds() -> None:
    # the contents are read with the reader's own title → kind function (model/vocabulary.py)
    from yusuan.model import TableKind as K
    from yusuan.model.vocabulary import kind_of_title

    assert kind_of_title("财政拨款支出预算表") is K.FISCAL_EXPENDITURE
    assert kind_of_title("财政拨款基本支出预算表") is K.FISCAL_BASIC
    assert kind_of_title("一般公共预算机关运行经费支出预算表") is K.RUNNING_COSTS
    assert kind_of_title("政府采购支出预算表") is K.PROCUREMENT
    assert kind_of_title("支出预算总表") is K.EXPENDITURE_SUMMARY


def test_a_title_differing_only_by_qualifiers_is_info() -> None:
    from yusuan.check.rules.completeness import _only_qualifiers
    from yusuan.check.text import fold

    assert _only_qualifiers(fold("一般公共预算支出预算表"), fold("一般公共预算支出预算表（功能科目）"))
    assert _only_qualifiers(fold("政府性基金财政拨款支出预算表"), fold("财政拨款政府性基金支出预算表"))
    assert _only_qualifiers(fold("政府采购支出预算表"), fold("2017年政府采购预算表"))
    assert not _only_qualifiers(fold("一般公共预算支出预算表"), fold("一般公共预算项目支出表"))


def test_chapter_contents_without_parts_are_matched_by_title() -> None:
    # Shanghai contents number the chapters (四、单位预算编制说明, 六、其他相关情况说明); the body
    # numbers the explanations inside 六 afresh (一、“三公”经费 … 五、国有资产)
    for name in ("sh-gov-office-unit-2025.pdf", "sh-wanli-2025.pdf", "sh-finance-unit-2025.pdf"):
        found = codes(name)
        assert found["toc-section-title"] == 0, name
        assert found["toc-section-missing"] == 0, name
        assert found["part-missing"] == 0, name


def test_narrative_figures_are_compared_at_the_precision_they_are_printed_with() -> None:
    from decimal import Decimal as D

    from yusuan.check.amounts import agree_as_printed
    from yusuan.check.rounding import printed_within
    from yusuan.money import MoneyUnit

    yuan, wan = MoneyUnit.YUAN, MoneyUnit.WAN_YUAN
    assert agree_as_printed(D("17192"), wan, D("171915169.00"), yuan)  # 上海市财政局 2025: 17,192万元
    assert not agree_as_printed(D("17193"), wan, D("171915169.00"), yuan)
    assert not agree_as_printed(D("17191.51"), wan, D("171915169.00"), yuan)  # 17,191.5169 → 17,191.52
    assert agree_as_printed(D("3990.4"), wan, D("3990.40"), wan)
    assert printed_within(D("24"), (D("24.05"), D("24.06")))  # 检察院 2018: 占“三公”经费的 24 %
    assert printed_within(D("16.5"), (D("16.51"), D("16.51")))
    assert not printed_within(D("80.92"), (D("80.91"), D("80.91")))


def test_published_share_errors_are_still_found() -> None:
    # 检察院 2017, 十一 on 表十一's 三公 小计 584.35: 因公出国(境)费 110.00 → 18.82% (printed 18.85%),
    # 公务用车购置及运行费 317.80 → 54.39% (printed 54.43%), 公务接待费 156.55 → 26.79% (printed 26.72%)
    assert codes("js-jcy-2017.pdf")["narrative-share"] == 3


def test_economic_code_tables_are_checked_against_the_economic_catalogue() -> None:
    """Jiangsu's 财政拨款基本支出预算表 and 机关运行经费支出预算表 list economic codes (30101 基本工资…),
    which the economic catalogue knows: no `code-unknown` for them."""
    disclosure, problems = read_document(CORPUS / "js-rd-2019-tables.pdf")
    report = run_checks(disclosure, read_problems=problems)
    unknown = [f.location.row for f in report.findings if f.code == "code-unknown"]
    assert "30101" not in unknown and "302" not in unknown


def test_an_empty_table_explained_in_its_narrative_section_is_no_alarm() -> None:
    # 江苏省检察院 2017 表七 (p13) prints no note; 七、政府性基金支出预算表情况说明 (p21): `省检察院2017年政府性基金
    # 支出预算支出0万元，本部门无政府性基金预算。`
    assert codes("js-jcy-2017.pdf")["empty-table-note"] == 0
    # 江苏省委办公厅 2017: the tables file's 表七 is empty, the narrative file's 七 says `本部门无政府性基金预算`
    multifile = CORPUS.parent / "multifile" / "js-swbgt-2017.pdf"
    disclosure, problems = read_documents([multifile, CORPUS / "js-swbgt-2017-tables.pdf"])
    report = run_checks(disclosure, read_problems=problems)
    assert [f for f in report.findings if f.code == "empty-table-note"] == []


def test_empty_tables_with_only_a_nil_amount_elsewhere_are_still_reported() -> None:
    # 上海市财政局 2025 表6 and 表7 are empty with no note; the narrative only says `政府性基金拨款支出预算为0` (p6)
    disclosure, problems = read_document(CORPUS / "sh-finance-unit-2025.pdf")
    report = run_checks(disclosure, read_problems=problems)
    found = [f for f in report.findings if f.code == "empty-table-note"]
    assert [(f.severity.value, f.location.table, f.location.table_kind, f.location.page) for f in found] == [
        ("error", "6", "government_fund_expenditure", 15),
        ("error", "7", "state_capital_expenditure", 16),
    ]
