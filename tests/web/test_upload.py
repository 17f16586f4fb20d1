"""The upload page: a wrong type or too much is refused at the door; a file is checked in a worker process."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import FIXTURES
from tests.web.test_pages import _ids, visible
from yusuan.web import upload


def test_a_corrupt_pdf_gets_the_one_line_chinese_reason(client: TestClient) -> None:
    broken = (FIXTURES / "national" / "cq-xcb-2026.pdf").read_bytes()[:3000]
    page = client.post("/upload", files=[("files", ("预算.pdf", broken, "application/pdf"))])
    assert page.status_code == 200
    text = visible(page.text)
    assert "无法读取" in text and "未能检查：预算.pdf：PDF 文件不完整" in text  # one kind of colon
    assert "yusuan-upload-" not in page.text and "Traceback" not in page.text
    body = client.post("/api/upload", files=[("files", ("预算.pdf", broken, "application/pdf"))]).json()
    [report] = body["reports"]
    assert report["document"]["status"] == "refused"
    assert report["document"]["error"].startswith("预算.pdf：") and "\n" not in report["document"]["error"]


def test_a_real_publication_is_checked_and_shown_like_a_stored_one(client: TestClient, store: Path) -> None:
    pdf = (FIXTURES / "national" / "huz-tyjr-2026.pdf").read_bytes()
    page = client.post("/upload", files=[("files", ("huz.pdf", pdf, "application/pdf"))])
    assert page.status_code == 200
    text = visible(page.text)
    assert "湖州市退役军人事务局" in text and "增长率与增减额不符" in text and "读出的表格" in text
    assert 'id="u1-f-0"' in page.text  # the page's ids carry the report's prefix


def test_the_api_report_is_shaped_as_the_stored_documents_json(client: TestClient, store: Path) -> None:
    """No `id_prefix` (a detail of the upload page's HTML) in the API's answer, and anchors as the store's JSON of
    the same file gives them."""
    pdf = (FIXTURES / "national" / "huz-tyjr-2026.pdf").read_bytes()
    [report] = client.post("/api/upload", files=[("files", ("huz.pdf", pdf, "application/pdf"))]).json()["reports"]
    stored = client.get(f"/api/documents/{_ids(store)['湖州市退役军人事务局']}").json()
    assert sorted(report) == sorted(stored) == ["document", "findings", "notices", "tables"]
    anchors = [f["anchor"] for f in report["findings"]]
    assert anchors == [f["anchor"] for f in stored["findings"]]
    kinds = {a.split("-")[0] for a in anchors if a}
    assert "c" in kinds and kinds <= {"c", "r", "t"}  # a cell, a row or a table, named without a prefix
    assert [t["anchor"] for t in report["tables"]] == [t["anchor"] for t in stored["tables"]]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("病毒.exe", b"MZ\x90\x00", "不支持这种文件"),
        ("假的.pdf", b"<html>not a pdf</html>", "文件内容与扩展名 .pdf 不符"),
        ("表格.xlsx", b"%PDF-1.7 not a workbook", "文件内容与扩展名 .xlsx 不符"),
        ("空.txt", b"", "文件是空的"),
    ],
)
def test_a_wrong_type_is_refused(client: TestClient, name: str, content: bytes, reason: str) -> None:
    page = client.post("/upload", files=[("files", (name, content, "application/octet-stream"))])
    assert page.status_code == 400
    assert reason in visible(page.text)


def test_too_big_an_upload_is_refused(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upload, "WEB_UPLOAD_BYTES", 2 * upload.CHUNK)
    big = b"%PDF-1.7\n" + b"0" * (3 * upload.CHUNK)
    page = client.post("/upload", files=[("files", ("大.pdf", big, "application/pdf"))])
    assert page.status_code == 400 and "文件过大：上限为 2 MB" in visible(page.text)
    body = client.post("/api/upload", files=[("files", ("大.pdf", big, "application/pdf"))])
    assert body.status_code == 400 and body.json() == {"detail": "文件过大：上限为 2 MB"}


def test_the_upload_form_names_its_limits(client: TestClient) -> None:
    text = visible(client.get("/upload").text)
    assert "50 MB" in text and "PDF" in text and "DOCX" in text


def test_the_footer_says_what_becomes_of_an_upload(client: TestClient) -> None:
    """The store's footer ("data from the database") would be untrue on a page whose data is the visitor's own file."""
    upload_footer = client.get("/upload").text.split("<footer>")[1]
    assert upload_footer.startswith("上传的文件只用于这一次检查，检查完即删除，不写入数据库。")
    generate_footer = client.get("/generate").text.split("<footer>")[1]
    assert generate_footer.startswith("上传的工作簿只用于这一次生成，不写入数据库；生成的文件保留 30 分钟后删除。")
    assert client.get("/").text.split("<footer>")[1].startswith("数据来自 yusuan batch 写入的数据库（只读）")


def test_two_publications_uploaded_together_share_no_element_id(client: TestClient) -> None:
    import re
    from collections import Counter

    files = [
        ("files", (name, (FIXTURES / "national" / name).read_bytes(), "application/pdf"))
        for name in ("huz-tyjr-2026.pdf", "gz-xfj-2026.pdf")
    ]
    page = client.post("/upload", files=files).text
    reports = page.split('<section class="report">')[1:]
    assert len(reports) == 2
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    for number, report in enumerate(reports, 1):
        own = set(re.findall(r'\bid="([^"]+)"', report))
        targets = re.findall(r'href="#([^"]+)"', report)
        assert targets and all(t.startswith(f"u{number}-") for t in targets)
        assert set(targets) <= own  # every place a finding names is in its own report
    assert 'id="u2-f-0"' in page and 'href="#u2-c-' in page
