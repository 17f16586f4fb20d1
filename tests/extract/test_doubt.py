"""A doubtful reading is said once and carries its reason; the checker then builds no finding on it."""

from __future__ import annotations

from decimal import Decimal

from tests.extract.helpers import T5_HEADER, codes, read, table_text
from yusuan.check import run_checks
from yusuan.check.finding import Severity

T5 = "表 5\n\n一般公共预算支出情况表"


def test_an_unmapped_column_with_money_makes_the_table_doubtful() -> None:
    header = ["功能分类科目编码|||功能分类科目名称|合 计|基本支出|项目支出|神秘支出"]
    body = ["201|||一般公共服务支出|190.00|100.00|80.00|10.00", "|||合 计|190.00|100.00|80.00|10.00"]
    disclosure, problems = read(table_text(T5, header, body))
    table = disclosure.tables[0]
    assert table.unread_columns == ("神秘支出",)
    assert table.doubt is not None and "“神秘支出”" in table.doubt
    doubtful = [p for p in problems if p.code == "table-doubtful"]
    assert len(doubtful) == 1 and doubtful[0].text == "一般公共预算支出情况表"
    report = run_checks(
        disclosure, read_problems=problems, select=["general-columns", "hierarchy-sum", "total-row-sum"]
    )
    assert not [f for f in report.findings if f.severity is Severity.ERROR]  # 190 ≠ 100 + 80 is not claimed


def test_an_unmapped_column_of_zeros_changes_no_sum() -> None:
    header = ["功能分类科目编码|||功能分类科目名称|合 计|基本支出|项目支出|神秘支出"]
    body = ["201|||一般公共服务支出|180.00|100.00|80.00|0.00", "|||合 计|180.00|100.00|80.00|0.00"]
    disclosure, _ = read(table_text(T5, header, body))
    assert disclosure.tables[0].unread_columns == () and disclosure.tables[0].doubt is None


def test_identities_failing_in_most_rows_mean_a_misreading() -> None:
    body = [
        "201|||一般公共服务支出|100.00|180.00|80.00",
        "205|||教育支出|50.00|90.00|40.00",
        "|||合 计|150.00|270.00|120.00",
    ]
    disclosure, _ = read(table_text(T5, T5_HEADER, body))
    assert "3 行中有 3 行不成立" in (disclosure.tables[0].doubt or "")


def test_one_wrong_row_is_a_published_error_not_a_doubt() -> None:
    body = [
        "201|||一般公共服务支出|180.00|100.00|80.00",
        "205|||教育支出|99.00|50.00|40.00",
        "208|||社会保障和就业支出|10.00|10.00|0.00",
        "|||合 计|289.00|160.00|120.00",
    ]
    disclosure, problems = read(table_text(T5, T5_HEADER, body))
    assert disclosure.tables[0].doubt is None and "table-doubtful" not in codes(problems)
    report = run_checks(disclosure, read_problems=problems)
    wrong = [f for f in report.findings if f.severity is Severity.ERROR and f.location.row == "205"]
    assert [(f.actual, f.expected) for f in wrong][:1] == [(Decimal("99.00"), Decimal("90.00"))]


def test_a_column_numbers_row_is_not_data() -> None:
    header = ["功能分类科目名称|合 计|基本支出|项目支出"]
    body = ["**|1|2|3", "合计|180.00|100.00|80.00"]
    disclosure, problems = read(table_text(T5, header, body))
    assert [r.key for r in disclosure.tables[0].rows] == ["total"]
    assert "row-unknown" not in codes(problems)


def test_a_rounding_residue_in_a_wan_yuan_table_is_an_info() -> None:
    body = [
        "201|||一般公共服务支出|100.01|60.00|40.00",
        "205|||教育支出|50.00|30.00|20.00",
        "|||合 计|150.00|90.00|60.00",
    ]
    disclosure, problems = read(table_text(T5, T5_HEADER, body))
    report = run_checks(disclosure, read_problems=problems)
    residues = [f for f in report.findings if "尾差范围内" in f.message]
    assert residues and all(f.severity is Severity.INFO for f in residues)
    assert residues[0].difference is not None and abs(residues[0].difference) == Decimal("0.01")
