"""The report as a printable Chinese HTML page a reviewer can read, annotate and file.

Rendered with Jinja2 (autoescape on: every message may contain text from the
checked document).  The template is kept in this module so the page works
from any installation without package data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from yusuan.check.finding import Report, Severity, Value
from yusuan.check.registry import compares_two_tables
from yusuan.check.report_json import _value
from yusuan.check.report_terminal import heading, overall_line, summary_line

TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{ page_title }}</title>
<style>
  body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
         margin: 2em auto; max-width: 60em; color: #222; line-height: 1.6; }
  h1 { font-size: 1.5em; margin-bottom: 0.2em; }
  .meta { color: #666; margin-bottom: 1.5em; }
  .summary { font-weight: bold; padding: 0.6em 1em; border-radius: 4px; }
  .summary.ok { background: #e8f5e9; } .summary.bad { background: #fdecea; }
  table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1.5em; }
  th, td { border: 1px solid #ccc; padding: 0.35em 0.5em; vertical-align: top; text-align: left;
           overflow-wrap: anywhere; }
  th { background: #f4f4f4; white-space: nowrap; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; overflow-wrap: normal; }
  th.n { width: 4%; } th.code { width: 15%; } th.where { width: 12%; } th.val { width: 8%; }
  td.code { overflow-wrap: normal; word-break: normal; }
  h2.error { color: #b71c1c; } h2.warning { color: #8a6d00; } h2.info { color: #01579b; }
  .absent { color: #b71c1c; font-weight: bold; } .present { color: #2e7d32; }
  code { font-size: 0.9em; }
  section.report + section.report { border-top: 3px double #999; margin-top: 2em; padding-top: 1em; }
  @media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }
</style>
</head>
<body>
{% if overall %}<p class="summary {{ 'ok' if all_ok else 'bad' }}">{{ overall }}</p>
{% endif %}
{% for r in reports %}
<section class="report">
{% if overall %}<div class="meta">{{ r.heading }}</div>
{% endif %}
<h1>{{ r.doc.title }}</h1>
<div class="meta">{% if r.source %}文件：{{ r.source }}　{% endif -%}
  类型：{{ r.doc.kind_label }}　正文中的表：{{ r.tables }}<br>{{ r.doc.profile_line }}</div>
<p class="summary {{ 'ok' if r.ok else 'bad' }}">{{ r.summary }}</p>
{% if r.scorecard %}
<h2>组成部分与表格</h2>
<table>
  <tr><th>项目</th><th>是否具备</th><th>备注</th></tr>
  {% for item in r.scorecard %}
  <tr><td>{{ item.label }}</td>
      <td class="{{ 'present' if item.present else 'absent' }}">{{ '具备' if item.present else '缺失' }}</td>
      <td>{{ item.note if item.present else '' }}</td></tr>
  {% endfor %}
</table>
{% endif %}
{% for group in r.groups %}
<h2 class="{{ group.severity }}">{{ group.label }}（{{ group.findings|length }}）</h2>
<table>
  <tr><th class="n">#</th><th class="code">规则</th><th class="where">位置</th><th>说明</th>
      <th class="val">应为</th><th class="val">实为</th><th class="val">差额</th></tr>
  {% for f in group.findings %}
  <tr><td>{{ loop.index }}</td><td class="code"><code>{{ f.code }}</code></td><td>{{ f.where }}</td>
      <td>{{ f.message }}{% if f.suggestion %}<br>
        <span class="suggestion">建议改为：{{ f.suggestion }}</span>{% endif %}</td>
      <td class="num">{% if f.expected and f.compared %}对照表 {% endif %}{{ f.expected or '' }}</td>
      <td class="num">{% if f.actual and f.compared %}本处 {% endif %}{{ f.actual or '' }}</td>
      <td class="num">{{ f.difference or '' }}</td></tr>
  {% endfor %}
</table>
{% endfor %}
{% if not r.groups %}<p>未发现任何问题。</p>{% endif %}
</section>
{% endfor %}
</body>
</html>
"""


def _short(value: Value) -> str | None:
    """Figures fit the narrow columns; texts longer than a code are already quoted in the message."""
    if isinstance(value, str) and len(value) > 6:
        return None
    return _value(value)


def render_html(report: Report) -> str:
    return render_html_reports([report])


def render_html_reports(reports: Sequence[Report]) -> str:
    """One page for the reports on the publications checked together (one report: its own page)."""
    from jinja2 import Environment

    environment = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    template = environment.from_string(TEMPLATE)
    several = len(reports) > 1
    return template.render(
        page_title=f"预算公开文件检查报告（{len(reports)} 份）" if several else reports[0].document.title,
        overall=overall_line(reports) if several else "",
        all_ok=all(r.ok for r in reports),
        reports=[_report(r, heading(i, len(reports))) for i, r in enumerate(reports, 1)],
    )


def _report(report: Report, title: str) -> dict[str, Any]:
    groups: list[dict[str, Any]] = []
    for severity in Severity:
        findings = [
            {
                "code": f.code,
                "where": f.location.describe() or "全文",
                "message": f.message,
                "expected": _short(f.expected),
                "actual": _short(f.actual),
                "difference": _value(f.difference),
                "suggestion": f.suggestion,
                "compared": compares_two_tables(f.code),
            }
            for f in report.findings
            if f.severity is severity
        ]
        if findings:
            groups.append({"severity": severity.value, "label": severity.label, "findings": findings})
    return {
        "heading": title,
        "doc": report.document,
        "source": report.source,
        "tables": "、".join(report.document.tables_found) or "无",
        "summary": summary_line(report),
        "ok": report.ok,
        "scorecard": report.scorecard,
        "groups": groups,
    }
