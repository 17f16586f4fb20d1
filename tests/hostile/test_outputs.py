"""Output stays where it is sent, whole, as data: write failures, formulas, slugs, exit codes."""

from __future__ import annotations

import errno
import stat
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.hostile.harness import EXAMPLE, leftovers
from yusuan.cli import app
from yusuan.errors import InputError
from yusuan.render.files import safe_stem, write_build, write_file

runner = CliRunner()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../x/y", "_.._x_y"),
        ("a\0b\nc", "a b c"),
        ("..", "预算公开"),
        ("CON", "_CON"),
        ("很" * 100, "很" * 60),
    ],
)
def test_safe_stem(name: str, expected: str) -> None:
    assert safe_stem(name) == expected


def test_a_read_only_output_folder_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(out), "--format", "html"])
    finally:
        out.chmod(stat.S_IRWXU)
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"错误：{out}: 输出文件夹是只读的，无法写入"]
    assert not list(out.iterdir())


def test_a_full_disk_is_one_line_and_leaves_the_previous_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    write_build(out, {"a.html": b"old"})

    def full(self: Path, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(InputError, match="磁盘空间不足"):
        write_build(out, {"a.html": b"new", "a.pdf": b"new"})
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {"a.html": b"old"}
    assert not leftovers(tmp_path)


def test_a_build_keeps_other_files_and_replaces_its_own(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    first = write_build(out, {"a.html": b"one"})
    kept = first["html"].stat().st_ino
    write_build(out, {"a.html": b"two"})
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "a.html").read_bytes() == b"two"
    assert kept != (out / "a.html").stat().st_ino
    assert not leftovers(tmp_path)


def test_write_file_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="这是一个文件夹"):
        write_file(tmp_path, b"x")


def test_an_internal_error_is_one_line_and_exit_3(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("yusuan.pipeline.render_all", broken)
    monkeypatch.delenv("YUSUAN_DEBUG", raising=False)
    result = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(tmp_path / "out"), "--format", "html"])
    assert result.exit_code == 3
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "内部错误（RuntimeError）" in lines[0] and "--debug" in lines[0]
    assert not (tmp_path / "out").exists()


def test_excel_output_holds_no_formula(tmp_path: Path) -> None:
    """The demo's texts `=59人`, `=100%` and a planted `=HYPERLINK(…)` stay text."""
    from yusuan.compile import compile_budget
    from yusuan.inputs import load_budget
    from yusuan.render.xlsx import render_xlsx

    disclosure = compile_budget(load_budget(EXAMPLE))
    planted = disclosure.model_copy(
        update={"meta": disclosure.meta.model_copy(update={"unit": '=HYPERLINK("http://x","y")'})}
    )
    path = tmp_path / "t.xlsx"
    path.write_bytes(render_xlsx(planted))
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in xml for xml in sheets)
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    texts = [c.value for ws in workbook.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("=HYPERLINK") for t in texts)
    assert any(t.startswith("=") and not t.startswith("=HYPERLINK") for t in texts)  # the demo's own `=59人`
    assert all(c.data_type != "f" for ws in workbook.worksheets for row in ws.iter_rows() for c in row)


def test_excel_amounts_are_exact(tmp_path: Path) -> None:
    from decimal import Decimal

    from openpyxl import load_workbook

    from yusuan.compile import compile_budget
    from yusuan.inputs import load_budget
    from yusuan.render.xlsx import render_xlsx

    path = tmp_path / "t.xlsx"
    path.write_bytes(render_xlsx(compile_budget(load_budget(EXAMPLE))))
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet2.xml").decode()
    assert "<v>1394.25</v>" in xml
    assert Decimal(str(load_workbook(path).worksheets[1]["D6"].value)) == Decimal("1394.25")
