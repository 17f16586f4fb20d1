"""Files: encodings, pages from form feeds, and what cannot be read at all."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from tests.extract.helpers import T5_HEADER, read, table_text
from yusuan.errors import InputError
from yusuan.extract import read_text_file, split_text
from yusuan.model import DocumentKind

TABLE = table_text("表 5\n\n一般公共预算支出情况表", T5_HEADER, ["|||合 计|1.00|1.00|"])
DEPARTMENT = (
    "某某局 2025 年部门预算公开\n\n第一部分 2025 年部门概况\n\n一、主要职能\n\n1. 负责某某工作。\n\n"
    "第二部分 2025 年部门预算公开表\n\n" + TABLE + "\n第四部分 名词解释\n\n一、基本支出：指人员经费和公用经费。\n"
)


def test_utf8_with_bom_and_gb18030(tmp_path: Path) -> None:
    for name, data in (
        ("bom.txt", "\ufeff".encode() + DEPARTMENT.encode("utf-8")),
        ("gbk.txt", DEPARTMENT.encode("gb18030")),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        disclosure, _ = read_text_file(path)
        assert disclosure.meta.unit == "测试单位"  # 编制单位 of the tables
        assert disclosure.meta.sources == (name,)
        assert [t.number for t in disclosure.tables] == ["5"]


def test_department_documents_and_parts() -> None:
    disclosure, problems = read(DEPARTMENT.replace("编制单位：测试单位\n", ""))
    assert (disclosure.meta.unit, disclosure.meta.kind, disclosure.meta.year) == (
        "某某局",  # from the title, without 编制单位 lines
        DocumentKind.DEPARTMENT_BUDGET,
        2025,
    )
    assert disclosure.profile.duties == ["负责某某工作。"]
    assert [(g.term, g.definition) for g in disclosure.glossary] == [("基本支出", "指人员经费和公用经费。")]
    assert problems == []


def test_a_document_without_title_or_maker_has_no_unit() -> None:
    disclosure, problems = read("第二部分 预算公开表\n\n" + TABLE.replace("编制单位：测试单位\n", ""))
    assert disclosure.meta.unit == ""
    assert [p.code for p in problems] == ["meta-unit-missing", "meta-year-missing"]


def test_form_feeds_number_the_pages() -> None:
    lines = split_text("第一页\n\f第二页\n续\n\f\f第四页")
    assert [(line.text, line.line_no, line.page) for line in lines] == [
        ("第一页", 1, 1),
        ("第二页", 2, 2),
        ("续", 3, 2),
        ("第四页", 4, 4),
    ]
    assert split_text("a\r\nb")[1].page is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件是空的"),
        (b"\n  \n", "文件是空的"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "不是文本文件"),
        ("这是一封信，不是预算公开。\n".encode(), "不像是预算公开文件"),
        (b"\xff\xfe\xfa\xfb" * 3, "既不是 UTF-8 也不是 GB18030"),
    ],
)
def test_files_that_cannot_be_read_at_all(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as error:
        read_text_file(path)
    assert error.value.place == str(path)
    assert message in error.value.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        read_text_file(tmp_path / "nope.txt")
    assert error.value.message == "无法读取文件：文件不存在（已被移走或删除）"  # not Python's "No such file"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (errno.EACCES, "无法读取文件：没有读取权限"),
        (errno.EIO, "无法读取文件：读取出错（磁盘或网络错误）"),
        (errno.EINVAL, f"无法读取文件（系统错误 {errno.EINVAL}）"),
        (None, "无法读取文件"),
    ],
)
def test_a_reader_says_why_a_file_cannot_be_read_in_chinese(code: int | None, message: str) -> None:
    from yusuan.errors import unreadable

    assert unreadable(OSError(code, "English text from the system")) == message


def test_part_1_paragraphs_under_other_headings_are_kept_for_their_wording() -> None:
    """广州 信访局 2026 部门预算 p4: `三、部门预算构成` after 主要职能 and 机构设置 is neither; its text is kept."""
    part1 = (
        "一、主要职能\n\n1. 负责某某工作。\n\n二、部门机构设置\n\n本部门设8个内设机构。\n\n"
        "三、部门预算构成\n\n本部门无下属单位，部门预算为局本级预算。\n\n"
    )
    disclosure, problems = read(DEPARTMENT.replace("一、主要职能\n\n1. 负责某某工作。\n\n", part1))
    assert disclosure.profile.duties == ["负责某某工作。"]
    assert disclosure.profile.organisation == "本部门设8个内设机构。"
    assert disclosure.profile.other == ["本部门无下属单位，部门预算为局本级预算。"]
    assert problems == []


def test_shenzhens_part_of_other_matters_is_read_as_the_explanation() -> None:
    """深圳 建筑工务署 2026 部门预算 p13: `第八部分 其他需要说明情况` holds 机关运行经费 and 国有资产."""
    part8 = (
        "第八部分 其他需要说明情况\n\n一、机关运行经费\n\n2026年本部门机关运行经费财政拨款预算663.00万元，"
        "较2025年年初预算增加19.08万元，增长3.0%。\n\n"
    )
    disclosure, _ = read(DEPARTMENT.replace("第四部分 名词解释", part8 + "第九部分 名词解释"))
    [other] = [s for s in disclosure.narrative if s.key == "other"]
    assert (other.number, other.title) == ("八", "其他需要说明情况")
    assert other.paragraphs[-1].text.endswith("增长3.0%。")


def test_the_tables_parts_own_sentences_are_kept() -> None:
    """江苏省政协办公厅2019年度部门预算 p9: `第二部分 2019 年度部门预算表` holds one sentence, `…公开表附后。`."""
    text = DEPARTMENT.replace(
        "第二部分 2025 年部门预算公开表\n\n", "第二部分 2025 年部门预算公开表\n\n2025年度部门预算公开表附后。\n\n"
    )
    disclosure, _ = read(text)
    assert disclosure.tables_text == ["2025年度部门预算公开表附后。"]
    assert [t.number for t in disclosure.tables] == ["5"]
