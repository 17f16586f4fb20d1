"""Measure how well `yusuan check` reads the national corpus (not a test).

For every document of ../shared/corpus/national/ (45 municipal budgets of six
layouts) it runs `yusuan check FILE --format json` and compares what was read
with the manifest, which counts the tables a person sees and names the unit,
year, kind and level from the first page:

- tables found (distinct tables read) against `tables_listed`;
- documents refused (exit 2);
- the unit, year and kind read right;
- requirements of another region applied (a finding that names a template);
- errors, warnings and reading notices per document.

    .venv/bin/python bench/national.py [--out docs/national.md] [--jsonl /tmp/national.jsonl]
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from corpus_documents import CORPUS, ROOT

YUSUAN = ROOT / ".venv" / "bin" / "yusuan"
NATIONAL = CORPUS / "national"
KINDS = {("预算", "部门"): "department_budget", ("预算", "单位"): "unit_budget",
         ("决算", "部门"): "department_final_accounts", ("决算", "单位"): "unit_final_accounts"}  # fmt: skip


def check(path: Path) -> tuple[int, dict[str, object] | str]:
    done = subprocess.run(
        [str(YUSUAN), "check", str(path), "--format", "json"], capture_output=True, text=True, check=False
    )
    if done.returncode not in (0, 1):
        return done.returncode, (done.stderr.strip() or f"exit {done.returncode}")
    return done.returncode, json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--jsonl", type=Path, default=Path("/tmp/yusuan-national.jsonl"))
    parser.add_argument("--only", default="", help="only files whose name contains this")
    args = parser.parse_args()
    with (NATIONAL / "manifest.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if args.only in r["file"]]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda r: check(NATIONAL / r["file"]), rows))
    found_total = listed_total = refused = unit_ok = year_ok = kind_ok = foreign = 0
    errors: list[int] = []
    warnings: list[int] = []
    notices: list[int] = []
    with args.jsonl.open("w", encoding="utf-8") as out:
        for row, (_code, report) in zip(rows, results, strict=True):
            listed = int(row["tables_listed"])
            listed_total += listed
            if isinstance(report, str):
                refused += 1
                print(f"REFUSED {row['file']}: {report}")
                continue
            document = report["document"]
            assert isinstance(document, dict)
            findings = report["findings"]
            assert isinstance(findings, list)
            found = len(set(document.get("tables_found") or []))
            found_total += min(found, listed)
            unit_ok += document.get("unit") == row["unit"]
            year_ok += str(document.get("year")) == row["year"]
            kind_ok += document.get("kind") == KINDS[(row["kind"], row["level"])]
            bad_region = [f for f in findings if "模板（" in str(f["message"])]
            foreign += bool(bad_region)
            e = sum(f["severity"] == "error" and not f["code"].startswith("read-") for f in findings)
            w = sum(f["severity"] == "warning" and not f["code"].startswith("read-") for f in findings)
            n = sum(f["code"].startswith("read-") for f in findings)
            errors.append(e)
            warnings.append(w)
            notices.append(n)
            for f in findings:
                out.write(json.dumps({"document": row["file"], **f}, ensure_ascii=False) + "\n")
            flag = "" if document.get("unit") == row["unit"] else f" unit={document.get('unit')!r}"
            print(f"{found:2d}/{listed:2d} E{e:3d} W{w:3d} N{n:3d}  {row['file']}{flag}")
    n_docs = len(rows)
    print(
        f"tables {found_total}/{listed_total} ({100 * found_total / max(listed_total, 1):.1f}%), "
        f"refused {refused}, unit {unit_ok}/{n_docs}, year {year_ok}/{n_docs}, kind {kind_ok}/{n_docs}, "
        f"foreign requirements {foreign}, median errors {statistics.median(errors) if errors else 0}, "
        f"median warnings {statistics.median(warnings) if warnings else 0}, "
        f"median notices {statistics.median(notices) if notices else 0}, "
        f"errors {sum(errors)}, warnings {sum(warnings)}, notices {sum(notices)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
