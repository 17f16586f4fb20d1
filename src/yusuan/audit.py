"""What `yusuan check` checks: any input, turned into a `Disclosure` and its read problems.

A budget (YAML, or the fill-in workbook) is compiled, so an accountant checks
the document yusuan would publish; a published document (text, PDF, Word,
Excel) is read by `extract`, which also reports what it could not read.
Files given together are joined only when they are parts of one publication
(a narrative file and a tables file of the same unit, year and kind, as
Jiangsu publishes them); any other file is checked and reported on its own
(`extract.publications`).  `check_files` gives one report per publication.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yusuan.collector import collector_paused
from yusuan.errors import InputError
from yusuan.model import Disclosure

if TYPE_CHECKING:
    from yusuan.check import Report
    from yusuan.extract.publications import ReadAlone

BUDGET_SUFFIXES = {".yaml", ".yml"}


def is_budget_workbook(path: Path) -> bool:
    """A workbook written by `yusuan template` (it has the 支出明细 sheet), not a published one."""
    if path.suffix.lower() != ".xlsx":
        return False
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    from yusuan.limits import check_archive

    check_archive(path, "Excel")
    try:
        workbook = load_workbook(path, read_only=True)
    except (OSError, BadZipFile, KeyError, ValueError) as exc:
        raise InputError(str(path), "无法打开 Excel 文件（文件损坏、加密或不是 .xlsx）") from exc
    try:
        return {"填写说明", "支出明细"} <= set(workbook.sheetnames)
    finally:
        workbook.close()


@dataclass(frozen=True)
class CheckInput:
    """One publication to check (a compiled budget, or `extract.publications.Publication`'s fields)."""

    files: tuple[Path, ...]
    disclosure: Disclosure
    problems: list[Any]
    apart: str | None = None  # the side of a publication these files lack ("tables" or "narrative")
    notices: tuple[str, ...] = ()

    @property
    def source(self) -> str:
        return ", ".join(str(path) for path in self.files)


@dataclass(frozen=True)
class Checked:
    """One publication's report, with the disclosure it was checked on and the files it came from."""

    report: Report
    disclosure: Disclosure
    files: tuple[Path, ...]
    apart: str | None = None  # the side these files lack: a part of a publication checked alone


def check_files(
    paths: Sequence[Path],
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    profile: str | None = None,
    readings: Mapping[Path, ReadAlone] | None = None,
) -> list[Checked]:
    """One report per publication in `paths`, in the order given; InputError if a file cannot be used.

    `readings`: files already read alone (`extract.publications.read_alone`), not read again.

    Reading and checking run with the cycle collector paused (`collector_paused`): they make objects by the
    hundred thousand and leave no cycles behind."""
    with collector_paused():
        return [_checked(p, select, ignore, profile) for p in load_for_check(paths, readings)]


def _checked(
    publication: CheckInput, select: Sequence[str] | None, ignore: Sequence[str] | None, profile: str | None
) -> Checked:
    from yusuan.check import run_checks
    from yusuan.check.publication import joined_report, part_report

    report = run_checks(
        publication.disclosure,
        read_problems=publication.problems,
        select=select,
        ignore=ignore,
        profile=profile,
        source=publication.source,
    )
    if publication.apart is not None:
        report = part_report(report, publication.apart, publication.files[0].name, select, ignore)
    report = joined_report(report, publication.notices, select, ignore)
    return Checked(report, publication.disclosure, publication.files, publication.apart)


def load_for_check(paths: Sequence[Path], readings: Mapping[Path, ReadAlone] | None = None) -> list[CheckInput]:
    """The publications to check, each with the problems met reading it (a budget is one publication)."""
    if not paths:
        raise InputError("", "没有给出要检查的文件")
    for path in paths:
        if not path.exists():
            raise InputError(str(path), "文件不存在")
    budgets = [p for p in paths if p.suffix.lower() in BUDGET_SUFFIXES or is_budget_workbook(p)]
    if budgets:
        if len(paths) > 1:
            raise InputError(str(budgets[0]), "预算数据文件须单独检查（一次只给一个 .yaml 或填报模板）")
        from yusuan.compile import compile_budget
        from yusuan.inputs import load_budget

        path = budgets[0]
        try:
            return [CheckInput((path,), compile_budget(load_budget(path), source=str(path)), [])]
        except InputError as exc:
            if exc.place.startswith(str(path)):
                raise
            raise InputError(f"{path} {exc.place}", exc.message) from exc
    from yusuan.extract.publications import read_publications  # not imported to check a budget

    return [
        CheckInput(p.files, p.disclosure, list(p.problems), p.apart, p.notices)
        for p in read_publications(paths, readings=readings)
    ]


UNIT_DOCUMENT_SUFFIXES = (".pdf", ".docx", ".xlsx", ".xls", ".txt", ".html", ".htm", ".yaml", ".yml")


def check_department(
    department: Path,
    units: Sequence[Path],
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    profile: str | None = None,
) -> Checked:
    """The department document's report, with every table line checked against the sum of its units' documents.

    `units` are files or folders (a folder: every document in it, in name order), each one unit's document."""
    from dataclasses import replace

    from yusuan.check.department import CODE, NOT_COMPARED, check_against_units
    from yusuan.check.registry import is_selected

    read = load_for_check([department])
    if len(read) != 1:  # pragma: no cover - one file is one publication
        raise InputError(str(department), "部门文件须是一份公开文件")
    ours = _checked(read[0], select, ignore, profile)
    documents = _unit_documents(department, ours.disclosure.meta.year, units)
    found = check_against_units(ours.disclosure, documents, read[0].problems)
    findings = tuple(f for f in found if is_selected(f.code, select, ignore))
    rules = sum(1 for code in (CODE, NOT_COMPARED) if is_selected(code, select, ignore))
    report = replace(ours.report, findings=ours.report.findings + findings, rules_run=ours.report.rules_run + rules)
    return replace(ours, report=report)


def check_final_with_budget(
    final: Sequence[Path],
    budget: Path,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    profile: str | None = None,
) -> Checked:
    """The 决算's report, with each 年初预算数 it prints checked against the same unit's budget of the year.

    A budget of another year, of another unit, of a department for a unit (or the reverse), or a file
    that is no budget is refused (`InputError`)."""
    from dataclasses import replace

    from yusuan.check.phase import CODE, check_against_budget, refusal
    from yusuan.check.registry import is_selected

    if any(budget.resolve() == path.resolve() for path in final):
        raise InputError(str(budget), "预算文件不能同时作为决算文件")
    read = load_for_check(list(final))
    if len(read) != 1:
        raise InputError("--budget", "与预算核对时，决算须是一份公开文件（说明和报表可分开给出）")
    theirs = load_for_check([budget])
    if len(theirs) != 1:  # pragma: no cover - one file is one publication
        raise InputError(str(budget), "预算文件须是一份公开文件")
    why = refusal(read[0].disclosure, theirs[0].disclosure)
    if why is not None:
        final_wrong = not read[0].disclosure.meta.kind.value.endswith("final_accounts")
        raise InputError(str(final[0] if final_wrong else budget), why)
    ours = _checked(read[0], select, ignore, profile)
    if not is_selected(CODE, select, ignore):
        return ours
    found = check_against_budget(ours.disclosure, theirs[0].disclosure, read[0].problems, theirs[0].problems, profile)
    report = replace(ours.report, findings=ours.report.findings + tuple(found), rules_run=ours.report.rules_run + 1)
    return replace(ours, report=report)


def _unit_documents(department: Path, year: int, units: Sequence[Path]) -> list[Any]:
    """Each unit's document, read as `yusuan check` reads it, checked to be of the department's year."""
    from yusuan.check.department import UnitDocument
    from yusuan.inputs.department_input import is_department_file

    files: list[Path] = []
    for given in units:
        if given.is_dir():
            found = sorted(
                p
                for p in given.iterdir()
                if p.is_file() and p.suffix.lower() in UNIT_DOCUMENT_SUFFIXES and not is_department_file(p)
            )
            if not found:
                raise InputError(str(given), "文件夹中没有单位的预算公开文件")
            files += found
        elif given.exists():
            files.append(given)
        else:
            raise InputError(str(given), "文件不存在")
    if not files:
        raise InputError("--units", "没有给出所属单位的文件")
    documents = []
    for file in files:
        if file.resolve() == department.resolve():
            raise InputError(str(file), "部门文件不能同时作为所属单位")
        read = load_for_check([file])
        if len(read) != 1:  # pragma: no cover - one file is one publication
            raise InputError(str(file), "每个所属单位须是一份公开文件")
        disclosure = read[0].disclosure
        if disclosure.meta.year != year:
            raise InputError(str(file), f"这是 {disclosure.meta.year} 年的文件，部门文件是 {year} 年的")
        documents.append(UnitDocument(disclosure.meta.unit or file.stem, disclosure, tuple(read[0].problems)))
    return documents
