"""The 生成 page's build as a worker job: an uploaded workbook in, the built files' bytes (or the reason) out.

A workbook sent to the web app is untrusted, and building it takes seconds
of typesetting.  So the build runs as `yusuan build` runs it
(`pipeline.build`: read, compile, render every format, write all at once)
but inside a `batch.pool.WorkerPool` worker — a separate process with the
batch's time and memory limits, whose whole process group is killed when
the time is up — and this module is that worker's job target.  What comes
back is plain data (bytes and strings) for the web process to keep: the four
files, the figures a person checks at a glance, or the same one-line Chinese
reasons `yusuan build` prints (exit code 2) in a Chinese sentence's punctuation
(`said_on_the_page`), with nothing half-built.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from yusuan.errors import InputError
from yusuan.lazy_pattern import lazy_compile

if TYPE_CHECKING:
    from yusuan.model import Disclosure

TARGET = "yusuan.web.generate_job:build_job"
"""The job target a WorkerPool loads (`module:function`)."""


@dataclass(frozen=True)
class BuiltFile:
    format: str  # html, pdf, docx, xlsx
    name: str  # the file name `yusuan build` writes (the unit's name, the year and the kind)
    content: bytes


@dataclass(frozen=True)
class Built:
    """A finished build: its files and the figures read from its first table (收支总体情况表)."""

    files: tuple[BuiltFile, ...]
    title: str
    unit: str
    year: int
    kind: str  # the kind's Chinese label (单位预算 …)
    money_unit: str  # 元 or 万元, as the summary table states it
    income_total: Decimal | None
    expenditure_total: Decimal | None


@dataclass(frozen=True)
class NotBuilt:
    """A workbook that could not be built: an HTTP status and the Chinese lines that say why."""

    status: int
    lines: tuple[str, ...]


def build_job(job: tuple[str, ...]) -> list[Built | NotBuilt]:
    """Build the one workbook of `job` into every format (runs in a worker process)."""
    from yusuan.pipeline import FORMATS, build

    _may_start_children()
    workbook = Path(job[0])
    # beside the workbook, in the caller's folder: removed by the caller even when this worker is killed
    with tempfile.TemporaryDirectory(prefix="build-", dir=workbook.parent) as folder:
        try:
            result = build(workbook, Path(folder) / "out", FORMATS)
            files = tuple(BuiltFile(fmt, path.name, path.read_bytes()) for fmt, path in result.files.items())
        except InputError as exc:
            return [NotBuilt(400, said_on_the_page(exc))]
        except Exception as exc:  # our bug, not the workbook's: say so in one line, as the CLI does
            reason = f"生成时出现内部错误（{type(exc).__name__}），未生成任何文件。请把这份工作簿报告给开发者。"
            return [NotBuilt(500, (reason,))]
    return [_built(result.disclosure, files)]


_TYPED_VALUE = lazy_compile(r"(?<=[：\s])'(.*?)'(?=$|[，。；）\s])")
"""A value as the workbook reader quotes what was typed (`不是金额：'二百四十'`, `而不是 '否的'`)."""


def said_on_the_page(exc: InputError) -> tuple[str, ...]:
    """The lines `yusuan build` prints for `exc`, in the punctuation of a Chinese sentence: the place and the
    reason joined by a full-width colon, not the command line's `: `, and a typed value in Chinese quotes
    (`有错.xlsx 支出明细!F3：不是金额：“二百四十”`)."""
    return tuple(_TYPED_VALUE.sub(r"“\1”", line) for line in exc.lines(separator="："))


def _may_start_children() -> None:
    """Let this worker start the build's chart child (`render.chart_job`, a multiprocessing child).

    The pool starts its workers as daemons, and multiprocessing refuses a
    daemon's children.  Here that rule protects nothing: the chart child is a
    daemon that the kernel ends with its parent (`children.die_with_parent`),
    and a worker past its time has its whole process group killed."""
    import multiprocessing

    multiprocessing.current_process().daemon = False


def _built(disclosure: Disclosure, files: tuple[BuiltFile, ...]) -> Built:
    income, expenditure, money_unit = summary_totals(disclosure)
    meta = disclosure.meta
    return Built(files, disclosure.title, meta.unit, meta.year, meta.kind.label, money_unit, income, expenditure)


def summary_totals(disclosure: Disclosure) -> tuple[Decimal | None, Decimal | None, str]:
    """收入总计 and 支出总计 of the 收支总体情况表 (预算数, or 决算数 in a 决算), and the table's money unit."""
    from yusuan.model.kinds import Side, TableKind

    table = next((t for t in disclosure.tables if t.kind is TableKind.INCOME_EXPENDITURE_SUMMARY), None)
    if table is None:
        return None, None, ""

    def total(side: Side) -> Decimal | None:
        row = next((r for r in table.rows if r.key == "total" and r.side is side), None)
        return next((c.value for c in row.cells.values() if c.value is not None), None) if row else None

    return total(Side.INCOME), total(Side.EXPENDITURE), table.unit.value
