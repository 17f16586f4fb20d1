"""The 决算 example's narrative (佛山市轨道交通局 2019 年部门决算, as compiled) against its own tables: the
identities the 决算 mutation test (tests/mutation/test_final_mutations.py) relies on, one figure changed each."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from tests.check.factory import findings, replace_text
from yusuan.compile import compile_budget
from yusuan.inputs import load_budget
from yusuan.model import Disclosure

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "foshan-rail-2019-final" / "final.yaml"
TOTAL, UNBUDGETED = "narrative-final-total", "narrative-unbudgeted"


@cache
def example() -> Disclosure:
    return compile_budget(load_budget(EXAMPLE))


@pytest.mark.parametrize("code", [TOTAL, UNBUDGETED, "narrative-amount", "narrative-share", "procurement-total"])
def test_the_compiled_example_passes(code: str) -> None:
    assert findings(example(), code) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("财政拨款收入、支出总计1668.14万元", "财政拨款收入、支出总计1669.14万元", "1668.14"),
        ("年初预算为0.00万元，支出决算为1668.14万元", "年初预算为0.00万元，支出决算为1669.14万元", "1668.14"),
        ("一般公共预算财政拨款基本支出746.39万元", "一般公共预算财政拨款基本支出747.39万元", "746.39"),
        ("人员经费649.20万元", "人员经费640.20万元", "649.20"),
        ("公用经费97.19万元", "公用经费98.19万元", "97.19"),
        ("公务接待费支出决算为0.16万元", "公务接待费支出决算为0.17万元", "0.16"),
        ("公务用车购置支出为0.00万元", "公务用车购置支出为1.00万元", "0.00"),
        ("公务用车运行维护支出0.00万元", "公务用车运行维护支出2.00万元", "0.00"),
        ("1、因公出国（境）费支出0.00万元", "1、因公出国（境）费支出1.00万元", "0.00"),
    ],
)
def test_a_total_the_narrative_states_against_the_tables(old: str, new: str, expected: str) -> None:
    [f] = findings(replace_text(example(), old, new), TOTAL)
    assert f.expected == Decimal(expected)


def test_unbudgeted_means_a_nil_budget() -> None:
    """`年初预算为0.00万元，支出决算为53.45万元，年初未安排预算。…原因：…年初预算数为0`: the three agree."""
    item = "年初预算为0.00万元，支出决算为53.45万元，年初未安排预算"
    # both the same sentence's 年初未安排预算 and the reason's 年初预算数为0 deny a budget of 5.00
    said = findings(replace_text(example(), item, item.replace("0.00", "5.00", 1)), UNBUDGETED)
    assert [(f.expected, f.actual, f.severity.value) for f in said] == [(Decimal("5.00"), Decimal(0), "error")] * 2
    assert "年初未安排预算" in said[0].message and "年初预算数为0" in said[1].message
    reason = (
        "支出决算为53.45万元，年初未安排预算。决算数大于预算数的主要原因：我局为2019年新成立单位，"
        "成立时间晚于预算数制定时间，年初预算数为0"
    )
    [g] = findings(replace_text(example(), reason, reason[:-1] + "1"), UNBUDGETED)
    assert g.actual == Decimal(1)


def test_the_first_item_after_mainly_used_for_the_following_is_read() -> None:
    """`主要用于以下方面：社会保障和就业支出（类）76.23万元，占4.57%` opens a list, not a reason."""
    old = "社会保障和就业支出（类）76.23万元"
    [f] = findings(replace_text(example(), old, old.replace("76.23", "77.23")), "narrative-amount")
    assert f.expected == Decimal("76.23")


def test_procurement_parts_of_a_final_account() -> None:
    """`政府采购支出总额0.00万元，其中：政府采购货物支出0.00万元、…`: the parts are read with their 支出."""
    [f] = findings(replace_text(example(), "政府采购服务支出0.00万元", "政府采购服务支出1.00万元"), "procurement-total")
    assert "政府采购支出写作" in f.message


def test_running_costs_of_a_final_account_against_its_public_costs() -> None:
    """`机关运行经费支出97.19万元` against 表6's 公用经费合计 row (决算数), as 国家信访局 2024 (2266.65 both)."""
    assert findings(example(), "running-costs") == []
    [f] = findings(replace_text(example(), "机关运行经费支出97.19万元", "机关运行经费支出98.19万元"), "running-costs")
    assert (f.expected, f.severity.value) == (Decimal("97.19"), "warning")
