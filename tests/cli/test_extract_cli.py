"""`yusuan extract`: a published document to JSON or an Excel workbook."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.conftest import FIXTURES, REFERENCE_TEXT
from yusuan.cli import app

runner = CliRunner()


def test_text_to_json(tmp_path: Path) -> None:
    out = tmp_path / "data.json"
    result = runner.invoke(app, ["extract", str(REFERENCE_TEXT), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["year"] == 2024
    assert [t["number"] for t in data["tables"]] == ["1", "2", "4", "5", "6", "7", "9", "10", "11"]
    t6 = next(t for t in data["tables"] if t["number"] == "6")
    total = next(r for r in t6["rows"] if r["key"] == "total")
    assert total["cells"]["total"]["value"] == "1346.00"


def test_pdf_to_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "data.xlsx"
    result = runner.invoke(app, ["extract", str(FIXTURES / "corpus" / "sh-gov-office-unit-2025.pdf"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(load_workbook(out).sheetnames) >= 9


def test_bad_output_suffix(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(REFERENCE_TEXT), "-o", str(tmp_path / "data.csv")])
    assert result.exit_code == 2
    assert not (tmp_path / "data.csv").exists()


def test_corrupt_pdf_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    result = runner.invoke(app, ["extract", str(bad), "-o", str(tmp_path / "x.json")])
    assert result.exit_code == 2
    assert str(bad) in result.output
