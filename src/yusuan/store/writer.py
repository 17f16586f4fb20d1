"""Put one publication into the store, whole or not at all.

A record replaces any earlier one with the same content hash (`--again`), and
any the batch names (`replaces`: a stored half it joins, a file's earlier failed record), and
every row of it — document, files, tables, cells, findings — goes in within
one transaction: a batch interrupted between two documents leaves the first
complete and the second absent, never half of it.

The rows of a table go in as one statement, column by column (`INSERT … SELECT
unnest(…), unnest(…), …`): DuckDB's `executemany` runs one statement per row,
which made writing a 9,000-cell document take longer than checking it (13 s
against 6 s).  A column without NULLs travels as one string DuckDB splits
(`_column`), others as a list; amounts travel as their exact digits and are
cast to DECIMAL by the insert.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from decimal import Decimal
from operator import attrgetter
from pathlib import Path
from typing import Any

from yusuan import __version__
from yusuan.check.narrative_facts import NarrativeFact
from yusuan.store.queries import DOCUMENT_FIELDS
from yusuan.store.records import PublicationRecord, finding_values

_fact_values = attrgetter(*(f.name for f in fields(NarrativeFact)))
"""A narrative fact's values in field order (`dataclasses.astuple` deep-copies every value: a fifth of a write)."""


_RETURNED = ", ".join(DOCUMENT_FIELDS)
assert DOCUMENT_FIELDS[0] == "id"

_CHILDREN = ("files", "tables", "cells", "findings", "statements", "document_units", "document_pages")


def known_hashes(connection: Any) -> set[str]:
    """The sha256 of every file stored in a document whose check finished (status `checked`): a batch skips
    them unless told to check again.  A file stored as refused, failed, timeout or crashed is not among them:
    the next batch checks it again, and its new record replaces the old."""
    return {
        row[0]
        for row in connection.execute(
            "SELECT DISTINCT f.sha256 FROM files f JOIN documents d ON d.id = f.document_id WHERE d.status = 'checked'"
        ).fetchall()
    }


_SEPARATOR = "\x1f"  # the unit separator: in no text of a budget document (checked for each column)
_SPLIT = f"unnest(string_split(?, '{_SEPARATOR}'))"


def _column(values: tuple[Any, ...]) -> tuple[str, Any]:
    """How one column travels: its select expression and its parameter.

    A column without NULLs of text, integers or amounts goes as one string, its values (amounts as their exact
    digits) joined by `_SEPARATOR`, split again by DuckDB and cast by the insert: a Python list parameter is
    converted value by value (≈ 0.4 µs each, most of a document's write).  Others go as a list."""
    types = set(map(type, values))
    if len(types) == 1:
        kind = types.pop()
        if kind is str:
            joined = _SEPARATOR.join(values)
            if joined.count(_SEPARATOR) == len(values) - 1:
                return _SPLIT, joined
        elif kind is int:
            return _SPLIT, _SEPARATOR.join(map(str, values))
        elif kind is Decimal:
            return _SPLIT, _SEPARATOR.join([f"{v:f}" for v in values])
        return "unnest(?)", list(values)
    if Decimal in types:  # with NULLs
        return "unnest(?)", [f"{v:f}" if isinstance(v, Decimal) else v for v in values]
    return "unnest(?)", list(values)


def _insert(connection: Any, table: str, rows: Sequence[tuple[Any, ...]], nulls: int = 0) -> None:
    """All `rows` into `table` in one statement (then `nulls` NULL columns at the end of each row)."""
    if not rows:
        return
    columns = [_column(column) for column in zip(*rows, strict=True)]
    selected = ", ".join([expression for expression, _ in columns] + ["NULL"] * nulls)
    connection.execute(f"INSERT INTO {table} SELECT {selected}", [parameter for _, parameter in columns])


def _staffing_values(record: PublicationRecord) -> tuple[int | None, ...]:
    """The document's staffing columns: 编制数, 在职, 退休, 离休 (all None when not stated)."""
    staffing = record.staffing
    if staffing is None:
        return (None, None, None, None)
    return (staffing.authorised, staffing.in_service, staffing.retired, staffing.retired_cadres)


def store_record(
    connection: Any,
    record: PublicationRecord,
    then: Callable[[int, tuple[Any, ...]], None] | None = None,
    replaces: Sequence[int] = (),
) -> int:
    """Write `record` in one transaction; returns its document id.

    `then(document_id, row)` runs within the transaction once every row is in (`row`: the document's stored
    values in `queries.DOCUMENT_FIELDS` order, as its insert returned them): the batch writes the document's
    page there, in the same commit and without reading the row back.  The documents `replaces` names (a stored
    half of a publication the record joins, a file's earlier failed record) are deleted in the same
    transaction: an interruption leaves them or the record, never neither."""
    connection.execute("BEGIN TRANSACTION")
    try:
        old = connection.execute("SELECT id FROM documents WHERE content_hash = ?", [record.content_hash]).fetchall()
        for (document_id,) in [*old, *((i,) for i in replaces)]:
            for table in _CHILDREN:
                connection.execute(f"DELETE FROM {table} WHERE document_id = ?", [document_id])
            connection.execute("DELETE FROM documents WHERE id = ?", [document_id])
        row = connection.execute(
            "INSERT INTO documents (content_hash, status, error, unit, region, year, kind, level, profile, apart,"
            " pages, errors, warnings, notices, seconds, yusuan_version,"
            " staff_authorised, staff_in_service, staff_retired, staff_retired_cadres)"
            f" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {_RETURNED}",
            [
                record.content_hash,
                record.status,
                record.error,
                record.unit,
                record.region,
                record.year,
                record.kind,
                record.level,
                record.profile,
                record.apart,
                record.pages,
                record.count("error"),
                record.count("warning"),
                record.notices,
                record.seconds,
                __version__,
                *_staffing_values(record),
            ],
        ).fetchone()
        document_id = row[0]
        _insert(
            connection,
            "files",
            [(document_id, f.path, Path(f.path).name, f.sha256, f.size) for f in record.files],
        )
        if record.tables:
            _insert(
                connection,
                "tables",
                [(document_id, t.index, t.number, t.kind, t.title, t.unit, t.page, t.doubt) for t in record.tables],
            )
        if record.cells:
            _insert(
                connection,
                "cells",
                [
                    (
                        document_id,
                        c.table_index,
                        c.row_index,
                        c.side,
                        c.row_key,
                        c.code,
                        c.label,
                        c.column_key,
                        c.amount,
                        c.page,
                        c.line,
                    )
                    for c in record.cells
                ],
            )
        if record.findings:
            _insert(
                connection,
                "findings",
                [(document_id, *finding_values(f)) for f in record.findings],
                nulls=2,  # related_document_id, related_page: set by the cross-year check
            )
        if record.statements:
            _insert(
                connection,
                "statements",
                [(document_id, *_fact_values(s)) for s in record.statements],
            )
        if record.members:
            _insert(connection, "document_units", [(document_id, i, name) for i, name in enumerate(record.members)])
        if then is not None:
            then(document_id, row)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return int(document_id)
