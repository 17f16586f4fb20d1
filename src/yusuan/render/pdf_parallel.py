"""A long PDF typeset in two processes: the page cut into chunks at page breaks, the PDFs joined.

WeasyPrint uses one core.  A department's PDF (184 pages, one table of
10,000 cells) took ≈ 12 CPU s in it, so on a 2-core machine the page is cut
where it breaks pages anyway (before a budget table, before part 3 and part
4), the chunks are shared between two forked workers (the most expensive
first), and the chunks' PDFs are joined with PyMuPDF.  What crosses a cut
is rebuilt so the reader sees the same document:

- page numbers and the running header: the chunks are typeset without them;
  a "furniture" document of blank pages of the same sizes (same CSS, same
  cover strings) draws them, and each of its pages is laid over its page;
- the contents' page numbers: the cover and contents are typeset last, by
  the parent, with each entry's number written in (`attr(data-page)` instead
  of `target-counter`, the same leader and text), and their links added as
  go-to links to the anchors' pages and positions;
- the outline (bookmarks): the chunks' headings, in order, nested by
  WeasyPrint's own rule (`make_page_bookmark_tree`);
- the named destinations (every anchor) and the metadata (title, author,
  creator, language) from the contents' chunk.

Layout inside a chunk is the layout of the whole page: every cut is at a
forced page break and no CSS counter or string but `page` and the cover's
strings crosses it.  Used only where it pays (a big document, ≥ 2 CPUs, a
single-threaded process, Linux `fork`); `YUSUAN_JOBS=1` turns it off.
"""

from __future__ import annotations

import importlib
import logging
import os
import pickle
import re
from dataclasses import dataclass, field
from itertools import combinations, pairwise
from typing import Any

from yusuan.children import die_with_parent, may_fork

# Below this many table cells and paragraphs one process is faster (the example budget has ≈ 1,000).
MIN_WORK = 8000
PX_TO_PT = 0.75

_NO_FURNITURE = """
@page { @top-center { content: none; } @bottom-center { content: none; } }
"""
_NUMBERED_CONTENTS = """
.pdf .toc a[data-page]::after { content: leader(".") attr(data-page); }
"""
_FURNITURE = """
html, body { background: none; }
.furniture { break-before: page; height: 1px; string-set: folio attr(data-folio); }
.furniture.wide { page: wide; }
@page { @bottom-center { content: "— " string(folio) " —"; } }
"""


@dataclass
class Typeset:
    """One chunk's PDF and what its pages hold, as plain data (it crosses a pipe)."""

    pdf: bytes
    anchors: list[dict[str, tuple[float, ...]]] = field(default_factory=list)
    links: list[list[tuple[str, str, tuple[float, float, float, float]]]] = field(default_factory=list)
    bookmarks: list[list[Any]] = field(default_factory=list)
    wide: list[bool] = field(default_factory=list)


@dataclass
class Cut:
    """The page split: its head (up to `<body …>`), the cover and contents, and the body's units."""

    head: str
    body_open: str
    front: str
    units: list[str]
    continued: list[bool]  # the unit starts inside part 2 (needs a part wrapper when it opens a chunk)


def workers() -> int:
    """How many processes may typeset (1: no fork)."""
    return 2 if may_fork() else 1


def worth_splitting(page: str) -> bool:
    return page.count("<td") + page.count("<p") >= MIN_WORK and "<main>" in page


def cut(page: str) -> Cut:
    """The page's units of work, each starting at a forced page break."""
    body = page.index("<body")
    body_end = page.index(">", body) + 1
    main = page.index("<main>")
    end = page.index("</main>")
    starts = [page.index('<section class="part" id="part-1">')]
    part2 = page.index('<section class="part" id="part-2">')
    blocks = [m.start() for m in re.finditer(r'<section class="table-block', page)]
    starts += [part2, *blocks[1:]]
    continued = [False, False] + [True] * len(blocks[1:])
    for part in ("part-3", "part-4"):
        starts.append(page.index(f'<section class="part" id="{part}">'))
        continued.append(False)
    bounds = [*starts, end]
    units = [page[a:b] for a, b in pairwise(bounds)]
    return Cut(page[:body], page[body:body_end], page[body_end:main], units, continued)


