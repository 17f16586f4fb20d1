"""Mutation recall of `yusuan check` on every corpus document: which table figures it can vouch for (not a test).

tests/mutation/ proves that on the Xinjiang reference every figure that takes
part in an identity is caught when it changes.  This script asks the same
question of the development corpus, on every regional template: for each
document (Jiangsu narrative + tables files read together as one document; the
blank forms of corpus/templates/ skipped) it reads the disclosure and checks
it once as the baseline, then, for every table cell holding an amount, checks
a copy of the disclosure with that one amount raised by one unit of its last
printed digit (12.34 → 12.35, 100 → 101, 371,514,655.00 → 371,514,655.01).
The change is made on the read `Disclosure` (tables only; the narrative that
states the figure is left as printed), so what is measured is the checker,
not the reader.

A mutation is *detected* when an error or warning appears at a place where the
baseline has no finding — the definition of tests/mutation/test_reference_mutations.py:
a place is (code, severity, table, row, column, section, line).

    .venv/bin/python bench/recall.py [--write docs/recall.md] [--out /tmp/yusuan-recall.jsonl]

prints the figures per document, per template and per (template, table kind,
column), writes one JSON object per mutated cell to `--out`, and with
`--write` replaces the generated part of docs/recall.md (between the
`recall:begin` / `recall:end` markers) with the same figures as Markdown.

    .venv/bin/python bench/recall.py --narrative [--write docs/recall.md] [--out /tmp/yusuan-narrative-recall.jsonl]

measures the narrative instead (bench/recall_narrative.py): every amount
Part 3 prints is changed where it is printed, and the report goes between the
`narrative-recall:begin` / `narrative-recall:end` markers.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from typing import Any, ClassVar, Protocol, TypeVar

from corpus_documents import CORPUS, PAIRS, ROOT, SUFFIXES
from yusuan.check import run_checks
from yusuan.check.finding import Finding, Report, Severity
from yusuan.extract import read_documents
from yusuan.model import Cell, Disclosure, Row, Table

REFERENCE = ROOT.parent / "shared" / "reference" / "kizilsu-2024-party-committee-office-budget.txt"
DEFAULT_OUT = Path("/tmp/yusuan-recall.jsonl")
BEGIN, END = "<!-- recall:begin -->", "<!-- recall:end -->"
PLAIN_NUMBER = re.compile(r"-?\d+(?:\.(\d+))?")

Place = tuple[object, ...]


class Measured(Protocol):
    """A mutation's record (a table cell or a narrative amount): a dataclass that says whether it was caught."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    @property
    def detected(self) -> bool: ...


T = TypeVar("T", bound=Measured)


def documents(corpus: Path, *, reference: bool = True) -> list[tuple[Path, ...]]:
    """Every document of the corpus as the files that make it up; the blank templates left out."""
    paired = {name for pair in PAIRS for name in pair}
    singles = sorted(
        str(path.relative_to(corpus))
        for path in corpus.rglob("*")
        if path.suffix.lower() in SUFFIXES
        and str(path.relative_to(corpus)) not in paired
        and path.relative_to(corpus).parts[0] != "templates"
    )
    docs = [tuple(corpus / name for name in files) for files in [*PAIRS, *((name,) for name in singles)]]
    if reference and REFERENCE.exists():
        docs.append((REFERENCE,))
    return docs


# --- the definition of a new finding (tests/mutation/test_reference_mutations.py) ---------------


def place(f: Finding) -> Place:
    loc = f.location
    return (f.code, f.severity, loc.table, loc.row, loc.column, loc.section, loc.line)


def new_alarms(report: Report, baseline: set[Place]) -> list[Finding]:
    return [f for f in report.findings if f.severity is not Severity.INFO and place(f) not in baseline]


def alarms_said(report: Report) -> Counter[tuple[Place, str]]:
    """Every error and warning with its message: a mutation not detected may still change what is said
    at a place the baseline already flags (a sum that was off by the rounding residue is now off by more)."""
    return Counter((place(f), f.message) for f in report.findings if f.severity is not Severity.INFO)


# --- mutation -------------------------------------------------------------------------------------


def decimals_printed(cell: Cell) -> int:
    """Digits after the point as printed (the cell's text), else as the value carries them."""
    text = (cell.text or "").replace(",", "").replace(" ", "").replace("，", "")
    match = PLAIN_NUMBER.fullmatch(text)
    if match:
        return len(match.group(1) or "")
    assert cell.value is not None
    exponent = cell.value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def raised(cell: Cell) -> Cell:
    """The cell with its amount raised by one unit of its last printed digit, printed the same way."""
    assert cell.value is not None
    places = decimals_printed(cell)
    step = Decimal(1).scaleb(-places)
    value = (cell.value + step).quantize(step)
    text = f"{value:,.{places}f}" if cell.text and "," in cell.text else f"{value:.{places}f}"
    return cell.model_copy(update={"value": value, "text": text})


