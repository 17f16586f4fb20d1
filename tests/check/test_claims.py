"""Reading Part 3's sentences into statements: subjects, amounts, shares, signed changes and rates."""

from __future__ import annotations

from decimal import Decimal

from tests.check.factory import UNIT, base
from yusuan.check.claims import Statement, clean_subject, logical_paragraphs, parse_narrative
from yusuan.model import Paragraph, Section


def parse(*texts: str, key: str = "income") -> list[Statement]:
    section = Section(key=key, number="二", title="t", paragraphs=[Paragraph(text=t) for t in texts])
    return parse_narrative(base(narrative=[section])).statements


def test_a_full_sentence_gives_amount_share_change_and_rate() -> None:
    [s] = parse(
        "一般公共预算 1,526.00 万元，占 97.45%，比上年预算增加 150.11 万元，增长 10.91%，主要原因是人员增加 5 人。"
    )
    assert (s.subject, s.amount, s.share, s.change, s.rate) == (
        "一般公共预算",
        Decimal("1526.00"),
        Decimal("97.45"),
        Decimal("150.11"),
        Decimal("10.91"),
    )


def test_reasons_are_skipped_so_head_counts_are_not_read_as_changes() -> None:
    [s] = parse("基本支出70.00万元，比上年预算减少5.00万元，下降6.67%，主要原因是人员增加5人，预算增加10.00万元。")
    assert s.change == Decimal("-5.00") and s.rate == Decimal("-6.67")


def test_words_sign_changes_and_rates() -> None:
    statements = parse(
        "2024年财政拨款“三公”经费比上年预算减少17.00万元，下降11.56%，其中：公务接待费增加0.00万元，增长0.00%。"
    )
    assert [(s.subject, s.change, s.rate) for s in statements] == [
        ("财政拨款三公经费", Decimal("-17.00"), Decimal("-11.56")),
        ("公务接待费", Decimal("0.00"), Decimal("0.00")),
    ]
    assert statements[0].is_whole


def test_a_lead_before_qizhong_is_the_whole_of_the_following_shares() -> None:
    whole, part = parse(f"{UNIT}收入预算110.00万元，其中：", "单位资金10.00万元，占9.09%。")
    assert whole.is_whole and whole.subject == "收入预算"
    assert part.whole is whole


def test_full_and_half_width_punctuation_read_alike() -> None:
    a = parse("1. 一般公共服务支出（类）行政运行（项）：2024年预算数为60.00万元。", key="general_budget")
    b = parse("1. 一般公共服务支出(类)行政运行(项):2024 年预算数为 60.00 万元。", key="general_budget")
    assert a[0].subject == b[0].subject == "一般公共服务支出(类)行政运行(项)"


def test_not_arranged_is_a_nil_claim_and_thresholds_are_not_amounts() -> None:
    [nil] = parse("政府性基金预算未安排。")
    assert nil.not_arranged and nil.subject == "政府性基金预算"
    assert parse("单位价值50万元以上大型设备3台。") == []


def test_paragraphs_broken_mid_sentence_are_joined_but_label_lines_are_not() -> None:
    broken = [
        Paragraph(text="一般公共预算支出包括：一般公共服务支出1,354.25万元，主要用于工资。社会保障和就业支出"),
        Paragraph(text="171.75 万元,主要用于养老保险。"),
        Paragraph(text="预算安排规模：80.00万元"),
        Paragraph(text="项目承担单位：本单位"),
    ]
    joined = logical_paragraphs("fiscal", broken)
    assert len(joined) == 3 and joined[0].text.endswith("社会保障和就业支出171.75 万元,主要用于养老保险。")
    [_first, second] = parse(broken[0].text + broken[1].text, key="fiscal")
    assert (second.subject, second.amount, second.fund_context) == ("社会保障和就业支出", Decimal("171.75"), "一般公共")


