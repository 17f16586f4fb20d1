"""One entry point for every published format, and for a document published as several files.

`read_document(path)` reads a PDF, Word, Excel, HTML or text file into a
`Disclosure`; `read_documents(paths)` reads the files of one document (Jiangsu
publishes the narrative and the tables apart) and merges them: the identity,
contents, profile and narrative come from the file that has them, the tables
from wherever they are.  The template is detected from all the files' words
unless `template_id` names one.  Tables printed without a number get it from
the table of contents.  `write_json` and `write_xlsx` give `yusuan extract`
its two outputs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from yusuan.errors import InputError
from yusuan.extract.detect import detect_template
from yusuan.extract.lines import TextLine
from yusuan.extract.normalise import fold
from yusuan.extract.pdf_defects import with_defects
from yusuan.extract.problems import ReadProblem
from yusuan.extract.reader import read_lines
from yusuan.extract.table_blocks import match_kind
from yusuan.extract.template import load_template
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Disclosure, Table

_CONTENTS_ENTRY = lazy_compile(
    r"^\s*(?:[-•·]\s*)?(?:表\s*)?(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[、.．:：]?\s*(.+表(?:\s*[(（][^()（）]{1,12}[)）])?)\s*$"
)


def _pdf(path: Path, template_id: str | None) -> list[TextLine]:
    from yusuan.extract.pdf import pdf_lines

    return pdf_lines(path, template_id)


def _text(path: Path, template_id: str | None) -> list[TextLine]:
    from yusuan.extract.text_file import text_lines

    return text_lines(path)


def _docx(path: Path, template_id: str | None) -> list[TextLine]:
    from yusuan.extract.docx_reader import docx_lines

    return docx_lines(path)


def _html(path: Path, template_id: str | None) -> list[TextLine]:
    from yusuan.extract.html_reader import html_lines

    return html_lines(path)


def _excel(path: Path, template_id: str | None) -> list[TextLine]:
    from yusuan.extract.excel_reader import workbook_lines

    return workbook_lines(path)


READERS: dict[str, Callable[[Path, str | None], list[TextLine]]] = {
    ".pdf": _pdf,
    ".txt": _text,
    ".text": _text,
    ".docx": _docx,
    ".html": _html,
    ".htm": _html,
    ".xlsx": _excel,
    ".xlsm": _excel,
    ".xls": _excel,
}


def document_lines(path: Path, template_id: str | None = None) -> list[TextLine]:
    """The lines of one file of any supported format (tables as tab-separated rows).

    `template_id` helps a PDF's whitespace-aligned tables find their columns; it is detected when None.
    """
    if not path.exists():
        raise InputError(str(path), "文件不存在")
    if path.is_dir():
        raise InputError(str(path), "这是一个目录，不是文件")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = "、".join(sorted(READERS))
        raise InputError(str(path), f"不支持的文件类型“{path.suffix}”（可读：{known}）")
    return reader(path, template_id)


def read_document(path: Path, template_id: str | None = None) -> tuple[Disclosure, list[ReadProblem]]:
    """The disclosure in one file, and what could not be read; InputError if the file cannot be read."""
    return read_documents([path], template_id)


def read_documents(paths: Sequence[Path], template_id: str | None = None) -> tuple[Disclosure, list[ReadProblem]]:
    """One disclosure from the files of one document (e.g. a narrative PDF and a tables PDF)."""
    if not paths:
        raise InputError("", "没有给出要读取的文件")
    check_template(paths[0], template_id)
    return join_files([(path, document_lines(path, template_id)) for path in paths], template_id)


def check_template(path: Path, template_id: str | None) -> None:
    """InputError naming `path` when `template_id` names no template."""
    if template_id is not None:
        try:
            load_template(template_id)
        except ValueError as exc:
            raise InputError(str(path), str(exc)) from exc


# what one file read under one template gave: (template, disclosure, problems)
FileReading = tuple[str, Disclosure, list[ReadProblem]]


def read_file(path: Path, lines: Sequence[TextLine], template: str) -> FileReading:
    """One file's lines read alone under `template`; InputError naming the file if it is not a disclosure."""
    try:
        disclosure, problems = read_lines(lines, path.name, template)
    except InputError as exc:
        raise InputError(str(path), exc.message) from exc
    return template, disclosure, problems


