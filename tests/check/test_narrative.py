"""Narrative rules: grounding across units, rounding bounds, zero changes, years, change sums, last year."""

from __future__ import annotations

from decimal import Decimal

from tests.check.factory import K, base, findings, replace_text, set_cell, update_table
from yusuan.check.rounding import rate_bounds, share_bounds
from yusuan.model import Disclosure
from yusuan.money import MoneyUnit


def _three_public_in_yuan() -> Disclosure:
    d = update_table(base(), K.THREE_PUBLIC, unit=MoneyUnit.YUAN)
    for row in ("total", "vehicles", "vehicle_operation"):
        for column in ("total", "general_public_budget"):
            d = set_cell(d, K.THREE_PUBLIC, row, column, "80000.00")
    return d


def test_amounts_are_compared_in_the_coarser_unit() -> None:
    # 表10 in 元 (80,000.00), the narrative in 万元 (8.00): the same amount
    d = _three_public_in_yuan()
    assert findings(d) == []
    wrong = set_cell(d, K.THREE_PUBLIC, "vehicle_operation", "total", "80100.00")
    found = findings(wrong, "narrative-amount")
    assert len(found) == 1 and "8.00万元" in found[0].message and "80,100.00元" in found[0].message
    # the rate stated for the same item is right for the narrative's own 8.00: not reported a second time
    assert findings(wrong, "narrative-rate") == []


def test_share_bounds_follow_the_rounding_of_the_printed_amounts() -> None:
    # 100.00 / 110.00 = 90.909…%; amounts printed to the cent could be 99.995…100.005 / 109.995…110.005,
    # so 90.91 and 90.92 are both possible shares — but 90.81 is not.
    assert share_bounds(Decimal("100.00"), Decimal("110.00")) == (Decimal("90.90"), Decimal("90.92"))
    assert findings(replace_text(base(), "占90.91%", "占90.92%"), "narrative-share") == []
    # at the reference's scale the bounds are one value: 1,526.00 / 1,566.00 → exactly 97.45
    assert share_bounds(Decimal("1526.00"), Decimal("1566.00")) == (Decimal("97.45"), Decimal("97.45"))
    assert rate_bounds(Decimal("1526.00"), Decimal("150.11")) == (Decimal("10.91"), Decimal("10.91"))


def test_a_share_error_names_both_amounts_and_the_right_share() -> None:
    [f] = findings(replace_text(base(), "占90.91%", "占80.91%"), "narrative-share")
    assert "80.91%" in f.message and "100.00 ÷ 110.00" in f.message and "90.91%" in f.message
    assert f.expected == Decimal("90.91") and f.location.section == "income"


def test_no_change_means_a_zero_rate_even_when_both_years_are_nil() -> None:
    broken = replace_text(base(), "因公出国（境）费增加0.00万元，增长0.00%", "因公出国（境）费增加0.00万元，增长1.00%")
    [f] = findings(broken, "narrative-rate")
    assert f.expected == 0 and f.actual == Decimal("1.00")


def test_flat_with_a_change_is_a_contradiction() -> None:
    broken = replace_text(base(), "公务接待费增加0.00万元，增长0.00%", "公务接待费与上年持平，增加1.00万元")
    assert findings(broken, "narrative-direction")


def test_comparison_years_last_year_and_this_year_are_fine_others_are_not() -> None:
    fine = replace_text(base(), "主要原因是厉行节约", "主要原因是2023年与2024年均厉行节约")
    assert findings(fine, "narrative-year") == []
    wrong = replace_text(base(), "主要原因是厉行节约", "主要原因是2022年与2024年均厉行节约")
    [f] = findings(wrong, "narrative-year")
    assert f.actual == "2022" and f.expected == "2023" and f.suggestion == "2023年与2024年"
    assets = replace_text(base(), "截至2023年底", "截至2022年底")
    assert [f.actual for f in findings(assets, "narrative-year")] == ["2022"]


