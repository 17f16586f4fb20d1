"""The `yusuan` command line: it wires the stages together and does nothing else.

Exit codes mean one thing each: 0 done (check: no error), 1 check found
errors, 2 the input cannot be used (one Chinese line on stderr naming the
place: `错误：<place>: <message>`), 3 an internal error (one line asking to
report it; the traceback only with `--debug`).  Everything a person reads
here is Chinese; option names stay English.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from yusuan import __version__
from yusuan.cli_checks import distinct, input_file, listen_address, not_an_input, store_file
from yusuan.cli_text import ChineseCommand, ChineseGroup, use_chinese
from yusuan.cpus import usable_cpus
from yusuan.errors import INTERRUPTED, INTERRUPTED_UNWRITTEN, InputError
from yusuan.examples import EXAMPLE, FINAL_EXAMPLE
from yusuan.render.formats import FORMAT_NAMES

if TYPE_CHECKING:
    from rich.console import Console

use_chinese()
app = typer.Typer(
    name="yusuan",
    cls=ChineseGroup,
    help="yusuan（预算）：编制、检查和提取预算公开文件（预算公开 / 决算公开）。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@cache
def console(stderr: bool = False) -> Console:
    """Rich's console for stdout (or stderr), made on first use: `check --format json` prints through none.

    No markup or emoji codes: what is printed quotes file names and document text verbatim.  Into a pipe or a
    file (no terminal, no COLUMNS) the lines are PIPED_WIDTH wide, not Rich's 80: a report saved to a file
    keeps its figures and paths whole (`248⏎.50` at 80)."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    piped = not stream.isatty() and "COLUMNS" not in os.environ
    return Console(stderr=stderr, markup=False, emoji=False, width=PIPED_WIDTH if piped else None)


PIPED_WIDTH = 160
F = TypeVar("F", bound=Callable[..., Any])

ALL_FORMATS = ",".join(FORMAT_NAMES)
FormatsOption = Annotated[str, typer.Option("--format", help=f"输出格式，逗号分隔：{ALL_FORMATS}")]
OutFolder = Annotated[Path, typer.Option("-o", "--out", help="输出文件夹")]
UnitsFlag = Annotated[
    bool, typer.Option("--units", help="部门预算：第一个文件为部门的，其余为所属单位（本级和下属单位）的文件或文件夹")
]

DEBUG_VARIABLE = "YUSUAN_DEBUG"
INTERNAL_ERROR = 3


def _say_error(line: str) -> None:
    from rich.text import Text

    console(stderr=True).print(Text.assemble(("错误：", "bold red"), line), highlight=False, soft_wrap=True)


