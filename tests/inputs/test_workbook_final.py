"""The 决算 workbook: the example survives YAML → workbook → FinalAccounts unchanged and builds the same
document, the kind drop-downs offer exactly the kinds yusuan builds, and every model field has a cell."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from pydantic import BaseModel
from typer.testing import CliRunner

from yusuan.cli import app
from yusuan.compile import compile_budget
from yusuan.inputs import load_budget
from yusuan.inputs.workbook_final_input import load_workbook_final
from yusuan.inputs.workbook_final_layout import FINAL_BLOCKS, FINAL_SHEETS
from yusuan.inputs.workbook_final_template import WORKBOOK_KINDS, final_template_bytes, workbook_for
from yusuan.inputs.workbook_layout import OPTIONS, Shape
from yusuan.model import Budget
from yusuan.model.final_accounts import (
    FINAL_KINDS,
    FinalAccounts,
    FinalFund,
    IncomeSource,
    SpendingUse,
)
from yusuan.model.kinds import DocumentKind

ROOT = Path(__file__).resolve().parents[2]
FINAL_EXAMPLE = ROOT / "examples" / "foshan-rail-2019-final" / "final.yaml"
runner = CliRunner()


@pytest.fixture(scope="module")
def example() -> FinalAccounts:
    facts = load_budget(FINAL_EXAMPLE)
    assert isinstance(facts, FinalAccounts)
    return facts


@pytest.fixture
def example_book(example: FinalAccounts, tmp_path: Path) -> Path:
    path = tmp_path / "决算.xlsx"
    path.write_bytes(final_template_bytes(example))
    return path


def _kind_options(workbook: Workbook) -> list[str]:
    """The labels the 单位信息 sheet's 文件类型 drop-down offers."""
    unit = workbook["单位信息"]
    row = next(r for r in range(2, 20) if unit.cell(r, 1).value == "文件类型")
    cell = unit.cell(row, 2).coordinate
    rule = next(rule for rule in unit.data_validations.dataValidation if cell in rule.sqref)
    sheet, cells = rule.formula1.split("!")
    assert sheet.strip("'") == OPTIONS
    return [c.value for line in workbook[OPTIONS][cells.replace("$", "")] for c in line]


def test_example_round_trips_through_the_workbook(example: FinalAccounts, example_book: Path) -> None:
    again = load_workbook_final(example_book)
    assert again == example
    assert load_budget(example_book) == example  # `yusuan build` reaches the 决算 reader by the sheets
    assert again.kind is DocumentKind.DEPARTMENT_FINAL_ACCOUNTS
    assert again.income[3].source is IncomeSource.OTHER_INCOME and again.income[3].amount == Decimal("60")
    assert again.spending[3].use is SpendingUse.PROJECT and again.spending[3].amount == Decimal("9055960")
    assert again.balances[FinalFund.OTHER].closing == Decimal("60")
    assert again.line_budgets["2140101"].reason.startswith("我局为2019年新成立单位")
    assert again.three_public.final.reception == Decimal("1600") and again.three_public.reception_people == 13
    assert again.assets is not None and list(again.assets.vehicles) == list(example.assets.vehicles)  # type: ignore[union-attr]
    assert again.last_year is None and again.no_last_year == example.no_last_year


def test_example_workbook_builds_the_same_document(example: FinalAccounts, example_book: Path) -> None:
    assert compile_budget(load_budget(example_book)) == compile_budget(example)


