"""PDF output: the HTML page typeset by WeasyPrint on A4 with CJK fonts.

The page is the HTML renderer's (same templates) plus `static/pdf.css`: a
cover page, a contents page whose entries carry page numbers
(`target-counter`), a running header and page-number footer, landscape
pages for the wide tables 2 and 7 (the named page `wide`), header rows
repeated on every page and rows never split.  Fonts are Noto Sans/Serif CJK
SC by family name (Debian `fonts-noto-cjk`); WeasyPrint embeds them as
subsets with their Unicode maps, so every amount can be read back from the
PDF's text.

Speed: loading WeasyPrint and drawing the charts (matplotlib) each take
about half a second; where the platform forks and the process has no other
threads, the charts are drawn in a forked child while this process loads
WeasyPrint.  If the child fails for any reason the charts are drawn here
again, so a real error surfaces with its own traceback.  The cycle collector
is paused during layout (see `_collector_paused`).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection

from yusuan.model import Disclosure
from yusuan.render.html import Charts, charts_cached, load_charts, remember_charts, render_page


def render_pdf(disclosure: Disclosure, *, with_charts: bool = True) -> bytes:
    """The disclosure as a typeset PDF."""
    charts: Callable[[], Charts] = (lambda: ((), False)) if not with_charts else _charts_meanwhile(disclosure)
    from weasyprint import HTML

    page = render_page(disclosure, pdf=True, charts=charts())
    with _collector_paused():
        pdf = HTML(string=page, base_url=None).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while WeasyPrint lays out: it allocates boxes by the
    hundred thousand and repeated collections cost a quarter of the time.  Memory is freed
    as usual when the collector resumes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _charts_meanwhile(disclosure: Disclosure) -> Callable[[], Charts]:
    """Start drawing the charts in a forked child; the returned function waits for them."""
    import multiprocessing

    if (
        charts_cached(disclosure)
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return lambda: load_charts(disclosure)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_draw_into, args=(disclosure, sender), daemon=True)
    child.start()
    sender.close()

    def wait() -> Charts:
        try:
            result: Charts | None = receiver.recv()
        except (EOFError, OSError):
            result = None
        finally:
            receiver.close()
            child.join()
        if result is None:
            return load_charts(disclosure)
        remember_charts(disclosure, result)
        return result

    return wait


def _draw_into(disclosure: Disclosure, sender: Connection) -> None:
    """In the child: draw and send the charts back, or None when anything goes wrong."""
    from yusuan.render.html import draw_charts

    try:
        result: Charts | None = draw_charts(disclosure)
    except Exception:
        result = None
    try:
        sender.send(result)
    except Exception:
        sender.send(None)
    finally:
        sender.close()
