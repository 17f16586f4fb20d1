"""A document's PDF page as an image with its finding's box: drawn, kept, refused in Chinese when it cannot be."""

from __future__ import annotations

import hashlib
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from tests.conftest import FIXTURES
from tests.web.conftest import LIMITS
from yusuan.batch.run import run_batch
from yusuan.store import PublicationRecord, open_store, store_record
from yusuan.store.records import FileRecord, FindingRecord
from yusuan.web.page_render import BORDER, PageRenderer, PageRequest

FINANCE = FIXTURES / "corpus" / "sh-finance-unit-2025.pdf"
RED = (219, 26, 26)  # check.annotate.COLOURS[ERROR] in 8 bits
BLUE = (51, 102, 217)  # check.annotate.COLOURS[INFO] in 8 bits
LOCATED = [517.87, 464.51, 577.87, 476.51]  # 302 商品和服务支出's 合计, 24,840,779 on page 17 (test_annotate)


def _synthetic(path: Path, sha256: str, unit: str, actual: str) -> PublicationRecord:
    finding = FindingRecord(
        0, "expenditure-columns", "error", "合计不等于各项之和", path.name, None, None, None, None, None, 17, 3,
        "1.00", actual, None,
    )  # fmt: skip
    return PublicationRecord(
        files=(FileRecord(str(path), sha256, 100),), status="checked", unit=unit, year=2025, pages=21,
        kind="department_budget", findings=(finding,),
    )  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("page-image-documents")
    shutil.copy(FINANCE, folder)
    shutil.copy(FIXTURES / "kizilsu-2024-party-committee-office-budget.txt", folder)
    db = tmp_path_factory.mktemp("page-image-store") / "store.duckdb"
    assert dict(run_batch([folder], db, workers=1, limits=LIMITS).by_status) == {"checked": 2}
    copy = tmp_path_factory.mktemp("copies") / "copy.pdf"  # other bytes: another document (the store keys by them)
    copy.write_bytes(FINANCE.read_bytes() + b"\n% a copy\n")
    sha = hashlib.sha256(copy.read_bytes()).hexdigest()
    connection = open_store(db)
    try:
        store_record(connection, _synthetic(copy, sha, "找不到数字的单位", "987654321.12"))
        store_record(connection, _synthetic(copy, "0" * 64, "文件已更改的单位", "24840779"))
        store_record(connection, _synthetic(folder / "gone.pdf", "1" * 64, "文件已删除的单位", "24840779"))
        moved = copy.with_name("moved-later.pdf")  # removed by a test after its page was shown
        moved.write_bytes(FINANCE.read_bytes() + b"\n% moved later\n")
        store_record(connection, _synthetic(moved, _sha256(moved), "文件稍后移走的单位", "24840779"))
        damaged = copy.with_name("damaged.pdf")  # its first 3,000 bytes: the store's hash matches, MuPDF cannot read it
        damaged.write_bytes(FINANCE.read_bytes()[:3000])
        digest = hashlib.sha256(damaged.read_bytes()).hexdigest()
        store_record(connection, _synthetic(damaged, digest, "文件已损坏的单位", "24840779"))
    finally:
        connection.close()
    return db


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from yusuan.web.app import create_app

    app = create_app(store)
    yield TestClient(app)
    app.state.page_images.renderer.close()


def _document(client: Any, unit: str) -> int:
    found = client.get("/api/documents", params={"q": unit}).json()["documents"]
    assert len(found) == 1
    return int(found[0]["id"])


def _finding(client: Any, document: int, column: str) -> dict[str, Any]:
    findings = client.get(f"/api/documents/{document}/findings").json()
    return next(f for f in findings if f["row_key"] == "302" and f["column_key"] == column)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", content[16:24])
    return width, height


