"""What a batch prints: the progress bar knows the number of files at once; the summary names each rule."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from yusuan.batch.pool import Limits
from yusuan.batch.report import summary_tables
from yusuan.batch.run import BatchSummary, run_batch


def test_the_progress_is_told_the_number_of_files_before_the_first_is_done(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("随便写的几行字\n", encoding="utf-8")
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
