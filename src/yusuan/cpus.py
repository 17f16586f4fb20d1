"""How many processors this process may run on — not how many the machine has.

`os.cpu_count()` counts the machine's processors; a process pinned by
`taskset`, or run in a container limited to a cpuset, may use fewer.  The
forked helpers (a long PDF's second reader, the prefetch, the PDF's two
typesetting workers) only pay where a second processor is really there —
on one they are the same work plus the fork — and the batch's default
worker count should be what the process can use (Python 3.13's
`os.process_cpu_count()` is this function).
"""

from __future__ import annotations

import os


def usable_cpus() -> int:
    """The processors this process may run on (its affinity where the system has one), at least 1."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
