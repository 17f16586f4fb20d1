"""check: verify a `Disclosure` against the identities of a budget disclosure.

    report = run_checks(disclosure, read_problems=problems, select=None, ignore=None, profile=None)
    text = render_report(report, "terminal" | "json" | "html")
    text = render_reports(reports, "json")   # several publications checked together: one text


The pipeline is in `engine.py`; rules live in `rules/<family>.py` or the `rules/<family>/` package, listed in
`registry.FAMILIES`; findings and the report are plain data (`finding.py`).
Imports are lazy so that `import yusuan.check` costs almost nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from yusuan.check.finding import Finding, Location, Report, Severity
    from yusuan.model import Disclosure

__all__ = ["Finding", "Location", "Report", "Severity", "render_report", "render_reports", "run_checks"]

Format = Literal["terminal", "json", "html"]


def run_checks(
    disclosure: Disclosure,
    *,
    read_problems: Iterable[Any] = (),
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    profile: str | None = None,
    source: str | None = None,
) -> Report:
    """Check a disclosure and return its report (see `yusuan.check.engine.run_checks`)."""
    from yusuan.check.engine import run_checks as run

    return run(disclosure, read_problems=read_problems, select=select, ignore=ignore, profile=profile, source=source)


def render_report(report: Report, fmt: Format = "terminal") -> str:
    """The report as text: `terminal` (plain text; use report_terminal.renderable for colour), `json`, `html`."""
    if fmt == "json":
        from yusuan.check.report_json import render_json

        return render_json(report)
    if fmt == "html":
        from yusuan.check.report_html import render_html

        return render_html(report)
    if fmt == "terminal":
        from yusuan.check.report_terminal import render_terminal

        return render_terminal(report)
    raise ValueError(f"unknown report format {fmt!r}")


def render_reports(reports: Sequence[Report], fmt: Format = "terminal") -> str:
    """The reports on the publications checked together, as one text: one report is `render_report`'s;
    several are, in turn, the terminal reports, a JSON array of `yusuan.check/1` reports, or one HTML page."""
    if len(reports) == 1:
        return render_report(reports[0], fmt)
    if fmt == "json":
        from yusuan.check.report_json import render_json_reports

        return render_json_reports(reports)
    if fmt == "html":
        from yusuan.check.report_html import render_html_reports

        return render_html_reports(reports)
    if fmt == "terminal":
        from yusuan.check.report_terminal import render_terminal_reports

        return render_terminal_reports(reports)
    raise ValueError(f"unknown report format {fmt!r}")


def __getattr__(name: str) -> Any:
    if name in {"Finding", "Location", "Report", "Severity"}:
        from yusuan.check import finding

        return getattr(finding, name)
    raise AttributeError(name)
