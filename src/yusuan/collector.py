"""Pause Python's cycle collector while a step allocates objects by the hundred thousand.

The collector walks the young objects every 700 allocations and, each time
the long-lived heap has grown by a quarter, all of it.  Reading a long PDF
makes several hundred thousand characters, boxes and lines, nearly all kept
until the page is laid out or the table read; a `yusuan check` of a
187-page document spent 13 % of its time collecting and freed almost
nothing (no cycle is left once a check is done: `gc.collect()` then finds
none, and the peak memory is the same).  The steps that allocate like that
(reading and checking documents, laying out PDF pages, building a PDF with
WeasyPrint) run with the collector paused; it resumes as it was afterwards,
and frees any cycles left then, as usual.

A process that lives for many documents — the `yusuan` command, a batch
worker — imports some 60,000 objects that all live to its end; `for_long_imports`
makes the collector collect only every `THRESHOLD[0]` new objects and sets
what is loaded so far out of its sight (`gc.freeze`), so that the steps not
paused do not walk the imports again and again.  Library users who import
`yusuan` are not affected.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLD = (100_000, 20, 20)
"""The collector's thresholds in a yusuan process (Python's default: 700, 10, 10)."""


def for_long_imports() -> None:
    """Collect every `THRESHOLD[0]` new objects; what is loaded now is never walked again (`gc.freeze`)."""
    gc.set_threshold(*THRESHOLD)
    gc.freeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """The block runs with the cycle collector off (reference counting still frees what it can)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