def test_subject_cleaning_drops_unit_name_years_markers_and_fillers() -> None:
    assert clean_subject(f"{UNIT}2024年的机关运行经费财政拨款预算为", UNIT) == "机关运行经费财政拨款预算"
    assert clean_subject("2、社会保障和就业支出（类）", UNIT) == "社会保障和就业支出(类)"
    assert clean_subject("2024年预算数为", UNIT) == ""  # generic: the subject comes from the clause before


def test_flat_is_read() -> None:
    [s] = parse("公务接待费60.00万元，与上年持平。", key="three_public")
    assert s.flat


def test_a_share_keeps_the_whole_it_names() -> None:
    from tests.check.factory import base
    from yusuan.check.claims import parse_narrative
    from yusuan.model import Paragraph

    d = base()
    section = d.narrative[4].model_copy(
        update={"paragraphs": [Paragraph(text="一般公共预算财政拨款支出预算9,066.79万元，占本年支出合计的99.13%。")]}
    )
    d = d.model_copy(update={"narrative": [*d.narrative[:4], section, *d.narrative[5:]]})
    shares = [s for s in parse_narrative(d).statements if s.share is not None and s.paragraph in section.paragraphs]
    assert [(s.share_of, str(s.share)) for s in shares] == [("本年支出合计", "99.13")]


def test_the_units_short_name_and_a_department_prefix_are_not_part_of_the_subject() -> None:
    assert clean_subject("省检察院本年支出预算合计", "江苏省人民检察院") == "本年支出预算合计"
    assert clean_subject("省委办公厅 2017 年度财政拨款收、支总预算", "江苏省委办公厅") == "财政拨款收、支总预算"
    assert clean_subject("江苏省人大常委会办公厅部门本年收入预算合计", "江苏省人大常委会办公厅") == "本年收入预算合计"
    # a word that merely ends like the unit's name is kept: its characters do not follow the name in order
    assert clean_subject("局本级经费", "上海市财政局") == "局本级经费"


def test_this_years_budget_restated_next_to_last_years_execution_is_the_item_named_before() -> None:
    """Shanghai 2023–2024: `"…(项)"2.63万元，主要用于…。2022年当年预算执行数为1.48万元，2023年预算安排2.63万元`."""
    item = "“一般公共服务支出（类）统计信息事务（款）统计管理（项）”"
    statements = parse(
        f"1. {item}2.63万元，主要用于统计管理。2023年当年预算执行数为1.48万元，2024年预算安排2.63万元，"
        "比2023年预算执行数增加77.70%。",
        key="overview",
    )
    named = "一般公共服务支出(类)统计信息事务(款)统计管理(项)"
    assert [(s.subject, str(s.amount)) for s in statements] == [
        (named, "2.63"),
        ("当年预算执行数", "1.48"),  # last year's: no table prints it
        (named, "2.63"),
    ]
    # another year's budget is not this year's item
    [_item, _last, other] = parse(f"{item}2.63万元。2023年当年预算执行数为1.48万元，2023年预算安排1.50万元。")
    assert other.subject == ""


def test_a_finding_quotes_the_subject_without_its_list_number_or_quotes() -> None:
    from yusuan.check.claims import Statement
    from yusuan.model import Paragraph

    paragraph = Paragraph(text="")
    s = Statement("general_budget", paragraph, 0, "", "x", raw_subject='7."社会保障和就业支出(类)行政单位离退休(项)"')
    assert s.describe() == "社会保障和就业支出(类)行政单位离退休(项)"
    assert Statement("income", paragraph, 0, "", "收入", raw_subject="").describe() == "收入"


def test_a_unit_short_name_is_dropped_but_not_a_word_that_merely_ends_like_the_unit() -> None:
    from yusuan.check.claims import clean_subject

    assert clean_subject("省检察院财政拨款基本支出预算", "江苏省人民检察院") == "财政拨款基本支出预算"
    assert clean_subject("区商务会展活动经费", "上海市普陀区商务委员会") == "区商务会展活动经费"  # 会展, not 委员会


