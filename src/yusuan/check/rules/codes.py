"""Classification codes: well-formed, known, and printed under their name.

Function codes are 3 (类), 5 (款) or 7 (项) digits; economic codes 3 or 5.
Names are checked against the catalogue of observed names by year, which is
partial: a code it does not know is only an info, and a name is only
questioned when the catalogue has names for that very year.  The same code
printed under two names in the same document is always worth a warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from yusuan.catalog import CodeName
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Location
from yusuan.check.registry import rule
from yusuan.check.text import fold
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Row, Table
from yusuan.model.kinds import ECONOMIC_CODE_TABLES

_FUNCTION = lazy_compile(r"^\d{3}(\d{2}){0,2}$")
_ECONOMIC = lazy_compile(r"^\d{3}(\d{2}){0,2}$")  # 7 digits: a local subdivision of a 款 (重庆 3010201)


def is_economic(table: Table) -> bool:
    return table.kind in ECONOMIC_CODE_TABLES


@dataclass(frozen=True)
class PrintedCode:
    table: Table
    row: Row
    code: str
    name: str  # the printed name, code prefix removed

    @property
    def economic(self) -> bool:
        return is_economic(self.table)


_LIST_NUMBER = lazy_compile(r"^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)\s*")


def printed_codes(ctx: CheckContext) -> Iterator[PrintedCode]:
    """Every code row of every table, with the name as printed (project rows give their 科目名称); a row
    keyed from its name alone prints no code.  Found once per check (six rules ask)."""
    if "codes.printed" not in ctx.memo:
        ctx.memo["codes.printed"] = list(_find_printed_codes(ctx))
    found: list[PrintedCode] = ctx.memo["codes.printed"]
    return iter(found)


def _find_printed_codes(ctx: CheckContext) -> Iterator[PrintedCode]:
    for table in ctx.disclosure.tables:
        for row in table.body_rows():
            if row.code is None or row.named:
                continue
            code = "".join(row.code.split())
            name = _LIST_NUMBER.sub("", " ".join(row.label.split()))  # `（一）一般公共服务支出`: the list number
            yield PrintedCode(table, row, code, _without_code(name, code) if code.isdigit() else name)


def _without_code(name: str, code: str) -> str:
    """The name with its leading code removed, however extraction spaced the digits (`2 0 1 01 办公厅`)."""
    position = 0
    for digit in code:
        while position < len(name) and name[position].isspace():
            position += 1
        if position == len(name) or name[position] != digit:
            return name
        position += 1
    return name[position:].lstrip()


def _where(ctx: CheckContext, printed: PrintedCode) -> Location:
    return ctx.at_cell(printed.table, printed.row)


@rule("code-malformed", "科目编码格式错误", "error")
def code_malformed(ctx: CheckContext) -> Iterable[Finding]:
    """Function codes are 3, 5 or 7 digits; economic codes 3 or 5 (7 where a region subdivides a 款);
    project rows carry a 7-digit code."""
    for p in printed_codes(ctx):
        shape = _ECONOMIC if p.economic else _FUNCTION
        kind = "部门预算支出经济分类" if p.economic else "支出功能分类"
        lengths = "3、5或7位"
        if not shape.match(p.code):
            yield ctx.finding(
                f"表{p.table.number}“{p.name}”的科目编码“{p.row.code}”不是{lengths}数字的{kind}编码。",
                _where(ctx, p),
                actual=p.row.code,
            )
        elif p.row.project and len(p.code) != 7:
            yield ctx.finding(
                f"表{p.table.number}项目“{p.row.project}”的科目编码“{p.code}”应细化到项级（7位）。",
                _where(ctx, p),
                actual=p.code,
            )


def _entries(ctx: CheckContext, p: PrintedCode) -> list[CodeName]:
    return ctx.catalog.economic_names(p.code) if p.economic else ctx.catalog.function_names(p.code)


def _well_formed(p: PrintedCode) -> bool:
    return bool((_ECONOMIC if p.economic else _FUNCTION).match(p.code))


@rule("code-unknown", "科目编码不在目录中", "info")
def code_unknown(ctx: CheckContext) -> Iterable[Finding]:
    """A well-formed code the catalogue does not know (the catalogue is partial: not wrong, just unverified)."""
    seen: set[tuple[bool, str]] = set()
    for p in printed_codes(ctx):
        if not _well_formed(p) or (p.economic, p.code) in seen:
            continue
        seen.add((p.economic, p.code))
        if not _entries(ctx, p):
            kind = "经济分类" if p.economic else "功能分类"
            yield ctx.finding(
                f"{kind}科目 {p.code}“{p.name}”不在内置科目目录中，名称未能核对。",
                _where(ctx, p),
                actual=p.name,
            )


def _year_names(entries: list[CodeName], year: int) -> list[CodeName]:
    return [e for e in entries if e.first_year <= year <= e.last_year]


@rule("code-name-catalogue", "科目名称与当年科目目录不符", "warning")
def code_name_catalogue(ctx: CheckContext) -> Iterable[Finding]:
    """A known code is printed under one of the names the catalogue records for the document's year.

    Only years the catalogue covers are judged; spaces, full/half-width
    brackets and quotes are ignored.
    """
    seen: set[tuple[bool, str, str]] = set()
    for p in printed_codes(ctx):
        key = (p.economic, p.code, fold(p.name))
        if not _well_formed(p) or key in seen or not p.name:
            continue
        seen.add(key)
        covering = _year_names(_entries(ctx, p), ctx.year)
        if not covering or any(fold(e.name) == fold(p.name) or _shortened(p.name, e.name) for e in covering):
            continue
        other_years = [e for e in _entries(ctx, p) if fold(e.name) == fold(p.name)]
        hint = (
            f"；“{p.name}”是该科目 {other_years[0].first_year}–{other_years[0].last_year} 年的名称"
            if other_years
            else ""
        )
        names = "”或“".join(dict.fromkeys(e.name for e in covering))
        yield ctx.finding(
            f"表{p.table.number}科目 {p.code} 印作“{p.name}”，{ctx.year} 年科目名称为“{names}”{hint}。",
            _where(ctx, p),
            expected=covering[0].name,
            actual=p.name,
        )


def _shortened(printed: str, name: str) -> bool:
    """A name printed cut short with an ellipsis (a form's `高等教育……`) that the catalogue's name begins with."""
    stem = printed.rstrip("…. ")
    return stem != printed and bool(stem) and fold(name).startswith(fold(stem))


@rule("code-name-inconsistent", "同一科目在不同表中名称不同", "warning")
def code_name_inconsistent(ctx: CheckContext) -> Iterable[Finding]:
    """A code is printed under one name throughout the document (spaces and bracket widths aside)."""
    by_code: dict[tuple[bool, str], list[PrintedCode]] = {}
    for p in printed_codes(ctx):
        if _well_formed(p) and p.name:
            by_code.setdefault((p.economic, p.code), []).append(p)
    for (economic, code), printed in by_code.items():
        names: dict[str, list[PrintedCode]] = {}
        for p in printed:
            names.setdefault(fold(p.name), []).append(p)
        if len(names) < 2:
            continue
        reference = _reference_name(ctx, economic, code, names)
        first = names[reference][0]
        for folded, occurrences in names.items():
            if folded == reference:
                continue
            where = occurrences[0]
            tables = "、".join(dict.fromkeys(f"表{o.table.number}" for o in occurrences))
            ref_tables = "、".join(dict.fromkeys(f"表{o.table.number}" for o in names[reference]))
            yield ctx.finding(
                f"科目 {code} 在{ref_tables}中为“{first.name}”，在{tables}中为“{where.name}”，同一科目名称应一致。",
                _where(ctx, where),
                expected=first.name,
                actual=where.name,
                related=(_where(ctx, first),),
            )


def _reference_name(ctx: CheckContext, economic: bool, code: str, names: dict[str, list[PrintedCode]]) -> str:
    """The catalogue's latest name for the year when it is among the printed ones, else the most printed."""
    entries = ctx.catalog.economic_names(code) if economic else ctx.catalog.function_names(code)
    covering = _year_names(entries, ctx.year)
    for entry in sorted(covering, key=lambda e: not e.is_latest):
        if fold(entry.name) in names:
            return fold(entry.name)
    return max(
        names,
        key=lambda n: (len(names[n]), -min(int(p.table.number) if p.table.number.isdigit() else 99 for p in names[n])),
    )
