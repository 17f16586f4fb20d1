"""The 对比 page: two to eight units side by side for one year and phase (预算 or 决算).

The issue asks for units compared: their main figures in 万元 side by side,
the same per head where the document states its staffing, and the structure of
their spending by function class (类) as a table and a 100 % stacked bar chart.
This module turns the address's choices into that comparison (the figures come
from the query the unit page uses, `store.figures.unit_figures`)
and adds its pages: `/compare` and `/api/compare` (JSON, CSV and XLSX of either
table).  Amounts stay Decimal; a share or a per-head figure is rounded half-up
to two places only once, from the exact amounts.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from yusuan.catalog import default_catalog
from yusuan.model.kinds import DocumentKind
from yusuan.store import figures, queries
from yusuan.web import labels
from yusuan.web.chart import share_chart
from yusuan.web.routing import Db, FormatQuery, PlainJSONResponse, download

Row = dict[str, Any]
Table = tuple[list[str], list[tuple[Any, ...]]]

MIN_UNITS, MAX_UNITS = 2, 8
PHASES = {"budget": "预算", "final": "决算"}
CENT = Decimal("0.01")
WHOLE = Decimal("100.00")
"""The share of a unit's classes' total in itself (the 合计 row's 占比)."""
CLASS_SOURCES = {
    "expenditure_summary": "支出总体情况表",
    "income_expenditure_summary": "收支总体情况表（支出方）",
    "general_budget_expenditure": "一般公共预算支出表（仅一般公共预算）",
}


class Refused(ValueError):
    """A choice that cannot be compared: its one-line Chinese reason and the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _phase(kind: str) -> str:
    return "final" if DocumentKind(kind).is_final else "budget"


def resolve_units(typed: list[str], stored: list[str]) -> list[str]:
    """The stored units the names typed mean (exact, else the one stored name that contains the text),
    duplicates and blanks dropped; `Refused` (400 or 404) when one cannot be told or the count is wrong."""
    chosen: list[str] = []
    for text in (t.strip() for t in typed):
        if not text:
            continue
        name = text
        if text not in stored:
            matching = [name for name in stored if text in name]
            if not matching:
                raise Refused(f"库中没有名称含“{text[:40]}”的单位", 404)
            if len(matching) > 1:
                shown = "、".join(matching[:5]) + ("等" if len(matching) > 5 else "")
                raise Refused(f"“{text[:40]}”对应 {len(matching)} 个单位（{shown}），请写出完整名称")
            name = matching[0]
        if name not in chosen:
            chosen.append(name)
    if len(chosen) < MIN_UNITS:
        raise Refused(f"请至少选择 {MIN_UNITS} 个不同的单位")
    if len(chosen) > MAX_UNITS:
        raise Refused(f"一次最多对比 {MAX_UNITS} 个单位（选了 {len(chosen)} 个）")
    return chosen


def year_of(value: str | None) -> int | None:
    """The year asked for (None: the latest all units have); `Refused` for anything but a year."""
    if value is None or not value.strip():
        return None
    if not (value.strip().isdigit() and len(value.strip()) == 4):
        raise Refused(f"年度应为四位数字（如 2026），而不是“{value.strip()[:20]}”")
    return int(value.strip())


def _per_head(amount: Decimal | None, heads: int | None) -> Decimal | None:
    if amount is None or not heads:
        return None
    return (amount / heads).quantize(CENT, rounding=ROUND_HALF_UP)


def _heads(document: Row) -> tuple[int | None, str]:
    """The head count a unit's figures are divided by, and which count it is."""
    if document["staff_in_service"]:
        return document["staff_in_service"], "在职实有人数"
    if document["staff_authorised"]:
        return document["staff_authorised"], "编制数"
    return None, ""


def _figures(connection: Any, ids: list[int]) -> dict[int, dict[str, Row]]:
    """Each document's figures (`figures.unit_figures`), each with the link to its table and where it was read."""
    found = figures.unit_figures(connection, ids)
    for document_id in ids:
        of_document = found.setdefault(document_id, {})
        for figure in of_document.values():
            anchor = f"#t-{figure['table_index']}" if figure["table_index"] is not None else ""
            figure["href"] = f"/documents/{document_id}{anchor}"
            where = f"表{figure['table_number']}" if figure["table_index"] is not None else "情况说明"
            figure["source"] = where + (f" 第{figure['page']}页" if figure["page"] else "")
            if figure.get("derived"):
                figure["source"] += f"（{figure['derived']}）"
    return found


def _structure(connection: Any, units: list[str], documents: list[Row | None], year: int) -> Row:
    """Spending by function class of the units whose document prints it: one row per class any of them spends
    on, each unit's amount and share of its classes' total; `without`: the units of a document that prints none."""
    chosen = figures.function_classes(connection, [d["id"] for d in documents if d is not None])
    catalog = default_catalog()
    names: dict[str, str] = {}
    shown: list[Row] = []
    without: list[str] = []
    for unit, document in zip(units, documents, strict=True):
        found = chosen.get(document["id"]) if document is not None else None
        if found is None or document is None:
            if document is not None:
                without.append(unit)
            continue
        for c in found["classes"]:
            names.setdefault(c["code"], catalog.function_name(c["code"], year) or c["label"])
        shown.append(
            {
                "unit": unit,
                "total": sum((c["amount"] for c in found["classes"]), Decimal(0)),
                "source": CLASS_SOURCES[found["table_kind"]] + (f" 第{found['page']}页" if found["page"] else ""),
                "href": f"/documents/{document['id']}#t-{found['table_index']}",
                "amounts": {c["code"]: c["amount"] for c in found["classes"]},
            }
        )
    rows = []
    for code in sorted(names):
        cells = []
        for column in shown:
            amount = column["amounts"].get(code)
            share = (
                (amount * 100 / column["total"]).quantize(CENT, ROUND_HALF_UP) if amount and column["total"] else None
            )
            cells.append({"amount": amount, "share": share})
        rows.append({"code": code, "label": names[code], "cells": cells})
    return {"classes": rows, "units": shown, "without": without}


def _column(unit: str, document: Row | None, year: int, phase: str, years: list[int]) -> Row:
    """A unit's column head: its document, the head count its per-head figures use, or why it has none."""
    heads, basis = _heads(document) if document else (None, "")
    missing = None
    if document is None:
        others = f"（有：{'、'.join(map(str, years))} 年）" if years else ""
        missing = f"库中没有该单位 {year} 年的{PHASES[phase]}文档{others}"
    return {
        "unit": unit,
        "document_id": document["id"] if document else None,
        "kind_label": labels.document_kind_label(document["kind"]) if document else "",
        "heads": heads,
        "heads_basis": basis,
        "missing": missing,
    }


def compare_page(connection: Any, typed: list[str], year_text: str | None, phase: str) -> Row:
    """The comparison of the units `typed` in `year_text` (default: the latest year all have) and `phase`."""
    if phase not in PHASES:
        raise Refused("类型应为“预算”或“决算”")
    units = resolve_units(typed, [u["unit"] for u in queries.units(connection)])
    year = year_of(year_text)
    documents = [d for d in queries.units_documents(connection, units) if _phase(d["kind"]) == phase]
    years = {unit: sorted({d["year"] for d in documents if d["unit"] == unit}, reverse=True) for unit in units}
    common = set.intersection(*(set(y) for y in years.values()))
    if year is None:
        anywhere = [y for ys in years.values() for y in ys]
        if not anywhere:
            raise Refused(f"所选单位在库中都没有{PHASES[phase]}文档", 404)
        year = max(common) if common else max(anywhere)
    picked: list[Row | None] = []
    for unit in units:
        of_year = [d for d in documents if d["unit"] == unit and d["year"] == year]
        picked.append(of_year[0] if of_year else None)  # several of one year: the unit's, then the latest stored
    columns = [_column(unit, document, year, phase, years[unit]) for unit, document in zip(units, picked, strict=True)]
    found = _figures(connection, [d["id"] for d in picked if d is not None])
    rows: list[Row] = []
    for name in figures.FIGURE_NAMES:
        cells = [(found.get(d["id"], {}).get(name) if d else None) or {"amount": None} for d in picked]
        rows.append({"key": name, "label": labels.figure_label(name), "cells": cells})
    per_head = [
        {
            "key": f"{row['key']}_per_head",
            "label": row["label"],
            "cells": [
                {"amount": _per_head(c["amount"], u["heads"])} for c, u in zip(row["cells"], columns, strict=True)
            ],
        }
        for row in rows
    ]
    bases = {c["heads_basis"] for c in columns if c["heads"]}
    structure = _structure(connection, units, picked, year)
    chart = share_chart(
        [u["unit"] for u in structure["units"]],
        [(r["code"], r["label"]) for r in structure["classes"]],
        [[cell["amount"] for cell in r["cells"]] for r in structure["classes"]],
    )
    return {
        "units": units,
        "year": year,
        "phase": phase,
        "phase_label": PHASES[phase],
        "common_years": sorted(common, reverse=True),
        "columns": columns,
        "figures": rows,
        "per_head": per_head if bases else [],
        "per_head_label": f"人均（按{bases.pop()}，万元/人）"
        if len(bases) == 1
        else "人均（万元/人，按各单位所列人数）",
        "structure": structure,
        "structure_chart": chart,
    }


def figures_table(page: Row) -> Table:
    """The side-by-side table as a download: one line per figure (then per head), one column per unit."""
    headings = ["项目（万元）", *(c["unit"] for c in page["columns"])]
    rows: list[tuple[Any, ...]] = [(r["label"], *(c["amount"] for c in r["cells"])) for r in page["figures"]]
    if page["per_head"]:
        rows.append(
            ("人均所按人数", *(f"{c['heads_basis']} {c['heads']}" if c["heads"] else None for c in page["columns"]))
        )
        rows += [(f"{r['label']}（人均）", *(c["amount"] for c in r["cells"])) for r in page["per_head"]]
    return headings, rows


def structure_table(page: Row) -> Table:
    """The structure by function class as a download: code, name, then each unit's amount and share; last the
    合计 row the page shows (each unit's classes' total, 100 % of it)."""
    headings = ["功能分类编码", "功能分类"]
    for column in page["structure"]["units"]:
        headings += [f"{column['unit']} 金额（万元）", f"{column['unit']} 占比（%）"]
    rows = []
    for r in page["structure"]["classes"]:
        values: list[Any] = [r["code"], r["label"]]
        for cell in r["cells"]:
            values += [cell["amount"], cell["share"]]
        rows.append(tuple(values))
    if rows:
        total: list[Any] = [None, "合计"]
        for column in page["structure"]["units"]:
            total += [column["total"], WHOLE if column["total"] else None]
        rows.append(tuple(total))
    return headings, rows


PhaseQuery = Annotated[str, Query(description="budget（预算，默认）或 final（决算）")]
UnitQuery = Annotated[
    list[str] | None, Query(description="单位名称（完整名称，或能唯一确定一个单位的部分名称），2 至 8 个")
]
PartQuery = Annotated[str, Query(description="下载哪张表：figures（主要数字，默认）或 structure（支出结构）")]


def add_routes(app: FastAPI, templates: Jinja2Templates) -> None:
    """`/compare` (the page) and `/api/compare` (JSON, CSV, XLSX)."""

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    def compare_html(
        request: Request, db: Db, unit: Annotated[list[str] | None, Query()] = None, year: str | None = None,
        kind: str = "budget",
    ) -> HTMLResponse:  # fmt: skip
        typed = [u for u in unit or [] if u.strip()]
        context: Row = {"typed": typed, "year": year or "", "kind": kind, "stored": queries.units(db), "page": None}
        status = 200
        if typed or year:
            try:
                context["page"] = compare_page(db, typed, year, kind)
            except Refused as refused:
                context["error"], status = str(refused), refused.status
        return templates.TemplateResponse(request, "compare.html", context, status_code=status)

    @app.get(
        "/api/compare",
        summary="单位对比：主要数字（万元）、人均数、按功能分类（类）的支出结构；可下载 CSV、XLSX",
    )
    def compare_api(
        db: Db,
        unit: UnitQuery = None,
        year: Annotated[str | None, Query(description="年度（默认：所选单位都有的最近一年）")] = None,
        kind: PhaseQuery = "budget",
        part: PartQuery = "figures",
        format: FormatQuery = "json",
    ) -> Response:
        try:
            if part not in ("figures", "structure"):
                raise Refused("part 应为 figures（主要数字）或 structure（支出结构）")
            page = compare_page(db, unit or [], year, kind)
        except Refused as refused:
            return JSONResponse({"detail": str(refused)}, status_code=refused.status)
        if format != "json":
            name = f"单位对比-{page['year']}{page['phase_label']}" + ("-支出结构" if part == "structure" else "")
            return download(structure_table(page) if part == "structure" else figures_table(page), name, format)
        return PlainJSONResponse({k: v for k, v in page.items() if not k.endswith("chart")})
