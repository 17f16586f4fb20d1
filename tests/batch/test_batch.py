"""`yusuan batch`: every file becomes one stored row, hostile ones included; a rerun skips what was checked."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from tests.batch.stored_rows import stored_rows
from yusuan.batch.pool import Limits, WorkerPool
from yusuan.batch.run import run_batch

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LIMITS = Limits(seconds=60, memory_bytes=2048 * 1024 * 1024)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("docs")
    (root / "sz").mkdir()
    shutil.copy(FIXTURES / "national" / "sz-tjj-2026.pdf", root / "sz")
    (root / "js").mkdir()  # a narrative file and its tables file: one publication
    shutil.copy(FIXTURES / "multifile" / "js-swbgt-2017.pdf", root / "js")
    shutil.copy(FIXTURES / "corpus" / "js-swbgt-2017-tables.pdf", root / "js")
    (root / "bad").mkdir()
    (root / "bad" / "truncated.pdf").write_bytes((FIXTURES / "national" / "cq-xcb-2026.pdf").read_bytes()[:3000])
    (root / "bad" / "notes.txt").write_text("随便写的几行字\n", encoding="utf-8")
    (root / "bad" / "ignored.yaml").write_text("unit: x\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def stored(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("db") / "batch.duckdb"
    summary = run_batch([folder], db, workers=2, limits=LIMITS)
    assert summary.files == 5 and summary.skipped == 0
    assert dict(summary.by_status) == {"checked": 2, "refused": 2}
    return db


def test_every_file_is_one_row_and_a_publication_of_two_files_is_one_document(stored: Path) -> None:
    rows = stored_rows(
        stored,
        "SELECT status, unit, year, kind, apart, string_agg(name, ',' ORDER BY name) FROM documents "
        "JOIN files ON files.document_id = documents.id "
        "GROUP BY documents.id, status, unit, year, kind, apart ORDER BY 6",
    )
    assert rows == [
        (
            "checked",
            "江苏省委办公厅",
            2017,
            "department_budget",
            None,
            "js-swbgt-2017-tables.pdf,js-swbgt-2017.pdf",
        ),
        ("refused", None, None, None, None, "notes.txt"),
        ("checked", "深圳市统计局（本级）", 2026, "department_budget", None, "sz-tjj-2026.pdf"),
        ("refused", None, None, None, None, "truncated.pdf"),
    ]
    [(reason,)] = stored_rows(
        stored, "SELECT error FROM documents JOIN files ON id = document_id WHERE name = 'truncated.pdf'"
    )
    assert str(reason).endswith("PDF 文件不完整（可能被截断）或已损坏，无法读取")


def test_cells_are_exact_and_findings_keep_their_place(stored: Path) -> None:
    # 深圳统计局 p3 表1 收支总表: 收入总计 5,417.80 万元
    cells = stored_rows(
        stored,
        "SELECT amount, cells.page FROM cells JOIN tables USING (document_id, table_index) "
        "JOIN documents ON id = document_id "
        "WHERE unit = '深圳市统计局（本级）' AND tables.kind = 'income_expenditure_summary' AND row_key = 'total' "
        "AND side = 'income' AND column_key = 'amount'",
    )
    assert cells and all(isinstance(a, Decimal) for a, _ in cells)
    assert cells[0][0] == Decimal("5417.80")
    counts = stored_rows(
        stored,
        "SELECT any_value(errors + warnings), any_value(notices), "
        "count(*) FILTER (NOT is_notice AND severity <> 'info'),"
        " count(*) FILTER (is_notice) FROM documents d JOIN findings f ON f.document_id = d.id GROUP BY d.id",
    )
    assert len(counts) == 2 and all((a, b) == (c, d) for a, b, c, d in counts), counts


def test_a_second_run_skips_what_is_stored_and_again_replaces_it(folder: Path, stored: Path) -> None:
    summary = run_batch([folder], stored, workers=1, limits=LIMITS)
    # the three files of the two checked documents are skipped; the two refused are checked again, and replaced
    assert (summary.skipped, dict(summary.by_status)) == (3, {"refused": 2})
    before = stored_rows(stored, "SELECT count(*) FROM documents")[0][0]
    again = run_batch([folder / "sz"], stored, workers=1, limits=LIMITS, again=True)
    assert again.documents == 1
    assert stored_rows(stored, "SELECT count(*) FROM documents")[0][0] == before
    assert stored_rows(stored, "SELECT count(*) FROM files WHERE name = 'sz-tjj-2026.pdf'")[0][0] == 1


JOBS = """
import os, time
from yusuan.batch.job import check_job

