"""A blank template (every table empty, placeholders left in its text) is said once (blank-template), and its empty
tables are not reported one by one (empty-table-note); a real disclosure keeps both rules as before.

The placeholders are those of the blank 上海市普陀区 2026 templates in the corpus (department_budget_template.xlsx:
`XX是…。` under 主要职能, `2026年，XX收入预算x,xxx万元` in the narrative): their 18 empty-table-note errors were
false alarms.
"""

from __future__ import annotations

from yusuan.check import run_checks
from yusuan.model import Cell, Disclosure, Profile
from yusuan.model import TableKind as K

from .factory import base, findings, replace_text, update_table

DUTY = "XX是…。"  # department_budget_template.xlsx, 第一部分 主要职能


def _emptied(d: Disclosure) -> Disclosure:
    """Every table of `d` with no amount and no note: the tables of an unfilled template."""
    tables = [
        t.model_copy(
            update={
                "note": None,
                "rows": [r.model_copy(update={"cells": {k: Cell(value=None) for k in r.cells}}) for r in t.rows],
            }
        )
        for t in d.tables
    ]
    return d.model_copy(update={"tables": tables})


def _with_duty(d: Disclosure, duty: str) -> Disclosure:
    return d.model_copy(update={"profile": Profile(duties=[duty], organisation=d.profile.organisation)})


def blank() -> Disclosure:
    """The tiny disclosure unfilled: every table empty, the template's `XX是…。` as its duty."""
    return _with_duty(_emptied(base()), DUTY)


def test_a_blank_template_is_said_once_and_its_empty_tables_are_not_reported() -> None:
    d = blank()
    found = findings(d, "blank-template")
    assert [(f.code, f.severity.value, f.location.section, f.expected, f.actual) for f in found] == [
        ("blank-template", "warning", "tables", None, "11张空表")
    ]
    assert found[0].message == (
        "文件是未填写的模板：11张表都没有金额，文字中留有模板占位用语（如第一部分主要职能“XX是…。”），"
        "因此不逐表报告空表缺少说明；请核对是否上传了填写完成的公开文件。"
    )
    assert findings(d, "empty-table-note") == []


def test_empty_tables_without_any_placeholder_are_each_reported() -> None:
    d = _emptied(base())
    assert findings(d, "blank-template") == []
    # each emptied table is reported but 8, 9 and 11, whose Part 3 sections say the unit has none of it
    assert sorted(int(f.location.table or 0) for f in findings(d, "empty-table-note")) == [1, 2, 3, 4, 5, 6, 7, 10]


def test_a_placeholder_in_a_filled_document_makes_no_blank_template() -> None:
    # a real disclosure with a leftover `XX` and one empty table without its note: the table is still reported
    unexplained = replace_text(  # neither its note nor its Part 3 section says why it is empty
        update_table(base(), K.GOVERNMENT_FUND_EXPENDITURE, note=None),
        "没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表",
        "政府性基金预算拨款支出为0万元",
    )
    d = _with_duty(unexplained, "负责XX工作。")
    assert findings(d, "blank-template") == []
    found = findings(d, "empty-table-note")
    assert [(f.code, f.severity.value, f.location.table_kind, f.expected, f.actual) for f in found] == [
        ("empty-table-note", "error", K.GOVERNMENT_FUND_EXPENDITURE.value, None, None)
    ]


def test_a_placeholder_in_the_narrative_counts_like_one_in_part_one() -> None:
    d = _emptied(replace_text(base(), "100.00万元", "x,xxx万元", count=4))
    assert [f.actual for f in findings(d, "blank-template")] == ["11张空表"]
    assert findings(d, "empty-table-note") == []


def test_a_doubtful_table_makes_no_blank_template() -> None:
    # amounts printed but not read: the table may be filled, so the document is not called a blank template
    d = update_table(blank(), K.GENERAL_BUDGET_BASIC, doubt="表中印有数字，却一个金额也没有读出，表头或行可能没有读对")
    assert findings(d, "blank-template") == []
    # every empty table is reported but the doubtful one and 8, 9, 11, whose Part 3 sections say there is none
    assert len(findings(d, "empty-table-note")) == 7


def test_the_scorecard_calls_a_blank_templates_tables_template_tables() -> None:
    template = run_checks(blank())
    empty = run_checks(_emptied(base()))
    item = next(i for i in template.scorecard if i.label == "表8 政府性基金预算支出情况表")
    assert (item.present, item.note) == (True, "空表（未填写的模板）")
    item = next(i for i in empty.scorecard if i.label == "表8 政府性基金预算支出情况表")
    assert (item.present, item.note) == (True, "空表，有说明")  # its Part 3 section says the unit has none
    item = next(i for i in empty.scorecard if i.label.startswith("表7 "))
    assert (item.present, item.note) == (True, "空表，缺说明")
