"""A PDF cut short whose page count MuPDF cannot give ("Invalid number of pages") is refused, not an internal error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from yusuan.errors import InputError
from yusuan.extract.pdf_open import open_pdf

CUT = "PDF 文件不完整（可能被截断）或已损坏，无法读取"


@pytest.mark.parametrize(
    "source",
    ["corpus/sh-finance-unit-2025.pdf", "corpus/js-rd-2017.pdf", "national/gz-xfj-2026.pdf",
     "final-accounts/foshan-rail-2019-final.pdf"],
)  # fmt: skip
def test_a_pdf_cut_after_3000_bytes_is_refused_as_cut(source: str, tmp_path: Path) -> None:
    cut = tmp_path / "cut.pdf"
    cut.write_bytes((FIXTURES / source).read_bytes()[:3000])
    with pytest.raises(InputError) as refused:
        open_pdf(cut, 600)
    assert str(refused.value) == f"{cut}: {CUT}"


def test_the_check_command_says_so_in_one_line_and_exits_2(tmp_path: Path) -> None:
    cut = tmp_path / "cut.pdf"
    cut.write_bytes((FIXTURES / "corpus" / "sh-finance-unit-2025.pdf").read_bytes()[:3000])
    run = subprocess.run(
        [sys.executable, "-m", "yusuan", "check", str(cut)], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 2 and run.stderr.strip() == f"错误：{cut}: {CUT}"
