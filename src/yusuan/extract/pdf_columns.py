"""Read tables printed without rulings: columns placed by where the template's header words stand.

No ruling marks the cells of a whitespace-aligned table; only the gaps
between words do, and gaps alone are a poor guide (a long label reaches under
the next column, an empty cell leaves no trace).  The template knows what the
headers of its tables say, so a line whose wide-gap pieces ("runs") are
mostly header words (`科目编码`, `合计`, `基本支出`, …) starts a table; the
header lines around it give the column bands (a word with nothing printed
under it in a lower header line is a leaf column, the others are group
headings), and every following line is cut along those bands until the table
ends: a title, a note, a long sentence, a gap, or a line that does not fit.
The result is the same tab-separated rows a ruled table gives, so the one
reader maps headers and rows onto canonical keys.  A table that runs to the
foot of a page carries its bands to the next page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from yusuan.extract.normalise import fold, fold_item, is_amount
from yusuan.extract.pdf_page import PageContent, PageLine, Run
from yusuan.extract.template import Template
from yusuan.lazy_pattern import lazy_compile

MAX_HEADER_LINES = 4
MAX_ROW_GAP = 5.0  # line heights between two rows of one table (header rows are tall)
_ENDS_TABLE = lazy_compile(
    r"^\s*(?:注|备注|说明)\s*[:：]|^\s*第[一二三四五六七八九十]+部分|表\s*$|^\s*(?:附)?表\s*[\d一二三四五六七八九十]|公开\s*\d+\s*表"
)


@dataclass(frozen=True)
class Bands:
    """The columns of a whitespace table: left and right edge of each band."""

    edges: tuple[tuple[float, float], ...]

    @property
    def left(self) -> float:
        return self.edges[0][0]

    @property
    def right(self) -> float:
        return self.edges[-1][1]

    def band_of(self, run: Run) -> int:
        """The band the run overlaps most (the nearest when it overlaps none)."""
        best, best_overlap = 0, -1.0
        for index, (x0, x1) in enumerate(self.edges):
            overlap = min(run.x1, x1) - max(run.x0, x0)
            if overlap > best_overlap:
                best, best_overlap = index, overlap
        if best_overlap > 0:
            return best
        centre = (run.x0 + run.x1) / 2
        return min(range(len(self.edges)), key=lambda i: abs((self.edges[i][0] + self.edges[i][1]) / 2 - centre))

    def cells(self, runs: Sequence[Run]) -> list[str]:
        cells = [""] * len(self.edges)
        for run in runs:
            index = self.band_of(run)
            cells[index] = f"{cells[index]} {run.text}".strip()
        return cells


def header_vocabulary(template: Template) -> frozenset[str]:
    """Every word the template's table headers print, folded."""
    words: set[str] = {"项目", "科目", "栏次", "金额"}
    for spec in template.tables:
        for column in (*spec.columns, *spec.path_columns):
            words.update(column.labels)
        for row_specs in spec.rows.values():
            for row in row_specs:
                words.update(part for label in row.labels for part in label.split("/"))
    words.update(template.code_words, template.name_words, template.project_words, template.label_words)
    for side_words in template.sides.values():
        words.update(side_words)
    return frozenset(fold_item(w) for w in words if w)


def align_whitespace_tables(pages: Sequence[PageContent], template: Template) -> None:
    """Turn the whitespace-aligned tables on these pages into table rows (in place)."""
    vocabulary = header_vocabulary(template)
    carried: Bands | None = None
    for page in pages:
        carried = _align_page(page, vocabulary, carried)


