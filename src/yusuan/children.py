"""Forked helper processes: whether one may be forked (`may_fork`), and its end — when its parent dies,
and when its parent is done with it.

yusuan forks helpers in several places — a long PDF's second reader and the
prefetch (`extract/pdf_fork.py`, `extract/pdf_prefetch.py`), the chart
drawer (`render/chart_job.py`), the PDF's typesetting zygote and workers
(`render/pdf_zygote.py`, `render/pdf_parallel.py`).  None may outlive what
forked it: a child asks the kernel to kill it with its parent
(`die_with_parent`), and a parent that no longer needs a child stops and
reaps it (`end_child`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading

from yusuan.cpus import usable_cpus

JOBS_VARIABLE = "YUSUAN_JOBS"
"""`YUSUAN_JOBS=1`: no helper process is forked; every job is done in the command's own process."""


def may_fork() -> bool:
    """Whether a helper that shares the work may be forked here: Linux with fork, two processors this process
    may use, no other thread running (forking a threaded process is unsafe), and not `YUSUAN_JOBS=1`."""
    return (
        os.environ.get(JOBS_VARIABLE, "").strip() != "1"
        and sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and usable_cpus() >= 2
        and threading.active_count() == 1
    )


def die_with_parent(parent: int) -> None:
    """Ask Linux to SIGKILL this (child) process when its parent dies; elsewhere nothing."""
    import ctypes  # here: a command that never forks never loads it

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def end_child(pid: int, *fds: int) -> None:
    """Close our ends of a child's pipes, stop the child if it still runs, and reap it."""
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def keep_only_descriptors(*kept: int) -> None:
    """Close the descriptors a forked child inherited but `kept` (its own pipes' ends).  A parent that dies then
    closes the child's control pipe for good (`pdf_prefetch`'s child stops after its page), and a batch worker's
    connection to its pool closes when the worker dies, even while a child it forked still runs."""
    low = 3
    for fd in sorted(kept):
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, os.sysconf("SC_OPEN_MAX"))


def detach_streams() -> None:
    """Detach a forked child from the terminal's streams: a pipe the command writes to must end when it does."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)
