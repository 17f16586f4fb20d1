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
