"""A finding's expected and actual values: shown as the page shows amounts (or as the rate its message prints),
downloaded as numbers."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.web.test_pages import _ids, visible
from yusuan.web.labels import figure_text, figure_value
from yusuan.web.pages import environment


def test_a_figure_is_shown_as_an_amount_a_rate_as_printed_a_word_as_it_is() -> None:
    assert figure_text("154369327.00") == "154,369,327.00"
    assert figure_text("154369326") == "154,369,326.00"
    assert figure_text("1234.567") == "1,234.567"  # no digit dropped
    assert figure_text("-0.01") == "-0.01"
    assert figure_text("5.0", "增长率应为 5.11%，而不是 5.0%。") == "5.0%"
    assert figure_text("空白") == "空白" and figure_text(None) == ""
    assert figure_value("3503499") == Decimal("3503499") and figure_value("本单位") == "本单位"


def test_the_finding_card_shows_both_values_as_the_message_does() -> None:
    finding = {
        "finding_index": 0, "severity": "error", "severity_label": "错误", "code": "total-row-sum", "title": "合计",
        "message": "表1“合计”为 154,369,326.00，各项之和为 154,369,327.00", "anchor": None, "place": "表1",
        "expected": "154369327.00", "actual": "154369326", "page_image": None, "suggestion": None,
    }  # fmt: skip
    html = environment().get_template("_findings.html").render(view={"findings": [finding], "notices": []})
    assert "应为 154,369,327.00，实为 154,369,326.00" in visible(html)


def test_the_findings_download_holds_the_values_as_numbers(client: TestClient, store: Path) -> None:
    address = f"/api/documents/{_ids(store)['湖州市退役军人事务局']}/findings"
    page = visible(client.get(address.removeprefix("/api").removesuffix("/findings")).text)
    assert "应为 5.11%，实为 5.0%" in page  # 增长率: as the message prints it
    sheet = load_workbook(io.BytesIO(client.get(address, params={"format": "xlsx"}).content)).active
    header = [c.value for c in sheet[1]]
    expected, actual = header.index("应为") + 1, header.index("实为") + 1
    first = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, expected).value is not None)
    assert sheet.cell(first, expected).data_type == "n" and sheet.cell(first, expected).value == 5.11
    assert sheet.cell(first, actual).value == 5
    rows = list(csv.reader(io.StringIO(client.get(address, params={"format": "csv"}).content.decode("utf-8-sig"))))
    assert rows[1][rows[0].index("应为")] == "5.11" and rows[1][rows[0].index("实为")] == "5.00"
