"""Chinese names for canonical keys, so a reviewer reads `表10 公务接待费 一般公共预算`, not `reception`.

Findings keep canonical keys in their location (stable for JSON and the
store); reports show these names beside codes, which are printed as they are.
"""

from __future__ import annotations

from functools import cache

from yusuan.model.kinds import ECONOMIC_CLASSES, Col, ThreePublicItem
from yusuan.model.vocabulary import vocabulary

COLUMNS: dict[str, str] = {
    Col.AMOUNT: "预算数",
    Col.TOTAL: "合计",
    Col.FISCAL_SUBTOTAL: "财政拨款小计",
    Col.GPB: "一般公共预算",
    Col.GPB_TRANSFER: "上级一般公共预算转移支付",
    Col.GOV_FUND: "政府性基金预算",
    Col.GOV_FUND_TRANSFER: "上级政府性基金转移支付",
    Col.STATE_CAPITAL: "国有资本经营预算",
    Col.SPECIAL_ACCOUNT: "财政专户",
    Col.UNIT_FUNDS: "单位资金",
    Col.FISCAL_CARRYOVER: "财政拨款结转",
    Col.NONFISCAL_CARRYOVER: "非财政拨款结转结余",
    Col.BASIC: "基本支出",
    Col.PROJECT: "项目支出",
    Col.PERSONNEL: "人员经费",
    Col.PUBLIC: "公用经费",
    Col.FISCAL_TOTAL: "财政拨款合计",
    Col.FISCAL_PERSONNEL: "财政拨款人员经费",
    Col.FISCAL_PUBLIC: "财政拨款公用经费",
    Col.FISCAL_PROJECT: "财政拨款项目支出",
    Col.NONFISCAL_TOTAL: "非财政拨款合计",
    Col.NONFISCAL_PERSONNEL: "非财政拨款人员经费",
    Col.NONFISCAL_PUBLIC: "非财政拨款公用经费",
    Col.NONFISCAL_PROJECT: "非财政拨款项目支出",
    **{Col.economic_class(code): name for code, name in ECONOMIC_CLASSES.items()},
}

ROWS: dict[str, str] = {
    "total": "合计",
    "income.current": "本年收入",
    "expenditure.current": "本年支出合计",
    "income.general_public_budget": "一般公共预算拨款",
    "income.government_fund": "政府性基金预算拨款",
    "income.state_capital": "国有资本经营预算拨款",
    "income.special_account": "财政专户核拨",
    "income.unit_funds": "单位资金",
    "income.carryover": "上年结转结余",
    "fiscal.current": "本年财政拨款收入",
    "fiscal.carryover": "上年财政拨款结转",
    **{item.value: item.label for item in ThreePublicItem if item is not ThreePublicItem.TOTAL},
}

TEXT_ROWS: dict[str, str] = {
    "duty": "第{}条职能",
    "organisation": "机构设置",
    "staffing": "人员情况",
    "paragraph": "第{}段",
}
"""The rows of a document's text parts (`rules/text_hygiene`): `duty 2` is 第2条职能, `organisation` 机构设置."""


@cache
def column_label(key: str) -> str:
    """A column key's name: `COLUMNS`, else the header a reading template prints it under (`final` → 决算数),
    else `上年` / `增减` and the name of the column it derives from; a key nobody names reads 其他栏目, never
    itself."""
    if key in COLUMNS:
        return COLUMNS[key]
    printed = template_columns().get(key)
    if printed:
        return printed
    for prefix, word in (("prior_year.", "上年"), ("change.", "增减 ")):
        if key.startswith(prefix):
            return word + column_label(key.removeprefix(prefix))
    return "其他栏目"


@cache
def template_columns() -> dict[str, str]:
    """The header each reading template prints a column under, by key (the first template to name it wins)."""
    from yusuan.extract.template import load_template
    from yusuan.extract.template_data import template_ids

    names: dict[str, str] = {}
    for template_id in template_ids():
        for spec in load_template(template_id).tables:
            for column in spec.columns:
                names.setdefault(column.key, column.label.replace("/", " "))
    return names


@cache
def template_rows(codes: bool = False) -> dict[str, str]:
    """The line each reading template prints a row under, by key (the first template to name it wins); a code's
    row only with `codes` (a finding's place reads a code as itself, `201`; the web names it where no printed
    label is at hand)."""
    from yusuan.extract.template import load_template
    from yusuan.extract.template_data import template_ids

    names: dict[str, str] = {}
    for template_id in template_ids():
        for spec in load_template(template_id).tables:
            for rows in spec.rows.values():
                for row in rows:
                    if row.labels and (codes or not row.key.isdigit()):
                        names.setdefault(row.key, row.labels[0])
    return names


def row_label(key: str, codes: bool = False) -> str:
    """A row key's name: `ROWS`, a text part's row, else the line a reading template prints it under
    (`expenditure.current` → 本年支出合计; a code's too with `codes`); else the key itself (a code, an item's own
    name)."""
    if key in ROWS:
        return ROWS[key]
    return text_row_label(key) or template_rows(codes).get(key) or key


def text_row_label(key: str) -> str | None:
    """The name of a text part's row (`TEXT_ROWS`), or None if `key` is not one."""
    word, _, number = key.partition(" ")
    name = TEXT_ROWS.get(word)
    if name is None or ("{}" in name) != number.isdigit():
        return None
    return name.format(number)


def section_label(path: str) -> str:
    """A section path as a finding names it (`other/procurement` → 其他重要事项 / 政府采购: the vocabulary's
    `narrative_sections`, without the document's own numbering)."""
    sections = vocabulary()
    return " / ".join(section.label if (section := sections.section(part)) else part for part in path.split("/"))
