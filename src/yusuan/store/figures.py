"""A unit's figures as the unit page and the 对比 page show them: from its tables, else from its narrative.

Each figure (收入/支出总计, 基本/项目支出, 三公, 机关运行经费, 政府采购) is taken from the cell a table prints
it in (`MAIN_FIGURES`, `MORE_FIGURES`), converted to 万元.  Where no table prints one, the narrative's
statement gives it: the statement the check resolved to its quantity (`STATED_FIGURES`), else the first
whose subject names the total (`SUBJECT_FIGURES`).  基本支出 printed as its two parts is their sum
(`BASIC_PARTS`).  Spending by function class (类) for the 对比 page's structure is here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from operator import itemgetter
from typing import Any

from yusuan.store.queries import Row, as_dicts

Figure = tuple[str, str, str | None, str, str]
MAIN_FIGURES: tuple[Figure, ...] = (
    ("income_total", "income_expenditure_summary", "income", "total", "amount"),
    ("expenditure_total", "income_expenditure_summary", "expenditure", "total", "amount"),
    ("basic", "expenditure_summary", None, "total", "basic"),
    ("project", "expenditure_summary", None, "total", "project"),
    ("three_public", "three_public", None, "total", "total"),
    # a 决算 prints its figures in the 决算数 column (its 三公 table also a 预算数 column, not the figure)
    ("income_total", "income_expenditure_summary", "income", "total", "final"),
    ("expenditure_total", "income_expenditure_summary", "expenditure", "total", "final"),
    ("three_public", "three_public", None, "total", "final"),
    # Shanghai's 财务收支预算总表 prints its expenditure side in 合计 / 人员经费 / 公用经费 / 项目支出 columns
    ("expenditure_total", "income_expenditure_summary", "expenditure", "total", "total"),
)
# Figures a unit's comparison with others adds, where a table prints them (a name may have several sources: the
# first table of the document that prints one wins).
MORE_FIGURES: tuple[Figure, ...] = (
    ("running_costs", "running_costs", None, "total", "total"),  # Jiangsu's 机关运行经费支出预算表
    ("running_costs", "three_public", None, "running_costs", "total"),  # Shanghai's row in its 三公 table
    ("procurement", "procurement", None, "total", "total"),  # 政府采购预算表
)
BASIC_PARTS: tuple[Figure, ...] = (
    ("basic.personnel", "expenditure_summary", None, "total", "personnel"),
    ("basic.public", "expenditure_summary", None, "total", "public"),
)
"""基本支出 is 人员经费 + 公用经费: where the expenditure summary prints the two parts and not their sum (Zhejiang's
layout), `basic` is their sum from the same row of the same table, marked `derived`."""
STATED_FIGURES = {"running_costs": "running_costs.table", "procurement": "procurement.total"}
"""The narrative's statement (its `quantity_key`) that gives a figure where no table prints it."""


def _in_wan(amount: Decimal, money_unit: str) -> Decimal:
    return amount / Decimal(10000) if money_unit == "元" else amount


def document_figures(
    connection: Any, document_ids: Sequence[int], figures: Sequence[Figure]
) -> dict[int, dict[str, Row]]:
    """The `figures` each document's tables print, by document id and name: `amount` in 万元 (a table printed
    in 元 is divided by 10,000), and the `table_index`, `table_number` and `page` it was read from."""
    if not document_ids:
        return {}
    kinds = sorted({kind for _, kind, *_ in figures})
    row_keys = sorted({row for *_, row, _ in figures})
    marks = ", ".join("?" * len(document_ids))
    rows = connection.execute(
        "SELECT c.document_id, t.kind, c.side, c.row_key, c.column_key, c.amount, t.money_unit, c.table_index,"
        " c.page, t.number"
        " FROM cells c JOIN tables t USING (document_id, table_index)"
        f" WHERE c.document_id IN ({marks}) AND c.row_key IN ({', '.join('?' * len(row_keys))})"
        f" AND t.kind IN ({', '.join('?' * len(kinds))})"
        " ORDER BY c.document_id, c.table_index",
        [*document_ids, *row_keys, *kinds],
    ).fetchall()
    found: dict[int, dict[str, Row]] = {}
    for document_id, kind, side, row_key, column_key, amount, money_unit, table_index, page, number in rows:
        for name, f_kind, f_side, f_row, f_column in figures:
            if (kind, row_key, column_key) == (f_kind, f_row, f_column) and (f_side is None or side == f_side):
                figure = {"amount": _in_wan(amount, money_unit), "table_index": table_index, "page": page}
                figure["table_number"] = number
                found.setdefault(document_id, {}).setdefault(name, figure)  # the first table of a kind wins
    return found


