"""The element tree of yusuan's own PDF page, built by the standard library's HTML tokenizer.

WeasyPrint parses HTML with tinyhtml5, a pure-Python HTML5 parser: ≈ 1.2 CPU s
of a department's PDF (870 KB of markup), 6–8 % of its typesetting.  The page
WeasyPrint gets is ours, written by our templates: every element is closed
explicitly, tables have their `thead`/`tbody`, paragraphs hold no blocks, and
the only foreign content is the charts' SVG.  For such markup the HTML5 tree
is the obvious one, and `html.parser` (regular expressions in C, one call per
tag) builds it several times faster.

`tree(page)` builds it as tinyhtml5 does (`namespace_html_elements=False`:
HTML tags bare, SVG tags and attributes namespaced and case-adjusted by the
HTML5 tables, whitespace between `</head>` and `<body>` on the head's tail,
text after `</body>` on the body's last element), or returns None for
anything outside that subset — an element HTML5 would close or open
implicitly, a stray end tag, a comment outside the body, MathML —
and the page is then parsed by tinyhtml5 as usual.  The tests compare both
trees, element by element, on the example pages and the department's chunks.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XMLNS = "http://www.w3.org/2000/xmlns/"
XML = "http://www.w3.org/XML/1998/namespace"

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
# Elements whose start or end HTML5 may imply, or whose content it treats specially: not handled here.
_UNSUPPORTED = frozenset(
    {"math", "template", "frameset", "frame", "noscript", "noframes", "iframe", "textarea", "pre", "listing"}
    | {"plaintext", "xmp", "select", "option", "optgroup", "form", "button", "caption", "dd", "dt", "image"}
    | {"rb", "rp", "rt", "rtc"}
    | {"nobr", "a"}  # formatting elements are re-opened by the adoption agency: only `a` is used, checked below
)
_FOREIGN_ATTRIBUTES = {
    "xlink:actuate": f"{{{XLINK}}}actuate",
    "xlink:arcrole": f"{{{XLINK}}}arcrole",
    "xlink:href": f"{{{XLINK}}}href",
    "xlink:role": f"{{{XLINK}}}role",
    "xlink:show": f"{{{XLINK}}}show",
    "xlink:title": f"{{{XLINK}}}title",
    "xlink:type": f"{{{XLINK}}}type",
    "xml:base": f"{{{XML}}}base",
    "xml:lang": f"{{{XML}}}lang",
    "xml:space": f"{{{XML}}}space",
    "xmlns": f"{{{XMLNS}}}xmlns",
    "xmlns:xlink": f"{{{XMLNS}}}xlink",
}


# Inside these, HTML5 closes the element at a block's start: only phrasing content is handled.
_PHRASING_ONLY = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6"})
_PHRASING = frozenset(
    {"span", "a", "em", "strong", "b", "i", "u", "s", "small", "sub", "sup", "br", "wbr", "code", "abbr", "mark"}
    | {"q", "cite", "time", "bdi", "bdo", "data", "var", "kbd", "samp", "dfn", "img", "svg"}
)
# Where HTML5 would imply an element (tbody, colgroup, ul) or move one out of a table, the tree is left to tinyhtml5.
_PARENTS = {
    "tr": {"thead", "tbody", "tfoot"},
    "td": {"tr"},
    "th": {"tr"},
    "thead": {"table"},
    "tbody": {"table"},
    "tfoot": {"table"},
    "colgroup": {"table"},
    "col": {"colgroup"},
    "li": {"ul", "ol"},
}
_CHILDREN = {
    "table": {"colgroup", "thead", "tbody", "tfoot"},
    "thead": {"tr"},
    "tbody": {"tr"},
    "tfoot": {"tr"},
    "tr": {"td", "th"},
    "colgroup": {"col"},
}


# An end tag of these closes the sections left open inside it (no implied end tags are involved).
_SECTIONS = frozenset({"section", "div", "article", "nav", "aside"})
_CLOSES_SECTIONS = _SECTIONS | {"main"}


# An HTML tag inside SVG ends the SVG in HTML5 ("breaks out of foreign content").
_BREAKS_OUT_OF_SVG = frozenset(
    {"b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2"}
    | {"h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre"}
    | {"ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var"}
)


class _Unsupported(Exception):
    pass


@functools.cache  # read only: one pair for every builder
def _svg_tables() -> tuple[dict[str, str], dict[str, str]]:
    from tinyhtml5.constants import adjust_svg_attributes  # type: ignore[import-untyped]

    names = [
        "altGlyph", "altGlyphDef", "altGlyphItem", "animateColor", "animateMotion", "animateTransform", "clipPath",
        "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
        "feDisplacementMap", "feDistantLight", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
        "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
        "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence", "foreignObject", "glyphRef",
        "linearGradient", "radialGradient", "textPath",
    ]  # fmt: skip
    return {n.lower(): n for n in names}, dict(adjust_svg_attributes)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.svg_tags, self.svg_attributes = _svg_tables()
        self.root: ET.Element | None = None
        self.stack: list[ET.Element] = []
        self.svg_depth = 0
        self.state = "start"  # start, html, head, after-head, body, after-body
        self.last: Any = None  # the element (or comment) whose tail takes text (None: the top's text)
        self.anchor_depth = 0

    def _append_text(self, data: str) -> None:
        if self.last is not None:
            self.last.tail = (self.last.tail or "") + data
        else:
            top = self.stack[-1]
            top.text = (top.text or "") + data

    def handle_decl(self, decl: str) -> None:
        if self.state != "start" or decl.lower() != "doctype html":
            raise _Unsupported(decl)

    def handle_comment(self, data: str) -> None:
        if self.state != "body" or not self.stack:  # comments elsewhere go to the document or the html element
            raise _Unsupported("comment")
        comment = ET.Comment(data)
        self.stack[-1].append(comment)
        self.last = comment

    def handle_pi(self, data: str) -> None:
        raise _Unsupported("processing instruction")

    def unknown_decl(self, data: str) -> None:
        raise _Unsupported(data)

    def handle_data(self, data: str) -> None:
        if self.state in ("start", "html"):
            if data.strip():
                raise _Unsupported("text before head")
            return  # dropped, as HTML5 does
        if self.state == "after-head" and len(self.stack) == 1:
            if data.strip():
                raise _Unsupported("text after head")
            assert self.root is not None
            head = self.root[0]
            head.tail = (head.tail or "") + data
            return
        if self.state == "after-body" and data.strip():
            raise _Unsupported("text after body")
        top = self.stack[-1].tag
        if top in _CHILDREN and data.strip():
            raise _Unsupported("text in a table")  # HTML5 moves it out of the table
        if self.state == "head" and top == "head" and data.strip():
            raise _Unsupported("text in head")
        if self.svg_depth and top == f"{{{SVG}}}style" and ("&" in data or "<" in data):
            raise _Unsupported("markup in an SVG style")  # html.parser reads it raw, HTML5 as markup
        self._append_text(data)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.svg_depth:
            self._start(tag, attrs)
            self._end(tag)
        else:
            self.handle_starttag(tag, attrs)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _UNSUPPORTED and not (tag == "a" and self.anchor_depth == 0):
            raise _Unsupported(tag)
        if tag == "a":
            self.anchor_depth += 1
        if self.state == "after-head" and tag in ("style", "title") and len(self.stack) == 1:
            # HTML5 puts it in the head after all (a chunk's own style)
            assert self.root is not None
            self.stack.append(self.root[0])
            self._start(tag, attrs)
            del self.stack[-2]
            return
        expected = {"start": "html", "html": "head", "after-head": "body"}.get(self.state)
        if expected is not None and tag != expected:
            raise _Unsupported(f"{tag} in {self.state}")
        if self.state == "after-body" or (tag in ("html", "head", "body") and expected != tag):
            raise _Unsupported(tag)
        parent = self.stack[-1].tag if self.stack else None
        if tag not in _PHRASING and any(e.tag in _PHRASING_ONLY for e in self.stack):
            raise _Unsupported(f"{tag} in a paragraph or heading")
        misplaced = tag in _PARENTS and parent not in _PARENTS[tag]
        if misplaced or (parent in _CHILDREN and tag not in _CHILDREN[parent]):
            raise _Unsupported(f"{tag} in {parent}")
        self._start(tag, attrs)
        if tag in _VOID and not self.svg_depth:
            self._end(tag)
        self.state = {"html": "html", "head": "head", "body": "body"}.get(tag, self.state)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.svg_depth and (tag in _BREAKS_OUT_OF_SVG or tag in ("foreignobject", "script", "font", "math")):
            raise _Unsupported(f"{tag} in SVG")  # HTML5 leaves the SVG there, or parses HTML inside
        if tag == "svg" or self.svg_depth:
            self.svg_depth += 1
            name = f"{{{SVG}}}{self.svg_tags.get(tag, tag)}"
            attrib = {}
            for given, value in attrs:
                key = _FOREIGN_ATTRIBUTES.get(given) or self.svg_attributes.get(given, given)
                if key in attrib:
                    raise _Unsupported("repeated attribute")
                attrib[key] = value or ""
        else:
            name = tag
            attrib = {}
            for key, value in attrs:
                if key in attrib:
                    raise _Unsupported("repeated attribute")
                attrib[key] = value or ""
        element = ET.Element(name, attrib)
        if self.root is None:
            self.root = element
        else:
            self.stack[-1].append(element)
        self.stack.append(element)
        self.last = None

    def handle_endtag(self, tag: str) -> None:
        if self.svg_depth:
            self._end(tag)
            return
        if tag in _VOID:
            raise _Unsupported(f"end tag {tag}")
        if tag == "a":
            self.anchor_depth -= 1
        if tag == "body":
            if self.stack[-1].tag != "body":
                raise _Unsupported("unclosed element in body")
            self.state = "after-body"
            body = self.stack[-1]
            self.last = body[-1] if len(body) else None  # text after </body> goes where HTML5 puts it
            return
        if tag == "head" and self.state == "after-head":
            return  # ignored, as HTML5 does
        if self.state == "after-head" and len(self.stack) == 2 and tag in ("style", "title"):
            self._end(tag)
            self.last = None
            return
        if tag == "html":
            if self.state != "after-body":
                raise _Unsupported("end of html")
            return
        self._end(tag)
        if tag == "head":
            self.state = "after-head"

    def _end(self, tag: str) -> None:
        expected = f"{{{SVG}}}{self.svg_tags.get(tag, tag)}" if self.svg_depth else tag
        if not self.svg_depth and tag in _CLOSES_SECTIONS and self.stack and self.stack[-1].tag != tag:
            # `</main>` with a section open (a chunk that starts inside part 2): HTML5 closes the section too
            open_tags = [e.tag for e in self.stack]
            if tag in open_tags:
                above = open_tags[len(open_tags) - 1 - open_tags[::-1].index(tag) + 1 :]
                if all(t in _SECTIONS for t in above):
                    del self.stack[len(self.stack) - len(above) :]
        element = self.stack.pop() if self.stack else None
        if element is None:
            raise _Unsupported(f"stray end tag {tag}")
        if element.tag != expected:
            raise _Unsupported(f"{tag} closes {element.tag}")
        if self.svg_depth:
            self.svg_depth -= 1
        self.last = element


def tree(page: str) -> ET.Element | None:
    """The page's element tree as tinyhtml5 builds it, or None where this builder does not follow HTML5."""
    if "\r" in page or "\0" in page:
        return None
    builder = _Builder()
    try:
        builder.feed(page)
        builder.close()
    except _Unsupported:
        return None
    if builder.state != "after-body" or builder.root is None or builder.svg_depth or builder.rawdata:
        return None
    return builder.root
