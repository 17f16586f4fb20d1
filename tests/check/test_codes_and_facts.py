"""Codes, other facts, performance, text hygiene and completeness: the cases where care avoids a false alarm."""

from __future__ import annotations

from decimal import Decimal

from tests.check.factory import (
    K,
    base,
    drop_table,
    findings,
    map_tables,
    replace_text,
    set_indicator,
    set_performance,
)
from yusuan.check.finding import Severity
from yusuan.check.rules.completeness import toc_entries
from yusuan.check.rules.performance import value_well_formed
from yusuan.check.rules.text_hygiene import unbalanced
from yusuan.model import Disclosure, Paragraph, TableKind


def relabel(d: Disclosure, kind: TableKind, row_key: str, label: str) -> Disclosure:
    def change(table):  # type: ignore[no-untyped-def]
        rows = [r.model_copy(update={"label": label}) if r.key == row_key else r for r in table.rows]
        return table.model_copy(update={"rows": rows})

    return map_tables(d, kind, change)


# --- codes -------------------------------------------------------------------------------------------


def test_bracket_width_and_spaces_do_not_make_a_different_name() -> None:
    d = relabel(base(), K.INCOME_SUMMARY, "20131", "党委办公厅(室)及相关 机构事务")  # as extracted from a PDF
    assert findings(d, "code-name-catalogue") == [] and findings(d, "code-name-inconsistent") == []


def test_a_name_of_another_year_says_so() -> None:
    # 20805 was 行政事业单位离退休 up to 2019 and is 行政事业单位养老支出 since
    d = relabel(base(), K.INCOME_SUMMARY, "20805", "行政事业单位离退休")
    [f] = findings(d, "code-name-catalogue")
    assert "行政事业单位养老支出" in f.message and "2017–2019" in f.message


def test_names_are_not_judged_for_years_the_catalogue_does_not_cover() -> None:
    year_2021 = base(meta=base().meta.model_copy(update={"year": 2021}))
    d = relabel(year_2021, K.INCOME_SUMMARY, "20805", "行政事业单位离退休")
    assert findings(d, "code-name-catalogue") == []


def test_the_inconsistent_name_is_pinned_on_the_table_that_differs_from_the_catalogue() -> None:
    d = relabel(base(), K.FISCAL_SUMMARY, "234", "抗疫特别国债还本支出")
    [f] = findings(d, "code-name-inconsistent")
    assert f.location.table == "4" and f.expected == "抗疫特别国债安排的支出"


# --- other facts ---------------------------------------------------------------------------------------


def test_serviced_vehicles_are_not_owned_vehicles_so_a_difference_is_only_an_info() -> None:
    """The reference's unit target 保障单位公务用车数量 =18 辆 vs 11 vehicles among its assets.

    The office's duty 4 is 做好州委领导秘书及用车服务: it services the leaders'
    cars, so the vehicles it *services* (18) and the vehicles it *owns* (11)
    are different quantities.  Calling that a warning would be a false alarm;
    saying nothing would hide a figure a reviewer may want to confirm.  So:
    an info with the caveat.  An indicator that plainly counts the unit's own
    vehicles (公务用车数量) is the same quantity: a difference is a warning.
    """
    serviced = set_indicator(base(), 0, 1, name="保障单位公务用车数量", value="=18辆")
    [info] = findings(serviced, "counts-agree")
    assert info.severity is Severity.INFO and "口径可能不同" in info.message
    owned = set_indicator(base(), 0, 1, value="=3辆")
    [warning] = findings(owned, "counts-agree")
    assert warning.severity is Severity.WARNING and warning.expected == Decimal(2)


def test_procurement_with_an_unstated_part_is_not_assumed_nil() -> None:
    d = replace_text(base(), "政府采购工程预算0.00万元，", "")
    assert findings(d, "procurement-total") == []
    d = replace_text(d, "政府采购货物预算10.00万元", "政府采购货物预算12.00万元")  # stated parts now exceed the total
    assert findings(d, "procurement-total")


def test_people_added_may_mean_in_service_or_all_staff() -> None:
    # 在职 +2, 退休 +0: "人员增加2人" is right; with 退休 +1 "人员增加3人" (实有) is right too
    assert findings(base(), "staffing-changes") == []
    text = "实有人数7人，其中：在职5人，增加2人；退休2人，增加1人。"
    profile = base().profile.model_copy(update={"staffing_text": text})
    assert findings(base(profile=profile), "staffing-changes") == []
    said_three = replace_text(base(profile=profile), "主要原因是人员增加2人", "主要原因是人员增加3人")
    assert findings(said_three, "staffing-changes") == []
    said_four = replace_text(base(profile=profile), "主要原因是人员增加2人", "主要原因是人员增加4人")
    assert findings(said_four, "staffing-changes")


