"""Checks across a unit's documents of one year in the store: its 决算's 年初预算数 against its budget.

When the store holds a unit's 决算 (`unit_final_accounts`, `department_final_accounts`) and the
same unit's budget of that year (same unit name, year, and 单位/部门 level), each 年初预算数
the 决算's tables print is compared with the same line of the budget — the same comparison
as `yusuan check 决算 --budget 预算` (`check.phase`): the 三公 table's items and total, a
function code's row of the 一般公共预算支出表.  Tables the reader marked doubtful are not
stored as compared (their `doubt` is kept); when the store holds several budgets of that
unit and year, none is chosen and nothing is compared.

The store keeps amounts to six decimals, not the digits printed; a figure is taken as printed
to its own last non-zero digit or to the convention of its unit (万元 to two decimals, 元 to
whole yuan), whichever is finer, and compared within the rounding of those digits.

The findings go into `findings` of the 决算, naming the budget (`related_document_id`,
`related_page`); running the check again replaces them.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from yusuan.check.phase import CODE, Figure, differences, message
from yusuan.money import MoneyUnit
from yusuan.store.cross_year import replace_findings

_PAIRS = """
SELECT f.id, b.id, b.unit, b.year
FROM documents f
JOIN documents b ON b.unit = f.unit AND b.year = f.year AND b.status = 'checked'
 AND b.kind = replace(f.kind, 'final_accounts', 'budget')
WHERE f.status = 'checked' AND f.kind LIKE '%final_accounts'
  AND (SELECT count(*) FROM documents o WHERE o.unit = f.unit AND o.year = f.year AND o.kind = b.kind
       AND o.status = 'checked') = 1
ORDER BY f.id
"""

_CELLS = """
SELECT c.document_id, t.number, t.kind, t.title, c.row_key, c.code, c.label, c.column_key, c.amount, t.money_unit,
       c.page
FROM cells c JOIN tables t ON t.document_id = c.document_id AND t.table_index = c.table_index
WHERE c.document_id IN (SELECT unnest(?)) AND t.doubt IS NULL
ORDER BY c.document_id, c.table_index, c.row_index
"""


def check_final_against_budget(connection: Any) -> int:
    """Replace every `final-vs-budget` finding in the store; returns how many there are now."""
    pairs = connection.execute(_PAIRS).fetchall()
    figures: dict[int, list[Figure]] = defaultdict(list)
    if pairs:
        ids = sorted({i for final, budget, _unit, _year in pairs for i in (final, budget)})
        for doc, number, kind, title, row, code, label, column, amount, unit, page in connection.execute(
            _CELLS, [ids]
        ).fetchall():
            printed = _as_printed(amount, unit)
            figures[doc].append(Figure(number, kind, title, row, code, label, column, printed, MoneyUnit(unit), page))
    rows = []
    for final, budget, unit, year in pairs:
        for d in differences(figures[final], figures[budget]):
            f, said = d.final, message(d, unit, year)
            place = (f.table, f.kind, None, f.row, f.column, f.page, None)  # table … line, as `findings` orders them
            rows.append((final, CODE, "warning", False, said, None, *place, str(d.expected), str(f.amount), None,
                         budget, d.budget.page))  # fmt: skip
    replace_findings(connection, CODE, rows)
    return len(rows)


def _as_printed(amount: Decimal, unit: str) -> Decimal:
    """A stored amount (six decimals) with the digits it was most likely printed with: 60.000000 万元 → 60.00."""
    places = 2 if unit == MoneyUnit.WAN_YUAN.value else 0
    exponent = amount.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        places = -exponent
    return amount.quantize(Decimal(1).scaleb(-places))