def _cost(unit: str) -> float:
    # Measured on the department: ≈ 0.75 ms a table cell, ≈ 1.3 ms a paragraph.
    return unit.count("<td") + unit.count("<th") + 1.7 * unit.count("<p") + 50


def plan(units: list[str]) -> list[tuple[int, int]]:
    """Contiguous chunks (start, end) of units: the split into 2 or 3 whose busier worker has least."""
    costs = [_cost(u) for u in units]
    n = len(units)

    def span(a: int, b: int) -> float:
        return sum(costs[a:b])

    best: tuple[float, list[tuple[int, int]]] = (span(0, n), [(0, n)])
    for i in range(1, n):
        best = min(best, (max(span(0, i), span(i, n)), [(0, i), (i, n)]), key=lambda b: b[0])
    for i, j in combinations(range(1, n), 2):
        chunks = [(0, i), (i, j), (j, n)]
        loads = sorted((span(a, b) for a, b in chunks), reverse=True)
        makespan = max(loads[0], loads[1] + loads[2])
        best = min(best, (makespan + 50, chunks), key=lambda b: b[0])
    return best[1]


def chunk_page(c: Cut, start: int, end: int) -> str:
    wrapper = '<section class="part">\n' if c.continued[start] else ""
    style = f"<style>{_NO_FURNITURE}</style>\n"
    body = "".join(c.units[start:end])
    return f"{c.head}{style}</head>\n{c.body_open}\n<main>\n{wrapper}{body}</main>\n</body>\n</html>\n"


