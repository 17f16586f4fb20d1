"""HTML output: the whole disclosure as one self-contained page, laid out like the official document.

One file, nothing fetched: the CSS is inlined and the charts are inline SVG.
The same templates, with `pdf=True`, give the page WeasyPrint typesets
(`yusuan.render.pdf`); this module never imports WeasyPrint, and the chart
module is imported only when charts are wanted, so `yusuan build --format
html` stays fast.  Jinja2 autoescapes every value: unit names and narrative
text cannot inject markup.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from yusuan.model import Disclosure
from yusuan.render.document_view import document_view

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

Charts = tuple[Sequence[Any], bool]

# Charts drawn for a disclosure, kept while the disclosure lives: HTML and PDF of
# one build draw them once.
_drawn: weakref.WeakKeyDictionary[Disclosure, Charts] = weakref.WeakKeyDictionary()


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


def draw_charts(disclosure: Disclosure) -> Charts:
    """The charts for this disclosure, and whether the chart module exists at all.

    `yusuan.render.charts` is optional: without it the document is rendered
    without charts.  Any other import error is a bug and is raised.
    """
    try:
        from yusuan.render import charts
    except ModuleNotFoundError as exc:
        if exc.name == "yusuan.render.charts":
            return (), False
        raise
    return tuple(charts.charts_for(disclosure, png=False)), True


def load_charts(disclosure: Disclosure) -> Charts:
    """`draw_charts`, once per disclosure object."""
    try:
        return _drawn[disclosure]
    except (KeyError, TypeError):
        pass
    result = draw_charts(disclosure)
    remember_charts(disclosure, result)
    return result


def remember_charts(disclosure: Disclosure, charts: Charts) -> None:
    with contextlib.suppress(TypeError):  # an object that cannot be weakly referenced is not cached
        _drawn[disclosure] = charts


def charts_cached(disclosure: Disclosure) -> bool:
    try:
        return disclosure in _drawn
    except TypeError:
        return False


def render_page(disclosure: Disclosure, *, pdf: bool, with_charts: bool = True, charts: Charts | None = None) -> str:
    """The HTML page; `pdf=True` adds the cover page and page furniture for WeasyPrint."""
    if charts is None:
        charts = load_charts(disclosure) if with_charts else ((), False)
    view = document_view(disclosure, charts[0], charts[1])
    # Our own stylesheets, inlined verbatim (autoescaping would break quoted font names).
    css = Markup(stylesheet("document.css") + ("\n" + stylesheet("pdf.css") if pdf else ""))
    return environment().get_template("document.html.j2").render(v=view, css=css, pdf=pdf)


def render_html(disclosure: Disclosure, *, with_charts: bool = True) -> str:
    """The disclosure as one self-contained HTML file (lang zh-CN, inline CSS and SVG)."""
    return render_page(disclosure, pdf=False, with_charts=with_charts)
