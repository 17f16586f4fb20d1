"""The `yusuan` command line: it wires the stages together and does nothing else.

Every command turns a user's mistake (`InputError`) into one line on stderr,
`error: <place>: <message>`, and exit code 2.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from yusuan.errors import InputError

app = typer.Typer(
    name="yusuan",
    help="yusuan (预算): compile, check and extract Chinese public-sector budget disclosures (预算公开).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# No markup or emoji codes: what is printed quotes file names and document text verbatim.
console = Console(markup=False, emoji=False)
err_console = Console(stderr=True, markup=False, emoji=False)

F = TypeVar("F", bound=Callable[..., Any])

ALL_FORMATS = "html,pdf,docx,xlsx"  # yusuan.pipeline.FORMATS, spelled out to keep this import light
FormatsOption = Annotated[str, typer.Option("--format", help=f"comma-separated: {ALL_FORMATS}")]

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kizilsu-2024" / "budget.yaml"


def user_errors(command: F) -> F:
    """Report InputError as one line and exit 2."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            err_console.print(
                Text.assemble(("error:", "bold red"), f" {exc.one_line()}"), highlight=False, soft_wrap=True
            )
            raise typer.Exit(code=2) from None

    return wrapper  # type: ignore[return-value]


def _formats(value: str) -> tuple[str, ...]:
    from yusuan.pipeline import FORMATS

    formats = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise InputError("--format", f"未知格式 {','.join(unknown) or value!r}；可选：{','.join(FORMATS)}")
    return formats


@app.command()
@user_errors
def build(
    input_path: Annotated[Path, typer.Argument(metavar="INPUT", help="budget.yaml or a filled-in workbook .xlsx")],
    out: Annotated[Path, typer.Option("-o", "--out", help="output folder")] = Path("out"),
    format: FormatsOption = ALL_FORMATS,
) -> None:
    """Compile a unit budget (预算) into its disclosure (预算公开): HTML, PDF, Word, Excel."""
    from yusuan.pipeline import build as run_build

    result = run_build(input_path, out, _formats(format))
    _print_summary(result.disclosure, result.files)


@app.command()
@user_errors
def template(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="where to write the fill-in workbook (.xlsx)")],
    example: Annotated[bool, typer.Option("--example", help="pre-fill with the built-in example unit")] = False,
) -> None:
    """Write a fill-in Excel workbook (预算填报模板) for an accountant."""
    from yusuan.inputs import load_budget
    from yusuan.inputs.workbook_template import write_template

    if path.suffix.lower() != ".xlsx":
        raise InputError(str(path), "模板文件须以 .xlsx 结尾")
    write_template(path, load_budget(EXAMPLE) if example else None)
    console.print(f"wrote {path}")


@app.command()
@user_errors
def demo(
    out: Annotated[Path, typer.Option("-o", "--out", help="output folder")] = Path("out"),
    format: FormatsOption = ALL_FORMATS,
) -> None:
    """Build the built-in example (克孜勒苏州委办公室 2024 单位预算) into ./out."""
    from yusuan.pipeline import build as run_build

    result = run_build(EXAMPLE, out, _formats(format))
    _print_summary(result.disclosure, result.files)


