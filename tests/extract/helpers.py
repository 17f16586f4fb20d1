"""Small synthetic documents for the repair tests: rows are written with `|` for a tab."""

from __future__ import annotations

from yusuan.extract import ReadProblem, TextLine, read_lines, split_text
from yusuan.model import Disclosure

T5_HEADER = [
    "科 目|||一般公共预算支出|||",
    "功能分类科目编码|||功能分类科目名称|合 计|基本支出|项目支出",
    "类|款|项||||",
]


def rows(*lines: str) -> str:
    return "\n".join(line.replace("|", "\t") for line in lines)


def table_text(heading: str, header: list[str], body: list[str], unit: str = "单位：万元") -> str:
    return f"{heading}\n\n编制单位：测试单位\n\n{unit}\n\n{rows(*header)}\n{rows(*body)}\n"


def read(text: str) -> tuple[Disclosure, list[ReadProblem]]:
    return read_lines(split_text(text), "test.txt")


def read_paged(pages: list[str]) -> tuple[Disclosure, list[ReadProblem]]:
    lines: list[TextLine] = []
    for page, text in enumerate(pages, start=1):
        for line in text.split("\n"):
            lines.append(TextLine(line.replace("|", "\t"), len(lines) + 1, page))
    return read_lines(lines, "test.pdf")


def codes(problems: list[ReadProblem]) -> list[str]:
    return [p.code for p in problems if not p.code.startswith("meta-")]
