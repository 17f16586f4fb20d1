"""Every resource limit yusuan applies to what it reads and writes, in one place.

yusuan reads files it cannot trust: budgets uploaded to the web app and
documents downloaded from any government site.  A few hundred bytes of YAML
aliases or a zip bomb named `.xlsx` must not take gigabytes, and a unit name
must not become a path.  Each limit below is a named constant with the reason
for its value; docs/security.md lists them all (a test keeps the two in
step).  A limit that a real document could reach says in its message how to
raise it (`YUSUAN_MAX_PAGES`).
"""

from __future__ import annotations

import os
from pathlib import Path

# --- what is reported ----------------------------------------------------------------------------
MAX_REPORTED_PROBLEMS = 50
"""Problems of one input listed in one run (a blank fill-in workbook has hundreds); the rest are counted."""

# --- any input file ------------------------------------------------------------------------------
MAX_INPUT_BYTES = 100 * 1024 * 1024
"""A published PDF of 171 pages is 3 MB; the whole corpus of 614 pages is under 40 MB."""

MAX_YAML_BYTES = 5 * 1024 * 1024
"""The example budget is 20 KB; a unit with thousands of spending lines stays under 1 MB."""

MAX_YAML_DEPTH = 40
"""A budget nests five levels deep; 40 leaves room and stays far below Python's recursion limit."""

MAX_YAML_NODES = 200_000
"""Values after alias expansion: the example has 3,000; nested aliases (a "billion laughs") are refused."""

MAX_TEXT_CHARS = 20_000
"""One text field (a duty, a project's description); the longest in the corpus is about 3,000 characters."""

MAX_NAME_CHARS = 200
"""The unit's name (the longest real one is about 40 characters); it is laid out on every page."""

# --- what is written ---------------------------------------------------------------------------
MAX_FILE_STEM_CHARS = 60
"""Characters of the unit's name in an output file's name (the full name stays inside the document)."""

MAX_FILE_NAME_BYTES = 180
"""Bytes of that part in UTF-8: with the year, kind and suffix, well under the 255 bytes a name may have."""

# --- Office files (.xlsx, .docx are zip archives) ------------------------------------------------
MAX_ZIP_MEMBERS = 10_000
"""Parts inside one archive; a 40-sheet workbook has about 100."""

MAX_ZIP_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
"""All parts together once inflated; checked from the archive's directory before anything is read."""

MAX_ZIP_MEMBER_BYTES = 200 * 1024 * 1024
"""One inflated part (a sheet's XML of 20,000 rows is about 10 MB)."""

MAX_ZIP_RATIO = 200
"""Inflated ÷ compressed size of a part over 1 MB; sheet XML compresses 10–30 times, a bomb 1,000 times."""

ZIP_RATIO_FLOOR = 1024 * 1024
"""Parts smaller than this inflated are never refused for their ratio (tiny parts compress oddly)."""

# --- pages and rows ------------------------------------------------------------------------------
MAX_PAGES = 1000
"""Pages of one PDF: a real 决算 runs to 171, the whole corpus concatenated to 614."""

PAGES_VARIABLE = "YUSUAN_MAX_PAGES"
"""The environment variable that raises (or lowers) MAX_PAGES for one run."""

MAX_PDF_SECONDS = 60.0
"""Parsing one PDF (its pages read, by the command and any child reading beside it); the 187-page corpus
document takes about 2 s, a hostile one stops here."""

MAX_SHEET_ROWS = 20_000
"""Rows read from one sheet; a sheet with more filled rows is refused, never cut silently."""

MAX_SHEET_COLUMNS = 200
"""Columns read from one sheet; the widest official table has 30."""

# --- amounts ---------------------------------------------------------------------------------------
MAX_AMOUNT_DIGITS = 15
"""Significant digits of an amount, cents included (Excel keeps 15): up to 9,999,999,999,999.99."""

# --- batch workers ---------------------------------------------------------------------------------
BATCH_JOB_SECONDS = 120
"""One batch job (one publication): the 187-page 深圳 水务局 checks in 1.5 s; a stuck reading is stopped here."""

BATCH_WORKER_MEMORY_MB = 2048
"""Address space of one batch worker: a 187-page check peaks near 300 MB resident; a bomb stops here."""

# --- web app uploads -------------------------------------------------------------------------------
WEB_UPLOAD_BYTES = 50 * 1024 * 1024
"""All files of one upload to `yusuan serve` together (a 187-page PDF is 3 MB); read in chunks, refused past it."""

WEB_UPLOAD_FILES = 10
"""Files of one upload: a publication is one file, or a narrative and its tables (Jiangsu prints a few more)."""


# --- web app builds (the 生成 page) ----------------------------------------------------------------
WEB_BUILD_BYTES = 10 * 1024 * 1024
"""An uploaded fill-in workbook: the filled example is 45 KB; thousands of spending lines stay under 2 MB."""

WEB_BUILDS_AT_ONCE = 2
"""Builds running at once, each in its own worker (BATCH_JOB_SECONDS, BATCH_WORKER_MEMORY_MB); one more is refused."""

WEB_BUILDS_KEPT = 20
"""Finished builds whose files stay downloadable; the oldest is removed when another is kept."""

WEB_BUILD_KEPT_SECONDS = 30 * 60
"""How long a finished build's files stay downloadable (in a temporary folder removed when the server stops)."""


def max_pages() -> int:
    """MAX_PAGES, or the value of YUSUAN_MAX_PAGES when it is a positive whole number."""
    value = os.environ.get(PAGES_VARIABLE, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else MAX_PAGES


def check_archive(path: Path, kind: str) -> None:
    """Refuse an Office file (a zip) whose parts would inflate beyond the limits, before reading any.

    The sizes come from the archive's central directory; a zip that lies about
    them fails later in zipfile's own CRC and length checks, never by
    inflating without end.  `kind` names the file for people (`Excel`, `Word`).
    """
    import zipfile

    from yusuan.errors import InputError

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(str(path), f"无法打开 {kind} 文件（文件损坏、加密或格式不对）") from exc
    if len(members) > MAX_ZIP_MEMBERS:
        raise InputError(str(path), f"{kind} 文件内含 {len(members):,} 个部件，超过 {MAX_ZIP_MEMBERS:,} 的上限")
    total = 0
    for member in members:
        size = member.file_size
        total += size
        if size > MAX_ZIP_MEMBER_BYTES or (
            size > ZIP_RATIO_FLOOR and size > MAX_ZIP_RATIO * max(member.compress_size, 1)
        ):
            raise InputError(
                str(path),
                f"{kind} 文件中的“{member.filename[:60]}”解压后达 {size // 1024 // 1024} MB"
                f"（压缩比 {size // max(member.compress_size, 1)} 倍），疑似压缩炸弹，已拒绝读取",
            )
    if total > MAX_ZIP_UNCOMPRESSED_BYTES:
        raise InputError(
            str(path), f"{kind} 文件解压后共 {total >> 20} MB，超过 {MAX_ZIP_UNCOMPRESSED_BYTES >> 20} MB 的上限"
        )