def test_classified_projects_count_what_section_seven_withholds() -> None:
    d = replace_text(base(), "设立的政策依据：根据有关通知", "设立的政策依据：完全不予公开")
    d = replace_text(d, "本单位无其他需说明的事项。", "本单位涉密项目1个，涉及预算金额30.00万元。")
    assert findings(d, "classified-projects") == []
    assert findings(d, "perf-project-missing") == []


# --- performance -------------------------------------------------------------------------------------


def test_indicator_values() -> None:
    good = [
        "=59人",
        ">=25000份",
        "≥95%",
        "<=3 天",
        "=100 %",
        "≤12万元",
        ">=22 00 人次",
        "有效保障",
        "有效 增强",
        "100%",
    ]
    bad = ["=>95%", ">=", "95%%", "", "约100人左右大概", "≥≥95%"]
    assert all(value_well_formed(v) for v in good)
    assert not any(value_well_formed(v) for v in bad)


def test_cost_indicators_with_blank_merged_level_cells_are_still_cost_indicators() -> None:
    # the second cost indicator of 服务保障工作经费 has blank level-1/2 cells (merged in the PDF)
    d = set_indicator(base(), 1, 2, value="≤25万元")
    [f] = findings(d, "perf-cost-indicators")
    assert f.actual == Decimal(35) and "超过" in f.message


def test_non_fiscal_projects_are_counted_from_their_tables() -> None:
    d = replace_text(base(), "非财政拨款项目1个，涉及预算金额10.00万元", "非财政拨款项目1个，涉及预算金额12.00万元")
    [f] = findings(d, "perf-summary")
    assert f.expected == "1个 10.00万元"
    assert findings(set_performance(base(), 0, other=Decimal("11.00")), "perf-unit-funds")


# --- text hygiene ------------------------------------------------------------------------------------


def test_brackets_closed_in_the_next_extracted_paragraph_are_balanced() -> None:
    broken = (
        base()
        .narrative[9]
        .model_copy(update={"paragraphs": [Paragraph(text="三公经费中因公出国（境"), Paragraph(text="）费0.00万元。")]})
    )
    d = base(narrative=[*base().narrative[:9], broken, *base().narrative[10:]])
    assert findings(d, "text-unbalanced-brackets") == []


def test_unbalanced_ignores_list_closers_and_counts_straight_quotes() -> None:
    assert unbalanced("1) 收入 2) 支出") == []
    assert unbalanced("“三公”经费（含车辆") == ["括号"]
    assert unbalanced('所谓"三公经费') == ["引号"]
    # `（详见表 11）` closes its bracket: `11）` after 表 is no list closer
    assert unbalanced("一般公共预算支出情况（详见表 11）") == []
    assert unbalanced("（详见第 2）部分") == []


def test_template_leftovers_but_not_codes_like_a3a4() -> None:
    d = replace_text(base(), "共计30.00万元", "共计30.00万元，A3A4复印纸XX包")
    [f] = findings(d, "text-template-leftover")
    assert f.actual == "XX"
    leftover = replace_text(base(), "主要原因是人员增加2人", "主要原因是人员增加（减少）")
    assert findings(leftover, "text-template-leftover")


def test_a_paragraph_full_of_placeholders_is_one_finding() -> None:
    d = replace_text(base(), "主要原因是人员增加2人", "主要原因是XX增加（减少）XXX万元，某某XX")
    [f] = findings(d, "text-template-leftover")
    assert " 5 处“XX”、“增加（减少）”、“XXX”、“某某”：" in f.message
    assert f.actual == "“XX”、“增加（减少）”、“XXX”、“某某”"


def test_an_unwritten_reason_is_found_where_it_is() -> None:
    d = replace_text(base(), "主要原因是人员增加2人。", "主要原因是。")
    [f] = findings(d, "text-empty-reason")
    assert (f.location.section, f.expected, f.actual) == ("income", None, "主要原因是")
    assert "“主要原因是”之后没有写出原因" in f.message
    # a reason introduced by a colon at the end of its paragraph is written in the items below
    listed = replace_text(base(), "主要原因是人员增加2人。", "主要原因是：")
    assert findings(listed, "text-empty-reason") == []
    assert (
        findings(replace_text(base(), "主要原因是人员增加2人。", "因个人原因，人员增加2人。"), "text-empty-reason")
        == []
    )


