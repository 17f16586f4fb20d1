"""A department's document against its units' documents in the store, after a batch (`store.cross_department`)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from yusuan.batch.pool import Limits
from yusuan.batch.run import run_batch
from yusuan.compile import compile_budget
from yusuan.inputs import load_budget
from yusuan.pipeline import render_all
from yusuan.store import open_store

DEPARTMENT = FIXTURES / "department"
LIMITS = Limits(seconds=60, memory_bytes=2048 * 1024 * 1024)
FILES = {
    "部门": "department.yaml",
    "本级": "本级.yaml",
    "信息中心": "信息中心.yaml",
    "土地储备中心": "土地储备中心.yaml",
}


def _publish(folder: Path, changed: dict[str, str] | None = None) -> Path:
    """The department's and its units' documents as web pages; `changed`: a unit's YAML text replaced."""
    folder.mkdir()
    for key, name in FILES.items():
        source = DEPARTMENT / name
        if changed and key in changed:
            source = folder.parent / name
            source.write_text(changed[key], encoding="utf-8")
        (folder / f"{key}.html").write_bytes(render_all(compile_budget(load_budget(source)), ("html",))["html"])
    return folder


def _findings(db: Path) -> list[tuple[object, ...]]:
    connection = open_store(db)
    try:
        return connection.execute(
            "SELECT d.unit, d.kind, f.code, f.severity, f.table_number, f.row_key, f.column_key, f.expected, f.actual,"
            " r.unit FROM findings f JOIN documents d ON d.id = f.document_id"
            " LEFT JOIN documents r ON r.id = f.related_document_id"
            " WHERE f.code LIKE 'department-unit-%' ORDER BY f.table_number, f.row_key, f.column_key"
        ).fetchall()
    finally:
        connection.close()


def test_a_department_and_its_units_in_the_store_agree(tmp_path: Path) -> None:
    folder = _publish(tmp_path / "published")
    summary = run_batch([folder], tmp_path / "s.duckdb", workers=1, limits=LIMITS)
    assert summary.department_vs_units == 0
    assert _findings(tmp_path / "s.duckdb") == []
    connection = open_store(tmp_path / "s.duckdb")
    listed = connection.execute("SELECT name FROM document_units ORDER BY unit_index").fetchall()
    connection.close()
    assert listed == [("本级",), ("示例市国土资源信息中心",), ("示例市土地储备中心",)]


def test_a_changed_unit_figure_is_found_at_the_department_line_naming_the_unit(tmp_path: Path) -> None:
    text = (DEPARTMENT / "土地储备中心.yaml").read_text(encoding="utf-8")
    assert 'project: 土地征收补偿, amount: "2400.00"' in text
    changed = text.replace('project: 土地征收补偿, amount: "2400.00"', 'project: 土地征收补偿, amount: "2500.00"')
    folder = _publish(tmp_path / "published", {"土地储备中心": changed})
    summary = run_batch([folder], tmp_path / "s.duckdb", workers=1, limits=LIMITS)
    found = _findings(tmp_path / "s.duckdb")
    assert summary.department_vs_units == len(found) > 0
    line = [f for f in found if f[5] == "2120801" and f[4] == "8"]
    assert line, found
    unit, kind, code, severity, _table, _row, _column, expected, actual, related = line[0]
    assert (unit, kind, code) == ("示例市自然资源和规划局", "department_budget", "department-unit-sum")
    assert severity == "error"
    assert (Decimal(expected), Decimal(actual)) == (Decimal("2500.00"), Decimal("2400.00"))
    assert related == "示例市土地储备中心"


def test_units_the_store_does_not_hold_whole_are_not_compared(tmp_path: Path) -> None:
    folder = _publish(tmp_path / "published")
    (folder / "信息中心.html").unlink()  # one listed unit missing: the department is not checked against a part
    summary = run_batch([folder], tmp_path / "s.duckdb", workers=1, limits=LIMITS)
    assert summary.department_vs_units == 0 and _findings(tmp_path / "s.duckdb") == []


@pytest.mark.parametrize(
    ("sentence", "members"),
    [
        ("纳入示例市自然资源和规划局2026年部门预算编制范围的单位共3个，包括：示例市自然资源和规划局本级、"
         "示例市国土资源信息中心、示例市土地储备中心。", ("本级", "示例市国土资源信息中心", "示例市土地储备中心")),
    ],
)  # fmt: skip
def test_the_compiled_sentence_is_read(sentence: str, members: tuple[str, ...]) -> None:
    from yusuan.extract.composition import member_units

    assert member_units([sentence]) == members
