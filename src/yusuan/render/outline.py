"""The document's outline as printed: the four part titles, table captions, the signature date.

Word, Excel and HTML print the same headings; they take them from here, so
that a department budget says 部门 everywhere and a disclosure read from a
published file keeps the part titles its table of contents printed.  Pure
functions of the `Disclosure`.
"""

from __future__ import annotations

from yusuan.model import Disclosure, Table

PART_NUMERALS = ("一", "二", "三", "四")


def part_titles(disclosure: Disclosure) -> tuple[str, str, str, str]:
    """第一部分 … 第四部分, as the table of contents prints them (or the template's defaults)."""
    year = disclosure.meta.year
    entity = disclosure.meta.kind.entity
    kind = disclosure.meta.kind.label.removeprefix(entity)  # 预算 or 决算
    defaults = (
        f"第一部分 {year}年{entity}概况",
        f"第二部分 {year}年{entity}{kind}公开表",
        f"第三部分 {year}年{entity}{kind}情况说明",
        "第四部分 名词解释",
    )
    titles = []
    for numeral, default in zip(PART_NUMERALS, defaults, strict=True):
        printed = next((c for c in disclosure.contents if c.startswith(f"第{numeral}部分")), None)
        titles.append(printed or default)
    return titles[0], titles[1], titles[2], titles[3]


def table_caption(table: Table) -> str:
    """`表1 单位收支总体情况表`."""
    return f"表{table.number} {table.title}"


def signature_date(disclosure: Disclosure) -> str:
    """`2024年02月25日`, or empty when the publication date is unknown."""
    published = disclosure.meta.published
    return f"{published.year}年{published.month:02d}月{published.day:02d}日" if published else ""


def unit_line(disclosure: Disclosure) -> str:
    return f"编制单位：{disclosure.meta.unit}"
