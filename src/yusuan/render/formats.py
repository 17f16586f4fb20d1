"""The output formats of a build, in one table (as extract's readers are one table).

Each row says what the format is called, the file suffix it writes, which
charts it needs, and the function that renders it.  Adding a format is one
row here; the CLI's `--format` help, its validation and the build's order of
work all read this table (it imports nothing heavy, so the CLI reads it
too).  Renderers are imported only when their format is asked for, so an
HTML build never loads WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from yusuan.model import Disclosure
    from yusuan.render.chart_job import ChartJob


def _xlsx(disclosure: Disclosure, charts: ChartJob | None) -> bytes:
    from yusuan.render.xlsx import render_xlsx

    return render_xlsx(disclosure)


def _pdf(disclosure: Disclosure, charts: ChartJob | None) -> bytes:
    from yusuan.render import pdf_zygote
    from yusuan.render.pdf import render_pdf

    if charts is None and pdf_zygote.draws_charts():  # the zygote draws the PDF's charts
        return render_pdf(disclosure)
    return render_pdf(disclosure, charts=charts or ())


def _html(disclosure: Disclosure, charts: ChartJob | None) -> bytes:
    from yusuan.render.html import render_html

    return render_html(disclosure, charts=charts.result() if charts else ()).encode("utf-8")


def _docx(disclosure: Disclosure, charts: ChartJob | None) -> bytes:
    from yusuan.render.docx import render_docx

    return render_docx(disclosure, charts=charts.result() if charts else ())


@dataclass(frozen=True)
class OutputFormat:
    """One output format: its name on the command line, its label for people, and how it is made."""

    name: str
    label: str
    suffix: str
    svg: bool  # needs the charts as SVG
    png: bool  # needs the charts as PNG
    outlined: bool  # needs the charts as SVG with letters drawn as shapes (print: nothing to misread)
    render: Callable[[Disclosure, ChartJob | None], bytes]
    order: int  # rendering order: the workbook first (no charts), while the chart child draws


OUTPUT_FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("html", "网页", ".html", svg=True, png=False, outlined=False, render=_html, order=2),
        OutputFormat("pdf", "PDF", ".pdf", svg=False, png=False, outlined=True, render=_pdf, order=1),
        OutputFormat("docx", "Word", ".docx", svg=False, png=True, outlined=False, render=_docx, order=3),
        OutputFormat("xlsx", "Excel", ".xlsx", svg=False, png=False, outlined=False, render=_xlsx, order=0),
    )
}
FORMAT_NAMES = tuple(OUTPUT_FORMATS)
