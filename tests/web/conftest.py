"""A small store for the web tests: two real documents, a truncated PDF, and a synthetic unit over two years."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from yusuan.batch.pool import Limits
from yusuan.batch.run import run_batch
from yusuan.store import PublicationRecord, open_store, store_record
from yusuan.store.records import CellRecord, FileRecord, FindingRecord, StaffingRecord, TableRecord

LIMITS = Limits(seconds=120, memory_bytes=2048 * 1024 * 1024)
UNIT = "测试市示例局"


def _unit_year(year: int, income: str, basic: str, project: str, three: str) -> PublicationRecord:
    total = Decimal(income)
    tables = (
        TableRecord(0, "1", "income_expenditure_summary", "收支预算总表", "万元", 3, None),
        TableRecord(1, "3", "expenditure_summary", "支出预算总表", "万元", 5, None),
        TableRecord(2, "9", "three_public", "“三公”经费支出预算表", "元", 9, None),
    )
    cells = (
        CellRecord(0, 0, "income", "income.general_public_budget", None, "一般公共预算拨款", "amount", total, 3),
        CellRecord(0, 1, "expenditure", "201", "201", "一般公共服务支出", "amount", total, 3),
        CellRecord(0, 2, "income", "total", None, "收入总计", "amount", total, 3),
        CellRecord(0, 3, "expenditure", "total", None, "支出总计", "amount", total, 3),
        CellRecord(1, 0, None, "total", None, "合计", "total", total, 5),
        CellRecord(1, 0, None, "total", None, "合计", "basic", Decimal(basic), 5),
        CellRecord(1, 0, None, "total", None, "合计", "project", Decimal(project), 5),
        CellRecord(2, 0, None, "total", None, "合计", "total", Decimal(three), 9),
    )
    finding = FindingRecord(
        0, "expenditure-columns", "error", "支出总表“合计”行：合计不等于基本支出与项目支出之和",
        None, "3", "expenditure_summary", None, "total", "project", 5, None, "1.00", "2.00", None,
    )  # fmt: skip
    return PublicationRecord(
        files=(FileRecord(f"/data/{year}.pdf", f"{year:064d}", 100),),
        status="checked",
        unit=UNIT,
        region="测试省 测试市",
        year=year,
        kind="department_budget",
        level="市级",
        profile="default",
        pages=10,
        tables=tables,
        cells=cells,
        findings=(finding,) if year == 2024 else (),
        staffing=StaffingRecord(40, 32, 8, 1) if year == 2024 else None,  # 编制 40, 在职 32, 退休 8, 离休 1
    )


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("documents")
    for name in ("huz-tyjr-2026.pdf", "gz-xfj-2026.pdf"):
        shutil.copy(FIXTURES / "national" / name, folder)
    (folder / "truncated.pdf").write_bytes((FIXTURES / "national" / "cq-xcb-2026.pdf").read_bytes()[:3000])
    db = tmp_path_factory.mktemp("store") / "web.duckdb"
    summary = run_batch([folder], db, workers=1, limits=LIMITS)
    assert dict(summary.by_status) == {"checked": 2, "refused": 1}
    connection = open_store(db)
    try:
        store_record(connection, _unit_year(2023, "1200.50", "1000.25", "200.25", "35000.00"))
        store_record(connection, _unit_year(2024, "1500.00", "1100.00", "400.00", "30000.00"))
    finally:
        connection.close()
    return db


@pytest.fixture(scope="session")
def client(store: Path):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from yusuan.web.app import create_app

    return TestClient(create_app(store))


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[str]:
    """The app over the shared store under uvicorn on a free port (browser and socket tests), one per module."""
    from tests.web.browser import served
    from yusuan.web.app import create_app

    app = create_app(store)
    with served(app) as address:
        yield address
    app.state.page_images.renderer.close()