def test_writing_the_read_facts_again_gives_the_same_cells(example_book: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.xlsx"
    second.write_bytes(final_template_bytes(load_workbook_final(example_book)))
    a, b = load_workbook(example_book), load_workbook(second)
    assert a.sheetnames == b.sheetnames
    for name in a.sheetnames:
        assert list(a[name].values) == list(b[name].values), name


def test_last_year_and_adjusted_budgets_round_trip(example: FinalAccounts, tmp_path: Path) -> None:
    """What the example leaves empty: last year's 决算 with reasons, an 调整预算数, a 三公 budget."""
    last_year = {
        "total": "1500",
        "fiscal_total": "1400.5",
        "general_public_budget": "1400.5",
        "three_public": {"reception": "2000", "vehicle_operation": "30000"},
        "running_costs": "80000",
        "reasons": {"total": "新增轨道建设项目", "three_public": "严控接待"},
    }
    budgets = {**example.model_dump()["line_budgets"]}
    budgets["2140101"] = {"budget": "6000000", "adjusted": "6100000", "purpose": "机关运转", "reason": "人员增加"}
    facts = FinalAccounts.model_validate(
        {
            **example.model_dump(),
            "kind": "unit_final_accounts",
            "last_year": last_year,
            "no_last_year": "",
            "line_budgets": budgets,
            "three_public": {**example.three_public.model_dump(), "budget": {"reception": "1000"}},
            "performance": [],
            "glossary": [{"term": "财政拨款收入", "definition": "本级财政当年拨付的资金。"}],
        }
    )
    path = tmp_path / "单位决算.xlsx"
    path.write_bytes(final_template_bytes(facts))
    again = load_workbook_final(path)
    assert again == facts
    assert again.last_year is not None and again.last_year.reasons["three_public"] == "严控接待"
    assert again.line_budgets["2140101"].adjusted == Decimal("6100000")
    assert compile_budget(again) == compile_budget(facts)


def test_kind_drop_downs_offer_exactly_the_kinds_yusuan_builds(tmp_path: Path) -> None:
    offered: list[str] = []
    for kind in WORKBOOK_KINDS:
        path = tmp_path / f"{kind.value}.xlsx"
        path.write_bytes(workbook_for(kind))
        workbook = load_workbook(path)
        options = _kind_options(workbook)
        unit = workbook["单位信息"]
        assert kind.label in [unit.cell(r, 2).value for r in range(2, 6)]  # the blank workbook has it chosen
        assert {DocumentKind(k).is_final for k in (k for k in DocumentKind if k.label in options)} == {kind.is_final}
        offered += [label for label in options if label not in offered]
    assert offered == [kind.label for kind in DocumentKind]  # the four kinds, and nothing else
    assert [k.label for k in FINAL_KINDS] == offered[2:]


@pytest.mark.parametrize("kind", list(DocumentKind), ids=lambda kind: kind.value)
def test_each_offered_kind_builds_its_document(
    kind: DocumentKind, example: FinalAccounts, example_budget: Budget, tmp_path: Path
) -> None:
    """The example typed into the workbook with each kind chosen builds a document of that kind."""
    filled = example if kind.is_final else example_budget
    path = tmp_path / "filled.xlsx"
    path.write_bytes(workbook_for(kind, filled))
    workbook = load_workbook(path)
    unit = workbook["单位信息"]
    row = next(r for r in range(2, 20) if unit.cell(r, 1).value == "文件类型")
    unit.cell(row, 2, kind.label)
    workbook.save(path)
    document = compile_budget(load_budget(path))
    assert document.meta.kind is kind
    assert any(f"{kind.entity}{kind.phase}" in line for line in document.contents), document.contents[:5]
    assert document.meta.template == ("national-final" if kind.is_final else document.meta.template)


def test_a_workbook_refuses_the_other_phase(example: FinalAccounts, example_budget: Budget) -> None:
    with pytest.raises(ValueError):
        workbook_for(DocumentKind.UNIT_FINAL_ACCOUNTS, example_budget)
    with pytest.raises(ValueError):
        workbook_for(DocumentKind.UNIT_BUDGET, example)


def _reached(model: type[BaseModel], prefix: str, keys: set[str]) -> list[str]:
    """The fields of `model` (under `prefix`) that no workbook key reaches, nested models field by field."""
    missing: list[str] = []
    for name, info in model.model_fields.items():
        key = f"{prefix}{name}"
        nested = info.annotation if isinstance(info.annotation, type) else None
        if nested is not None and issubclass(nested, BaseModel) and key not in keys:
            missing += _reached(nested, key + ".", keys)
        elif key not in keys and not any(k.startswith(key + ".") for k in keys):
            missing.append(key)
    return missing


def test_every_field_of_the_model_has_a_cell() -> None:
    """A field added to FinalAccounts without a cell in the workbook would be lost: none is."""
    keys: set[str] = set()
    records = {"final_vehicles": "assets.vehicles"}  # a records block and the model field it fills
    for sheet in FINAL_SHEETS:
        for block in sheet.blocks:
            if block.shape is Shape.RECORDS:
                keys.add(records.get(block.key, block.key))
            else:
                keys |= {field.key for field in block.fields}
    assert _reached(FinalAccounts, "", keys) == []
    # records blocks: every column is a field of the model's record
    assert {f.key for f in FINAL_BLOCKS["income"].fields} == set(
        FinalAccounts.model_fields["income"].annotation.__args__[0].model_fields
    )  # type: ignore[union-attr]
    assert {f.key for f in FINAL_BLOCKS["spending"].fields} == {"function_code", "fund", "use", "amount"}
    assert {f.key for f in FINAL_BLOCKS["line_budgets"].fields} == {
        "function_code",
        "budget",
        "adjusted",
        "purpose",
        "reason",
    }


def test_filling_in_the_blank_workbook(tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    result = runner.invoke(app, ["template", str(path), "--kind", "单位决算"])
    assert result.exit_code == 0, result.output
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["填写说明", *(sheet.name for sheet in FINAL_SHEETS), OPTIONS]
    unit = workbook["单位信息"]
    for label, value in {"单位名称": "某某局", "决算年度": 2023, "决算单位构成": "本单位无下属单位。"}.items():
        row = next(r for r in range(2, 20) if unit.cell(r, 1).value == label)
        unit.cell(row, 2, value)
    row = next(r for r in range(2, 20) if unit.cell(r, 1).value == "没有上年决算数的原因")
    unit.cell(row, 2, "本单位2023年新成立")
    workbook["主要职能"]["A2"] = "负责本级财政工作。"
    workbook["本年收入"].append(["2013101", "一般公共预算财政拨款收入", 120.5])
    workbook["本年支出"].append(["2013101", "一般公共预算财政拨款", "基本支出", 100])
    workbook["基本支出明细"].append(["30101", 100])
    workbook["结转结余"]["C2"] = 20.5  # 一般公共预算财政拨款 年末结转和结余
    workbook.save(path)
    facts = load_budget(path)
    assert isinstance(facts, FinalAccounts)
    assert facts.kind is DocumentKind.UNIT_FINAL_ACCOUNTS and facts.year == 2023 and facts.unit.name == "某某局"
    assert facts.income[0].amount == Decimal("120.50") and facts.income[0].source is IncomeSource.GENERAL_PUBLIC_BUDGET
    assert facts.balances == {FinalFund.GENERAL_PUBLIC_BUDGET: facts.balances[FinalFund.GENERAL_PUBLIC_BUDGET]}
    assert facts.balances[FinalFund.GENERAL_PUBLIC_BUDGET].closing == Decimal("20.50")
    assert facts.assets is None and facts.last_year is None and facts.money_unit.value == "元"
    out = tmp_path / "out"
    built = runner.invoke(app, ["build", str(path), "-o", str(out), "--format", "html"])
    assert built.exit_code == 0, built.output
    assert [p.name for p in out.iterdir()] == ["某某局-2023-单位决算公开.html"]


def test_instructions_and_headers_are_chinese(example_book: Path) -> None:
    workbook = load_workbook(example_book)
    instructions = [cell.value for cell in workbook["填写说明"]["A"] if cell.value]
    assert instructions[0] == "决算公开填报工作簿（yusuan）"
    assert any("yusuan build 本文件.xlsx" in line for line in instructions)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in line) for line in instructions)
    assert workbook[OPTIONS].sheet_state == "hidden"
    income = workbook["本年收入"]
    assert [income.cell(1, c).value for c in (1, 2, 3)] == ["功能分类科目编码", "收入来源", "金额（元）"]
    assert income["A2"].value == "2080505" and income["A2"].number_format == "@"
    assert income["C2"].number_format == "0.00"
    budgets = workbook["预算数与差异"]
    assert [budgets.cell(1, c).value for c in (2, 3)] == ["年初预算数（元）", "调整预算数（元）"]


