"""Unit subtotal rows inside item tables, and a header printed again on a continuation page (issue 9: N4, N8, N9).

The lines are copied from the national corpus: 无锡市人力资源和社会保障局 公开13表 政府采购支出表
(p35–p38, a unit name wrapped over a page break), 重庆市水利局 表三 (p18–p19, the header repeated with
its cells split otherwise), 广州市司法局 表12 部门预算项目支出及其他支出预算表 (p42–p46, the masked
project `JD008` under several 戒毒所).
"""

from __future__ import annotations

from decimal import Decimal

from tests.extract.helpers import read_paged
from yusuan.check import run_checks
from yusuan.check.finding import Finding
from yusuan.extract import TextLine
from yusuan.extract.reader import read_lines
from yusuan.extract.unit_rows import is_organisation, is_procurement_category, key_by_unit
from yusuan.model import Cell, Disclosure, Row, Table, TableKind

_PROCUREMENT_HEAD = [
    "公开13表",
    "政府采购支出表",
    "部门：无锡市人力资源和社会保障局 单位：万元",
    "采购品目大类|专项名称|经济科目|采购品目名称|采购组织形式|资金来源||||总计",
    "|||||一般公共预算资金|政府性基金|其他资金|上年结转和结余资金|",
]


def _jiangsu(pages: list[list[str]]) -> Disclosure:
    lines: list[TextLine] = []
    for page, texts in enumerate(pages, start=1):
        for text in texts:
            lines.append(TextLine(text.replace("|", "\t"), len(lines) + 1, page))
    disclosure, _problems = read_lines(lines, "test.pdf", "jiangsu-department-2017")
    return disclosure


def _table(disclosure: Disclosure, kind: TableKind) -> Table:
    table = disclosure.table(kind)
    assert table is not None
    return table


def _procurement(unit_total: str = "66.00") -> Disclosure:
    return _jiangsu(
        [
            [
                *_PROCUREMENT_HEAD,
                "合计|||||78.40||||78.40",
                "服务|||||78.40||||78.40",
                "无锡市人力资源和社会保障局（本级）|||||1.04||||1.04",
                "|商品和服务支出(公用经费定额)|会议费|一般会议服务|集中采购机构采购|1.04||||1.04",
                "无锡市劳动保障监察支队|||||0.70||||0.70",
                "|商品和服务支出(公用经费定额)|会议费|一般会议服务|集中采购机构采购|0.70||||0.70",
                "无锡市劳动人事争议仲裁院|||||10.66||||10.66",
                "|商品和服务支出(公用经费定额)|会议费|一般会议服务|集中采购机构采购|10.66||||10.66",
                f"无锡市社会保|||||{unit_total}||||{unit_total}",
            ],
            [
                "险基金管理中心|||||||||",
                "|商品和服务支出(公用经费定额)|会议费|一般会议服务|集中采购|7.06||||7.06",
                "|人力资源市场物业管理费|物业管理费|物业管理服务|集中采购|48.94||||48.94",
                "|扩面征缴、社保业务专项经费（新）|印刷费|其他印刷服务|集中采购|10.00||||10.00",
            ],
        ]
    )


def _findings(disclosure: Disclosure, code: str) -> list[Finding]:
    return list(run_checks(disclosure, select=[code]).findings)


def test_names_of_units_and_of_procurement_categories() -> None:
    assert is_organisation("无锡市统计局（本级）") and is_organisation("广州市女子强制隔离戒毒所")
    assert is_organisation("江苏省无锡技师学院") and is_organisation("无锡市统计普查中心")
    assert not is_organisation("机构运行辅助经费") and not is_organisation("JD008") and not is_organisation("服务")
    assert not is_organisation("增加珠实集团资本金，用于市康养平台")
    assert is_organisation("苏州市信息中心（苏州市数字城市运营管理中心）")
    assert is_procurement_category("货物") and is_procurement_category("三、服务C") and is_procurement_category("工程")
    assert not is_procurement_category("苏州市审计局") and not is_procurement_category("物业管理服务")


def test_procurement_unit_rows_stand_between_the_category_and_its_lines() -> None:
    """公开13表: the unit rows are subtotals (level 5) under 服务, not further 品目大类; a unit name wrapped over a
    page break (`无锡市社会保` / `险基金管理中心`) is one row."""
    table = _table(_procurement(), TableKind.PROCUREMENT)
    rows = [(r.key, r.level, r.amount("total")) for r in table.rows]
    assert rows[:4] == [
        ("total", None, Decimal("78.40")),
        ("服务", 1, Decimal("78.40")),
        ("服务/无锡市人力资源和社会保障局（本级）", 5, Decimal("1.04")),
        ("服务/无锡市人力资源和社会保障局（本级）/商品和服务支出（公用经费定额）/会议费/一般会议服务/集中采购机构采购",
         2, Decimal("1.04")),
    ]  # fmt: skip
    assert ("服务/无锡市社会保险基金管理中心", 5, Decimal("66.00")) in rows
    assert [r.label for r in table.rows if r.level == 1] == ["服务"]
    assert len(table.rows) == 12


def test_procurement_sums_hold_with_unit_rows_and_a_wrong_unit_subtotal_is_reported() -> None:
    assert _findings(_procurement(), "procurement-sum") == []
    wrong = _findings(_procurement("67.00"), "procurement-sum")
    assert sorted((f.location.row or "", f.expected, f.actual) for f in wrong) == [
        ("服务", Decimal("79.40"), Decimal("78.40")),
        ("服务/无锡市社会保险基金管理中心", Decimal("66.00"), Decimal("67.00")),
    ]
    assert any("其下各使用单位之和为 79.40" in f.message for f in wrong)


