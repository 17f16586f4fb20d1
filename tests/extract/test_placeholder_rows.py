"""A blank template's placeholder rows (`… | … | …`) are no table rows: never a code, never joined to the row above.

Excerpts of the blank templates in the corpus: /work/shared/corpus/templates/附件2：部门决算模板.pdf p7 (支出决算表,
`2050205 高等教育` then `… | …`) and department_budget_template.xlsx p12 (表6 政府性基金预算支出, `229 08 04 …` then
`… | … | … | …`).  The old reader made codes `2050205…`, `20799…` and `229……` of them.
"""

from __future__ import annotations

from yusuan.extract import read_lines, split_text
from yusuan.extract.align import Segment
from yusuan.model import Disclosure

from ..check.factory import findings
from .helpers import codes, read, rows

PDF_TABLE = [
    "支出决算表",
    "单位：万元",
    "项目||本年支出合计|基本支出|项目支出|上缴上级支出|经营支出|对附属单位补助支出",
    "功能分类科目名称科目编码|||||||",
    "合计|||||||",
    "205|教育支出||||||",
    "20502|普通教育||||||",
    "2050205|高等教育||||||",
    "…|…||||||",
    "207|文化旅游体育与传媒支出||||||",
    "20799|其他文化旅游体育与传媒支出||||||",
    "………|…||||||",
    "注：本表反映部门本年度各项支出情况。",
]

XLSX_TABLE = [
    "2026年部门政府性基金预算支出功能分类预算表",
    "编制部门：||||||单位：元",
    "项目||||政府性基金预算支出||",
    "功能分类科目编码|||功能分类科目名称|合计|基本支出|项目支出",
    "类|款|项||||",
    "229|||其他支出|||",
    "229|08||彩票发行销售机构业务费安排的支出|||",
    "229|08|04|福利彩票销售机构的业务费支出|||",
    "{placeholder}|||",
    "合计||||||",
]


# the same table filled in (a table with digits but no amount read is doubtful, and its codes are not checked)
FILLED = [
    *XLSX_TABLE[:5],
    "229|||其他支出|6.00||6.00",
    "229|08||彩票发行销售机构业务费安排的支出|6.00||6.00",
    "229|08|04|福利彩票销售机构的业务费支出|5.00||5.00",
    "{placeholder}",
    "合计||||6.00||6.00",
]


def _rows(disclosure: Disclosure) -> list[tuple[str, str | None, str]]:
    (table,) = disclosure.tables
    return [(r.key, r.code, r.label) for r in table.rows]


def test_the_pdf_templates_placeholder_rows_are_left_out() -> None:
    disclosure, problems = read_lines(split_text(rows(*PDF_TABLE)), "模板.pdf", "national-final")
    assert _rows(disclosure) == [
        ("total", None, "合计"),
        ("205", "205", "教育支出"),
        ("20502", "20502", "普通教育"),
        ("2050205", "2050205", "高等教育"),
        ("207", "207", "文化旅游体育与传媒支出"),
        ("20799", "20799", "其他文化旅游体育与传媒支出"),
    ]
    assert "row-code-invalid" not in codes(problems)
    assert findings(disclosure, "code-malformed") == []


def test_the_xlsx_templates_placeholder_row_is_left_out_in_every_spelling() -> None:
    for placeholder in ("…|…|…|…", "……|……|……|……", "...|...|...|...", "⋯|⋯|⋯|⋯", "… … …||| … … …", "…|||…"):
        disclosure, problems = read(rows(*[line.replace("{placeholder}", placeholder) for line in XLSX_TABLE]))
        assert _rows(disclosure) == [
            ("229", "229", "其他支出"),
            ("22908", "22908", "彩票发行销售机构业务费安排的支出"),
            ("2290804", "2290804", "福利彩票销售机构的业务费支出"),
            ("total", None, "合计"),
        ], placeholder
        assert "row-code-invalid" not in codes(problems), placeholder
        assert findings(disclosure, "code-malformed") == [], placeholder


def test_a_real_code_with_junk_after_it_stays_malformed() -> None:
    # the xlsx's shape with a real 款 code among the ellipses: a code with junk in it, not a placeholder
    disclosure, problems = read(rows(*[line.replace("{placeholder}", "…|08|…|…|1.00||1.00") for line in FILLED]))
    assert ("22908…", "22908…", "…") in _rows(disclosure)
    assert "row-code-invalid" in codes(problems)
    found = findings(disclosure, "code-malformed")
    assert [(f.code, f.severity.value, f.location.row, f.expected, f.actual) for f in found] == [
        ("code-malformed", "error", "22908…", None, "22908…")
    ]


def test_a_code_of_the_wrong_length_beside_a_placeholder_stays_malformed() -> None:
    body = [line.replace("229|08|04|", "229|08|0405|") for line in FILLED]
    disclosure, _problems = read(rows(*[line.replace("{placeholder}", "…|…|…|…|||") for line in body]))
    found = findings(disclosure, "code-malformed")
    assert [(f.code, f.severity.value, f.location.row, f.actual) for f in found] == [
        ("code-malformed", "error", "229080405", "229080405")
    ]


def test_a_placeholder_is_ellipses_only_and_holds_no_amount() -> None:
    assert Segment(label="…", code_parts=["", "…", "…"]).is_placeholder
    assert Segment(label="… … …").is_placeholder
    assert Segment(label="...", code_parts=["．．．"]).is_placeholder
    assert not Segment().is_placeholder  # blank, not a placeholder
    assert not Segment(label="…", code_parts=["229"]).is_placeholder  # a code without its name
    assert not Segment(label="高等教育…").is_placeholder
    assert not Segment(label=".", code_parts=[]).is_placeholder  # one dot is no ellipsis
    assert not Segment(label="…", values={"total": None}, stray_values=["1.00"]).is_placeholder
    assert not Segment(label="…", values=None).is_placeholder  # amounts not yet placed
