"""What a PDF's pages show a reviewer that their text hides: blank pages, text cut by the page edge, missing glyphs.

A reviewer leafing through a published PDF sees at a glance a page with
nothing on it, a line or a table running off the edge of the paper, a
character printed as an empty box because the embedded font has no glyph
for it.  Text extraction hides all three: a blank page yields no lines, the
cut part of a character still extracts, and a missing glyph still carries
its Unicode value.  `page_marks` notes them while `pdf_page.read_page` has
the page open (so the file is read once; the marks are small and pickle
with the page from `pdf_fork`'s child); `pdf_defects.page_defects` turns the marks of a
document's laid-out pages into the `PageDefect`s a `Disclosure` carries
for the `pages` rule family.

- **blank**: no text line left once page numbers and running headers are
  dropped, no image and no visible drawing (a white rectangle covering the
  page is not ink).  A page that says it is blank (此页无正文) has text and
  is not blank.
- **text-outside**: a line of text the edge of the paper cuts.  PyMuPDF's
  text trace holds every character drawn, also those the clipped `rawdict`
  of `pdf_page` drops; one sticking out of the page by `CUT_SHARE` of its
  box or more counts where the page, rendered once in grey, shows its line
  on the paper (ink in the cut character's part on the page, or in a
  character of the same line wholly on it).  A line wholly off the page
  counts only past an edge that visible rulings run into (a table cut by
  the edge), within their span.  Other text off the page, or hidden by a
  clip path, is unseen and often deliberate (a copy of a heading placed off
  the page, the overflow of an Excel cell printed on the next page): not
  reported.
- **glyph-missing**: a visible character drawn with glyph 0 (`.notdef`) of
  its font, which viewers show as an empty box or nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

BLANK = "blank"
TEXT_OUTSIDE = "text-outside"
GLYPH_MISSING = "glyph-missing"

CUT_SHARE = 0.3  # a character losing this share of its width or height to the page edge is visibly cut
FEW_LINES = 4  # a page with more text lines than this cannot turn blank when running headers are dropped
SAMPLE = 24  # characters quoted in a message
MISSING_MARK = "□"
_INVISIBLE_TEXT = 3  # texttrace span type: text drawn invisibly (an OCR layer)
_WHITE = (1.0, 1.0, 1.0)
DARK = 160  # a grey level below this is ink
MAX_STRIPS = 40  # drawings crossing an edge looked at for ink
REACH = 0.5  # a drawing coming this close to the page edge runs into it


@dataclass(frozen=True, slots=True)
class PageMarks:
    """One page's defects as `read_page` saw them (small and picklable)."""

    ink: bool | None = None  # an image or a visible drawing; None: not looked for (the page has text)
    outside: str = ""  # the lines the page edge cuts, as read (up to SAMPLE characters)
    outside_count: int = 0
    missing: str = ""  # the text of the spans holding a missing glyph, the glyph as □ (up to SAMPLE)
    missing_count: int = 0


# a character in the trace: (Unicode value, glyph id, origin, box), the box in the unrotated page's frame
Box = tuple[float, float, float, float]
TraceChar = tuple[int, int, tuple[float, float], Box]


