"""The document's identity: the unit's name as printed, its region and level, year, kind, printed parts.

Covers as real documents print them (wrapped anywhere, year first or last,
`情况说明` after the kind, `（本级）`, letter-spaced), written here as small
synthetic pages so the tests never read the corpus.
"""

from __future__ import annotations

import pytest

from yusuan.extract import TextLine, read_lines, split_text
from yusuan.extract.regions import Region, find_region, region_in_text
from yusuan.extract.title import labelled_unit, read_title
from yusuan.model import DocumentKind


def paged(*pages: str) -> list[TextLine]:
    return [
        TextLine(text, number, page)
        for page, body in enumerate(pages, start=1)
        for number, text in enumerate(body.split("\n"), start=1)
    ]


@pytest.mark.parametrize(
    ("cover", "unit", "year"),
    [
        ("2026年\n广州市信访局部门预算", "广州市信访局", 2026),  # the year on a line of its own
        ("2026年\n广州市人民政府国有资产监督管理委员会部\n门预算", "广州市人民政府国有资产监督管理委员会", 2026),
        ("2026年深圳市统计局（本级）部门预\n算", "深圳市统计局（本级）", 2026),  # wrapped inside 预算
        ("重庆市水利局2026年部门预算情况说明", "重庆市水利局", 2026),  # the narrative's own title
        ("中共重庆市委宣传部\n2026年部门预算情况说明", "中共重庆市委宣传部", 2026),
        ("2026 年度苏州市科学技术局单位预算公开", "苏州市科学技术局", 2026),
        ("2026 年度\n无锡市教育局（本级）\n单位预算公开", "无锡市教育局（本级）", 2026),
        ("湖州市退役军人事务局 2026 年\n部门预算", "湖州市退役军人事务局", 2026),
        ("江苏省政协办公厅2018度部门预算公开表", "江苏省政协办公厅", 2018),  # `年` left out
        ("中共克孜勒苏柯尔克孜自治州委员会办公室 预算公开", "中共克孜勒苏柯尔克孜自治州委员会办公室", None),
        ("附件1\n2026年深圳市审计局部门预算", "深圳市审计局", 2026),  # a line before the title is left out
        ("深 圳 市 水 务 局\n2026年部门预算", "深圳市水务局", 2026),  # a letter-spaced cover
    ],
)
def test_the_cover_gives_the_unit_as_printed_and_the_year(cover: str, unit: str, year: int | None) -> None:
    title = read_title(paged(cover, "目 录\n第一部分 部门概况"))
    assert title is not None
    assert (title.unit, title.year) == (unit, year)


@pytest.mark.parametrize(
    "cover",
    [
        "2026年度部门预算",  # no unit: `部门` alone is not a name
        "目 录\n第一部分 单位概况",  # the document starts with its contents
        "一、单位基本情况\n2026年某局部门预算",  # a heading first: no cover
    ],
)
def test_no_unit_is_read_from_a_cover_that_names_none(cover: str) -> None:
    assert read_title(paged(cover)) is None


def test_the_cover_ends_at_the_first_page() -> None:
    # the cover says nothing of the kind; the next page's running title is not the cover
    assert read_title(paged("苏州市科学技术局", "苏州市科学技术局2026 年度单位预算公开\n目 录")) is None


def test_a_labelled_unit_is_a_name_not_a_money_unit() -> None:
    lines = split_text("编制单位：单位：元\n编制单位：深圳市统计局（本级）\n编制单位：深圳市统计局（本级）\n")
    assert labelled_unit(lines) == "深圳市统计局（本级）"
    assert labelled_unit(split_text("编制部门：单位：元\n")) == ""


