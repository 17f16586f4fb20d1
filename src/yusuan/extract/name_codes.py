"""Give a code to a classification row printed by its name only, from the document's own coded rows.

Several layouts print the function items of their summary tables by name
alone (深圳 and 湖州's 收支总表: `一、一般公共服务支出` / `统计信息事务` /
`行政运行`), while another table of the same document prints the same items
with their codes (`20105 统计信息事务`).  A name alone is ambiguous (行政运行
stands under every 款), but a name under a known parent is not: walking the
rows in order, each name is looked up among the codes whose parent is the
current row's code or one of its ancestors, the nearest first, and it is keyed
only when exactly one code fits.  Codes come from the document's own tables
first and from the catalogue of observed names second; a row no source names
uniquely stays unknown, as before.
"""

from __future__ import annotations

from collections import defaultdict

from yusuan.catalog import default_catalog
from yusuan.extract.normalise import fold_item
from yusuan.model import Row, Table
from yusuan.model.kinds import ECONOMIC_CODE_TABLES

UNKNOWN = "unknown:"

# parent code ("" for a class) → folded name → codes
NameIndex = dict[str, dict[str, set[str]]]


def _index(tables: list[Table]) -> NameIndex:
    index: NameIndex = defaultdict(lambda: defaultdict(set))
    for table in tables:
        if table.kind in ECONOMIC_CODE_TABLES:
            continue
        for row in table.rows:
            code = row.code
            if code and code.isdigit() and len(code) in (3, 5, 7) and not row.project:
                name = fold_item(_without_code(row.label, code))
                if name:
                    index[code[:-2] if len(code) > 3 else ""][name].add(code)
    return index


def _catalogue_index() -> NameIndex:
    index: NameIndex = defaultdict(lambda: defaultdict(set))
    for code, names in default_catalog().function.items():
        for entry in names:
            index[code[:-2] if len(code) > 3 else ""][fold_item(entry.name)].add(code)
    return index


def _without_code(label: str, code: str) -> str:
    text = label.strip()
    return text[len(code) :].strip() if text.startswith(code) else text


def _lookup(name: str, context: str | None, indexes: list[NameIndex]) -> str | None:
    """The one code named `name` under the context's nearest ancestor that has such a child."""
    parents = []
    if context:
        parents = [context[:n] for n in (len(context), len(context) - 2, len(context) - 4) if n >= 3]
    for index in indexes:
        for parent in parents:
            codes = index.get(parent, {}).get(name, set())
            if len(codes) == 1:
                return next(iter(codes))
            if len(codes) > 1:
                return None
    return None


def name_rows(tables: list[Table]) -> tuple[list[Table], set[int]]:
    """The tables with name-only function rows keyed by their code, and the source lines of the rows so
    keyed (their `row-unknown` problems no longer hold).

    A side is keyed all or nothing: if one of its unnamed rows with money cannot be keyed, a parent's
    printed children would be summed without it, so the side is left as it was read.
    """
    indexes = [_index(tables), _catalogue_index()]
    keyed_lines: set[int] = set()
    result = []
    for table in tables:
        if table.kind in ECONOMIC_CODE_TABLES or not any(r.key.startswith(UNKNOWN) for r in table.rows):
            result.append(table)
            continue
        keyed = _keyed(table.rows, indexes)
        failed_sides = {
            row.side
            for row in table.rows
            if row.key.startswith(UNKNOWN) and id(row) not in keyed and any(c.value for c in row.cells.values())
        }
        rows = []
        for row in table.rows:
            code = keyed.get(id(row))
            if code is None or row.side in failed_sides:
                rows.append(row)
                continue
            rows.append(row.model_copy(update={"key": code, "code": code, "level": {3: 1, 5: 2, 7: 3}[len(code)]}))
            if row.source and row.source.line is not None:
                keyed_lines.add(row.source.line)
        result.append(table.model_copy(update={"rows": rows}))
    return result, keyed_lines


def _keyed(rows: list[Row], indexes: list[NameIndex]) -> dict[int, str]:
    """id(row) → code for the unnamed rows one code fits, walking the rows in order."""
    keyed: dict[int, str] = {}
    context: dict[object, str | None] = {}
    for row in rows:
        side = row.side
        if row.code and row.code.isdigit():
            context[side] = row.code
        elif row.key.startswith(UNKNOWN) and (code := _lookup(fold_item(row.label), context.get(side), indexes)):
            keyed[id(row)] = code
            context[side] = code
        elif row.is_total:
            context[side] = None
    return keyed
