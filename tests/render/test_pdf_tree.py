"""`pdf_tree`: yusuan's PDF page parsed by html.parser into the very tree tinyhtml5 builds, or not at all."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import tinyhtml5

from yusuan.compile import compile_budget
from yusuan.inputs import load_budget
from yusuan.model import Disclosure
from yusuan.render import pdf_parallel, pdf_tree
from yusuan.render.charts import charts_for
from yusuan.render.html import render_page

ROOT = Path(__file__).resolve().parents[2]


def _nodes(root: ET.Element) -> list[tuple[object, dict[str, str], str | None, str | None]]:
    return [(e.tag, dict(e.attrib), e.text, e.tail) for e in root.iter()]


def _same_as_tinyhtml5(page: str) -> None:
    ours = pdf_tree.tree(page)
    assert ours is not None
    assert _nodes(ours) == _nodes(tinyhtml5.parse(page, namespace_html_elements=False))


@pytest.fixture(scope="module")
def pages(example_disclosure: Disclosure) -> list[str]:
    final = compile_budget(load_budget(ROOT / "examples" / "foshan-rail-2019-final" / "final.yaml"))
    found = []
    for disclosure in (example_disclosure, final):
        charts = charts_for(disclosure, svg=False, png=False, outlined=True)  # SVG with comments and xlink
        found.append(render_page(disclosure, pdf=True, charts=charts))
    return found


def test_the_example_pages_with_charts_parse_as_tinyhtml5_parses_them(pages: list[str]) -> None:
    for page in pages:
        assert "<svg" in page
        _same_as_tinyhtml5(page)


def test_the_chunks_front_and_furniture_parse_as_tinyhtml5_parses_them(pages: list[str]) -> None:
    cut = pdf_parallel.cut(pages[0])
    for start, end in [(0, 2), (1, 4), (2, len(cut.units))]:  # a chunk opening inside part 2 leaves its section open
        _same_as_tinyhtml5(pdf_parallel.chunk_page(cut, start, end))
    numbers = {name: (n, 0.0, 0.0) for n, name in enumerate(re.findall(r'<a href="#([^"]+)">', cut.front))}
    _same_as_tinyhtml5(pdf_parallel._front_page(cut, numbers))
    _same_as_tinyhtml5(pdf_parallel._furniture_page(cut, [False, True, False], 1, 3))


@pytest.mark.parametrize(
    "body",
    [
        "<p>a<div>b</div></p>",  # HTML5 closes the paragraph
        "<table><tr><td>x</td></tr></table>",  # HTML5 adds a tbody
        "<table><tbody><tr><td>x</td></tr>text</tbody></table>",  # text moved out of the table
        "<ul><li>a<li>b</ul>",  # implied end tags
        "<p>a</span></p>",  # a stray end tag
        "<math><mi>x</mi></math>",
        "<textarea>\nx</textarea>",
        '<svg xmlns="http://www.w3.org/2000/svg"><g><p>x</p></g></svg>',  # HTML5 ends the SVG at <p>
        '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div>x</div></foreignObject></svg>',
    ],
)
def test_markup_html5_would_repair_is_left_to_tinyhtml5(body: str) -> None:
    assert pdf_tree.tree(f"<!DOCTYPE html>\n<html>\n<head>\n</head>\n<body>\n{body}\n</body>\n</html>\n") is None


def test_a_small_page_parses_as_tinyhtml5_parses_it() -> None:
    _same_as_tinyhtml5(
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>a &amp; b</title>\n'
        "<style>\np > a { color: red }\n</style>\n</head>\n<style>.x{}</style>\n</head>\n"
        '<body class="pdf">\n<main>\n<section class="part">\n<p>x &lt; y<br>z</p>\n'
        '<svg xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1 1" xmlns="http://www.w3.org/2000/svg">'
        '<!-- a --><defs><clipPath id="c"><path d="M0"/></clipPath><linearGradient gradientUnits="x"/></defs>'
        '<use xlink:href="#c" x="1"/></svg>\n</main>\n</body>\n</html>\n'
    )
