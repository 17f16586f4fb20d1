"""What yusuan writes, it reads back clean (issue 13, item 7).

The example is built in all four formats (HTML, PDF, Word, Excel) exactly as
`yusuan build` makes them, and `yusuan check`'s loader and rules run on each
file.  No output may give an error or a warning: a warning on our own output
is a misread (a chart taken for a table, a formula read as blank) or a budget
compiled inconsistently.  The infos that stay are listed and pinned: each is
true of the example's published data and says something the document cannot
show (表7 lists no economic codes below the class; a performance target counts
vehicles serviced, not owned).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.audit import load_for_check
from yusuan.check import run_checks
from yusuan.check.finding import Severity
from yusuan.model import Disclosure
from yusuan.pipeline import FORMATS, render_all

# (code, table or section, row) of every info the example's outputs may give.
EXPECTED_INFOS = {
    ("three-public-vs-basic-economic", "10", "reception"),  # 60.00 公务接待费, none in basic spending
    ("three-public-vs-basic-economic", "10", "vehicle_operation"),  # 70.00 vs basic 45.00
    ("counts-agree", "performance", "保障单位公务用车数量"),  # =18辆 serviced vs 11 owned
}


@pytest.fixture(scope="module")
def outputs(example_disclosure: Disclosure, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("readback")
    written = {}
    for name, content in render_all(example_disclosure, FORMATS).items():
        path = folder / f"example.{name}"
        path.write_bytes(content)
        written[name] = path
    return written


@pytest.mark.parametrize("fmt", FORMATS)
def test_own_output_checks_without_error_or_warning(outputs: dict[str, Path], fmt: str) -> None:
    (publication,) = load_for_check([outputs[fmt]])
    report = run_checks(publication.disclosure, read_problems=publication.problems, source=str(outputs[fmt]))
    serious = [(f.code, f.severity.value, f.message) for f in report.findings if f.severity is not Severity.INFO]
    assert serious == []
    infos = {
        (f.code, str(f.location.table or f.location.section), str(f.location.row))
        for f in report.findings
        if f.severity is Severity.INFO
    }
    assert infos == EXPECTED_INFOS


def test_pdf_chart_labels_are_not_text(outputs: dict[str, Path]) -> None:
    """The 三公 chart's axis labels and bar values are shapes in the PDF, not text a reader could take for rows."""
    import pymupdf

    document = pymupdf.open(outputs["pdf"])
    page = next(p for p in document if p.get_text().startswith("表 10\n"))
    text = page.get_text()
    assert "公务接待费" in text  # the table is text
    assert "147.00" not in text  # last year's 合计 is printed only on the chart
    assert "2023年" not in text  # the chart's legend
    assert page.get_drawings()  # the chart is drawn