def test_what_a_change_is_compared_with_is_not_its_subject() -> None:
    """`与上年相比` / `较2025年年初预算` between a figure and its change (Jiangsu, Shenzhen): the same subject."""
    [s] = parse("(1)一般公共预算拨款收入 4,651.67 万元，与上年相比增加47.15万元，增长1.02%。")
    assert (s.subject, s.amount, s.change, s.rate) == (
        "一般公共预算拨款收入",
        Decimal("4651.67"),
        Decimal("47.15"),
        Decimal("1.02"),
    )
    [s] = parse("2026年深圳市审计局部门预算支出 10,737.69 万元，较 2025 年年初预算减少176.45万元，下降1.6%。")
    assert (s.amount, s.change, s.rate) == (Decimal("10737.69"), Decimal("-176.45"), Decimal("-1.6"))
    # `与` inside a class name is not a comparison
    [s] = parse("文化旅游体育与传媒支出增加5.00万元。")
    assert s.subject == "文化旅游体育与传媒支出"


def test_each_of_the_totals_changed_is_the_total_just_named() -> None:
    """Jiangsu: `收入、支出预算总计18,330.37万元，与上年相比收、支预算总计各增加2,432.93万元，增长15.30%`."""
    [s] = parse(
        "2019年度收入、支出预算总计18,330.37万元，与上年相比收、支预算总计各增加2,432.93万元，增长15.30%。",
        key="overview",
    )
    assert (s.amount, s.change, s.rate) == (Decimal("18330.37"), Decimal("2432.93"), Decimal("15.30"))


def test_a_change_after_a_bracket_is_the_figure_the_bracket_explains() -> None:
    """Guangzhou 2026: `…运行维护费567.72万元（购置费…；运行维护费…。）比上年增加46.49万元，增长8.9%`."""
    statements = parse(
        "公务用车购置及运行维护费567.72万元（公务用车购置费230.55万元，比上年增加49.45万元；公务用车运行维护费"
        "337.17万元，比上年减少2.96万元。）比上年增加46.49万元，增长8.9%，主要原因是本年度计划购置公务用车。",
        key="three_public",
    )
    assert [(s.subject, s.amount, s.change, s.rate) for s in statements] == [
        ("公务用车购置及运行维护费", Decimal("567.72"), Decimal("46.49"), Decimal("8.9")),
        ("公务用车购置费", Decimal("230.55"), Decimal("49.45"), None),
        ("公务用车运行维护费", Decimal("337.17"), Decimal("-2.96"), None),
    ]


def test_last_years_amount_stated_in_the_sentence_is_kept() -> None:
    [s] = parse("公务接待费2.00万元，比上年的2.50万元减少0.50万元，下降20.00%。", key="three_public")
    assert (s.amount, s.last_amount, s.change, s.rate) == (
        Decimal("2.00"),
        Decimal("2.50"),
        Decimal("-0.50"),
        Decimal("-20.00"),
    )
    *_, restated = parse(
        "“一般公共服务支出（类）宣传事务（款）一般行政管理事务（项）”100.20万元，主要用于宣传。"
        "2023年当年预算执行数为79.90万元，2024年预算安排100.20万元，比2023年预算执行数增加25.41%。",
        key="overview",
    )
    assert (restated.amount, restated.last_amount, restated.rate) == (
        Decimal("100.20"),
        Decimal("79.90"),
        Decimal("25.41"),
    )


def test_a_sentence_copied_from_the_item_above_is_no_pair() -> None:
    """Shanghai 2024 (item 31): the item is 350.35 but the sentence restates 352.67 — which figure the rate
    was computed from is unknown, so last year's amount is not paired with it."""
    *_, restated = parse(
        "“住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，主要用于住房公积金。"
        "2023年当年预算执行数为348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加0.53%。",
        key="overview",
    )
    assert restated.amount == Decimal("352.67") and restated.last_amount is None