def _basic_from_its_parts(figures: dict[str, Row]) -> None:
    """`basic` as 人员经费 + 公用经费 where the table prints only those two (both from one table); the parts dropped."""
    personnel, public = (figures.pop(name, None) for name, *_ in BASIC_PARTS)
    if "basic" in figures or personnel is None or public is None:
        return
    if personnel["table_index"] != public["table_index"]:
        return
    figures["basic"] = {**personnel, "amount": personnel["amount"] + public["amount"], "derived": "人员经费＋公用经费"}


FIGURE_NAMES = tuple(dict.fromkeys(name for name, *_ in MAIN_FIGURES + MORE_FIGURES))
"""A unit's figures as its page and the 对比 page show them, in order."""


def unit_figures(connection: Any, document_ids: Sequence[int]) -> dict[int, dict[str, Row]]:
    """Each document's `FIGURE_NAMES`: from its tables (`document_figures`; 基本支出 from its parts where only they
    are printed), else (机关运行经费, 政府采购) as its narrative states them (`narrative_figures`; `table_index`
    None)."""
    found = document_figures(connection, document_ids, MAIN_FIGURES + MORE_FIGURES + BASIC_PARTS)
    stated = narrative_figures(connection, document_ids)
    for document_id in document_ids:
        figures = found.setdefault(document_id, {})
        _basic_from_its_parts(figures)
        for name, statement in stated.get(document_id, {}).items():
            figures.setdefault(name, {**statement, "table_index": None, "table_number": None})
    return found


def unit_years(connection: Any, unit: str) -> list[Row]:
    """A unit's main figures per year and document, in 万元 (a table printed in 元 is divided by 10,000)."""
    documents_of_unit = as_dicts(
        connection.execute(
            "SELECT id, year, kind, errors, warnings FROM documents WHERE status = 'checked' AND unit = ?"
            " ORDER BY year, kind, id",
            [unit],
        )
    )
    if not documents_of_unit:
        return []
    figures = unit_figures(connection, [row["id"] for row in documents_of_unit])
    for row in documents_of_unit:
        found = figures.get(row["id"], {})
        row.update({name: found[name]["amount"] if name in found else None for name in FIGURE_NAMES})
    return documents_of_unit


SUBJECT_FIGURES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "running_costs": ("机关运行经费", "运行经费", ("安排", "预算", "预算数", "支出", "运行经费")),
    "procurement": ("政府采购", "政府采购", ("总额", "总金额", "安排", "共有", "预算")),
}
"""Where neither a table nor a resolved statement gives the figure: the narrative's first statement whose subject
names it — the full word anywhere, the short word in the figure's own section (its heading names the figure) —
and ends as its total does: 机关运行经费安排, 一般公共预算机关运行经费预算支出, (under 机关运行经费) 一般公共预算财政
拨款运行经费, 政府采购支出预算总额, 纳入部门预算的政府采购项目共有; not one that speaks of a change or of a part
(`_NOT_A_TOTAL`)."""
_NOT_A_TOTAL = ("比上年", "增加", "减少", "下降", "增长", "货物", "工程", "服务", "中小", "小微", "其中")


def _total_named(subject: str, section: str) -> str | None:
    """The `SUBJECT_FIGURES` name whose total a statement's subject states, if any."""
    if any(word in subject for word in _NOT_A_TOTAL):
        return None
    for name, (word, short, endings) in SUBJECT_FIGURES.items():
        in_its_section = section.rsplit("/", 1)[-1] == name
        if (word in subject or (in_its_section and short in subject)) and subject.endswith(endings):
            return name
    return None


def narrative_figures(connection: Any, document_ids: Sequence[int]) -> dict[int, dict[str, Row]]:
    """What each document's narrative states for 机关运行经费 and 政府采购, by document id and figure name: the first
    statement the check resolved to the figure's quantity (`STATED_FIGURES`), else the first whose subject names
    its total (`SUBJECT_FIGURES`); `amount` in 万元 (only statements in 元 or 万元), `page`."""
    if not document_ids:
        return {}
    keys = list(STATED_FIGURES.values())
    words = [short for _, short, _ in SUBJECT_FIGURES.values()]
    rows = connection.execute(
        "SELECT document_id, quantity_key, subject, section, amount, unit, page FROM statements"
        f" WHERE document_id IN ({', '.join('?' * len(document_ids))}) AND unit IN ('万元', '元')"
        f" AND (quantity_key IN ({', '.join('?' * len(keys))})"
        f" OR {' OR '.join(['contains(subject, ?)'] * len(words))}) ORDER BY document_id, statement_index",
        [*document_ids, *keys, *words],
    ).fetchall()
    by_key = {key: name for name, key in STATED_FIGURES.items()}
    resolved: dict[int, dict[str, Row]] = {}
    named: dict[int, dict[str, Row]] = {}
    for document_id, key, subject, section, amount, unit, page in rows:
        figure = {"amount": _in_wan(amount, unit), "page": page}
        if key in by_key:
            resolved.setdefault(document_id, {}).setdefault(by_key[key], figure)
        elif (name := _total_named(subject, section)) is not None:
            named.setdefault(document_id, {}).setdefault(name, figure)
    return {
        document_id: {**named.get(document_id, {}), **resolved.get(document_id, {})} for document_id in named | resolved
    }