def with_cell(disclosure: Disclosure, t: int, r: int, column: str) -> Disclosure:
    """A copy of the disclosure with one cell raised; every other object shared."""
    table = disclosure.tables[t]
    row = table.rows[r]
    new_row = row.model_copy(update={"cells": {**row.cells, column: raised(row.cells[column])}})
    rows = [*table.rows[:r], new_row, *table.rows[r + 1 :]]
    tables = [*disclosure.tables[:t], table.model_copy(update={"rows": rows}), *disclosure.tables[t + 1 :]]
    return disclosure.model_copy(update={"tables": tables})


def amount_cells(disclosure: Disclosure) -> Iterator[tuple[int, Table, int, Row, str, Cell]]:
    for t, table in enumerate(disclosure.tables):
        for r, row in enumerate(table.rows):
            for column, cell in row.cells.items():
                if cell.value is not None:
                    yield t, table, r, row, column, cell


@dataclass(frozen=True)
class Mutation:
    """One mutated cell and what the checker said."""

    document: str
    template: str
    kind: str  # unit_budget / department_budget
    table: str  # number as printed
    table_kind: str
    unit: str
    side: str
    row: str
    label: str
    is_total: bool
    column: str
    text: str
    detected: bool
    codes: tuple[str, ...]
    masked: bool  # not detected, but an error or warning the baseline has at the same place changed


def document_name(paths: tuple[Path, ...]) -> str:
    return " + ".join(path.stem for path in paths)


def mutate_document(paths: tuple[Path, ...]) -> tuple[list[Mutation], float]:
    """Every cell of one document mutated and checked; and the seconds it took."""
    start = time.perf_counter()
    disclosure, problems = read_documents(list(paths))
    first = run_checks(disclosure, read_problems=problems)
    baseline, said = {place(f) for f in first.findings}, alarms_said(first)
    name = document_name(paths)
    results = []
    for t, table, r, row, column, cell in amount_cells(disclosure):
        report = run_checks(with_cell(disclosure, t, r, column), read_problems=problems)
        alarms = new_alarms(report, baseline)
        results.append(
            Mutation(
                document=name,
                template=disclosure.meta.template,
                kind=disclosure.meta.kind.value,
                table=table.number,
                table_kind=table.kind.value,
                unit=table.unit.value,
                side=row.side.value if row.side else "",
                row=row.key,
                label=row.label,
                is_total=row.is_total,
                column=column,
                text=cell.text or str(cell.value),
                detected=bool(alarms),
                codes=tuple(sorted({f.code for f in alarms})),
                masked=not alarms and alarms_said(report) != said,
            )
        )
    return results, time.perf_counter() - start


# --- report ---------------------------------------------------------------------------------------


def rate(detected: int, cells: int) -> str:
    if not cells:
        return "–"
    # rounded down, so that a rate short of all cells never prints as 100.0 %
    share = (Decimal(detected) * 100 / Decimal(cells)).quantize(Decimal("0.1"), rounding=ROUND_DOWN)
    return f"{share} %"


def column_name(m: Mutation) -> str:
    return f"{m.side}:{m.column}" if m.side else m.column


