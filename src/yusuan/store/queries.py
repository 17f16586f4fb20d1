"""The read-only questions the web app asks the store, in one place with their SQL.

The web app (src/yusuan/web/) shows documents, their tables and findings, the
findings across documents and a unit over the years; every query it runs is
here (a unit's figures in `figures.py`), so the store's SQL stays in the store
package beside the schema it reads.  Each function takes an open connection (a cursor of the read-only
connection, one per request) and returns plain dicts with the stored keys;
the web layer adds the Chinese labels.  Amounts stay Decimal.

The lists (documents, units, a rule's documents) come in their own order or
in an `Order` the reader asked for (the web's `sort`): one of the list's
columns, named by the list's own table of sortable columns here, so only SQL
written in this module reaches the query; every order ends in the list's
unique key, so a page of the list never repeats or skips a row.

`record_document`, `record_tables` and `record_findings` give the same answers
from the record a document was just stored from: the batch renders each page
while storing it, and reading its cells back cost it ≈ 9 ms a document (its
row and file names, two statements, ≈ 1.4 ms).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yusuan.store.records import finding_row

if TYPE_CHECKING:
    from yusuan.store.records import PublicationRecord, TableRecord

Row = dict[str, Any]


REGION_CLAUSE = "(d.region = ? OR starts_with(d.region, ? || ' '))"
"""A region filter: the region and those within it (a region is stored from the top: `江苏省 无锡市`)."""


IN_PINYIN = "COLLATE zh"
"""How names (units, regions) are ordered: by their pinyin, as a Chinese reader looks a name up in a list (ICU's
`zh` collation, built into DuckDB; a character of several readings takes its usual one).  Code-point order put
上海 before 北京 and 重庆 last."""


def in_pinyin(connection: Any, names: Iterable[str]) -> list[str]:
    """`names` in pinyin order (`IN_PINYIN`), each once."""
    found = list(set(names))
    if not found:
        return []
    # ties of the collation (the same pinyin) in code-point order
    rows = connection.execute(f"SELECT name FROM unnest(?) AS t(name) ORDER BY name {IN_PINYIN}, name", [found])
    return [row[0] for row in rows.fetchall()]


def with_larger_regions(connection: Any, regions: list[str]) -> list[str]:
    """`regions` and every region containing one (`江苏省` for `江苏省 无锡市`), in pinyin order: the filter's
    choices."""
    found = {" ".join(region.split(" ")[: depth + 1]) for region in regions for depth in range(region.count(" ") + 1)}
    return in_pinyin(connection, found)


_FOLDED = "translate({}, '（） \u3000', '()')"
"""A name in SQL as `folded_name` makes it: full-width parentheses half-width, no spaces (half- or full-width)."""


def folded_name(text: str) -> str:
    """A unit's or file's name as the search compares it: `深圳市公安局(本级)` and `深圳市公安局（本级）` alike, spaces
    dropped (a name is printed with or without them)."""
    return "".join(text.replace("（", "(").replace("）", ")").replace("\u3000", " ").split(" "))


@dataclass(frozen=True)
class DocumentFilter:
    """What the document list is narrowed to (every field optional)."""

    q: str | None = None  # a part of the unit's name (or of a file name, for files not checked); `folded_name`
    region: str | None = None
    year: int | None = None
    kind: str | None = None
    status: str | None = None
    with_errors: bool = False
    level: str | None = None  # 省级, 市级, … as the document prints it

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        values: list[Any] = []
        if self.q:
            clauses.append(
                f"({_FOLDED.format('d.unit')} ILIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM files f"
                f" WHERE f.document_id = d.id AND {_FOLDED.format('f.name')} ILIKE ? ESCAPE '\\'))"
            )
            searched = folded_name(self.q)
            pattern = "%" + searched.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            values += [pattern, pattern]
        if self.region:
            clauses.append(REGION_CLAUSE)
            values += [self.region, self.region]
        for column, value in (
            ("year", self.year),
            ("kind", self.kind),
            ("level", self.level),
        ):
            if value not in (None, ""):
                clauses.append(f"d.{column} = ?")
                values.append(value)
        if self.status:
            clauses.append("d.status = ?")
            values.append(self.status)
        if self.with_errors:
            clauses.append("d.errors > 0")
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), values


@dataclass(frozen=True)
class Order:
    """A list in the order of one of its columns (a name in the list's table of sortable columns), ascending or
    descending; ties keep the list's own order."""

    column: str
    descending: bool = False

    def term(self, sortable: Mapping[str, str]) -> str:
        """This order as an ORDER BY term: the column's SQL in `sortable` (a list's sortable columns: name → SQL),
        empty values last either way.  ValueError for a column not there: nothing else reaches the SQL."""
        if self.column not in sortable:
            raise ValueError(f"the list has no sortable column {self.column!r}")
        return f"{sortable[self.column]} {'DESC' if self.descending else 'ASC'} NULLS LAST"


def prefer_scans(connection: Any) -> None:
    """Read a document's rows by scanning, not through the `document_id` indexes (for a read-only connection).

    A store is written one document after another, so a document's cells lie together and DuckDB's zone maps
    skip every row group but one or two: a filtered scan of those fetches a document's ≈ 800 cells in ≈ 2 ms
    of CPU, while the index scan DuckDB picks for so few rows fetches them row by row and column by column
    (≈ 8 ms).  Set for the whole database (every cursor of the connection)."""
    connection.execute("SET GLOBAL index_scan_percentage = 0")
    connection.execute("SET GLOBAL index_scan_max_count = 0")


def as_dicts(result: Any) -> list[Row]:
    names = [d[0] for d in result.description or []]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


DOCUMENT_FIELDS = (
    "id", "status", "error", "unit", "region", "year", "kind", "level", "apart", "pages",
    "errors", "warnings", "notices", "seconds", "checked_at",
)  # fmt: skip
"""The columns of a document's row as `document` returns it (the writer's insert returns the same)."""
_DOCUMENT_COLUMNS = ", ".join(f"d.{column}" for column in DOCUMENT_FIELDS)
# Small queries are answered fastest without what makes DuckDB plan a join or a sort (a correlated
# subquery per document, ORDER BY over a few thousand cells cost 10-30 ms each): file names are fetched
# apart and joined here, and rows of one document are put in order here.


def _with_files(connection: Any, rows: list[Row]) -> list[Row]:
    """`rows` (documents) each with `file_names`, the names of its files sorted, and `files`, them joined with 、
    (for display: a name may itself hold a 、)."""
    if not rows:
        return rows
    if len(rows) > 500:
        found = connection.execute("SELECT document_id, name FROM files").fetchall()
    else:
        marks = ", ".join("?" * len(rows))
        found = connection.execute(
            f"SELECT document_id, name FROM files WHERE document_id IN ({marks})", [r["id"] for r in rows]
        ).fetchall()
    names: dict[int, list[str]] = {}
    for document_id, name in found:
        names.setdefault(document_id, []).append(name)
    for row in rows:
        row["file_names"] = sorted(names.get(row["id"], []))
        row["files"] = "、".join(row["file_names"]) or None
    return rows


_NAME_SORTS = {name: f"d.{name} {IN_PINYIN}" for name in ("unit", "region")}
"""The names a list of documents sorts by, in pinyin order."""
DOCUMENT_SORTS = {column: f"d.{column}" for column in DOCUMENT_FIELDS} | _NAME_SORTS
"""What the document list can be ordered by: any of its columns (the web offers those its page shows)."""
_DOCUMENT_ORDER = f"d.unit {IN_PINYIN}, d.year DESC, d.kind, d.id"


def _document_order(order: Order | None) -> str:
    """The document list's ORDER BY: files not checked after the checked ones (but when ordered by status), then
    the column asked for, then by unit, latest year first, kind and id (unique)."""
    if order is None:
        return f"d.status <> 'checked', {_DOCUMENT_ORDER}"
    if order.column == "status":
        return f"{order.term(DOCUMENT_SORTS)}, {_DOCUMENT_ORDER}"
    return f"d.status <> 'checked', {order.term(DOCUMENT_SORTS)}, {_DOCUMENT_ORDER}"


def documents(
    connection: Any, where: DocumentFilter, limit: int | None = None, offset: int = 0, order: Order | None = None
) -> list[Row]:
    """The documents the filter keeps: checked ones by unit and year (or in `order`), then the files that could
    not be checked (in `order` by status, where they fall).

    `limit` and `offset` give one page of that order (all of it without a limit)."""
    clause, values = where.where()
    page = f" LIMIT {int(limit)} OFFSET {max(0, int(offset))}" if limit is not None else ""
    sql = f"SELECT {_DOCUMENT_COLUMNS} FROM documents d{clause} ORDER BY {_document_order(order)}{page}"
    return _with_files(connection, as_dicts(connection.execute(sql, values)))


def count_documents(connection: Any, where: DocumentFilter) -> int:
    """How many documents the filter keeps."""
    clause, values = where.where()
    return int(connection.execute(f"SELECT count(*) FROM documents d{clause}", values).fetchone()[0])


def facets(connection: Any) -> dict[str, list[Any]]:
    """The values the document filters offer: regions, years, kinds, levels and statuses present in the store."""
    result: dict[str, list[Any]] = {}
    for column in ("region", "year", "kind", "level", "status"):
        rows = connection.execute(
            f"SELECT DISTINCT {column} FROM documents WHERE {column} IS NOT NULL ORDER BY {column}"
        ).fetchall()
        result[column] = [row[0] for row in rows]
    result["region"] = with_larger_regions(connection, result["region"])
    result["year"].reverse()
    return result


def counts(connection: Any) -> Row:
    """How many documents there are, by result."""
    return as_dicts(
        connection.execute(
            "SELECT count(*) AS documents, count(*) FILTER (status = 'checked') AS checked,"
            " count(*) FILTER (status <> 'checked') AS not_checked,"
            " count(*) FILTER (errors > 0) AS with_errors,"
            " coalesce(sum(errors), 0) AS errors, coalesce(sum(warnings), 0) AS warnings FROM documents"
        )
    )[0]


def document(connection: Any, document_id: int) -> Row | None:
    rows = _with_files(
        connection,
        as_dicts(connection.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents d WHERE d.id = ?", [document_id])),
    )
    return rows[0] if rows else None


def record_document(values: Sequence[Any], record: PublicationRecord) -> Row:
    """`document` of the document `record` was just stored as: the stored row's `values` (in `DOCUMENT_FIELDS`
    order, as the insert returned them) and the record's file names, as the query would return them."""
    row = dict(zip(DOCUMENT_FIELDS, values, strict=True))
    row["file_names"] = sorted(Path(f.path).name for f in record.files)
    row["files"] = "、".join(row["file_names"]) or None
    return row


_CELL_COLUMNS = (
    "table_index", "row_index", "side", "row_key", "code", "label", "column_key", "amount", "page", "line",
)  # fmt: skip


def tables(connection: Any, document_id: int) -> list[Row]:
    """The document's tables in reading order, each with its cells (`cells`: list of rows in row order)."""
    found = as_dicts(
        connection.execute(
            "SELECT table_index, number, kind, title, money_unit, page, doubt FROM tables WHERE document_id = ?",
            [document_id],
        )
    )
    found.sort(key=lambda table: table["table_index"])
    cells = connection.execute(
        f"SELECT {', '.join(_CELL_COLUMNS)} FROM cells WHERE document_id = ?", [document_id]
    ).fetchall()
    cells.sort(key=itemgetter(0, 1))  # stable: a row's cells keep the order they were written in
    by_table: dict[int, list[Row]] = {}
    for cell in cells:
        by_table.setdefault(cell[0], []).append(dict(zip(_CELL_COLUMNS, cell, strict=True)))
    for table in found:
        table["cells"] = by_table.get(table["table_index"], [])
    return found


def findings(connection: Any, document_id: int) -> list[Row]:
    found = as_dicts(
        connection.execute(
            "SELECT finding_index, code, severity, is_notice, message, file, table_number, table_kind, section,"
            " row_key, column_key, page, line, expected, actual, suggestion FROM findings"
            " WHERE document_id = ?",
            [document_id],
        )
    )
    return sorted(found, key=lambda finding: (finding["is_notice"], finding["finding_index"]))


_MICRO = Decimal("0.000001")
_ZERO = Decimal("0.000000")
_CELL_PLACE = attrgetter(*_CELL_COLUMNS[:7])  # a stored cell's columns before its amount and page


def record_tables(record: PublicationRecord) -> list[Row] | None:
    """`tables` of the document `record` was just stored as, from the record itself, as the query would return
    them (amounts at the store's six places); None when an amount is not exact at six places (the store rounds
    it: ask).  An amount's place count is not read (`as_tuple()`, ≈ 1 µs a cell): it is exact at six places
    when quantizing it there keeps its value, and then the store holds that quantized value."""
    by_table: dict[int, list[Row]] = {}
    for c in sorted(record.cells, key=attrgetter("table_index", "row_index")):
        amount = c.amount
        if not amount.is_finite():
            return None
        quantized = amount.quantize(_MICRO)
        if quantized != amount:
            return None
        amount = quantized if amount else _ZERO  # a zero as the store's, whatever its sign or places
        by_table.setdefault(c.table_index, []).append(
            dict(zip(_CELL_COLUMNS, (*_CELL_PLACE(c), amount, c.page, c.line), strict=True))
        )
    return [table_row(t, by_table.get(t.index, [])) for t in sorted(record.tables, key=attrgetter("index"))]


def table_row(table: TableRecord, cells: list[Row]) -> Row:
    """A table of a record with its cells, shaped as `tables` returns a stored one."""
    return {
        "table_index": table.index,
        "number": table.number,
        "kind": table.kind,
        "title": table.title,
        "money_unit": table.unit,
        "page": table.page,
        "doubt": table.doubt,
        "cells": cells,
    }


def record_findings(record: PublicationRecord) -> list[Row]:
    """`findings` of the document `record` was just stored as, from the record itself, as the query returns them."""
    found = [finding_row(f) for f in record.findings]
    return sorted(found, key=lambda finding: (finding["is_notice"], finding["finding_index"]))


@dataclass(frozen=True)
class FindingFilter:
    """Findings across documents: by severity, region, year, rule (every field optional)."""

    severity: str | None = None
    region: str | None = None
    year: int | None = None
    code: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses = ["d.status = 'checked'"]
        values: list[Any] = []
        if self.region:
            clauses.append(REGION_CLAUSE)
            values += [self.region, self.region]
        for column, value in (
            ("f.severity", self.severity),
            ("d.year", self.year),
            ("f.code", self.code),
        ):
            if value not in (None, ""):
                clauses.append(f"{column} = ?")
                values.append(value)
        return " WHERE " + " AND ".join(clauses), values


def findings_by_rule(connection: Any, where: FindingFilter) -> list[Row]:
    """Findings counted per rule and severity (notices apart), with the number of documents each is in."""
    clause, values = where.where()
    return as_dicts(
        connection.execute(
            "SELECT f.is_notice, f.code, f.severity, count(*) AS findings, count(DISTINCT f.document_id) AS documents"
            f" FROM findings f JOIN documents d ON d.id = f.document_id{clause}"
            " GROUP BY f.is_notice, f.code, f.severity"
            " ORDER BY f.is_notice, CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,"
            " findings DESC, f.code",
            values,
        )
    )


FINDING_DOCUMENT_SORTS = {
    **{column: f"d.{column}" for column in ("id", "year", "kind")},
    **_NAME_SORTS,
    "code": "f.code",
    "severity": "CASE WHEN f.is_notice THEN 3 WHEN f.severity = 'error' THEN 0 WHEN f.severity = 'warning' THEN 1"
    " ELSE 2 END",  # errors, warnings, other findings, then the reader's notices
    "findings": "findings",
}
"""What a rule's drill-down can be ordered by."""
_FINDING_DOCUMENT_ORDER = f"findings DESC, d.unit {IN_PINYIN}, d.year DESC, d.id, f.code, f.severity, f.is_notice"


def findings_by_document(connection: Any, where: FindingFilter, order: Order | None = None) -> list[Row]:
    """The documents that have the findings the filter keeps (a rule's drill-down), most findings first (or in
    `order`; ties by the most findings, unit, latest year, and a row's unique key)."""
    clause, values = where.where()
    ordered = f"{order.term(FINDING_DOCUMENT_SORTS)}, " if order is not None else ""
    return as_dicts(
        connection.execute(
            "SELECT d.id, d.unit, d.region, d.year, d.kind, f.code, f.severity, f.is_notice, count(*) AS findings,"
            " min(f.message) AS example"
            f" FROM findings f JOIN documents d ON d.id = f.document_id{clause}"
            " GROUP BY d.id, d.unit, d.region, d.year, d.kind, f.code, f.severity, f.is_notice"
            f" ORDER BY {ordered}{_FINDING_DOCUMENT_ORDER}",
            values,
        )
    )


def finding_facets(connection: Any) -> dict[str, list[Any]]:
    """Regions and years of the checked documents (the filters of the findings page)."""
    regions = connection.execute(
        "SELECT DISTINCT region FROM documents WHERE status = 'checked' AND region IS NOT NULL ORDER BY region"
    ).fetchall()
    years = connection.execute(
        "SELECT DISTINCT year FROM documents WHERE status = 'checked' AND year IS NOT NULL ORDER BY year DESC"
    ).fetchall()
    return {"region": with_larger_regions(connection, [r[0] for r in regions]), "year": [y[0] for y in years]}


# The main figures of a unit's year: (name, table kind, side, row key, column key).
STAFFING_FIELDS = ("staff_authorised", "staff_in_service", "staff_retired", "staff_retired_cadres")


def units_documents(connection: Any, units: Sequence[str]) -> list[Row]:
    """The checked documents of `units` (names exactly as stored), with their staffing (null when not stated)."""
    if not units:
        return []
    marks = ", ".join("?" * len(units))
    return as_dicts(
        connection.execute(
            f"SELECT id, unit, year, kind, level, errors, {', '.join(STAFFING_FIELDS)} FROM documents"
            f" WHERE status = 'checked' AND unit IN ({marks}) ORDER BY unit {IN_PINYIN}, year DESC, kind, id DESC",
            list(units),
        )
    )


UNIT_SORTS = {
    "unit": f"unit {IN_PINYIN}",
    "region": f"region {IN_PINYIN}",
    "years": "max(year)",
    "documents": "documents",
}
"""What the units list can be ordered by (`years`: a unit's latest year)."""


def units(connection: Any, order: Order | None = None) -> list[Row]:
    """Every unit with its years (the units page's list), by name (or in `order`, ties by name and region)."""
    ordered = f"{order.term(UNIT_SORTS)}, " if order is not None else ""
    return as_dicts(
        connection.execute(
            "SELECT unit, region, list(DISTINCT year ORDER BY year) AS years, count(*) AS documents FROM documents"
            " WHERE status = 'checked' AND unit IS NOT NULL AND unit <> '' GROUP BY unit, region"
            f" ORDER BY {ordered}unit {IN_PINYIN}, region {IN_PINYIN}"
        )
    )
