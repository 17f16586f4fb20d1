"""The two real documents: the compiled example is clean; the published reference has exactly its true defects.

Every expected finding on the reference is listed with the reason it is
true.  The list is compared exactly, so a new finding (a false alarm, or a
real defect we had missed) fails the test until someone decides which it is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.check import Report, render_report, run_checks
from yusuan.check.finding import Severity
from yusuan.model import Disclosure

REFERENCE = Path(__file__).resolve().parents[1] / "fixtures" / "kizilsu-2024-party-committee-office-budget.txt"


@pytest.fixture(scope="module")
def reference() -> Report:
    from yusuan.extract import read_text_file

    disclosure, problems = read_text_file(REFERENCE)
    return run_checks(disclosure, read_problems=problems, source=REFERENCE.name)


def test_the_compiled_example_has_no_error_and_no_warning(example_disclosure: Disclosure) -> None:
    report = run_checks(example_disclosure)
    assert [(f.code, f.message) for f in report.findings if f.severity is not Severity.INFO] == []
    # the infos are the same true notes as on the reference (三公 beyond basic spending; 18 vs 11 vehicles)
    assert sorted(f.code for f in report.findings) == [
        "counts-agree",
        "three-public-vs-basic-economic",
        "three-public-vs-basic-economic",
    ]


EXPECTED = [
    # 表3 单位支出总体情况表 is listed in the contents (三、) but the body goes from 表2 to 表4.
    ("error", "toc-table-missing", "3", None),
    # 表8 政府性基金预算支出情况表 is listed (八、) but the body goes from 表7 to 表9; Part 3 八 even
    # says it is an empty table — an empty table must still be published with its note.
    ("error", "toc-table-missing", "8", None),
    # 表1 prints 234 抗疫特别国债安排的支出 (the 2024 name), 表4 prints 234 抗疫特别国债还本支出.
    ("warning", "code-name-inconsistent", "4", "234"),
    # 表6 prints class rows 302 (142.33) and 303 (85.31) but no 301 工资福利支出 row; its 款 rows sum to
    # 1,118.36 and the total 1,346.00 = 1,118.36 + 142.33 + 85.31, so no amount is wrong: the table's
    # structure is inconsistent and a reader cannot see the class subtotal.  A warning, not an error:
    # nothing adds up wrongly, and a PDF-to-text step could conceivably have lost the row.
    ("warning", "parent-row-missing", "6", "30101"),
    # Part 3 十一's title says 上半年结转结余 where the contents (and the template) say 上年结转结余.
    ("warning", "toc-section-title", None, None),
    # 表10 公务接待费 60.00 while 表6 has no 30217 公务接待费: the money sits in the project 服务保障工作经费
    # (its 资金分配情况 lists 公务接待费 60.00), which 表7 does not itemise by economic code.  An info: true
    # and worth knowing, not a defect.
    ("info", "three-public-vs-basic-economic", "10", "reception"),
    # 表10 公务用车运行费 70.00 against 表6 30231 45.00: 20.00 is in 服务保障工作经费 (车辆运行经费 20.00) and
    # the other 5.00 presumably in the classified project; 表7 has 180.00 of class-302 project money.
    ("info", "three-public-vs-basic-economic", "10", "vehicle_operation"),
    # The unit performance table's 保障单位公务用车数量 =18 辆 vs 11 vehicles in 国有资产: the office services
    # the prefecture leaders' cars (职能 4: 做好州委领导秘书及用车服务), so 18 serviced vehicles and 11 owned
    # ones are different quantities.  Not a warning — but a reviewer may want to confirm, hence an info.
    ("info", "counts-agree", None, "保障单位公务用车数量"),
]


def test_the_reference_gives_exactly_its_true_findings(reference: Report) -> None:
    found = [(f.severity.value, f.code, f.location.table, f.location.row) for f in reference.findings]
    assert found == EXPECTED
    assert (reference.errors, reference.warnings, reference.infos) == (2, 3, 3)


def test_reference_findings_say_where_and_why(reference: Report) -> None:
    by_code = {f.code: f for f in reference.findings}
    assert "三、单位支出总体情况表" in next(f.message for f in reference.findings if f.location.table == "3")
    assert "抗疫特别国债安排的支出" in by_code["code-name-inconsistent"].message
    assert "抗疫特别国债还本支出" in by_code["code-name-inconsistent"].message
    assert by_code["code-name-inconsistent"].location.line == 178  # the 表4 row in the text file
    assert "1,118.36" in by_code["parent-row-missing"].message
    title = by_code["toc-section-title"]
    assert "多出“半”" in title.message and title.location.section == "carryover" and title.location.line == 439


def test_the_reference_scorecard_shows_the_missing_tables(reference: Report) -> None:
    missing = [item.label for item in reference.scorecard if not item.present]
    assert missing == ["表3 单位支出总体情况表", "表8 政府性基金预算支出情况表"]
    text = render_report(reference, "terminal")
    assert "发现错误：错误 2 个，警告 3 个，提示 3 个" in text
