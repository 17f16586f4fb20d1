"""Issue 10, direction words against the amounts the narrative itself states.

The sentences are those of real corpus documents (named with their page), set in the tiny disclosure's
sections: once as published (no finding), once with the direction word reversed, as a reviewer marks it.
"""

from __future__ import annotations

from decimal import Decimal

from tests.check.factory import base, findings, replace_text
from yusuan.check.finding import Severity

PLACE = "本单位无其他需说明的事项。"

# 重庆 市委宣传部 2026 部门预算, p3 (支出预算)
PROPAGANDA = "比2025年增加2,734.52万元，主要是基本支出增加659.75万元，项目支出增加2,074.77万元。"
# 重庆 规自局 2026 部门预算, p4 (支出预算)
PLANNING = "比2025年减少29,815.76万元，主要是基本支出增加9,481.64万元，项目支出减少39,297.40万元。"


def test_a_change_against_the_parts_it_is_explained_by_is_an_error() -> None:
    for published in (PROPAGANDA, PLANNING):
        assert findings(replace_text(base(), PLACE, published), "narrative-change-parts-direction") == []
    reversed_ = PLANNING.replace("比2025年减少", "比2025年增加")
    [f] = findings(replace_text(base(), PLACE, reversed_), "narrative-change-parts-direction")
    assert f.severity is Severity.ERROR
    assert (f.expected, f.actual, f.suggestion) == (Decimal("-29815.76"), Decimal("29815.76"), "减少29,815.76万元")
    assert "合计为减少29,815.76万元，方向相反，“增加”应为“减少”" in f.message


def test_parts_that_name_only_the_main_items_say_nothing() -> None:
    # 重庆 经信委 2026, p2: the income's parts add up to the change; here one part is left out (a `主要是` list)
    partial = "收入比2025年减少10,586.36万元，主要是一般公共预算拨款减少8,648.06万元，财政专户管理资金增加519.12万元。"
    assert findings(replace_text(base(), PLACE, partial), "narrative-change-parts-direction") == []


def test_one_part_alone_is_a_warning() -> None:
    one = "比上年增加5.00万元，主要是项目支出减少5.00万元。"
    [f] = findings(replace_text(base(), PLACE, one), "narrative-change-parts-direction")
    assert f.severity is Severity.WARNING


# 上海 普陀区万里街道办事处 2024 部门预算, p6 (编制说明): the fiscal spending's change and those of its fund sources
# (持平 = 0)
SHANGHAI = (
    "收支总预算110.00万元。支出预算110.00万元，其中：财政拨款支出预算100.00万元，比2023年预算减少876.75万元。财政拨款支出预算中，"
    "一般公共预算拨款支出预算100.00万元，比2023年预算减少876.75万元；政府性基金拨款支出预算0.00万元，比2023年预算持平；"
    "国有资本经营预算拨款支出预算0.00万元，比2023年预算持平。"
)


def test_the_fiscal_spending_change_is_the_sum_of_its_fund_sources() -> None:
    fiscal = "收支总预算110.00万元。"  # the overview, where Shanghai states it
    assert findings(replace_text(base(), fiscal, SHANGHAI), "narrative-change-sum") == []
    stated = "财政拨款支出预算100.00万元，比2023年预算"
    swapped = SHANGHAI.replace(stated + "减少", stated + "增加")
    [f] = findings(replace_text(base(), fiscal, swapped), "narrative-change-sum")
    assert (f.expected, f.actual) == (Decimal("876.75"), Decimal("-876.75"))
    assert "疑为“增加”“减少”写反" in f.message


def test_a_fall_of_more_than_the_whole_is_an_error() -> None:
    """湖州卫健委 2026 部门预算 p15: `比上年预算数下降100.0%` (this year nil) is right; `下降103.0%` cannot be."""
    published = "2024年安排因公出国（境）费用预算0.00万元，比上年预算数下降100.0%。"
    assert findings(replace_text(base(), PLACE, published), "narrative-rate-impossible-decrease") == []
    [f] = findings(
        replace_text(base(), PLACE, published.replace("100.0%", "103.0%")), "narrative-rate-impossible-decrease"
    )
    assert (f.severity, f.actual) == (Severity.ERROR, "下降103.0%")
    # a rise may be any size (江苏省政协办公厅2017年度部门预算 p17: `增长184.81%`)
    rise = "项目支出3,348.98万元，比上年增加2,173.13万元，增长184.81%。"
    assert findings(replace_text(base(), PLACE, rise), "narrative-rate-impossible-decrease") == []


def test_the_same_totals_changed_by_as_much_in_a_clause_of_their_own() -> None:
    """苏州交通运输局 2026 部门预算 p34: `…收、支总预算 242,360.1 万元。与上年相比，财政拨款收、支总计各减少
    1,429.62 万元，减少 0.59%`: the rate is that of the totals just named, and is checked (0.59%, not 3.59%)."""
    old = "2024年财政拨款收支总预算100.00万元。"
    published = "2024年财政拨款收、支总预算100.00万元。与上年相比，财政拨款收、支总计各减少10.00万元，减少9.09%。"
    assert findings(replace_text(base(), old, published), "narrative-rate") == []
    [f] = findings(replace_text(base(), old, published.replace("9.09%", "12.09%")), "narrative-rate")
    assert f.expected == Decimal("9.09")