@pytest.mark.parametrize(
    ("name", "region", "label", "level"),
    [
        ("深圳市统计局（本级）", Region("广东省", "深圳市"), "广东省 深圳市", "市级"),
        ("中共重庆市委宣传部", Region("重庆市", "重庆市"), "重庆市", "市级"),
        ("上海市普陀区人民政府办公室", Region("上海市", "上海市", "普陀区"), "上海市 普陀区", "区级"),
        ("上海市财政局", Region("上海市", "上海市"), "上海市", "市级"),
        ("江苏省人大常委会办公厅", Region("江苏省"), "江苏省", "省级"),
        (
            "中共克孜勒苏柯尔克孜自治州委员会办公室",
            Region("新疆维吾尔自治区", "克孜勒苏柯尔克孜自治州"),
            "新疆维吾尔自治区 克孜勒苏柯尔克孜自治州",
            "州级",
        ),
        ("广东省广州市民政局", Region("广东省", "广州市"), "广东省 广州市", "市级"),
        ("新疆生产建设兵团第一师", Region("新疆维吾尔自治区"), "新疆维吾尔自治区", "省级"),
        ("苏州市社区服务中心", Region("江苏省", "苏州市"), "江苏省 苏州市", "市级"),  # 社区 is no district
    ],
)
def test_the_region_is_read_from_the_units_name(name: str, region: Region, label: str, level: str) -> None:
    found = find_region(name)
    assert found == region
    assert (found.label, found.level) == (label, level)


def test_places_the_unit_works_for_are_not_its_region() -> None:
    assert find_region("国家信访局") is None
    # the first place is the unit's; a later one is its business
    assert find_region("深圳市对口支援新疆喀什地区工作办公室") == Region("广东省", "深圳市")
    assert find_region("广东省对口支援新疆办公室") == Region("广东省")


def test_the_region_a_text_names_must_dominate() -> None:
    assert region_in_text(["杭州市交通运输局", "杭州市", "浙江省杭州市"]) == Region("浙江省", "杭州市")
    assert region_in_text(["杭州市", "杭州市", "苏州市", "苏州市"]) is None  # two provinces, no winner
    assert region_in_text(["杭州市"]) is None  # once is not enough


GUANGZHOU = """2026年
广州市信访局部门预算
\f目 录
第一部分 广州市信访局概况
一、主要职责
二、部门机构设置
第二部分 2026年部门预算表
第三部分 2026年部门预算情况说明
第四部分 名词解释
\f第一部分 广州市信访局概况
一、主要职责
（一）处理群众来信来访。
二、部门机构设置
本部门设 5 个处室。
第三部分 2026年部门预算情况说明
一、关于广州市信访局2026年收支预算情况的总体说明
收支总预算 100.00 万元。
第四部分 名词解释
六、基本支出：指为保障机构正常运转的支出。
"""


def test_a_document_without_labelled_tables_takes_its_unit_region_and_level_from_its_cover() -> None:
    disclosure, problems = read_lines(split_text(GUANGZHOU), "gz.txt")
    meta = disclosure.meta
    assert (meta.unit, meta.year, meta.kind) == ("广州市信访局", 2026, DocumentKind.DEPARTMENT_BUDGET)
    assert (meta.province, meta.city, meta.region, meta.level) == ("广东省", "广州市", "广东省 广州市", "市级")
    assert meta.region_read
    assert "meta-unit-missing" not in {p.code for p in problems}


def test_parts_are_recorded_by_what_their_headings_mean() -> None:
    disclosure, _ = read_lines(split_text(GUANGZHOU), "gz.txt")
    # 主要职责 (not 主要职能), 部门机构设置, …情况说明 and 名词解释, whatever the template calls them
    assert {"duties", "organisation", "narrative", "glossary"} <= set(disclosure.meta.printed_parts)


def test_a_glossary_sentence_is_not_a_heading() -> None:
    text = "某局2026年部门预算\n第一部分 概况\n六、基本支出：指为保障机构设置正常运转的支出。\n"
    disclosure, _ = read_lines(split_text(text), "t.txt")
    assert "organisation" not in disclosure.meta.printed_parts
