"""The same batch jobs on a Dask distributed cluster (`yusuan batch --dask ADDRESS`, or `local`).

A Dask task runs its job exactly as a local batch does: through a `WorkerPool`
of one resident process kept by the Dask worker, so a job keeps its time and
memory limit, and a hostile file kills only that process, never the Dask
worker.  Recordss come back to the client, which alone writes the store.
A Dask worker started as a daemon may not start processes; there the job runs
in the Dask worker itself (limits then are Dask's own: the nanny's memory
limit); docs/scaling.md says how to start real workers as non-daemons.
`local` runs its Dask workers as threads of the batch's own process, each
with its resident process.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from yusuan.batch.pool import Job, Limits, Records, WorkerPool, job_files, load_job
from yusuan.store.records import failed_record

_RESIDENT: dict[tuple[float, int, str, int], WorkerPool] = {}
_LOCK = threading.Lock()


def run_resident(job: Job, seconds: float, memory_bytes: int, target: str) -> Records:
    """One job inside a Dask worker, through the resident one-process pool of the worker's thread."""
    if multiprocessing.current_process().daemon:
        return load_job(target)(job)
    key = (seconds, memory_bytes, target, threading.get_ident())  # a pool per thread: threads run side by side
    with _LOCK:
        pool = _RESIDENT.get(key)
        if pool is None:
            pool = _RESIDENT[key] = WorkerPool(1, Limits(seconds, memory_bytes), target, keep=True)
    for _job, records in pool.run([job]):
        return records
    return []


def close_resident() -> None:
    """End the resident pools of this process (those of `--dask local`, whose workers are threads here)."""
    with _LOCK:
        pools = list(_RESIDENT.values())
        _RESIDENT.clear()
    for pool in pools:
        pool.close()


class DaskExecutor:
    """Jobs submitted to a Dask scheduler at `address` (`local`: a LocalCluster of `workers` processes)."""

    def __init__(self, address: str, workers: int, limits: Limits, target: str) -> None:
        import dask
        from distributed import Client, LocalCluster

        self.limits, self.target = limits, target
        self._cluster: Any = None
        if address == "local":
            # Workers as threads of this process: the checking happens in each thread's resident process
            # anyway, and worker processes would only add their start-up and a second copy of every result.
            with dask.config.set({"distributed.worker.daemon": False}):
                self._cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=False,
                    dashboard_address=None,
                    memory_limit=0,
                    silence_logs=50,
                )
            self._client: Any = Client(self._cluster)
        else:
            from yusuan.batch.options import CONNECT_SECONDS

            self._client = Client(address, timeout=CONNECT_SECONDS)

    def run(self, jobs: Iterable[Job]) -> Iterator[tuple[Job, Records]]:
        """Each job with its records, in the order they finish; given a deque, the jobs the caller adds to it
        meanwhile as well (`run.Executor`)."""
        from distributed import as_completed

        waiting = jobs if isinstance(jobs, deque) else deque(jobs)
        submitted: dict[Any, Job] = {}
        finishing = as_completed()

        def submit_waiting() -> None:
            while waiting:
                job = waiting.popleft()
                future = self._client.submit(
                    run_resident, job, self.limits.seconds, self.limits.memory_bytes, self.target, pure=False
                )
                submitted[future] = job
                finishing.add(future)

        submit_waiting()
        for future in finishing:
            job = submitted.pop(future)
            try:
                records: Records = future.result()
            except Exception as exc:  # a Dask worker lost with its task (KilledWorker, a lost connection)
                reason = f"Dask 工作进程失败（{type(exc).__name__}），已跳过"
                records = [failed_record(job_files(job), "crashed", reason)]
            yield job, records
            submit_waiting()  # what the caller added while it had this job's records

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
            close_resident()
