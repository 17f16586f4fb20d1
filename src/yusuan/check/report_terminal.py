"""The report for a terminal (Rich): findings grouped by severity, a one-line summary, a scorecard.

`renderable(report)` returns a Rich renderable for `Console.print` (colours,
the terminal's width); `render_terminal(report)` returns the same as plain
text, for tests and pipes.  Several publications checked together are
reported in turn, each under a heading naming its files (`headed`), then one
line counting them (`overall_line`).  Rich is imported only here, only when asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import StringIO
from typing import TYPE_CHECKING

from yusuan.check.finding import Finding, Report, Severity

if TYPE_CHECKING:
    from rich.console import RenderableType

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def summary_line(report: Report) -> str:
    verdict = "未发现错误" if report.ok else "发现错误"
    return (
        f"{verdict}：错误 {report.errors} 个，警告 {report.warnings} 个，提示 {report.infos} 个"
        f"（运行规则 {report.rules_run} 条）"
    )


def _where(finding: Finding) -> str:
    text = finding.location.describe()
    return text or "全文"


def renderable(report: Report) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = []
    doc = report.document
    title = Text(doc.title, style="bold")
    if report.source:
        title.append(f"  {report.source}", style="dim")
    parts.append(title)
    parts.append(Text(doc.profile_line, style="dim"))

    card = Table(title="组成部分与表格", show_header=False, box=None, padding=(0, 1))
    for item in report.scorecard:
        mark = Text("✓", style="green") if item.present else Text("✗", style="bold red")
        card.add_row(mark, Text(item.label), Text(item.note, style="dim"))
    if report.scorecard:
        parts.append(card)

    for severity in Severity:
        group = [f for f in report.findings if f.severity is severity]
        if group:
            parts.append(_findings_table(severity, group))

    parts.append(Text(summary_line(report), style="bold red" if not report.ok else "bold green"))
    return Group(*parts)


def _findings_table(severity: Severity, group: Sequence[Finding]) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=f"{severity.label}（{len(group)}）", title_style=_STYLE[severity], show_lines=False, expand=True
    )
    table.add_column("规则", style=_STYLE[severity], no_wrap=True)
    table.add_column("位置", max_width=28, overflow="fold")
    table.add_column("说明", ratio=1, overflow="fold")
    for finding in group:
        # Text, not str: a message quoting the document must not be read as Rich markup or emoji codes
        message = finding.message + (f"建议改为：{finding.suggestion}" if finding.suggestion else "")
        table.add_row(Text(finding.code), Text(_where(finding)), Text(message))
    return table


def self_check_renderable(report: Report) -> RenderableType:
    """What `yusuan build` prints after writing: the errors and warnings `yusuan check` would report on the
    document just compiled (its notes left out), so the accountant sees them before publishing."""
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = []
    for severity in (Severity.ERROR, Severity.WARNING):
        group = [f for f in report.findings if f.severity is severity]
        if group:
            parts.append(_findings_table(severity, group))
    if not parts:
        return Text("自检：生成的文件经检查未发现错误或警告。", style="bold green", no_wrap=True, overflow="ignore")
    verdict = f"自检：生成的文件经检查有错误 {report.errors} 个、警告 {report.warnings} 个"
    advice = "（文件已写入；请核对填报数据，改正后重新生成）"
    style = "bold red" if not report.ok else "yellow"
    return Group(Text(verdict + advice, style=style, no_wrap=True, overflow="ignore"), *parts)


def render_terminal(report: Report, *, width: int = 120) -> str:
    """Plain text of the terminal report (no colour codes)."""
    from rich.console import Console

    buffer = StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False, legacy_windows=False)
    console.print(renderable(report))
    return buffer.getvalue()


def heading(index: int, count: int) -> str:
    """`第 1 份（共 2 份）`: which of the publications checked together a report is (its files follow)."""
    return f"第 {index} 份（共 {count} 份）"


def overall_line(reports: Sequence[Report]) -> str:
    """`共 2 份文件，分别检查：1 份发现错误，1 份未发现错误`."""
    bad = sum(1 for r in reports if not r.ok)
    return f"共 {len(reports)} 份文件，分别检查：{bad} 份发现错误，{len(reports) - bad} 份未发现错误"


def headed(reports: Sequence[Report]) -> list[RenderableType]:
    """Each report under its heading, then the overall line (several publications checked together)."""
    from rich.text import Text

    parts: list[RenderableType] = []
    for index, report in enumerate(reports, 1):
        parts.append(Text(f"━━ {heading(index, len(reports))} ━━", style="bold reverse"))
        parts.append(renderable(report))
        parts.append(Text(""))
    bad = any(not r.ok for r in reports)
    parts.append(Text(overall_line(reports), style="bold red" if bad else "bold green"))
    return parts


def render_terminal_reports(reports: Sequence[Report], *, width: int = 120) -> str:
    """Plain text of several reports in turn (one report: `render_terminal`)."""
    if len(reports) == 1:
        return render_terminal(reports[0], width=width)
    from rich.console import Console, Group

    buffer = StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False, legacy_windows=False)
    console.print(Group(*headed(reports)))
    return buffer.getvalue()