def test_the_page_with_the_finding_box_in_its_severity_colour(client: Any) -> None:
    document = _document(client, "上海市财政局")
    finding = _finding(client, document, "total")  # a 1-yuan rounding residue of a whole-yuan table: an info
    assert finding["severity"] == "info" and finding["page"] == 17 and finding["actual"] == "24840779"
    box = client.get(f"/api/documents/{document}/findings/{finding['finding_index']}/box")
    assert box.status_code == 200
    assert box.json() | {"rect": None} == {
        "finding": finding["finding_index"],
        "file": "sh-finance-unit-2025.pdf",
        "page": 17,
        "pages": 21,
        "located": True,
        "note": None,
        "rect": None,
        "rect_unit": "pt",
        "image": f"/documents/{document}/pages/17.png?finding={finding['finding_index']}",
        "image_width": 1600,
        "image_height": 1132,
    }
    assert box.json()["rect"] == LOCATED
    answer = client.get(box.json()["image"])
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/png"
    assert (
        answer.headers["etag"].startswith('"223f7ad8218f9d59-')
        and answer.headers["cache-control"] == "private, max-age=300"
    )
    assert _png_size(answer.content) == (1600, 1132)  # a landscape A4 page at 1600 / 841.8 pixels a point
    pixmap = pymupdf.Pixmap(answer.content)
    zoom = 1600 / 841.8
    left, middle = int(LOCATED[0] * zoom) - 2 - BORDER + 1, int((LOCATED[1] + LOCATED[3]) / 2 * zoom)
    assert pixmap.pixel(left, middle) == BLUE  # the frame's left edge, beside 24,840,779
    assert pixmap.pixel(int(LOCATED[2] * zoom) + 2 + BORDER, middle) == BLUE  # its right edge
    assert pixmap.pixel(left - 12, middle) == (255, 255, 255)  # the paper just outside the frame
    plain = client.get(f"/documents/{document}/pages/17.png")
    assert plain.status_code == 200 and BLUE not in _pixels_on_row(pymupdf.Pixmap(plain.content), middle)


def _pixels_on_row(pixmap: Any, y: int) -> set[tuple[int, ...]]:
    return {pixmap.pixel(x, y) for x in range(pixmap.width)}


def test_the_other_column_is_boxed_and_the_second_view_is_not_drawn_again(client: Any) -> None:
    document = _document(client, "上海市财政局")
    finding = _finding(client, document, "public")  # 公用经费: the same figure, further right on the line
    images = client.app.state.page_images
    before = images.renderer.renders
    box = client.get(f"/api/documents/{document}/findings/{finding['finding_index']}/box").json()
    assert box["rect"] == [743.52, 464.51, 803.52, 476.51]
    assert images.renderer.renders == before + 1
    first = client.get(box["image"])  # a new address: the app's response cache has not seen it
    second = client.get(box["image"])
    assert first.status_code == second.status_code == 200 and first.content == second.content
    assert images.renderer.renders == before + 1  # both from the drawn pages kept
    assert 0 < images.size <= images.budget


