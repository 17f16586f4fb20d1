"""Defect injection for page-level defects of a PDF (issue 10 item 8): does `yusuan check` see them (not a test)?

For genuine PDFs of several layouts from ../shared/corpus, each page defect a
reviewer sees at a glance is put into a temporary copy with PyMuPDF, and the
copy is read and checked as `yusuan check` does (the `page-` rules):

- `blank`: an empty page inserted in the middle; and one that prints only its page number;
- `text-outside`: a line whose baseline is just below the bottom edge (the tops of
  its characters show, cut); a line starting near the right edge (its end is off the
  paper); a copy of the page with the most drawings (a table) drawn half a page lower
  on a page of its own, so that its lower half is off the paper;
- `glyph-missing`: a heading set in an embedded Latin font, which has no glyph for
  its Chinese characters (they print as empty boxes).

An injection is *detected* when a finding of the class's code names the page
it was put on.  The unmodified document is checked too: any `page-` finding
there is a false alarm, and so is one on an injected copy at another page.

    .venv/bin/python bench/inject_pages.py [--write docs/recall.md] [--jobs 2]

prints a Markdown table per class and per layout; `--write` puts it into
docs/recall.md between the `pages:begin` / `pages:end` markers.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pymupdf

from corpus_documents import CORPUS, ROOT
from yusuan.check import run_checks
from yusuan.extract.publications import read_publications

BEGIN, END = "<!-- pages:begin -->", "<!-- pages:end -->"
HEADING = "## Page-level defects (issue 10 item 8)"

DOCUMENTS = [
    "national/广东_广州_信访局_2026_部门预算.pdf",
    "national/广东_广州_司法局_2026_部门预算.pdf",
    "national/广东_深圳_审计局_2026_部门预算.pdf",
    "national/广东_深圳_统计局本级_2026_部门预算.pdf",
    "national/江苏_无锡_统计局_2026_部门预算.pdf",
    "national/江苏_苏州_审计局_2026_部门预算.pdf",
    "national/浙江_杭州_司法局_2026_部门预算.pdf",
    "national/浙江_湖州_退役军人事务局_2026_部门预算.pdf",
    "national/重庆_重庆_商务委_2026_部门预算.pdf",
    "national/重庆_重庆_科学技术局_2026_部门预算.pdf",
    "shanghai/上海市普陀区人民政府办公室25年预算.pdf",
    "jiangsu/江苏省委办公厅/江苏省委办公厅2019年度部门预算公开表格.pdf",
    "final-accounts/中央_国家信访局_2024_部门决算.pdf",
]

CODES = {"blank": "page-blank", "text-outside": "page-text-outside", "glyph-missing": "page-glyph-missing"}


@dataclass(frozen=True)
class Injection:
    name: str
    defect: str  # a key of CODES
    apply: Callable[[Any], int]  # edits the document, returns the 1-based page it put the defect on


def _upright(document: Any, near: int) -> int:
    """The index of the first page from `near` on that is not rotated (PyMuPDF writes in its frame)."""
    for index in [*range(near, document.page_count), *range(near)]:
        if document[index].rotation == 0:
            return index
    raise ValueError("every page is rotated")


def _blank(document: Any, number: bool) -> int:
    index = document.page_count // 2
    size = document[index].rect
    page = document.new_page(index, width=size.width, height=size.height)
    if number:
        page.insert_text((size.width / 2 - 10, size.height - 36), f"- {index + 1} -", fontsize=10.5, fontname="helv")
    return index + 1


def _below(document: Any) -> int:
    index = _upright(document, 1)
    page = document[index]
    page.insert_text(
        (page.rect.width * 0.3, page.rect.height + 5), "一般公共预算支出表", fontsize=14, fontname="china-s"
    )
    return index + 1


def _right(document: Any) -> int:
    index = _upright(document, 2)
    page = document[index]
    page.insert_text((page.rect.width - 30, 60), "单位：万元", fontsize=12, fontname="china-s")
    return index + 1


def _pushed_down(document: Any) -> int:
    """A copy of the page with the most drawings (a table), drawn half a page lower: its lower half is off the paper."""
    index = max(range(document.page_count), key=lambda i: len(document[i].get_cdrawings()))
    source = pymupdf.open()
    source.insert_pdf(document, from_page=index, to_page=index)
    size = document[index].rect
    page = document.new_page(index + 1, width=size.width, height=size.height)
    page.show_pdf_page(pymupdf.Rect(0, size.height * 0.45, size.width, size.height * 1.45), source, 0)
    return index + 2


def _boxes(document: Any) -> int:
    index = _upright(document, 3)
    page = document[index]
    page.insert_font(fontname="F9", fontbuffer=pymupdf.Font("helv").buffer)
    page.insert_text((60, 30), "2026年部门预算说明", fontsize=12, fontname="F9")
    return index + 1


INJECTIONS = [
    Injection("blank page in the middle", "blank", lambda d: _blank(d, number=False)),
    Injection("blank page with only its number", "blank", lambda d: _blank(d, number=True)),
    Injection("line below the bottom edge", "text-outside", _below),
    Injection("line off the right edge", "text-outside", _right),
    Injection("table pushed half below the page", "text-outside", _pushed_down),
    Injection("heading in a font without its glyphs", "glyph-missing", _boxes),
]


def layout(name: str) -> str:
    """The layout a corpus file stands for: its region (province and city), Shanghai, Jiangsu's province, 决算."""
    folder, _, stem = name.partition("/")
    if folder == "national":
        return " ".join(stem.split("_")[:2])
    return {"shanghai": "上海 普陀", "jiangsu": "江苏 省级", "final-accounts": "决算（中央）"}.get(folder, folder)


