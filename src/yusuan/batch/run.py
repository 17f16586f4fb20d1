"""A whole batch: find the files, skip what is stored, check the rest in workers, store each result.

Only a file of a document whose check finished (`checked`) counts as stored; one stored as refused, failed,
timeout or crashed is checked again, and its new record replaces the old (`stored.superseded`).  A file whose
content repeats one found earlier in the batch is not checked again: the summary names it (`duplicates`).  An
empty file repeats nothing and has nothing to read: each gets its own `refused` record saying it is empty,
written without a worker.

Files are read one per job first.  A file that turns out to be one part of
a publication (a narrative without its tables, or the reverse) comes back
unchecked (`job.Part`; its worker keeps the reading) and is held back; once
every file of its folder is back, the parts found there are checked together
in one job (added to the executor's queue: `Executor`), which joins those of
the same unit, year and kind (`extract.publications`) — as
`yusuan check` does with files given together — from the readings kept, so
each file is read and checked once.  A half of a publication an earlier batch
stored from that folder (`stored.halves_in`) joins that job too, and the
joined record replaces the stored half in the transaction that writes it.  (A job target other than
`job.batch_job` checks a part alone first; its record is held the same way.)
Every record is written in its own transaction as soon as it arrives, so an
interrupted batch keeps everything finished before the interruption, and
the next run skips it.  With each document its web page is rendered and
kept (`web.pages`: the first view of a document then reads one row); the
store-wide checks at the end drop the pages whose findings they change,
and those, and any page an older yusuan wrote, are rendered again last.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from yusuan.batch.discover import discover, nothing_to_check
from yusuan.batch.job import TOGETHER, Part
from yusuan.batch.pool import BATCH_JOB, Job, Limits, Records, WorkerPool
from yusuan.batch.stored import halves_in, replaceable_paths, superseded
from yusuan.cpus import usable_cpus
from yusuan.store import PublicationRecord, known_hashes, open_store, store_record
from yusuan.store.cross_department import check_departments_against_units
from yusuan.store.cross_phase import check_final_against_budget
from yusuan.store.cross_year import check_across_years
from yusuan.store.records import failed_record, file_record
from yusuan.store.schema import query_interrupted
from yusuan.web.pages import page_adder, write_missing_pages

Progress = Callable[[int, int, "BatchSummary"], None]
EMPTY = "{}: 文件是空的"  # an empty file's reason, whatever its type (as `yusuan check` says it)


class Executor(Protocol):
    """Runs jobs somewhere (local worker processes, a Dask cluster) and gives back each job's records.

    Given a deque, `run` also takes the jobs the caller adds to it while it iterates (a folder's parts, joined
    once its files are back), and ends only when the deque is empty and every job has come back."""

    def run(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, Records]]: ...


@dataclass
class BatchSummary:
    """What a batch did, for the summary table at its end."""

    files: int = 0
    skipped: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    errors: int = 0
    warnings: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    slowest: list[tuple[float, str]] = field(default_factory=list)
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (status, files, reason)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, the file of this batch it repeats)
    joined: int = 0  # documents written made of more than one file (a narrative and its tables)
    joined_files: int = 0  # the files of those documents
    cross_year: int = 0  # findings of a budget's 上年 figures against last year's stored budget
    final_vs_budget: int = 0  # findings of a 决算's 年初预算数 against the same unit's stored budget of the year
    department_vs_units: int = 0  # findings of a department's lines against the sum of its stored units' lines

    @property
    def documents(self) -> int:
        return sum(self.by_status.values())

    def add(self, record: PublicationRecord) -> None:
        self.by_status[record.status] += 1
        if len(record.files) > 1:
            self.joined += 1
            self.joined_files += len(record.files)
        names = "、".join(Path(f.path).name for f in record.files)
        if record.status != "checked":
            self.failures.append((record.status, names, record.error or ""))
        self.errors += record.count("error")
        self.warnings += record.count("warning")
        self.rules.update(f.code for f in record.findings if not f.is_notice and f.severity != "info")
        self.slowest = sorted([*self.slowest, (record.seconds, names)], reverse=True)[:5]


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch, with what it had written by then (`summary`)."""

    def __init__(self, summary: BatchSummary) -> None:
        super().__init__()
        self.summary = summary


def files_to_check(paths: Sequence[Path]) -> list[Path]:
    """The disclosures under `paths` (`discover`); none at all is the person's mistake (`InputError`)."""
    files = discover(paths)
    if not files:
        raise nothing_to_check(paths)
    return files


