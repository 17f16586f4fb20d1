"""Jiangsu's 政府采购预算表 (`paths` layout): row keys from the label path, levels fixed by the template's columns."""

from __future__ import annotations

from decimal import Decimal

from yusuan.extract import TextLine
from yusuan.extract.reader import read_lines
from yusuan.model import Table, TableKind

HEADER = "采购品目大类|专项名称|经济科目|采购物品名称|采购组织形式|总计"


def _procurement(*lines: str) -> Table:
    text = ["十二、2018年政府采购预算表", "单位：万元", *lines]
    numbered = [TextLine(t.replace("|", "\t"), n) for n, t in enumerate(text, start=1)]
    disclosure, problems = read_lines(numbered, "x", "jiangsu-department-2017")
    assert [p.code for p in problems if not p.code.startswith("meta-")] == []
    table = disclosure.table(TableKind.PROCUREMENT)
    assert table is not None
    return table


def _levels(table: Table) -> list[tuple[str, str, int | None, Decimal]]:
    return [(r.key, r.label, r.level, r.amount("total")) for r in table.rows]


def test_an_item_bought_under_two_forms_is_two_purchase_lines() -> None:
    """The item's cell is merged over two 采购组织形式: the second line is a level-4 line of the same item."""
    table = _procurement(
        HEADER,
        "合计|||||390.00",
        "三、服务C|||||390.00",
        "|物业管理费|物业管理费|||370.00",
        "|||物业管理服务|部门集中采购|330.00",
        "||||分散自行组织|20.00",
        "|||其他服务|分散自行组织|20.00",
        "||培训费|||20.00",
        "|||会议服务|分散自行组织|20.00",
    )
    assert _levels(table)[1:] == [
        ("服务C", "三、服务C", 1, Decimal("390.00")),
        ("服务C/物业管理费/物业管理费", "物业管理费", 2, Decimal("370.00")),
        ("服务C/物业管理费/物业管理费/物业管理服务/部门集中采购", "物业管理服务", 4, Decimal("330.00")),
        ("服务C/物业管理费/物业管理费/物业管理服务/分散自行组织", "物业管理服务", 4, Decimal("20.00")),
        ("服务C/物业管理费/物业管理费/其他服务/分散自行组织", "其他服务", 4, Decimal("20.00")),
        ("服务C/物业管理费/培训费", "培训费", 3, Decimal("20.00")),
        ("服务C/物业管理费/培训费/会议服务/分散自行组织", "会议服务", 4, Decimal("20.00")),
    ]


def test_levels_do_not_shift_when_a_column_is_not_printed() -> None:
    """Without 采购组织形式 (委办 2019) or 经济科目, a purchase item is still level 4."""
    table = _procurement(
        "采购品目大类|专项名称|采购物品名称|总计",
        "合计|||5.00",
        "一、货物A|||5.00",
        "|办公设备购置费||5.00",
        "||台式计算机（20万以下）|5.00",
    )
    assert [(r.key, r.level) for r in table.rows] == [
        ("total", None),
        ("货物A", 1),
        ("货物A/办公设备购置费", 2),
        ("货物A/办公设备购置费/台式计算机（20万以下）", 4),
    ]
