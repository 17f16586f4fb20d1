"""A path a command cannot use is refused with one line that names what the person typed and what is wrong
with it: the option or argument they gave (not `-o` for a command without it), a folder called a folder, a
file in the way named as a file; a store's error before any progress bar; a file given twice checked once."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES, REFERENCE_TEXT
from yusuan.cli import app

runner = CliRunner()
PDF = FIXTURES / "national" / "gz-xfj-2026.pdf"


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding a file `afile`, a folder `folder` and the reference text `k.txt`."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "k.txt").write_bytes(REFERENCE_TEXT.read_bytes())
    return tmp_path


def _refused(*argv: str) -> list[str]:
    result = runner.invoke(app, list(argv))
    assert result.exit_code == 2, result.output
    return result.output.splitlines()


FILE_IN_THE_WAY = "afile: 这是一个文件，不是文件夹；{} 给出的 {} 无法写在它下面"
STORE_IN_THE_WAY = "afile: 这是一个文件，不是文件夹；{} 给出的 afile/x.duckdb 无法放在它下面"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["template", "afile/x.xlsx"], FILE_IN_THE_WAY.format("参数 FILE", "afile/x.xlsx")),
        (["extract", "k.txt", "-o", "afile/x.json"], FILE_IN_THE_WAY.format("-o", "afile/x.json")),
        (["check", "k.txt", "-o", "afile/r.json"], FILE_IN_THE_WAY.format("-o", "afile/r.json")),
        (["check", "k.txt", "-o", "folder"], "folder: 这是一个文件夹，不是文件；-o 须给出一个文件名"),
        (["check", str(PDF), "--annotate", "folder"], "folder: 这是一个文件夹，不是文件；--annotate 须给出一个文件名"),
        (["check", str(PDF), "--annotate", "afile/a.pdf"], FILE_IN_THE_WAY.format("--annotate", "afile/a.pdf")),
    ],
)
def test_an_output_path_error_names_the_option_given(place: Path, argv: list[str], said: str) -> None:
    assert _refused(*argv) == [f"错误：{said}"]


def test_an_annotated_copy_must_be_named_pdf(place: Path) -> None:
    assert _refused("check", str(PDF), "--annotate", "marked.txt") == [
        "错误：marked.txt: --annotate 写出的是 PDF，文件名须以 .pdf 结尾"
    ]
    assert not (place / "marked.txt").exists()


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["batch", "k.txt", "--db", "afile/x.duckdb"], STORE_IN_THE_WAY.format("--db")),
        (
            ["batch", "k.txt", "--db", "folder"],
            "folder: 这是一个文件夹，不是数据库文件；--db 须给出一个数据库文件名（如 yusuan.duckdb）",
        ),
        (
            ["serve", "--db", "folder"],
            "folder: 这是一个文件夹，不是数据库文件；--db 须给出 yusuan batch 写入的 .duckdb 文件",
        ),
        (["serve", "--db", "afile/x.duckdb"], STORE_IN_THE_WAY.format("--db")),
        (["export", "--db", "afile/x.duckdb", "--table", "files"], STORE_IN_THE_WAY.format("--db")),
        (["demo", "--store", "afile/x.duckdb", "-o", "out"], STORE_IN_THE_WAY.format("--store")),
    ],
)
def test_a_store_path_error_says_what_the_path_is(place: Path, argv: list[str], said: str) -> None:
    assert _refused(*argv) == [f"错误：{said}"]
    assert not (place / "out").exists()  # the demo refuses its --store before it builds


def test_a_store_that_cannot_be_opened_is_the_batchs_only_line(place: Path) -> None:
    (place / "notes.duckdb").write_text("这不是数据库\n" * 100, encoding="utf-8")
    assert _refused("batch", "k.txt", "--db", "notes.duckdb") == [
        "错误：notes.duckdb: 不是 DuckDB 数据库文件；请用 --db 指定 yusuan batch 写入的 .duckdb 文件"
    ]


def test_the_same_file_given_twice_is_checked_once(place: Path) -> None:
    once = runner.invoke(app, ["check", "k.txt", "--format", "json"])
    twice = runner.invoke(app, ["check", "k.txt", "./k.txt", "k.txt", "--format", "json"])
    assert (twice.exit_code, twice.output) == (once.exit_code, once.output)
    assert once.output.startswith("{")  # one report, not a list of reports
    extracted = runner.invoke(app, ["extract", "k.txt", "k.txt", "-o", "k.json"])
    assert extracted.exit_code == 0, extracted.output


@pytest.mark.parametrize("name", ["a.pdf", "b.docx", "c.xlsx", "d.txt"])
def test_an_empty_file_is_said_to_be_empty_whatever_its_type(place: Path, name: str) -> None:
    (place / name).write_bytes(b"")
    assert _refused("check", name) == [f"错误：{name}: 文件是空的"]
