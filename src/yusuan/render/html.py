"""HTML output: the whole disclosure as one self-contained page, laid out like the official document.

One file, nothing fetched: the CSS is inlined and the charts are inline SVG.
The same templates, with `pdf=True`, give the page WeasyPrint typesets
(`yusuan.render.pdf`); this module never imports WeasyPrint, and the chart
module is imported only when charts are wanted (a build draws them in the
background: `chart_job`).  Jinja2 autoescapes every value: unit names and
narrative text cannot inject markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from yusuan.model import Disclosure
from yusuan.render.chart_job import ChartJob
from yusuan.render.document_view import document_view

if TYPE_CHECKING:
    from yusuan.render.charts import Chart

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def stylesheet(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def render_page(disclosure: Disclosure, *, pdf: bool, charts: Sequence[Chart] | None = None) -> str:
    """The HTML page; `pdf=True` adds the cover page and page furniture for WeasyPrint.

    `charts=None` draws them here; pass `()` for a page without charts.  For
    print (`pdf=True`) a chart's outlined SVG is used when drawn: its labels
    are shapes, so reading the PDF back never takes a chart for a table.
    """
    if charts is None:
        charts = ChartJob(disclosure, png=False, outlined=pdf, background=False).result()
    if pdf:
        charts = [replace(c, svg=c.svg_outlined) if c.svg_outlined else c for c in charts]
    view = document_view(disclosure, charts)
    # Our own stylesheets, inlined verbatim (autoescaping would break quoted font names).
    css = Markup(stylesheet("document.css") + ("\n" + stylesheet("pdf.css") if pdf else ""))
    return environment().get_template("document.html.j2").render(v=view, css=css, pdf=pdf)


def render_html(disclosure: Disclosure, *, charts: Sequence[Chart] | None = None) -> str:
    """The disclosure as one self-contained HTML file (lang zh-CN, inline CSS and SVG)."""
    return render_page(disclosure, pdf=False, charts=charts)
