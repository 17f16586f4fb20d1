"""Final accounts in their own words (issue 10, items 4 and 5): budget against outturn, totals against the
决算 tables.  Sentences are 国家信访局 2024 部门决算's (pp. 15-22), put into the tiny disclosure."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.check.factory import K, base, findings, replace_text, set_cell
from yusuan.check.rules.narrative.final_accounts import BASICALLY_EQUAL_PERCENT
from yusuan.model import Disclosure, DocumentKind, DocumentMeta, Side
from yusuan.money import quantize

RATE, WORD, TOTAL = "narrative-completion-rate", "narrative-final-vs-budget", "narrative-final-total"
REASON = "主要原因是厉行节约"
# 国家信访局 2024 部门决算 p.18: one 项 of 五（三）, as printed
ITEM = (
    "1.一般公共服务支出（类）信访事务（款）行政运行（项）。年初预算为 {budget} 万元，支出决算为 {final} 万元，"
    "完成年初预算的 {rate}%。决算数{word}预算数的主要原因是 2024 年度预算执行中追加了预算"
)


def _with(sentence: str, d: Disclosure | None = None) -> Disclosure:
    return replace_text(d or base(), REASON, f"{sentence}。{REASON}")


def _item(budget: str = "5717.32", final: str = "5757.63", rate: str = "100.71", word: str = "大于") -> Disclosure:
    return _with(ITEM.format(budget=budget, final=final, rate=rate, word=word))


def _final(d: Disclosure) -> Disclosure:
    meta = DocumentMeta(unit=d.meta.unit, year=d.meta.year, kind=DocumentKind.DEPARTMENT_FINAL_ACCOUNTS)
    return d.model_copy(update={"meta": meta})


def test_the_printed_item_passes() -> None:
    d = _item()
    assert findings(d, RATE) == findings(d, WORD) == []


def test_a_completion_rate_that_does_not_follow_the_two_amounts() -> None:
    [f] = findings(_item(rate="100.17"), RATE)
    assert (f.expected, f.actual, f.suggestion) == (Decimal("100.71"), Decimal("100.17"), "完成年初预算的100.71%")


def test_more_than_budget_written_as_less() -> None:
    [f] = findings(_item(word="小于"), WORD)
    assert f.actual == "小于" and f.suggestion == "决算数大于预算数" and f.severity.value == "error"
    # p.19: 590.53 → 4.70, 完成 0.80%, 决算数小于预算数
    assert findings(_item("590.53", "4.7", "0.8", "小于"), WORD) == []


def test_roughly_equal_within_the_stated_tolerance() -> None:
    # 180.61 → 180.03 (p.19): 0.32% apart, 基本持平 is fair, 持平 is a warning, 大于 an error
    assert findings(_item("180.61", "180.03", "99.68", "与年初预算数基本持平，决算数小于"), WORD) == []
    d = _with("年初预算为 180.61 万元，支出决算为 180.03 万元，完成年初预算的 99.68%。决算数与预算数持平")
    [f] = findings(d, WORD)
    assert f.severity.value == "warning" and f.suggestion == "决算数小于预算数"
    far = _with("年初预算为 2457.85 万元，支出决算为 1788.46 万元，完成年初预算的 72.77%。决算数与预算数基本持平")
    [g] = findings(far, WORD)
    assert g.severity.value == "warning" and f"{BASICALLY_EQUAL_PERCENT}%" in g.message


def test_the_outturn_stated_before_the_budget() -> None:
    """佛山市轨道交通局 2019 部门决算 p.24: `公务接待费支出决算为 0.16万元，完成预算 0万元的 0%` (nil budget)."""
    assert findings(_with("公务接待费支出决算为 0.16万元，完成预算 0万元的 0%"), RATE) == []
    [f] = findings(_with("公务接待费支出决算为 0.16万元，完成预算 0.20万元的 0.8%"), RATE)
    assert f.expected == Decimal("80.00")


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)


@settings(deadline=None, max_examples=50)
@given(amounts, amounts)
def test_a_rate_and_word_computed_from_the_amounts_are_never_reported(budget: Decimal, final: Decimal) -> None:
    word = "大于" if final > budget else "小于" if final < budget else "等于"
    d = _item(str(budget), str(final), str(quantize(final * 100 / budget)), word)
    assert findings(d, RATE) == findings(d, WORD) == []


def test_totals_of_a_final_account_against_its_tables() -> None:
    """国家信访局 2024 部门决算 p.15 `2024 年度收、支总计 22066.59 万元` against 表01 总计 22,066.59 (p.5)."""
    d = _final(set_cell(base(), K.INCOME_EXPENDITURE_SUMMARY, "total", "amount", "22066.59", side=Side.INCOME))
    assert findings(_with("国家信访局 2024 年度收、支总计 22066.59 万元", d), TOTAL) == []
    [f] = findings(_with("国家信访局 2024 年度收、支总计 22606.59 万元", d), TOTAL)
    assert (f.expected, f.actual, f.suggestion) == (Decimal("22066.59"), Decimal("22606.59"), "22,066.59万元")
    assert f.related and f.related[0].table_kind == K.INCOME_EXPENDITURE_SUMMARY.value


def test_basic_and_project_outturn_against_the_expenditure_table() -> None:
    """国家信访局 2024 部门决算 p.17 `按经济分类划分为基本支出 11073.11 万元，占比 75.99%` (the tiny table: 70.00)."""
    d = _final(base())
    assert findings(d, TOTAL) == []
    wrong = replace_text(d, "基本支出70.00万元，占63.64%", "按经济分类划分为基本支出 71.00 万元，占63.64%")
    [f] = findings(wrong, TOTAL)
    assert f.expected == Decimal("70.00") and f.actual == Decimal("71.00") and f.location.section == "expenditure"
    # a budget is grounded by narrative-amount, not by this rule
    assert findings(replace_text(base(), "基本支出70.00万元，占63.64%", "基本支出71.00万元，占63.64%"), TOTAL) == []


def test_a_table_whose_reading_is_in_doubt_is_not_used() -> None:
    d = _final(base())
    tables = [
        t.model_copy(update={"doubt": "表头未能读取"}) if t.kind is K.EXPENDITURE_SUMMARY else t for t in d.tables
    ]
    wrong = replace_text(d.model_copy(update={"tables": tables}), "基本支出70.00万元，占", "基本支出71.00万元，占")
    assert findings(wrong, TOTAL) == []


def test_the_fiscal_total_of_a_final_account() -> None:
    """国家信访局 2024 部门决算 p.18 `2024 年度财政拨款收支总决算 20727.53 万元` against 表04 总计 (p.8), here the
    tiny table's 收入总计 100.00."""
    d = _final(base())
    assert findings(_with("测试单位办公室 2024 年度财政拨款收支总决算 100.00 万元", d), TOTAL) == []
    [f] = findings(_with("测试单位办公室 2024 年度财政拨款收支总决算 100.10 万元", d), TOTAL)
    assert f.expected == Decimal("100.00") and f.related[0].table_kind == K.FISCAL_SUMMARY.value
