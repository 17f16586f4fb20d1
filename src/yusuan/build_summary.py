"""What `yusuan build` prints: the tables it built, the files it wrote, and its 自检.

The 自检 reads back the file just written and checks it as `yusuan check`
does — the same reading and the same rule profile a reviewer will meet in the
published file — so an accountant sees its errors and warnings before
publishing (a project's indicator weights that add up under one region's rule
and not under the national one, a change the narrative cannot explain).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from yusuan.render.formats import OUTPUT_FORMATS

if TYPE_CHECKING:
    from rich.console import RenderableType

_SELF_CHECKED = ("html", "docx", "xlsx", "pdf")  # the first written is read back: the quickest to read first


def summary(disclosure: Any, files: dict[str, Path]) -> RenderableType:
    """Each table with its number of rows and its total, then each file written."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from yusuan.money import format_amount

    table = Table(title=disclosure.title, show_lines=False)
    table.add_column("表", justify="right")
    table.add_column("名称")
    table.add_column("行", justify="right")
    table.add_column("合计", justify="right")
    for t in disclosure.tables:
        total = next((r for r in t.rows if r.is_total), None)
        amount = next((c.value for c in total.cells.values() if c.value is not None), None) if total else None
        shown = f"{format_amount(amount)} {t.unit.value}" if amount else "空表"
        table.add_row(t.number, t.title, str(len(t.rows)), shown)
    # a path is never wrapped (it would no longer copy and paste whole): a narrow terminal shows it past the edge
    written = [
        Text(f"  {OUTPUT_FORMATS[fmt].label:6} {path}", no_wrap=True, overflow="ignore") for fmt, path in files.items()
    ]
    return Group(table, Text("已写入："), *written)


def self_check(files: dict[str, Path]) -> RenderableType:
    """The errors and warnings `yusuan check` reports on the first of the files written it reads quickest."""
    from rich.text import Text

    from yusuan.audit import check_files
    from yusuan.check.report_terminal import self_check_renderable
    from yusuan.errors import InputError

    written = next((files[fmt] for fmt in _SELF_CHECKED if fmt in files), None)
    if written is None:
        return Text("")
    try:
        report = check_files([written])[0].report
    except InputError as exc:  # the files are written: the build stands, the 自检 says why it could not check
        return Text(
            f"自检：无法读回刚写入的文件（{exc.one_line()}），未检查", style="yellow", no_wrap=True, overflow="ignore"
        )
    return self_check_renderable(report)
