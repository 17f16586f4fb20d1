"""Every table of the reference, cell by cell, against what the document prints."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yusuan.model import Disclosure, Side, Table, TableKind

E = None  # an empty printed cell


def D(text: str) -> Decimal:
    return Decimal(text)


def values(table: Table, key: str, side: Side | None = None) -> list[Decimal | None]:
    row = table.row(key, side)
    assert row is not None, f"no row {key} ({side}) in table {table.number}"
    columns = table.columns_on(side) if side else table.columns
    return [row.cells[c.key].value for c in columns]


def expect(table: Table, rows: dict[str, list[str | None]], side: Side | None = None) -> None:
    for key, printed in rows.items():
        wanted = [D(v) if v is not None else None for v in printed]
        assert values(table, key, side) == wanted, key


def table(disclosure: Disclosure, kind: TableKind) -> Table:
    found = disclosure.table(kind)
    assert found is not None, kind
    return found


def test_all_printed_tables_found_with_their_numbers(reference: Disclosure) -> None:
    assert [(t.number, t.kind) for t in reference.tables] == [
        ("1", TableKind.INCOME_EXPENDITURE_SUMMARY),
        ("2", TableKind.INCOME_SUMMARY),
        ("4", TableKind.FISCAL_SUMMARY),
        ("5", TableKind.GENERAL_BUDGET_EXPENDITURE),
        ("6", TableKind.GENERAL_BUDGET_BASIC),
        ("7", TableKind.GENERAL_BUDGET_PROJECTS),
        ("9", TableKind.STATE_CAPITAL_EXPENDITURE),
        ("10", TableKind.THREE_PUBLIC),
        ("11", TableKind.CARRYOVER),
    ]
    assert reference.table(TableKind.EXPENDITURE_SUMMARY) is None  # 表 3 is not printed
    assert reference.table(TableKind.GOVERNMENT_FUND_EXPENDITURE) is None  # nor 表 8
    assert all(t.unit.value == "万元" for t in reference.tables)


def test_nothing_unreadable_in_the_reference(reference_read: tuple[Disclosure, list[object]]) -> None:
    assert reference_read[1] == []


def test_table_1_income_side(reference: Disclosure) -> None:
    t1 = table(reference, TableKind.INCOME_EXPENDITURE_SUMMARY)
    assert [c.key for c in t1.columns_on(Side.INCOME)] == ["amount"]
    income = {
        "income.current": "1566.00",
        "income.general_public_budget": "1526.00",
        "income.general_public_budget.own": "1526.00",
        "income.unit_funds": "40.00",
        "income.unit_funds.other_income": "40.00",
        "total": "1566.00",
    }
    empty = [
        "income.general_public_budget.transfer",
        "income.government_fund",
        "income.government_fund.own",
        "income.government_fund.transfer",
        "income.state_capital",
        "income.state_capital.own",
        "income.state_capital.transfer",
        "income.special_account",
        "income.unit_funds.business_income",
        "income.unit_funds.superior_subsidy",
        "income.unit_funds.affiliated_remittance",
        "income.unit_funds.operating_income",
        "income.carryover",
        "income.carryover.fiscal",
        "income.carryover.fiscal.general_public_budget",
        "income.carryover.fiscal.government_fund",
        "income.carryover.fiscal.state_capital",
        "income.carryover.nonfiscal",
        "income.carryover.nonfiscal.special_account",
        "income.carryover.nonfiscal.unit_funds",
    ]
    printed_order = [
        "income.current", "income.general_public_budget", "income.general_public_budget.own",
        "income.general_public_budget.transfer", "income.government_fund", "income.government_fund.own",
        "income.government_fund.transfer", "income.state_capital", "income.state_capital.own",
        "income.state_capital.transfer", "income.special_account", "income.unit_funds",
        "income.unit_funds.business_income", "income.unit_funds.superior_subsidy",
        "income.unit_funds.affiliated_remittance", "income.unit_funds.operating_income",
        "income.unit_funds.other_income", "income.carryover", "income.carryover.fiscal",
        "income.carryover.fiscal.general_public_budget", "income.carryover.fiscal.government_fund",
        "income.carryover.fiscal.state_capital", "income.carryover.nonfiscal",
        "income.carryover.nonfiscal.special_account", "income.carryover.nonfiscal.unit_funds", "total",
    ]  # fmt: skip
    assert [r.key for r in t1.rows_on(Side.INCOME)] == printed_order
    assert sorted(printed_order) == sorted([*income, *empty])
    expect(t1, {k: [v] for k, v in income.items()}, Side.INCOME)
    expect(t1, {k: [E] for k in empty}, Side.INCOME)
    assert t1.row("total", Side.INCOME).is_total  # type: ignore[union-attr]
    assert t1.row("income.carryover.nonfiscal.unit_funds", Side.INCOME).label == "单位资金"  # type: ignore[union-attr]


def test_table_1_expenditure_side(reference: Disclosure) -> None:
    t1 = table(reference, TableKind.INCOME_EXPENDITURE_SUMMARY)
    rows = t1.rows_on(Side.EXPENDITURE)
    codes = ["201", "202", "203", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213", "214",
             "215", "216", "217", "219", "220", "221", "222", "223", "224", "227", "229", "230", "231", "232",
             "233", "234"]  # fmt: skip
    assert [r.key for r in rows] == [*codes, "total"]
    expect(t1, {"201": ["1394.25"], "208": ["171.75"], "total": ["1566.00"]}, Side.EXPENDITURE)
    expect(t1, {c: [E] for c in codes if c not in ("201", "208")}, Side.EXPENDITURE)
    first = t1.row("201", Side.EXPENDITURE)
    assert first is not None and (first.label, first.code, first.level) == ("一般公共服务支出", "201", 1)
    assert t1.row("234", Side.EXPENDITURE).label == "抗疫特别国债安排的支出"  # type: ignore[union-attr]


T2_COLUMNS = ["total", "fiscal_subtotal", "general_public_budget", "general_public_budget_transfer",
              "government_fund", "government_fund_transfer", "state_capital", "special_account", "unit_funds",
              "fiscal_carryover", "nonfiscal_carryover"]  # fmt: skip


def test_table_2_columns_and_every_cell(reference: Disclosure) -> None:
    t2 = table(reference, TableKind.INCOME_SUMMARY)
    assert [c.key for c in t2.columns] == T2_COLUMNS
    assert t2.column("general_public_budget").group == ("财政拨款（补助）",)  # type: ignore[union-attr]
    assert t2.column("state_capital").label == "国有资本经营预算"  # type: ignore[union-attr]
    rows: dict[str, list[str | None]] = {
        "201": ["1394.25", "1354.25", "1354.25", E, E, E, E, E, "40.00", E, E],
        "20131": ["1394.25", "1354.25", "1354.25", E, E, E, E, E, "40.00", E, E],
        "2013101": ["1089.44", "1049.44", "1049.44", E, E, E, E, E, "40.00", E, E],
        "2013150": ["124.81", "124.81", "124.81", E, E, E, E, E, E, E, E],
        "2013199": ["180.00", "180.00", "180.00", E, E, E, E, E, E, E, E],
        "208": ["171.75", "171.75", "171.75", E, E, E, E, E, E, E, E],
        "20805": ["171.75", "171.75", "171.75", E, E, E, E, E, E, E, E],
        "2080501": ["53.32", "53.32", "53.32", E, E, E, E, E, E, E, E],
        "2080505": ["118.43", "118.43", "118.43", E, E, E, E, E, E, E, E],
        "total": ["1566.00", "1526.00", "1526.00", E, E, E, E, E, "40.00", E, E],
    }
    assert [r.key for r in t2.rows] == list(rows)
    expect(t2, rows)
    labels = [(r.code, r.level, r.label) for r in t2.rows]
    assert labels[1] == ("20131", 2, "党委办公厅（室）及相关机构事务")  # wrapped in the PDF: `…及相关 机构事务`
    assert labels[4] == ("2013199", 3, "其他党委办公厅（室）及相关机构事务支出")
    assert labels[-1] == (None, None, "合计")


def test_table_2_repeated_header_is_dropped_and_sources_point_at_the_lines(
    reference: Disclosure, reference_lines: list[str]
) -> None:
    t2 = table(reference, TableKind.INCOME_SUMMARY)
    last = t2.row("2080505")
    assert last is not None and last.source is not None and last.source.line == 136
    assert t2.row("2013101").cells["unit_funds"].text == "40.0 0"  # type: ignore[union-attr]
    for row in t2.rows:
        assert row.source is not None and row.source.file == "kizilsu-2024-party-committee-office-budget.txt"
        line = reference_lines[row.source.line - 1]  # type: ignore[operator]
        for cell in row.cells.values():
            assert cell.source == row.source
            if cell.text:
                assert cell.text in line


def test_table_4_every_cell(reference: Disclosure) -> None:
    t4 = table(reference, TableKind.FISCAL_SUMMARY)
    assert [(c.key, c.side) for c in t4.columns] == [
        ("amount", Side.INCOME),
        ("total", Side.EXPENDITURE),
        ("general_public_budget", Side.EXPENDITURE),
        ("government_fund", Side.EXPENDITURE),
        ("state_capital", Side.EXPENDITURE),
    ]
    income: dict[str, list[str | None]] = {
        "fiscal.current": ["1526.00"],
        "fiscal.current.general_public_budget": ["1526.00"],
        "fiscal.current.government_fund": [E],
        "fiscal.current.state_capital": [E],
        "total": ["1526.00"],
    }
    assert [r.key for r in t4.rows_on(Side.INCOME)] == list(income)
    expect(t4, income, Side.INCOME)
    expenditure: dict[str, list[str | None]] = {r.key: [E, E, E, E] for r in t4.rows_on(Side.EXPENDITURE)}
    expenditure.update({
        "201": ["1354.25", "1354.25", E, E],
        "208": ["171.75", "171.75", E, E],
        "total": ["1526.00", "1526.00", E, E],
    })  # fmt: skip
    assert len(expenditure) == 31
    expect(t4, expenditure, Side.EXPENDITURE)
    assert t4.row("234", Side.EXPENDITURE).label == "抗疫特别国债还本支出"  # type: ignore[union-attr]  # as printed


def test_table_5_every_cell(reference: Disclosure) -> None:
    t5 = table(reference, TableKind.GENERAL_BUDGET_EXPENDITURE)
    assert [c.key for c in t5.columns] == ["total", "basic", "project"]
    assert all(c.group == ("一般公共预算支出",) for c in t5.columns)
    rows: dict[str, list[str | None]] = {
        "201": ["1354.25", "1174.25", "180.00"],
        "20131": ["1354.25", "1174.25", "180.00"],
        "2013101": ["1049.44", "1049.44", E],
        "2013150": ["124.81", "124.81", E],
        "2013199": ["180.00", E, "180.00"],
        "208": ["171.75", "171.75", E],
        "20805": ["171.75", "171.75", E],
        "2080501": ["53.32", "53.32", E],
        "2080505": ["118.43", "118.43", E],
        "total": ["1526.00", "1346.00", "180.00"],
    }
    assert [r.key for r in t5.rows] == list(rows)
    expect(t5, rows)
    assert [r.level for r in t5.rows] == [1, 2, 3, 3, 3, 1, 2, 3, 3, None]


def test_table_6_every_cell(reference: Disclosure) -> None:
    t6 = table(reference, TableKind.GENERAL_BUDGET_BASIC)
    assert [c.key for c in t6.columns] == ["total", "personnel", "public"]
    rows: dict[str, list[str | None]] = {
        "30101": ["281.47", "281.47", E],
        "30102": ["390.39", "390.39", E],
        "30103": ["185.49", "185.49", E],
        "30108": ["118.43", "118.43", E],
        "30110": ["43.31", "43.31", E],
        "30112": ["3.19", "3.19", E],
        "30113": ["96.08", "96.08", E],
        "302": ["142.33", E, "142.33"],
        "30201": ["60.42", E, "60.42"],
        "30202": ["1.00", E, "1.00"],
        "30207": ["9.00", E, "9.00"],
        "30211": ["10.00", E, "10.00"],
        "30228": ["4.03", E, "4.03"],
        "30229": ["10.28", E, "10.28"],
        "30231": ["45.00", E, "45.00"],
        "30299": ["2.60", E, "2.60"],
        "303": ["85.31", "85.31", E],
        "30302": ["50.29", "50.29", E],
        "30305": ["13.19", "13.19", E],
        "30309": ["0.01", "0.01", E],
        "30399": ["21.82", "21.82", E],
        "total": ["1346.00", "1203.67", "142.33"],
    }
    assert [r.key for r in t6.rows] == list(rows)  # the document prints no 301 class row
    expect(t6, rows)
    assert t6.row("30231").label == "公务用车运行维护费"  # type: ignore[union-attr]
    assert (t6.row("302").level, t6.row("30201").level) == (1, 2)  # type: ignore[union-attr]


def test_table_7_every_cell(reference: Disclosure) -> None:
    t7 = table(reference, TableKind.GENERAL_BUDGET_PROJECTS)
    econ = ["301", "302", "303", "307", "309", "310", "311", "312", "313", "399"]
    assert [c.key for c in t7.columns] == ["total", *(f"econ:{e}" for e in econ)]
    assert t7.column("econ:309").label == "资本性支出（基本建设）"  # type: ignore[union-attr]

    def row(total: str) -> list[str | None]:
        return [total, E, total, E, E, E, E, E, E, E, E]

    rows = {
        "201": row("180.00"),
        "20131": row("180.00"),
        "2013199/电子公文科工作经费": row("20.00"),
        "2013199/专用通信运行保障工作经费": row("80.00"),
        "2013199/服务保障工作经费": row("80.00"),
        "total": row("180.00"),
    }
    assert [r.key for r in t7.rows] == list(rows)
    expect(t7, rows)
    project = t7.row("2013199/服务保障工作经费")
    assert project is not None
    assert (project.code, project.project, project.level) == ("2013199", "服务保障工作经费", 3)
    assert project.label == "其他党委办公厅（室）及相关机构事务支出"


def test_table_10_every_cell(reference: Disclosure) -> None:
    t10 = table(reference, TableKind.THREE_PUBLIC)
    assert [c.key for c in t10.columns] == ["total", "general_public_budget", "government_fund", "state_capital"]
    rows: dict[str, list[str | None]] = {
        "total": ["130.00", "130.00", E, E],
        "abroad": [E, E, E, E],
        "reception": ["60.00", "60.00", E, E],
        "vehicles": ["70.00", "70.00", E, E],
        "vehicle_purchase": [E, E, E, E],
        "vehicle_operation": ["70.00", "70.00", E, E],
    }
    assert [r.key for r in t10.rows] == list(rows)
    expect(t10, rows)


@pytest.mark.parametrize(
    ("kind", "columns", "note_start"),
    [
        (
            TableKind.STATE_CAPITAL_EXPENDITURE,
            ["total", "personnel", "public", "project"],
            "中共克孜勒苏柯尔克孜自治州委员会办公室 2024 年没有使用国有资本经营预算拨款安排的支出",
        ),
        (
            TableKind.CARRYOVER,
            [
                "total",
                "fiscal.total",
                "fiscal.personnel",
                "fiscal.public",
                "fiscal.project",
                "nonfiscal.total",
                "nonfiscal.personnel",
                "nonfiscal.public",
                "nonfiscal.project",
            ],
            "中共克孜勒苏柯尔克孜自治州委员会办公室 2024 年没有使用上年结转结余预算安排的支出",
        ),
    ],
)
def test_empty_tables_with_their_notes(
    reference: Disclosure, kind: TableKind, columns: list[str], note_start: str
) -> None:
    empty = table(reference, kind)
    assert [c.key for c in empty.columns] == columns
    assert [(r.key, r.is_total) for r in empty.rows] == [("total", True)]
    assert empty.is_empty and all(c.value is None for c in empty.rows[0].cells.values())
    assert empty.note is not None and empty.note.startswith(note_start) and empty.note.endswith("表。")


def test_table_11_groups_separate_fiscal_and_nonfiscal(reference: Disclosure) -> None:
    t11 = table(reference, TableKind.CARRYOVER)
    assert t11.column("fiscal.personnel").group == ("财政拨款", "基本支出")  # type: ignore[union-attr]
    assert t11.column("nonfiscal.project").group == ("非财政拨款",)  # type: ignore[union-attr]
