"""A change stated with both its amounts (`由 A 至 B`): direction, difference and rate from the sentence alone.

The failing case is the one the issue quotes from a Shanghai district bureau's 2026 department budget as a
human reviewer annotated it (issue 10): `由1,260.00万元减少至1,108.80万元，增加12.00%`.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.check.factory import base, findings, replace_text
from yusuan.model import Disclosure
from yusuan.money import quantize

REASON = "主要原因是厉行节约"
DIRECTION, DIFFERENCE, RATE = "narrative-from-to-direction", "narrative-from-to-difference", "narrative-from-to-rate"


def _with(sentence: str) -> Disclosure:
    """The tiny disclosure with `sentence` stated in its 三公 paragraph, before a reason."""
    return replace_text(base(), REASON, f"{sentence}，{REASON}")


def test_the_reviewers_case_a_decrease_written_as_an_increase() -> None:
    """Shanghai district bureau 2026 department budget (issue 10): `由1,260.00万元减少至1,108.80万元，增加12.00%`."""
    d = _with("公务用车运行费由1,260.00万元减少至1,108.80万元，增加12.00%")
    [f] = findings(d, DIRECTION)
    assert f.expected == "减少" and f.actual == "增加" and f.suggestion == "减少12.00%"
    assert f.location.section == "three_public" and "1,260.00万元" in f.message
    assert findings(d, RATE) == []  # 151.20 ÷ 1,260.00 is 12.00%: only the word is wrong


def test_the_reviewers_case_corrected_passes() -> None:
    d = _with("公务用车运行费由1,260.00万元减少至1,108.80万元，减少151.20万元，下降12.00%")
    assert findings(d, DIRECTION) == findings(d, DIFFERENCE) == findings(d, RATE) == []


def test_a_wrong_difference_and_a_wrong_rate_are_recomputed_from_the_two_amounts() -> None:
    d = _with("公务用车运行费由1,260.00万元减少至1,108.80万元，减少115.20万元，下降12.50%")
    [difference] = findings(d, DIFFERENCE)
    assert difference.expected == Decimal("151.20") and difference.actual == Decimal("115.20")
    assert difference.suggestion == "减少151.20万元"
    [rate] = findings(d, RATE)
    assert rate.expected == Decimal("12.00") and rate.actual == Decimal("12.50") and rate.suggestion == "下降12.00%"


def test_the_pair_word_itself_must_follow_the_amounts() -> None:
    [f] = findings(_with("公务接待费由2.00万元增加至1.50万元"), DIRECTION)
    assert f.actual == "增加" and f.suggestion == "减少"
    assert findings(_with("公务接待费由2.00万元降至1.50万元，下降25.00%"), DIRECTION) == []


def test_flat_with_two_different_amounts_is_a_contradiction() -> None:
    [f] = findings(_with("公务接待费由2.00万元调整到2.50万元，与上年持平"), DIRECTION)
    assert f.actual == "持平" and f.suggestion == "增加0.50万元"


def test_the_next_subjects_figures_are_not_read_as_this_pairs() -> None:
    # the clause after the pair opens with a new subject: its change belongs to it, not to the pair
    d = _with("公务接待费由2.00万元减少至1.50万元，公务用车购置费增加9.00万元，增长50.00%")
    assert findings(d, DIRECTION) == findings(d, DIFFERENCE) == findings(d, RATE) == []


def test_a_range_is_not_a_change() -> None:
    d = _with("单个项目金额从10万元到50万元不等")
    assert findings(d, DIRECTION) == findings(d, DIFFERENCE) == findings(d, RATE) == []


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)


@settings(deadline=None, max_examples=50)
@given(amounts, amounts)
def test_a_change_computed_from_its_two_amounts_is_never_reported(a: Decimal, b: Decimal) -> None:
    delta = b - a
    words = ("增加", "增长") if delta > 0 else ("减少", "下降")
    if delta == 0:
        sentence = f"公务接待费由{a}万元调整至{b}万元，增加0.00万元，增长0.00%"
    else:
        rate = quantize(abs(delta) * 100 / a)
        sentence = f"公务接待费由{a}万元{words[0]}至{b}万元，{words[0]}{abs(delta)}万元，{words[1]}{rate}%"
    d = _with(sentence)
    assert findings(d, DIRECTION) == findings(d, DIFFERENCE) == findings(d, RATE) == []


@settings(deadline=None, max_examples=50)
@given(amounts, amounts)
def test_the_opposite_word_is_always_reported(a: Decimal, b: Decimal) -> None:
    delta = b - a
    if delta == 0:
        return
    wrong = "减少" if delta > 0 else "增加"
    [f] = findings(_with(f"公务接待费由{a}万元{wrong}至{b}万元"), DIRECTION)
    assert f.actual == wrong


def test_this_years_amount_of_a_pair_is_the_tables() -> None:
    """The reviewer's sentence against the tiny disclosure's 三公 table (公务用车运行费 8.00万元 this year)."""
    table = "narrative-from-to-table"
    assert findings(_with("公务用车运行费由10.00万元减少至8.00万元，减少2.00万元，下降20.00%"), table) == []
    [f] = findings(_with("公务用车运行费由10.00万元减少至9.00万元，减少1.00万元，下降10.00%"), table)
    assert f.expected == Decimal("8.00") and f.actual == Decimal("9.00") and f.severity.value == "warning"
    assert f.related and f.related[0].table_kind == "three_public"


def test_last_years_amount_of_a_pair_is_the_documents_last_year() -> None:
    table = "narrative-from-to-table"
    sentence = "公务用车运行费由10.00万元减少至8.00万元，减少2.00万元，下降20.00%"
    right = replace_text(base(last_year={"three_public.vehicle_operation": Decimal("10.00")}), REASON, sentence)
    assert findings(right, table) == []
    wrong = replace_text(base(last_year={"three_public.vehicle_operation": Decimal("11.00")}), REASON, sentence)
    [f] = findings(wrong, table)
    assert f.expected == Decimal("11.00") and f.actual == Decimal("10.00")


def test_last_years_amount_stated_beside_this_years_is_a_pair_too() -> None:
    """`比上年的A万元减少B万元，下降Y%`: the rate, direction and difference follow from the two amounts."""
    assert findings(_with("公务接待费2.00万元，比上年的2.50万元减少0.50万元，下降20.00%"), RATE) == []
    d = _with("公务接待费2.00万元，比上年的2.50万元减少0.50万元，下降25.00%")
    [rate] = findings(d, RATE)
    assert rate.expected == Decimal("20.00") and rate.actual == Decimal("25.00")
    assert rate.suggestion == "下降20.00%" and "上年 2.50万元、本年 2.00万元" in rate.message
    [direction] = findings(_with("公务接待费2.00万元，比上年的2.50万元增加0.50万元"), DIRECTION)
    assert direction.actual == "增加" and direction.suggestion == "减少0.50万元"
    [difference] = findings(_with("公务接待费2.00万元，比上年的2.50万元减少0.30万元"), DIFFERENCE)
    assert difference.expected == Decimal("0.50") and difference.actual == Decimal("0.30")


def test_a_rate_printed_with_one_decimal_is_judged_and_corrected_at_one_decimal() -> None:
    """`下降20.0%` fits 0.50 ÷ 2.50; `下降25.0%` does not and is corrected to `下降20.0%`, not `20.00%`."""
    assert findings(_with("公务接待费由2.50万元减少至2.00万元，下降20.0%"), RATE) == []
    [rate] = findings(_with("公务接待费由2.50万元减少至2.00万元，下降25.0%"), RATE)
    assert rate.suggestion == "下降20.0%" and rate.expected == Decimal("20.00")


def test_a_rate_cut_off_instead_of_rounded_is_a_warning() -> None:
    """Jiangsu 2019: 1,297.83 ÷ 8,072.29 = 16.0776%, printed 16.07%: the rounding convention broken, a warning."""
    [rate] = findings(_with("公务接待费由8,072.29万元增加至9,370.12万元，增长16.07%"), RATE)
    assert (rate.severity.value, rate.expected, rate.actual, rate.suggestion) == (
        "warning",
        Decimal("16.08"),
        Decimal("16.07"),
        "增长16.08%",
    )
    assert "截尾" in rate.message
    [wrong] = findings(_with("公务接待费由8,072.29万元增加至9,370.12万元，增长16.05%"), RATE)
    assert wrong.severity.value == "error"


def test_a_rate_from_a_nil_base_is_reported_shanghai_wanli_2023_p6() -> None:
    """上海市普陀区万里街道 2023 p6: `2022年执行数为0万元，2023年预算安排60.13万元，比2022年预算执行数增加100.00%`.

    From a nil base no finite rate exists (last year under 0.5 万元 still makes the rise over 12,000 %):
    `103.00%` is an error; the templates' `100.00%` for a new item passes."""
    sentence = (
        "“一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”60.13万元，主要用于统计管理。"
        "2023年当年预算执行数为0万元，2024年预算安排60.13万元，比2023年预算执行数增加{}%"
    )
    assert findings(_with(sentence.format("100.00")), RATE) == []
    [rate] = findings(_with(sentence.format("103.00")), RATE)
    assert rate.severity.value == "error" and rate.actual == Decimal("103.00")
    assert rate.suggestion == "新增60.13万元" and "以0为基数" in rate.message
    assert findings(_with("公务接待费由0万元增加至60.13万元，增长50%"), RATE)
    assert findings(_with("公务接待费由0万元增加至0万元，增长0%"), RATE) == []
