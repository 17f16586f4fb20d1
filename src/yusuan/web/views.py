"""A document as a page shows it: tables laid out as grids, findings in Chinese, each pointing at its cell.

The store keeps a table as long-form cells (row × column × amount) and a
finding's place as keys (printed table number, row key, column key).  This
module lays each table out again as rows and columns, gives every cell an
anchor, and resolves each finding to the cell (or row, or table) it names, so
the page can highlight that cell and link the finding to it.  The upload page
builds the same view from a freshly checked `PublicationRecord`.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import cache
from typing import Any

from markupsafe import Markup, escape

from yusuan.check.registry import compares_two_tables
from yusuan.store.queries import table_row
from yusuan.store.records import PublicationRecord, finding_row
from yusuan.web import labels

Row = dict[str, Any]


@cache
def _column_order() -> dict[str, int]:
    from yusuan.check.labels import COLUMNS, template_columns

    keys = [*COLUMNS, *template_columns()]
    return {key: index for index, key in enumerate(dict.fromkeys(keys))}


def _grid(table: Row, prefix: str = "") -> Row:
    """The table's rows (in printed order) and columns (in canonical order), each cell with its anchor (ids begin
    with `prefix`, so that several documents on one page — the upload's reports — never share one)."""
    index = table["table_index"]
    order = _column_order()
    seen: dict[str, int] = {}
    rows: dict[int, Row] = {}
    for cell in table["cells"]:
        seen.setdefault(cell["column_key"], len(seen))
        row = rows.setdefault(
            cell["row_index"],
            {
                "index": cell["row_index"],
                "key": cell["row_key"],
                "code": cell["code"] or "",
                "label": cell["label"],
                "side": labels.SIDE_LABELS.get(cell["side"] or "", ""),
                "anchor": f"{prefix}r-{index}-{cell['row_index']}",
                "amounts": {},
            },
        )
        row["amounts"][cell["column_key"]] = cell["amount"]
    keys = sorted(seen, key=lambda k: (order.get(k, len(order)), seen[k]))
    columns = [{"key": k, "label": labels.column_label(k)} for k in keys]
    grid_rows = []
    sides = {"": 0, labels.SIDE_LABELS["income"]: 0, labels.SIDE_LABELS["expenditure"]: 1}
    for row in sorted(rows.values(), key=lambda r: (sides.get(r["side"], 2), r["index"])):  # income side first
        row["cells"] = [
            {
                "key": k,
                "anchor": f"{prefix}c-{index}-{row['index']}-{position}",
                "text": labels.amount(row["amounts"].get(k)),
                "flags": [],
            }
            for position, k in enumerate(keys)
        ]
        grid_rows.append(row)
    return {
        "index": index,
        "anchor": f"{prefix}t-{index}",
        "number": table["number"],
        "kind": table["kind"],
        "kind_label": labels.table_kind_label(table["kind"]),
        "title": table["title"],
        "money_unit": table["money_unit"],
        "page": table["page"],
        "doubt": table["doubt"],
        "columns": columns,
        "rows": grid_rows,
        "two_sided": any(r["side"] for r in grid_rows),
        "flags": [],
    }


def cells_html(cells: list[Row]) -> Markup:
    """A grid row's amount cells as HTML (`<td>` each; a flagged one linked to its first finding, titled with
    every finding's message).  The page's hottest loop: a document has ≈ 800 cells, and written by the
    template each cost ≈ 10 Jinja lookups and escapes; here two escapes, and none for an anchor."""
    parts = []
    for cell in cells:
        flags = cell["flags"]
        text = escape(cell["text"])
        if not flags:
            parts.append(f'<td id="{cell["anchor"]}" class="num">{text}</td>')
            continue
        first = flags[0]
        title = "；".join(escape(flag["message"]) for flag in flags)
        parts.append(
            f'<td id="{cell["anchor"]}" class="num flagged {escape(first["severity"])}" title="{title}">'
            f'<a href="#{escape(first["target"])}">{text}</a></td>'
        )
    return Markup("".join(parts))