class _ElsewhereAnchors(logging.Filter):
    """Drop WeasyPrint's complaint about a contents link whose anchor is in another chunk (linked after joining)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("No anchor #")


def typeset(page: str, *, links_elsewhere: bool = False) -> Typeset:
    from yusuan.render.pdf_html import document as weasyprint_document

    logger, quiet = logging.getLogger("weasyprint"), _ElsewhereAnchors()
    if links_elsewhere:
        logger.addFilter(quiet)
    try:
        document = weasyprint_document(page).render()
        pages = document.pages
        return Typeset(
            pdf=document.write_pdf(),
            anchors=[dict(p.anchors) for p in pages],
            links=[[(kind, target, tuple(rect)) for kind, target, rect, _box in p.links] for p in pages],
            bookmarks=[list(p.bookmarks) for p in pages],
            wide=[p.width > p.height for p in pages],
        )
    finally:
        logger.removeFilter(quiet)


def _fork(pages: list[str]) -> tuple[int, int]:
    """A child typesetting `pages` in turn; returns (pid, read end of its pipe)."""
    read, write = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        status = 0
        try:
            die_with_parent(parent)
            os.close(read)
            data = pickle.dumps([typeset(p) for p in pages])
            with os.fdopen(write, "wb") as out:
                out.write(data)
        except BaseException:
            status = 1
        os._exit(status)  # no clean-up: the child's boxes are not worth freeing
    os.close(write)
    return pid, read


def _collect(pid: int, read: int) -> list[Typeset]:
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not data:
        raise RuntimeError("a PDF worker failed")
    result: list[Typeset] = pickle.loads(data)
    return result


def typeset_chunks(pages: list[str]) -> list[Typeset]:
    """Each chunk typeset; two forked workers, the costliest chunk alone when it is most of the work."""
    costs = [_cost(p) for p in pages]
    order = sorted(range(len(pages)), key=lambda i: -costs[i])
    shares: list[list[int]] = [[], []]
    loads = [0.0, 0.0]
    for i in order:
        w = 0 if loads[0] <= loads[1] else 1
        shares[w].append(i)
        loads[w] += costs[i]
    children = [(share, _fork([pages[i] for i in share])) for share in shares if share]
    done: dict[int, Typeset] = {}
    for share, (pid, read) in children:
        for i, result in zip(share, _collect(pid, read), strict=True):
            done[i] = result
    return [done[i] for i in range(len(pages))]


def render_split(page: str) -> bytes:
    """The PDF of `page` (render_page(pdf=True)), typeset in chunks by two workers."""
    pymupdf = _pymupdf()

    c = cut(page)
    chunks = plan(c.units)
    body = typeset_chunks([chunk_page(c, a, b) for a, b in chunks])
    # Page numbers and header (two workers) while the cover and contents are typeset here.
    front_guess = 2  # the cover and one page of contents, checked below
    wide = [False] * front_guess + [w for t in body for w in t.wide]
    middle = (1 + len(wide)) // 2
    halves = [(1, middle), (middle, len(wide))]
    drawing = [_fork([_furniture_page(c, wide, a, b)]) for a, b in halves]
    front_pages = front_guess
    for _ in range(3):
        numbers = _page_numbers(body, front_pages)
        front = typeset(_front_page(c, numbers), links_elsewhere=True)
        if len(front.anchors) == front_pages:
            break
        front_pages = len(front.anchors)
    furniture = [_collect(pid, read)[0] for pid, read in drawing]
    parts = [front, *body]
    wide = [w for t in parts for w in t.wide]
    if len(front.anchors) != front_guess:  # the contents took another page: its furniture again
        halves = [(1, len(wide))]
        furniture = [typeset(_furniture_page(c, wide, 1, len(wide)))]
    joined = pymupdf.open()
    for t in [*parts, *furniture]:
        with pymupdf.open(stream=t.pdf, filetype="pdf") as d:
            joined.insert_pdf(d, links=False, annots=False)
    over = len(wide)
    for (first, last), _t in zip(halves, furniture, strict=True):
        _lay_over(joined, range(first, last), over)  # the furniture document's page 1 is its cover
        over += 1 + last - first
    joined.delete_pages(range(len(wide), joined.page_count))
    _link_contents(joined, front, numbers, parts)
    _outline(joined, parts)
    _destinations(joined, parts)
    with pymupdf.open(stream=front.pdf, filetype="pdf") as d:
        joined.set_metadata({k: v for k, v in d.metadata.items() if k in _METADATA and v})
        lang = d.xref_get_key(d.pdf_catalog(), "Lang")
    if lang[0] == "string":
        joined.xref_set_key(joined.pdf_catalog(), "Lang", pymupdf.get_pdf_str(lang[1]))
    out = joined.tobytes(garbage=1, deflate=True)
    joined.close()
    assert isinstance(out, bytes)
    return out


def _lay_over(joined: Any, pages: range, over: int) -> None:
    """Draw page `over + 1 + i` (the furniture) over page `pages[i]` as a form XObject.

    WeasyPrint's page content opens with an unbalanced `cm` (its y flip), so the
    page's own content is wrapped in `q … Q` before the form is drawn.
    """
    opening = joined.get_new_xref()
    joined.update_object(opening, "<<>>")
    joined.update_stream(opening, b"q\n")
    for i, n in enumerate(pages):
        page, furniture = joined[n], joined[over + 1 + i]
        form = joined.get_new_xref()
        _kind, resources = joined.xref_get_key(furniture.xref, "Resources")  # a reference or a dict, as written
        box = " ".join(f"{v:g}" for v in furniture.mediabox)
        joined.update_object(form, f"<< /Type /XObject /Subtype /Form /BBox [{box}] /Resources {resources} >>")
        joined.update_stream(form, furniture.read_contents())
        name = f"yusuanFurniture{n}"
        closing = joined.get_new_xref()
        joined.update_object(closing, "<<>>")
        joined.update_stream(closing, f"Q\nq /{name} Do Q\n".encode())
        kind, contents = joined.xref_get_key(page.xref, "Contents")
        inner = contents.strip("[]") if kind == "array" else contents
        joined.xref_set_key(page.xref, "Contents", f"[{opening} 0 R {inner} {closing} 0 R]")
        kind, own = joined.xref_get_key(page.xref, "Resources")
        holder = int(own.split()[0]) if kind == "xref" else page.xref
        prefix = "" if kind == "xref" else "Resources/"
        joined.xref_set_key(holder, f"{prefix}XObject/{name}", f"{form} 0 R")


_METADATA = ("title", "author", "subject", "keywords", "creator", "producer", "creationDate", "modDate")


def _page_numbers(body: list[Typeset], before: int) -> dict[str, tuple[int, float, float]]:
    """Anchor → (page number, x, y) over the body chunks, which follow `before` pages."""
    found: dict[str, tuple[int, float, float]] = {}
    number = before
    for t in body:
        for anchors in t.anchors:
            number += 1
            for name, (x, y, *_rest) in anchors.items():
                found.setdefault(name, (number, x, y))
    return found


def _front_page(c: Cut, numbers: dict[str, tuple[int, float, float]]) -> str:
    def number(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in numbers:
            return match.group(0)
        return f'<a href="#{name}" data-page="{numbers[name][0]}">'

    front = re.sub(r'<a href="#([^"]+)">', number, c.front)
    style = f"<style>{_NUMBERED_CONTENTS}{_NO_FURNITURE}</style>\n"
    return f"{c.head}{style}</head>\n{c.body_open}\n{front}</body>\n</html>\n"


def _furniture_page(c: Cut, wide: list[bool], first: int, last: int) -> str:
    """Blank pages `first` … `last - 1` (0-based) of the sizes given, after the cover that sets the header's strings."""
    cover = c.front[: c.front.index('<nav class="toc"')]
    blank = "".join(
        f'<div class="furniture{" wide" if wide[n] else ""}" data-folio="{n + 1}"></div>\n' for n in range(first, last)
    )
    return f"{c.head}<style>{_FURNITURE}</style>\n</head>\n{c.body_open}\n{cover}{blank}</body>\n</html>\n"