_EXPENDITURE_HEAD = [
    "表三",
    "2026年部门支出总体情况表",
    "单位名称：重庆市水利局 单位：万元",
    "科目编码 科目名称||总计|基本支出|项目支出",
]


def test_a_header_repeated_with_other_cells_is_not_a_row() -> None:
    """重庆 表三 p19 prints `科目编码 | 科目名称 | …` where p18 printed `科目编码 科目名称` in one cell."""
    disclosure, _problems = read_paged(
        [
            "\n".join(
                [
                    *_EXPENDITURE_HEAD,
                    "合计||5,932.26|5,932.26|",
                    "208|社会保障和就业支出|5,932.26|5,932.26|",
                    "20805|行政事业单位养老支出|5,932.26|5,932.26|",
                    "2080501|行政单位离退休|12.50|12.50|",
                ]
            ),
            "\n".join(
                [
                    "科目编码|科目名称|总计|基本支出|项目支出",
                    "2080505|机关事业单位基本养老保险缴费支出|5,919.76|5,919.76|",
                ]
            ),
        ]
    )
    table = _table(disclosure, TableKind.EXPENDITURE_SUMMARY)
    assert [r.key for r in table.rows] == ["total", "208", "20805", "2080501", "2080505"]
    assert _findings(disclosure, "code-malformed") == []


_PROJECTS_HEAD = [
    "十二、部门预算项目支出及其他支出预算表",
    "单位：万元",
    "支出项目类别（资金使用单位）|总计|财政拨款||||财政专户拨款|其他资金|绩效目标",
    "||合计|一般公共预算|政府性基金预算|国有资本经营预算|||",
]
_SECRET = "该项目为保密项目，按照相关项目入库的规定，不需要填报该项目的总体绩效目标。"


def test_projects_listed_under_their_unit_are_keyed_with_it() -> None:
    """广州 表12: the same masked project under two 戒毒所 is two projects, not a duplicated row."""
    disclosure, _problems = read_paged(
        [
            "\n".join(
                [
                    *_PROJECTS_HEAD,
                    "合计|157.66|157.66|157.66|0.00|0.00|0.00|0.00|",
                    "法治建设宣传经费|10.00|10.00|10.00|0.00|0.00|0.00|0.00|普法",
                    "广州市未成年人强制隔离戒毒所|147.07|147.07|147.07|0.00|0.00|0.00|0.00|",
                    "购置经费|3.00|3.00|3.00|0.00|0.00|0.00|0.00|统一着装",
                    "机构运行辅助经费|140.00|140.00|140.00|0.00|0.00|0.00|0.00|编外人员",
                    f"JD008|4.07|4.07|4.07|0.00|0.00|0.00|0.00|{_SECRET}",
                ]
            ),
            "\n".join(
                [
                    *_PROJECTS_HEAD[2:],
                    "广州市特类人员强制隔离戒毒所|0.59|0.59|0.59|0.00|0.00|0.00|0.00|",
                    f"JD008|0.59|0.59|0.59|0.00|0.00|0.00|0.00|{_SECRET}",
                ]
            ),
        ]
    )
    table = _table(disclosure, TableKind.PROJECTS_BY_SOURCE)
    assert [r.key for r in table.rows] == [
        "total",
        "法治建设宣传经费",
        "广州市未成年人强制隔离戒毒所",
        "广州市未成年人强制隔离戒毒所/购置经费",
        "广州市未成年人强制隔离戒毒所/机构运行辅助经费",
        "广州市未成年人强制隔离戒毒所/JD008",
        "广州市特类人员强制隔离戒毒所",
        "广州市特类人员强制隔离戒毒所/JD008",
    ]
    assert _findings(disclosure, "duplicate-row") == []


def test_a_project_named_like_an_organisation_stays_an_item_of_its_unit() -> None:
    """广州国资委 表12: `增加珠实集团资本金…` and 广州科技局 `合作共建…科学中心` are projects inside a unit's group; the
    unit's subtotal reaches past them to the first row where its sum holds."""
    rows = [
        Row(key="total", label="合计", is_total=True, cells={"total": Cell(value=Decimal("1600.00"))}),
        Row(key="广州市科学技术局", label="广州市科学技术局", cells={"total": Cell(value=Decimal("1500.00"))}),
        Row(key="科研经费", label="科研经费", cells={"total": Cell(value=Decimal("1000.00"))}),
        Row(key="合作共建广东省灵山论坛科学中心", label="合作共建广东省灵山论坛科学中心",
            cells={"total": Cell(value=Decimal("500.00"))}),
        Row(key="广州市科技信息中心", label="广州市科技信息中心", cells={"total": Cell(value=Decimal("100.00"))}),
        Row(key="运维", label="运维", cells={"total": Cell(value=Decimal("100.00"))}),
    ]  # fmt: skip
    assert [r.key for r in key_by_unit(rows)] == [
        "total",
        "广州市科学技术局",
        "广州市科学技术局/科研经费",
        "广州市科学技术局/合作共建广东省灵山论坛科学中心",
        "广州市科技信息中心",
        "广州市科技信息中心/运维",
    ]
