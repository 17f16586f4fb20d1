"""Validate the hand-checked truth tables themselves (tests/fixtures/truth/).

The truth CSVs are the yardstick for reading real PDFs, so a slip in them would
silently move the yardstick.  These tests touch no yusuan code: they check that
each file is well formed, that it matches its entry in `tables.csv`, and that
the table's own identities hold (hierarchy sums, total = basic + project, the
two sides of a summary table agree, 三公 subtotals).  Identities that fail in
the *published* document are listed in `PUBLISHED_FAILURES`: the values stay as
printed, and the test insists the failures are exactly those, so a new
transcription slip shows up as an unexpected failure.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TRUTH = FIXTURES / "truth"
CORPUS = FIXTURES / "corpus"
COLUMNS = ["row", "row_label", "code", "column", "column_label", "value", "page"]
INDEX_COLUMNS = ["file", "fixture", "source", "sha256", "kind", "number", "printed_number", "title", "unit", "pages"]
KINDS = {
    # canonical kinds of src/yusuan/model/kinds.py
    "income_expenditure_summary",
    "income_summary",
    "expenditure_summary",
    "fiscal_summary",
    "general_budget_expenditure",
    "general_budget_basic",
    "general_budget_projects",
    "government_fund_expenditure",
    "state_capital_expenditure",
    "three_public",
    "carryover",
    # proposed in docs/corpus.md for Jiangsu's extra tables
    "fiscal_expenditure",
    "fiscal_basic",
    "running_costs",
    "procurement",
}
TWO_SIDED = {"income_expenditure_summary", "fiscal_summary"}
DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")

# (file, identity) pairs that fail in the published PDF itself, values kept as printed.
# Tables printed in whole yuan (Putuo 万里街道, 上海市财政局) are rounded from amounts
# with cents, so a parent can differ from the sum of its rounded children by 1 元.
PUBLISHED_FAILURES = {
    ("sh-wanli-2025-03.csv", "212 = Σ children [total]: 154369326 ≠ 154369327"),
    ("sh-wanli-2025-03.csv", "21201 = Σ children [total]: 94995790 ≠ 94995789"),
    ("sh-wanli-2025-03.csv", "21201: total = basic + project: 94995790 ≠ 94995789"),
    ("sh-finance-unit-2025-08.csv", "302 = Σ children [total]: 24840779 ≠ 24840778"),
    ("sh-finance-unit-2025-08.csv", "302 = Σ children [public]: 24840779 ≠ 24840778"),
}

Cells = dict[tuple[str, str], Decimal]


def index() -> list[dict[str, str]]:
    with open(TRUTH / "tables.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read(name: str) -> list[dict[str, str]]:
    with open(TRUTH / name, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == COLUMNS, f"{name}: columns {reader.fieldnames}"
        return list(reader)


def cells_of(name: str) -> Cells:
    return {(r["row"], r["column"]): Decimal(r["value"]) for r in read(name)}


ENTRIES = index()
FILES = [e["file"] for e in ENTRIES]


# ----------------------------------------------------------------- identities


class Identities:
    """Collects the identities of one table that do not hold, as readable strings."""

    def __init__(self, cells: Cells) -> None:
        self.cells = cells
        self.failures: list[str] = []

    def v(self, row: str, column: str) -> Decimal:
        return self.cells.get((row, column), Decimal(0))

    def has_row(self, row: str) -> bool:
        return any(r == row for r, _ in self.cells)

    def columns(self, rows: Iterable[str] | None = None) -> list[str]:
        wanted = None if rows is None else set(rows)
        return sorted({c for r, c in self.cells if wanted is None or r in wanted})

    def equal(self, name: str, lhs: Decimal, parts: Iterable[Decimal]) -> None:
        rhs = sum(parts, Decimal(0))
        if lhs != rhs:
            self.failures.append(f"{name}: {lhs} ≠ {rhs}")

    def sum_rows(self, parent: str, children: list[str], columns: Iterable[str], name: str | None = None) -> None:
        if not self.has_row(parent) or not any(self.has_row(c) for c in children):
            return
        for col in columns:
            self.equal(f"{name or parent} [{col}]", self.v(parent, col), (self.v(c, col) for c in children))

    def sum_columns(self, total: str, parts: list[str], rows: Iterable[str] | None = None, prefix: str = "") -> None:
        for row in sorted({r for r, _ in self.cells} if rows is None else set(rows)):
            if not any((row, c) in self.cells for c in [total, *parts]):
                continue
            label = f"{total} = {' + '.join(parts)}"
            self.equal(f"{prefix}{row}: {label}", self.v(row, total), (self.v(row, p) for p in parts))

    def code_hierarchy(self, side: str = "", with_total: bool = True) -> None:
        """类 = Σ 款 = Σ 项 for function (3/5/7 digits) and economic (3/5) codes; total = Σ 类."""
        codes = sorted(r[len(side) :] for r, _ in self.cells if r.startswith(side) and r[len(side) :].isdigit())
        codes = sorted(set(codes))
        cols = self.columns(side + c for c in codes)
        for code in codes:
            children = [c for c in codes if len(c) == len(code) + 2 and c.startswith(code)]
            if children:
                self.sum_rows(side + code, [side + c for c in children], cols, name=f"{code} = Σ children")
        classes = [side + c for c in codes if len(c) == 3]
        if with_total and classes:
            self.sum_rows(side + "total", classes, cols, name="total = Σ classes")


def js_sources(ids: Identities) -> None:
    row = "total"
    ids.sum_columns(
        "total", ["general_public_budget", "government_fund", "special_account", "unit_funds", "carryover"], [row]
    )
    ids.sum_columns(
        "general_public_budget", ["general_public_budget.appropriation", "general_public_budget.special_revenue"], [row]
    )
    ids.sum_columns("special_account", ["special_account.education_fees", "special_account.other_nontax"], [row])
    ids.sum_columns("unit_funds", ["business_income", "operating_income", "other_income", "bank_loans"], [row])


def two_sided(ids: Identities, kind: str) -> None:
    inc, exp = "income:", "expenditure:"
    exp_codes = [r for r, _ in ids.cells if r.startswith(exp) and r[len(exp) :].isdigit()]
    exp_cols = ids.columns([*exp_codes, exp + "total"])
    if kind == "income_expenditure_summary":
        ids.sum_rows(
            inc + "income.fiscal",
            [inc + "income.general_public_budget", inc + "income.government_fund", inc + "income.state_capital"],
            ["amount"],
        )
        if ids.has_row(inc + "income.current"):  # Jiangsu: 当年收入小计 + 上年结转 = 收入合计
            ids.sum_rows(
                inc + "income.current",
                [inc + "income.fiscal", inc + "income.special_account", inc + "income.unit_funds"],
                ["amount"],
            )
            ids.sum_rows(inc + "total", [inc + "income.current", inc + "income.carryover"], ["amount"])
            classes = sorted(set(exp_codes))
            ids.sum_rows(exp + "expenditure.current", classes, ["amount"], name="当年支出小计 = Σ classes")
            ids.sum_rows(
                exp + "expenditure.current",
                [exp + "expenditure.basic", exp + "expenditure.project", exp + "expenditure.reserve"],
                ["amount"],
                name="当年支出小计 = basic + project + reserve",
            )
            ids.sum_rows(exp + "total", [exp + "expenditure.current", exp + "expenditure.carryforward"], ["amount"])
        else:  # Shanghai: 收入总计 = Σ sources, 支出总计 = Σ classes
            ids.sum_rows(
                inc + "total",
                [
                    inc + "income.fiscal",
                    inc + "income.unit_funds.business_income",
                    inc + "income.unit_funds.operating_income",
                    inc + "income.unit_funds.other_income",
                ],
                ["amount"],
            )
            ids.sum_rows(exp + "total", sorted(set(exp_codes)), exp_cols, name="支出总计 = Σ classes")
            if "personnel" in exp_cols:
                ids.sum_columns("total", ["personnel", "public", "project"], [*exp_codes, exp + "total"])
    else:  # fiscal_summary
        fiscal_rows = [r for r, _ in ids.cells if r.startswith(inc + "fiscal.current.")]
        ids.sum_rows(inc + "total", sorted(set(fiscal_rows)), ["amount"])
        if exp_codes:
            ids.sum_rows(exp + "total", sorted(set(exp_codes)), exp_cols, name="支出总计 = Σ classes")
            ids.sum_columns(
                "total", ["general_public_budget", "government_fund", "state_capital"], [*exp_codes, exp + "total"]
            )
        else:  # Jiangsu: expenditure side by use
            ids.sum_rows(
                exp + "total",
                [exp + "expenditure.basic", exp + "expenditure.project", exp + "expenditure.reserve"],
                ["amount"],
            )
    for col in ["amount", "total"]:
        if (inc + "total", "amount") in ids.cells and (exp + "total", col) in ids.cells:
            ids.equal("收入总计 = 支出总计", ids.v(inc + "total", "amount"), [ids.v(exp + "total", col)])


def three_public(ids: Identities) -> None:
    col = ["total"]
    ids.sum_rows("vehicles", ["vehicle_purchase", "vehicle_operation"], col)
    ids.sum_rows("total", ["abroad", "reception", "vehicles"], col)
    ids.sum_rows("grand_total", ["total", "meeting", "training"], col)


CHECKS: dict[str, Callable[[Identities, str], None]] = {
    "income_expenditure_summary": two_sided,
    "fiscal_summary": two_sided,
    "three_public": lambda ids, _kind: three_public(ids),
}


def run_checks(ids: Identities, kind: str) -> list[str]:
    """Apply the identities of a table kind; return the ones that fail."""
    if kind in CHECKS:
        CHECKS[kind](ids, kind)
    elif kind == "income_summary" and "general_public_budget" in ids.columns():
        js_sources(ids)  # Jiangsu: one row, sources as columns
    else:
        ids.code_hierarchy()
        cols = set(ids.columns())
        if {"basic", "project"} <= cols:
            ids.sum_columns("total", ["basic", "project"])
        if {"personnel", "public"} & cols:
            ids.sum_columns("total", ["personnel", "public"])
        if "fiscal_subtotal" in cols:
            ids.sum_columns("total", ["fiscal_subtotal", "business_income", "operating_income", "other_income"])
    return ids.failures


def identity_failures(entry: dict[str, str]) -> list[str]:
    return run_checks(Identities(cells_of(entry["file"])), entry["kind"])


# ----------------------------------------------------------------- tests


def test_index_lists_every_truth_file() -> None:
    on_disk = {p.name for p in TRUTH.glob("*.csv")} - {"tables.csv"}
    assert set(FILES) == on_disk
    assert len(FILES) >= 14
    assert len({e["source"] for e in ENTRIES}) >= 7
    assert {e["source"].split("/")[0] for e in ENTRIES} == {"jiangsu", "shanghai"}


@pytest.mark.parametrize("entry", ENTRIES, ids=FILES)
def test_index_entry(entry: dict[str, str]) -> None:
    assert list(entry) == INDEX_COLUMNS
    assert entry["kind"] in KINDS
    assert entry["unit"] in {"元", "万元"}
    assert re.fullmatch(r"[0-9a-f]{64}", entry["sha256"])
    assert re.fullmatch(r"\d+(-\d+)?", entry["pages"])


@pytest.mark.parametrize("fixture", sorted({e["fixture"] for e in ENTRIES}))
def test_fixture_pdf_is_the_published_file(fixture: str) -> None:
    sha = {e["sha256"] for e in ENTRIES if e["fixture"] == fixture}
    assert len(sha) == 1
    assert hashlib.sha256((CORPUS / fixture).read_bytes()).hexdigest() == sha.pop()


@pytest.mark.parametrize("entry", ENTRIES, ids=FILES)
def test_cells_are_well_formed(entry: dict[str, str]) -> None:
    rows = read(entry["file"])
    assert rows, "empty truth file"
    first, last = (int(p) for p in (entry["pages"].split("-") * 2)[:2])
    seen: set[tuple[str, str]] = set()
    for r in rows:
        where = f"{entry['file']} {r['row']}/{r['column']}"
        assert r["row"] and r["column"] and r["row_label"], where
        assert DECIMAL.match(r["value"]), f"{where}: value {r['value']!r}"
        assert Decimal(r["value"]).is_finite(), where
        assert first <= int(r["page"]) <= last, f"{where}: page {r['page']} outside {entry['pages']}"
        assert (r["row"], r["column"]) not in seen, f"{where}: duplicate cell"
        seen.add((r["row"], r["column"]))
        if entry["kind"] in TWO_SIDED:
            assert r["row"].split(":", 1)[0] in {"income", "expenditure"}, where
        if r["code"]:
            assert r["code"].isdigit() and r["row"].endswith(r["code"]), where


def test_two_decimals_in_wanyuan_tables() -> None:
    """The 万元 truth tables all print two decimals, so a dropped digit stands out.

    (Elsewhere in the corpus 万元 amounts do appear as `0`, `15`, `3990.4`; none is in the truth set.)
    """
    for entry in ENTRIES:
        if entry["unit"] == "万元":
            for r in read(entry["file"]):
                assert re.fullmatch(r"\d+\.\d\d", r["value"]), f"{entry['file']} {r['row']}: {r['value']}"


@pytest.mark.parametrize("entry", ENTRIES, ids=FILES)
def test_identities_hold_except_published_failures(entry: dict[str, str]) -> None:
    failures = {(entry["file"], f) for f in identity_failures(entry)}
    expected = {p for p in PUBLISHED_FAILURES if p[0] == entry["file"]}
    assert failures == expected


def test_identities_are_exercised() -> None:
    """Guard against an engine that silently checks nothing: nudging a total must break an identity."""
    for entry in ENTRIES:
        cells = cells_of(entry["file"])
        key = next(k for k in cells if k[0].split(":")[-1] in {"total", "grand_total"})
        cells[key] += Decimal("0.01")
        assert run_checks(Identities(cells), entry["kind"]), f"{entry['file']}: changing {key} broke no identity"


def test_published_failures_name_printed_rows() -> None:
    for name, failure in PUBLISHED_FAILURES:
        assert name in FILES
        code = failure.split(" ", 1)[0].rstrip(":")
        assert (code, "total") in cells_of(name)
