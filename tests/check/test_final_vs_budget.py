"""A 决算's 年初预算数 against the same unit's budget of the year: `yusuan check FINAL --budget BUDGET`, and the store.

The pair is built by yusuan itself: the built-in budget example (中共克孜勒苏柯尔克孜自治州委员会办公室 2024),
and the 佛山 决算 example recast as that unit's 2024 单位决算, its 三公 年初预算数 set to what the budget
publishes (公务接待费 60 万元, 公务用车运行费 70 万元, in 元 as the 决算 data keeps them), and its 年初预算 by
项 to what the budget's 一般公共预算支出表 prints (118.43 万元 for 2080505, 1,526.00 万元 in all).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from yusuan.batch.pool import Limits
from yusuan.batch.run import run_batch
from yusuan.check.phase import CODE, Figure, differences
from yusuan.cli import app
from yusuan.money import MoneyUnit
from yusuan.pipeline import build
from yusuan.store import open_store

ROOT = Path(__file__).resolve().parents[2]
UNIT = "中共克孜勒苏柯尔克孜自治州委员会办公室"
RECEPTION = '<td class="name">公务接待费</td><td class="amount">60.00</td><td class="amount">60.00</td>'


def _final(folder: Path, **changes: Any) -> Path:
    data = yaml.safe_load((ROOT / "examples/foshan-rail-2019-final/final.yaml").read_text(encoding="utf-8"))
    data.update(year="2024", kind="unit_final_accounts")
    data["unit"]["name"] = UNIT
    # the 项 the budget has too (2080505: 118.43 万元), the rest on a 项 it has not, so the total is its 1,526.00
    data["line_budgets"]["2080505"]["budget"] = "1184300"
    data["line_budgets"]["2140101"]["budget"] = "14075700"
    data["three_public"]["budget"] = {"abroad": "0", "reception": "600000", "vehicle_purchase": "0",
                                      "vehicle_operation": "700000"}  # fmt: skip
    for key, value in changes.items():
        if key == "unit_name":
            data["unit"]["name"] = value
        else:
            data[key] = value
    source = folder / "final.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return build(source, folder / "out", ("html",)).files["html"]


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The 决算, its budget as published, and the budget with 公务接待费 changed to 61.00."""
    root = tmp_path_factory.mktemp("phase")
    budget = build(ROOT / "examples/kizilsu-2024/budget.yaml", root / "budget", ("html",)).files["html"]
    text = budget.read_text(encoding="utf-8")
    assert text.count(RECEPTION) == 1
    changed = root / "changed" / "预算.html"
    changed.parent.mkdir()
    changed.write_text(text.replace(RECEPTION, RECEPTION.replace("60.00", "61.00")), encoding="utf-8")
    return _final(root / "final"), budget, changed


def _check(*args: str | Path) -> Any:
    return CliRunner().invoke(app, ["check", *map(str, args)])


def _findings(*args: str | Path) -> list[dict[str, Any]]:
    result = _check(*args, "--format", "json", "--select", CODE)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    findings: list[dict[str, Any]] = report["findings"]
    return findings


def test_a_final_that_prints_its_budget_as_published_gives_no_finding(pair: tuple[Path, Path, Path]) -> None:
    final, budget, _changed = pair
    assert _findings(final, "--budget", budget) == []


def test_a_changed_budget_figure_is_one_finding_at_the_line_with_both_places(pair: tuple[Path, Path, Path]) -> None:
    final, _budget, changed = pair
    [finding] = _findings(final, "--budget", changed)
    assert finding["code"] == CODE and finding["severity"] == "warning"
    assert (finding["expected"], finding["actual"], finding["difference"]) == ("61.00", "60.00", "-1.00")
    where, [there] = finding["location"], finding["related"]
    assert (where["table_kind"], where["row"], where["column"]) == ("three_public", "reception", "budget")
    assert (there["table_kind"], there["row"], there["column"]) == ("three_public", "reception", "total")
    assert where["line"] and there["line"]
    assert finding["message"].startswith("表7“公务接待费”年初预算数 60.00万元，而" + UNIT + "2024年预算公开表10")
    assert "为 61.00万元（差额 -1.00万元）" in finding["message"]


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"year": "2025"}, "预算是 2024 年的，决算是 2025 年的"),
        ({"unit_name": "克孜勒苏柯尔克孜自治州财政局"}, "只能与同一单位的预算核对"),
        ({"kind": "department_final_accounts"}, "部门与单位的文件不能相互核对"),
    ],
)
def test_a_budget_of_another_year_unit_or_level_is_refused(
    pair: tuple[Path, Path, Path], tmp_path: Path, changes: dict[str, str], words: str
) -> None:
    budget = pair[1]
    result = _check(_final(tmp_path, **changes), "--budget", budget)
    assert result.exit_code == 2
    assert words in result.output and len(result.output.strip().splitlines()) <= 2