def page_findings(path: Path) -> list[tuple[str, int | None]]:
    """(code, page) of every `page-` finding `yusuan check` gives the file."""
    found = []
    for publication in read_publications([path]):
        report = run_checks(publication.disclosure, read_problems=publication.problems, select=["page-"])
        found += [(f.code, f.location.page) for f in report.findings]
    return found


def run_document(name: str) -> list[dict[str, Any]]:
    source = CORPUS / name
    results: list[dict[str, Any]] = [
        {"document": name, "injection": "none", "defect": "", "page": None, "found": page_findings(source)}
    ]
    with tempfile.TemporaryDirectory() as folder:
        for injection in INJECTIONS:
            document = pymupdf.open(source)
            page = injection.apply(document)
            target = Path(folder) / f"{injection.defect}.pdf"
            document.save(target, garbage=3, deflate=True)
            document.close()
            found = page_findings(target)
            results.append(
                {
                    "document": name,
                    "injection": injection.name,
                    "defect": injection.defect,
                    "page": page,
                    "found": found,
                }
            )
    return results


def report(results: list[dict[str, Any]]) -> str:
    by_class: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_layout: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_injection: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    false: list[str] = []
    for result in results:
        expected = (CODES[result["defect"]], result["page"]) if result["defect"] else None
        for code, page in result["found"]:
            if (code, page) != expected:
                false.append(f"{result['document']} ({result['injection']}): {code} 第{page}页")
        if expected is None:
            continue
        hit = int(expected in result["found"])
        for table, key in (
            (by_class, result["defect"]),
            (by_layout, layout(result["document"])),
            (by_injection, result["injection"]),
        ):
            table[key][0] += 1
            table[key][1] += hit
    documents = sorted({r["document"] for r in results})
    layouts = sorted({layout(d) for d in documents})
    lines = [
        f"{len(documents)} genuine PDFs of {len(layouts)} layouts ({'、'.join(layouts)}); "
        f"{len(INJECTIONS)} injections each, one at a time, into a temporary copy.",
        "",
    ]
    for title, table in (("Class", by_class), ("Injection", by_injection), ("Layout", by_layout)):
        lines += [f"| {title} | injected | detected | recall |", "|---|---:|---:|---:|"]
        for key, (injected, detected) in sorted(table.items()):
            lines.append(f"| {key} | {injected} | {detected} | {100 * detected / injected:.0f}% |")
        total = sum(v[0] for v in table.values()), sum(v[1] for v in table.values())
        lines += [f"| **all** | {total[0]} | {total[1]} | {100 * total[1] / total[0]:.0f}% |", ""]
    lines.append(f"False `page-` findings (on the genuine files, or at another page of a copy): {len(false)}")
    lines += [f"- {item}" for item in false]
    return "\n".join(lines)


def write(path: Path, text: str) -> None:
    document = path.read_text(encoding="utf-8")
    block = f"{BEGIN}\n{text}\n{END}"
    if BEGIN in document:
        document = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _: block, document, flags=re.S)
    else:
        intro = (
            f"{HEADING}\n\nThe PDF itself is edited (bench/inject_pages.py): a blank page, a line cut by the "
            "page edge, characters the font has no glyph for are put into a temporary copy of a genuine "
            "document, which is then checked; a defect is detected when its `page-` finding names the page.\n\n"
            "    PYTHONPATH=src .venv/bin/python bench/inject_pages.py --write docs/recall.md\n"
        )
        document = document.rstrip("\n") + f"\n\n{intro}\n{block}\n"
    path.write_text(document, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", type=Path, help="put the tables into this Markdown file (docs/recall.md)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with ProcessPoolExecutor(args.jobs) as pool:
        results = [r for rs in pool.map(run_document, DOCUMENTS) for r in rs]
    text = report(results)
    print(text)
    if args.write:
        write(args.write if args.write.is_absolute() else ROOT / args.write, text)


if __name__ == "__main__":
    main()