def _align_page(page: PageContent, vocabulary: frozenset[str], carried: Bands | None) -> Bands | None:
    lines = page.lines
    out: list[PageLine] = []
    first = next((line for line in lines if not line.is_row), None)
    continues = first is not None and (len(first.runs) >= 2 or any(is_amount(r.text) for r in first.runs))
    bands = carried if continues else None
    previous: PageLine | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if line.is_row:
            bands = None
            out.append(line)
            previous = line
            continue
        if bands is None and _is_header(line, vocabulary):
            start = _header_start(out, line)
            end = _header_end(lines, index)
            header = [*out[start:], line, *lines[index:end]]
            del out[start:]
            bands = _bands(header)
            out.extend(PageLine(h.top, bands.cells(h.runs), is_row=True, height=h.height) for h in header)
            previous = out[-1]
            index = end
            continue
        if bands is not None and _fits(line, bands, previous):
            out.append(PageLine(line.top, bands.cells(line.runs), is_row=True, height=line.height))
            previous = out[-1]
            continue
        bands = None
        out.append(line)
        previous = line
    page.lines = out
    return bands if out and out[-1].is_row else None


def _words(line: PageLine) -> list[str]:
    return [fold_item(run.text) for run in line.runs]


def _is_header(line: PageLine, vocabulary: frozenset[str]) -> bool:
    runs = _words(line)
    known = sum(1 for word in runs if word in vocabulary)
    return len(runs) >= 2 and known >= 2 and known * 2 >= len(runs) and not any(is_amount(r.text) for r in line.runs)


def _header_start(out: list[PageLine], line: PageLine) -> int:
    """Group heading lines just above the detected header line belong to the header."""
    start = len(out)
    while start > 0 and len(out) - start < MAX_HEADER_LINES - 1:
        above = out[start - 1]
        if above.is_row or len(above.runs) < 2 or any(is_amount(r.text) for r in above.runs):
            break
        if line.top - above.top > (len(out) - start + 1) * max(line.height, 1.0) * MAX_ROW_GAP:
            break
        if _ENDS_TABLE.search(above.text) or "单位" in above.text:
            break
        start -= 1
    return start


def _header_end(lines: Sequence[PageLine], index: int) -> int:
    """Header lines below the detected one: no amounts, several runs (`类 款 项`)."""
    end = index
    while end < len(lines) and end - index < MAX_HEADER_LINES - 1:
        line = lines[end]
        if line.is_row or any(is_amount(r.text) for r in line.runs) or _ENDS_TABLE.search(line.text):
            break
        if len(line.runs) < 2 and not all(len(fold(r.text)) <= 2 for r in line.runs):
            break
        end += 1
    return end


def _bands(header: Sequence[PageLine]) -> Bands:
    """Leaf columns: header runs with nothing printed under them in a lower header line."""
    leaves: list[Run] = []
    for position, line in enumerate(header):
        below = [run for lower in header[position + 1 :] for run in lower.runs]
        for run in line.runs:
            if not any(min(run.x1, other.x1) - max(run.x0, other.x0) > 0 for other in below):
                leaves.append(run)
    leaves.sort(key=lambda run: run.x0)
    edges: list[tuple[float, float]] = []
    for position, run in enumerate(leaves):
        left = run.x0 if position == 0 else (leaves[position - 1].x1 + run.x0) / 2
        right = run.x1 if position == len(leaves) - 1 else (run.x1 + leaves[position + 1].x0) / 2
        edges.append((left, right))
    return Bands(tuple(edges))


def _fits(line: PageLine, bands: Bands, previous: PageLine | None) -> bool:
    """A body line of the table: within its width, close below the last row, not a title or note."""
    if not line.runs or _ENDS_TABLE.search(line.text):
        return False
    if previous is not None and line.top - previous.top > MAX_ROW_GAP * max(line.height, previous.height, 1.0):
        return False
    width = bands.right - bands.left
    margin = max(width * 0.05, 10.0)
    if line.runs[0].x0 < bands.left - margin or line.runs[-1].x1 > bands.right + margin:
        return False
    if len(line.runs) == 1:  # an amount, or a label wrapped onto a line of its own
        run = line.runs[0]
        return is_amount(run.text) or (run.x1 - run.x0 < width * 0.4 and run.x0 < bands.left + width * 0.5)
    return True
