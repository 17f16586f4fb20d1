"""Checks across documents in the store: a department's document against its units' documents.

A 部门预算 (or 部门决算) is the sum of its own office (本级) and its units, and its
first part lists them (`DocumentMeta.members`, stored in `document_units`).  When
the store holds, for the same year and phase, one unit document for every unit
the department lists, each department table is compared line by line with the
sum of the units' same lines — `check.department`, the check `yusuan check
DEPT --units …` runs, on the tables as stored.

Which stored document is a listed unit: the same name (spaces and bracket
widths aside), or a name that adds to the listed one only a prefix the
department's own name starts with (`市疾病预防控制中心` of 湖州市卫生健康委员会
is `湖州市疾病预防控制中心`); the department's own office (本级) is a unit document
named like the department, `…本级` or `…（本级）`.  Every listed unit must match
exactly one document; otherwise nothing is compared (a department whose list
the reader could not take whole is never checked against a part of it).

Nothing is built on a doubtful reading: a table the reader marked doubtful, or
one a reading notice names, is not compared (an info finding says so); amounts
are taken as printed (`cross_phase._as_printed`).  The findings go into
`findings` of the department's document; a finding whose explanation names one
unit names that unit's document (`related_document_id`).  Running the check
again replaces them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from yusuan.check.department import CODE, NOT_COMPARED, UnitDocument, check_against_units
from yusuan.extract.composition import OWN_OFFICE
from yusuan.model import Cell, Column, Disclosure, DocumentMeta, Row, Side, Source, Table, TableKind
from yusuan.money import MoneyUnit
from yusuan.store.cross_phase import _as_printed
from yusuan.store.cross_year import replace_findings

_DEPARTMENTS = """
SELECT d.id, d.unit, d.year, d.kind, list(m.name ORDER BY m.unit_index)
FROM documents d JOIN document_units m ON m.document_id = d.id
WHERE d.status = 'checked' AND d.kind LIKE 'department_%' AND d.unit IS NOT NULL
GROUP BY d.id, d.unit, d.year, d.kind
ORDER BY d.id
"""

_UNITS = """
SELECT id, unit, year, kind FROM documents
WHERE status = 'checked' AND kind LIKE 'unit_%' AND unit IS NOT NULL
"""

_CELLS = """
SELECT t.document_id, t.table_index, t.number, t.kind, t.title, t.money_unit, t.doubt, t.page,
       c.row_index, c.side, c.row_key, c.code, c.label, c.column_key, c.amount, c.page
FROM tables t LEFT JOIN cells c ON c.document_id = t.document_id AND c.table_index = t.table_index
WHERE t.document_id IN (SELECT unnest(?))
ORDER BY t.document_id, t.table_index, c.row_index
"""

_NOTICED = """
SELECT DISTINCT document_id, table_number FROM findings
WHERE document_id IN (SELECT unnest(?)) AND is_notice AND table_number IS NOT NULL
"""

_CODES = (CODE, NOT_COMPARED)


def check_departments_against_units(connection: Any) -> int:
    """Replace every department-against-units finding in the store; returns how many there are now."""
    units = connection.execute(_UNITS).fetchall()
    linked: list[tuple[int, str, int, list[tuple[int, str]]]] = []
    for department, name, year, kind, members in connection.execute(_DEPARTMENTS).fetchall():
        phase = kind.replace("department_", "unit_", 1)
        candidates = [(i, unit) for i, unit, y, k in units if y == year and k == phase]
        found = _match(name, members, candidates)
        if found is not None:
            linked.append((department, name, year, found))
    documents = _documents(connection, {d for d, *_ in linked} | {i for *_, found in linked for i, _ in found})
    by_code: dict[str, list[tuple[Any, ...]]] = {code: [] for code in _CODES}
    for department, name, year, found in linked:
        ours = Disclosure(meta=DocumentMeta(unit=name, year=year), tables=documents.get(department, []))
        theirs = [UnitDocument(unit, Disclosure(meta=DocumentMeta(unit=unit, year=year), tables=documents.get(i, [])))
                  for i, unit in found]  # fmt: skip
        ids = {unit: i for i, unit in found}
        for f in check_against_units(ours, theirs):
            named = [ids[u] for u in ids if u in f.message]
            place = (None, f.location.table, f.location.table_kind, None, f.location.row, f.location.column,
                     f.location.page, None)  # fmt: skip
            by_code[f.code].append((department, f.code, f.severity.value, False, f.message, *place,
                                    _text(f.expected), _text(f.actual), None,
                                    named[0] if len(named) == 1 else None, None))  # fmt: skip
    for code, rows in by_code.items():
        replace_findings(connection, code, rows)
    return len(by_code[CODE])


def _match(department: str, members: list[str], candidates: list[tuple[int, str]]) -> list[tuple[int, str]] | None:
    """Each listed unit's one stored document (id, name), or None unless every unit has exactly one."""
    found: list[tuple[int, str]] = []
    for member in members:
        hits = [(i, unit) for i, unit in candidates if _same_unit(member, unit, department)]
        if len(hits) != 1 or hits[0] in found:
            return None
        found.append(hits[0])
    return found


