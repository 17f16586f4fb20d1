"""A checked publication as plain rows: what a batch worker sends back to be stored.

A worker (a local process or a Dask worker) checks a publication and turns the
result into a `PublicationRecord` of tuples, strings and Decimals: small to
pickle, independent of pydantic models, and written to the store by the one
process that holds the database.  Amounts stay `Decimal`, exactly as read.
A file that could not be used becomes a record too (status `refused` with the
one-line reason, `failed` for an internal error, `timeout` or `crashed` when
its worker had to be stopped), so a batch keeps a row for every file; one
that could not even be read keeps its path with an empty sha256 (`unread_file`),
and its record's content hash is made from that path, as an empty file's is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from yusuan.audit import Checked
    from yusuan.check.narrative_facts import NarrativeFact

STATUSES = ("checked", "refused", "failed", "timeout", "crashed")
"""checked: read and checked; refused: the input cannot be used (exit 2); failed: an internal error;
timeout / crashed: the worker was stopped at its time limit or died (memory limit, a crash)."""


@dataclass(frozen=True)
class FileRecord:
    path: str
    sha256: str  # "" for a file that could not be read (`unread_file`)
    size: int


@dataclass(frozen=True)
class TableRecord:
    index: int
    number: str
    kind: str
    title: str
    unit: str
    page: int | None
    doubt: str | None


@dataclass(frozen=True)
class CellRecord:
    table_index: int
    row_index: int
    side: str | None
    row_key: str
    code: str | None
    label: str
    column_key: str
    amount: Decimal
    page: int | None
    line: int | None = None  # the row's line on its page


@dataclass(frozen=True)
class StaffingRecord:
    """第一部分's staffing: 编制数, and 实有人数 as 在职 + 退休 + 离休."""

    authorised: int
    in_service: int
    retired: int
    retired_cadres: int

    @property
    def actual(self) -> int:
        """实有人数."""
        return self.in_service + self.retired + self.retired_cadres


@dataclass(frozen=True)
class FindingRecord:
    index: int
    code: str
    severity: str
    message: str
    file: str | None
    table: str | None
    table_kind: str | None
    section: str | None
    row_key: str | None
    column_key: str | None
    page: int | None
    line: int | None
    expected: str | None
    actual: str | None
    suggestion: str | None

    @property
    def is_notice(self) -> bool:
        """A reading notice (the reader could not confirm something), not a finding about the document."""
        return self.code.startswith("read-")


_FINDING_FIELDS = (
    ("finding_index", "index"),
    ("code", "code"),
    ("severity", "severity"),
    ("is_notice", "is_notice"),
    ("message", "message"),
    ("file", "file"),
    ("table_number", "table"),
    ("table_kind", "table_kind"),
    ("section", "section"),
    ("row_key", "row_key"),
    ("column_key", "column_key"),
    ("page", "page"),
    ("line", "line"),
    ("expected", "expected"),
    ("actual", "actual"),
    ("suggestion", "suggestion"),
)
"""A stored finding's fields: the name the store's queries give it, and the `FindingRecord` attribute it holds."""
FINDING_COLUMNS = tuple(column for column, _ in _FINDING_FIELDS)
finding_values = attrgetter(*(attribute for _, attribute in _FINDING_FIELDS))
"""A finding's stored values, in the order of the `findings` table's columns after `document_id`."""


def finding_row(finding: FindingRecord) -> dict[str, Any]:
    """A finding of a record, shaped as the store's queries return a stored one."""
    return dict(zip(FINDING_COLUMNS, finding_values(finding), strict=True))


@dataclass(frozen=True)
class PublicationRecord:
    files: tuple[FileRecord, ...]
    status: str
    error: str | None = None
    unit: str | None = None
    region: str | None = None
    year: int | None = None
    kind: str | None = None
    level: str | None = None
    profile: str | None = None
    apart: str | None = None  # the side these files lack ("tables" or "narrative"): a part of a publication
    pages: int | None = None
    seconds: float = 0.0
    tables: tuple[TableRecord, ...] = ()
    cells: tuple[CellRecord, ...] = ()
    findings: tuple[FindingRecord, ...] = field(default=())
    statements: tuple[NarrativeFact, ...] = ()  # the narrative's figures, stored as they are
    members: tuple[str, ...] | None = None  # a department's units as its document lists them (本级: its own office)
    staffing: StaffingRecord | None = None  # 第一部分's staffing, when stated and read

    @property
    def content_hash(self) -> str:
        """The publication's identity: its files' contents, whatever their names or order (a file that could
        not be read, whose content is unknown, or an empty one, which has none: its path, so two such files
        stay two documents, each with its own reason)."""
        return hashlib.sha256("".join(sorted(map(_identity, self.files))).encode()).hexdigest()

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity and not f.is_notice)

    @property
    def notices(self) -> int:
        return sum(1 for f in self.findings if f.is_notice)


