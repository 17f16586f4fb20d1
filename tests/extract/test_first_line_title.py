"""The unit's name from a document's first line, the last resort when no cover or 编制单位 names it."""

from __future__ import annotations

import pytest

from yusuan.extract.outline import first_line_title


@pytest.mark.parametrize(
    ("first_line", "unit"),
    [
        # tests/fixtures/pages/sh-pt-swj-2025-p3-p4.pdf (上海 普陀 商务委 2025, pages 3–4): Part 1's heading comes first
        ("上海市普陀区商务委员会主要职能", "上海市普陀区商务委员会"),
        ("某市统计局机构设置", "某市统计局"),
        ("广州市信访局2026年部门预算", "广州市信访局"),
        ("无锡市统计局", "无锡市统计局"),
    ],
)
def test_the_first_line_names_the_unit(first_line: str, unit: str) -> None:
    assert first_line_title([first_line]) == unit


def test_a_document_starting_with_its_contents_names_no_unit() -> None:
    assert first_line_title(["目录"]) == ""
