"""Worker processes that run batch jobs with a time and a memory limit each.

Each worker is a fresh interpreter (`spawn`: safe beside the store's and the
progress bar's threads) that imports yusuan once and then checks job after
job, so the start-up a shell loop pays per document is paid once per worker.
A worker limits its own address space (RLIMIT_AS) and leads its own process
group; the pool gives each job a deadline.  A job past its deadline has its
worker's whole group killed and becomes a `timeout` record; a worker that
dies (its memory limit, a crash) makes its job a `crashed` record; either way
a new worker takes its place and the batch goes on.  Told to stop, a worker
runs its exit handlers and ends without the interpreter's teardown.

With a processor to spare (fewer workers than processors: `read_ahead`),
the pool reserves each worker's next job when it hands it one, if that is
one PDF, and the worker has a child read that PDF's pages while it checks
the job in hand (`extract/pdf_prefetch.read_ahead`; the child is forked by
a small process the worker forks first, `extract/pdf_fork_server`); a worker left
with nothing to do takes another's reserved job.  Each such worker is also
sent its next job ahead (`_depth`): it waits in the worker's pipe, so the
worker goes on as soon as it is done while the caller stores its last records.
A worker imports what its jobs need (the job module's `warm_up`) before its
first job.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, NoReturn

from yusuan.batch.job import TOGETHER, Part
from yusuan.collector import for_long_imports
from yusuan.store.records import failed_record, file_record, unread_file

Job = tuple[str, ...]
Records = list[Any]
"""What a job's target returns: `PublicationRecord`s (and, from `job.batch_job`, `job.Part`s)."""
DEFAULT_JOB = "yusuan.batch.job:check_job"
"""Check the files of a job together (`yusuan check`; the web's upload)."""
BATCH_JOB = "yusuan.batch.job:batch_job"
"""A batch's jobs: a part of a publication read once and checked with its other parts (`job.batch_job`)."""


@dataclass(frozen=True)
class Limits:
    seconds: float
    memory_bytes: int


def load_job(target: str) -> Callable[[Job], Records]:
    module, _, name = target.partition(":")
    function: Callable[[Job], Records] = getattr(importlib.import_module(module), name)
    return function


def _serve(connection: Connection, memory_bytes: int, target: str, read_ahead: bool) -> None:
    """A worker's life: limit itself, then answer jobs until told to stop (None) or the pipe closes."""
    import resource

    os.setpgrp()
    if memory_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if read_ahead:  # its read-ahead children are forked from a small process, before the checks' imports
        from yusuan.extract.pdf_fork_server import start_server

        start_server()
    job = load_job(target)
    warm_up = getattr(importlib.import_module(target.partition(":")[0]), "warm_up", None)
    if callable(warm_up):  # the imports of checking, made while the batch still hashes its files
        warm_up()
    for_long_imports()  # as the `yusuan` command's collector: the imports are not walked job after job
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            _end_now()
        if message is None:
            _end_now()
        paths, ahead = message
        if ahead is not None:
            _read_ahead(Path(ahead), [Path(p) for p in paths if p != TOGETHER])
        try:
            result: Any = job(paths)
        except MemoryError:
            result = "内存超出限制"
        try:
            connection.send(result)
        except MemoryError:
            connection.send("内存超出限制")


def _end_now() -> NoReturn:
    """End the worker: its exit handlers run (a read-ahead child is stopped), then the process ends without
    freeing, one by one, the objects of its imports and documents (≈ 0.1–0.2 s the pool's close waited for)."""
    import atexit

    atexit._run_exitfuncs()
    os._exit(0)


def _read_ahead(path: Path, keep: list[Path]) -> None:
    """Start reading the worker's next PDF; whatever fails here (no descriptor, no memory) only costs time."""
    from yusuan.extract.pdf_prefetch import read_ahead

    with contextlib.suppress(Exception):
        read_ahead(path, keep)


@dataclass
class _Worker:
    process: Any
    connection: Connection
    sent: deque[Job] = field(default_factory=deque)  # in order: the one it checks, then those waiting in its pipe
    deadline: float = 0.0  # of the job it checks
    started: float = 0.0
    kept: set[str] = field(default_factory=set)  # the files whose readings it keeps (it returned them as parts)
    ahead: Job | None = None  # the job reserved for it next, whose PDF it reads meanwhile


