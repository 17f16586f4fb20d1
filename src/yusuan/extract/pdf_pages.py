"""What a PDF's pages show a reviewer that their text hides: blank pages, text cut by the page edge, missing glyphs.

A reviewer leafing through a published PDF sees at a glance a page with
nothing on it, a line or a table running off the edge of the paper, a
character printed as an empty box because the embedded font has no glyph
for it.  Text extraction hides all three: a blank page yields no lines, the
cut part of a character still extracts, and a missing glyph still carries
its Unicode value.  `page_marks` notes them while `pdf_page.read_page` has
the page open (so the file is read once; the marks are small and pickle
with the page from `pdf_fork`'s child); `page_defects` turns the marks of a
document's laid-out pages into the `PageDefect`s a `Disclosure` carries
for the `pages` rule family.

- **blank**: no text line left once page numbers and running headers are
  dropped, no image and no visible drawing (a white rectangle covering the
  page is not ink).  A page that says it is blank (此页无正文) has text and
  is not blank.
- **text-outside**: a character that is drawn (it survives PyMuPDF's clip
  to the page box and to the clip paths) but whose box sticks out of the
  page by at least `CUT_SHARE` of its size: the reader sees it cut in two.
  Text entirely off the page, or hidden by a clip path, is invisible and
  often deliberate (a copy of a heading, the overflow of a cell printed on
  the next page); it is not reported.
- **glyph-missing**: a visible character drawn with glyph 0 (`.notdef`) of
  its font, which viewers show as an empty box or nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from yusuan.extract.lines import TextLine
from yusuan.model.disclosure import Disclosure, PageDefect

if TYPE_CHECKING:
    from yusuan.extract.pdf_page import PageContent

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


def page_marks(page: Any, line_count: int) -> PageMarks:
    """The marks of a PyMuPDF page laid out as `line_count` lines (page numbers dropped)."""
    width, height = page.rect.width, page.rect.height
    if page.rotation in (90, 270):  # the trace is in the unrotated page's frame
        width, height = height, width
    cut: list[Line] = []
    missing: list[str] = []
    missing_count = 0
    seen: set[tuple[int, int, int]] = set()
    for span in page.get_texttrace():
        if span["type"] == _INVISIBLE_TEXT or span["opacity"] == 0:
            continue
        chars: list[TraceChar] = span["chars"]
        found = 0
        lines: dict[int, Line] = {}
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
                line = lines.get(baseline)
                if line is None:
                    line = lines[baseline] = Line(span["size"], _on_line(chars, span["dir"][0] != 0, baseline))
                line.cut.append(box)
        cut.extend(lines.values())
        if found:
            missing_count += found
            missing.append(_quoted(chars))
    outside, outside_count = _shown(page, cut, width, height) if cut else ("", 0)
    ink = _ink(page) if line_count <= FEW_LINES else None
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


def _shown(page: Any, lines: list[Line], width: float, height: float) -> tuple[str, int]:
    """The lines the page edge cuts that show on the page (a clip path hides the others): their text, cut count.

    The page is rendered once, in grey at 72 dpi.  A line shows when the part
    of a cut character's box on the page, or the box of a character of the
    line wholly on the page, holds a dark pixel.  A box cut by the top or
    bottom edge is first stretched by a quarter of the character's size
    across that edge: the box a font reports can be shorter than its glyph.
    """
    pymupdf: Any = importlib.import_module("pymupdf")
    pixmap = page.get_pixmap(colorspace=pymupdf.csGRAY, alpha=False)
    samples: bytes = pixmap.samples
    stride: int = pixmap.stride
    to_page = page.rotation_matrix
    bounds = pymupdf.IRect(0, 0, pixmap.width, pixmap.height)

    def inked(box: Box, grow: float) -> bool:
        x0, y0 = max(box[0], 0.0), max(box[1] - grow, 0.0)
        x1, y1 = min(box[2], width), min(box[3] + grow, height)
        if x1 <= x0 or y1 <= y0:
            return False
        area = (pymupdf.Rect(x0, y0, x1, y1) * to_page).round() & bounds  # round(): outward to whole pixels
        return any(
            samples[row * stride + column] < DARK
            for row in range(area.y0, area.y1)
            for column in range(area.x0, area.x1)
        )

    texts: list[str] = []
    count = 0
    for line in lines:
        grow = line.size / 4
        if any(inked(box, grow if box[1] < 0.0 or box[3] > height else 0.0) for box in line.cut) or any(
            inked(c[3], 0.0) for c in line.chars if _cut_share(c[3], width, height) == 0.0
        ):
            texts.append(line.text)
            count += len(line.cut)
    return " ".join(texts)[:SAMPLE], count


def _ink(page: Any) -> bool:
    """Whether the page prints an image or a drawing that shows (not white on white)."""
    if page.get_images(full=False) and page.get_image_info():
        return True
    for path in page.get_cdrawings():
        kind = path.get("type", "")
        if "s" in kind and path.get("color") not in (None, _WHITE):
            return True
        if "f" in kind and path.get("fill") not in (None, _WHITE):
            return True
    return False


def page_defects(pages: Sequence[PageContent]) -> list[PageDefect]:
    """The defects of a document's laid-out pages (page numbers and running lines already dropped)."""
    defects: list[PageDefect] = []
    for page in pages:
        marks = page.marks
        if marks is None:
            continue
        if not page.lines and marks.ink is False:
            defects.append(PageDefect(kind=BLANK, page=page.number))
        if marks.outside_count:
            defects.append(
                PageDefect(kind=TEXT_OUTSIDE, page=page.number, text=marks.outside, count=marks.outside_count)
            )
        if marks.missing_count:
            defects.append(
                PageDefect(kind=GLYPH_MISSING, page=page.number, text=marks.missing, count=marks.missing_count)
            )
    return defects


class PagedLines(list[TextLine]):
    """A PDF's lines, and the defects of the pages they were read from (`defects`)."""

    def __init__(self, lines: Sequence[TextLine], defects: Sequence[PageDefect]) -> None:
        super().__init__(lines)
        self.defects = tuple(defects)


def with_defects(disclosure: Disclosure, lines: Sequence[TextLine], file: str | None = None) -> Disclosure:
    """The disclosure read from `lines`, carrying the page defects they bring (tagged with `file` if given)."""
    if not isinstance(lines, PagedLines) or not lines.defects:
        return disclosure
    found = [d.model_copy(update={"file": file}) if file else d for d in lines.defects]
    return disclosure.model_copy(update={"page_defects": [*disclosure.page_defects, *found]})
