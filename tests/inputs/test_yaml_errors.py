"""Bad YAML budgets: each gives one InputError naming `file:line`."""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.errors import InputError
from yusuan.inputs import load_budget
from yusuan.inputs.yaml_input import load_yaml_budget

BASE = """\
year: 2024
unit:
  name: 测试单位
  duties: [职能一]
  staffing: {authorised: 10, in_service: 8, retired: 2}
lines:
  - {function_code: "2013101", economic_code: "30101", source: general_public_budget, kind: personnel, amount: "100.00"}
  - function_code: "2013199"
    economic_code: "30201"
    source: general_public_budget
    kind: project
    project: 办公经费
    amount: "20.00"
projects:
  - name: 办公经费
"""


def _error(tmp_path: Path, text: str) -> InputError:
    path = tmp_path / "budget.yaml"
    path.write_text(text, encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(InputError) as caught:
        load_budget(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert caught.value.place.startswith(f"{path}:")
    return caught.value


def _changed(old: str, new: str) -> str:
    assert BASE.count(old) == 1
    return BASE.replace(old, new)


def test_the_base_file_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "budget.yaml"
    path.write_text(BASE, encoding="utf-8")
    budget = load_yaml_budget(path)
    assert [str(line.amount) for line in budget.lines] == ["100.00", "20.00"]


def test_malformed_code(tmp_path: Path) -> None:
    error = _error(tmp_path, _changed('function_code: "2013199"', 'function_code: "20131"'))
    assert error.place.endswith("budget.yaml:8")
    assert "7位" in error.message and "'20131'" in error.message


def test_malformed_code_in_a_flow_mapping(tmp_path: Path) -> None:
    error = _error(tmp_path, _changed('economic_code: "30101"', 'economic_code: "3010"'))
    assert error.place.endswith("budget.yaml:7")
    assert "经济分类" in error.message


def test_negative_amount(tmp_path: Path) -> None:
    error = _error(tmp_path, _changed('amount: "20.00"', "amount: -20.00"))
    assert error.place.endswith("budget.yaml:13")
    assert "负数" in error.message


def test_text_in_an_amount(tmp_path: Path) -> None:
    error = _error(tmp_path, _changed('amount: "20.00"', "amount: 二十万"))
    assert error.place.endswith("budget.yaml:13")
    assert "不是金额：'二十万'" in error.message


def test_a_choice_list_reads_as_a_person_writes_it() -> None:
    from yusuan.inputs.validation import _choices

    assert _choices("'元' or '万元'") == "元、万元"


def test_a_wrong_fund_source_lists_each_key_with_its_chinese_name(tmp_path: Path) -> None:
    error = _error(
        tmp_path, _changed("source: general_public_budget, kind: personnel", "source: 一般公共预算, kind: personnel")
    )
    assert error.message.startswith(
        "支出明细第1项的资金来源：取值“一般公共预算”不在允许范围内（可选：general_public_budget（一般公共预算）、"
    )
    assert " or " not in error.message


def test_amount_with_three_decimals(tmp_path: Path) -> None:
    error = _error(tmp_path, _changed('amount: "20.00"', "amount: 20.005"))
    assert error.place.endswith("budget.yaml:13")
    assert "两位小数" in error.message


def test_project_with_no_lines(tmp_path: Path) -> None:
    error = _error(tmp_path, BASE + "  - name: 空项目\n")
    assert error.place.endswith("budget.yaml:16")
    assert "空项目" in error.message and "没有任何支出明细" in error.message


def test_unknown_key(tmp_path: Path) -> None:
    error = _error(tmp_path, _changed("    kind: project\n", "    kind: project\n    amout: 3\n"))
    assert error.place.endswith("budget.yaml:12")
    assert "amout" in error.message and "不认识的字段" in error.message


def test_unknown_top_level_key(tmp_path: Path) -> None:
    error = _error(tmp_path, BASE + "projcts: []\n")
    assert error.place.endswith("budget.yaml:16")
    assert "projcts" in error.message


def test_key_given_twice(tmp_path: Path) -> None:
    error = _error(tmp_path, _changed('    amount: "20.00"\n', '    amount: "20.00"\n    amount: "30.00"\n'))
    assert error.place.endswith("budget.yaml:14")
    assert "重复" in error.message and "amount" in error.message


@pytest.mark.parametrize(
    ("old", "new", "line", "said"),
    [
        ("  duties: [职能一]", "  duties: [职能一", 5, "方括号 [ ] 没有配对"),
        ("  duties: [职能一]", "\tduties: [职能一]", 4, "制表符"),
        ("  name: 测试单位", "  name: 测试: 单位", 3, "这里不能有冒号"),
        ("projects:\n  - name: 办公经费\n", 'projects:\n  - name: "办公经费\n', 16, "引号没有配对"),
        ("  name: 测试单位", "  name: @测试单位", 3, "不能作为值的开头"),
    ],
)
def test_a_syntax_error_is_said_in_chinese(tmp_path: Path, old: str, new: str, line: int, said: str) -> None:
    error = _error(tmp_path, _changed(old, new))
    assert error.place.endswith(f"budget.yaml:{line}")
    assert error.message.startswith("YAML 格式错误（第") and said in error.message, error.message
    assert error.message.isascii() is False and not any(word in error.message for word in ("found", "expected"))
