"""The store's tables, created and migrated in order.

The schema has a version (`store_meta.schema_version`).  `MIGRATIONS[n]` takes
a store from version n to n + 1; `open_store` applies the missing ones in one
transaction each, so a store written by an older yusuan is brought up to date
on open, and one written by a newer yusuan is refused rather than damaged.
A DuckDB database that holds tables but no yusuan schema version belongs to
another program and is refused untouched.  `open_store` (read-write, for the
batch) and `open_read_only` (serving, exporting) say in one line why a store
cannot be opened: its folder is missing, another process holds it (DuckDB's
lock, with that process's id), it is not a DuckDB file, or no permission.
Amounts are DECIMAL(38, 6): exact, with room for any amount a budget can hold
(limits.MAX_AMOUNT_DIGITS) in 元 or 万元.
"""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path
from typing import Any

from yusuan.errors import InputError

_V1 = """
CREATE TABLE store_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
CREATE SEQUENCE document_ids START 1;
CREATE TABLE documents (
    id BIGINT PRIMARY KEY DEFAULT nextval('document_ids'),
    content_hash VARCHAR NOT NULL UNIQUE,
    status VARCHAR NOT NULL,
    error VARCHAR,
    unit VARCHAR,
    region VARCHAR,
    year INTEGER,
    kind VARCHAR,
    level VARCHAR,
    profile VARCHAR,
    apart VARCHAR,
    pages INTEGER,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    notices INTEGER NOT NULL,
    seconds DOUBLE NOT NULL,
    yusuan_version VARCHAR NOT NULL,
    checked_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE files (
    document_id BIGINT NOT NULL,
    path VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    bytes BIGINT NOT NULL
);
CREATE TABLE tables (
    document_id BIGINT NOT NULL,
    table_index INTEGER NOT NULL,
    number VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    money_unit VARCHAR NOT NULL,
    page INTEGER,
    doubt VARCHAR
);
CREATE TABLE cells (
    document_id BIGINT NOT NULL,
    table_index INTEGER NOT NULL,
    row_index INTEGER NOT NULL,
    side VARCHAR,
    row_key VARCHAR NOT NULL,
    code VARCHAR,
    label VARCHAR NOT NULL,
    column_key VARCHAR NOT NULL,
    amount DECIMAL(38, 6) NOT NULL,
    page INTEGER
);
CREATE TABLE findings (
    document_id BIGINT NOT NULL,
    finding_index INTEGER NOT NULL,
    code VARCHAR NOT NULL,
    severity VARCHAR NOT NULL,
    is_notice BOOLEAN NOT NULL,
    message VARCHAR NOT NULL,
    file VARCHAR,
    table_number VARCHAR,
    table_kind VARCHAR,
    section VARCHAR,
    row_key VARCHAR,
    column_key VARCHAR,
    page INTEGER,
    line INTEGER,
    expected VARCHAR,
    actual VARCHAR,
    suggestion VARCHAR
);
CREATE INDEX files_sha ON files (sha256);
CREATE INDEX cells_document ON cells (document_id);
CREATE INDEX findings_document ON findings (document_id);
"""

_V2 = """
CREATE TABLE statements (
    document_id BIGINT NOT NULL,
    statement_index INTEGER NOT NULL,
    section VARCHAR NOT NULL,
    page INTEGER,
    line INTEGER,
    sentence VARCHAR NOT NULL,
    subject VARCHAR NOT NULL,
    amount DECIMAL(38, 6) NOT NULL,
    unit VARCHAR NOT NULL,
    last_year DECIMAL(38, 6),
    tolerance DECIMAL(38, 6) NOT NULL,
    basis VARCHAR,
    quantity_key VARCHAR,
    quantity_value DECIMAL(38, 6),
    quantity_unit VARCHAR
);
CREATE INDEX statements_document ON statements (document_id);
ALTER TABLE findings ADD COLUMN related_document_id BIGINT;
ALTER TABLE findings ADD COLUMN related_page INTEGER;
"""
"""Version 2: the narrative's figures (`check.narrative_facts`), and a finding's place in another document
(cross-year and cross-document findings name both)."""

