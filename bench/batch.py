"""Throughput of `yusuan batch` against a shell loop of `yusuan check` (not a test).

Over every document of ../shared/corpus (all folders: files in the order `find` gives them):

- `loop`: one `yusuan check FILE --format json` process per file, one after another (what a script
  without yusuan batch does: every file pays interpreter start and imports);
- `batch --workers 1` and `--workers 2` into a fresh store, and `--dask local` with 2 workers;
- for each batch run, the peak resident memory of each worker process (sampled every 0.1 s with psutil).

Then a store of ≥ 1,000 documents: the corpus PDFs copied with their metadata changed (so that each copy's
content differs) and the Xinjiang reference text with its unit renamed, batch-checked with 2 workers, and
the counts the app's pages need queried from it.

    export PYTHONPATH=$PWD/src YUSUAN_CORPUS=/path/to/corpus
    .venv/bin/python bench/batch.py [--copies 12] [--skip-loop] [--keep out/bench.duckdb] [--write docs/benchmarks.md]

Each figure is printed with the 1-minute load average before and after its run (`os.getloadavg`): on a shared
machine the absolute rates move with the load, the ratios of runs made one after the other much less.
`--keep` keeps the store of ≥ 1,000 documents (for bench/web_latency.py).  The batch's own summary (what it
prints at its end) is checked against the store it wrote.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import psutil

from corpus_documents import CORPUS, ROOT

YUSUAN = ROOT / ".venv" / "bin" / "yusuan"
REFERENCE = ROOT / "tests" / "fixtures" / "kizilsu-2024-party-committee-office-budget.txt"
SUFFIXES = {".pdf", ".docx", ".xlsx", ".txt", ".html", ".htm"}
BEGIN, END = "<!-- batch:begin -->", "<!-- batch:end -->"


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def children_cpu() -> float:
    """CPU seconds (user + system) of the child processes waited for so far (with their own children)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def shell_loop(files: list[Path]) -> tuple[float, float]:
    """Seconds and CPU seconds of one `yusuan check` process per file, one after another."""
    cpu, started = children_cpu(), time.perf_counter()
    for path in files:
        subprocess.run([str(YUSUAN), "check", str(path), "--format", "json"], capture_output=True, check=False)
    return time.perf_counter() - started, children_cpu() - cpu


def _sample(process: psutil.Popen, peaks: dict[int, int], done: threading.Event) -> None:
    while not done.is_set():
        try:
            for child in process.children(recursive=True):
                try:
                    peaks[child.pid] = max(peaks.get(child.pid, 0), child.memory_info().rss)
                except psutil.Error:
                    continue
        except psutil.Error:
            pass
        time.sleep(0.1)


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def batch(paths: list[Path], db: Path, *extra: str) -> tuple[float, float, int, str]:
    """Seconds and CPU seconds of one `yusuan batch` run, the peak RSS (bytes) of its largest worker, its output."""
    command = [str(YUSUAN), "batch", *map(str, paths), "--db", str(db), *extra]
    peaks: dict[int, int] = {}
    done = threading.Event()
    cpu, started = children_cpu(), time.perf_counter()
    env = {**os.environ, "COLUMNS": "200"}
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    sampler = threading.Thread(target=_sample, args=(process, peaks, done))
    sampler.start()
    _out, err = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return seconds, children_cpu() - cpu, max(peaks.values(), default=0), err.decode("utf-8", "replace")


def summary_matches(printed: str, db: Path) -> tuple[bool, str]:
    """Whether the batch's printed summary (files, documents written, by result) agrees with the store."""
    import duckdb

    connection = duckdb.connect(str(db), read_only=True)
    by_status = dict(connection.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())
    connection.close()
    heading = re.search(r"共 (\d+) 个文件：(\d+) 份已写入", printed)
    from yusuan.batch.report import STATUS_LABELS

    shown = {
        s: int(m.group(1)) for s, label in STATUS_LABELS.items() if (m := re.search(rf"{label}\s*│\s*(\d+)", printed))
    }
    ok = heading is not None and int(heading.group(2)) == sum(by_status.values()) and shown == by_status
    line = heading.group(0) if heading else "(no summary printed)"
    return ok, f"{line}; by result {shown}; store {by_status}"