def test_a_rate_without_its_percent_sign_gets_it_suggested() -> None:
    d = replace_text(base(), "增长25.00%，", "增长25.00，")
    [f] = findings(d, "text-rate-without-percent")
    assert (f.location.section, f.expected, f.actual) == ("income", "增长25.00%", "增长25.00")
    # `增长 1,234.56 万元` is an amount with a thousands separator, not a rate `增长 1`
    for fine in ("增长1.5倍，", "增长2个百分点，", "增长25.00%，", "增长1,234.56万元，"):
        assert findings(replace_text(base(), "增长25.00%，", fine), "text-rate-without-percent") == [], fine


def test_doubled_punctuation_suggests_the_single_mark() -> None:
    [f] = findings(
        replace_text(base(), "收支总预算110.00万元。", "收支总预算110.00万元。。"), "text-doubled-punctuation"
    )
    assert (f.expected, f.actual) == ("。", "。。")


# --- completeness ------------------------------------------------------------------------------------


def test_contents_lines_wrapped_by_extraction_are_joined() -> None:
    entries = toc_entries(["第三部分 2024 年单位预算情况说明", "二、关于某单位 2024", "年收入预算情况说明"])
    assert [(e.part, e.number, e.title) for e in entries] == [(3, "二", "关于某单位 2024年收入预算情况说明")]


def test_a_missing_table_is_reported_once() -> None:
    d = drop_table(base(), K.GOVERNMENT_FUND_EXPENDITURE)
    assert [f.code for f in findings(d) if f.severity is Severity.ERROR] == ["toc-table-missing"]


def test_without_part_two_only_the_part_is_reported() -> None:
    d = base(tables=[])
    assert findings(d, "mandated-table-missing") == []
    assert [f.message for f in findings(d, "part-missing")] == ["缺少第二部分 预算公开表。"]


def test_more_classified_money_than_seven_withholds_is_a_warning_only_when_nothing_can_explain_it() -> None:
    d = replace_text(base(), "设立的政策依据：根据有关通知", "设立的政策依据：完全不予公开")
    d = replace_text(d, "本单位无其他需说明的事项。", "本单位涉密项目1个，涉及预算金额35.00万元。")
    # the only non-fiscal project (培训经费, 10.00) has its own table: nothing else can hold 5.00 more
    [f] = findings(d, "classified-projects")
    assert f.severity is Severity.WARNING and "无从安排" in f.message
    # if 十二（四） named another non-fiscal project without a table, the extra 5.00 may be there
    roomy = replace_text(d, "非财政拨款项目1个，涉及预算金额10.00万元", "非财政拨款项目2个，涉及预算金额20.00万元")
    assert [f.severity for f in findings(roomy, "classified-projects")] == [Severity.INFO]


def test_organisation_without_staffing_figures_is_the_part_present() -> None:
    # Jiangsu and Shanghai print 机构设置 (and 预算单位构成) but no staffing figures
    from yusuan.model import Profile

    d = base(profile=Profile(duties=["负责本单位日常工作。"], organisation="本部门内设机构包括秘书处、综合处。"))
    assert findings(d, "part-missing") == []
    d = base(profile=Profile(duties=["负责本单位日常工作。"]))
    assert [f.message for f in findings(d, "part-missing")] == ["缺少第一部分 单位概况：机构设置及人员情况。"]


def test_indicator_values_with_bracketed_units_or_worded_comparisons() -> None:
    from yusuan.check.rules.performance import value_is_prose_target

    assert all(value_well_formed(v) for v in ["=100.00(%)", "≥80.00(%)", "不低于50%", "不少于100人"])
    prose = ["开展至少1次团体心理治疗", "满意率100%", "慰问人数不少于100人,宣传用品不少于20000份"]
    assert not any(value_well_formed(v) for v in prose)
    assert all(value_is_prose_target(v) for v in prose)
    assert not any(value_is_prose_target(v) for v in ["=>95%", "≥≥95%", "约100人左右大概", "95%%"])


def test_a_code_given_from_the_row_name_is_not_judged_as_printed() -> None:
    # 30298 is not in the catalogue: printed, it is worth an info; given from a name (杭州 prints none), not
    def change(table):  # type: ignore[no-untyped-def]
        rows = [r.model_copy(update={"code": "30298", "named": True}) if r.key == "30201" else r for r in table.rows]
        return table.model_copy(update={"rows": rows})

    assert findings(map_tables(base(), K.GENERAL_BUDGET_BASIC, change), "code-unknown") == []


def test_a_name_cut_short_with_an_ellipsis_is_not_a_wrong_name() -> None:
    # the Shanghai forms print `2050205 高等教育……` as a placeholder; a name cut short is not another name
    assert findings(relabel(base(), K.INCOME_SUMMARY, "20131", "党委办公厅（室）……"), "code-name-catalogue") == []
    assert findings(relabel(base(), K.INCOME_SUMMARY, "20131", "党委办公室……"), "code-name-catalogue") != []
