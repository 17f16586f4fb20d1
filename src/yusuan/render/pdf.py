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
about half a second, so the charts are drawn in the background meanwhile
(`chart_job`); in a build, both load in a process forked at its start
(`pdf_zygote`) while the budget is read, and that process typesets.  The
cycle collector is paused during layout, in the forked workers too (see
`yusuan.collector`), and WeasyPrint's user-agent stylesheet is trimmed of
rules that match nothing on the page (`pdf_html`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from yusuan.collector import collector_paused
from yusuan.model import Disclosure
from yusuan.render import pdf_html, pdf_parallel, pdf_zygote
from yusuan.render.chart_job import ChartJob
from yusuan.render.html import render_page

if TYPE_CHECKING:
    from yusuan.render.charts import Chart


def render_pdf(disclosure: Disclosure, *, charts: Sequence[Chart] | ChartJob | None = None) -> bytes:
    """The disclosure as a typeset PDF.

    `charts`: drawn charts, a `ChartJob` drawing them (collected after WeasyPrint
    has loaded), `None` to draw them meanwhile, or `()` for none.
    """
    given = charts if isinstance(charts, ChartJob) else None
    zygote = pdf_zygote.take() if charts is None or given is not None else None
    if zygote is not None:  # forked at the build's start, WeasyPrint loaded: it typesets (and draws the charts)
        pdf = zygote.render(disclosure, given)
        if pdf is not None:
            return pdf  # else it failed: all of it here, as without it
    job = ChartJob(disclosure, svg=False, png=False, outlined=True) if charts is None else charts
    pdf_html.prepare()  # loads WeasyPrint meanwhile

    drawn = job.result() if isinstance(job, ChartJob) else job
    return typeset_page(render_page(disclosure, pdf=True, charts=drawn))


def typeset_page(page: str) -> bytes:
    """The PDF of the page (`render_page(pdf=True)`): by two workers when it is big and they may run."""
    with collector_paused():  # the forked workers inherit the pause
        if pdf_parallel.workers() > 1 and pdf_parallel.worth_splitting(page):
            return pdf_parallel.render_split(page)
        pdf = pdf_html.document(page).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf
