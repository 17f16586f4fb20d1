"""When a table is empty (empty-table-note), and what the reader takes for its note."""

from __future__ import annotations

from yusuan.check.rules.completeness import is_empty_table
from yusuan.extract.lines import TextLine
from yusuan.extract.reader import read_lines
from yusuan.model import TableKind as K

from .factory import base, findings, map_tables, update_table


def test_an_empty_table_without_a_note_is_reported_where_it_is() -> None:
    found = findings(update_table(base(), K.GOVERNMENT_FUND_EXPENDITURE, note=None), "empty-table-note")
    assert [(f.code, f.location.table_kind, f.expected, f.actual) for f in found] == [
        ("empty-table-note", K.GOVERNMENT_FUND_EXPENDITURE.value, None, None)
    ]


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