def _value_cell(workbook: Workbook, sheet: str, label: str) -> str:
    rows = workbook[sheet]
    return next(f"B{r}" for r in range(2, 40) if rows.cell(r, 1).value and str(rows.cell(r, 1).value).startswith(label))


def _errors_after(path: Path, change: Any) -> list[str]:
    """Apply `change`, build: exit code 2, nothing written, one Chinese line per problem (no traceback)."""
    workbook = load_workbook(path)
    change(workbook)
    workbook.save(path)
    result = runner.invoke(app, ["build", str(path), "-o", str(path.parent / "out"), "--format", "html"])
    assert result.exit_code == 2, result.output
    assert not (path.parent / "out").exists() or not any((path.parent / "out").iterdir())
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines and all(line.startswith(f"错误：{path} ") for line in lines), result.output
    return lines


def _error_after(path: Path, change: Any) -> str:
    lines = _errors_after(path, change)
    assert len(lines) == 1, lines
    return lines[0]


def test_an_amount_that_is_not_a_number_is_named_at_its_cell(example_book: Path) -> None:
    def change(workbook: Workbook) -> None:
        workbook["本年收入"]["C3"] = "二十万"

    assert _error_after(example_book, change) == f"错误：{example_book} 本年收入!C3: 不是金额：'二十万'"


def test_a_fund_that_does_not_balance_is_named_at_its_row(example_book: Path) -> None:
    def change(workbook: Workbook) -> None:
        workbook["本年支出"]["D2"] = 534000  # 500 元 less spent than received: 一般公共预算 no longer balances

    line = _error_after(example_book, change)
    assert line.startswith(f"错误：{example_book} 结转结余!A2: 一般公共预算财政拨款收支不平衡"), line