def _norm(name: str) -> str:
    return re.sub(r"\s+", "", name).replace("(", "（").replace(")", "）")


def _without_alias(name: str) -> str:
    return re.sub(r"（[^（）]*）$", "", name)


def _same_unit(member: str, stored: str, department: str) -> bool:
    stored, department = _norm(stored), _norm(department)
    if member == OWN_OFFICE:
        base = department.removesuffix("（本级）").removesuffix("本级")
        return stored in (base, base + "本级", base + "（本级）")
    member = _norm(member)
    for listed, name in ((member, stored), (_without_alias(member), _without_alias(stored))):
        if name == listed:
            return True
        prefix = name[: -len(listed)] if name.endswith(listed) else ""
        if prefix and department.startswith(prefix):
            return True
    return False


def _documents(connection: Any, ids: set[int]) -> dict[int, list[Table]]:
    """The stored tables of these documents as model tables, amounts as printed; a noticed table as doubtful."""
    if not ids:
        return {}
    noticed = set(connection.execute(_NOTICED, [sorted(ids)]).fetchall())
    grouped: dict[tuple[int, int], list[tuple[Any, ...]]] = defaultdict(list)
    heads: dict[tuple[int, int], tuple[Any, ...]] = {}
    read = connection.execute(_CELLS, [sorted(ids)]).fetchall()
    for doc, index, number, kind, title, unit, doubt, page, *cell in read:
        heads.setdefault((doc, index), (number, kind, title, unit, doubt, page))
        grouped[(doc, index)].extend([tuple(cell)] if cell[0] is not None else [])  # an empty table has no cells
    tables: dict[int, list[Table]] = defaultdict(list)
    for (doc, index), cells in grouped.items():
        number, kind, title, unit, doubt, page = heads[(doc, index)]
        if doubt is None and (doc, number) in noticed:
            doubt = "读取时有提示"
        tables[doc].append(_table(number, kind, title, MoneyUnit(unit), doubt, page, cells))
    return tables


def _table(
    number: str, kind: str, title: str, unit: MoneyUnit, doubt: str | None, page: int | None, cells: list[Any]
) -> Table:
    heads: dict[int, tuple[Any, ...]] = {}
    values: dict[int, dict[str, Cell]] = defaultdict(dict)
    columns: dict[tuple[str, str | None], Column] = {}
    for row_index, side, key, code, label, column, amount, cell_page in cells:
        columns.setdefault((column, side), Column(key=column, label=column, side=Side(side) if side else None))
        heads.setdefault(row_index, (key, label, code, Side(side) if side else None, cell_page))
        values[row_index][column] = Cell(value=_as_printed(amount, unit.value))
    rows = [
        Row(key=key, label=label, code=code, side=side, cells=values[i], source=Source(page=row_page))
        for i, (key, label, code, side, row_page) in sorted(heads.items())
    ]
    return Table(
        kind=TableKind(kind), number=number, title=title, unit=unit, columns=list(columns.values()),
        rows=rows, doubt=doubt, source=Source(page=page),
    )  # fmt: skip


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