def _identity(file: FileRecord) -> str:
    if not file.sha256:
        return f"unread:{file.path}"
    return file.sha256 if file.size else f"empty:{file.path}"


def file_record(path: Path) -> FileRecord:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return FileRecord(str(path), digest.hexdigest(), size)


def unread_file(path: str) -> FileRecord:
    """A file that could not be opened or read: its path kept, its content unknown (sha256 "", 0 bytes)."""
    return FileRecord(path, "", 0)


def failed_record(files: tuple[FileRecord, ...], status: str, error: str, seconds: float = 0.0) -> PublicationRecord:
    return PublicationRecord(files, status, error=error, seconds=seconds)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def publication_records(
    checked: Checked, files: dict[str, FileRecord], apart: str | None, seconds: float, pages: int | None
) -> PublicationRecord:
    """One checked publication as rows; `files` are the records of every file of the job, by path."""
    report, disclosure = checked.report, checked.disclosure
    tables: list[TableRecord] = []
    cells: list[CellRecord] = []
    for t_index, table in enumerate(disclosure.tables):
        page = table.source.page if table.source else None
        tables.append(
            TableRecord(t_index, table.number, table.kind.value, table.title, table.unit.value, page, table.doubt)
        )
        for r_index, row in enumerate(table.rows):
            for column_key, cell in row.cells.items():
                if cell.value is None:
                    continue
                cell_page = cell.source.page if cell.source and cell.source.page else None
                row_page = row.source.page if row.source else None
                row_line = row.source.line if row.source else None
                cells.append(
                    CellRecord(
                        t_index,
                        r_index,
                        row.side.value if row.side else None,
                        row.key,
                        row.code,
                        row.label,
                        column_key,
                        cell.value,
                        cell_page or row_page or page,
                        row_line,
                    )
                )
    file_of = _files_of(checked)
    findings = tuple(
        FindingRecord(
            index,
            f.code,
            f.severity.value,
            f.message,
            file_of(f.location.table, f.location.section),
            f.location.table,
            f.location.table_kind,
            f.location.section,
            f.location.row,
            f.location.column,
            f.location.page,
            f.location.line,
            _text(f.expected),
            _text(f.actual),
            f.suggestion,
        )
        for index, f in enumerate(report.findings)
    )
    from yusuan.check.narrative_facts import narrative_facts

    statements = tuple(narrative_facts(disclosure, report.document.profile))
    document = report.document
    return PublicationRecord(
        files=tuple(files[str(path)] for path in checked.files),
        status="checked",
        unit=document.unit,
        region=document.region,
        year=document.year,
        kind=document.kind,
        level=document.level,
        profile=document.profile,
        apart=apart,
        pages=pages,
        seconds=seconds,
        tables=tuple(tables),
        cells=tuple(cells),
        findings=findings,
        statements=statements,
        members=disclosure.meta.members,
        staffing=_staffing(disclosure.profile.staffing),
    )


def _staffing(staffing: Any) -> StaffingRecord | None:
    """The stored form of a disclosure's `Staffing` (None when it states none)."""
    if staffing is None:
        return None
    return StaffingRecord(staffing.authorised, staffing.in_service, staffing.retired, staffing.retired_cadres)


def _files_of(checked: Checked) -> Any:
    """Which of a publication's files a finding's place is in (by its table or its section); the only file
    when there is one; None when a several-file publication's place names neither."""
    names = [path.name for path in checked.files]
    if len(names) == 1:
        return lambda table, section: names[0]
    disclosure = checked.disclosure
    tables = {t.number: t.source.file for t in disclosure.tables if t.source and t.source.file}
    sections = {s.key: s.source.file for s in disclosure.narrative if s.source and s.source.file}

    def file_of(table: str | None, section: str | None) -> str | None:
        if table is not None:
            return tables.get(table)
        if section is not None:
            return sections.get(section.split("/", 1)[0])
        return None

    return file_of