@dataclass
class WorkerPool:
    """`workers` processes running `target` (`module:function`) on jobs, each within `limits`."""

    workers: int
    limits: Limits
    target: str = DEFAULT_JOB
    keep: bool = False  # keep the workers between runs (a Dask task's resident pool); close() ends them
    read_ahead: bool = False  # reserve each worker's next PDF for it to read while it checks (processors to spare)
    _context: Any = field(default_factory=lambda: multiprocessing.get_context("spawn"))
    _live: list[_Worker] = field(default_factory=list)

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(child, self.limits.memory_bytes, self.target, self.read_ahead), daemon=True
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _stop(self, worker: _Worker) -> None:
        try:
            os.killpg(worker.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            worker.process.kill()
        worker.process.join(5)
        worker.connection.close()

    def start(self, count: int) -> None:
        """Start up to `count` of the workers now (`run` starts those it needs): they start up and import while
        the caller still prepares the jobs."""
        while len(self._live) < min(self.workers, count):
            self._live.append(self._start())

    def run(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, Records]]:
        """Each job with its records, in the order they finish.  Given a deque, it takes the jobs the caller
        adds to it meanwhile (while it iterates) as well."""
        waiting = jobs if isinstance(jobs, deque) else deque(jobs)
        try:
            self.start(max(1, len(waiting)))
            while waiting or any(w.sent or w.ahead is not None for w in self._live):
                self._dispatch(waiting)
                busy = [w for w in self._live if w.sent]
                timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
                ready = wait([w.connection for w in busy], timeout)
                finished: list[tuple[Job, Records]] = []
                for worker in busy:
                    if worker.connection in ready:
                        finished.extend(self._collect(worker, waiting))
                    elif time.monotonic() >= worker.deadline:
                        reason = f"超过时间限制（{self.limits.seconds:g} 秒），已停止检查"
                        finished.append(self._replace(worker, "timeout", reason, waiting))
                self._dispatch(waiting)  # the freed workers check on while the caller stores what finished
                yield from finished
        finally:
            if not self.keep or any(w.sent for w in self._live):
                self.close()

    @property
    def _depth(self) -> int:
        """How many jobs a worker is sent at a time: with a processor to spare, the next one waits in its pipe,
        so that it goes on as soon as it is done, while the caller still stores what it sent before."""
        return 2 if self.read_ahead else 1

    def _dispatch(self, waiting: deque[Job]) -> None:
        """Give every idle worker a job (its reserved one first), then reserve the next jobs of those given one;
        then, a level deeper, the same for a job to wait in the pipe of each worker (`_depth`)."""
        for level in range(self._depth):
            ready = sorted((w for w in self._live if len(w.sent) == level), key=lambda w: w.ahead is None)
            handed = []
            for worker in ready:
                job, worker.ahead = worker.ahead, None
                job = job or (self._next(worker, waiting) if waiting else self._reserved_elsewhere())
                if job is not None:
                    handed.append((worker, job))
            for worker, job in handed:
                if self.read_ahead and waiting and _pdf_of(waiting[0]):
                    worker.ahead = waiting.popleft()
                if not worker.sent:
                    self._begin(worker)
                worker.sent.append(job)
                worker.connection.send((job, _pdf_of(worker.ahead) if worker.ahead else None))

    def _begin(self, worker: _Worker) -> None:
        """The worker's first job sent begins now: its time limit counts from here."""
        worker.started = time.monotonic()
        worker.deadline = worker.started + self.limits.seconds

    def _reserved_elsewhere(self) -> Job | None:
        """A job reserved for a busy worker, taken by an idle one (its read-ahead is then wasted)."""
        for other in self._live:
            if other.ahead is not None and other.sent:
                job, other.ahead = other.ahead, None
                return job
        return None

    def _next(self, worker: _Worker, waiting: deque[Job]) -> Job:
        """The next job for `worker`: parts checked together go where their readings are kept, if it can wait."""
        if waiting[0][-1:] != (TOGETHER,) or len(self._live) == 1:
            return waiting.popleft()
        others = set().union(*(w.kept for w in self._live if w is not worker))
        mine = [i for i, job in enumerate(waiting) if worker.kept.intersection(job)]
        free = [i for i, job in enumerate(waiting) if not others.intersection(job)]
        index = (mine or free or [0])[0]
        job = waiting[index]
        del waiting[index]
        return job

    def _collect(self, worker: _Worker, waiting: deque[Job]) -> Iterator[tuple[Job, Records]]:
        job = worker.sent[0]
        try:
            result = worker.connection.recv()
        except (EOFError, OSError):
            yield self._replace(worker, "crashed", "检查进程意外退出（内存超出限制或程序崩溃）", waiting)
            return
        seconds = time.monotonic() - worker.started
        worker.sent.popleft()
        if worker.sent:  # the next one, waiting in its pipe, is under way
            self._begin(worker)
        if isinstance(result, str):  # the worker met its memory limit and said so
            yield job, [failed_record(job_files(job), "crashed", result, seconds)]
        else:
            worker.kept.update(r.file.path for r in result if isinstance(r, Part))
            yield job, result

    def _replace(self, worker: _Worker, status: str, reason: str, waiting: deque[Job]) -> tuple[Job, Records]:
        """Stop `worker` (its job past its time limit, or it died): its job becomes a record with `reason`, the
        jobs waiting in its pipe go back to the front of `waiting`, its reserved one to the fresh worker."""
        job = worker.sent.popleft()
        seconds = time.monotonic() - worker.started
        self._stop(worker)
        waiting.extendleft(reversed(worker.sent))
        fresh = self._live[self._live.index(worker)] = self._start()
        fresh.ahead = worker.ahead
        return job, [failed_record(job_files(job), status, reason, seconds)]

    def close(self) -> None:
        for worker in self._live:
            if not worker.sent and worker.process.is_alive():
                with contextlib.suppress(OSError):
                    worker.connection.send(None)
        for worker in self._live:
            worker.process.join(0 if worker.sent else 1)
            if worker.process.is_alive():
                self._stop(worker)
            else:
                worker.connection.close()
        self._live = []


def _pdf_of(job: Job) -> str | None:
    """The PDF a job checks, if it is one PDF alone."""
    return job[0] if len(job) == 1 and job[0].lower().endswith(".pdf") else None


def job_files(job: Job) -> tuple[Any, ...]:
    records = []
    for path in job:
        if path == TOGETHER:
            continue
        try:
            records.append(file_record(Path(path)))
        except OSError:
            records.append(unread_file(path))  # its path kept: the record stays its own document
    return tuple(records)