_V3 = """
CREATE TABLE document_units (
    document_id BIGINT NOT NULL,
    unit_index INTEGER NOT NULL,
    name VARCHAR NOT NULL
);
"""
"""Version 3: the units a department's document lists (`DocumentMeta.members`; 本级 for its own office), by which
`store.cross_department` finds the units' documents."""

_V4 = """
CREATE TABLE document_pages (
    document_id BIGINT NOT NULL,
    stamp VARCHAR NOT NULL,
    html BLOB USING COMPRESSION uncompressed NOT NULL,
    json BLOB USING COMPRESSION uncompressed NOT NULL
);
"""
"""Version 4: a document's web page and its JSON answer as `yusuan serve` gives them, written by the batch
(`store.pages`), so that the first view of a document is one row read instead of its tables built again.  Each
page is compressed on its own (zlib) and the columns are stored as they are: DuckDB's own ZSTD compresses a whole
segment, and reading one page of a 1,008-document store then took 55–60 ms instead of 0.7."""

_V5 = """
ALTER TABLE documents ADD COLUMN staff_authorised INTEGER;
ALTER TABLE documents ADD COLUMN staff_in_service INTEGER;
ALTER TABLE documents ADD COLUMN staff_retired INTEGER;
ALTER TABLE documents ADD COLUMN staff_retired_cadres INTEGER;
ALTER TABLE cells ADD COLUMN line INTEGER;
"""
"""Version 5: a unit's staffing as its 第一部分 states it (编制数, and 实有人数 as 在职, 退休, 离休; all null when the
document states none or it could not be read), by which the web app's 对比 page shows figures per head; and a
cell's line on its page (its row's `source.line`), so a cell can be pointed at as a finding is."""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5)
SCHEMA_VERSION = len(MIGRATIONS)
NOT_OURS = "没有 yusuan 的结构版本"
OTHER_FILE = "请用 --db 指定另一个文件"


def store_version(connection: Any) -> int:
    """The schema version of an open store (0: an empty database)."""
    exists = connection.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'store_meta'"
    ).fetchone()[0]
    if not exists:
        return 0
    row = connection.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def query_interrupted(exc: BaseException) -> bool:
    """Whether `exc` is DuckDB's report of a Ctrl-C (or SIGTERM) that came while a statement ran.

    DuckDB stops the statement and raises `RuntimeError("Query interrupted")` (`InterruptException` in other
    versions) in place of the `KeyboardInterrupt`, which it swallows; the caller treats it as that interrupt."""
    duckdb = sys.modules.get("duckdb")
    interrupt = getattr(duckdb, "InterruptException", None) if duckdb is not None else None
    if interrupt is not None and isinstance(exc, interrupt):
        return True
    return isinstance(exc, RuntimeError) and str(exc) == "Query interrupted"


def open_store(path: Path) -> Any:
    """A connection to the store at `path`, created or migrated to SCHEMA_VERSION; InputError if unusable.

    A DuckDB database that holds tables but no yusuan schema version is someone else's: it is refused untouched
    (`batch`, `serve` and `export` all open the store here or in `open_read_only`)."""
    connection, version = _connect(path, read_only=False)
    for number in range(version, SCHEMA_VERSION):
        try:
            connection.execute("BEGIN TRANSACTION")
            connection.execute(MIGRATIONS[number])
            connection.execute("INSERT OR REPLACE INTO store_meta VALUES ('schema_version', ?)", [str(number + 1)])
            connection.execute("COMMIT")
        except BaseException as exc:  # each step whole or not at all; the connection never left open
            with contextlib.suppress(Exception):
                connection.execute("ROLLBACK")
            connection.close()
            if isinstance(exc, sys.modules["duckdb"].Error):
                step = f"从版本 {number} 升级到 {number + 1}"
                raise InputError(str(path), f"无法把数据库结构{step}（磁盘已满或文件损坏？），本步未做改动") from exc
            raise
    return connection


def open_read_only(path: Path) -> Any:
    """A read-only connection to the store at `path` (for serving and exporting); InputError if unusable.

    A store an older yusuan wrote is first brought up to date, as `yusuan batch` would on opening it: the
    migrations only add tables and columns, so serving or exporting it after an upgrade needs no batch run."""
    connection, version = _connect(path, read_only=True)
    if version == SCHEMA_VERSION:
        return connection
    connection.close()
    if version == 0:
        raise InputError(str(path), "不是 yusuan 的数据库（空的 DuckDB 数据库）；请先用 yusuan batch 写入")
    try:
        open_store(path).close()
    except InputError as exc:
        raise InputError(
            str(path),
            f"数据库结构版本为 {version}，需升级到 {SCHEMA_VERSION}，但现在无法写入（可能正被另一个 yusuan 程序打开）；"
            "请待其结束后再试",
        ) from exc
    return open_read_only(path)


