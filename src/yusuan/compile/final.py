"""compile, the 决算 phase: `FinalAccounts` → `Disclosure` in the national final-accounts layout.

The same hub as a budget's: the nine tables (final_tables.py), Part 3 in the
决算 register (final_narrative.py), Parts 1 and 4 and the contents; render,
extract and check then treat it as any disclosure whose kind is a 决算.
"""

from __future__ import annotations

from yusuan.compile.final_book import Book
from yusuan.compile.final_narrative import FinalNarrative
from yusuan.compile.final_tables import build_final_tables
from yusuan.compile.front_matter import STANDARD_FINAL_GLOSSARY
from yusuan.model import Disclosure, DocumentMeta, GlossaryEntry, Profile, Section, Table
from yusuan.model.final_accounts import FinalAccounts
from yusuan.numerals import to_chinese


def compile_final(facts: FinalAccounts, *, source: str | None = None) -> Disclosure:
    """Compile a 决算's facts into its disclosure."""
    book = Book(facts)
    tables = build_final_tables(book)
    narrative = FinalNarrative(book).sections()
    glossary = facts.glossary or [GlossaryEntry(term=t, definition=d) for t, d in STANDARD_FINAL_GLOSSARY]
    return Disclosure(
        meta=DocumentMeta(
            unit=facts.unit.name,
            year=facts.year,
            kind=facts.kind,
            published=facts.published,
            template="national-final",
            sources=(source,) if source else (),
        ),
        contents=final_contents(facts, tables, narrative),
        profile=Profile(duties=list(facts.unit.duties), organisation=facts.unit.composition),
        tables=tables,
        narrative=narrative,
        glossary=list(glossary),
    )


def final_contents(facts: FinalAccounts, tables: list[Table], sections: list[Section]) -> list[str]:
    """The table of contents, as the national 决算 layout prints it."""
    entity, year, who = facts.entity, facts.year, facts.unit.name
    lines = [f"第一部分 {who}概况", "一、主要职能", f"二、{entity}决算单位构成"]
    lines.append(f"第二部分 {who}{year}年度{entity}决算表")
    lines += [f"{to_chinese(i)}、{t.title}" for i, t in enumerate(tables, start=1)]
    lines.append(f"第三部分 {who}{year}年度{entity}决算情况说明")
    lines += [f"{s.number}、{s.title}" for s in sections]
    lines.append("第四部分 名词解释")
    return lines
