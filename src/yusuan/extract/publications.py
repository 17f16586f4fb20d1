"""Which files given together are parts of one publication, and which stand alone.

Some regions publish a budget as two attachments — the narrative (概况,
情况说明, 名词解释) in one file, the tables (报表) in another — and some
publish the tables alone.  `read_publications(paths)` reads every file on its
own, then joins a narrative-only file and a tables-only file into one
publication when they are the same unit's, of the same year and kind; every
other file is a publication by itself.  Two files that both print a
narrative, or both print tables, are never joined, so that `yusuan check
a.pdf b.pdf` over two unrelated documents checks and reports each alone.

The unit is compared as printed, up to the usual long and short forms of a
Party or CPPCC organ's name (中国共产党江苏省委员会办公厅 = 中共江苏省委办公厅 =
江苏省委办公厅).  A tables file names its unit in its tables' `编制单位` line
(`extract.meta`); when one of the two files names no unit (or no year), the
files are joined by the order given, with a notice saying so.
`read_publication` is the one publication `yusuan extract` writes, or a
refusal naming the groups the files fall into.  A publication
lacking one side says which (`apart`), so that the check reports it once
instead of every part and table of that side as missing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from yusuan.errors import InputError
from yusuan.extract.detect import detect_template
from yusuan.extract.documents import FileReading, check_template, document_lines, join_files, read_file
from yusuan.extract.lines import TextLine
from yusuan.extract.normalise import fold
from yusuan.extract.problems import ReadProblem
from yusuan.lazy_pattern import Pattern, lazy_compile
from yusuan.model import Disclosure

TABLES = "tables"
NARRATIVE = "narrative"
# printed parts (`DocumentMeta.printed_parts`) that belong to the narrative side of a publication
_TEXT_PARTS = frozenset({"profile", "duties", "organisation", "narrative", "glossary"})


@dataclass(frozen=True)
class Publication:
    """One publication read from one or more of the files given."""

    files: tuple[Path, ...]
    disclosure: Disclosure
    problems: list[ReadProblem]
    apart: str | None = None  # TABLES or NARRATIVE: the side these files lack (published apart, or not at all)
    notices: tuple[str, ...] = ()  # how the files were joined, when a reader should know

    @property
    def source(self) -> str:
        return ", ".join(str(path) for path in self.files)


@dataclass
class _File:
    path: Path
    lines: list[TextLine]
    reading: FileReading

    @property
    def disclosure(self) -> Disclosure:
        return self.reading[1]

    @property
    def sides(self) -> frozenset[str]:
        return sides(self.disclosure)


def sides(disclosure: Disclosure) -> frozenset[str]:
    """Which sides of a publication a file prints: its tables, its narrative (概况, 说明, 名词解释), or both."""
    found = set()
    if disclosure.tables:
        found.add(TABLES)
    profile = disclosure.profile
    if (
        disclosure.narrative
        or disclosure.glossary
        or profile.duties
        or profile.organisation.strip()
        or set(disclosure.meta.printed_parts) & _TEXT_PARTS
    ):
        found.add(NARRATIVE)
    return frozenset(found)


def read_publications(
    paths: Sequence[Path], template_id: str | None = None, readings: Mapping[Path, ReadAlone] | None = None
) -> list[Publication]:
    """The publications in the files given, in the order of their first file.

    `readings` holds files already read alone (`read_alone`, as a batch worker does to decide whether a file
    is part of a publication): those are not read again.
    InputError (naming the file) when a file cannot be read or holds no disclosure at all.
    """
    if not paths:
        raise InputError("", "没有给出要读取的文件")
    check_template(paths[0], template_id)
    files: list[_File] = []
    for path in paths:
        done = readings.get(path) if readings and template_id is None else None
        lines, reading = done or read_alone(path, template_id)
        files.append(_File(path, lines, reading))
    alone = {f.path: f.reading for f in files}
    publications: list[Publication] = []
    for group, notices in _group(files):
        disclosure, problems = join_files([(f.path, f.lines) for f in group], template_id, alone)
        missing = {TABLES, NARRATIVE} - set().union(*(f.sides for f in group))
        apart = next(iter(missing)) if len(missing) == 1 else None
        publications.append(Publication(tuple(f.path for f in group), disclosure, problems, apart, notices))
    return publications


ReadAlone = tuple[list[TextLine], FileReading]
"""One file's lines and what they read as alone."""


