"""Shares moved by one unit so that their group makes exactly 100 (尾差调整): info, not an error (narrative-share).

The excerpts are Part 3 as printed (Jiangsu 部门预算, the whole stated before `其中：`), read by the Jiangsu reader.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.check import run_checks
from yusuan.check.finding import Finding
from yusuan.extract.lines import TextLine
from yusuan.extract.reader import read_lines

# 江苏省人大常委会办公厅 2018 p22: half-up 49.55 + 39.84 + 10.60 + 0 = 99.99; the document prints 10.61
RD_2018 = """江苏省人大常委会办公厅2018年部门预算
第三部分 江苏省人大常委会办公厅2018年部门预算情况说明
三、支出预算情况说明
江苏省人大常委会办公厅部门本年支出预算合计 15897.44
万元，其中：
基本支出 7877.76 万元，占 49.55%；
项目支出 6333.96 万元，占 39.84 %；
单位预留机动经费1685.72 万元，占10.61%；
结转下年资金 0 万元，占 0 %。"""

# 江苏省人民检察院 2018 p25: half-up 63.74 + 25.38 + 10.88 = 100.00 already; 63.75 and 10.87 are both wrong,
# and 14.39 ÷ 21,955.35 = 0.0655 % is 0.07 %, not 0.06 %
JCY_2018 = """江苏省人民检察院2018年部门预算
第三部分 江苏省人民检察院2018年部门预算情况说明
二、收入预算情况说明
省检察院本年收入预算合计 21,955.35 万元，其中：
一般公共预算收入 21,940.96 万元，占 99.94 %；
其他资金 14.39 万元，占 0.06 %；
三、支出预算情况说明
省检察院本年支出预算合计 21,955.35 万元，其中：
基本支出 13,994.31 万元，占 63.75%；
项目支出 5,573 万元，占 25.38 %；
单位预留机动经费 2,388.04 万元，占 10.87 %。"""


def _share_findings(text: str) -> list[Finding]:
    lines = [TextLine(t, n) for n, t in enumerate(text.split("\n"), start=1)]
    disclosure, problems = read_lines(lines, "x", "jiangsu-department-2017")
    report = run_checks(disclosure, read_problems=problems, select=["narrative-share"])
    return [f for f in report.findings if f.code == "narrative-share"]


def _pinned(found: list[Finding]) -> list[tuple[str, str | None, int | None, object, object]]:
    return [(f.severity.value, f.location.section, f.location.line, f.expected, f.actual) for f in found]


def test_a_share_moved_one_unit_so_the_group_makes_100_is_info() -> None:
    [f] = _share_findings(RD_2018)
    assert _pinned([f]) == [("info", "expenditure", 8, Decimal("10.60"), Decimal("10.61"))]
    assert "合计 99.99%" in f.message and "调整 0.01 个百分点" in f.message and "尾差调整" in f.message


def test_an_adjustment_at_one_decimal_is_one_unit_of_that_decimal() -> None:
    # 杭州市司法局 2026 p5's figures: 58.94 / 12.33 / 28.73 at one decimal make 99.9; printed 59.0
    text = RD_2018.replace("15897.44", "99230.46").split("其中：")[0] + (
        "其中：\n人员支出 58486.35 万元，占 59.0%；\n日常公用支出 12237.94 万元，占 12.3%；\n"
        "项目支出 28506.17 万元，占 28.7%。"
    )
    assert _pinned(_share_findings(text)) == [("info", "expenditure", 6, Decimal("58.94"), Decimal("59.0"))]


def test_shares_whose_rounding_already_makes_100_are_not_adjusted() -> None:
    # (the PDF breaks `占\n99.94 %` over two lines and the reader takes no share there; printed on one line here,
    # 99.94 is as wrong as 0.06: 99.93 + 0.07 already make 100.00)
    found = _share_findings(JCY_2018)
    assert _pinned(found) == [
        ("error", "income", 5, Decimal("99.93"), Decimal("99.94")),
        ("error", "income", 6, Decimal("0.07"), Decimal("0.06")),
        ("error", "expenditure", 9, Decimal("63.74"), Decimal("63.75")),
        ("error", "expenditure", 11, Decimal("10.88"), Decimal("10.87")),
    ]


def test_only_one_share_off_by_exactly_one_unit_making_100_is_an_adjustment() -> None:
    cases = {
        # two shares moved (10.62 and 39.83): the printed shares make 100.00, but no one adjustment explains them
        "two moved": RD_2018.replace("39.84", "39.83").replace("10.61", "10.62"),
        # moved by two units and the group does not make 100 (49.55 + 39.84 + 10.62 = 100.01)
        "two units": RD_2018.replace("10.61", "10.62"),
        # moved the wrong way: the group makes 99.98
        "wrong way": RD_2018.replace("10.61", "10.59"),
    }
    expected = {
        "two moved": [
            ("error", "expenditure", 7, Decimal("39.84"), Decimal("39.83")),
            ("error", "expenditure", 8, Decimal("10.60"), Decimal("10.62")),
        ],
        "two units": [("error", "expenditure", 8, Decimal("10.60"), Decimal("10.62"))],
        "wrong way": [("error", "expenditure", 8, Decimal("10.60"), Decimal("10.59"))],
    }
    for name, text in cases.items():
        assert _pinned(_share_findings(text)) == expected[name], name


def test_parts_that_do_not_cover_the_whole_are_no_group() -> None:
    # 结转下年资金 stated as 0.01: the parts add up to 15,897.45, not the whole, so no share is adjusted
    text = RD_2018.replace("结转下年资金 0 万元", "结转下年资金 0.01 万元")
    assert _pinned(_share_findings(text)) == [("error", "expenditure", 8, Decimal("10.60"), Decimal("10.61"))]
