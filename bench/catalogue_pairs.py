"""Code/name pairs the national corpus prints, for the observed catalogue (not a test).

Reads every PDF of ../shared/corpus/national/ with yusuan's reader and
collects, from the tables whose rows print a subject code and its name on
the same row (function tables and the economic basic-expenditure tables),
each (code, name) pair with the documents and years that print it.  Rows the
reader keyed from their name alone (`Row.named`) and project rows are left
out: only printed codes count.  A pair is proposed when

- its code has the shape of its classification (function 3/5/7 digits, a
  function class among the known classes; economic 3/5 digits — 7-digit
  economic codes are a region's subdivision, not the national catalogue);
- its parent is in the catalogue or is itself proposed;
- its name is all the corpus prints for that code, or, where the corpus
  prints several names, it is printed by at least two documents and more
  often than any other;
- a name new for a code the catalogue already knows is printed by at least
  two documents.

    PYTHONPATH=src .venv/bin/python bench/catalogue_pairs.py [--folder national|final-accounts] [--write]

It adds the corpus's document counts to the rows it extends, so --write is run once per
catalogue edition (it was, on the catalogue of Jiangsu, Shanghai and Xinjiang documents).

Without --write it prints what it would add or extend; with it, it rewrites
src/yusuan/catalog/data/{function,economic}_codes.csv (existing rows keep
their order, their years widened and their document counts added to; new
rows are appended in code order).
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

from corpus_documents import CORPUS, ROOT
from yusuan.extract import read_document
from yusuan.extract.normalise import clean_label
from yusuan.model.kinds import ECONOMIC_CODE_TABLES, FUNCTION_CLASSES, TableKind

DATA = ROOT / "src" / "yusuan" / "catalog" / "data"
FILES = {"function": DATA / "function_codes.csv", "economic": DATA / "economic_codes.csv"}
FUNCTION_TABLES = {
    TableKind.INCOME_EXPENDITURE_SUMMARY,
    TableKind.FISCAL_SUMMARY,
    TableKind.INCOME_SUMMARY,
    TableKind.EXPENDITURE_SUMMARY,
    TableKind.GENERAL_BUDGET_EXPENDITURE,
    TableKind.GOVERNMENT_FUND_EXPENDITURE,
    TableKind.STATE_CAPITAL_EXPENDITURE,
    TableKind.FISCAL_EXPENDITURE,
}
NAME = re.compile(r"^[\u4e00-\u9fff（）、“”]+$")
FIELDS = ["code", "name", "level", "parent", "first_year", "last_year", "n_documents", "is_latest_name"]

# (classification, code) → name → (documents, years)
Seen = dict[tuple[str, str], dict[str, tuple[set[str], set[int]]]]


def collect(paths: list[Path]) -> Seen:
    seen: Seen = defaultdict(lambda: defaultdict(lambda: (set(), set())))
    for path in paths:
        disclosure, _problems = read_document(path)
        for table in disclosure.tables:
            kind = "economic" if table.kind in ECONOMIC_CODE_TABLES else "function"
            if kind == "function" and table.kind not in FUNCTION_TABLES:
                continue
            for row in table.rows:
                code = row.code
                if not code or not code.isdigit() or row.project or row.named or row.is_total:
                    continue
                name = clean_label(row.label.strip().removeprefix(code))
                if NAME.match(name):
                    documents, years = seen[(kind, code)][name]
                    documents.add(path.name)
                    years.add(disclosure.meta.year)
    return seen


def shaped(kind: str, code: str, name: str) -> bool:
    if kind == "function":
        return len(code) in (5, 7) or (len(code) == 3 and FUNCTION_CLASSES.get(code) == name)
    return len(code) in (3, 5) and code.startswith("3")


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def propose(kind: str, seen: Seen, rows: list[dict[str, str]]) -> tuple[list[dict[str, str]], list[str]]:
    """The catalogue rows after adding the corpus's pairs, and a line for each change."""
    known = {(r["code"], r["name"]): r for r in rows}
    codes = {r["code"] for r in rows}
    changes: list[str] = []
    chosen: dict[str, list[tuple[str, set[str], set[int]]]] = {}
    for (k, code), names in sorted(seen.items()):
        if k != kind:
            continue
        ranked = sorted(names.items(), key=lambda item: -len(item[1][0]))
        for position, (name, (documents, years)) in enumerate(ranked):
            if not shaped(kind, code, name):
                continue
            if (code, name) not in known and not _accepted(position, ranked, code in codes):
                changes.append(f"  skipped {code} {name} ({len(documents)} documents)")
                continue
            chosen.setdefault(code, []).append((name, documents, years))
    added: list[dict[str, str]] = []
    for code in sorted(chosen, key=lambda c: (len(c), c)):
        for name, documents, years in chosen[code]:
            row = known.get((code, name))
            if row is not None:
                row["first_year"] = str(min(int(row["first_year"]), *years))
                row["last_year"] = str(max(int(row["last_year"]), *years))
                row["n_documents"] = str(int(row["n_documents"]) + len(documents))
                continue
            parent = code[:-2] if len(code) > 3 else ""
            if parent and parent not in codes:
                changes.append(f"  skipped {code} {name}: parent {parent} unknown")
                continue
            new = {"code": code, "name": name, "level": str({3: 1, 5: 2, 7: 3}[len(code)]), "parent": parent,
                   "first_year": str(min(years)), "last_year": str(max(years)),
                   "n_documents": str(len(documents)), "is_latest_name": "Y"}  # fmt: skip
            codes.add(code)
            added.append(new)
            changes.append(f"+ {code} {name} ({len(documents)} documents, {min(years)}–{max(years)})")
    result = rows + added
    _mark_latest(result, {row["code"] for row in added})
    return result, changes


def _accepted(position: int, ranked: list[tuple[str, tuple[set[str], set[int]]]], known_code: bool) -> bool:
    """Whether the name at `position` of a code's names (most printed first) is trusted as new."""
    documents = ranked[position][1][0]
    several = len(ranked) > 1
    if not (known_code or several):
        return True  # the only name the corpus prints for a code the catalogue does not know
    if len(documents) < 2:
        return False
    return not several or (position == 0 and len(ranked[1][1][0]) < len(documents))


def _mark_latest(rows: list[dict[str, str]], codes: set[str]) -> None:
    """Flag the newest name of each code in `codes` (a code's other rows keep their flag)."""
    by_code: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        if row["code"] in codes:
            by_code[row["code"]].append(row)
    for versions in by_code.values():
        newest = max(versions, key=lambda r: (int(r["last_year"]), int(r["n_documents"])))
        for row in versions:
            row["is_latest_name"] = "Y" if row is newest else "N"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--folder", default="national", help="the corpus folder read (national, final-accounts)")
    args = parser.parse_args()
    paths = sorted((CORPUS / args.folder).glob("*.pdf"))
    seen = collect(paths)
    for kind, path in FILES.items():
        rows, changes = propose(kind, seen, read(path))
        added = sum(1 for c in changes if c.startswith("+"))
        print(f"{kind}: {added} rows added, {len(rows)} rows in all")
        print("\n".join(changes))
        if args.write:
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)
    print(Counter(k for k, _ in seen))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