def page_marks(
    page: Any, line_count: int, drawings: Sequence[dict[str, Any]] | None, trace: Sequence[dict[str, Any]]
) -> PageMarks:
    """The marks of a PyMuPDF page laid out as `line_count` lines (page numbers dropped); `drawings` its paths
    (`get_cdrawings()`), None when they were not read; `trace` its text trace (`pdf_replay.text_trace`)."""
    width, height = page.rect.width, page.rect.height
    if page.rotation in (90, 270):  # the trace is in the unrotated page's frame
        width, height = height, width
    cut: list[Line] = []
    missing: list[str] = []
    missing_count = 0
    seen: set[tuple[int, int, int]] = set()
    for span in trace:
        if span["type"] == _INVISIBLE_TEXT or span["opacity"] == 0:
            continue
        chars: list[TraceChar] = span["chars"]
        found = 0
        lines: dict[int, Line] | None = None  # made for the few spans the page edge cuts
        for code, glyph, origin, box in chars:
            x0, y0, x1, y1 = box
            if x0 >= 0.0 and y0 >= 0.0 and x1 <= width and y1 <= height and glyph:
                continue
            letter = chr(code) if 0 < code < 0x110000 else ""
            if not letter.strip():
                continue
            key = (code, round(x0), round(y0))  # bold faked by filling, then stroking, the same text
            if key in seen:
                continue
            seen.add(key)
            if glyph == 0 and 0 <= (x0 + x1) / 2 <= width and 0 <= (y0 + y1) / 2 <= height:
                found += 1
            if _cut_share(box, width, height) >= CUT_SHARE:
                baseline = round(origin[1] if span["dir"][0] else origin[0])
                if lines is None:
                    lines = {}
                line = lines.get(baseline)
                if line is None:
                    line = lines[baseline] = Line(span["size"], _on_line(chars, span["dir"][0] != 0, baseline))
                line.cut.append(box)
        if lines is not None:
            cut.extend(lines.values())
        if found:
            missing_count += found
            missing.append(_quoted(chars))
    outside, outside_count = "", 0
    if cut:
        render = Render(page, width, height)
        shown = _shown(render, cut)
        wholly_off = [line for line in cut if line not in shown and len(line.cut) == len(line.chars)]
        shown += _beyond_rulings(render, wholly_off, drawings) if wholly_off and drawings else []
        outside = " ".join(line.text for line in shown)[:SAMPLE]
        outside_count = sum(len(line.cut) for line in shown)
    ink = _ink(page, drawings) if line_count <= FEW_LINES else None
    return PageMarks(ink, outside, outside_count, " ".join(missing)[:SAMPLE], missing_count)


@dataclass
class Line:
    """The characters of one span on one baseline, and the boxes of those the page edge cuts."""

    size: float
    chars: list[TraceChar]
    cut: list[Box] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(chr(c[0]) for c in self.chars if 0 < c[0] < 0x110000 and c[0] != 0xFFFD).strip()


def _on_line(chars: list[TraceChar], horizontal: bool, baseline: int) -> list[TraceChar]:
    axis = 1 if horizontal else 0
    return [c for c in chars if round(c[2][axis]) == baseline]


def _cut_share(box: Box, width: float, height: float) -> float:
    """The share of a box that lies off the page, 0 when it is inside, 1 when it is wholly off."""
    x0, y0, x1, y1 = box
    w, h = max(x1 - x0, 0.1), max(y1 - y0, 0.1)
    inside_w = max(0.0, min(x1, width) - max(x0, 0.0))
    inside_h = max(0.0, min(y1, height) - max(y0, 0.0))
    return 1.0 - (inside_w * inside_h) / (w * h)


def _quoted(chars: list[TraceChar]) -> str:
    """A span's text, each missing glyph as □ (a character without Unicode value dropped)."""
    text = []
    for code, glyph, _, _ in chars:
        if glyph == 0:
            text.append(MISSING_MARK)
        elif 0 < code < 0x110000 and code != 0xFFFD:
            text.append(chr(code))
    return "".join(text).strip()


class Render:
    """The page rendered once, in grey at 72 dpi, on first use; `inked(box)` asks whether a part of it is dark."""

    def __init__(self, page: Any, width: float, height: float) -> None:
        self.page = page
        self.width = width
        self.height = height
        self._pixmap: Any = None

    def inked(self, box: Box, grow: float = 0.0) -> bool:
        """Whether the part of `box` (unrotated frame; its height widened by `grow`) on the page holds ink."""
        pymupdf: Any = importlib.import_module("pymupdf")
        if self._pixmap is None:
            self._pixmap = self.page.get_pixmap(colorspace=pymupdf.csGRAY, alpha=False)
        pixmap = self._pixmap
        x0, y0 = max(box[0], 0.0), max(box[1] - grow, 0.0)
        x1, y1 = min(box[2], self.width), min(box[3] + grow, self.height)
        if x1 <= x0 or y1 <= y0:
            return False
        area = (pymupdf.Rect(x0, y0, x1, y1) * self.page.rotation_matrix).round()  # outward to whole pixels
        area &= pymupdf.IRect(0, 0, pixmap.width, pixmap.height)
        samples: bytes = pixmap.samples
        stride: int = pixmap.stride
        return any(
            samples[row * stride + column] < DARK
            for row in range(area.y0, area.y1)
            for column in range(area.x0, area.x1)
        )


