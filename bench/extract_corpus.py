"""Read every document of the development corpus and print what was found (not a test).

For each file under ../shared/corpus (or the folder given as the first
argument) and the Xinjiang reference text: the template detected, the tables
found with their numbers, how many the survey (docs/corpus.md §8) expects, the
number of read problems, and the time `read_document` took.  Jiangsu
documents published as narrative + tables are also read together with
`read_documents`, as `yusuan check a.pdf b.pdf` does.

    .venv/bin/python bench/extract_corpus.py [CORPUS_DIR] [--problems]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from corpus_documents import PAIRS, SUFFIXES
from yusuan.errors import InputError
from yusuan.extract import read_document, read_documents

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# Tables a person counts in each file (docs/corpus.md §8); narrative files of a two-file year hold none.
EXPECTED: dict[str, int] = {
    "kizilsu-2024-party-committee-office-budget.txt": 9,
    "江苏省人大常委会2019年度部门预算公开.pdf": 0,
    "江苏省委办公厅2017年部门预算.pdf": 0,
    "江苏省委办公厅2018年度部门预算公开文件.pdf": 0,
    "江苏省委办公厅2019年度部门预算公开文件.pdf": 0,
    "江苏省政协办公厅2017年度部门预算.pdf": 0,
    "江苏省政协办公厅2018年度部门预算.pdf": 0,
    "江苏省政协办公厅2019年度部门预算.pdf": 0,
}
DEFAULT_EXPECTED = {"jiangsu": 12, "shanghai": 9, "templates": 9}


def expected(path: Path, corpus: Path) -> int:
    if path.name in EXPECTED:
        return EXPECTED[path.name]
    top = path.relative_to(corpus).parts[0] if path.is_relative_to(corpus) else ""
    return DEFAULT_EXPECTED.get(top, -1)


def report(label: str, paths: list[Path], want: int, show_problems: bool) -> bool:
    started = time.perf_counter()
    try:
        disclosure, problems = read_documents(paths) if len(paths) > 1 else read_document(paths[0])
    except InputError as exc:
        print(f"{label}\n    ERROR {exc.one_line()}")
        return False
    took = time.perf_counter() - started
    numbers = " ".join(t.number or "?" for t in disclosure.tables)
    found = len(disclosure.tables)
    mark = "ok" if found == want else "MISMATCH"
    codes = Counter(p.code for p in problems)
    print(f"{label}\n    {disclosure.meta.template}  tables {found}/{want} {mark} [{numbers}]  "
          f"problems {len(problems)} {dict(codes) if codes else ''}  sections {len(disclosure.narrative)}  "
          f"{took * 1000:.0f} ms")  # fmt: skip
    if show_problems:
        for problem in problems:
            print(f"      {problem.code} {problem.place()}: {problem.message}")
    return found == want


def main(argv: list[str]) -> int:
    show = "--problems" in argv
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else SHARED / "corpus"
    files = sorted(p for p in corpus.rglob("*") if p.suffix.lower() in SUFFIXES)
    reference = sorted((SHARED / "reference").glob("*.txt"))
    matched = total = 0
    for path in [*reference, *files]:
        total += 1
        label = str(path.relative_to(corpus)) if path.is_relative_to(corpus) else path.name
        matched += report(label, [path], expected(path, corpus), show)
    print("\nTwo-file documents read together:")
    for narrative, tables in PAIRS:
        paths = [corpus / narrative, corpus / tables]
        if all(p.exists() for p in paths):
            report(f"{Path(narrative).name} + {Path(tables).name}", paths, 12, show)
    print(f"\n{matched}/{total} files: tables found = tables expected")
    return 0 if matched == total else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
