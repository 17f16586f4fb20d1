"""Narrative recall (`bench/recall.py --narrative`): change each amount Part 3 prints, where it is printed.

For every amount a Part 3 statement prints (`Statement.amount` of
`yusuan.check.claims.parse_narrative`), the figure is changed in the paragraph
text of the `Disclosure` (its last printed digit raised by one, printed the
same way; the change is accepted only when parsing the changed text again
changes that statement's amount and nothing else), and the copy is checked.
Detected has the definition of bench/recall.py; the report groups what is not
detected by (template, section, subject) and says whether
`yusuan.check.subjects.resolve` grounds the subject in a table cell.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from recall import alarms_said, document_name, new_alarms, place, rate
from yusuan.check import run_checks
from yusuan.check.claims import Statement, parse_narrative
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding
from yusuan.check.profiles import resolve_profile
from yusuan.check.subjects import resolve
from yusuan.extract import read_documents
from yusuan.model import Disclosure, Section

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
