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

measures the narrative instead: for every amount a Part 3 statement prints
(`Statement.amount` of `yusuan.check.claims.parse_narrative`), the figure is
changed where it is printed in the paragraph text of the `Disclosure` (its last
printed digit raised by one, printed the same way; the change is accepted only
when parsing the changed text again changes that statement's amount and nothing
else), and the copy is checked.  Detected has the same definition; the report
groups what is not detected by (template, section, subject) and says whether
`yusuan.check.subjects.resolve` grounds the subject in a table cell.  It goes
between the `narrative-recall:begin` / `narrative-recall:end` markers.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from typing import TypeVar

from corpus_documents import CORPUS, PAIRS, ROOT, SUFFIXES
from yusuan.check import run_checks
from yusuan.check.claims import Statement, parse_narrative
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Report, Severity
from yusuan.check.profiles import resolve_profile
from yusuan.check.subjects import resolve
from yusuan.extract import read_documents
from yusuan.model import Cell, Disclosure, Row, Section, Table

REFERENCE = ROOT.parent / "shared" / "reference" / "kizilsu-2024-party-committee-office-budget.txt"
DEFAULT_OUT = Path("/tmp/yusuan-recall.jsonl")
BEGIN, END = "<!-- recall:begin -->", "<!-- recall:end -->"
PLAIN_NUMBER = re.compile(r"-?\d+(?:\.(\d+))?")

Place = tuple[object, ...]
T = TypeVar("T")


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


# --- the narrative: every amount a Part 3 statement prints ------------------------------------------