def test_a_file_that_is_not_a_budget_is_refused(pair: tuple[Path, Path, Path], tmp_path: Path) -> None:
    final, budget, _changed = pair
    result = _check(final, "--budget", _final(tmp_path))
    assert result.exit_code == 2 and "不是预算公开文件" in result.output
    result = _check(budget, "--budget", final)
    assert result.exit_code == 2 and "这不是决算公开文件" in result.output
    text = tmp_path / "文字.txt"
    text.write_text("这是一段与预算无关的文字。", encoding="utf-8")
    result = _check(final, "--budget", text)
    assert result.exit_code == 2 and "不像是预算公开文件" in result.output


def test_yuan_and_wan_yuan_agree_when_the_yuan_round_to_the_printed_figure() -> None:
    def figure(kind: str, column: str, amount: str, unit: MoneyUnit) -> Figure:
        return Figure("7", kind, "三公", "reception", None, "公务接待费", column, Decimal(amount), unit)

    final = [figure("three_public", "budget", "60.05", MoneyUnit.WAN_YUAN)]
    assert differences(final, [figure("three_public", "total", "600490", MoneyUnit.YUAN)]) == []
    [d] = differences(final, [figure("three_public", "total", "600600", MoneyUnit.YUAN)])
    assert d.expected == Decimal("60.06")


def test_a_budget_column_by_function_code_is_held_against_the_budget_table_of_the_same_kind() -> None:
    def figure(kind: str, column: str, amount: str, code: str | None = "2013101") -> Figure:
        return Figure("5", kind, "表", code or "total", code, "行政运行", column, Decimal(amount), MoneyUnit.WAN_YUAN)

    general = "general_budget_expenditure"
    budget = [figure(general, "total", "1049.44"), figure(general, "basic", "1049.44"), figure(general, "total",
              "1526.00", None)]  # fmt: skip
    final = [figure(general, "budget", "1049.44"), figure(general, "final", "1000.00"), figure(general, "budget",
             "1526.00", None)]  # fmt: skip
    assert differences(final, budget) == []
    [d] = differences([figure(general, "budget", "1049.45"), figure("fiscal_summary", "budget", "9.00")], budget)
    assert (d.final.code, d.budget.column, d.expected) == ("2013101", "total", Decimal("1049.44"))


def test_the_store_holds_a_final_against_its_stored_budget(pair: tuple[Path, Path, Path], tmp_path: Path) -> None:
    final, _budget, changed = pair
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in (final, changed):
        (folder / path.name).write_bytes(path.read_bytes())
    db = tmp_path / "s.duckdb"
    summary = run_batch([folder], db, workers=1, limits=Limits(seconds=120, memory_bytes=2048 * 1024 * 1024))
    assert summary.final_vs_budget == 1
    connection = open_store(db)
    try:
        [row] = connection.execute(
            "SELECT d.kind, f.row_key, f.column_key, f.expected, f.actual, b.kind FROM findings f "
            "JOIN documents d ON d.id = f.document_id JOIN documents b ON b.id = f.related_document_id "
            "WHERE f.code = ?",
            [CODE],
        ).fetchall()
        assert row == ("unit_final_accounts", "reception", "budget", "61.00", "60.00", "unit_budget")
    finally:
        connection.close()


PENSION = '缴费支出</td><td class="amount">118.43</td><td class="amount">118.43</td><td class="amount"></td></tr>'


def test_a_sentence_of_a_line_is_held_against_the_budget_table_by_its_names(
    pair: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """`…（类）…（款）机关事业单位基本养老保险缴费支出（项）。年初预算为118.43万元` against the budget's table 5."""
    final, budget, _changed = pair
    text = budget.read_text(encoding="utf-8")
    assert text.count(PENSION) == 2  # table 3 (支出总体情况) and table 5 (一般公共预算支出), in that order
    head, tail = text.rsplit(PENSION, 1)
    changed = tmp_path / "预算.html"
    changed.write_text(head + PENSION.replace("118.43", "118.53") + tail, encoding="utf-8")
    [finding] = _findings(final, "--budget", changed)
    assert finding["location"]["section"] == "general_budget" and finding["location"]["line"]
    [there] = finding["related"]
    assert (there["table_kind"], there["row"], there["column"]) == ("general_budget_expenditure", "2080505", "total")
    assert (finding["expected"], finding["actual"]) == ("118.53", "118.43")
    assert (
        "称年初预算为 118.43万元" in finding["message"]
        and "“机关事业单位基本养老保险缴费支出”为 118.53万元" in finding["message"]
    )
