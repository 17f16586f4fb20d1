"""The built-in 决算 example, compiled and printed as PDF, reads back whole and checks clean.

`examples/foshan-rail-2019-final/final.yaml` compiled to its nine 决算 tables, rendered by `render_pdf` and
read back: every table is found, no reading notice is raised (the 类/款/项 code columns, the 三公 table
printed down the rows, 本年收入合计 beside 总计 are all read by the 决算 form), every table cell comes
back, and `yusuan check` finds no error and no warning.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from yusuan.check import run_checks
from yusuan.compile import compile_budget
from yusuan.extract import read_document
from yusuan.extract.problems import ReadProblem
from yusuan.inputs import load_budget
from yusuan.model import Disclosure
from yusuan.render.pdf import render_pdf

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "foshan-rail-2019-final" / "final.yaml"


@cache
def compiled() -> Disclosure:
    return compile_budget(load_budget(EXAMPLE))


@pytest.fixture(scope="module")
def read_back(tmp_path_factory: pytest.TempPathFactory) -> tuple[Disclosure, list[ReadProblem]]:
    path = tmp_path_factory.mktemp("final") / "final.pdf"
    path.write_bytes(render_pdf(compiled(), charts=[]))
    return read_document(path)


def test_compiled_final_reads_back_without_notices(read_back: tuple[Disclosure, list[ReadProblem]]) -> None:
    read, problems = read_back
    assert [t.kind for t in read.tables] == [t.kind for t in compiled().tables]
    assert [p.message for p in problems] == []
    assert all(t.doubt is None for t in read.tables)


def test_compiled_final_cells_come_back(read_back: tuple[Disclosure, list[ReadProblem]]) -> None:
    read, _ = read_back
    for table in compiled().tables:
        back = read.table(table.kind)
        assert back is not None
        for row in table.rows:
            found = back.row(row.key, row.side)
            assert found is not None, (table.kind, row.key)
            for column, cell in row.cells.items():
                assert found.amount(column) == (cell.value or 0), (table.kind, row.key, column)


def test_compiled_final_checks_without_errors_or_warnings(read_back: tuple[Disclosure, list[ReadProblem]]) -> None:
    read, problems = read_back
    report = run_checks(read, read_problems=problems)
    assert [(f.code, f.message) for f in report.findings if f.severity.value in ("error", "warning")] == []
