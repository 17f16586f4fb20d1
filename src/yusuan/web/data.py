"""What each page shows, as data: the same dicts fill the HTML page, its JSON under /api and its CSV/XLSX.

A page and its API answer must never disagree, so both are built here from
the store's queries (store/queries.py) with the Chinese labels added; the
downloads are the same rows with Chinese column headings.  Amounts stay
Decimal until the page formats them or the JSON writes them as strings.
Each list's columns are defined here once (`DOCUMENTS`, `UNITS`,
`RULE_DOCUMENTS`): the download's headings, the page's sortable headings and
the `sort` keys the list takes all come from them (web/sorting.py); the units
list's download alone has columns of its own (`UNITS_DOWNLOAD`: its years as
the latest, a number, and all, a text).
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from yusuan.money import exact_text
from yusuan.store import figures, queries
from yusuan.web import labels
from yusuan.web.chart import bar_chart
from yusuan.web.sorting import Column, Listing, sort_key
from yusuan.web.views import document_view

if TYPE_CHECKING:
    from yusuan.store.records import PublicationRecord

Row = dict[str, Any]
Table = tuple[list[str], list[tuple[Any, ...]]]  # headings and rows of a download


def plain_scalar(value: Any) -> Any:
    """Decimal as its exact digits (at least cents: `money.exact_text`), datetime in ISO form (TypeError for
    anything else JSON cannot hold): the `default` of `json.dumps`, so that only these values cost a Python call."""
    if isinstance(value, Decimal):
        return exact_text(value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    raise TypeError(f"not JSON: {type(value).__name__}")


def json_bytes(content: Any) -> bytes:
    """`content` as the API's JSON: compact UTF-8, amounts as exact digit strings (`plain_scalar`), no NaN.

    The bytes of `json.dumps(plain(content))` without first copying the whole content through `plain`: the
    encoder walks it and calls `plain_scalar` only for Decimals and datetimes (a document's JSON holds ≈ 2,000
    of them among ≈ 10,000 values)."""
    return json.dumps(
        content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"), default=plain_scalar
    ).encode("utf-8")


def plain(value: Any) -> Any:
    """JSON-safe without floats: Decimal as its exact digits (at least cents), datetime in ISO form."""
    if isinstance(value, Decimal | datetime):
        return plain_scalar(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _labelled_document(row: Row) -> Row:
    row["status_label"] = labels.status_label(row["status"])
    row["kind_label"] = labels.document_kind_label(row["kind"]) if row["kind"] else ""
    row["apart_label"] = labels.APART_LABELS.get(row["apart"] or "", "")
    row["error"] = labels.reason_text(row.get("error"))
    return row


class StoreSummary:
    """What the list and the dashboard show of the whole store — the filters they offer and the counts — asked
    once: the server opens the store read-only, so these are the same for its whole life (≈ 6 ms of queries a
    list or dashboard answer no longer pays).  Two first requests at once may both ask; both get the same."""

    def __init__(self) -> None:
        self._kept: dict[str, Any] = {}

    def _ask(self, name: str, connection: Any) -> Any:
        if name not in self._kept:
            self._kept[name] = getattr(queries, name)(connection)
        return self._kept[name]

    def facets(self, connection: Any) -> dict[str, list[Any]]:
        return dict(self._ask("facets", connection))

    def counts(self, connection: Any) -> Row:
        return dict(self._ask("counts", connection))

    def finding_facets(self, connection: Any) -> dict[str, list[Any]]:
        return dict(self._ask("finding_facets", connection))


PAGE_SIZE = 100
"""Documents per page of the list (a store of thousands is not one page)."""


DOCUMENTS = Listing(
    (
        Column("编号", "id"),
        Column("单位", "unit", "unit"),
        Column("地区", "region", "region"),
        Column("年度", "year", "-year"),
        Column("类型", "kind_label", "kind"),
        Column("层级", "level"),
        Column("状态", "status_label", "status"),
        Column("错误", "errors", "-errors"),
        Column("警告", "warnings", "-warnings"),
        Column("读取提示", "notices", "-notices"),
        Column("页数", "pages", "-pages"),
        Column("文件", "files"),
        Column("原因", "error"),
    ),
    default="unit",
    note="；未能检查的文件排在已检查的之后（按状态排序时除外）",
)
"""The document list: its download's columns; its page shows the sortable ones (a file not checked shows its
file names and the reason across them instead)."""


def documents_page(
    connection: Any,
    where: queries.DocumentFilter,
    page: int | None = 1,
    per_page: int = PAGE_SIZE,
    summary: StoreSummary | None = None,
    sort: queries.Order | None = None,
) -> Row:
    """One page of the document list in `sort` (its own order without; `page` None: every document the filter
    keeps, for a download); a page past the last holds no documents (its number kept, `pages` saying how many
    there are), not the last page again."""
    summary = summary or StoreSummary()
    sort = sort or DOCUMENTS.lenient(None)
    matching = queries.count_documents(connection, where)
    pages = max(1, -(-matching // per_page))
    if page is None:
        found = queries.documents(connection, where, order=sort)
    else:
        page = max(1, page)
        found = queries.documents(connection, where, per_page, (page - 1) * per_page, sort)
    rows = [_labelled_document(r) for r in found]
    facets = summary.facets(connection)
    return {
        "documents": rows,
        "counts": summary.counts(connection),
        "shown": matching,
        "on_page": len(rows),
        "page": page or 1,
        "pages": 1 if page is None else pages,
        "per_page": per_page,
        "sort": sort_key(sort),
        "facets": {
            "region": facets["region"],
            "year": facets["year"],
            "kind": [{"key": k, "label": labels.document_kind_label(k)} for k in facets["kind"]],
            "level": facets["level"],
            "status": [{"key": s, "label": labels.status_label(s)} for s in facets["status"]],
        },
    }


def documents_table(page: Row) -> Table:
    return DOCUMENTS.table(page["documents"])


def document_page(
    connection: Any, document_id: int, record: PublicationRecord | None = None, document: Row | None = None
) -> Row | None:
    """The document's page; `record`: what it was just stored from (its tables and findings not read back);
    `document`: its row as `queries.document` returns it, when known."""
    row = document if document is not None else queries.document(connection, document_id)
    if row is None:
        return None
    tables = queries.record_tables(record) if record is not None else None
    if tables is None:
        tables = queries.tables(connection, document_id)
    findings = queries.record_findings(record) if record is not None else queries.findings(connection, document_id)
    view = document_view(tables, findings)
    _link_page_images(document_id, row, view["findings"])
    return {"document": _labelled_document(row), **view}


def _link_page_images(document_id: int, document: Row, findings: list[Row]) -> None:
    """Each finding printed on a page of a PDF file gets `page_image`: the address of that page drawn with its
    box (web/page_image.py); other findings (a text, Word or Excel document's) get None."""
    names = document.get("file_names") or []
    pdfs = [n for n in names if n.lower().endswith(".pdf")]
    for finding in findings:
        name = finding["file"] if finding["file"] in pdfs else (pdfs[0] if len(names) == 1 and pdfs else None)
        link = None
        if name is not None and finding["page"] is not None:
            link = f"/documents/{document_id}/pages/{finding['page']}.png?finding={finding['finding_index']}"
            if len(pdfs) > 1:
                link += f"&file={quote(name)}"
        finding["page_image"] = link


def table_table(table: Row) -> Table:
    """One table as read: 方 (two-sided tables), 编码, 项目, then one column per amount column, its heading with the
    table's money unit (`合计（万元）`)."""
    unit = f"（{table['money_unit']}）" if table["money_unit"] else ""
    headings = ["方"] if table["two_sided"] else []
    headings += ["科目编码", "项目"] + [f"{c['label']}{unit}" for c in table["columns"]]
    rows = [
        tuple(([r["side"]] if table["two_sided"] else []) + [r["code"], r["label"]])
        + tuple(r["amounts"].get(c["key"]) for c in table["columns"])
        for r in table["rows"]
    ]
    return headings, rows


def findings_table(findings: list[Row]) -> Table:
    """A document's findings as a download.  The figure another table shows goes under 对照表数值, not 应为: a
    comparison of two tables (`registry.compares_two_tables`, the finding's `compared`) does not say which of
    them is right."""
    headings = ["规则", "规则名称", "严重程度", "位置", "说明", "应为", "对照表数值", "实为", "建议"]
    rows = []
    for f in findings:
        expected = labels.figure_value(f["expected"])  # a figure as a number (Excel sums it), a word as text
        compared = f["compared"]  # `views.document_view` set it
        rows.append(
            (
                f["code"],
                f["title"],
                labels.finding_severity_label(f["severity"], f["is_notice"]),
                f["place"],
                f["message"],
                None if compared else expected,
                expected if compared else None,
                labels.figure_value(f["actual"]),
                f["suggestion"],
            )
        )
    return headings, rows


RULE_DOCUMENTS = Listing(
    (
        Column("编号", "id"),
        Column("单位", "unit", "unit"),
        Column("地区", "region", "region"),
        Column("年度", "year", "-year"),
        Column("类型", "kind_label", "kind"),
        Column("规则", "code"),
        Column("规则名称", "title"),
        Column("严重程度", "severity_label", "severity"),
        Column("处数", "findings", "-findings"),
        Column("示例", "example"),
    ),
    default="-findings",
    note="；只用于给出 code 时另列的文档",
)
"""A rule's documents (the findings page's drill-down): its download's columns, and those its page sorts by."""


def findings_page(
    connection: Any,
    where: queries.FindingFilter,
    summary: StoreSummary | None = None,
    sort: queries.Order | None = None,
) -> Row:
    """The findings by rule, and with a rule's `code` the documents that have it, in `sort` (most findings first
    without).  A `code` no rule has lists nothing and says so (`unknown_code`); a code this version does not
    name is a rule while the store holds findings of it (a store written by another version)."""
    sort = sort or RULE_DOCUMENTS.lenient(None)
    facets = {
        **(summary or StoreSummary()).finding_facets(connection),
        "severity": [{"key": k, "label": v} for k, v in labels.SEVERITY_LABELS.items()],
    }
    unknown = bool(where.code) and not labels.is_known_code(where.code or "")
    unknown = unknown and not _stored_code(connection, where.code or "")
    groups = [] if unknown else queries.findings_by_rule(connection, where)
    for group in groups:
        group["title"] = labels.rule_title(group["code"])
        group["severity_label"] = labels.finding_severity_label(group["severity"], group["is_notice"])
    drill = []
    if where.code and not unknown:
        for row in queries.findings_by_document(connection, where, sort):
            row["kind_label"] = labels.document_kind_label(row["kind"])
            row["severity_label"] = labels.finding_severity_label(row["severity"], row["is_notice"])
            row["title"] = labels.rule_title(row["code"])
            drill.append(row)
    return {
        "rules": [g for g in groups if not g["is_notice"]],
        "notices": [g for g in groups if g["is_notice"]],
        "documents": drill,
        "sort": sort_key(sort),
        "code_title": labels.rule_title(where.code) if where.code and not unknown else "",
        "unknown_code": unknown_code_message(where.code or "") if unknown else None,
        "facets": facets,
    }


def unknown_code_message(code: str) -> str:
    """What the findings page says of a rule code no rule has (the text as typed, cut short)."""
    return f"没有代码为“{code[:40]}”的规则：规则代码见“问题”页按规则汇总的各项"


def _stored_code(connection: Any, code: str) -> bool:
    """Whether the store holds a finding of `code` (whatever its document, severity or year)."""
    return bool(queries.findings_by_rule(connection, queries.FindingFilter(code=code)))


def findings_by_rule_table(page: Row) -> Table:
    headings = ["类别", "规则", "规则名称", "严重程度", "处数", "文档数"]
    rows = [
        (
            "读取提示" if g["is_notice"] else "检查结果",
            g["code"],
            g["title"],
            g["severity_label"],
            g["findings"],
            g["documents"],
        )
        for g in page["rules"] + page["notices"]
    ]
    return headings, rows


def findings_by_document_table(page: Row) -> Table:
    return RULE_DOCUMENTS.table(page["documents"])


def unit_page(connection: Any, unit: str) -> Row | None:
    years = figures.unit_years(connection, unit)
    if not years:
        return None
    several = len({y["year"] for y in years}) < len(years)
    for row in years:
        row["kind_label"] = labels.document_kind_label(row["kind"])
        row["label"] = f"{row['year']}" + (f" {row['kind_label']}" if several else "")
    names = list(figures.FIGURE_NAMES)

    def chart(shown: list[str]) -> str:
        return bar_chart([y["label"] for y in years], [(labels.figure_label(n), [y[n] for y in years]) for n in shown])

    return {
        "unit": unit,
        "years": years,
        "figures": [{"key": n, "label": labels.figure_label(n)} for n in names],
        "chart": chart(["income_total", "expenditure_total", "basic", "project"]),
        "three_public_chart": chart(["three_public", "running_costs"]),
        "procurement_chart": chart(["procurement"]),
    }


def unit_table(page: Row) -> Table:
    headings = ["年度", "类型", "编号"] + [f"{f['label']}（万元）" for f in page["figures"]]
    rows = [(y["year"], y["kind_label"], y["id"], *(y[f["key"]] for f in page["figures"])) for y in page["years"]]
    return headings, rows


UNITS = Listing(
    (
        Column("单位", "unit", "unit"),
        Column("地区", "region", "region"),
        Column("年度", "years", "-years"),
        Column("文档数", "documents", "-documents"),
    ),
    default="unit",
    note="；按年度排序即按各单位最近的年度",
)
"""The units list: its page's columns, each sortable (its download's: `UNITS_DOWNLOAD`)."""


def units_page(connection: Any, sort: queries.Order | None = None) -> Row:
    """Every unit with its years and documents, in `sort` (by name without)."""
    sort = sort or UNITS.lenient(None)
    return {"units": queries.units(connection, sort), "sort": sort_key(sort)}


UNITS_DOWNLOAD = ("单位", "地区", "最近年度", "各年度", "文档数")
"""The units list's download: its columns, the page's 年度 as two — the latest year, a number as every download's
年度 is (what the list sorts by), and all of them, a text (`2023、2024`)."""


def units_table(page: Row) -> Table:
    """The units page's list as a download: one row per unit and region, in the page's order."""
    rows = [
        (u["unit"], u["region"], max(u["years"], default=None), "、".join(map(str, u["years"])), u["documents"])
        for u in page["units"]
    ]
    return list(UNITS_DOWNLOAD), rows
