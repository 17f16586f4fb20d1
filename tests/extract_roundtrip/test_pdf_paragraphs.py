"""A narrative item that yusuan's own PDF wraps right after `（项）：` reads back as one paragraph.

With 2080505 named `机关事业单位基本养老保险缴费` (its catalogue name without `支出`), item 5 of 五（三）
fills its first line up to `（项）：` and the figures follow on the next; the PDF must give the same
paragraphs as the compiled document (and so the same checks as the HTML).
"""

from __future__ import annotations

from pathlib import Path

from yusuan.compile import compile_budget
from yusuan.extract import read_document
from yusuan.inputs import load_budget
from yusuan.model import Disclosure
from yusuan.render.pdf import render_pdf

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kizilsu-2024" / "budget.yaml"
FULL_NAME = '"2080505": 机关事业单位基本养老保险缴费支出'


def _uses(disclosure: Disclosure) -> list[str]:
    section = next(s for s in disclosure.narrative if s.number == "五")
    return [p.text for p in section.subsections[2].paragraphs]


def test_an_item_wrapped_after_its_colon_reads_back_whole(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert FULL_NAME in text
    budget = tmp_path / "budget.yaml"
    budget.write_text(text.replace(FULL_NAME, FULL_NAME.removesuffix("支出")), encoding="utf-8")
    compiled = compile_budget(load_budget(budget))
    pdf = tmp_path / "budget.pdf"
    pdf.write_bytes(render_pdf(compiled, charts=[]))
    read, _ = read_document(pdf)
    assert _uses(read) == _uses(compiled)
    assert _uses(read)[4] == (
        "5. 社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费（项）：2024年预算数为"
        "118.43万元，比上年预算增加15.06万元，增长14.57%，主要原因是本年度我单位人员增加5人，在职人员基础绩效"
        "工资调增，相应养老保险缴费基数增加，预算增加。"
    )