def join_files(
    files: Sequence[tuple[Path, list[TextLine]]],
    template_id: str | None = None,
    readings: dict[Path, FileReading] | None = None,
) -> tuple[Disclosure, list[ReadProblem]]:
    """The files of one document read under one template (detected from all their words) and merged.

    `readings` holds files already read alone; one read under the same template is not read again.
    """
    template = template_id or detect_template([line for _, lines in files for line in lines])
    read: list[tuple[Disclosure, list[ReadProblem]]] = []
    for path, lines in files:
        done = (readings or {}).get(path)
        if done is not None and done[0] == template:
            disclosure, problems = done[1], done[2]
        else:
            try:
                disclosure, problems = read_lines(lines, path.name, template)
            except InputError as exc:
                if len(files) == 1 or not lines:
                    raise InputError(str(path), exc.message) from exc
                continue  # a file with neither tables nor parts adds nothing to the others
        disclosure = with_defects(disclosure, lines, path.name if len(files) > 1 else None)
        tagged = [_tag(p, path.name) for p in problems] if len(files) > 1 else problems
        read.append((disclosure, sorted(tagged, key=lambda p: (p.page or 0, p.line or 0))))
    if not read:
        raise InputError(str(files[0][0]), "这些文件中没有找到预算公开的表格或章节")
    disclosure, problems = _merge(read) if len(read) > 1 else read[0]
    return number_tables(disclosure, template), problems


def _tag(problem: ReadProblem, name: str) -> ReadProblem:
    return ReadProblem(problem.code, problem.message, problem.line, problem.page, problem.text, file=name)


def _merge(read: list[tuple[Disclosure, list[ReadProblem]]]) -> tuple[Disclosure, list[ReadProblem]]:
    """The narrative file gives identity and text; tables come from every file, first of a kind kept."""
    main = max(read, key=lambda item: (len(item[0].narrative) + len(item[0].contents), -len(item[0].tables)))[0]
    problems = [p for _, items in read for p in items]
    tables: list[Table] = []
    for disclosure, _ in read:
        for table in disclosure.tables:
            if any(t.kind == table.kind for t in tables):
                place = table.source.describe() if table.source else ""
                problems.append(
                    ReadProblem("table-duplicate", f"表{table.number}“{table.title}”在另一个文件中已有，未读取",
                                table.source.line if table.source else None,
                                table.source.page if table.source else None, place,
                                file=table.source.file if table.source else None)
                )  # fmt: skip
                continue
            tables.append(table)
    unit = main.meta.unit or next((d.meta.unit for d, _ in read if d.meta.unit), "")
    year = main.meta.year or next((d.meta.year for d, _ in read if d.meta.year), 0)
    sources = tuple(name for d, _ in read for name in d.meta.sources)
    meta = main.meta.model_copy(update={"unit": unit, "year": year, "sources": sources})
    if unit and year:
        problems = [p for p in problems if not p.code.startswith("meta-")]
    merged = main.model_copy(
        update={
            "meta": meta,
            "tables": tables,
            "contents": main.contents or next((d.contents for d, _ in read if d.contents), []),
            "performance": [p for d, _ in read for p in d.performance],
            "page_defects": [p for d, _ in read for p in d.page_defects],
        }
    )
    return merged, problems


def number_tables(disclosure: Disclosure, template_id: str) -> Disclosure:
    """Tables printed without a number take the number the table of contents gives their title."""
    if all(t.number for t in disclosure.tables) or not disclosure.contents:
        return disclosure
    template = load_template(template_id)
    numbers: dict[str, str] = {}
    for entry in disclosure.contents:
        match = _CONTENTS_ENTRY.match(entry)
        if not match:
            continue
        spec = match_kind(match.group(2), template)
        if spec is not None and fold(match.group(2)).endswith("表"):
            numbers.setdefault(spec.kind.value, match.group(1))
    tables = [
        t.model_copy(update={"number": numbers[t.kind.value]}) if not t.number and t.kind.value in numbers else t
        for t in disclosure.tables
    ]
    return disclosure.model_copy(update={"tables": tables})


def write_json(disclosure: Disclosure) -> str:
    """The disclosure as JSON (amounts as decimal strings, exactly as read)."""
    return disclosure.model_dump_json(indent=2)


def write_xlsx(disclosure: Disclosure) -> bytes:
    """The disclosure as an Excel workbook laid out like the official tables."""
    from yusuan.render.xlsx import render_xlsx

    return render_xlsx(disclosure)