def test_changes_of_the_three_public_items_add_up_to_the_total_change() -> None:
    broken = replace_text(base(), "公务用车运行费减少2.00万元，下降20.00%", "公务用车运行费减少3.00万元，下降27.27%")
    [f] = findings(broken, "narrative-change-sum")
    assert f.expected == Decimal("-2.00") and f.actual == Decimal("-3.00")


def test_item_changes_must_agree_with_basic_plus_project_when_no_total_change_is_stated() -> None:
    broken = replace_text(
        base(),
        "2024年预算数为10.00万元，比上年预算增加1.00万元，增长11.11%",
        "2024年预算数为10.00万元，比上年预算增加2.00万元，增长25.00%",
    )
    [f] = findings(broken, "narrative-change-sum")
    assert "项级科目" in f.message and f.actual == Decimal("11.00") and f.expected == Decimal("10.00")


def test_last_years_figure_is_checked_when_the_document_carries_it() -> None:
    right = base(last_year={"income.general_public_budget": Decimal("90.00"), "three_public.total": Decimal("10.00")})
    assert findings(right, "narrative-last-year") == []
    [f] = findings(base(last_year={"three_public.total": Decimal("12.00")}), "narrative-last-year")
    assert f.expected == Decimal("12.00") and f.actual == Decimal("10.00")


def test_running_costs_are_a_warning_not_an_amount_error() -> None:
    d = replace_text(base(), "财政拨款预算20.00万元", "财政拨款预算21.00万元")
    assert findings(d, "narrative-amount") == []
    [f] = findings(d, "running-costs")
    assert f.severity.value == "warning" and f.expected == Decimal("20.00")


def test_an_unresolvable_subject_is_not_checked() -> None:
    # a subject we cannot ground in a table is left alone rather than guessed
    d = replace_text(base(), "收支总预算110.00万元。", "收支总预算110.00万元。另有专项资金5.00万元。")
    assert findings(d) == []


def test_lists_name_what_the_tables_hold() -> None:
    classes = "支出预算包括：一般公共服务支出、社会保障和就业支出。"
    extra = replace_text(base(), classes, "支出预算包括：一般公共服务支出、社会保障和就业支出、教育支出。")
    assert findings(extra, "narrative-lists") == []  # 教育支出 is not even a row of 表1 here: not judged
    [f] = findings(replace_text(base(), classes, "支出预算包括：一般公共服务支出。"), "narrative-lists")
    assert "社会保障和就业支出" in f.message
    # 主要包括 may leave small items out, but may not name one table 6 does not have
    public = "主要包括：办公费、公务用车运行维护费。"
    assert findings(replace_text(base(), public, "主要包括：办公费。"), "narrative-lists") == []
    [g] = findings(replace_text(base(), public, "主要包括：办公费、差旅费。"), "narrative-lists")
    assert g.actual == "差旅费"


def test_listed_income_sources_are_named_in_chinese_in_the_finding() -> None:
    [f] = findings(replace_text(base(), "包括：一般公共预算、单位资金。", "包括：单位资金。"), "narrative-lists")
    assert (f.expected, f.actual) == ("一般公共预算拨款、单位资金", "单位资金")  # as 表1 names its rows


def test_roughly_flat_allows_a_small_change() -> None:
    """杭州市司法局 2026 部门预算: `比上年执行数减少1.26万元，下降0.9%，与上年基本持平` is what the words say;
    持平 with the same change is a contradiction, and 基本持平 with a large one a warning."""
    old = "公务接待费增加0.00万元，增长0.00%"
    roughly = replace_text(base(), old, "公务接待费减少1.26万元，下降0.9%，与上年基本持平")
    assert findings(roughly, "narrative-direction") == []
    [strict] = findings(
        replace_text(base(), old, "公务接待费减少1.26万元，下降0.9%，与上年持平"), "narrative-direction"
    )
    assert strict.severity.value == "error" and strict.expected == "持平"
    [large] = findings(
        replace_text(base(), old, "公务接待费减少12.60万元，下降9.0%，与上年基本持平"), "narrative-direction"
    )
    assert large.severity.value == "warning" and large.expected == "基本持平"


