"""Start reading a PDF's pages while the `yusuan check` command is still starting up.

A `yusuan check FILE.pdf` process spends its first ≈ 0.3 s importing
(pydantic, Typer, Rich, the readers, 90 rules) before it opens the file; for
a 30-page document that is as long as reading all its pages.  So the
command's entry point (`yusuan.__main__`) calls `start(path)` for the PDF it
is asked to check before those imports: it forks a child that imports PyMuPDF,
opens the file as the reader would (`pdf_open`), sends its page count, then
reads the pages in turn from the first and sends each laid-out page back,
pickled, as soon as it is read (keeping what the pipe cannot take yet, so
that a parent still importing never holds it up).

When `pdf._read_pages` comes to that file it `claim`s the child and
`read_alongside` it: it counts the pages the child has laid out (sent, or
held back by a full pipe: the child counts them in memory both share), and
takes pages from the end, `CHUNK` at a time (at most half of those still
unread), telling the child to stop where its chunk begins, until the two meet:
pages of uneven weight then keep both busy to the end, where a split by count
left one waiting (深圳 水务局: 0.24 s).  Each chunk is read in turn from no
carried columns, as `pdf_fork`'s child does; `pdf_fork.stitch` lays out again
those of its first pages that a table from the page before runs into.  When what is left
takes the child less than twice the import (`HELP_SECONDS`, at its pace so
far) it reads it all: the parent of a short document then never imports
PyMuPDF (≈ 0.1 s of its start-up).  For a large file (`SHARED_IMPORT_BYTES`),
whose reading the parent will most likely share, PyMuPDF is imported before
the fork instead, once for both.  A file the child could not
open is opened by the reader, which refuses it with the same reason.  The
child reads from page 1 in order, exactly as a reading in turn does, so the
pages are the same as without it.

Whatever happens to the child — it dies, sends less, runs out of time, the
file changes on disk, nobody claims it — costs only time: the parent reads
what did not come, and an unclaimed child is stopped and reaped at exit.
It runs only on Linux with fork, two processors and no other thread, and
not with YUSUAN_JOBS=1.

A batch worker with a processor to spare uses the same child to read ahead
(`read_ahead`): while it checks one file, a child reads the pages of the
file it will check next (`batch/pool.py` reserves that file for it).  The
worker's children are forked by its small fork server (`pdf_fork_server`)
rather than by the worker itself, on the pipes and shared count it makes.
"""

from __future__ import annotations

import atexit
import contextlib
import math
import mmap
import os
import select
import struct
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from yusuan.children import detach_streams, end_child, keep_only_descriptors, may_fork
from yusuan.extract.pdf_fork import read_in_turn, read_run, stitch
from yusuan.extract.pdf_page import PageLayout, read_page
from yusuan.limits import MAX_INPUT_BYTES, MAX_PDF_SECONDS, max_pages

if TYPE_CHECKING:
    from yusuan.extract.pdf_fork import ReadParts
    from yusuan.extract.pdf_page import Columns, PageContent

CHUNK = 12  # pages the parent takes at a time, from the end, while the child reads on from the start
ALONE = 2  # this many pages or fewer still unsent: the child reads them all, the parent waits
SHARED_IMPORT_BYTES = 400_000  # a PDF this large (most of 50 pages and more, or heavy pages) is imported for
# before the fork, and the child shares the import: the parent will need PyMuPDF to help, and would import it again
HELP_SECONDS = 0.2  # a parent that would first have to import PyMuPDF (≈ 0.1 s of CPU) helps only when the child,
# at the pace it has kept so far, needs longer than this for the pages left: otherwise the help costs more than it saves

_FRAME = struct.Struct(">I")  # a frame: its length, then a pickled page
_COUNT = struct.Struct("=I")  # the pages the child has laid out so far, in memory it shares with the parent
_BEGAN = struct.Struct("=d")  # … after it: when the child began laying out pages (`time.monotonic`, 0 before)
_SHARED = _COUNT.size + _BEGAN.size

Identity = tuple[str, int, int, int, int]


def _identity(path: Path) -> Identity | None:
    try:
        found = os.stat(path)
        return (os.path.realpath(path), found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns)
    except (OSError, ValueError):  # missing, unreadable, or a name no file can have
        return None


