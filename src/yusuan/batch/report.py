"""What a batch shows a person: a progress bar while it runs and a summary table at its end (or, when
interrupted, how much it wrote)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from yusuan.batch.run import BatchSummary

REDRAWS_PER_SECOND = 2

STATUS_LABELS = {
    "checked": "已检查",
    "refused": "无法读取",
    "failed": "内部错误",
    "timeout": "超时",
    "crashed": "进程中止",
}


class BatchProgress:
    """The batch's bars: files checked (called as a `Progress`), then web pages rendered (`pages`), if any."""

    def __init__(self, bar: Any) -> None:
        self.bar = bar
        self.files = bar.add_task("检查", total=None, rate="–", errors=0)
        self.rendered: Any = None

    def __call__(self, done: int, total: int, summary: BatchSummary) -> None:
        self._advance(self.files, done, total, errors=summary.errors)

    def pages(self, done: int, total: int) -> None:
        if self.rendered is None:
            self.rendered = self.bar.add_task("生成网页", total=total, rate="–", errors="–")
        self._advance(self.rendered, done, total)

    def _advance(self, task: Any, done: int, total: int, **fields: Any) -> None:
        elapsed = self.bar.tasks[task].elapsed or 0.0
        rate = f"{done / elapsed:.1f}" if elapsed > 0 else "–"
        self.bar.update(task, completed=done, total=total, rate=rate, **fields)


@contextmanager
def progress_bar(console: Any) -> Iterator[BatchProgress]:
    """Rich progress bars (documents done, per second, time left, errors so far; then pages rendered again)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import (
        Progress as RichProgress,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} 份/秒"),
        TextColumn("已用"),
        TimeElapsedColumn(),
        TextColumn("剩余"),
        TimeRemainingColumn(),
        TextColumn("错误 {task.fields[errors]}"),
    )
    # redrawn twice a second, not Rich's ten: in a terminal the ten cost the batch's own process, which shares
    # the processors with the workers, 1.6–1.9 CPU s over the corpus's 78 files
    with RichProgress(*columns, console=console, transient=False, refresh_per_second=REDRAWS_PER_SECOND) as bar:
        yield BatchProgress(bar)


def summary_heading(summary: BatchSummary) -> str:
    """The summary's first line: every file found accounted for (written, joined with its other part, already
    stored, a repeat of another file of the batch)."""
    written = f"{summary.documents} 份已写入"
    if summary.joined:
        written += f"（其中 {summary.joined} 份由 {summary.joined_files} 个文件合成：说明与表格分开发布）"
    heading = f"共 {summary.files} 个文件：{written}，{summary.skipped} 个已在库中（跳过）"
    if summary.duplicates:
        heading += f"，{len(summary.duplicates)} 个与本次另一文件内容相同（未重复写入）"
    return heading


def interrupted_line(summary: BatchSummary | None, db: object) -> str:
    """What an interrupted batch says: how many documents it wrote, kept in the store."""
    if summary is None:  # stopped before the batch began
        return f"已中断；已完成的文件都已写入 {db}，再次运行即从中断处继续"
    return f"已中断；本次已写入 {summary.documents} 份文档（保存在 {db}），再次运行即从中断处继续"


def summary_tables(summary: BatchSummary) -> list[Any]:
    """Documents by result, the most frequent rules, the slowest documents and every file not checked."""
    from rich.table import Table

    from yusuan.web.labels import rule_title

    heading = summary_heading(summary)
    results = Table(title="检查结果", min_width=24)
    results.add_column("结果")
    results.add_column("份数", justify="right")
    for status, label in STATUS_LABELS.items():
        if summary.by_status[status]:
            results.add_row(label, str(summary.by_status[status]))
    results.add_row("错误 / 警告", f"{summary.errors} / {summary.warnings}")
    results.add_row("与上年预算公开不符（库内）", str(summary.cross_year))
    results.add_row("决算年初预算数与当年预算不符（库内）", str(summary.final_vs_budget))
    results.add_row("部门数与所属单位之和不符（库内）", str(summary.department_vs_units))
    tables: list[Any] = [heading, results]
    if summary.rules:
        rules = Table(title="最常见的问题", min_width=24)
        rules.add_column("规则")
        rules.add_column("问题")
        rules.add_column("次数", justify="right")
        for code, count in summary.rules.most_common(10):
            rules.add_row(code, rule_title(code), str(count))
        tables.append(rules)
    if summary.slowest:
        slow = Table(title="最慢的文件", min_width=24)
        slow.add_column("文件")
        slow.add_column("秒", justify="right")
        for seconds, names in summary.slowest:
            slow.add_row(names, f"{seconds:.2f}")
        tables.append(slow)
    if summary.duplicates:
        same = Table(title="与本次另一文件内容相同的文件（未重复写入）")
        same.add_column("文件")
        same.add_column("内容相同的文件")
        for path, first in summary.duplicates:
            same.add_row(path, first)
        tables.append(same)
    if summary.failures:
        failed = Table(title="未能检查的文件")
        failed.add_column("结果")
        failed.add_column("文件")
        failed.add_column("原因")
        for status, names, reason in summary.failures:
            failed.add_row(STATUS_LABELS[status], names, reason)
        tables.append(failed)
    return tables
