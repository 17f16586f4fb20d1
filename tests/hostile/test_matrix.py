"""The hostile-input matrix: each case is the real command on a crafted input.

Every case asserts the exit code, the one line on stderr (and its words),
time ≤ 5 s and peak memory ≤ 500 MB (every input here is under 1 MB), that
nothing was written outside the working folder's `out/`, and that no
temporary file or folder was left behind.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.harness import (
    EXAMPLE,
    MAX_MEMORY_MB,
    MAX_SECONDS,
    MAX_WALL_SECONDS,
    leftovers,
    measured,
    snapshot,
)

TEXT = Path(__file__).resolve().parents[1] / "fixtures" / "kizilsu-2024-party-committee-office-budget.txt"
PDF = Path(__file__).resolve().parents[1] / "fixtures" / "national" / "hz-gaj-2026.pdf"
NAME = "  name: 中共克孜勒苏柯尔克孜自治州委员会办公室"


def _example(old: str, new: str) -> bytes:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1).encode("utf-8")


def _alias_bomb() -> bytes:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        lines.append(f"a{level}: &a{level} [{','.join([f'*a{level - 1}'] * 9)}]")
    return ("\n".join(lines) + "\n").encode()


def _zip_bomb(kind: str) -> bytes:
    """A small archive with one part that would inflate to 150 MB of zeros."""
    import io

    buffer = io.BytesIO()
    part = "xl/worksheets/sheet1.xml" if kind == "xlsx" else "word/document.xml"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(part, "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(150):
                member.write(chunk)
    return buffer.getvalue()


def _tall_sheet(rows: int) -> bytes:
    """A workbook whose one sheet has more filled rows than yusuan reads (compressed: about 400 KB)."""
    import io

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("收入支出")
    for index in range(rows):
        sheet.append([index, "x", 1])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class Case:
    args: list[str]  # `{input}` is replaced by the input file's name
    files: dict[str, bytes]  # written into the working folder first
    code: int
    words: tuple[str, ...]  # all in the one stderr line (exit 2/3) or in stdout (exit 0/1)


def _cases() -> dict[str, Case]:
    build_html = ["build", "budget.yaml", "-o", "out", "--format", "html"]
    return {
        "yaml alias bomb": Case(build_html, {"budget.yaml": _alias_bomb()}, 2, ("别名", "200,000")),
        "yaml nested 600 deep": Case(
            build_html, {"budget.yaml": b"a: " + b"[" * 600 + b"]" * 600 + b"\n"}, 2, ("嵌套过深", "budget.yaml:1")
        ),
        "unit name is a path": Case(
            [*build_html[:-1], "html,xlsx"], {"budget.yaml": _example(NAME, "  name: ../../x/y")}, 0, ("已写入",)
        ),
        "unit name with NUL, slash and line break": Case(
            build_html, {"budget.yaml": _example(NAME, '  name: "a/b\\0c\\nd\\\\e"')}, 0, ("已写入",)
        ),
        "unit name of 2,000 characters": Case(
            build_html, {"budget.yaml": _example(NAME, "  name: " + "很" * 2000)}, 2, ("单位名称过长", "200")
        ),
        "amount of 28 digits": Case(
            build_html,
            {"budget.yaml": _example('amount: "241.47"', 'amount: "1234567890123456789012345678.00"')},
            2,
            ("金额过大", "15 位有效数字", "budget.yaml:"),
        ),
        "control characters in a text field": Case(
            ["build", "budget.yaml", "-o", "out", "--format", "xlsx,docx"],
            {"budget.yaml": _example("  - 安排各类会议会务、公务接待。", '  - "安排\\x07各类\\x0b会议\\x00"')},
            0,
            ("已写入",),
        ),
        "-o names a file": Case(
            ["build", str(EXAMPLE), "-o", "out", "--format", "html"], {"out": b"x"}, 2, ("这是一个文件", "-o")
        ),
        "input is a folder": Case(["check", "."], {}, 2, ("这是一个文件夹",)),
        "input does not exist": Case(["check", "nothing.pdf"], {}, 2, ("文件不存在",)),
        "zip bomb named .xlsx": Case(["check", "bomb.xlsx"], {"bomb.xlsx": _zip_bomb("xlsx")}, 2, ("压缩炸弹",)),
        "zip bomb named .docx": Case(["check", "bomb.docx"], {"bomb.docx": _zip_bomb("docx")}, 2, ("压缩炸弹",)),
        "not a zip named .docx": Case(["extract", "x.docx"], {"x.docx": b"PK\3\4 junk"}, 2, ("无法打开",)),
        "UTF-16 text with BOM": Case(
            ["extract", "doc.txt", "-o", "out/data.json"],
            {"doc.txt": TEXT.read_text(encoding="utf-8").encode("utf-16")},
            0,
            ("表 1",),
        ),
        "report written over its input": Case(
            ["check", "doc.txt", "--format", "json", "-o", "doc.txt"],
            {"doc.txt": TEXT.read_bytes()},
            2,
            ("就是输入文件",),
        ),
        "annotation written over its input": Case(
            ["check", "doc.pdf", "--annotate", "doc.pdf"], {"doc.pdf": PDF.read_bytes()}, 2, ("就是输入文件",)
        ),
        "sheet of 20,100 rows": Case(
            ["check", "tall.xlsx"], {"tall.xlsx": _tall_sheet(20_100)}, 2, ("20,000", "未读取")
        ),
        "unknown format": Case(["build", str(EXAMPLE), "-o", "out", "--format", "exe"], {}, 2, ("未知格式",)),
        "version": Case(["--version"], {}, 0, ("yusuan",)),
    }


CASES = _cases()


@pytest.mark.parametrize("name", CASES, ids=list(CASES))
def test_hostile_input(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    work = tmp_path / "work"
    work.mkdir()
    for file_name, content in case.files.items():
        (work / file_name).write_bytes(content)
    before = snapshot(tmp_path)
    result = measured(case.args, work)
    assert result.code == case.code, (result.stdout, result.stderr)
    if case.code >= 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("错误："), lines[0]
        assert "Traceback" not in result.stderr
        shown = lines[0]
    else:
        shown = result.stdout
    for words in case.words:
        assert words in shown, shown
    assert result.cpu_seconds <= MAX_SECONDS, result
    assert result.seconds <= MAX_WALL_SECONDS, result
    assert result.memory_mb <= MAX_MEMORY_MB, result.memory_mb
    new = {p for p in snapshot(tmp_path) - before if p.parts[:2] != ("work", "out")}
    assert not new, new
    assert not leftovers(tmp_path)


def test_a_unit_named_like_a_path_stays_in_out(tmp_path: Path) -> None:
    (tmp_path / "budget.yaml").write_bytes(_example(NAME, "  name: ../../x/y"))
    result = measured(["build", "budget.yaml", "-o", "a/b/out", "--format", "html"], tmp_path)
    assert result.code == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "a" / "b" / "out").iterdir())
    assert written == ["_.._x_y-2024-单位预算公开.html"]
    assert {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*")} == {"a", "budget.yaml"}