def job(paths):
    name = os.path.basename(paths[0])
    if name.startswith("slow"):
        time.sleep(30)
    if name.startswith("crash"):
        os._exit(9)
    if name.startswith("bomb"):
        hoard = bytearray(4 * 1024 ** 3)
    return check_job(paths)
"""


def test_a_stuck_or_dying_worker_costs_its_own_row_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "hostile_jobs.py").write_text(JOBS, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("slow.txt", "crash.txt", "bomb.txt", "good.txt"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    pool = WorkerPool(2, Limits(seconds=3, memory_bytes=1024 * 1024 * 1024), "hostile_jobs:job")
    results = {
        Path(job[0]).name: records
        for job, records in pool.run([(str(tmp_path / n),) for n in ("slow.txt", "crash.txt", "bomb.txt", "good.txt")])
    }
    assert {name: r[0].status for name, r in results.items()} == {
        "slow.txt": "timeout",
        "crash.txt": "crashed",
        "bomb.txt": "crashed",
        "good.txt": "refused",
    }
    assert results["slow.txt"][0].error == "超过时间限制（3 秒），已停止检查"
    assert results["crash.txt"][0].error == "检查进程意外退出（内存超出限制或程序崩溃）"
    assert results["bomb.txt"][0].error == "内存超出限制"
    assert results["good.txt"][0].files[0].path.endswith("good.txt")


def test_the_command_reports_in_chinese_and_exits_2_when_nothing_could_be_checked(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.txt").write_text("随便写的几行字\n", encoding="utf-8")
    db = tmp_path / "out.duckdb"
    command = [sys.executable, "-m", "yusuan", "batch", str(tmp_path / "docs"), "--db", str(db), "--workers", "1"]
    run = subprocess.run(
        command, check=False, capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "200"}
    )
    assert run.returncode == 2, run.stderr
    assert "未能检查的文件" in run.stderr and "notes.txt" in run.stderr and f"结果已写入 {db}" in run.stderr
    assert "Traceback" not in run.stderr
    missing = subprocess.run(
        [*command[:4], str(tmp_path / "nowhere")], check=False, capture_output=True, text=True, timeout=60
    )
    assert missing.returncode == 2 and missing.stderr.strip() == f"错误：{tmp_path / 'nowhere'}: 文件或文件夹不存在"


DASK_RUN = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from yusuan.batch.dask_executor import DaskExecutor
from yusuan.batch.pool import Limits
from yusuan.batch.run import run_batch
limits = Limits(seconds=60, memory_bytes=2048 * 1024 * 1024)
executor = DaskExecutor("local", 2, limits, "hostile_jobs:job")
try:
    summary = run_batch([Path(sys.argv[1])], Path(sys.argv[2]), workers=2, limits=limits, executor=executor)
finally:
    executor.close()
print(json.dumps(dict(summary.by_status)))
"""


def test_the_same_jobs_on_a_dask_local_cluster_of_two_workers(tmp_path: Path) -> None:
    # in a process of its own: Dask leaves threads behind, and a threaded process does not fork to read a PDF
    import json
    import subprocess
    import sys

    (tmp_path / "hostile_jobs.py").write_text(JOBS, encoding="utf-8")
    shutil.copy(FIXTURES / "national" / "cq-xcb-2026.pdf", tmp_path)
    (tmp_path / "crash.txt").write_text("x\n", encoding="utf-8")
    pair = tmp_path / "js"  # a narrative and its tables: their joined job is added while the cluster runs
    pair.mkdir()
    shutil.copy(FIXTURES / "multifile" / "js-swbgt-2017.pdf", pair)
    shutil.copy(FIXTURES / "corpus" / "js-swbgt-2017-tables.pdf", pair)
    db = tmp_path.parent / f"{tmp_path.name}-dask.duckdb"
    command = [sys.executable, "-c", DASK_RUN, str(tmp_path), str(db)]
    run = subprocess.run(command, check=False, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert json.loads(run.stdout.strip().splitlines()[-1]) == {"checked": 2, "crashed": 1}
    assert stored_rows(db, "SELECT unit, status, apart FROM documents ORDER BY status, unit") == [
        ("中共重庆市委宣传部", "checked", None),
        ("江苏省委办公厅", "checked", None),  # one publication of both files, not two halves
        (None, "crashed", None),
    ]


def test_a_finding_names_the_file_of_a_two_file_publication_it_is_in(stored: Path) -> None:
    rows = stored_rows(
        stored,
        "SELECT DISTINCT f.file, f.table_number IS NOT NULL FROM findings f JOIN documents d ON d.id = f.document_id "
        "WHERE d.unit = '江苏省委办公厅' AND (f.table_number IS NOT NULL OR f.section IS NOT NULL) ORDER BY 1",
    )
    assert rows and all((file == "js-swbgt-2017-tables.pdf") == in_table for file, in_table in rows), rows
