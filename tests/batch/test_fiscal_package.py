"""`yusuan export --unit`: a Fiscal Data Package whose lines say which document, table, row and column each amount
is from, so that amounts that must not be added can be told apart; `--table` with `--unit`/`--year`."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from yusuan.cli import app
from yusuan.errors import InputError
from yusuan.store import open_store, store_record
from yusuan.store.export import export_fiscal_package, run_export
from yusuan.store.fiscal_package import DIMENSION_TYPES
from yusuan.store.records import FileRecord

from .test_store import _record

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.duckdb"
    connection = open_store(path)
    store_record(connection, _record())
    final = dataclasses.replace(
        _record(), files=(FileRecord("/docs/b.pdf", "cd" * 32, 10),), year=2025, kind="department_final_accounts"
    )
    store_record(connection, final)
    connection.close()
    return path


def _check_structure(package: dict[str, Any]) -> None:
    """The Fiscal Data Package specification's model: measures with a source field and a currency; dimensions
    with a dimensionType, attributes drawn from fields and a primary key among them."""
    fields = {field["name"] for field in package["resources"][0]["schema"]["fields"]}
    assert package["profile"] == "fiscal-data-package"
    for measure in package["model"]["measures"].values():
        assert measure["source"] in fields and measure["currency"] == "CNY"
    for dimension in package["model"]["dimensions"].values():
        assert dimension["dimensionType"] in DIMENSION_TYPES
        assert {attribute["source"] for attribute in dimension["attributes"].values()} <= fields
        key = dimension["primaryKey"]
        assert set(key if isinstance(key, list) else [key]) <= set(dimension["attributes"])


def test_a_final_accounts_package_keeps_documents_tables_rows_and_columns_apart(db: Path, tmp_path: Path) -> None:
    assert export_fiscal_package(db, "测试单位", 2025, tmp_path / "fdp") == 2
    package = json.loads((tmp_path / "fdp" / "datapackage.json").read_text("utf-8"))
    _check_structure(package)
    assert package["title"] == "测试单位 2025年决算公开数据"
    assert package["description"].startswith("同一金额在不同文件、表和栏目中重复出现，不可直接相加")
    assert package["fiscalPeriod"] == {"start": "2025-01-01", "end": "2025-12-31"}
    dimensions = package["model"]["dimensions"]
    assert dimensions["document"]["attributes"] == {
        "id": {"source": "document_id"},
        "kind": {"source": "document_kind"},
        "phase": {"source": "phase"},
    }
    assert dimensions["column"]["attributes"]["total_column"] == {"source": "total_column"}
    assert dimensions["row"]["attributes"]["total_row"] == {"source": "total_row"}
    lines = (tmp_path / "fdp" / "data.csv").read_text("utf-8-sig").splitlines()
    assert lines[0] == (
        "unit,year,document_id,document_kind,phase,table_number,table_kind,table_title,side,row_key,code,label,"
        "code_level,total_row,column_key,total_column,amount,money_unit,amount_yuan,functional_code,economic_code"
    )
    assert lines[1] == (
        '测试单位,2025,2,department_final_accounts,决算,5,general_budget,一般公共预算支出表,,2010101,2010101,"=HYPERLINK(""http://x"")",'
        "项,False,total,True,1234.50,万元,12345000.00,2010101,"
    )


def test_budget_and_final_accounts_together_are_titled_both(db: Path, tmp_path: Path) -> None:
    export_fiscal_package(db, "测试单位", None, tmp_path / "all")
    package = json.loads((tmp_path / "all" / "datapackage.json").read_text("utf-8"))
    assert package["title"] == "测试单位预决算公开数据"
    assert "fiscalPeriod" not in package
    export_fiscal_package(db, "测试单位", 2026, tmp_path / "budget")
    assert json.loads((tmp_path / "budget" / "datapackage.json").read_text("utf-8"))["title"] == (
        "测试单位 2026年预算公开数据"
    )


def test_without_o_the_package_folder_is_named_after_the_unit(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "--db", str(db), "--unit", "测试单位", "--year", "2026"])
    assert result.exit_code == 0
    assert result.output.strip() == "已写入 测试单位2026数据包/datapackage.json 和 data.csv（2 行）"
    assert (tmp_path / "测试单位2026数据包" / "data.csv").is_file()
    assert not (tmp_path / "export.csv").exists()


def test_cells_come_with_their_money_unit_and_year_and_unit_select_rows(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "cells.csv"
    assert run_export(db, out, None, "cells", None, 2025) == f"已写入 {out}（2 行）"
    lines = out.read_text("utf-8-sig").splitlines()
    assert (
        lines[0] == "document_id,table_index,row_index,side,row_key,code,label,column_key,amount,page,line,money_unit"
    )
    assert lines[2] == "2,0,1,,30101,30101,基本工资,total,0.01,7,,万元"
    assert run_export(db, out, None, "cells", None, 2024) == f"已写入 {out}（0 行）"
    assert run_export(db, out, None, "documents", "测试单位", 2026) == f"已写入 {out}（1 行）"
    assert run_export(db, out, None, "findings", "别的单位", None) == f"已写入 {out}（0 行）"


def test_year_or_unit_with_a_query_is_refused(db: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError) as refused:
        run_export(db, tmp_path / "q.csv", "SELECT 1", None, None, 2025)
    assert str(refused.value) == "--year: 不能与 --query 一起使用；请在查询中写条件（如 WHERE year = 2024）"
    assert not (tmp_path / "q.csv").exists()


def test_the_package_folder_is_a_safe_file_name_made_as_documents_names_are() -> None:
    from yusuan.store.fiscal_package import package_folder

    assert package_folder("某局/办公室:一科", 2026) == Path("某局_办公室_一科2026数据包")
    assert package_folder("CON", None) == Path("_CON数据包")  # a Windows device name is not a folder name
    assert package_folder(" \t", 2025) == Path("单位2025数据包")
    assert len(str(package_folder("很长的单位名称" * 40, 2026))) <= 100