def markdown(results: list[Mutation], seconds: float, order: list[str]) -> str:
    by_doc: dict[str, list[Mutation]] = defaultdict(list)
    for m in results:
        by_doc[m.document].append(m)
    out = [
        f"Run: {len(results)} cells mutated in {len(by_doc)} documents, {seconds:.0f} s wall clock.",
        "",
        "### Per document",
        "",
        "| document | template | kind | cells | detected | undetected | of which masked | rate |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in order:
        ms = by_doc.get(name, [])
        if not ms:
            out.append(f"| {name} | – | – | 0 | 0 | 0 | 0 | – |")
            continue
        hit, masked = sum(m.detected for m in ms), sum(m.masked for m in ms)
        out.append(
            f"| {name} | {ms[0].template} | {ms[0].kind} | {len(ms)} | {hit} | {len(ms) - hit} | {masked} | "
            f"{rate(hit, len(ms))} |"
        )
    out += ["", "### Per template", "", "| template | kind | documents | cells | detected | undetected | rate |"]
    out.append("|---|---|---|---|---|---|---|")
    groups: dict[tuple[str, str], list[Mutation]] = defaultdict(list)
    kinds: dict[str, set[str]] = defaultdict(set)
    for m in results:
        kinds[m.template].add(m.kind)
    for m in results:
        groups[(m.template, "all")].append(m)
        if len(kinds[m.template]) > 1:  # split a template by document kind only where it has several
            groups[(m.template, m.kind)].append(m)
    for (template, kind), ms in sorted(groups.items()):
        hit = sum(m.detected for m in ms)
        docs = len({m.document for m in ms})
        label = "/".join(sorted(kinds[template])) if kind == "all" and len(kinds[template]) == 1 else kind
        out.append(f"| {template} | {label} | {docs} | {len(ms)} | {hit} | {len(ms) - hit} | {rate(hit, len(ms))} |")
    hit = sum(m.detected for m in results)
    out.append(
        f"| **all** | | {len(by_doc)} | {len(results)} | {hit} | {len(results) - hit} | **{rate(hit, len(results))}** |"
    )

    out += [
        "",
        "### Per table kind and column (every template)",
        "",
        "`side:column` for the two-sided tables 1 and 4.  Sorted by template, then by undetected count.",
        "",
        "| template | table kind | column | cells | undetected | rate | undetected rows (row key ×count, first 6) |",
        "|---|---|---|---|---|---|---|",
    ]
    columns: dict[tuple[str, str, str], list[Mutation]] = defaultdict(list)
    for m in results:
        columns[(m.template, m.table_kind, column_name(m))].append(m)

    def misses(ms: list[Mutation]) -> int:
        return sum(not m.detected for m in ms)

    for (template, kind, column), ms in sorted(columns.items(), key=lambda kv: (kv[0][0], -misses(kv[1]), kv[0])):
        missed = Counter(m.row for m in ms if not m.detected)
        rows = ", ".join(f"`{key}`×{n}" if n > 1 else f"`{key}`" for key, n in missed.most_common(6))
        more = " …" if len(missed) > 6 else ""
        out.append(
            f"| {template} | {kind} | {column} | {len(ms)} | {misses(ms)} | "
            f"{rate(len(ms) - misses(ms), len(ms))} | {rows}{more} |"
        )
    out += [
        "",
        "### Which rules detect (cells whose mutation raised each code, all templates)",
        "",
        "| code | cells |",
        "|---|---|",
    ]
    codes = Counter(code for m in results for code in m.codes)
    out += [f"| `{code}` | {n} |" for code, n in codes.most_common()]
    return "\n".join(out) + "\n"


def write_section(path: Path, body: str, begin: str = BEGIN, end: str = END) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if begin not in text:
        text = f"{text.rstrip()}\n\n{begin}\n{end}\n"
    head, _, rest = text.partition(begin)
    _, _, tail = rest.partition(end)
    path.write_text(f"{head}{begin}\n{body}{end}{tail}", encoding="utf-8")


def run_all(
    docs: list[tuple[Path, ...]], workers: int, job: Callable[[tuple[Path, ...]], tuple[list[T], float]]
) -> Iterable[tuple[list[T], float]]:
    if workers <= 1:
        return [job(paths) for paths in docs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(job, docs))


def run_measure(
    args: argparse.Namespace,
    job: Callable[[tuple[Path, ...]], tuple[list[T], float]],
    render: Callable[[list[T], float, list[str]], str],
    *,
    noun: str,
    out_default: Path,
    markers: tuple[str, str],
) -> int:
    """Mutate every document with `job`, print a line per document, write the JSON lines and the report."""
    start = time.perf_counter()
    docs = documents(args.corpus, reference=not args.no_reference)
    results: list[T] = []
    for (mutations, seconds), paths in zip(run_all(docs, args.workers, job), docs, strict=True):
        hit = sum(m.detected for m in mutations)
        figures = f"{len(mutations):5d} {noun} {hit:5d} detected {rate(hit, len(mutations)):>8}"
        print(f"{figures}  {seconds:5.1f} s  {document_name(paths)}")
        results += mutations
    elapsed = time.perf_counter() - start
    out_path = args.out or out_default
    with out_path.open("w", encoding="utf-8") as out:
        for m in results:
            out.write(json.dumps(asdict(m), ensure_ascii=False) + "\n")
    report = render(results, elapsed, [document_name(paths) for paths in docs])
    if args.write:
        write_section(args.write, report, *markers)
    else:
        print(report)
    hit = sum(m.detected for m in results)
    print(f"\n{len(results)} {noun}, {hit} detected ({rate(hit, len(results))}), {elapsed:.0f} s; in {out_path}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--out", type=Path, help=f"default {DEFAULT_OUT} (/tmp/yusuan-narrative-recall.jsonl with --narrative)"
    )
    parser.add_argument("--write", type=Path, help="replace the generated part of this Markdown file")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-reference", action="store_true", help="leave out the Xinjiang reference text")
    parser.add_argument("--narrative", action="store_true", help="change the amounts Part 3 prints, not table cells")
    args = parser.parse_args()
    if args.narrative:
        from recall_narrative import NARRATIVE_BEGIN, NARRATIVE_END, NARRATIVE_OUT, mutate_narrative, narrative_markdown

        return run_measure(
            args,
            mutate_narrative,
            narrative_markdown,
            noun="narrative amounts",
            out_default=NARRATIVE_OUT,
            markers=(NARRATIVE_BEGIN, NARRATIVE_END),
        )
    return run_measure(args, mutate_document, markdown, noun="cells", out_default=DEFAULT_OUT, markers=(BEGIN, END))


if __name__ == "__main__":
    sys.exit(main())