def test_a_figure_not_found_gives_the_page_without_a_box(client: Any) -> None:
    document = _document(client, "找不到数字的单位")
    box = client.get(f"/api/documents/{document}/findings/0/box").json()
    assert box["located"] is False and box["rect"] is None and box["page"] == 17 and box["file"] == "copy.pdf"
    assert box["note"] == "未能在此页上定位该处，请对照表格查看"
    boxed = client.get(f"/documents/{document}/pages/17.png?finding=0")
    plain = client.get(f"/documents/{document}/pages/17.png")
    assert boxed.status_code == plain.status_code == 200
    assert _png_size(plain.content) == (1600, 1132) and _png_size(boxed.content) == (1600, 1181)
    strip = pymupdf.Pixmap(boxed.content)  # the page below a pink strip that says the place was not found
    assert strip.pixel(1590, 10) == (252, 229, 229) and strip.pixel(1590, 1175) == (255, 255, 255)
    assert RED not in _pixels_on_row(strip, 1132 // 2 + 50)  # and no box


def test_the_note_printed_above_a_page_without_its_box() -> None:
    from yusuan.web.page_render import NOT_LOCATED, NOTE_POINTS, noted_page

    with pymupdf.open(FINANCE) as document:
        page = document[16]
        with noted_page(document, page, NOT_LOCATED) as noted:
            assert noted.rect.height == page.rect.height + NOTE_POINTS
            strip = noted.get_text(clip=pymupdf.Rect(0, 0, noted.rect.width, NOTE_POINTS)).strip()
            below = noted.get_text(clip=pymupdf.Rect(0, NOTE_POINTS, noted.rect.width, noted.rect.height))
    assert strip == "未能在此页上定位该处，请对照表格查看"
    assert "24,840,779" in below  # the page itself, whole, under the note


def test_a_changed_or_missing_file_is_said_in_chinese(client: Any) -> None:
    changed = _document(client, "文件已更改的单位")
    answer = client.get(f"/documents/{changed}/pages/17.png?finding=0")
    assert answer.status_code == 404 and "原文文件已更改（与检查时的内容不同）：copy.pdf" in answer.text
    assert answer.headers["content-type"].startswith("text/html")
    gone = _document(client, "文件已删除的单位")
    answer = client.get(f"/documents/{gone}/pages/17.png")
    assert answer.status_code == 404 and "原文文件已不在原处：gone.pdf" in answer.text
    box = client.get(f"/api/documents/{gone}/findings/0/box")
    assert box.status_code == 404 and box.json() == {"detail": "原文文件已不在原处：gone.pdf"}


def test_pages_findings_and_documents_that_are_not_there(client: Any) -> None:
    document = _document(client, "上海市财政局")
    answer = client.get(f"/documents/{document}/pages/22.png")
    assert answer.status_code == 404 and "原文只有 21 页" in answer.text
    assert client.get(f"/documents/{document}/pages/0.png").status_code == 404
    answer = client.get(f"/documents/{document}/pages/1.png?finding=999")
    assert answer.status_code == 404 and "这份文档没有编号为 999 的检查结果" in answer.text
    answer = client.get(f"/documents/{document}/pages/1.png?file=other.pdf")
    assert answer.status_code == 404 and "这份文档没有名为“other.pdf”的 PDF 文件" in answer.text
    assert client.get("/documents/999999/pages/1.png").status_code == 404
    answer = client.get(f"/documents/{document}/pages/abc.png")
    assert answer.status_code == 404 and "页码应为不超过九位的整数：abc" in answer.text
    answer = client.get(f"/documents/{document}/pages/1.png?finding=99999999999999999999")
    assert answer.status_code == 404 and "检查结果编号应为不超过九位的整数" in answer.text
    assert client.get(f"/api/documents/{document}/findings/x/box").json() == {
        "detail": "检查结果编号应为不超过九位的整数：x"
    }
    assert client.get("/api/documents/999999/findings/0/box").json() == {"detail": "库中没有编号为 999999 的文档"}


def test_a_text_document_has_no_page_image(client: Any) -> None:
    found = client.get("/api/documents", params={"q": "克孜勒苏"}).json()["documents"]
    document = int(found[0]["id"])
    answer = client.get(f"/documents/{document}/pages/1.png")
    assert answer.status_code == 404 and "这份文档不是 PDF 文件，没有原文页面图像" in answer.text
    page = client.get(f"/api/documents/{document}").json()
    assert page["findings"] and all(f["page_image"] is None for f in page["findings"])
    assert "原文第" not in client.get(f"/documents/{document}").text


def test_the_document_page_links_each_finding_to_its_page(client: Any) -> None:
    document = _document(client, "上海市财政局")
    finding = _finding(client, document, "total")
    index = finding["finding_index"]
    html = client.get(f"/documents/{document}").text
    assert f'<a class="page-link" href="#p-{index}">原文第 17 页</a>' in html
    assert f'<div class="page-panel" id="p-{index}">' in html
    assert f'<img loading="lazy" src="/documents/{document}/pages/17.png?finding={index}"' in html
    page = client.get(f"/api/documents/{document}").json()
    linked = next(f for f in page["findings"] if f["finding_index"] == index)
    assert linked["page_image"] == f"/documents/{document}/pages/17.png?finding={index}"


def test_a_render_past_its_deadline_is_stopped() -> None:
    renderer = PageRenderer(seconds=0.0)  # the worker cannot even start in no time
    try:
        drawn = renderer.render(PageRequest(str(FINANCE), hashlib.sha256(FINANCE.read_bytes()).hexdigest(), 1))
        assert drawn.problem == "timeout" and drawn.png == b"" and drawn.message == "原文页面渲染超过 0 秒，已停止"
        assert renderer._process is None  # the worker was killed; the next render starts another
    finally:
        renderer.close()


def test_a_narrative_figure_is_framed_where_it_prints_whole() -> None:
    from decimal import Decimal

    from yusuan.check.locate import locate_figure

    with pymupdf.open(FIXTURES / "national" / "huz-tyjr-2026.pdf") as document:
        page = document[4]  # 收入预算 … 比上年执行数减少 336.67 万元，下降 5.0%
        found = locate_figure(page, Decimal("5.0"), printed="5.0", standalone=True)
        assert found is not None and page.get_textbox(found).strip() == "5.0"
        assert "下降" in page.get_textbox(pymupdf.Rect(found.x0 - 40, found.y0, found.x1, found.y1))
        as_annotate = locate_figure(page, Decimal("5.0"))  # --annotate's search: the first "5" of the page
        assert as_annotate is not None and as_annotate.y0 < found.y0  # above: the 5 of 6256.31
        around = pymupdf.Rect(as_annotate.x0 - 20, as_annotate.y0, as_annotate.x1 + 20, as_annotate.y1)
        assert "6256" in page.get_textbox(around)


def test_a_browser_that_has_the_image_is_told_so(client: Any) -> None:
    document = _document(client, "上海市财政局")
    first = client.get(f"/documents/{document}/pages/3.png")
    assert first.status_code == 200
    again = client.get(  # another address for the same image: past the app's response cache, to the page's ETag
        f"/documents/{document}/pages/3.png?file=sh-finance-unit-2025.pdf",
        headers={"If-None-Match": first.headers["etag"]},
    )
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == first.headers["etag"]


def test_a_damaged_pdf_is_said_in_chinese_and_the_server_goes_on(client: Any) -> None:
    damaged = _document(client, "文件已损坏的单位")
    answer = client.get(f"/documents/{damaged}/pages/1.png")
    assert answer.status_code == 422
    assert "原文 PDF 无法读取：PDF 文件不完整（可能被截断）或已损坏，无法读取" in answer.text
    box = client.get(f"/api/documents/{damaged}/findings/0/box")
    assert box.status_code == 422 and box.json()["detail"].startswith("原文 PDF 无法读取")
    document = _document(client, "上海市财政局")
    assert client.get(f"/documents/{document}/pages/2.png").status_code == 200  # the worker draws on


def test_a_file_name_holding_a_comma_of_enumeration_still_links_its_page() -> None:
    """The display joins names with 、; the link is chosen from the names themselves, so a file named
    “一般公共预算、政府性基金预算.pdf” (as published documents' parts are) is not split into two unknown names."""
    from yusuan.web.data import _link_page_images

    names = ["一般公共预算、政府性基金预算.pdf", "部门预算说明.pdf"]
    document = {"file_names": names, "files": "、".join(names)}
    findings = [{"file": names[0], "page": 3, "finding_index": 0}, {"file": None, "page": None, "finding_index": 1}]
    _link_page_images(7, document, findings)
    assert findings[0]["page_image"] == (
        "/documents/7/pages/3.png?finding=0&file=%E4%B8%80%E8%88%AC%E5%85%AC%E5%85%B1%E9%A2%84%E7%AE%97"
        "%E3%80%81%E6%94%BF%E5%BA%9C%E6%80%A7%E5%9F%BA%E9%87%91%E9%A2%84%E7%AE%97.pdf"
    )
    assert findings[1]["page_image"] is None
    one = {"file_names": [names[0]], "files": names[0]}
    alone = [{"file": None, "page": 5, "finding_index": 2}]
    _link_page_images(7, one, alone)
    assert alone[0]["page_image"] == "/documents/7/pages/5.png?finding=2"


def test_a_page_shown_before_its_file_was_moved_is_not_served_after(client: Any) -> None:
    """The app's response cache does not keep page images (they are `private`): each request looks for the file."""
    document = _document(client, "文件稍后移走的单位")
    address = f"/documents/{document}/pages/17.png?finding=0"
    shown = client.get(address)
    assert shown.status_code == 200 and shown.headers["cache-control"] == "private, max-age=300"
    again = client.get(address, headers={"If-None-Match": shown.headers["etag"]})
    assert again.status_code == 304  # the same address: answered by the handler, not by a kept 200
    [(path,)] = client.app.state.connection.execute("SELECT path FROM files WHERE name = 'moved-later.pdf'").fetchall()
    Path(path).unlink()  # where the store says the file is
    gone = client.get(address)
    assert gone.status_code == 404 and "原文文件已不在原处：moved-later.pdf" in gone.text


def test_a_spaced_out_label_of_a_two_sided_line_anchors_its_own_figure() -> None:
    from decimal import Decimal

    from yusuan.check.locate import locate_figure

    with pymupdf.open() as document:
        page = document.new_page(width=600, height=300)
        page.insert_text((20, 100), "本年收入合计", fontname="china-s", fontsize=9)
        page.insert_text((200, 100), "38191.21", fontsize=9)
        page.insert_text((20, 200), "收  入  总  计", fontname="china-s", fontsize=9)  # as Zhejiang prints it
        page.insert_text((200, 200), "38191.21", fontsize=9)
        page.insert_text((320, 200), "支  出  总  计", fontname="china-s", fontsize=9)
        page.insert_text((500, 200), "38191.21", fontsize=9)
        income = locate_figure(page, Decimal("38191.21"), "收入总计")
        expenditure = locate_figure(page, Decimal("38191.21"), "支出总计")
        assert income is not None and expenditure is not None
        assert (round(income.y1), round(income.x0)) == (round(expenditure.y1), 200)  # not 本年收入合计's, above
        assert round(expenditure.x0) == 500


def test_a_total_of_a_two_sided_table_is_boxed_at_the_row_printing_its_column(tmp_path: Path) -> None:
    from decimal import Decimal

    from yusuan.web.page_image import _label_and_rank

    connection = open_store(tmp_path / "s.duckdb")
    connection.execute(
        "INSERT INTO tables (document_id, table_index, number, kind, title, money_unit, page)"
        " VALUES (1, 3, '04', 'fiscal_summary', '财政拨款收支预算总表', '万元', 35)"
    )
    for row, side, label, column in ((68, "income", "收入总计", "amount"), (69, "expenditure", "支出总计", "total")):
        connection.execute(
            "INSERT INTO cells (document_id, table_index, row_index, side, row_key, label, column_key, amount, page)"
            " VALUES (1, 3, ?, ?, 'total', ?, ?, ?, 35)",
            [row, side, label, column, Decimal("38191.21")],
        )
    finding = {"row_key": "total", "table_number": "04", "table_kind": "fiscal_summary", "actual": "38191.21"}
    assert _label_and_rank(connection, 1, {**finding, "column_key": "total"}) == ("支出总计", 0)
    assert _label_and_rank(connection, 1, {**finding, "column_key": "amount"}) == ("收入总计", 0)
