"""The `yusuan` command's entry point (also `python -m yusuan`): tune the garbage collector, then run the CLI.

A command lives a fraction of a second and spends most of it importing
(pydantic, Typer, Rich, the readers and 90 rules): some 60,000 objects that
all live to the end.  The collector would walk them about a hundred times
while they are created (threshold 700) and once more, whole, when the
interpreter shuts down — together about a fifth of a `yusuan check` of the
reference text (measured: 276 → 227 ms median, interleaved runs on this
machine), freeing nothing.  So the entry point collects only every 100,000
new objects (a long run, a PDF build, still collects as its garbage grows)
and freezes everything at exit, where the process is about to give all its
memory back anyway.  Library users who import `yusuan` are not affected.
What the start-up imports (Typer and the CLI, ≈ 18,000 objects the collector
tracks; PyMuPDF, where it was imported first, ≈ 33,000 more)
is frozen as soon as it is loaded, out of the collector's sight for good:
otherwise the 100,000th new object, halfway through the check's own imports,
set off one collection walking all of them (30–45 ms, 5 % of the check of a
30-page PDF), and it found nothing to free.

Pydantic's plugin loader is told there are none (`PYDANTIC_DISABLE_PLUGINS`,
unless the environment already sets it): otherwise the first model built
scans the entry points of every installed distribution for pydantic plugins,
several milliseconds of a short check, and yusuan's command uses none.

`yusuan check FILE.pdf …` (and `yusuan extract`) starts reading the PDF's pages in a forked child
before the imports (`extract/pdf_prefetch.py`): they take as long as
reading a 30-page document.  The child imports PyMuPDF itself; the command
imports it only if it reads pages too (a long document).

Python warnings are not shown (unless `-W` or PYTHONWARNINGS asks for them): they are a library's English
notes to programmers (openpyxl on a date cell past year 9999), and the command says in Chinese, at its cell,
what is wrong with the input.

SIGTERM is turned into KeyboardInterrupt, so a build stopped by a service
manager or `kill` unwinds like Ctrl-C: temporary files removed, the chart
process ended, the previous output left in place.

The console command (`command`, also `python -m yusuan`) ends a check, an
extract or a batch as soon as it is done: its exit handlers run and its output is
flushed as at any exit, then the process ends (`os._exit`) without tearing
the interpreter down, which only frees, one by one, the objects of the
imports and the documents read (≈ 17 ms of a check, 2–3 % of a 30-page
PDF's).  Those commands write their files whole and closed (`write_file`; a
batch closes its store before it returns) and leave no thread running; an exit
with a message rather than a code, a thread still running (a Dask cluster's) or
output that cannot be flushed takes the usual way.
`main` itself raises SystemExit as any Typer application does.
"""

from __future__ import annotations

import atexit
import gc
import itertools
import os
import signal
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from yusuan.collector import THRESHOLD

PLUGINS_VARIABLE = "PYDANTIC_DISABLE_PLUGINS"


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


READING_COMMANDS = ("check", "extract")  # commands that begin by reading the files they are given
QUICK_EXIT_COMMANDS = (*READING_COMMANDS, "batch")  # commands that end without the interpreter's teardown


def pdf_to_read(argv: Sequence[str]) -> Path | None:
    """The first PDF file a `yusuan check` or `yusuan extract` command line names (not an option's value)."""
    if len(argv) < 3 or argv[1] not in READING_COMMANDS:
        return None
    for before, argument in itertools.pairwise(argv[1:]):
        if argument.lower().endswith(".pdf") and not before.startswith("-") and os.path.isfile(argument):
            return Path(argument)
    return None


def main() -> None:
    signal.signal(signal.SIGTERM, _interrupt)
    if not sys.warnoptions:
        warnings.simplefilter("ignore")
    gc.set_threshold(*THRESHOLD)
    atexit.register(gc.freeze)
    os.environ.setdefault(PLUGINS_VARIABLE, "__all__")
    try:
        pdf = pdf_to_read(sys.argv)
        if pdf is not None:
            from yusuan.extract.pdf_prefetch import start

            start(pdf)
        from yusuan.cli import app

        gc.freeze()
    except KeyboardInterrupt:  # stopped while loading: before the CLI could say so itself
        from yusuan.errors import INTERRUPTED, INTERRUPTED_UNWRITTEN

        print(INTERRUPTED_UNWRITTEN, file=sys.stderr)
        raise SystemExit(INTERRUPTED) from None
    app()


def command() -> None:
    """The `yusuan` console command: `main()`; a check, an extract or a batch then ends at once (module docstring)."""
    try:
        main()
    except SystemExit as done:
        if sys.argv[1:2] and sys.argv[1] in QUICK_EXIT_COMMANDS:
            _exit_now(done.code)
        raise


def _exit_now(code: object) -> None:
    """Run the exit handlers, flush the output and end the process with `code`; return where that is not safe."""
    import threading

    if not (code is None or isinstance(code, int)) or threading.active_count() > 1:
        return
    atexit._run_exitfuncs()  # as the interpreter's exit does, first; each runs once
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):  # a closed pipe: the interpreter's exit reports it as usual
        return
    os._exit(code or 0)


if __name__ == "__main__":
    command()
