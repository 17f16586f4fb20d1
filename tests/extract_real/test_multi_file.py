"""A document published as two files (narrative + tables, as Jiangsu does) reads as one."""

from __future__ import annotations

from pathlib import Path

from tests.extract_real.conftest import CORPUS
from yusuan.extract import read_documents
from yusuan.model import DocumentKind, TableKind

TABLE_TITLES = ["收支预算总表", "收入预算总表", "支出预算总表", "财政拨款收支预算总表", "财政拨款支出预算表",
                "财政拨款基本支出预算表", "一般公共预算支出预算表", "一般公共预算基本支出预算表",
                "一般公共预算“三公”经费、会议费、培训费支出预算表", "政府性基金财政拨款支出预算表",
                "一般公共预算机关运行经费支出预算表", "政府采购支出预算表"]  # fmt: skip
NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]

NARRATIVE = "\n".join(
    [
        "江苏省人大常委会办公厅",
        "2019年度部门预算公开",
        "目 录",
        "第一部分 部门概况",
        "一、主要职能",
        "第二部分 2019年度部门预算表",
        *(f"{n}、{t}" for n, t in zip(NUMBERS, TABLE_TITLES, strict=True)),
        "第三部分 2019年度部门预算情况说明",
        "第四部分 名词解释",
        "第一部分 部门概况",
        "一、主要职能",
        "省人大常委会是省人民代表大会的常设机构。",
        "第二部分 2019年度部门预算表",
        "2019年部门预算公开表附后",
        "第三部分 2019年度部门预算情况说明",
        "一、收支预算总体情况说明",
        "江苏省人大常委会办公厅2019年度收入、支出预算总计18330.37万元。",
        "二、一般公共预算“三公”经费、会议费、培训费支出预算",
        "表情况说明",
        "2019年度“三公”经费支出预算767.60万元。",
        "第四部分 名词解释",
        "一、财政拨款：指一般公共预算财政拨款和政府性基金预算财政拨款。",
    ]
)


def test_narrative_and_tables_files_make_one_disclosure(tmp_path: Path) -> None:
    narrative = tmp_path / "江苏省人大常委会2019年度部门预算公开.txt"
    narrative.write_bytes(NARRATIVE.encode("gb18030"))
    tables = CORPUS / "js-rd-2019-tables.pdf"
    disclosure, problems = read_documents([narrative, tables])
    assert disclosure.meta.template == "jiangsu-department-2017"
    assert (disclosure.meta.unit, disclosure.meta.year) == ("江苏省人大常委会办公厅", 2019)
    assert disclosure.meta.kind == DocumentKind.DEPARTMENT_BUDGET
    assert disclosure.meta.sources == (narrative.name, tables.name)
    assert len(disclosure.tables) == 12
    assert [t.number for t in disclosure.tables] == NUMBERS  # printed `公开表一`…, and listed in the 目录
    assert [s.key for s in disclosure.narrative] == ["overview", "three_public"]
    assert disclosure.glossary[0].term == "财政拨款"
    three = disclosure.table(TableKind.THREE_PUBLIC)
    assert three is not None and three.source is not None and three.source.file == tables.name
    assert all(p.code.startswith(("meta-", "staffing")) for p in problems)


def test_same_table_in_two_files_is_reported(tmp_path: Path) -> None:
    tables = CORPUS / "js-zx-2018-tables.pdf"
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(tables.read_bytes())
    disclosure, problems = read_documents([tables, copy])
    assert len(disclosure.tables) == 12
    duplicates = [p for p in problems if p.code == "table-duplicate"]
    assert len(duplicates) == 12 and all(p.file == "copy.pdf" for p in duplicates)
    assert "copy.pdf" in duplicates[0].place()
