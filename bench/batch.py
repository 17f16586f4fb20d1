"""Throughput of `yusuan batch` against a shell loop of `yusuan check` (not a test).

Over every document of ../shared/corpus (all folders: files in the order `find` gives them):

- `loop`: one `yusuan check FILE --format json` process per file, one after another (what a script
  without yusuan batch does: every file pays interpreter start and imports);
- `batch --workers 1` and `--workers 2` into a fresh store, and `--dask local` with 2 workers;
- for each batch run, the peak resident memory of each worker process (sampled every 0.1 s with psutil);
- for each batch configuration, its ceiling against the loop: the loop's seconds ÷ (the batch's CPU seconds ÷ the
  processors), what it would reach if every processor were busy from its first moment to its last (a run on P
  processors takes at least its CPU time ÷ P).

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
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import psutil

from corpus_documents import CORPUS, PAIRS, ROOT

YUSUAN = ROOT / ".venv" / "bin" / "yusuan"
REFERENCE = ROOT / "tests" / "fixtures" / "kizilsu-2024-party-committee-office-budget.txt"
SUFFIXES = {".pdf", ".docx", ".xlsx", ".txt", ".html", ".htm"}
BEGIN, END = "<!-- batch:begin -->", "<!-- batch:end -->"
STORE_BEGIN, STORE_END = "<!-- batch-store:begin -->", "<!-- batch-store:end -->"


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


def ceiling(loop_seconds: float, batch_cpu: float) -> float:
    """The most a batch using `batch_cpu` CPU seconds can be against the loop: its wall time is at least its CPU
    time spread over every processor of the machine, busy from its first moment to its last."""
    return loop_seconds * (os.cpu_count() or 1) / batch_cpu


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


def replicate(folder: Path, copies: int, documents: int = 1000) -> int:
    """Copies of every corpus PDF with changed metadata, then copies of the reference with its unit renamed up to
    `documents` documents (a Jiangsu narrative and its tables file are one document); the number of files."""
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
    for number in range(max(0, documents + copies * len(PAIRS) - count)):
        (folder / f"reference-{number:04d}.txt").write_text(text.replace(unit, f"{unit}第{number}分室"), "utf-8")
        count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=12)
    parser.add_argument("--skip-loop", action="store_true")
    parser.add_argument("--rounds", type=int, default=1, help="runs of the loop and each batch, interleaved (0: none)")
    parser.add_argument("--skip-many", action="store_true", help="no store of ≥ 1,000 documents")
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
    runs: dict[str, list[tuple[float, float]]] = {}  # name: (seconds, CPU seconds) per round
    configurations = [
        ("batch --workers 1", ("--workers", "1")),
        ("batch --workers 2", ("--workers", "2")),
        ("batch --dask local --workers 2", ("--dask", "local", "--workers", "2")),
    ]
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for round_ in range(1, args.rounds + 1):
            label = f" (round {round_})" if args.rounds > 1 else ""
            if not args.skip_loop:
                before = load()
                loop, loop_cpu = shell_loop(files)
                runs.setdefault("loop", []).append((loop, loop_cpu))
                rows.append(
                    f"| shell loop of `yusuan check`{label} | {loop:.1f} | {len(files) / loop:.2f} "
                    f"| {loop_cpu / len(files):.2f} | – | {before} → {load()} |"
                )
                print(rows[-1], flush=True)
            for name, extra in configurations:
                before = load()
                db = work / f"{name.replace(' ', '_')}-{round_}.duckdb"
                seconds, cpu, peak, _printed = batch([CORPUS], db, *extra)
                runs.setdefault(name, []).append((seconds, cpu))
                rows.append(
                    f"| {name}{label} | {seconds:.1f} | {len(files) / seconds:.2f} | {cpu / len(files):.2f}"
                    f" | {peak / 2**20:.0f} MB | {before} → {load()} |"
                )
                print(rows[-1], flush=True)
        medians = {
            name: (statistics.median(s for s, _ in r), statistics.median(c for _, c in r)) for name, r in runs.items()
        }
        ratios = []
        if "loop" in medians:
            loop, loop_cpu = medians["loop"]
            for name, _extra in configurations:
                seconds, cpu = medians[name]
                ratios.append(
                    f"{name}: {loop / seconds:.1f}× the loop's files per second, "
                    f"the loop's CPU ÷ its CPU {loop_cpu / cpu:.1f}, "
                    f"at most {ceiling(loop, cpu):.2f}× with every processor busy throughout"
                )
        if args.rounds:
            seconds_2, cpu_2 = medians["batch --workers 2"]
            seconds_dask, cpu_dask = medians["batch --dask local --workers 2"]
            ratios.append(
                f"--dask local against the local pool (2 workers): {seconds_dask / seconds_2 - 1:+.0%} time, "
                f"{cpu_dask / cpu_2 - 1:+.0%} CPU"
            )
        store_text = "" if args.skip_many else many_store(work, args.copies, args.keep)
    lines.append("")
    lines.extend(rows)
    if args.rounds > 1:
        lines += ["", f"Medians of {args.rounds} rounds: " + "; ".join(ratios) + "."]
    else:
        lines += ["", "; ".join(ratios) + "."]
    text = "\n".join(lines)
    print(text)
    print(store_text)
    if args.write:
        if args.rounds:
            write_block(args.write, BEGIN, END, text)
        if store_text:
            write_block(args.write, STORE_BEGIN, STORE_END, store_text)


def many_store(work: Path, copies: int, keep: Path | None) -> str:
    """The store of ≥ 1,000 documents through the batch (2 workers), checked against its printed summary."""
    import duckdb

    many = work / "many"
    many.mkdir()
    total = replicate(many, copies)
    before = load()
    seconds, cpu, peak, printed = batch([many], work / "many.duckdb", "--workers", "2")
    loads = f"{before} → {load()}"
    matches, summary = summary_matches(printed, work / "many.duckdb")
    connection = duckdb.connect(str(work / "many.duckdb"), read_only=True)
    documents, checked, cells, findings = connection.execute(
        "SELECT count(*), count(*) FILTER (status = 'checked'), (SELECT count(*) FROM cells), "
        "(SELECT count(*) FROM findings) FROM documents"
    ).fetchone()
    connection.close()
    shutil.rmtree(many)
    if keep:
        keep.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(work / "many.duckdb", keep)
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"Store of {total} files ({copies} copies of the corpus PDFs with changed metadata, the rest the Xinjiang "
        f"reference text with its unit renamed), run {when}: batch with 2 workers {seconds:.0f} s "
        f"({total / seconds:.1f} files / s, {cpu / total:.2f} CPU s / file, peak worker RSS {peak / 2**20:.0f} MB, "
        f"load average {loads}); the store holds {documents} documents ({checked} checked), {cells:,} cells, "
        f"{findings:,} findings. The batch's printed summary {'agrees with' if matches else 'DISAGREES with'} the "
        f"store: {summary}."
    )


def write_block(path: Path, begin: str, end: str, text: str) -> None:
    doc = path.read_text("utf-8")
    block = f"{begin}\n{text}\n{end}"
    if begin in doc:
        doc = doc[: doc.index(begin)] + block + doc[doc.index(end) + len(end) :]
    else:
        command = "    .venv/bin/python bench/batch.py --write docs/benchmarks.md"
        doc += f"\n## `yusuan batch` (issue 12)\n\n{command}\n\n{block}\n"
    path.write_text(doc, "utf-8")


if __name__ == "__main__":
    main()
