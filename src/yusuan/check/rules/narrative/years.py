"""Every year the narrative names, against the document's year.

A budget for 2026 compares with 2025 (`比2025年预算`, `与2025年相比`,
`上年（2025年）`), counts its assets as of the end of 2025 and titles its
parts `2026年…`; a final account for 2024 compares with 2023 and counts as
of 31 December 2024.  A year copied from last year's document (a 2026
document that compares with 2026, or titles a part `2025年度…`) is the
commonest leftover a reviewer marks.  Only phrases whose year has one right
value are read: `比/较/与YYYY年…相比`, `YYYY年与YYYY年`, `上年（YYYY年）`,
`本年（YYYY年）`, `截至YYYY年底`, years in the narrative's titles and the
table of contents' entries for the document itself, and, in a budget's text,
a later year's 部门预算 / 单位预算 (a budget never speaks of one not yet made).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Location
from yusuan.check.registry import rule
from yusuan.check.text import fold
from yusuan.lazy_pattern import lazy_compile

_YEAR = r"(?P<year>\d{4})"
# each pattern names the year it must hold: the document's (`this`) or the year before (`last`)
_COMPARE = lazy_compile(rf"(?:比|较){_YEAR}年")
_WITH = lazy_compile(rf"与{_YEAR}年(?:度)?(?:[^,;。:0-9]{{0,10}}?)(?:相比|比较|对比)")
_LAST_YEAR_NAMED = lazy_compile(rf"上(?:一)?年(?:度)?[(]{_YEAR}年?(?:度)?[)]")
_THIS_YEAR_NAMED = lazy_compile(rf"本年(?:度)?[(]{_YEAR}年?(?:度)?[)]")
_AS_OF = lazy_compile(rf"截(?:至|止){_YEAR}年(?:底|末|12月31日)")
_YEAR_PAIR = lazy_compile(r"(\d{4})年(?:度)?(?:与|和|及)(\d{4})年")
_TITLE_YEAR = lazy_compile(rf"{_YEAR}年")
# a table-of-contents entry about the document itself: `第二部分 2026年部门预算表`, `2024年度部门决算情况说明`
_CONTENTS_YEAR = lazy_compile(rf"{_YEAR}年(?:度)?(?:[^,;。0-9]{{0,20}}?)(?:部门|单位)(?:预算|决算)")
# running text naming the document itself: `2026年度部门预算公开表附后`, `2026年部门预算安排购置车辆`,
# `2026年度部门预算收入包括…` (not after 比/较/与, where another year's budget is compared with)
_DOCUMENT_YEAR = lazy_compile(
    rf"(?<![比较与于同对\d]){_YEAR}年度?(?:部门|单位)预算(?=公开|情况说明|编制说明|安排购置|收入包括|支出包括|表)"
)

# a later year's budget named in a budget's running text (`2027年部门预算不含中央基建资金` in a 2026 budget): a budget
# speaks of this year's and compares with last year's, never of a budget not yet made
_ANY_DOCUMENT_YEAR = lazy_compile(rf"(?<![比较与于同对\d]){_YEAR}年度?(?:部门|单位)预算")


@dataclass(frozen=True)
class YearProblem:
    phrase: str
    expected: int
    actual: int

    @property
    def suggestion(self) -> str:
        return self.phrase.replace(str(self.actual), str(self.expected), 1)


def paragraph_problems(text: str, year: int, *, final_accounts: bool) -> Iterator[YearProblem]:
    """The year phrases of one paragraph (folded) whose year is not the one they must name."""
    for pattern, expected in (
        (_COMPARE, year - 1),
        (_WITH, year - 1),
        (_LAST_YEAR_NAMED, year - 1),
        (_THIS_YEAR_NAMED, year),
        (_AS_OF, year if final_accounts else year - 1),
    ):
        for m in pattern.finditer(text):
            if int(m.group("year")) != expected:
                yield YearProblem(m.group(0), expected, int(m.group("year")))
    for m in _YEAR_PAIR.finditer(text):
        named = (int(m.group(1)), int(m.group(2)))
        if any(y not in {year - 1, year} for y in named):
            wrong = next(y for y in named if y not in {year - 1, year})
            other = next((y for y in named if y != wrong), None)
            yield YearProblem(m.group(0), year if other == year - 1 else year - 1, wrong)


@rule("narrative-year", "说明中的年份与文件年度不符", "warning")
def narrative_year(ctx: CheckContext) -> Iterable[Finding]:
    """Comparison years are the year before the document's; titles name the document year.

    `比/较YYYY年`, `与YYYY年相比` and `上年（YYYY年）` name last year; `本年（YYYY年）` this year;
    `YYYY年与YYYY年` names last year and this; assets are counted `截至` the end of last year (of this
    year in final accounts); the narrative's titles and the contents' entries for the document itself
    (`2026年部门预算…`) name the document year.
    """
    year = ctx.year
    final_accounts = "final" in ctx.disclosure.meta.kind.value
    for path, section in ctx.sections():
        for found in _TITLE_YEAR.finditer(fold(section.title)):
            if int(found.group("year")) != year:
                yield _finding(
                    ctx,
                    f"{ctx.in_part3(path)}标题写“{found.group(0)}”，文件年度为 {year} 年。",
                    ctx.at_section(path),
                    YearProblem(found.group(0), year, int(found.group("year"))),
                )
    for entry in ctx.disclosure.contents:
        for found in _CONTENTS_YEAR.finditer(fold(entry)):
            if int(found.group("year")) != year:
                yield _finding(
                    ctx,
                    f"目录“{entry.strip()}”写“{found.group('year')}年”，文件年度为 {year} 年。",
                    Location(section="contents", row=entry.strip()),
                    YearProblem(f"{found.group('year')}年", year, int(found.group("year"))),
                )
    for paragraph in ctx.claims.paragraphs:
        for found in [] if final_accounts else _named_years(fold(paragraph.text), year):
            phrase = found.group(0)
            yield _finding(
                ctx,
                f"{ctx.in_part3(paragraph.path)}写“{phrase}”，文件年度为 {year} 年。",
                ctx.at_section(paragraph.path, paragraph.first),
                YearProblem(phrase, year, int(found.group("year"))),
            )
        for problem in paragraph_problems(fold(paragraph.text), year, final_accounts=final_accounts):
            yield _finding(
                ctx,
                f"{ctx.in_part3(paragraph.path)}写“{problem.phrase}”，{year} 年的文件应为 {problem.expected} 年。",
                ctx.at_section(paragraph.path, paragraph.first),
                problem,
            )
    d = ctx.disclosure
    others = [("profile", "第一部分", d.profile.other), ("tables", "公开表部分", d.tables_text)]  # 编制依据, 表附后…
    for part, label, texts in [] if final_accounts else others:
        for index, text in enumerate(texts, start=1):
            for found in _named_years(fold(text), year):
                phrase = found.group(0)
                yield _finding(
                    ctx,
                    f"{label}写“{phrase}”，文件年度为 {year} 年。",
                    Location(section=part, row=f"paragraph {index}"),
                    YearProblem(phrase, year, int(found.group("year"))),
                )


def _named_years(folded: str, year: int) -> list[re.Match[str]]:
    """The budget's names in a budget's text whose year is not the document's (`2025年度部门预算公开表` in a 2026
    budget; any later year's `2027年部门预算`)."""
    named = [m for m in _DOCUMENT_YEAR.finditer(folded) if int(m.group("year")) != year]
    starts = {m.start() for m in named}
    named += [m for m in _ANY_DOCUMENT_YEAR.finditer(folded) if int(m.group("year")) > year and m.start() not in starts]
    return named


def _finding(ctx: CheckContext, message: str, location: Location, problem: YearProblem) -> Finding:
    return ctx.finding(
        message,
        location,
        expected=str(problem.expected),
        actual=str(problem.actual),
        suggestion=problem.suggestion,
    )
