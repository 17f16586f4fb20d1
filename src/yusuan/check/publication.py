"""A report on one file of a publication published in several files.

Some regions publish the narrative (概况, 情况说明, 名词解释) and the tables
(报表) as separate attachments, or publish the tables alone.  A file checked
without the other side must not report every part and table of that side as
missing (a narrative file's own contents list twelve tables it does not
hold): `part_report` drops those absences and says once, in a
`publication-apart` notice, that the other side is published separately and
how to check both together.  Everything the file does hold is checked as
usual.  `joined_report` adds the notices of how files were joined into one
publication (`publication-joined`, e.g. joined by the order given).
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import replace

from yusuan.check.finding import Finding, Location, Report, ScorecardItem, Severity
from yusuan.check.registry import PUBLICATION_APART as APART
from yusuan.check.registry import PUBLICATION_JOINED as JOINED
from yusuan.check.registry import is_selected
from yusuan.lazy_pattern import lazy_compile

TABLES = "tables"
NARRATIVE = "narrative"

# findings that only say the tables are absent, and those that only say the narrative side is
_TABLE_ABSENCES = frozenset({"toc-table-missing", "mandated-table-missing"})
_TEXT_ABSENCES = frozenset({"toc-section-missing"})
_TEXT_SECTIONS = frozenset({"profile", "narrative", "glossary"})
_SHELL_SPECIAL = lazy_compile(r"[\s'\"$`\\!*?;&|<>(){}\[\]#~]")


def part_report(
    report: Report,
    apart: str,
    file_name: str,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
) -> Report:
    """`report` on a file holding one side of a publication: the other side (`apart`, TABLES or NARRATIVE)
    is not reported missing, part by part and table by table; one notice says it is published apart."""
    findings = [f for f in report.findings if not _absence(f, apart)]
    scorecard = tuple(item for item in report.scorecard if not _scorecard_absence(item, apart))
    stage = "决算" if report.document.kind.endswith("final_accounts") else "预算"
    name = _shell_word(file_name)
    if apart == TABLES:
        message = (
            f"本文件只有概况、情况说明等文字部分，没有{stage}公开表（报表），未将缺少报表和目录所列各表计为问题。"
            f"报表另行公开的，请把两个文件一起检查：yusuan check {name} 报表.pdf"
        )
    else:
        message = (
            f"本文件只有{stage}公开表（报表），没有概况、情况说明和名词解释，只检查了报表，未将缺少这些部分计为问题。"
            f"情况说明另行公开的，请把两个文件一起检查：yusuan check 说明.pdf {name}"
        )
    notice = Finding(code=APART, severity=Severity.INFO, message=message, location=Location())
    if is_selected(APART, select, ignore):
        findings.insert(0, notice)
    return replace(report, findings=tuple(findings), scorecard=scorecard)


def joined_report(
    report: Report, notices: Sequence[str], select: Sequence[str] | None = None, ignore: Sequence[str] | None = None
) -> Report:
    """`report` with the notices of how its files were joined into one publication, first."""
    if not notices or not is_selected(JOINED, select, ignore):
        return report
    added = tuple(Finding(code=JOINED, severity=Severity.INFO, message=text, location=Location()) for text in notices)
    return replace(report, findings=added + report.findings)


def _absence(finding: Finding, apart: str) -> bool:
    if apart == TABLES:
        section = finding.location.section
        return finding.code in _TABLE_ABSENCES or (finding.code == "part-missing" and section == TABLES)
    return finding.code in _TEXT_ABSENCES or (
        finding.code == "part-missing" and finding.location.section in _TEXT_SECTIONS
    )


def _scorecard_absence(item: ScorecardItem, apart: str) -> bool:
    """A scorecard line of the side published apart: a table (`表1 …`, `表一 …`) or the tables part
    (`预算公开表`, `第二部分 预算公开表`) when the tables are apart; any other part when the narrative is."""
    is_table = item.label.startswith("表")
    is_tables_part = not is_table and "公开表" in item.label
    if apart == TABLES:
        return not item.present and (is_table or is_tables_part)
    return not item.present and not is_table and not is_tables_part


def _shell_word(name: str) -> str:
    """A file name as a person types it in a shell (quoted only when it must be)."""
    return shlex.quote(name) if _SHELL_SPECIAL.search(name) else name
