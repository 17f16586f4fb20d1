"""A real error's box on its PDF page: 湖州交通运输局 2026's 表04 income, which its own totals and 表01 dispute."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pymupdf
import pytest

from tests.conftest import FIXTURES
from tests.web.conftest import LIMITS
from yusuan.batch.run import run_batch
from yusuan.web.page_render import BORDER

TRANSPORT = FIXTURES / "national" / "huz-jtj-2026.pdf"
RED = (219, 26, 26)  # check.annotate.COLOURS[ERROR] in 8 bits


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from yusuan.web.app import create_app

    folder = tmp_path_factory.mktemp("error-box-documents")
    shutil.copy(TRANSPORT, folder)
    db = tmp_path_factory.mktemp("error-box-store") / "store.duckdb"
    assert dict(run_batch([folder], db, workers=1, limits=LIMITS).by_status) == {"checked": 1}
    app = create_app(db)
    yield TestClient(app)
    app.state.page_images.renderer.close()


def test_the_error_is_boxed_in_red_on_the_figure_to_correct(client: Any) -> None:
    [document] = client.get("/api/documents").json()["documents"]
    findings = client.get(f"/api/documents/{document['id']}/findings").json()
    finding = next(f for f in findings if f["code"] == "summary-vs-fiscal-income" and f["row_key"] == "fiscal.current")
    assert (finding["severity"], finding["table_number"], finding["actual"], finding["expected"]) == (
        "error",
        "04",
        "42673.03",
        "192207.76",
    )
    box = client.get(f"/api/documents/{document['id']}/findings/{finding['finding_index']}/box").json()
    assert (box["located"], box["page"], box["file"]) == (True, finding["page"], TRANSPORT.name)
    rect = box["rect"]
    with pymupdf.open(TRANSPORT) as pdf:
        framed = pdf[box["page"] - 1].get_textbox(pymupdf.Rect(rect)).split()
    assert framed == ["42673.03"]  # the box holds the figure the finding is about, and nothing else
    image = pymupdf.Pixmap(client.get(box["image"]).content)
    zoom = box["image_width"] / pdf_width(box["page"])
    middle = int((rect[1] + rect[3]) / 2 * zoom)
    assert image.pixel(int(rect[0] * zoom) - 2 - BORDER + 1, middle) == RED  # the frame's left edge
    assert image.pixel(int(rect[2] * zoom) + 2 + BORDER, middle) == RED  # its right edge


def pdf_width(page: int) -> float:
    with pymupdf.open(TRANSPORT) as pdf:
        return float(pdf[page - 1].rect.width)


def test_a_comparison_of_two_tables_calls_neither_figure_right(client: Any) -> None:
    # 表01 一般公共预算 52,244.36 against 表04's 35,673.03: nothing says which is wrong, so no "应为 35,673.03"
    [document] = client.get("/api/documents").json()["documents"]
    page = client.get(f"/documents/{document['id']}").text
    assert "本处 52,244.36，对照表为 35,673.03" in page and "应为 35,673.03" not in page
    # the narrative against 表04: the narrative, 表01 and 表04's own classes agree on 192,207.76
    assert "应为 192,207.76，实为 42,673.03 · <code>narrative-amount</code>" in " ".join(page.split())


def test_the_download_puts_the_other_tables_figure_under_its_own_heading_not_under_should_be(client: Any) -> None:
    import csv
    import io

    [document] = client.get("/api/documents").json()["documents"]
    answer = client.get(f"/api/documents/{document['id']}/findings", params={"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    compared = next(r for r in rows if r["规则"] == "summary-vs-fiscal-income" and r["实为"] == "42673.03")
    assert (compared["应为"], compared["对照表数值"]) == ("", "192207.76")  # two tables differ: neither is "应为"
    summed = next(r for r in rows if r["规则"] == "total-row-sum")
    assert summed["应为"] and not summed["对照表数值"]  # a total against its terms says what it should be