CLASS_TABLES: tuple[tuple[str, str | None, str], ...] = (
    ("expenditure_summary", None, "total"),  # 支出总体情况表: every source
    ("income_expenditure_summary", "expenditure", "amount"),  # 收支总体情况表's expenditure side
    ("general_budget_expenditure", None, "total"),  # 一般公共预算支出表: that budget only
)
"""Where a document's spending by function class (类) is read, best first: (table kind, side, column key)."""


def function_classes(connection: Any, document_ids: Sequence[int]) -> dict[int, Row]:
    """Each document's spending by function class (3-digit codes) from the first of `CLASS_TABLES` that prints
    class rows: `table_kind`, `table_index`, `page` and `classes` (code, label, amount in 万元, page), in code
    order, by document id.

    A department's table may print its units one after the other, each with its own class rows (深圳 水务局:
    本级, then each unit under it); a class is then the sum of its rows over the blocks, where those sums, and
    not the first block's rows, add up to the table's 合计 (`_classes_of_table`)."""
    if not document_ids:
        return {}
    kinds = [kind for kind, _, _ in CLASS_TABLES]
    rows = connection.execute(
        "SELECT c.document_id, t.kind, c.side, c.column_key, c.code, c.label, c.amount, t.money_unit,"
        " c.table_index, t.page, c.page FROM cells c JOIN tables t USING (document_id, table_index)"
        f" WHERE c.document_id IN ({', '.join('?' * len(document_ids))}) AND t.kind IN ({', '.join('?' * len(kinds))})"
        " AND (c.row_key = 'total' OR length(c.code) = 3 AND regexp_full_match(c.code, '[0-9]{3}'))"
        " ORDER BY c.document_id, c.table_index, c.row_index",
        [*document_ids, *kinds],
    ).fetchall()
    candidates: dict[int, dict[tuple[str, int], Row]] = {}
    for document_id, kind, side, column, code, label, amount, unit, table_index, table_page, page in rows:
        rank = next(
            (i for i, (k, s, c) in enumerate(CLASS_TABLES) if (k, c) == (kind, column) and (s is None or s == side)),
            None,
        )
        if rank is None:
            continue
        table = candidates.setdefault(document_id, {}).setdefault(
            (kind, table_index),
            {"rank": rank, "table_kind": kind, "table_index": table_index, "page": table_page, "rows": []},
        )
        table["rows"].append((code, label, _in_wan(amount, unit), page))
    chosen: dict[int, Row] = {}
    for document_id, tables_of_document in candidates.items():
        with_classes = [t for t in tables_of_document.values() if any(code for code, *_ in t["rows"])]
        if not with_classes:
            continue
        best = min(with_classes, key=lambda t: (t["rank"], t["table_index"]))
        best["classes"] = _classes_of_table(best.pop("rows"))
        del best["rank"]
        chosen[document_id] = best
    return chosen


def _classes_of_table(rows: Sequence[tuple[str | None, str, Decimal, int | None]]) -> list[Row]:
    """A table's class rows (code, label, amount, page; code None: its 合计), one per class in code order: the
    first row of each class, or the sum of its rows where a class is printed more than once (a block per unit)
    and the sums come nearer the 合计 than the first rows do (printed figures may differ from it by a rounding)."""
    total = next((amount for code, _, amount, _ in rows if code is None), None)
    first: dict[str, Row] = {}
    summed: dict[str, Row] = {}
    for code, label, amount, page in rows:
        if code is None:
            continue
        first.setdefault(code, {"code": code, "label": label, "amount": amount, "page": page})
        seen = summed.setdefault(code, {"code": code, "label": label, "amount": Decimal(0), "page": page})
        seen["amount"] += amount
    chosen = first
    if total is not None:
        first_gap = abs(sum((r["amount"] for r in first.values()), Decimal(0)) - total)
        summed_gap = abs(sum((r["amount"] for r in summed.values()), Decimal(0)) - total)
        if summed_gap < first_gap:
            chosen = summed
    return sorted(chosen.values(), key=itemgetter("code"))