def test_basic_items_that_do_not_add_up_are_named_at_their_sheet(example_book: Path) -> None:
    def change(workbook: Workbook) -> None:
        workbook["基本支出明细"]["B2"] = 3017941

    line = _error_after(example_book, change)
    assert line == (
        f"错误：{example_book} 基本支出明细!A2: 基本支出明细：一般公共预算财政拨款基本支出按经济分类合计 "
        "7,463,901.00，与按功能分类的基本支出 7,463,900.00 不一致（元）"
    )


def test_a_budget_kind_is_refused_in_the_final_workbook(example_book: Path) -> None:
    def change(workbook: Workbook) -> None:
        workbook["单位信息"][_value_cell(workbook, "单位信息", "文件类型")] = "单位预算"

    line = _error_after(example_book, change)
    assert line == f"错误：{example_book} 单位信息!B4: “单位预算”不是可选的文件类型（可选：单位决算、部门决算）"


def test_a_line_budget_code_that_is_no_item_is_named_at_its_cell(example_book: Path) -> None:
    def change(workbook: Workbook) -> None:
        workbook["预算数与差异"]["A3"] = "20805"

    line = _error_after(example_book, change)
    assert line.startswith(f"错误：{example_book} 预算数与差异!A3: "), line


def test_a_line_budget_given_twice_is_named_at_the_second(example_book: Path) -> None:
    def change(workbook: Workbook) -> None:
        workbook["预算数与差异"]["A3"] = "2080505"

    assert _error_after(example_book, change) == f"错误：{example_book} 预算数与差异!A3: “2080505”重复填写"


def test_no_last_year_and_no_reason_is_named_at_the_reason_cell(example_book: Path) -> None:
    def change(workbook: Workbook) -> None:
        workbook["单位信息"][_value_cell(workbook, "单位信息", "没有上年决算数的原因")] = None

    line = _error_after(example_book, change)
    assert line == f"错误：{example_book} 单位信息!B10: 请填写“上年决算”表，或在此说明没有上年决算数的原因"


def test_a_half_filled_last_year_names_the_blank_cell(example_book: Path) -> None:
    def change(workbook: Workbook) -> None:
        workbook["上年决算"]["B2"] = 1000  # 收入支出总计, but not the two other totals

    assert _errors_after(example_book, change) == [
        f"错误：{example_book} 上年决算!B3: 财政拨款收入支出总计：缺少必填项",
        f"错误：{example_book} 上年决算!B4: 一般公共预算财政拨款支出：缺少必填项",
    ]


def test_a_bad_kind_option_is_one_chinese_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["template", str(tmp_path / "x.xlsx"), "--kind", "年报"])
    assert result.exit_code == 2
    assert (
        result.output.strip() == "错误：--kind: 不认识的文件类型“年报”（可选：单位预算、部门预算、单位决算、部门决算）"
    )
    assert not (tmp_path / "x.xlsx").exists()


def test_the_example_option_fills_the_final_workbook(tmp_path: Path, example: FinalAccounts) -> None:
    path = tmp_path / "决算.xlsx"
    result = runner.invoke(app, ["template", str(path), "--kind", "部门决算", "--example"])
    assert result.exit_code == 0, result.output
    assert load_budget(path) == example


def test_an_example_of_another_kind_says_which_kind_it_is(tmp_path: Path) -> None:
    result = runner.invoke(app, ["template", str(tmp_path / "t.xlsx"), "--kind", "单位决算", "--example"])
    assert result.exit_code == 0, result.output
    assert "注意：内置示例是一份部门决算，模板按示例填写，文件类型为部门决算" in result.output
    same = runner.invoke(app, ["template", str(tmp_path / "d.xlsx"), "--kind", "部门决算", "--example"])
    assert same.exit_code == 0 and "注意" not in same.output


def test_a_code_without_a_name_is_named_by_its_sheet_not_by_a_key(example_book: Path) -> None:
    def change(workbook: Workbook) -> None:
        workbook["本年收入"].append(["2130104", "一般公共预算财政拨款收入", 1000])
        workbook["本年支出"].append(["2130104", "一般公共预算财政拨款", "基本支出", 1000])
        workbook["基本支出明细"]["B2"] = workbook["基本支出明细"]["B2"].value + 1000

    line = _error_after(example_book, change)
    assert line.startswith(f"错误：{example_book} 功能分类科目名称: 支出功能分类科目 2130104 没有名称"), line
    assert "“科目名称”表" in line
