"""What a batch prints: the progress bar knows the number of files at once; the summary names each rule."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from yusuan.batch.pool import Limits
from yusuan.batch.report import summary_tables
from yusuan.batch.run import BatchSummary, run_batch


def test_the_progress_is_told_the_number_of_files_before_the_first_is_done(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):  # two contents: a repeated one is checked once
        (tmp_path / name).write_text(f"随便写的几行字 {name}\n", encoding="utf-8")
    calls: list[tuple[int, int]] = []
    run_batch(
        [tmp_path],
        tmp_path / "s.duckdb",
        workers=1,
        limits=Limits(seconds=60, memory_bytes=2048 * 1024 * 1024),
        progress=lambda done, total, _summary: calls.append((done, total)),
    )
    assert calls[0] == (0, 2) and calls[-1] == (2, 2)


def test_the_most_frequent_rules_are_named_in_chinese_beside_their_code() -> None:
    from rich.console import Console

    summary = BatchSummary(files=1, by_status=Counter(checked=1), rules=Counter({"narrative-rate": 6}))
    out = io.StringIO()
    console = Console(file=out, width=160)
    for table in summary_tables(summary):
        console.print(table)
    line = next(row for row in out.getvalue().splitlines() if "narrative-rate" in row)
    from yusuan.web.labels import rule_title

    assert rule_title("narrative-rate") in line and line.rstrip(" │").endswith("6")
    assert rule_title("narrative-rate") != "其他问题"


def test_the_heading_accounts_for_the_files_joined_into_one_document() -> None:
    from yusuan.batch.report import summary_heading

    summary = BatchSummary(files=78, by_status=Counter(checked=71), joined=7, joined_files=14)
    assert summary_heading(summary) == (
        "共 78 个文件：71 份已写入（其中 7 份由 14 个文件合成：说明与表格分开发布），0 个已在库中（跳过）"
    )
    assert summary_heading(BatchSummary(files=2, by_status=Counter(refused=2))) == (
        "共 2 个文件：2 份已写入，0 个已在库中（跳过）"
    )


def test_an_interrupted_batch_says_how_many_documents_it_wrote() -> None:
    from yusuan.batch.report import interrupted_line

    summary = BatchSummary(files=5, by_status=Counter(checked=2, refused=1))
    assert (
        interrupted_line(summary, "s.duckdb")
        == "已中断；本次已写入 3 份文档（保存在 s.duckdb），再次运行即从中断处继续"
    )