def _shown(render: Render, lines: list[Line]) -> list[Line]:
    """The lines the page edge cuts that show on the page (a clip path hides the others).

    A line shows when the part of a cut character's box on the page, or the
    box of a character of the line wholly on the page, holds ink.  A box cut
    by the top or bottom edge is first stretched by a quarter of the
    character's size across that edge: the box a font reports can be shorter
    than its glyph.
    """
    width, height = render.width, render.height
    shown = []
    for line in lines:
        grow = line.size / 4
        if any(render.inked(box, grow if box[1] < 0.0 or box[3] > height else 0.0) for box in line.cut) or any(
            render.inked(c[3]) for c in line.chars if _cut_share(c[3], width, height) == 0.0
        ):
            shown.append(line)
    return shown


def _beyond_rulings(render: Render, lines: list[Line], drawings: Sequence[dict[str, Any]]) -> list[Line]:
    """Lines wholly off the page past an edge that visible rulings or frames of the page run across.

    A table cut by the edge of the paper shows its rulings running into the
    edge; its rows past the edge are not seen at all.  A line counts when it
    lies, along the edge, within the span of the drawings that cross the
    edge (one of them showing ink at the edge).  Text wholly off the page
    with no drawing leading to it (a heading copied off the page, the
    overflow of a cell) is not reported.
    """
    width, height = render.width, render.height
    # per edge: the drawings that run into it, as (start, end) along the edge and the strip of the page at the
    # edge (a point wider each side: a hairline's box has no width)
    crossing: dict[str, list[tuple[float, float, Box]]] = {"bottom": [], "top": [], "right": [], "left": []}
    for path in drawings:
        r = path["rect"]
        if not _visible(path):
            continue
        if r[1] < height - 1 and r[3] > height - REACH:
            crossing["bottom"].append((r[0], r[2], (r[0] - 1, height - 2, r[2] + 1, height)))
        if r[1] < REACH and r[3] > 1:
            crossing["top"].append((r[0], r[2], (r[0] - 1, 0.0, r[2] + 1, 2.0)))
        if r[0] < width - 1 and r[2] > width - REACH:
            crossing["right"].append((r[1], r[3], (width - 2, r[1] - 1, width, r[3] + 1)))
        if r[0] < REACH and r[2] > 1:
            crossing["left"].append((r[1], r[3], (0.0, r[1] - 1, 2.0, r[3] + 1)))
    spans: dict[str, tuple[float, float]] = {}
    for edge, paths in crossing.items():
        if paths and any(render.inked(strip) for _, _, strip in paths[:MAX_STRIPS]):
            spans[edge] = (min(p[0] for p in paths) - 1, max(p[1] for p in paths) + 1)
    found = []
    for line in lines:
        x0, y0 = min(b[0] for b in line.cut), min(b[1] for b in line.cut)
        x1, y1 = max(b[2] for b in line.cut), max(b[3] for b in line.cut)
        edge, along = (
            ("bottom", (x0, x1))
            if y0 >= height
            else ("top", (x0, x1))
            if y1 <= 0
            else ("right", (y0, y1))
            if x0 >= width
            else ("left", (y0, y1))
        )
        span = spans.get(edge)
        if span is not None and span[0] <= along[0] and along[1] <= span[1]:
            found.append(line)
    return found


def _visible(path: dict[str, Any]) -> bool:
    kind = path.get("type", "")
    return ("s" in kind and path.get("color") not in (None, _WHITE)) or (
        "f" in kind and path.get("fill") not in (None, _WHITE)
    )


def _ink(page: Any, drawings: Sequence[dict[str, Any]] | None) -> bool:
    """Whether the page prints an image or a drawing that shows (not white on white); `drawings` its paths if read."""
    if page.get_images(full=False) and page.get_image_info():
        return True
    return any(_visible(path) for path in (page.get_cdrawings() if drawings is None else drawings))
