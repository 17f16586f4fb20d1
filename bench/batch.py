"""Throughput of `yusuan batch` against a shell loop of `yusuan check` (not a test).

Over every document of ../shared/corpus (all folders: files in the order `find` gives them):

- `loop`: one `yusuan check FILE --format json` process per file, one after another (what a script
  without yusuan batch does: every file pays interpreter start and imports);
- `batch --workers 1` and `--workers 2` into a fresh store, and `--dask local` with 2 workers;
- for each batch run, the peak resident memory of each worker process (sampled every 0.1 s with psutil).

Then a store of ≥ 1,000 documents: the corpus PDFs copied with their metadata changed (so that each copy's
content differs) and the Xinjiang reference text with its unit renamed, batch-checked with 2 workers, and
the counts the app's pages need queried from it.

    .venv/bin/python bench/batch.py [--copies 12] [--skip-loop] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
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


def shell_loop(files: list[Path]) -> float:
    started = time.perf_counter()
    for path in files:
        subprocess.run([str(YUSUAN), "check", str(path), "--format", "json"], capture_output=True, check=False)
    return time.perf_counter() - started


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


def batch(paths: list[Path], db: Path, *extra: str) -> tuple[float, int]:
    """Seconds of one `yusuan batch` run and the peak RSS (bytes) of its largest worker."""
    command = [str(YUSUAN), "batch", *map(str, paths), "--db", str(db), *extra]
    peaks: dict[int, int] = {}
    done = threading.Event()
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sampler = threading.Thread(target=_sample, args=(process, peaks, done))
    sampler.start()
    process.wait()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return seconds, max(peaks.values(), default=0)


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
    args = parser.parse_args()
    files = corpus_files()
    lines = [f"{len(files)} files of ../shared/corpus (all folders)."]
    rows = ["| run | seconds | documents / s | peak RSS of a worker |", "|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        loop = None if args.skip_loop else shell_loop(files)
        if loop is not None:
            rows.append(f"| shell loop of `yusuan check` | {loop:.1f} | {len(files) / loop:.2f} | – |")
        for name, extra in (
            ("batch --workers 1", ("--workers", "1")),
            ("batch --workers 2", ("--workers", "2")),
            ("batch --dask local --workers 2", ("--dask", "local", "--workers", "2")),
        ):
            seconds, peak = batch([CORPUS], work / f"{name.replace(' ', '_')}.duckdb", *extra)
            speedup = f" ({loop / seconds:.1f}× the loop)" if loop else ""
            rows.append(f"| {name} | {seconds:.1f} | {len(files) / seconds:.2f}{speedup} | {peak / 2**20:.0f} MB |")
            print(rows[-1], flush=True)
        many = work / "many"
        many.mkdir()
        total = replicate(many, args.copies)
        seconds, peak = batch([many], work / "many.duckdb", "--workers", "2")
        import duckdb

        connection = duckdb.connect(str(work / "many.duckdb"), read_only=True)
        documents, checked, cells, findings = connection.execute(
            "SELECT count(*), count(*) FILTER (status = 'checked'), (SELECT count(*) FROM cells), "
            "(SELECT count(*) FROM findings) FROM documents"
        ).fetchone()
        connection.close()
        shutil.rmtree(many)
    lines.append("")
    lines.extend(rows)
    lines.append("")
    lines.append(
        f"Store of {total} files ({args.copies} copies of the corpus PDFs with changed metadata, the rest the Xinjiang "
        f"reference text with its unit renamed): batch with 2 workers {seconds:.0f} s ({total / seconds:.1f} / s, peak "
        f"worker RSS {peak / 2**20:.0f} MB); the store holds {documents} documents ({checked} checked), "
        f"{cells:,} cells, {findings:,} findings."
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
