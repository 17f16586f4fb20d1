"""The build pipeline in one screen: input → Budget → Disclosure → files.

`build` reads a budget (YAML or workbook), compiles it, renders each
requested format in memory, and only then writes the files — into a
temporary folder first, moved into place at the end — so a failure in any
step leaves the output folder as it was: nothing half-written.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from yusuan.model import Disclosure

FORMATS = ("html", "pdf", "docx", "xlsx")  # all of them by default
CHARTED = {"html", "pdf", "docx"}


def render_all(disclosure: Disclosure, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Every requested format, in memory.  Charts are drawn once, in the background,
    while the workbook is written and WeasyPrint loads."""
    from yusuan.render.chart_job import ChartJob

    charted = CHARTED.intersection(formats)
    job = ChartJob(disclosure, svg=bool(charted & {"html", "pdf"}), png="docx" in charted) if charted else None
    rendered: dict[str, bytes] = {}
    if "xlsx" in formats:
        from yusuan.render.xlsx import render_xlsx

        rendered["xlsx"] = render_xlsx(disclosure)
    if "pdf" in formats:
        from yusuan.render.pdf import render_pdf

        rendered["pdf"] = render_pdf(disclosure, charts=job or ())
    if "html" in formats:
        from yusuan.render.html import render_html

        rendered["html"] = render_html(disclosure, charts=job.result() if job else ()).encode("utf-8")
    if "docx" in formats:
        from yusuan.render.docx import render_docx

        rendered["docx"] = render_docx(disclosure, charts=job.result() if job else ())
    return {fmt: rendered[fmt] for fmt in formats}


@dataclass(frozen=True)
class BuildResult:
    disclosure: Disclosure
    files: dict[str, Path]


def output_stem(disclosure: Disclosure) -> str:
    return f"{disclosure.meta.unit}-{disclosure.meta.year}-{disclosure.meta.kind.label}公开"


def build(input_path: Path, out_dir: Path, formats: tuple[str, ...] = FORMATS) -> BuildResult:
    """Load, compile, render and write; raises InputError before anything is written."""
    from yusuan.compile import compile_budget
    from yusuan.errors import InputError
    from yusuan.inputs import load_budget

    budget = load_budget(input_path)
    try:
        disclosure = compile_budget(budget, source=str(input_path))
    except InputError as exc:  # compile names a budget field; say which file it is in
        raise InputError(f"{input_path} {exc.place}", exc.message) from exc
    rendered = render_all(disclosure, formats)
    return BuildResult(disclosure=disclosure, files=write_atomically(out_dir, output_stem(disclosure), rendered))


def write_atomically(out_dir: Path, stem: str, rendered: dict[str, bytes]) -> dict[str, Path]:
    """Write every file to a temporary folder, then move them all into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".yusuan-", dir=out_dir))
    try:
        staged = {}
        for fmt, content in rendered.items():
            path = staging / f"{stem}.{fmt}"
            path.write_bytes(content)
            staged[fmt] = path
        final = {}
        for fmt, path in staged.items():
            target = out_dir / path.name
            path.replace(target)
            final[fmt] = target
        return final
    finally:
        shutil.rmtree(staging, ignore_errors=True)