def stored_version(path: Path) -> int:
    """The schema version of the yusuan store at `path` (0: a DuckDB database without yusuan's tables), opened
    read-only and closed again; InputError when it is no DuckDB database or a newer yusuan's."""
    connection, version = _connect(path, read_only=True)
    connection.close()
    return version


def _connect(path: Path, *, read_only: bool) -> tuple[Any, int]:
    """What both openers share: a connection to the DuckDB file at `path` and its schema version (0: none yet).

    Refused with one line (`InputError`, nothing left open): a folder given for the file, a folder that does not
    exist, a missing file (read-only: there is nothing to create it from), a file DuckDB cannot open
    (`cannot_open`), another program's database, and a store a newer yusuan wrote."""
    import duckdb

    if path.is_dir():
        raise InputError(str(path), "这是一个文件夹，不是数据库文件；请用 --db 指定一个 .duckdb 文件")
    _check_folder(path)
    if read_only and not path.is_file():
        raise InputError(str(path), "数据库文件不存在")
    try:
        connection = duckdb.connect(str(path), read_only=read_only)
    except (duckdb.Error, OSError) as exc:
        raise InputError(str(path), cannot_open(path, exc)) from exc
    try:
        version = _yusuan_version(connection, path)
        if version > SCHEMA_VERSION:
            raise InputError(str(path), f"数据库由更新版本的 yusuan 写入（结构版本 {version}），请升级 yusuan")
    except BaseException:
        connection.close()
        raise
    return connection, version


def _check_folder(path: Path) -> None:
    folder = path.absolute().parent
    if not folder.is_dir():
        raise InputError(str(path), f"文件夹 {folder} 不存在；请先建立它，或用 --db 指定另一个位置")


def _yusuan_version(connection: Any, path: Path) -> int:
    """The store's schema version; InputError for a database that holds tables but is not a yusuan store."""
    import duckdb

    try:
        version = store_version(connection)
        others = [] if version else _table_names(connection)
    except (duckdb.Error, ValueError) as exc:  # a `store_meta` of another program's making
        raise InputError(str(path), f"不是 yusuan 的数据库（{NOT_OURS}），未作任何改动；{OTHER_FILE}") from exc
    if others:
        shown = "、".join(others[:3]) + (f" 等 {len(others)} 张表" if len(others) > 3 else "")
        raise InputError(str(path), f"不是 yusuan 的数据库（已有表 {shown}，{NOT_OURS}），未作任何改动；{OTHER_FILE}")
    return version


def _table_names(connection: Any) -> list[str]:
    rows = connection.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name"
    ).fetchall()
    return [str(row[0]) for row in rows]


def cannot_open(path: Path, exc: BaseException) -> str:
    """Why DuckDB could not open `path`, in Chinese: the cause when DuckDB's message names one."""
    text = str(exc)
    if "Could not set lock" in text or "Conflicting lock" in text:
        pid = re.search(r"\(PID (\d+)\)", text)
        holder = f"（进程号 {pid.group(1)}）" if pid else ""
        return (
            f"数据库正被另一个程序使用{holder}，可能是正在运行的 yusuan batch 或 yusuan serve；"
            "请待其结束（或停止它）后再试"
        )
    if "not a valid DuckDB database" in text:
        return "不是 DuckDB 数据库文件；请用 --db 指定 yusuan batch 写入的 .duckdb 文件"
    if "Permission denied" in text or isinstance(exc, PermissionError):
        return "没有读写这个文件（或其所在文件夹）的权限"
    if "No such file or directory" in text or isinstance(exc, FileNotFoundError):
        return "无法在这个位置建立数据库文件（该文件夹不允许新建文件）；请用 --db 指定另一个位置"
    return "无法打开数据库（文件损坏、被其他程序占用或不是 DuckDB 数据库）"
