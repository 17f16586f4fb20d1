"""When a table is empty (empty-table-note), and what the reader takes for its note."""

from __future__ import annotations

from yusuan.check.rules.completeness import is_empty_table, says_none
from yusuan.extract.lines import TextLine
from yusuan.extract.reader import read_lines
from yusuan.model import TableKind as K

from .factory import base, findings, map_tables, replace_text, update_table

_EXPLAINED = "没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表"  # base()'s 八, which explains 表8


def test_an_empty_table_without_a_note_is_reported_where_it_is() -> None:
    # no note under the table, and its section 八 states the nil amount without saying there is none
    without_note = update_table(base(), K.GOVERNMENT_FUND_EXPENDITURE, note=None)
    d = replace_text(without_note, _EXPLAINED, "政府性基金预算拨款支出为0万元")
    found = findings(d, "empty-table-note")
    assert [(f.code, f.location.table, f.location.table_kind, f.expected, f.actual) for f in found] == [
        ("empty-table-note", "8", K.GOVERNMENT_FUND_EXPENDITURE.value, None, None)
    ]


def test_the_section_explaining_the_table_may_say_why_it_is_empty() -> None:
    # Jiangsu prints no note under an empty table; its Part 3 section for that table says why (the wordings
    # of 江苏省检察院 2017 p21, 江苏省委办公厅 2017 p9 and 江苏省人大办公厅 2019 p16)
    for said in ("本部门无政府性基金预算", "支出0万元，主要原因是本部门无此项支出", "为0万元，原因是未安排此项资金"):
        d = replace_text(update_table(base(), K.GOVERNMENT_FUND_EXPENDITURE, note=None), _EXPLAINED, said)
        assert findings(d, "empty-table-note") == [], said


def test_a_nil_amount_without_a_reason_or_another_sections_words_explain_nothing() -> None:
    # 上海市财政局 2025 p6: `政府性基金拨款支出预算为0` only; base()'s 九 still says 没有使用国有资本经营预算…,
    # which explains 表9, not 表8
    for said in ("支出预算为0", "政府性基金预算拨款支出为零"):
        d = replace_text(update_table(base(), K.GOVERNMENT_FUND_EXPENDITURE, note=None), _EXPLAINED, said)
        [f] = findings(d, "empty-table-note")
        assert (f.location.table, f.location.table_kind) == ("8", K.GOVERNMENT_FUND_EXPENDITURE.value)


def test_a_note_and_a_narrative_say_none_in_the_same_words() -> None:
    assert says_none("本部门无政府性基金预算")
    assert says_none("与上年相比增加（减少）0万元，增长（减少）0%。主要原因是本部门无此项支出。")
    assert says_none("本单位没有使用国有资本经营预算拨款安排的支出")
    assert says_none("此表为空表")
    assert says_none("政府性基金预算支出为0万元，原因是本单位未安排政府性基金预算")
    assert not says_none("政府性基金拨款支出预算为0")
    assert not says_none("国有资本经营预算支出为零。")


def test_a_performance_target_table_is_never_empty() -> None:
    # 重庆水利局 p30 表十 2026年部门整体绩效目标表: 目标 text and indicators, no money by nature
    d = map_tables(
        base(),
        K.GOVERNMENT_FUND_EXPENDITURE,
        lambda t: t.model_copy(update={"note": None, "kind": K.PERFORMANCE_TARGETS, "title": "部门整体绩效目标表"}),
    )
    assert findings(d, "empty-table-note") == []


def test_a_table_whose_money_columns_were_not_read_or_doubtful_is_not_empty() -> None:
    for fields in ({"columns": []}, {"doubt": "表中印有 6 个非零金额，只读出 0 个，行或栏目可能没有读对"}):
        d = update_table(base(), K.GOVERNMENT_FUND_EXPENDITURE, note=None, **fields)
        table = next(t for t in d.tables if t.kind is K.GOVERNMENT_FUND_EXPENDITURE)
        assert not is_empty_table(table), fields
        assert findings(d, "empty-table-note") == [], fields


def test_a_sentence_saying_the_table_has_no_data_is_its_note_without_a_label() -> None:
    # 湖州卫健委 p44 表09: the note printed without `注：` right under 合计
    text = [
        "表09",
        "2026年市级部门国有资本经营预算支出表",
        "单位：万元",
        "科目编码\t科目名称\t项目支出",
        "**\t**\t1",
        "合计",
        "湖州市卫生健康委员会 2026年没有使用国有资本经营预算拨款安排的支出，故此表无数据。",
    ]
    disclosure, _ = read_lines([TextLine(t, n) for n, t in enumerate(text, start=1)], "x", "national")
    table = next(t for t in disclosure.tables if t.kind is K.STATE_CAPITAL_EXPENDITURE)
    assert table.note == "湖州市卫生健康委员会 2026年没有使用国有资本经营预算拨款安排的支出，故此表无数据。"
    assert table.doubt is None  # the column numbers `** | ** | 1` are no money
    assert findings(disclosure, "empty-table-note") == []
