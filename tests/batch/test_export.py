"""`yusuan export --query`: any SELECT that exports to one format exports to all; values Excel and CSV cannot
hold are written as text; DuckDB's errors said in Chinese."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from yusuan.errors import InputError
from yusuan.store import export, open_store, store_record
from yusuan.store.export import export_query

from .test_store import _record


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.duckdb"
    connection = open_store(path)
    store_record(connection, _record())
    connection.close()
    return path


def test_more_rows_than_a_worksheet_holds_are_refused_and_nothing_is_written(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "EXCEL_MAX_ROWS", 3)  # the header and two rows
    assert export_query(db, "SELECT label FROM cells", tmp_path / "two.xlsx") == 2
    out = tmp_path / "three.xlsx"
    with pytest.raises(InputError) as refused:
        export_query(db, "SELECT * FROM range(3)", out)
    assert str(refused.value) == (
        f"{out}: 查询结果超过 Excel 工作表的行数上限（2 行数据加一行表头）；请导出为 .csv 或 .parquet"
    )
    assert not out.exists()
    assert export_query(db, "SELECT * FROM range(3)", tmp_path / "three.csv") == 3


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT label, amount FROM cells ORDER BY row_index;",
        "SELECT label, amount FROM cells ORDER BY row_index -- a note",
        "SELECT label, amount FROM cells ORDER BY row_index; -- a note\n",
        "SELECT label, amount FROM cells ORDER BY row_index ;;  \n",
        "/* why */ SELECT label, amount FROM cells ORDER BY row_index",
    ],
)
def test_what_exports_to_csv_exports_to_parquet(db: Path, tmp_path: Path, sql: str) -> None:
    assert export_query(db, sql, tmp_path / "c.csv") == 2
    assert export_query(db, sql, tmp_path / "c.parquet") == 2
    rows = duckdb.connect().execute("SELECT * FROM read_parquet(?)", [str(tmp_path / "c.parquet")]).fetchall()
    assert [row[0] for row in rows] == ['=HYPERLINK("http://x")', "基本工资"]


def test_a_semicolon_inside_a_string_is_kept(db: Path, tmp_path: Path) -> None:
    assert export_query(db, "SELECT 'a; -- b' AS s", tmp_path / "s.parquet") == 1
    rows = duckdb.connect().execute("SELECT s FROM read_parquet(?)", [str(tmp_path / "s.parquet")]).fetchall()
    assert rows == [("a; -- b",)]


def test_an_amount_is_written_with_every_digit_the_query_gives_it(db: Path, tmp_path: Path) -> None:
    """The store keeps six decimals; a query can compute more (DECIMAL(38, 6) * 1.5 is DECIMAL(38, 7)): none is
    rounded away (the CSV wrote 1851.851836 when it stopped at six), trailing zeros past the cents are dropped."""
    sql = "SELECT 1234.567891::DECIMAL(38, 6) * 1.5 AS x, 1234.500000::DECIMAL(38, 6) AS y, 0::DECIMAL(38, 6) AS z"
    export_query(db, sql, tmp_path / "x.csv")
    assert (tmp_path / "x.csv").read_text("utf-8-sig").splitlines() == ["x,y,z", "1851.8518365,1234.50,0.00"]


NESTED = (
    "SELECT [1.5::DECIMAL(10, 2), 2] AS l, {'a': 1, 'b': 'x\"y'} AS s, 'abc'::BLOB AS b, [{'k': NULL, 'v': true}] AS m"
)


def test_lists_structs_and_binary_data_are_written_as_text(db: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    export_query(db, NESTED, tmp_path / "n.csv")
    assert (tmp_path / "n.csv").read_text("utf-8-sig").splitlines() == [
        "l,s,b,m",
        '"[1.50, 2.00]","{""a"": 1, ""b"": ""x\\""y""}",（二进制数据，3 字节）,"[{""k"": null, ""v"": true}]"',
    ]
    export_query(db, NESTED, tmp_path / "n.xlsx")
    sheet = load_workbook(tmp_path / "n.xlsx").active
    assert [cell.value for cell in sheet[2]] == [
        "[1.50, 2.00]",
        '{"a": 1, "b": "x\\"y"}',
        "（二进制数据，3 字节）",
        '[{"k": null, "v": true}]',
    ]


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("DELETE FROM cells", "只能执行查询语句（SELECT），不能执行 DELETE 语句"),
        ("COPY cells TO '/dev/null'", "只能执行查询语句（SELECT），不能执行 COPY 语句"),
        ("SELECT 1; SELECT 2", "只能执行一条查询语句（这里有 2 条）"),
        ("SELECT *\nFRO cells", "语法错误，在 “cells” 附近（第 2 行）"),
        ("SELECT * FROM nope", "没有这张表：nope"),
        ("SELECT nope FROM files", "没有这一列：nope（可用的列：name、document_id）"),  # DuckDB's nearest names
        ("SELECT sum(label) FROM cells", "函数的参数类型不符：sum(VARCHAR)（可能需要用 CAST 转换类型）"),
        ("SELECT CAST('a' AS INTEGER)", "类型转换失败（值无法转换为所需类型：a → INT32）"),
        # a query reads the store only: another file on the machine is not exported
        ("SELECT * FROM read_csv('/etc/passwd')", "查询只能读取数据库中的表，不能读取或写入其他文件"),
        ("SELECT * FROM read_text('/etc/hostname')", "查询只能读取数据库中的表，不能读取或写入其他文件"),
    ],
)
def test_query_errors_say_in_chinese_what_kind_they_are(db: Path, tmp_path: Path, sql: str, reason: str) -> None:
    for suffix in (".csv", ".parquet", ".xlsx"):
        with pytest.raises(InputError) as refused:
            export_query(db, sql, tmp_path / f"x{suffix}")
        assert str(refused.value) == f"--query: 查询无法执行：{reason}"
        assert not (tmp_path / f"x{suffix}").exists()
