"""Run `yusuan check` on every corpus document and collect its findings (not a test).

The precision review of issue 4 (docs/precision.md) judges every error and
warning printed on the development corpus as true (the published document has
the defect) or false (our reading or our rule is wrong).  This script produces
the list to judge: it runs the CLI, `yusuan check FILE... --format json`, once
per document — Jiangsu narrative + tables files of one department and year
together, as one document — and writes the raw findings to a scratch file
outside the repository, one JSON object per finding.  It prints the counts per
document; the verdicts (true / false, and why) are written by hand in
docs/precision.md.

    .venv/bin/python bench/precision.py [--out /tmp/yusuan-precision.jsonl]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from corpus_documents import CORPUS, PAIRS, ROOT, SUFFIXES

YUSUAN = ROOT / ".venv" / "bin" / "yusuan"
DEFAULT_OUT = Path("/tmp/yusuan-precision.jsonl")


def documents(corpus: Path) -> list[tuple[str, ...]]:
    """Every document of the corpus as the files that make it up (relative paths)."""
    paired = {name for pair in PAIRS for name in pair}
    singles = sorted(
        str(path.relative_to(corpus))
        for path in corpus.rglob("*")
        if path.suffix.lower() in SUFFIXES and str(path.relative_to(corpus)) not in paired
    )
    return [*PAIRS, *((name,) for name in singles)]


def check(corpus: Path, files: tuple[str, ...]) -> dict[str, object]:
    """The JSON report of `yusuan check` on one document (or its read error)."""
    command = [str(YUSUAN), "check", *(str(corpus / name) for name in files), "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        return {"error": done.stderr.strip() or f"exit {done.returncode}"}
    report: dict[str, object] = json.loads(done.stdout)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()

    docs = documents(args.corpus)
    with ThreadPoolExecutor(max_workers=4) as pool:
        reports = list(pool.map(lambda files: check(args.corpus, files), docs))

    totals: Counter[str] = Counter()
    with args.out.open("w", encoding="utf-8") as out:
        for files, report in zip(docs, reports, strict=True):
            document = " + ".join(files)
            if "error" in report:
                print(f"{document}: cannot read: {report['error']}")
                totals["unreadable"] += 1
                continue
            findings = report.get("findings", [])
            assert isinstance(findings, list)
            counts = Counter(str(finding["severity"]) for finding in findings)
            totals.update(counts)
            for finding in findings:
                if finding["severity"] in ("error", "warning"):
                    out.write(json.dumps({"document": document, **finding}, ensure_ascii=False) + "\n")
            codes = Counter(str(finding["code"]) for finding in findings if finding["severity"] in ("error", "warning"))
            listed = ", ".join(f"{code}×{n}" for code, n in sorted(codes.items()))
            print(f"{counts['error']:3d} E {counts['warning']:3d} W {counts['info']:3d} I  {document}  {listed}")
    reviewed = totals["error"] + totals["warning"]
    print(
        f"\n{len(docs)} documents: {totals['error']} errors, {totals['warning']} warnings "
        f"({reviewed} to review), {totals['info']} infos; findings in {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
