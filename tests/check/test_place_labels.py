"""A finding's place reads in Chinese whatever part of the document it is in: never a section or row key."""

from __future__ import annotations

import pytest

from yusuan.check.finding import Location
from yusuan.web.labels import row_label


@pytest.mark.parametrize(
    ("location", "described"),
    [
        (Location(section="profile", row="duty 1"), "说明 单位概况 第1条职能"),
        (Location(section="profile", row="organisation"), "说明 单位概况 机构设置"),
        (Location(section="tables", row="paragraph 3"), "说明 公开表部分 第3段"),
        (Location(section="glossary", row="事业收入"), "说明 名词解释 事业收入"),
        (Location(section="performance/project", row="项目质量可控性"), "说明 预算绩效 / 项目 项目质量可控性"),
        (Location(section="performance/unit", row="履职效能"), "说明 预算绩效 / 单位整体 履职效能"),
        # the same sections in a budget and in a 决算: named for both
        (Location(section="income", page=18), "说明 收入情况 第18页"),
        (Location(section="expenditure", page=19), "说明 支出情况 第19页"),
    ],
)
def test_a_place_in_the_text_parts_is_named_in_chinese(location: Location, described: str) -> None:
    assert location.describe() == described


def test_the_web_names_text_rows_as_the_report_does() -> None:
    assert (row_label("duty 12"), row_label("staffing")) == ("第12条职能", "人员情况")


@pytest.mark.parametrize(
    ("location", "described"),
    [
        # a 决算's columns (the template's header), and the ones derived from a named column
        (Location(table="1", row="income.current", column="final", page=4), "表1 本年收入 决算数 第4页"),
        (Location(table="6", row="301", column="final", page=10, line=6), "表6 301 决算数 第10页 第6行"),
        (Location(table="2", row="total", column="prior_year.basic"), "表2 合计 上年基本支出"),
        (Location(table="2", row="total", column="no-such-column"), "表2 合计 其他栏目"),
    ],
)
def test_a_column_is_named_in_chinese_never_by_its_key(location: Location, described: str) -> None:
    assert location.describe() == described


def test_every_column_key_has_a_chinese_name() -> None:
    from yusuan.check.labels import column_label, template_columns
    from yusuan.model.kinds import Col

    keys = {value for name, value in vars(Col).items() if name.isupper()} | set(template_columns())
    unnamed = sorted(key for key in keys if column_label(key) == "其他栏目" or column_label(key).isascii())
    assert unnamed == []


def test_a_summary_row_is_named_in_chinese_never_by_its_key() -> None:
    # 国家信访局 2024 决算: an info's place read `表01 expenditure.current 决算数 第7页 第33行`
    described = Location(table="01", row="expenditure.current", column="final", page=7, line=33).describe()
    assert described == "表01 本年支出合计 决算数 第7页 第33行"
    assert Location(table="4", row="fiscal.current.government_fund").describe() == "表4 政府性基金预算"


def test_every_template_row_key_has_a_chinese_name() -> None:
    from yusuan.check.labels import row_label
    from yusuan.extract.template import load_template
    from yusuan.extract.template_data import template_ids

    keys = {
        row.key
        for template_id in template_ids()
        for spec in load_template(template_id).tables
        for rows in spec.rows.values()
        for row in rows
    }
    assert sorted(key for key in keys if row_label(key).isascii() and not key.isdigit()) == []


def test_a_function_class_row_still_reads_as_its_code() -> None:
    assert Location(table="03", row="201", column="total").describe() == "表03 201 合计"
