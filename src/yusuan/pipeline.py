"""The build pipeline in one screen: input → Budget → Disclosure → files.

`build` checks that the output folder can be written, reads a budget (YAML
or workbook), compiles it, renders each requested format in memory (the
formats are one table, `yusuan.render.formats`), and only then writes the
files — all of them at once (`yusuan.render.files.write_build`), so a failure
or a kill in any step leaves the output folder as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from yusuan.model import Disclosure
from yusuan.render.formats import FORMAT_NAMES, OUTPUT_FORMATS

FORMATS = FORMAT_NAMES  # all of them by default


def render_all(disclosure: Disclosure, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Every requested format, in memory.  Charts are drawn once, in the background,
    while the workbook is written and WeasyPrint loads."""
    from yusuan.render import pdf_zygote
    from yusuan.render.chart_job import ChartJob

    wanted = [OUTPUT_FORMATS[name] for name in formats]
    drawn_here = [f for f in wanted if not (f.name == "pdf" and pdf_zygote.draws_charts())]
    svg, png, outlined = (
        any(f.svg for f in drawn_here),
        any(f.png for f in drawn_here),
        any(f.outlined for f in drawn_here),
    )
    job = ChartJob(disclosure, svg=svg, png=png, outlined=outlined) if svg or png or outlined else None
    try:
        rendered = {f.name: f.render(disclosure, job) for f in sorted(wanted, key=lambda f: f.order)}
    finally:
        if job is not None:
            job.close()
    return {name: rendered[name] for name in formats}


@dataclass(frozen=True)
class BuildResult:
    disclosure: Disclosure
    files: dict[str, Path]


def output_stem(disclosure: Disclosure) -> str:
    """The files' common name: the unit's name as a safe slug, the year and the kind."""
    from yusuan.render.files import safe_stem

    return f"{safe_stem(disclosure.meta.unit)}-{disclosure.meta.year}-{disclosure.meta.kind.label}公开"


def build(
    input_path: Path, out_dir: Path, formats: tuple[str, ...] = FORMATS, *, units: Sequence[Path] | None = None
) -> BuildResult:
    """Load, compile, render and write; raises InputError before anything is written.

    `units`: a department file's units (files or folders), replacing those it lists."""
    from yusuan.render import pdf_zygote
    from yusuan.render.files import check_output_folder

    check_output_folder(out_dir)
    others = [OUTPUT_FORMATS[name] for name in formats if name != "pdf"]
    draws = not any(f.svg or f.png for f in others)  # else one chart child draws them all, the PDF's too
    with pdf_zygote.running("pdf" in formats, draws=draws):  # forked before the imports below: WeasyPrint loads
        return _build(input_path, out_dir, formats, units)


def _build(input_path: Path, out_dir: Path, formats: tuple[str, ...], units: Sequence[Path] | None) -> BuildResult:
    from yusuan.compile import compile_budget
    from yusuan.errors import InputError
    from yusuan.inputs import load_budget
    from yusuan.render.files import write_build

    budget = load_budget(input_path, units)
    try:
        disclosure = compile_budget(budget, source=str(input_path))
    except InputError as exc:  # compile names a budget field; say which file it is in
        raise InputError(f"{input_path} {exc.place}", exc.message) from exc
    rendered = render_all(disclosure, formats)
    stem = output_stem(disclosure)
    named = {f"{stem}{OUTPUT_FORMATS[fmt].suffix}": content for fmt, content in rendered.items()}
    return BuildResult(disclosure=disclosure, files=write_build(out_dir, named))


def write_atomically(out_dir: Path, stem: str, rendered: dict[str, bytes]) -> dict[str, Path]:
    """Write single files (a report, extracted data) whole, each by its own rename."""
    from yusuan.render.files import write_file

    return {fmt: write_file(out_dir / f"{stem}.{fmt}", content) for fmt, content in rendered.items()}
