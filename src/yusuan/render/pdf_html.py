"""WeasyPrint's HTML document for yusuan's page: parsed faster (`pdf_tree`), user-agent stylesheet trimmed.

WeasyPrint matches every element against its user-agent stylesheet
(`html5_ua.css`) before the page's own CSS.  Six of its rules have a bare
pseudo-element selector (`::marker` and five footnote and note parts): they
match every element, so WeasyPrint computes six pseudo-element styles for
each of a department's 30,000 elements and never uses one (the page has no
footnotes or notes, and its only list items are `li`).  Some twenty more
selectors test an attribute alone (`[dir=rtl i] …`, `[hidden]`, a table's
`rules` and `frame`) or an `input`, on every element, and never match on
this page.  Matching and computing those was ≈ 5–8 % of typesetting the
department's tables.

`document(page)` is `weasyprint.HTML(string=page)` with those rules left
out (and `::marker` kept, as `li::marker`): the same computed style for
every element and pseudo-element the page has, so the same PDF, byte for
byte.  The trimmed stylesheet is used only when every edit applies to
WeasyPrint's stylesheet as shipped and the page has none of the attributes
or elements the dropped rules are about; otherwise the page gets WeasyPrint's
own stylesheet.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from yusuan.lazy_pattern import lazy_compile

# (WeasyPrint's text, ours): each must occur exactly once in html5_ua.css.
_EDITS = [
    ("\n[hidden], area, base,", "\narea, base,"),
    ("\n:is(colgroup, col, thead, tbody, tfoot, tr, td, th)[hidden] { visibility: collapse }", ""),
    ("\n::marker {", "\nli::marker {"),
    ("\n[dir=ltr i] { direction: ltr }\n[dir=rtl i] { direction: rtl }", ""),
    *[
        (f"\n{outer}[dir={d} i] :is(dir, menu, ol, ul) {{ padding-left: {pad}; padding-right: {other} }}", "")
        for outer in ("", "[dir] ", "[dir] [dir] ")
        for d, pad, other in [("ltr", "40px", "0"), ("rtl", "0", "40px")]
    ],
    ("\n:is(dir, menu, ol, ul)[dir=ltr i][dir][dir] { padding-left: 40px; padding-right: 0 }", ""),
    ("\n:is(dir, menu, ol, ul)[dir=rtl i][dir][dir] { padding-left: 0; padding-right: 40px }", ""),
    ('\n:is(input, input[value=""], input[type=checkbox i], input[type=radio i]) { content: ""; display: block }', ""),
    ("\ntable:is([rules], [frame]):is(", None),
    *[
        (f"\n::{part} {{", None)
        for part in ("footnote-call", "footnote-marker", "note-call", "note-marker", "note-callback")
    ],
]

# What the dropped rules are about: an attribute in a tag, an element, a footnote.
_NEEDS_FULL_SHEET = lazy_compile(
    r"<[a-zA-Z][^>]*\s(?:dir|hidden|rules|frame)[\s=/>]|<(?:input|dir|menu|ol|dl|summary)[\s/>]|footnote|list-item"
)


@cache
def _lean_stylesheet() -> Any:
    """WeasyPrint's user-agent stylesheet without the rules above, or None if they are not as expected."""
    from weasyprint import CSS
    from weasyprint.html import UA, UA_COUNTER_STYLE

    text = UA
    for old, new in _EDITS:
        if text.count(old) != 1:
            return None
        if new is None:  # the whole rule, up to its closing brace
            start = text.index(old)
            end = text.index("}", start) + 1
            text = text[:start] + text[end:]
        else:
            text = text.replace(old, new)
    return CSS(string=text, counter_style=UA_COUNTER_STYLE)


def prepare() -> None:
    """Load WeasyPrint and parse the trimmed stylesheet (before forking workers, which then share it)."""
    _lean_stylesheet()


def lean_applies(page: str) -> bool:
    return _lean_stylesheet() is not None and not _NEEDS_FULL_SHEET.search(page)


def document(page: str) -> Any:
    """`weasyprint.HTML` of `page`: parsed by `pdf_tree` and with the trimmed user-agent stylesheet where each
    gives the same result as WeasyPrint's own parser and stylesheet."""
    from weasyprint import HTML

    from yusuan.render.pdf_tree import tree

    lean = lean_applies(page)
    root = tree(page) if "<base" not in page else None  # no <base>: the base URL stays None
    if not lean and root is None:
        return HTML(string=page, base_url=None)

    class _Page(HTML):  # type: ignore[misc]
        def __init__(self) -> None:
            if root is None:
                super().__init__(string=page, base_url=None)
                return
            import cssselect2  # type: ignore[import-untyped]
            from weasyprint.urls import URLFetcher

            # what HTML.__init__ sets, from our tree instead of tinyhtml5's
            self.base_url = None
            self.url_fetcher = URLFetcher()
            self.media_type = "print"
            self.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
            self.etree_element = self.wrapper_element.etree_element

        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            sheets: list[Any] = super()._ua_stylesheets(forms)
            return [_lean_stylesheet(), *sheets[1:]] if lean else sheets

    return _Page()