def user_errors(command: F) -> F:
    """InputError → one line, exit 2; any other failure → one line asking for a report, exit 3."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InputError as exc:
            for line in exc.lines():
                _say_error(line)
            raise typer.Exit(code=2) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except (KeyboardInterrupt, Exception) as exc:  # Ctrl-C; anything else is our bug: say so in one line
            from yusuan.store.schema import query_interrupted

            if isinstance(exc, KeyboardInterrupt) or query_interrupted(exc):  # DuckDB reports Ctrl-C its own way
                console(stderr=True).print(INTERRUPTED_UNWRITTEN, highlight=False)
                raise typer.Exit(code=INTERRUPTED) from None
            if _debug():
                traceback.print_exc()
            name = type(exc).__name__
            _say_error(
                f"yusuan 内部错误（{name}），未写入任何文件。请把所用命令和输入文件报告给开发者"
                f"{'' if _debug() else '；加 --debug 可显示详细信息'}。"
            )
            raise typer.Exit(code=INTERNAL_ERROR) from None

    return wrapper  # type: ignore[return-value]


def _debug() -> bool:
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def _show_version(value: bool) -> None:
    if value:
        console().print(f"yusuan {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", help="显示版本号并退出", callback=_show_version, is_eager=True)
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="内部错误时显示完整的调用栈（供报告问题）")] = False,
) -> None:
    """yusuan（预算）：编制、检查和提取预算公开文件。

    退出码：0 成功（检查：无错误）；1 检查发现错误；2 输入无法使用；3 内部错误。
    """
    if debug:
        os.environ[DEBUG_VARIABLE] = "1"


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in formats if f not in FORMAT_NAMES]
    if unknown or not formats:
        raise InputError("--format", f"未知格式 {','.join(unknown) or value!r}；可选：{ALL_FORMATS}")
    return formats


@app.command(cls=ChineseCommand)
@user_errors
def build(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="INPUT [UNIT...]",
            help="预算数据：budget.yaml 或填好的填报模板 .xlsx；部门预算：部门文件 department.yaml"
            "（与 --units 一起时，其后为所属单位的预算文件或文件夹）",
        ),
    ],
    out: OutFolder = Path("out"),
    format: FormatsOption = ALL_FORMATS,
    units: UnitsFlag = False,
) -> None:
    """编制预算公开文件：网页（HTML）、PDF、Word、Excel。

    部门预算：部门文件列出本级和所属单位的预算文件，各表每一行为各单位同一行之和；
    也可写作 yusuan build 部门.yaml --units 单位目录/ 或 --units 单位1.yaml 单位2.yaml。
    """
    from yusuan.pipeline import build as run_build

    department, unit_paths = _department_and_units(
        inputs, units, "一次只编制一份预算；部门的所属单位请写在 --units 之后"
    )
    result = run_build(input_file(department), out, _formats(format), units=unit_paths or None)
    from yusuan.build_summary import self_check, summary

    console().print(summary(result.disclosure, result.files))
    console().print(self_check(result.files))


def _department_and_units(inputs: list[Path], units: bool, alone: str) -> tuple[Path, list[Path]]:
    """With --units, the first file is the department's and the rest are its units' (files or folders)."""
    if units:
        if len(inputs) < 2:
            raise InputError("--units", "请在部门文件之后给出所属单位的文件或文件夹")
        for path in inputs[1:]:
            if not path.exists():
                raise InputError(str(path), "文件或文件夹不存在")
        return inputs[0], inputs[1:]
    if len(inputs) > 1:
        raise InputError("", f"多余的参数：{' '.join(str(p) for p in inputs[1:])}（{alone}）")
    return inputs[0], []


@app.command(cls=ChineseCommand)
@user_errors
def template(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="填报模板的保存位置（.xlsx）")],
    example: Annotated[bool, typer.Option("--example", help="用内置示例的数据预先填好（决算为佛山示例）")] = False,
    kind: Annotated[
        str, typer.Option("--kind", help="文件类型：单位预算（默认）、部门预算、单位决算或部门决算；决算另有一套工作表")
    ] = "单位预算",
) -> None:
    """生成供会计填写的 Excel 填报模板（预算或决算）。"""
    from yusuan.inputs import load_budget
    from yusuan.inputs.workbook_final_template import workbook_for, workbook_kind
    from yusuan.render.files import check_output_file, write_file

    try:
        chosen = workbook_kind(kind)
    except ValueError as exc:
        raise InputError("--kind", str(exc)) from None
    if path.suffix.lower() != ".xlsx":
        raise InputError(str(path), "模板文件须以 .xlsx 结尾")
    check_output_file(path, "参数 FILE")
    prefilled = load_budget(FINAL_EXAMPLE if chosen.is_final else EXAMPLE) if example else None
    write_file(path, workbook_for(chosen, prefilled))
    console().print(f"已写入 {path}")
    if prefilled is not None and prefilled.kind is not chosen:
        console().print(f"注意：内置示例是一份{prefilled.kind.label}，模板按示例填写，文件类型为{prefilled.kind.label}")


@app.command(cls=ChineseCommand)
@user_errors
def demo(
    out: OutFolder = Path("out"),
    format: FormatsOption = ALL_FORMATS,
    store: Annotated[
        Path | None,
        typer.Option("--store", help="再把仓库自带的样例文件和刚编制的文件批量检查，写入此数据库（每次新建）"),
    ] = None,
    serve: Annotated[bool, typer.Option("--serve", help="最后在本机提供网页浏览（须与 --store 一起）")] = False,
    port: Annotated[int, typer.Option("--port", help="网页服务的端口（被占用时依次尝试后面的端口）")] = 8000,
) -> None:
    """把内置示例（克孜勒苏州委办公室 2024 年单位预算）编制到 ./out。

    加 --store：再批量检查仓库自带的样例文件和刚编制的文件；再加 --serve：最后提供网页浏览（make demo 即如此）。
    """
    from yusuan.build_summary import summary
    from yusuan.pipeline import build as run_build

    if serve and store is None:
        raise InputError("--serve", "须与 --store 一起使用（网页浏览的是 --store 写入的数据库）")
    if store is None:
        result = run_build(EXAMPLE, out, _formats(format))
        console().print(summary(result.disclosure, result.files))
        return
    store_file(store, "--store", existing=False)  # before the build: a store it cannot make is refused at once
    from yusuan.batch.pool import Limits
    from yusuan.demo import SAMPLES, free_port, fresh_store, replaceable_store, sample_paths

    replaceable_store(store)  # nor one it would delete that is not a yusuan store
    from yusuan.limits import BATCH_JOB_SECONDS, BATCH_WORKER_MEMORY_MB

    say = console(stderr=True)
    say.print("第 1 步：编制内置示例（克孜勒苏州委办公室 2024 年单位预算）", highlight=False)
    result = run_build(EXAMPLE, out, _formats(format))
    console().print(summary(result.disclosure, result.files))
    paths = sample_paths(result.files.values())
    where = f"仓库自带的样例文件（{SAMPLES}）和" if SAMPLES.is_dir() else ""
    say.print(
        f"\n第 2 步：批量检查{where}刚编制的 {len(result.files)} 个文件，写入 {store}（重新建库）", highlight=False
    )
    fresh_store(store)
    limits = Limits(BATCH_JOB_SECONDS, BATCH_WORKER_MEMORY_MB * 1024 * 1024)
    _batch_and_report(paths, store, usable_cpus(), limits, again=False)
    if not serve:
        say.print(f"\n要在网页中浏览检查结果：yusuan serve --db {store}（或 make demo，不加 SERVE=0）", highlight=False)
        return
    host = "127.0.0.1"
    chosen = free_port(host, port)
    if chosen is None:
        raise InputError("--port", f"端口 {port} 及其后的端口都已被占用；请用 --port 另选一个")
    say.print("\n第 3 步：网页浏览检查结果", highlight=False)
    from yusuan.web.serving import serve_until_stopped

    serve_until_stopped(store, host, chosen, say)


@app.command(cls=ChineseCommand)
@user_errors
def check(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            help="预算公开文件（.txt/.pdf/.docx/.xlsx/.html；同一份公开文件的说明和报表合并检查，其余逐份检查）"
            "或预算数据（.yaml/填报模板 .xlsx）",
        ),
    ],
    format: Annotated[str, typer.Option("--format", help="报告格式：terminal、json 或 html")] = "terminal",
    out: Annotated[Path | None, typer.Option("-o", "--out", help="把报告写入此文件，而不是输出到屏幕")] = None,
    select: Annotated[str | None, typer.Option("--select", help="只运行这些规则编码或前缀（逗号分隔）")] = None,
    ignore: Annotated[str | None, typer.Option("--ignore", help="跳过这些规则编码或前缀（逗号分隔）")] = None,
    profile: Annotated[str | None, typer.Option("--profile", help="地区模板的规则配置（如 xinjiang、default）")] = None,
    annotate: Annotated[
        Path | None, typer.Option("--annotate", help="另存一份 PDF，在每处问题所在的单元格上做标注")
    ] = None,
    units: UnitsFlag = False,
    budget: Annotated[
        Path | None,
        typer.Option("--budget", help="决算：与同一单位当年的预算公开文件核对决算所列的年初预算数"),
    ] = None,
) -> None:
    """检查预算公开文件：勾稽关系、表间关系、说明中的数字、科目编码、完整性。

    给出多个文件时，同一单位、年度、类型的说明文件和报表文件合并为一份检查，其余文件逐份检查、分别报告。

    部门预算与所属单位核对：yusuan check 部门.pdf --units 单位1.pdf 单位2.pdf …（或单位文件夹），
    部门各表每一行须等于各单位同一行之和，不等时指出差额出在哪个单位。

    决算与当年预算核对：yusuan check 决算.pdf --budget 预算.pdf，决算所列每个年初预算数须等于预算公开的同一行。

    退出码 0：没有错误；1：发现错误（多份时任一份）；2：输入无法读取；3：内部错误。
    """
    from yusuan.audit import check_files
    from yusuan.check import render_reports
    from yusuan.render.files import check_output_file, write_file

    if format not in ("terminal", "json", "html"):
        raise InputError("--format", f"未知报告格式 {format!r}；可选：terminal、json、html")
    files = distinct(files)  # the same file given twice is one file, checked and reported once
    for path in files:
        if not (units and path is not files[0] and path.is_dir()):  # a unit may be given as a folder
            input_file(path)
    if out is not None:
        not_an_input(out, files, "-o")
        check_output_file(out, "-o")
    if annotate is not None:
        if not any(f.suffix.lower() == ".pdf" for f in files):
            raise InputError("--annotate", "只有 PDF 文件可以标注")
        not_an_input(annotate, files, "--annotate")
        check_output_file(annotate, "--annotate")
        if annotate.suffix.lower() != ".pdf":
            raise InputError(str(annotate), "--annotate 写出的是 PDF，文件名须以 .pdf 结尾")
    if budget is not None:
        input_file(budget)
        if units:
            raise InputError("--budget", "--budget 与 --units 不能同时使用")
    if units:
        from yusuan.audit import check_department

        department, unit_paths = _department_and_units(files, units, "")
        checked = [
            check_department(department, unit_paths, select=_codes(select), ignore=_codes(ignore), profile=profile)
        ]
    elif budget is not None:
        from yusuan.audit import check_final_with_budget

        checked = [
            check_final_with_budget(files, budget, select=_codes(select), ignore=_codes(ignore), profile=profile)
        ]
    else:
        checked = check_files(files, select=_codes(select), ignore=_codes(ignore), profile=profile)
    reports = [c.report for c in checked]
    if annotate is not None:
        if len(checked) > 1:
            raise InputError("--annotate", "这些文件不是同一份公开文件，已分别检查；标注请逐份进行（每次检查一份）")
        pdfs = [f for f in checked[0].files if f.suffix.lower() == ".pdf"]
        marked = _annotate(reports[0], checked[0].disclosure, pdfs, annotate)
        console(stderr=True).print(f"已在 {annotate} 中标注 {marked} 处问题", highlight=False)
    if format == "terminal" and out is None:
        from yusuan.check.report_terminal import headed, renderable

        for part in headed(reports) if len(reports) > 1 else [renderable(reports[0])]:
            console().print(part)
    else:
        text = render_reports(reports, format)  # type: ignore[arg-type]
        if out is None:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        else:
            write_file(out, text.encode("utf-8"))
    raise typer.Exit(code=0 if all(r.ok for r in reports) else 1)


def _annotate(report: Any, disclosure: Any, pdfs: list[Path], target: Path) -> int:
    """The marked copy, written beside `target` first and renamed over it only when complete."""
    import tempfile

    from yusuan.check.annotate import annotate_pdfs
    from yusuan.render.files import write_file

    with tempfile.TemporaryDirectory(prefix="yusuan-annotate-") as folder:
        draft = Path(folder) / "annotated.pdf"
        marked = annotate_pdfs(report, disclosure, pdfs, draft)
        write_file(target, draft.read_bytes())
    return marked


@app.command(cls=ChineseCommand)
@user_errors
def extract(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            help="已公开的预算公开文件（.pdf/.docx/.xlsx/.xls/.txt/.html；同一份的说明和报表可一起给出）",
        ),
    ],
    out: Annotated[Path, typer.Option("-o", "--out", help="输出文件：data.json 或 data.xlsx")] = Path("data.json"),
    template: Annotated[str | None, typer.Option("--template", help="地区模板编号（默认自动识别）")] = None,
) -> None:
    """把已公开的预算公开文件提取为结构化数据：JSON 或 Excel 工作簿。"""
    from yusuan.extract import write_json, write_xlsx
    from yusuan.extract.publications import read_publication
    from yusuan.render.files import check_output_file, write_file

    suffix = out.suffix.lower()
    if suffix not in (".json", ".xlsx"):
        raise InputError(str(out), "输出文件须以 .json 或 .xlsx 结尾")
    files = distinct(files)
    for path in files:
        input_file(path)
    not_an_input(out, files, "-o")
    check_output_file(out, "-o")
    publication = read_publication(list(files), template_id=template)
    disclosure, problems = publication.disclosure, publication.problems
    content = write_json(disclosure).encode("utf-8") if suffix == ".json" else write_xlsx(disclosure)
    written = write_file(out, content)
    tables = "、".join(t.number for t in disclosure.tables) or "无"
    console().print(f"{disclosure.meta.unit} {disclosure.meta.year}：表 {tables}；{len(problems)} 处未能读取")
    console().print(f"  已写入 {written}")


@app.command(cls=ChineseCommand)
@user_errors
def batch(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH...", help="要检查的文件或文件夹（文件夹内逐层查找 .pdf/.docx/.xlsx/.txt/.html）"),
    ],
    db: Annotated[Path, typer.Option("--db", help="结果数据库（DuckDB 文件，没有则新建）")] = Path("yusuan.duckdb"),
    workers: Annotated[
        int | None, typer.Option("--workers", metavar="N", help="并行检查的进程数（默认：核数）")
    ] = None,
    again: Annotated[bool, typer.Option("--again", help="已检查完成的文件也重新检查（未完成的总会重新检查）")] = False,
    timeout: Annotated[
        float | None, typer.Option("--timeout", metavar="秒", help="每份文件的检查时间上限（默认 120）")
    ] = None,
    memory: Annotated[
        int | None, typer.Option("--memory", metavar="MB", help="每个检查进程的内存上限（默认 2048）")
    ] = None,
    dask: Annotated[
        str | None, typer.Option("--dask", metavar="地址", help="在 Dask 集群上检查：调度器地址，或 local（本机启动）")
    ] = None,
) -> None:
    """批量检查：逐份检查文件夹中的全部预算公开文件，结果写入数据库。

    每份文件在独立进程中检查，有时间和内存上限；无法读取或超时的文件记为一行原因，不影响其余文件。
    库中已检查完成的文件（按内容判断）跳过，除非给出 --again；超时、中止、出错或无法读取的文件下次运行时重新检查。
    中断后再次运行即从中断处继续。
    """
    from yusuan.batch.options import check_dask_address, check_limits, dask_executor
    from yusuan.batch.pool import BATCH_JOB, Limits
    from yusuan.limits import BATCH_JOB_SECONDS, BATCH_WORKER_MEMORY_MB

    check_limits(workers, timeout, memory)
    store_file(db, "--db", existing=False)
    if dask is not None:
        check_dask_address(dask)
    for path in paths:
        if not path.exists():
            raise InputError(str(path), "文件或文件夹不存在")
    limits = Limits(timeout or BATCH_JOB_SECONDS, (memory or BATCH_WORKER_MEMORY_MB) * 1024 * 1024)
    count = workers or usable_cpus()
    executor = None
    if dask is not None:
        executor = dask_executor(dask, count, limits, BATCH_JOB)
    try:
        usable = _batch_and_report(paths, db, count, limits, again, executor)
    finally:
        if executor is not None:
            executor.close()
    raise typer.Exit(code=0 if usable else 2)


def _batch_and_report(
    paths: list[Path], db: Path, workers: int, limits: Any, again: bool, executor: Any = None
) -> bool:
    """One batch with its progress bar and summary on stderr; whether any file at all could be checked."""
    from yusuan.batch.report import interrupted_line, progress_bar, summary_tables
    from yusuan.batch.run import BatchInterrupted, files_to_check, run_batch
    from yusuan.store import open_store

    files = files_to_check(paths)  # finding none is an error before the bar is drawn
    open_store(db).close()  # so is a store that cannot be opened: its error is the only line
    out = console(stderr=True)
    try:
        with progress_bar(out) as progress:
            summary = run_batch(
                paths,
                db,
                files=files,
                workers=workers,
                limits=limits,
                again=again,
                progress=progress,
                executor=executor,
                pages_progress=progress.pages,
            )
    except KeyboardInterrupt as stopped:
        out.print(interrupted_line(stopped.summary if isinstance(stopped, BatchInterrupted) else None, db))
        raise typer.Exit(code=INTERRUPTED) from None
    for table in summary_tables(summary):
        out.print(table)
    out.print(f"结果已写入 {db}", highlight=False)
    return not (summary.failures and len(summary.failures) == summary.documents)


@app.command(name="export", cls=ChineseCommand)
@user_errors
def export_store(
    db: Annotated[Path, typer.Option("--db", help="yusuan batch 写入的数据库")] = Path("yusuan.duckdb"),
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--out",
            help="输出文件（.csv/.parquet/.xlsx，默认 export.csv），或 --unit 时的输出文件夹（默认：单位名称+数据包）",
        ),
    ] = None,
    query: Annotated[str | None, typer.Option("--query", help="SQL 查询（一条 SELECT 语句，只读）")] = None,
    table: Annotated[
        str | None, typer.Option("--table", help="整张表：documents、files、tables、cells、findings")
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", help="导出此单位的金额为财政数据包（Fiscal Data Package）；与 --table 一起：只导出此单位的行"
        ),
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="与 --unit 或 --table 一起：只导出这一年度")] = None,
) -> None:
    """导出数据库中的数据：任意查询或整张表为 CSV、Parquet、Excel；一个单位的金额为财政数据包。"""
    from yusuan.store.export import run_export

    store_file(db, "--db", existing=True)
    console().print(run_export(db, out, query, table, unit, year), highlight=False)


@app.command(cls=ChineseCommand)
@user_errors
def serve(
    db: Annotated[Path, typer.Option("--db", help="yusuan batch 写入的数据库（只读打开）")] = Path("yusuan.duckdb"),
    host: Annotated[str, typer.Option("--host", help="监听地址（默认只允许本机访问）")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
) -> None:
    """网页浏览检查结果：文档、表格与问题、各单位历年数字，并可上传文件检查。

    数据库以只读方式打开；服务运行期间 yusuan batch 不能写入同一数据库。按 Ctrl-C 停止。
    """
    store_file(db, "--db", existing=True)
    if not 0 < port < 65536:
        raise InputError("--port", "端口须在 1 到 65535 之间")
    listen_address(host, port)
    from yusuan.web.serving import serve_until_stopped

    serve_until_stopped(db, host, port, console(stderr=True))


def _codes(value: str | None) -> list[str] | None:
    return [code.strip() for code in value.split(",") if code.strip()] if value else None