def _target_table(grids: list[Row], number: str | None, kind: str | None) -> Row | None:
    if not number and not kind:
        return None
    for grid in grids:
        if number and grid["number"] == number and (kind is None or grid["kind"] == kind):
            return grid
    for grid in grids:
        if kind and grid["kind"] == kind:
            return grid
    return next((g for g in grids if number and g["number"] == number), None)


def _place(finding: Row) -> str:
    parts = []
    if finding["table_number"]:
        parts.append(f"表{finding['table_number']}")
    if finding["section"]:
        from yusuan.check.labels import section_label

        parts.append(f"说明 {section_label(finding['section'])}")
    if finding["row_key"]:
        parts.append(finding.get("row_text") or labels.row_label(finding["row_key"]))
    if finding["column_key"]:
        parts.append(labels.column_label(finding["column_key"]))
    if finding["page"] is not None:
        parts.append(f"第{finding['page']}页")
    return " ".join(parts) or "全文"


def _resolve(finding: Row, grids: list[Row], prefix: str = "") -> str | None:
    """Mark the cells (or row, or table) the finding names; the anchor of the first, or None."""
    grid = _target_table(grids, finding["table_number"], finding["table_kind"])
    if grid is None:
        return None
    flag = {
        "index": finding["finding_index"],
        "target": f"{prefix}f-{finding['finding_index']}",
        "severity": finding["severity"],
        "message": finding["message"],
    }
    rows = [r for r in grid["rows"] if finding["row_key"] and r["key"] == finding["row_key"]]
    if rows:
        finding["row_text"] = rows[0]["label"]
    if rows and finding["column_key"]:
        cells = [(r, c) for r in rows for c in r["cells"] if c["key"] == finding["column_key"]]
        # a two-sided table's 收入总计 and 支出总计 share the row key: the cell that prints a figure is the one meant
        cells = [(r, c) for r, c in cells if c["text"]] or cells
        for _, cell in cells:
            cell["flags"].append(flag)
        if cells:
            finding["row_text"] = cells[0][0]["label"]
            return str(cells[0][1]["anchor"])
    if rows:
        for row in rows:
            for cell in row["cells"]:
                cell["flags"].append(flag)
        return str(rows[0]["anchor"])
    grid["flags"].append(flag)
    return str(grid["anchor"])


def document_view(tables: list[Row], findings: list[Row], prefix: str = "") -> Row:
    """Tables as grids and findings (errors and warnings first, notices apart), each finding with its anchor.

    `prefix` begins every element id of the view (tables, rows, cells, findings: `{prefix}f-3`), for a page
    showing several documents; a document's own page has none."""
    grids = [_grid(t, prefix) for t in tables]
    shown = []
    for finding in findings:
        item = dict(finding)
        item["anchor"] = _resolve(item, grids, prefix)
        item["place"] = _place(item)
        item["severity_label"] = labels.finding_severity_label(item["severity"], item["is_notice"])
        item["title"] = labels.rule_title(item["code"])
        item["compared"] = compares_two_tables(item["code"])
        shown.append(item)
    rank = {"error": 0, "warning": 1, "info": 2}
    shown.sort(key=lambda f: (f["is_notice"], rank.get(f["severity"], 3), f["finding_index"]))
    return {
        "tables": grids,
        "findings": [f for f in shown if not f["is_notice"]],
        "notices": [f for f in shown if f["is_notice"]],
    }


def record_rows(record: PublicationRecord) -> tuple[list[Row], list[Row]]:
    """A freshly checked publication's tables (with cells) and findings, shaped as the store's queries return them."""
    cells: dict[int, list[Row]] = {}
    for cell in record.cells:
        cells.setdefault(cell.table_index, []).append(asdict(cell))
    tables = [table_row(t, cells.get(t.index, [])) for t in record.tables]
    findings = [finding_row(f) for f in record.findings]
    return tables, findings