class Prefetch:
    """A forked child reading a PDF's pages in turn from the first; `pages` holds those it sent so far."""

    def __init__(
        self, end: Callable[[], None], data_fd: int, control_fd: int, identity: Identity, progress: mmap.mmap
    ) -> None:
        self._end = end  # stops the child (if still running) and reaps it
        self.progress = progress
        self.data_fd = data_fd
        self.control_fd = control_fd
        self.identity = identity
        self.pages: list[PageContent] = []
        self.count: int | None = None  # the document's pages, once the child has opened it and said so
        self._buffer = bytearray()
        self._ended = False  # the child closed its end
        self._closed = False

    def page_count(self, deadline: float) -> int | None:
        """The number of pages of the document, waiting until `deadline` (`time.monotonic`) for the child to
        open it; None when it could not (a file `pdf_open` refuses: the reader opens it and says why)."""
        while self.count is None and not self._ended:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.data_fd], [], [], left)[0]:
                break
            self._receive()
        return self.count

    def sent(self) -> int:
        """The number of pages the child has sent by now (reads what is there without waiting)."""
        while not self._ended and select.select([self.data_fd], [], [], 0)[0]:
            self._receive()
        return len(self.pages)

    def laid_out(self) -> int:
        """The number of pages the child has read by now, sent or not yet (a full pipe holds the others back)."""
        counted: int = _COUNT.unpack_from(self.progress)[0]
        return max(self.sent(), counted)

    def seconds_for(self, pages: int, done: int) -> float:
        """How long the child will take for `pages` more pages at the pace of its first `done` (inf: unknown)."""
        began: float = _BEGAN.unpack_from(self.progress, _COUNT.size)[0]
        spent = time.monotonic() - began
        return pages * spent / done if began and done and spent > 0 else math.inf

    def stop_at(self, index: int) -> None:
        """Ask the child to read no page from index `index` on."""
        with contextlib.suppress(OSError):
            os.write(self.control_fd, _FRAME.pack(index))

    def pages_before(self, index: int, deadline: float) -> list[PageContent]:
        """The pages it sent before page index `index`, waiting for them until `deadline` (`time.monotonic`)."""
        while not self._ended and len(self.pages) < index:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.data_fd], [], [], left)[0]:
                break
            self._receive()
        self.close()
        return self.pages[:index]

    def _receive(self) -> None:
        import pickle  # here: only a command that forked the child needs it

        try:
            chunk = os.read(self.data_fd, 1 << 20)
        except OSError:
            chunk = b""
        if not chunk:
            self._ended = True
            return
        self._buffer += chunk
        while len(self._buffer) >= _FRAME.size:
            (size,) = _FRAME.unpack_from(self._buffer)
            if len(self._buffer) < _FRAME.size + size:
                break
            frame = bytes(self._buffer[_FRAME.size : _FRAME.size + size])
            del self._buffer[: _FRAME.size + size]
            if self.count is None:  # the first frame: the page count
                if len(frame) != _COUNT.size:
                    self._ended = True
                    return
                self.count = int(_COUNT.unpack(frame)[0])
                continue
            try:
                self.pages.append(pickle.loads(frame))  # our own child's page
            except (EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
                self._ended = True
                return

    def close(self) -> None:
        """Stop the child (if still running) and reap it."""
        if self._closed:
            return
        self._closed = True
        for fd in (self.data_fd, self.control_fd):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._end()
        self.progress.close()


_started: dict[Identity, Prefetch] = {}  # the children `start` forked, by the file each reads, until claimed
MAX_CHILDREN = 2  # a batch worker's read-ahead of its next file, beside the one for the file it checks now


def start(path: Path) -> None:
    """Fork a child reading `path`'s pages now, for `claim` to take over; nothing where that does not pay."""
    identity = _identity(path)
    if identity is None or identity in _started or len(_started) >= MAX_CHILDREN or not may_fork():
        return
    if identity[3] >= SHARED_IMPORT_BYTES:  # a long read ahead: the parent will help, PyMuPDF imported once for both
        import importlib

        importlib.import_module("pymupdf")
    fds: list[int] = []
    try:
        fds.append(os.memfd_create("yusuan-prefetch", os.MFD_CLOEXEC))  # the child's count, read by the parent
        os.ftruncate(fds[0], _SHARED)
        progress = mmap.mmap(fds[0], _SHARED)
        fds.extend(os.pipe())
        fds.extend(os.pipe())
    except OSError:  # no descriptor left: read in turn
        for fd in fds:
            os.close(fd)
        return
    shared, data_read, data_write, control_read, control_write = fds
    end = _fork_child(path, data_write, control_read, shared)
    for fd in (shared, data_write, control_read):
        os.close(fd)
    if end is None:
        os.close(data_read)
        os.close(control_write)
        progress.close()
        return
    _started[identity] = Prefetch(end, data_read, control_write, identity, progress)


def _fork_child(path: Path, data_fd: int, control_fd: int, shared_fd: int) -> Callable[[], None] | None:
    """Fork the child reading `path` — from the batch worker's fork server (`pdf_fork_server`) when it has one —
    and say how to end it; None when no process could be made."""
    fork_server = sys.modules.get("yusuan.extract.pdf_fork_server")  # imported only where a server was started
    home = fork_server.server() if fork_server is not None else None
    if home is not None and (pid := home.read(path, data_fd, control_fd, shared_fd)) is not None:
        return lambda: home.end(pid)
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: never returns
        child_on(path, data_fd, control_fd, shared_fd)
    return lambda: end_child(pid)


def child_on(path: Path, data_fd: int, control_fd: int, shared_fd: int) -> NoReturn:
    """A child's life, on the descriptors of its pipes and of the memory it shares with the parent (its count)."""
    try:
        import gc

        gc.disable()
        progress = mmap.mmap(shared_fd, _SHARED)
        keep_only_descriptors(data_fd, control_fd)  # the parent's end of the control pipe closes when it dies
        detach_streams()
        _read_in_turn(path, data_fd, control_fd, progress, time.monotonic() + MAX_PDF_SECONDS)
    except BaseException:  # the parent reads whatever did not come
        pass
    finally:
        os._exit(0)


def read_ahead(path: Path, keep: Iterable[Path] = ()) -> None:
    """A batch worker's read-ahead: stop the unclaimed children of files other than `keep`, and start one for
    `path`, the file it will check next, to read it while the worker checks the files of `keep`."""
    wanted = {_identity(Path(p)) for p in (*keep, path)}
    for identity in [i for i in _started if i not in wanted]:
        _started.pop(identity).close()
    start(path)


def claim(path: Path) -> Prefetch | None:
    """The child started for `path`, if any and the file is still the one it reads; the caller closes it."""
    identity = _identity(path)
    return None if identity is None else _started.pop(identity, None)


def _close_all() -> None:
    while _started:
        _started.popitem()[1].close()


atexit.register(_close_all)  # an unclaimed child is stopped and reaped at exit


def read_alongside(
    prefetch: Prefetch,
    page_count: int,
    read_parts: ReadParts,
    deadline: float,
    prepare: Callable[[], object] | None = None,
) -> list[PageContent]:
    """Every page of the document, the first ones as the child sends them, the others read by `read_parts`
    (`pdf_page.read_page_parts` with the caller's limits); exactly the pages a reading in turn gives.

    `prepare`, when given, readies the caller to read pages (it imports PyMuPDF and opens the file, ≈ 0.1 s):
    it is called only when the child would need longer than `HELP_SECONDS` for the pages left; otherwise the
    child reads them all and the caller never imports PyMuPDF."""
    done = prefetch.laid_out()
    if prepare is not None and prefetch.seconds_for(page_count - done, done) > HELP_SECONDS:
        prepare()
        prepare = None
        done = prefetch.laid_out()
    chunks: list[tuple[int, list[PageContent], list[PageLayout | None]]] = []  # ours, from the end backwards
    stop = page_count  # where the child stops: the first page of our lowest chunk
    while prepare is None and (left := stop - prefetch.laid_out()) > ALONE:
        start = stop - min(CHUNK, left // 2)  # at most half the gap: the child reads on meanwhile
        prefetch.stop_at(start)
        ours: list[PageContent] = []
        layouts: list[PageLayout | None] = []
        read_run(start, stop, read_parts, ours, layouts)
        chunks.append((start, ours, layouts))
        stop = start
    pages = prefetch.pages_before(stop, deadline)

    def read(index: int, columns: Columns | None) -> PageContent:
        return read_parts(index, columns)[0]

    read_in_turn(pages, stop, read)  # what the child did not send
    carried = pages[-1].open_columns if pages else None
    for start, ours, layouts in reversed(chunks):
        rest, carried = stitch(ours, start, carried, read, layouts)
        pages.extend(rest)
    return pages


def _read_in_turn(path: Path, data_fd: int, control_fd: int, progress: mmap.mmap, deadline: float) -> None:
    import pickle

    from yusuan.extract.pdf_open import open_pdf

    if os.path.getsize(path) > MAX_INPUT_BYTES:
        return
    document = open_pdf(path, max_pages())  # refused (InputError): the parent opens it again and says why
    count = document.page_count
    os.write(data_fd, _FRAME.pack(_COUNT.size) + _COUNT.pack(count))  # the first frame: the page count
    _BEGAN.pack_into(progress, _COUNT.size, time.monotonic())
    os.set_blocking(control_fd, False)
    os.set_blocking(data_fd, False)  # the parent reads only now and then: a full pipe must not stop the reading
    unsent = bytearray()
    stop = count
    carried = None
    index = 0
    while index < stop and time.monotonic() < deadline:
        stop = min(stop, _asked_stop(control_fd, stop))
        if index >= stop:
            break
        content = read_page(document.load_page(index), index + 1, carried)
        carried = content.open_columns
        _COUNT.pack_into(progress, 0, index + 1)
        data = pickle.dumps(content, pickle.HIGHEST_PROTOCOL)
        unsent += _FRAME.pack(len(data)) + data
        with contextlib.suppress(BlockingIOError):
            del unsent[: os.write(data_fd, unsent)]
        index += 1
    os.set_blocking(data_fd, True)
    view = memoryview(unsent)
    while view:
        view = view[os.write(data_fd, view) :]


def _asked_stop(control_fd: int, stop: int) -> int:
    """The page index the parent asked to stop at, `stop` while it has not asked (0 once it has gone)."""
    try:
        message = os.read(control_fd, _FRAME.size)
    except BlockingIOError:
        return stop
    if len(message) < _FRAME.size:
        return 0  # the parent closed its end
    return int(_FRAME.unpack(message)[0])