def read_alone(path: Path, template_id: str | None = None) -> ReadAlone:
    """One file read alone, as `read_publications` reads each file before joining parts."""
    lines = document_lines(path, template_id)
    return lines, read_file(path, lines, template_id or detect_template(lines))


def read_publication(paths: Sequence[Path], template_id: str | None = None) -> Publication:
    """The one publication the files make (`yusuan extract`); InputError when they are not parts of one."""
    publications = read_publications(paths, template_id)
    if len(publications) > 1:
        names = "；".join("、".join(path.name for path in p.files) for p in publications)
        raise InputError(
            str(paths[0]),
            f"这些文件不是同一份公开文件的说明和报表（单位、年度或类型不同，或同一部分有两份）：{names}；请分别提取",
        )
    return publications[0]


def _group(files: list[_File]) -> list[tuple[list[_File], tuple[str, ...]]]:
    """Each tables-only file joined to the narrative-only file of the same publication, if given."""
    narratives = [i for i, f in enumerate(files) if f.sides == {NARRATIVE}]
    partner: dict[int, int] = {}  # tables file → narrative file
    notices: dict[int, str] = {}
    tables = [i for i, f in enumerate(files) if f.sides == {TABLES}]
    for strong in (True, False):
        for t in tables:
            if t in partner:
                continue
            free = [n for n in narratives if n not in partner.values()]
            wanted = "same" if strong else "maybe"
            fits = [n for n in free if _fits(files[n].disclosure, files[t].disclosure) == wanted]
            if not fits:
                continue
            n = min(fits, key=lambda i: (abs(i - t), i > t))  # the nearest, the one before it first
            partner[t] = n
            if not strong:
                notices[t] = _by_order(files[n], files[t])
    joined = {n: t for t, n in partner.items()}
    groups: list[tuple[list[_File], tuple[str, ...]]] = []
    taken: set[int] = set()
    for i in range(len(files)):
        if i in taken:
            continue
        other = partner.get(i, joined.get(i))
        members = sorted({i} if other is None else {i, other})  # in the order given
        taken.update(members)
        tables_file = next((m for m in members if m in partner), None)
        notice = notices.get(tables_file) if tables_file is not None else None
        groups.append(([files[m] for m in members], (notice,) if notice else ()))
    return groups


def _by_order(narrative: _File, tables: _File) -> str:
    """The notice for two files joined by the order given: which of them names no unit or year."""
    lacking = []
    for f in (narrative, tables):
        meta = f.disclosure.meta
        what = "、".join(word for word, value in (("单位名称", meta.unit), ("年度", meta.year)) if not value)
        if what:
            lacking.append(f"“{f.path.name}”没有印出{what}")
    return (
        f"{'；'.join(lacking)}，按给出的顺序把说明“{narrative.path.name}”和报表“{tables.path.name}”"
        "视为同一份公开文件合并检查；如不是同一份，请分别检查。"
    )


def _fits(narrative: Disclosure, tables: Disclosure) -> str:
    """`same` when the two files name the same unit, year and kind; `maybe` when nothing printed differs
    but one of them names no unit or no year; `no` otherwise."""
    a, b = narrative.meta, tables.meta
    if a.kind != b.kind or (a.year and b.year and a.year != b.year):
        return "no"
    if a.unit and b.unit and not same_unit(a.unit, b.unit):
        return "no"
    return "same" if a.unit and b.unit and a.year and b.year else "maybe"


_LONG_FORMS: tuple[tuple[Pattern, str], ...] = (
    (lazy_compile(r"中国共产党(.+?)委员会"), r"中共\1委"),
    (lazy_compile(r"中共(.+?)委员会"), r"中共\1委"),
    (lazy_compile(r"中国人民政治协商会议(.+?)委员会"), r"\1政协"),
    (lazy_compile(r"人民代表大会常务委员会"), "人大常委会"),
    (lazy_compile(r"^中共"), ""),
)


def same_unit(a: str, b: str) -> bool:
    """The two names are one unit's: equal once spaces, full-width forms and the long forms of
    Party, CPPCC and people's congress organs are folded (中国共产党江苏省委员会办公厅 = 江苏省委办公厅)."""
    return _short_name(a) == _short_name(b)


def _short_name(name: str) -> str:
    text = fold(name)
    for pattern, short in _LONG_FORMS:
        text = pattern.sub(short, text)
    return text