def run_batch(
    paths: Sequence[Path],
    db: Path,
    *,
    workers: int,
    limits: Limits,
    again: bool = False,
    progress: Progress | None = None,
    target: str = BATCH_JOB,
    executor: Executor | None = None,
    pages_progress: Callable[[int, int], None] | None = None,
    files: Sequence[Path] | None = None,
) -> BatchSummary:
    """Check every disclosure under `paths` into the store at `db` (local workers unless `executor` is given).

    Finding no disclosure at all is the person's mistake (`InputError`), and no store is made; Ctrl-C raises
    `BatchInterrupted`, which tells what was written.  `files`: `files_to_check(paths)` when the caller has
    called it already (the CLI, to refuse an empty batch before it draws the progress bar): the folders are
    not walked again."""
    files = files_to_check(paths) if files is None else files
    connection = open_store(db)
    summary = BatchSummary(files=len(files))
    # with a processor to spare each worker reads its next PDF while it checks (`WorkerPool.read_ahead`)
    spare = workers < usable_cpus()
    runner: Executor = executor if executor is not None else WorkerPool(workers, limits, target, read_ahead=spare)
    try:
        if isinstance(runner, WorkerPool):
            runner.start(len(files))  # the workers start up while the files are hashed
        stored = set() if again else known_hashes(connection)
        replaceable = replaceable_paths(connection)
        jobs: list[Job] = []
        first: dict[str, str] = {}  # a content hash → the first file of this batch with it
        hashed: dict[str, str] = {}  # each file's sha256 by path, taken once: `halves_in` reads no file again
        for path in files:
            try:
                found = file_record(path)
                digest, empty = found.sha256, not found.size
            except OSError:
                digest, empty = "", False  # unreadable: its job makes the record that says so
            hashed[str(path)] = digest
            if empty:  # no content to repeat another file's, and nothing to read: its own record says so
                _store(connection, summary, failed_record((found,), "refused", EMPTY.format(path.name)), replaceable)
            elif digest in stored:
                summary.skipped += 1
            elif digest and digest in first:
                summary.duplicates.append((str(path), first[digest]))
            else:
                first.setdefault(digest, str(path))
                jobs.append((str(path),))
        done = 0
        total = len(jobs)
        order = {job[0]: index for index, job in enumerate(jobs)}
        taken = set(order)  # the files checked in this batch (a stored half among them is checked anew)
        unfinished = Counter(str(Path(job[0]).parent) for job in jobs)  # by folder: its files' jobs not yet back
        parts: dict[str, list[PublicationRecord | Part]] = {}  # by folder
        queue = deque(jobs)

        def join(folder: str, held: list[PublicationRecord | Part]) -> Job | None:
            """The job checking together the parts found in `folder` and the halves an earlier batch stored from
            it; None when one checked record alone was held and no stored half joins it: it is stored as it is."""
            held.sort(key=lambda r: order.get(_paths(r)[0], 0))  # as discovered, whichever worker finished first
            halves = halves_in(connection, folder, taken, hashed)  # stored by an earlier batch, the other side here
            summary.skipped -= len(hashed.keys() & halves)  # not skipped after all: checked again, joined
            if len(held) == 1 and not isinstance(held[0], Part) and not halves:
                _store(connection, summary, held[0], replaceable)
                return None
            marker = (TOGETHER,) if any(isinstance(r, Part) for r in held) else ()
            return (*(path for record in held for path in _paths(record)), *halves, *marker)

        if progress:
            progress(0, total, summary)  # the bar shows how many files there are before the first is done
        for job, records in runner.run(queue):
            for record in records:
                if isinstance(record, Part) or (record.apart is not None and len(job) == 1):
                    parts.setdefault(str(Path(job[0]).parent), []).append(record)
                else:
                    _store(connection, summary, record, replaceable)
            if len(job) == 1:  # a file's own job (not the parts of a folder joined)
                done += 1
                folder = str(Path(job[0]).parent)
                unfinished[folder] -= 1
                if not unfinished[folder] and folder in parts:  # its parts join now, not after every file
                    joined = join(folder, parts.pop(folder))
                    if joined is not None:
                        queue.appendleft(joined)  # next: its readings are fresh in the worker that kept them
            if progress:
                progress(done, total, summary)
        summary.cross_year = check_across_years(connection)
        summary.final_vs_budget = check_final_against_budget(connection)
        summary.department_vs_units = check_departments_against_units(connection)
        write_missing_pages(connection, pages_progress)  # the pages those checks dropped, any an older yusuan wrote
    except KeyboardInterrupt:
        raise BatchInterrupted(summary) from None
    except Exception as exc:
        if query_interrupted(exc):  # Ctrl-C while the store wrote: what was committed stays, as on any interrupt
            raise BatchInterrupted(summary) from None
        raise
    finally:
        if executor is None and isinstance(runner, WorkerPool):
            runner.close()
        connection.close()
    return summary


def _paths(record: PublicationRecord | Part) -> tuple[str, ...]:
    return (record.file.path,) if isinstance(record, Part) else tuple(f.path for f in record.files)


def _store(connection: Any, summary: BatchSummary, record: PublicationRecord | Part, replaceable: set[str]) -> None:
    if isinstance(record, Part):  # a job run by a target that is not `batch_job` never returns one
        raise TypeError("a part of a publication reached the store unchecked")
    replaced = superseded(connection, record, replaceable)  # a half it joins, an earlier failed record of its files
    store_record(connection, record, page_adder(connection, record), replaced)  # while the workers check the next
    summary.add(record)