def _link_contents(
    joined: Any, front: Typeset, numbers: dict[str, tuple[int, float, float]], parts: list[Typeset]
) -> None:
    """The contents' entries as go-to links to their anchors (as WeasyPrint links them in one document)."""
    pymupdf = _pymupdf()

    for n, links in enumerate(front.links):
        for kind, target, (x1, y1, x2, y2) in links:
            if kind != "internal" or target not in numbers:
                continue
            page, ax, ay = numbers[target]
            rect = pymupdf.Rect(x1 * PX_TO_PT, y1 * PX_TO_PT, x2 * PX_TO_PT, y2 * PX_TO_PT)
            to = pymupdf.Point(ax * PX_TO_PT, ay * PX_TO_PT)
            joined[n].insert_link({"kind": pymupdf.LINK_GOTO, "from": rect, "page": page - 1, "to": to})


def _destinations(joined: Any, parts: list[Typeset]) -> None:
    """Every anchor as a named destination (`file.pdf#table-7`), as WeasyPrint writes them."""
    pymupdf = _pymupdf()
    found: dict[str, tuple[int, float, float]] = {}
    number = 0
    for t in parts:
        for anchors in t.anchors:
            for name, (x, y, *_rest) in anchors.items():
                found.setdefault(name, (number, x, y))
            number += 1
    names = []
    for name in sorted(found):
        n, x, y = found[name]
        page = joined[n]
        left, top = _number(x * PX_TO_PT), _number(page.rect.height - y * PX_TO_PT)
        names.append(f"{pymupdf.get_pdf_str(name)}[{page.xref} 0 R/XYZ {left} {top} 0]")
    joined.xref_set_key(joined.pdf_catalog(), "Names", f"<</Dests<</Names[{''.join(names)}]>>>>")


def _number(value: float) -> str:
    return f"{value:f}".rstrip("0").rstrip(".")  # as pydyf writes it


def _outline(joined: Any, parts: list[Typeset]) -> None:
    """The bookmarks of all chunks as one outline, nested as WeasyPrint nests them."""
    from weasyprint.anchors import make_page_bookmark_tree
    from weasyprint.matrix import Matrix

    root: list[Any] = []
    skipped: list[int] = []
    last_by_depth: list[Any] = [root]
    previous = 0
    number = 0
    for t in parts:
        for marks in t.bookmarks:
            holder = type("P", (), {"bookmarks": marks})()
            previous = make_page_bookmark_tree(holder, skipped, last_by_depth, previous, number, Matrix(a=1, d=1))
            number += 1
    toc: list[list[Any]] = []

    def walk(nodes: list[Any], level: int) -> None:
        for label, (page, x, y), children, _state in nodes:
            toc.append([level, label, page + 1, {"kind": 1, "to": _point(x, y), "zoom": 0}])
            walk(children, level + 1)

    walk(root, 1)
    joined.set_toc(toc, collapse=99)


def _point(x: float, y: float) -> Any:
    pymupdf = _pymupdf()

    return pymupdf.Point(x * PX_TO_PT, y * PX_TO_PT)


def _pymupdf() -> Any:
    return importlib.import_module("pymupdf")  # untyped