def replicate(folder: Path, copies: int) -> int:
    """Copies of every corpus PDF with changed metadata, and copies of the reference with its unit renamed."""
    import pymupdf

    count = 0
    pdfs = [p for p in corpus_files() if p.suffix.lower() == ".pdf"]
    for copy in range(copies):
        target = folder / f"copy{copy:03d}"
        target.mkdir()
        for index, pdf in enumerate(pdfs):
            document = pymupdf.open(pdf)
            document.set_metadata({**(document.metadata or {}), "subject": f"yusuan bench copy {copy}"})
            document.save(target / f"{index:03d}-{pdf.name}", garbage=0)
            document.close()
            count += 1
    text = REFERENCE.read_text("utf-8")
    unit = "中共克孜勒苏柯尔克孜自治州委员会办公室"
    for number in range(max(0, 1000 - count)):
        (folder / f"reference-{number:04d}.txt").write_text(text.replace(unit, f"{unit}第{number}分室"), "utf-8")
        count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=12)
    parser.add_argument("--skip-loop", action="store_true")
    parser.add_argument("--write", type=Path)
    parser.add_argument("--keep", type=Path, help="keep the store of ≥ 1,000 documents here")
    args = parser.parse_args()
    files = corpus_files()
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"{len(files)} files of ../shared/corpus (all folders); run {when}, {os.cpu_count()} cores."]
    rows = [
        "| run | seconds | files / s | CPU s / file | peak RSS of a worker | load average before → after |",
        "|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        before = load()
        loop, loop_cpu = (None, 0.0) if args.skip_loop else shell_loop(files)
        if loop is not None:
            rate, per_file = len(files) / loop, loop_cpu / len(files)
            rows.append(
                f"| shell loop of `yusuan check` | {loop:.1f} | {rate:.2f} | {per_file:.2f} | – | {before} → {load()} |"
            )
            print(rows[-1], flush=True)
        for name, extra in (
            ("batch --workers 1", ("--workers", "1")),
            ("batch --workers 2", ("--workers", "2")),
            ("batch --dask local --workers 2", ("--dask", "local", "--workers", "2")),
        ):
            before = load()
            seconds, cpu, peak, _printed = batch([CORPUS], work / f"{name.replace(' ', '_')}.duckdb", *extra)
            speedup = f" ({loop / seconds:.1f}× the loop)" if loop else ""
            saving = f" ({loop_cpu / cpu:.1f}× less)" if loop else ""
            rows.append(
                f"| {name} | {seconds:.1f} | {len(files) / seconds:.2f}{speedup} | {cpu / len(files):.2f}{saving}"
                f" | {peak / 2**20:.0f} MB | {before} → {load()} |"
            )
            print(rows[-1], flush=True)
        many = work / "many"
        many.mkdir()
        total = replicate(many, args.copies)
        before = load()
        seconds, cpu, peak, printed = batch([many], work / "many.duckdb", "--workers", "2")
        loads = f"{before} → {load()}"
        matches, summary = summary_matches(printed, work / "many.duckdb")
        import duckdb

        connection = duckdb.connect(str(work / "many.duckdb"), read_only=True)
        documents, checked, cells, findings = connection.execute(
            "SELECT count(*), count(*) FILTER (status = 'checked'), (SELECT count(*) FROM cells), "
            "(SELECT count(*) FROM findings) FROM documents"
        ).fetchone()
        connection.close()
        shutil.rmtree(many)
        if args.keep:
            args.keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(work / "many.duckdb", args.keep)
    lines.append("")
    lines.extend(rows)
    lines.append("")
    lines.append(
        f"Store of {total} files ({args.copies} copies of the corpus PDFs with changed metadata, the rest the Xinjiang "
        f"reference text with its unit renamed): batch with 2 workers {seconds:.0f} s ({total / seconds:.1f} / s, "
        f"{cpu / total:.2f} CPU s / file, peak "
        f"worker RSS {peak / 2**20:.0f} MB, load average {loads}); the store holds {documents} documents ({checked} "
        f"checked), {cells:,} cells, {findings:,} findings. The batch's printed summary "
        f"{'agrees with' if matches else 'DISAGREES with'} the store: {summary}."
    )
    text = "\n".join(lines)
    print(text)
    if args.write:
        doc = args.write.read_text("utf-8")
        block = f"{BEGIN}\n{text}\n{END}"
        if BEGIN in doc:
            doc = doc[: doc.index(BEGIN)] + block + doc[doc.index(END) + len(END) :]
        else:
            command = "    .venv/bin/python bench/batch.py --write docs/benchmarks.md"
            doc += f"\n## `yusuan batch` (issue 12)\n\n{command}\n\n{block}\n"
        args.write.write_text(doc, "utf-8")


if __name__ == "__main__":
    main()