@app.command()
@user_errors
def check(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            help="a disclosure (.txt/.pdf/.docx/.xlsx; several files = one document) or a budget (.yaml/.xlsx)",
        ),
    ],
    format: Annotated[str, typer.Option("--format", help="terminal, json or html")] = "terminal",
    out: Annotated[Path | None, typer.Option("-o", "--out", help="write the report here instead of stdout")] = None,
    select: Annotated[
        str | None, typer.Option("--select", help="only these rule codes or prefixes (comma-separated)")
    ] = None,
    ignore: Annotated[
        str | None, typer.Option("--ignore", help="skip these rule codes or prefixes (comma-separated)")
    ] = None,
    profile: Annotated[
        str | None, typer.Option("--profile", help="rule profile for a template (e.g. xinjiang, default)")
    ] = None,
    annotate: Annotated[
        Path | None, typer.Option("--annotate", help="write a copy of the PDF with each finding marked at its cell")
    ] = None,
) -> None:
    """Check a disclosure (预算公开) for errors: identities, cross-table links, narrative figures, codes.

    Exit code 0: no error; 1: errors found; 2: the input cannot be read.
    """
    from yusuan.audit import load_for_check
    from yusuan.check import render_report, run_checks

    if format not in ("terminal", "json", "html"):
        raise InputError("--format", f"未知报告格式 {format!r}；可选：terminal, json, html")
    disclosure, problems = load_for_check(files)
    report = run_checks(
        disclosure,
        read_problems=problems,
        select=_codes(select),
        ignore=_codes(ignore),
        profile=profile,
        source=", ".join(str(f) for f in files),
    )
    if annotate is not None:
        pdfs = [f for f in files if f.suffix.lower() == ".pdf"]
        if not pdfs:
            raise InputError("--annotate", "只有 PDF 文件可以标注")
        from yusuan.check.annotate import annotate_pdfs

        marked = annotate_pdfs(report, disclosure, pdfs, annotate)
        err_console.print(f"annotated {marked} findings in {annotate}")
    if format == "terminal" and out is None:
        from yusuan.check.report_terminal import renderable

        console.print(renderable(report))
    else:
        text = render_report(report, format)  # type: ignore[arg-type]
        if out is None:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        else:
            from yusuan.pipeline import write_atomically

            write_atomically(
                out.parent if str(out.parent) else Path("."), out.stem, {out.suffix.lstrip("."): text.encode()}
            )
    raise typer.Exit(code=0 if report.ok else 1)


@app.command()
@user_errors
def extract(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="a published disclosure (.pdf/.docx/.xlsx/.xls/.txt/.html)")
    ],
    out: Annotated[Path, typer.Option("-o", "--out", help="data.json or data.xlsx")] = Path("data.json"),
    template: Annotated[str | None, typer.Option("--template", help="regional template id (default: detected)")] = None,
) -> None:
    """Extract a published disclosure (预算公开) into structured data: JSON or an Excel workbook."""
    from yusuan.extract import read_documents, write_json, write_xlsx
    from yusuan.pipeline import write_atomically

    suffix = out.suffix.lower()
    if suffix not in (".json", ".xlsx"):
        raise InputError(str(out), "输出文件须以 .json 或 .xlsx 结尾")
    disclosure, problems = read_documents(list(files), template_id=template)
    content = write_json(disclosure).encode("utf-8") if suffix == ".json" else write_xlsx(disclosure)
    written = write_atomically(out.parent if str(out.parent) else Path("."), out.stem, {suffix[1:]: content})
    tables = "、".join(t.number for t in disclosure.tables) or "无"
    console.print(f"{disclosure.meta.unit} {disclosure.meta.year}: 表 {tables}; {len(problems)} 处未能读取")
    for path in written.values():
        console.print(f"  wrote {path}")


def _codes(value: str | None) -> list[str] | None:
    return [code.strip() for code in value.split(",") if code.strip()] if value else None


def _print_summary(disclosure: Any, files: dict[str, Path]) -> None:
    from rich.table import Table as RichTable

    from yusuan.money import format_amount

    table = RichTable(title=disclosure.title, show_lines=False)
    table.add_column("表", justify="right")
    table.add_column("名称")
    table.add_column("行", justify="right")
    table.add_column("合计（万元）", justify="right")
    for t in disclosure.tables:
        total = next((r for r in t.rows if r.is_total), None)
        amount = next((c.value for c in total.cells.values() if c.value is not None), None) if total else None
        table.add_row(t.number, t.title, str(len(t.rows)), format_amount(amount) if amount else "空表")
    console.print(table)
    for fmt, path in files.items():
        console.print(f"  {fmt:5} {path}")
