"""Rows that name a spending unit (资金使用单位 / 下属单位) inside a table of items.

Several tables print their items grouped under the unit that spends them:
Jiangsu's 政府采购支出表 (公开13表) puts `苏州市审计局` or `无锡市统计局（本级）`
between the 品目大类 and its purchase lines; Guangzhou's 部门预算项目支出及其他支出
预算表 lists each unit's projects under the unit's subtotal row.  Such a row is
not an item of the list but a subtotal, and the items below it belong to it:
the same masked project `JD008` under seven units is seven projects, not one
printed seven times.  A row is a unit row by what it is — a name shaped like an
organisation's (…局, …中心, …学院, …戒毒所, …（本级）), and in a free list of items
also amounts that add up the rows below it — not by where one layout prints it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from yusuan.extract.normalise import clean_label, fold
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Row

_ORGANISATION = lazy_compile(
    r"(?:局|厅|委|委员会|协会|学会|联合会|办|办公室|中心|院|学校|中学|小学|幼儿园|所|站|队|馆|处|室|社|电视台|气象台"
    r"|监狱|公司|集团|机关)$"
)
_BRACKETED = lazy_compile(r"\([^()]*\)$")  # `（本级）`, `（苏州市数字城市运营管理中心）`
_CATEGORY = lazy_compile(r"^(?:[a-c]\s*)?(?:货物|工程|服务)类?(?:[a-c])?$")  # `货物`, `三、服务C`, `A货物类`
_NUMBERING = lazy_compile(r"^(?:[一二三四五六七八九十]{1,3}[、.]|\d{1,2}[.、])")
_TOLERANCE = Decimal("0.01")  # per row below: each printed figure is rounded to two decimals


def is_organisation(label: str) -> bool:
    """True when the label is shaped like a unit's name (`广州市女子强制隔离戒毒所`, `无锡市统计局（本级）`,
    `苏州市信息中心（苏州市数字城市运营管理中心）`)."""
    folded = fold(clean_label(label))
    while _BRACKETED.search(folded):
        folded = _BRACKETED.sub("", folded)
    return len(folded) >= 4 and bool(_ORGANISATION.search(folded))


def is_procurement_category(label: str) -> bool:
    """True when the label is one of the three 品目大类 (货物 / 工程 / 服务), however numbered or lettered."""
    return bool(_CATEGORY.match(_NUMBERING.sub("", fold(label))))


def adds_up(whole: Row, parts: Sequence[Row]) -> bool:
    """True when every amount printed in `whole` is the sum of `parts` in that column (and one is not zero)."""
    return values_add_up(_amounts(whole), [_amounts(part) for part in parts])


def _amounts(row: Row) -> dict[str, Decimal | None]:
    return {column: cell.value for column, cell in row.cells.items()}


def values_add_up(whole: Mapping[str, Decimal | None], parts: Sequence[Mapping[str, Decimal | None]]) -> bool:
    """`adds_up` for amounts by column: every amount of `whole` is the sum of the parts' (and one is not zero)."""
    compared = False
    for column, value in whole.items():
        if value is None:
            continue
        total = sum((part.get(column) or Decimal(0) for part in parts), Decimal(0))
        if abs(total - value) > _TOLERANCE * max(1, len(parts)):
            return False
        compared = compared or value != 0
    return compared


def whole_of_units(rows: Sequence[Mapping[str, Decimal | None]]) -> bool:
    """Whether the first of a table's rows of units (named by unit only, no code: 深圳's 收入总表 lists 预算单位)
    is their whole, the department's or the single unit's row: it is the only row, or it adds up the rest."""
    return len(rows) == 1 or (len(rows) > 1 and values_add_up(rows[0], rows[1:]))


def key_by_unit(rows: Sequence[Row]) -> list[Row]:
    """A free list's rows, each item under a unit subtotal row keyed `unit/item`.

    A unit row is an organisation-shaped label whose amounts add up the rows
    below it, up to the next such row, a total or the end: the first of these
    stops where the sum holds (a project named like an organisation,
    `合作共建广东省灵山论坛科学中心`, is then one of the unit's items).  Rows not
    under a unit keep their key.
    """
    candidates = [n for n, row in enumerate(rows) if not row.is_total and row.cells and is_organisation(row.label)]
    totals = [n for n, row in enumerate(rows) if row.is_total]
    result = list(rows)
    amounts = [_amounts(row) for row in rows]  # each row's once, not again for every unit above it
    done = 0
    for start in candidates:
        if start < done:
            continue
        limit = next((n for n in totals if n > start), len(rows))
        stops = [*(n for n in candidates if start + 1 < n < limit), limit]
        stop = next((n for n in stops if values_add_up(amounts[start], amounts[start + 1 : n])), None)
        if stop is None:
            continue
        unit = rows[start].label
        for position in range(start + 1, stop):
            result[position] = rows[position].model_copy(update={"key": f"{unit}/{rows[position].key}"})
        done = stop
    return result