def test_a_repeated_subject_in_another_year_or_under_its_part_is_no_contradiction() -> None:
    # the mutation of test_rules gives the baseline: 公务用车运行费 8.00 then 9.00 in one paragraph
    said_twice = "公务接待费0.00万元，公务用车运行费9.00万元。"
    assert findings(replace_text(base(), "公务接待费0.00万元。", said_twice), "narrative-repeated-amount")
    # 深圳: `2026年…公务用车运行费8.00万元，同比2025年…公务用车运行费9.00万元` states one amount per year
    other_year = "公务接待费0.00万元，同比2023年公务用车运行费9.00万元。"
    assert findings(replace_text(base(), "公务接待费0.00万元。", other_year), "narrative-repeated-amount") == []
    # `…总额…；其中…`: the second amount is a part of the first
    part = "公务接待费0.00万元；其中一般公共预算拨款安排公务用车运行费9.00万元。"
    assert findings(replace_text(base(), "公务接待费0.00万元。", part), "narrative-repeated-amount") == []


def test_a_listing_ends_at_its_semicolon() -> None:
    # `支出预算包括：…；主要用于…`: what follows the semicolon is no item of the list
    classes = "支出预算包括：一般公共服务支出、社会保障和就业支出。"
    more = "支出预算包括：一般公共服务支出、社会保障和就业支出；主要用于保障机构运转。"
    assert findings(replace_text(base(), classes, more), "narrative-lists") == []


def test_a_rate_after_what_the_change_is_compared_with_is_checked() -> None:
    """`基本支出70.00万元，与上年相比增加5.00万元，增长9.69%` (Jiangsu's wording): 5.00 ÷ 65.00 is 7.69%."""
    d = replace_text(
        base(),
        "基本支出70.00万元，占63.64%，比上年预算增加5.00万元，增长7.69%",
        "基本支出70.00万元，占63.64%，与上年相比增加5.00万元，增长9.69%",
    )
    [f] = findings(d, "narrative-rate")
    assert (f.location.section, f.expected, f.actual) == ("expenditure", Decimal("7.69"), Decimal("9.69"))
    assert "7.69%" in f.message


def test_this_years_income_total_is_table_ones_current_income_line() -> None:
    """Jiangsu's 收支预算总体情况: `1．本年收入合计110.00万元。` is 表1's 一、本年收入 (or its 收入总计)."""
    overview = "收支总预算110.00万元。"
    assert findings(replace_text(base(), overview, f"{overview}本年收入合计110.00万元。"), "narrative-amount") == []
    d = replace_text(base(), overview, f"{overview}本年收入合计210.00万元。")
    [f] = findings(d, "narrative-amount")
    assert (f.location.section, f.expected, f.actual) == ("overview", Decimal("110.00"), Decimal("210.00"))


def test_the_changes_inside_a_bracket_add_up_to_the_change_after_it() -> None:
    """Guangzhou 2026: `公务用车购置及运行维护费8.00万元（购置费…，比上年增加…；运行维护费…，比上年减少…。）比上年
    减少2.00万元`: the parts' changes must add up to the whole's."""
    lead = "2024年财政拨款“三公”经费比上年预算减少2.00万元"
    for part, wrong in (("减少2.00", False), ("增加2.00", True)):
        d = replace_text(
            base(),
            lead,
            "公务用车购置及运行维护费8.00万元（公务用车购置费0.00万元，比上年增加0.00万元；公务用车运行费8.00万元，"
            f"比上年{part}万元。）比上年减少2.00万元，下降20.00%。{lead}",
        )
        found = [f for f in findings(d, "narrative-change-sum") if "公务用车购置费与运行费" in f.message]
        assert len(found) == wrong
        for f in found:
            assert (f.location.section, f.expected, f.actual) == ("three_public", Decimal("-2.00"), Decimal("2.00"))


