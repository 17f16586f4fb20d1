"""A PDF build's typesetting process, forked before the budget is read, so its imports overlap the reading.

Before the two PDF workers (`pdf_parallel`) could start, a build spent
≈ 2 s in one process: reading the files and compiling, then importing
WeasyPrint (≈ 0.6 CPU s) and matplotlib (≈ 0.5 s) and drawing the charts.
The imports need nothing from the budget, so `running()` forks a "zygote"
at the start of the build: while this process reads and compiles, the
zygote imports WeasyPrint and parses the trimmed user-agent stylesheet
(then, while the page has not come, PyMuPDF and the fonts, by typesetting
a line of text), and its "drawer", forked first, imports matplotlib.  When
the PDF is rendered, this process sends the drawer the charts' figures
(`ChartData`, plain data), renders the HTML page with a placeholder for
each chart, and sends the page to the zygote; the zygote puts the drawn charts in, typesets the page — the
workers forked from it inherit everything loaded — and sends back the PDF.
When another output of the build needs charts too (HTML, Word), the build's
one chart child draws them all (`chart_job`) and the zygote, started with
`draws=False`, is sent the finished page.

The zygote's PDF is the one this process would make: the same page, the
same `typeset_page`.  It is used only where the workers are
(`pdf_parallel.workers()`: fork, ≥ 2 CPUs, no threads, not `YUSUAN_JOBS=1`),
so the one-process path is untouched.  If the zygote fails or dies, the
PDF is made here as before (charts, page and all), so a real error surfaces
with its own traceback.  The zygote never outlives the build: `running()`
kills and reaps it on the way out (an error, Ctrl-C), and on Linux the
kernel kills it, and its workers, when its parent dies (`PR_SET_PDEATHSIG`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, NoReturn

from yusuan.children import die_with_parent, end_child
from yusuan.render.chart_job import ChartJob

if TYPE_CHECKING:
    from yusuan.model import Disclosure
    from yusuan.render.charts import Chart

_slot: dict[str, Zygote] = {}  # "running": the build's zygote, until its PDF takes it


class Zygote:
    """The forked typesetting process and the two pipes to and from it."""

    def __init__(self, pid: int, figures: Connection, requests: Connection, replies: Connection, draws: bool) -> None:
        self.pid = pid
        self.draws = draws  # it draws the PDF's charts (else they come in the page)
        self._figures = figures
        self._requests = requests
        self._replies = replies
        self._reaped = False

    @classmethod
    def start(cls, *, draws: bool = True) -> Zygote:
        import multiprocessing

        figures_reader, figures_writer = multiprocessing.Pipe(duplex=False)
        request_reader, request_writer = multiprocessing.Pipe(duplex=False)
        reply_reader, reply_writer = multiprocessing.Pipe(duplex=False)
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError:
            for end in (figures_reader, figures_writer, request_reader, request_writer, reply_reader, reply_writer):
                end.close()
            raise
        if pid == 0:  # pragma: no cover - the child
            for end in (figures_writer, request_writer, reply_reader):
                end.close()
            _serve(figures_reader if draws else None, request_reader, reply_writer, parent)
        for end in (figures_reader, request_reader, reply_writer):
            end.close()
        return cls(pid, figures_writer, request_writer, reply_reader, draws)

    def render(self, disclosure: Disclosure, charts: ChartJob | None = None) -> bytes | None:
        """The disclosure's PDF, typeset by the zygote; None when it failed (the caller makes it).

        `charts`: the job drawing them when the zygote does not (None: drawn here)."""
        from yusuan.render.html import render_page

        try:
            if self.draws:
                drawn = self._stand_ins(disclosure)
            else:
                job = charts or ChartJob(disclosure, svg=False, png=False, outlined=True, background=False)
                drawn = job.result()
            self._requests.send(render_page(disclosure, pdf=True, charts=drawn))
            pdf = self._replies.recv_bytes()
        except (EOFError, OSError):
            return None
        finally:
            self.close()
        return pdf

    def _stand_ins(self, disclosure: Disclosure) -> list[Chart]:
        """The charts' figures sent to the zygote's drawer; a placeholder in the page for each."""
        from yusuan.render.charts import Chart, charts_to_draw

        data = charts_to_draw(disclosure)
        self._figures.send(data)
        marks = [_placeholder(n) for n in range(len(data))]
        return [
            Chart(key=d.key, title=d.title, after_table=d.after_table, svg=m, png=b"", svg_outlined=m)
            for d, m in zip(data, marks, strict=True)
        ]

    def close(self) -> None:
        """End the zygote if it still runs, and reap it."""
        if self._reaped:
            return
        self._reaped = True
        self._figures.close()
        self._requests.close()
        self._replies.close()
        end_child(self.pid)


def _placeholder(n: int) -> str:
    return f'<svg data-yusuan-chart="{n}"></svg>'


def _serve(
    figures: Connection | None, requests: Connection, replies: Connection, parent: int
) -> NoReturn:  # pragma: no cover
    """In the zygote: load, then put the drawn charts in the page, typeset it and send the PDF back."""
    status = 0
    try:
        die_with_parent(parent)
        drawer = _start_drawer(figures) if figures is not None else None
        _load(requests)
        from yusuan.render.pdf import typeset_page

        page: str = requests.recv()
        requests.close()
        charts: list[str] = []
        if drawer is not None:
            charts = drawer[1].recv()
            os.waitpid(drawer[0], 0)
        for n, svg in enumerate(charts):
            start = svg.find("<svg")
            mark = _placeholder(n)
            if start < 0 or page.count(mark) != 1:
                raise ValueError("a chart's placeholder is not in the page once")
            page = page.replace(mark, svg[start:])
        replies.send_bytes(typeset_page(page))
    except BaseException:
        status = 1
    os._exit(status)  # no clean-up, no flushing of the parent's buffers


def _start_drawer(figures: Connection) -> tuple[int, Connection]:  # pragma: no cover - the zygote
    """Fork the process that imports matplotlib and draws the charts (their outlined SVG) when the figures come."""
    import multiprocessing

    drawn_reader, drawn_writer = multiprocessing.Pipe(duplex=False)
    zygote = os.getpid()
    pid = os.fork()
    if pid == 0:
        status = 0
        try:
            drawn_reader.close()
            die_with_parent(zygote)
            from matplotlib.figure import Figure  # noqa: F401

            from yusuan.render.charts import draw_charts

            charts = draw_charts(figures.recv(), svg=False, png=False, outlined=True)
            drawn_writer.send([c.svg_outlined for c in charts])
        except BaseException:
            status = 1
        os._exit(status)
    figures.close()
    drawn_writer.close()
    return pid, drawn_reader


def _load(requests: Connection) -> None:  # pragma: no cover - the zygote
    """Import WeasyPrint; then, while the page is not there yet, PyMuPDF (for joining the workers' PDFs) and the
    fonts (a line of text typeset): the workers inherit them.  A small page that comes early is typeset at once."""
    from yusuan.render import pdf_html

    pdf_html.prepare()
    for step in (_import_pymupdf, _load_fonts):
        if requests.poll():
            return
        step()


def _import_pymupdf() -> None:  # pragma: no cover - the zygote
    import pymupdf  # noqa: F401


def _load_fonts() -> None:  # pragma: no cover - the zygote
    from yusuan.render import pdf_html

    pdf_html.document('<html lang="zh-CN"><body><p>预算 2026</p></body></html>').write_pdf()


def can_start() -> bool:
    from yusuan.render.pdf_parallel import workers

    return workers() > 1


@contextmanager
def running(wanted: bool, *, draws: bool = True) -> Iterator[Zygote | None]:
    """A zygote for the block when `wanted` and forking pays; ended (killed and reaped) when the block ends.

    `draws`: it draws the PDF's charts (no other output needs charts: else one chart child draws them all)."""
    zygote = None
    if wanted and can_start():
        with suppress(OSError):  # no fork to be had (process limit, memory): the PDF is made here
            zygote = Zygote.start(draws=draws)
    if zygote is not None:
        _slot["running"] = zygote
    try:
        yield zygote
    finally:
        _slot.pop("running", None)
        if zygote is not None:
            zygote.close()


def take() -> Zygote | None:
    """The running zygote, for the one PDF it makes (None: make it here)."""
    return _slot.pop("running", None)


def waiting() -> bool:
    """A zygote is waiting to make the PDF."""
    return "running" in _slot


def draws_charts() -> bool:
    """A zygote is waiting to make the PDF and draws its charts (they need not be drawn here)."""
    return "running" in _slot and _slot["running"].draws