NARRATIVE_OUT = Path("/tmp/yusuan-narrative-recall.jsonl")
NARRATIVE_BEGIN, NARRATIVE_END = "<!-- narrative-recall:begin -->", "<!-- narrative-recall:end -->"
PRINTED_NUMBER = re.compile(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?")
Address = tuple[int, ...]  # section index, subsection indexes…, paragraph index (last)


def paragraph_addresses(narrative: list[Section]) -> dict[int, Address]:
    """Where each paragraph object of the narrative sits, by its id()."""
    found: dict[int, Address] = {}

    def walk(section: Section, prefix: Address) -> None:
        for p, paragraph in enumerate(section.paragraphs):
            found[id(paragraph)] = (*prefix, p)
        for i, sub in enumerate(section.subsections):
            walk(sub, (*prefix, i))

    for i, section in enumerate(narrative):
        walk(section, (i,))
    return found


def with_paragraph(disclosure: Disclosure, address: Address, text: str) -> Disclosure:
    """A copy of the disclosure with one narrative paragraph's text replaced; every other object shared."""

    def change(section: Section, rest: Address) -> Section:
        if len(rest) == 1:
            paragraphs = list(section.paragraphs)
            paragraphs[rest[0]] = paragraphs[rest[0]].model_copy(update={"text": text})
            return section.model_copy(update={"paragraphs": paragraphs})
        subsections = list(section.subsections)
        subsections[rest[0]] = change(subsections[rest[0]], rest[1:])
        return section.model_copy(update={"subsections": subsections})

    narrative = list(disclosure.narrative)
    narrative[address[0]] = change(narrative[address[0]], address[1:])
    return disclosure.model_copy(update={"narrative": narrative})


def raised_printed(printed: str) -> tuple[str, Decimal]:
    """`1,526.00` → `1,526.01`, `17,192` → `17,193`: one unit of the last printed digit more, printed the same way."""
    plain = unicodedata.normalize("NFKC", printed).replace(",", "")
    places = len(plain.partition(".")[2])
    step = Decimal(1).scaleb(-places)
    value = (Decimal(plain) + step).quantize(step)
    return (f"{value:,.{places}f}" if "," in printed else f"{value:.{places}f}"), step


def _signature(s: Statement) -> tuple[object, ...]:
    return (s.path, s.paragraph_index, s.subject, s.amount, s.unit, s.share, s.change, s.rate)


def narrative_variants(disclosure: Disclosure) -> Iterator[tuple[int, Statement, Disclosure | None, str, str]]:
    """Each statement that prints an amount, with a copy of the disclosure where only that amount is changed
    where it is printed (None when no printed number can be changed so), the printed form and the new one."""
    claims = parse_narrative(disclosure)
    addresses = paragraph_addresses(disclosure.narrative)
    logical = {(p.path, p.index): p for p in claims.paragraphs}
    before = [_signature(s) for s in claims.statements]
    for i, s in enumerate(claims.statements):
        if s.amount is None:
            continue
        found: tuple[Disclosure, str, str] | None = None
        printed_forms: list[str] = []
        for part in logical[(s.path, s.paragraph_index)].parts:
            address = addresses.get(id(part))
            if address is None:
                continue
            for m in PRINTED_NUMBER.finditer(part.text):
                printed = m.group(0).rstrip(",")
                try:
                    value = Decimal(unicodedata.normalize("NFKC", printed).replace(",", ""))
                except ArithmeticError:
                    continue
                if value != s.amount:
                    continue
                printed_forms.append(printed)
                new, step = raised_printed(printed)
                text = part.text[: m.start()] + new + part.text[m.start() + len(printed) :]
                candidate = with_paragraph(disclosure, address, text)
                after = [_signature(t) for t in parse_narrative(candidate).statements]
                expected = [*before[:i], (*before[i][:3], s.amount + step, *before[i][4:]), *before[i + 1 :]]
                if after == expected:
                    found = (candidate, printed, new)
                    break
            if found:
                break
        if found:
            yield i, s, *found
        else:
            yield i, s, None, (printed_forms[0] if printed_forms else str(s.amount)), ""


@dataclass(frozen=True)
class NarrativeMutation:
    """One changed narrative amount and what the checker said."""

    document: str
    template: str
    kind: str
    section: str  # the statement's section path (`general_budget/detail`)
    subject: str  # as cleaned by claims.py ('' when none)
    raw_subject: str
    sentence: str
    text: str  # the amount as printed
    changed: str  # as changed ('' when it could not be changed where printed)
    grounded: str  # the quantity `subjects.resolve` grounds the subject in (its label), '' when None
    soft: bool  # grounded in a figure a document may explain away (机关运行经费 = 公用经费), not judged
    detected: bool
    codes: tuple[str, ...]
    masked: bool


def mutate_narrative(paths: tuple[Path, ...]) -> tuple[list[NarrativeMutation], float]:
    """Every narrative amount of one document changed and checked; and the seconds it took."""
    start = time.perf_counter()
    disclosure, problems = read_documents(list(paths))
    first = run_checks(disclosure, read_problems=problems)
    baseline, said = {place(f) for f in first.findings}, alarms_said(first)
    ctx = CheckContext(disclosure, resolve_profile(None, disclosure.meta.template))
    name = document_name(paths)
    results = []
    for i, s, changed, printed, new in narrative_variants(disclosure):
        quantity = resolve(ctx, ctx.claims.statements[i])
        alarms: list[Finding] = []
        masked = False
        if changed is not None:
            report = run_checks(changed, read_problems=problems)
            alarms = new_alarms(report, baseline)
            masked = not alarms and alarms_said(report) != said
        results.append(
            NarrativeMutation(
                document=name,
                template=disclosure.meta.template,
                kind=disclosure.meta.kind.value,
                section=s.path,
                subject=s.subject,
                raw_subject=s.raw_subject,
                sentence=s.sentence,
                text=printed,
                changed=new,
                grounded=quantity.label if quantity else "",
                soft=bool(quantity and quantity.soft),
                detected=bool(alarms),
                codes=tuple(sorted({f.code for f in alarms})),
                masked=masked,
            )
        )
    return results, time.perf_counter() - start


def narrative_markdown(results: list[NarrativeMutation], seconds: float, order: list[str]) -> str:
    by_doc: dict[str, list[NarrativeMutation]] = defaultdict(list)
    for m in results:
        by_doc[m.document].append(m)
    out = [
        f"Run: {len(results)} narrative amounts changed in {len(by_doc)} documents, {seconds:.0f} s wall clock.",
        "",
        "### Per document",
        "",
        "| document | template | kind | amounts | not changeable | grounded | detected | undetected "
        "| of which masked | rate |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in order:
        ms = by_doc.get(name, [])
        if not ms:
            out.append(f"| {name} | – | – | 0 | 0 | 0 | 0 | 0 | 0 | – |")
            continue
        hit = sum(m.detected for m in ms)
        out.append(
            f"| {name} | {ms[0].template} | {ms[0].kind} | {len(ms)} | {sum(not m.changed for m in ms)} | "
            f"{sum(bool(m.grounded) for m in ms)} | {hit} | {len(ms) - hit} | {sum(m.masked for m in ms)} | "
            f"{rate(hit, len(ms))} |"
        )
    out += [
        "",
        "### Per template",
        "",
        "| template | documents | amounts | grounded | detected | undetected | of which masked | rate |",
        "|---|---|---|---|---|---|---|---|",
    ]
    templates: dict[str, list[NarrativeMutation]] = defaultdict(list)
    for m in results:
        templates[m.template].append(m)
    for template, ms in sorted(templates.items()):
        hit = sum(m.detected for m in ms)
        out.append(
            f"| {template} | {len({m.document for m in ms})} | {len(ms)} | {sum(bool(m.grounded) for m in ms)} | "
            f"{hit} | {len(ms) - hit} | {sum(m.masked for m in ms)} | {rate(hit, len(ms))} |"
        )
    hit = sum(m.detected for m in results)
    out.append(
        f"| **all** | {len(by_doc)} | {len(results)} | {sum(bool(m.grounded) for m in results)} | {hit} | "
        f"{len(results) - hit} | {sum(m.masked for m in results)} | **{rate(hit, len(results))}** |"
    )
    out += [
        "",
        "### Undetected, by template, section and subject",
        "",
        "Largest groups first.  *grounded* is the table figure `subjects.resolve` grounds the subject in "
        "(– = None: not grounded; *soft* = grounded in a figure a document may explain away, not judged).  "
        "*docs* counts the documents the group occurs in; *masked*: the change still altered an error the "
        "baseline reports at the same place (a narrative place is its section and page).",
        "",
        "| template | section | subject | undetected | masked | docs | grounded | example |",
        "|---|---|---|---|---|---|---|---|",
    ]
    groups: dict[tuple[str, str, str], list[NarrativeMutation]] = defaultdict(list)
    for m in results:
        if not m.detected:
            groups[(m.template, m.section, m.subject or "（无主语）")].append(m)
    for (template, section, subject), ms in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        labels = sorted({m.grounded + (" (soft)" if m.soft else "") for m in ms if m.grounded})
        grounded_text = "; ".join(labels[:2]) + (" …" if len(labels) > 2 else "") if labels else "–"
        if any(not m.grounded for m in ms) and labels:
            grounded_text += f" ({sum(not m.grounded for m in ms)} –)"
        example = ms[0].sentence.replace("|", "｜")
        example = example if len(example) <= 70 else example[:68] + "…"
        out.append(
            f"| {template} | {section} | {subject.replace('|', '｜')} | {len(ms)} | {sum(m.masked for m in ms)} | "
            f"{len({m.document for m in ms})} | {grounded_text} | {example} |"
        )
    out += ["", "### Which rules detect (narrative amounts whose change raised each code)", "", "| code | amounts |"]
    out.append("|---|---|")
    codes = Counter(code for m in results for code in m.codes)
    out += [f"| `{code}` | {n} |" for code, n in codes.most_common()]
    return "\n".join(out) + "\n"


def narrative_main(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    docs = documents(args.corpus, reference=not args.no_reference)
    results: list[NarrativeMutation] = []
    for (mutations, seconds), paths in zip(run_all(docs, args.workers, mutate_narrative), docs, strict=True):
        hit = sum(m.detected for m in mutations)
        figures = f"{len(mutations):5d} amounts {hit:5d} detected {rate(hit, len(mutations)):>8}"
        print(f"{figures}  {seconds:5.1f} s  {document_name(paths)}")
        results += mutations
    elapsed = time.perf_counter() - start
    out_path = args.out or NARRATIVE_OUT
    with out_path.open("w", encoding="utf-8") as out:
        for m in results:
            out.write(json.dumps(asdict(m), ensure_ascii=False) + "\n")
    report = narrative_markdown(results, elapsed, [document_name(paths) for paths in docs])
    if args.write:
        write_section(args.write, report, NARRATIVE_BEGIN, NARRATIVE_END)
    else:
        print(report)
    hit = sum(m.detected for m in results)
    figures = f"{len(results)} narrative amounts, {hit} detected ({rate(hit, len(results))})"
    print(f"\n{figures}, {elapsed:.0f} s; in {out_path}")
    return 0


def run_all(
    docs: list[tuple[Path, ...]], workers: int, job: Callable[[tuple[Path, ...]], tuple[list[T], float]]
) -> Iterable[tuple[list[T], float]]:
    if workers <= 1:
        return [job(paths) for paths in docs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(job, docs))


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, help=f"default {DEFAULT_OUT} ({NARRATIVE_OUT} with --narrative)")
    parser.add_argument("--write", type=Path, help="replace the generated part of this Markdown file")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-reference", action="store_true", help="leave out the Xinjiang reference text")
    parser.add_argument("--narrative", action="store_true", help="change the amounts Part 3 prints, not table cells")
    args = parser.parse_args()
    if args.narrative:
        return narrative_main(args)
    args.out = args.out or DEFAULT_OUT

    start = time.perf_counter()
    docs = documents(args.corpus, reference=not args.no_reference)
    results: list[Mutation] = []
    for (mutations, seconds), paths in zip(run_all(docs, args.workers, mutate_document), docs, strict=True):
        hit = sum(m.detected for m in mutations)
        figures = f"{len(mutations):5d} cells {hit:5d} detected {rate(hit, len(mutations)):>8}"
        print(f"{figures}  {seconds:5.1f} s  {document_name(paths)}")
        results += mutations
    elapsed = time.perf_counter() - start
    with args.out.open("w", encoding="utf-8") as out:
        for m in results:
            out.write(json.dumps(asdict(m), ensure_ascii=False) + "\n")
    report = markdown(results, elapsed, [document_name(paths) for paths in docs])
    if args.write:
        write_section(args.write, report)
    else:
        print(report)
    hit = sum(m.detected for m in results)
    print(f"\n{len(results)} cells, {hit} detected ({rate(hit, len(results))}), {elapsed:.0f} s; cells in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