def _whole_change(rate: str) -> Disclosure:
    return replace_text(
        base(),
        "基本支出70.00万元，占63.64%，比上年预算增加5.00万元，增长7.69%",
        f"基本支出70.0万元，占63.64%，比上年预算增加5万元，增长{rate}%",
    )


def test_a_change_printed_in_whole_units_beside_decimals_is_read_at_the_amounts_precision() -> None:
    """广州信访局 2026 p21 `公务用车购置及运行维护费2.5万元…比上年减少1万元，下降28.6%`: read as whole 万元 the
    change allows 16.4–38.0 %; at the amount's precision (1.0) only 28.6 %.  A rate fitting only the loose
    reading is a warning (江苏省检察院 2019 p26 `4243.61万元,与上年相比增加1657万元,增加64.07 %`: 64.06 %)."""
    assert findings(_whole_change("7.69"), "narrative-rate") == []
    [f] = findings(_whole_change("8.20"), "narrative-rate")
    assert (f.severity.value, f.expected, f.actual, f.suggestion) == (
        "warning",
        Decimal("7.69"),
        Decimal("8.20"),
        "增长7.69%",
    )
    assert "取整" in f.message
    [wrong] = findings(_whole_change("9.69"), "narrative-rate")  # off even read loosely: the error, once
    assert wrong.severity.value == "error"


def test_a_rate_named_by_its_noun_is_checked() -> None:
    """江苏省检察院 2018 p26: `1,895 万元，与上年相比减少 134 万元，降幅 0.66 %` where 134 ÷ 2,029 is 6.60% (the
    rule read only verbs: `下降6.60%`); `增幅` and `增长率为` likewise."""
    sentence = "基本支出70.00万元，占63.64%，比上年预算增加5.00万元，增长7.69%"
    for written, rate in (("增幅7.69%", None), ("增长率为7.69%", None), ("增幅 9.69 %", "9.69")):
        d = replace_text(base(), sentence, sentence.replace("增长7.69%", written))
        found = findings(d, "narrative-rate")
        if rate is None:
            assert found == []
        else:
            [f] = found
            assert (f.location.section, f.expected, f.actual) == ("expenditure", Decimal("7.69"), Decimal(rate))
            assert "增幅应为 7.69%，而不是 9.69%" in f.message and f.suggestion == "增幅7.69%"
    falls = replace_text(base(), sentence, "基本支出70.00万元，占63.64%，比上年预算减少5.00万元，降幅0.67%")
    [f] = findings(falls, "narrative-rate")  # 5.00 ÷ 75.00
    assert (f.expected, f.actual, f.suggestion) == (Decimal("6.67"), Decimal("0.67"), "降幅6.67%")
    assert findings(falls, "narrative-direction") == []
    mixed = replace_text(base(), sentence, "基本支出70.00万元，占63.64%，比上年预算增加5.00万元，降幅7.69%")
    assert [f.actual for f in findings(mixed, "narrative-direction")] == ["降幅"]


def test_a_share_of_a_whole_it_names_is_checked_against_that_line() -> None:
    """江苏省检察院 2018 p26: `财政拨款预算支出 21,940.96 万元，占本年支出合计的 99.94 %` (21,955.35: 99.93%), in a
    section with no total of its own: the whole it names is 表1's 本年支出 line."""
    spent = "人员经费50.00万元，"
    right = replace_text(base(), spent, "人员经费50.00万元，占本年支出合计的45.45%，")  # 50.00 ÷ 110.00
    assert findings(right, "narrative-share") == []
    wrong = replace_text(base(), spent, "人员经费50.00万元，占本年支出合计的45.55%，")
    [f] = findings(wrong, "narrative-share")
    assert (f.location.section, f.expected, f.actual) == ("general_budget_basic", Decimal("45.45"), Decimal("45.55"))
    assert "按 50.00 ÷ 110.00 计算应为 45.45%" in f.message
