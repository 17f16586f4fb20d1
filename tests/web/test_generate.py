"""The 生成 page: the fill-in workbooks, an uploaded workbook built into four files, and what is refused."""

from __future__ import annotations

import io
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from yusuan.web import generate
from yusuan.web.cache import ResponseCache
from yusuan.web.generate_job import Built, BuiltFile

UNIT = "中共克孜勒苏柯尔克孜自治州委员会办公室"
STEM = f"{UNIT}-2024-单位预算公开"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SAVE_AS_XLSX = "请先在 Excel（或 WPS）中打开，“另存为”Excel 工作簿（*.xlsx）后再上传"


@pytest.fixture(scope="module")
def example_workbook(client: Any) -> bytes:
    answer = client.get("/api/generate/template", params={"kind": "单位预算", "example": "true"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == XLSX
    return bytes(answer.content)


@pytest.fixture(scope="module")
def built(client: Any, example_workbook: bytes) -> dict[str, Any]:
    """The example workbook built once through the API (it takes seconds)."""
    answer = client.post("/api/generate", files={"file": ("预算.xlsx", example_workbook, XLSX)})
    assert answer.status_code == 200, answer.text
    return dict(answer.json()["build"])


def _fetch(client: Any, built: dict[str, Any], fmt: str) -> Any:
    link = next(f for f in built["files"] if f["format"] == fmt)
    answer = client.get(link["url"])
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    return answer


def test_the_example_builds_with_its_figures(built: dict[str, Any]) -> None:
    assert built["unit"] == UNIT
    assert built["year"] == 2024
    assert built["kind"] == "单位预算"
    assert built["money_unit"] == "万元"
    assert built["income_total"] == "1566.00"
    assert built["expenditure_total"] == "1566.00"
    assert [(f["format"], f["label"], f["name"]) for f in built["files"]] == [
        ("html", "网页", f"{STEM}.html"),
        ("pdf", "PDF", f"{STEM}.pdf"),
        ("docx", "Word", f"{STEM}.docx"),
        ("xlsx", "Excel", f"{STEM}.xlsx"),
    ]
    assert built["preview"] == f"/generate/{built['token']}/preview"


def test_the_result_is_kept_as_json_csv_and_xlsx(client: Any, built: dict[str, Any]) -> None:
    import openpyxl

    assert built["api"] == f"/api/generate/{built['token']}"
    again = client.get(built["api"])
    assert again.status_code == 200 and again.headers["cache-control"] == "no-store"
    assert again.json()["build"] == built
    csv = client.get(built["api"], params={"format": "csv"})
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "单位,年度,文件类型,收入总计,支出总计,金额单位,网页,PDF,Word,Excel"
    assert lines[1].startswith(f"{UNIT},2024,单位预算,1566.00,1566.00,万元,{STEM}.html,")
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(built["api"], params={"format": "xlsx"}).content)).active
    values = [c.value for c in sheet[2]]
    assert values[:3] == [UNIT, 2024, "单位预算"] and values[5] == "万元"
    assert Decimal(str(values[3])) == Decimal(str(values[4])) == Decimal("1566.00")
    missing = client.get("/api/generate/no-such-token")
    assert missing.status_code == 404 and missing.json()["detail"].startswith("没有这次生成的文件")


def test_the_pdf_is_a_pdf_of_the_unit(client: Any, built: dict[str, Any]) -> None:
    import fitz

    answer = _fetch(client, built, "pdf")
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"].endswith("filename*=UTF-8''" + quote(f"{STEM}.pdf"))
    assert answer.content.startswith(b"%PDF")
    with fitz.open(stream=answer.content, filetype="pdf") as document:
        assert document.page_count > 10
        assert UNIT in document[0].get_text()


def test_the_word_and_excel_files_open_and_name_the_unit(client: Any, built: dict[str, Any]) -> None:
    import docx
    import openpyxl

    word = docx.Document(io.BytesIO(_fetch(client, built, "docx").content))
    assert any(UNIT in p.text for p in word.paragraphs)
    answer = _fetch(client, built, "xlsx")
    assert answer.headers["content-type"] == XLSX
    book = openpyxl.load_workbook(io.BytesIO(answer.content), read_only=True)
    values = [str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v]
    assert any(UNIT in v for v in values)
    assert len(book.sheetnames) >= 11


def test_the_web_page_has_the_unit_and_the_exact_total(client: Any, built: dict[str, Any]) -> None:
    html = _fetch(client, built, "html").text
    assert UNIT in html
    assert "收入总计" in html and "1,566.00" in html
    preview = client.get(built["preview"])
    assert preview.status_code == 200 and preview.text == html
    assert "content-disposition" not in preview.headers
    assert "default-src 'none'" in preview.headers["content-security-policy"]


def test_the_result_page_offers_the_four_downloads(client: Any, example_workbook: bytes) -> None:
    """The form's own answer (a second build, through the HTML page)."""
    answer = client.post("/generate", files={"file": ("预算.xlsx", example_workbook, XLSX)})
    assert answer.status_code == 200
    page = answer.text
    for label in ("下载网页", "下载PDF", "下载Word", "下载Excel"):
        assert label in page
    assert 'id="income-total">1,566.00 万元<' in page
    assert 'id="expenditure-total">1,566.00 万元<' in page
    assert f"{STEM}.docx" in page and "在浏览器中预览网页版" in page


def _with_bad_amount(workbook: bytes) -> bytes:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(workbook))
    book["支出明细"]["F3"] = "三百四十"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_bad_cell_is_named_and_nothing_is_offered(client: Any, example_workbook: bytes) -> None:
    bad = _with_bad_amount(example_workbook)
    answer = client.post("/api/generate", files={"file": ("有错的预算.xlsx", bad, XLSX)})
    assert answer.status_code == 400
    result = answer.json()
    assert "build" not in result
    assert result["error"] == "有错的预算.xlsx 支出明细!F3：不是金额：“三百四十”"  # a Chinese sentence's punctuation
    assert "yusuan-generate" not in answer.text  # the temporary folder is not shown
    page = client.post("/generate", files={"file": ("有错的预算.xlsx", bad, XLSX)})
    assert page.status_code == 400
    assert "未能生成" in page.text and "支出明细!F3" in page.text
    assert "下载PDF" not in page.text


def test_a_blank_workbook_lists_every_missing_cell(client: Any) -> None:
    blank = client.get("/api/generate/template", params={"kind": "单位预算"}).content
    answer = client.post("/api/generate", files={"file": ("空白.xlsx", blank, XLSX)})
    assert answer.status_code == 400
    problems = answer.json()["problems"]
    assert problems[0] == "空白.xlsx 单位信息!B2：单位名称：缺少必填项"
    assert "空白.xlsx 支出明细!A2：支出明细：至少需要一项" in problems
    assert not [line for line in problems if ": " in line or "'" in line]


@pytest.mark.parametrize(
    ("name", "content", "status", "reason"),
    [
        ("说明.txt", b"hello", 400, "说明.txt：不是 Excel 工作簿；请上传由“填报模板”填好的 .xlsx 文件"),
        (
            "假的.xlsx",
            b"%PDF-1.7 not a workbook",
            400,
            "假的.xlsx：文件内容不是 Excel 工作簿（扩展名是 .xlsx，内容却不是）",
        ),
        ("空.xlsx", b"", 400, "空.xlsx：文件是空的"),
        (
            "旧表.xls",
            bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 100,
            400,
            "旧表.xls：这是旧版 Excel 工作簿（.xls 格式），" + SAVE_AS_XLSX,
        ),
        (
            "改了名.xlsx",
            bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 100,
            400,
            "改了名.xlsx：内容是旧版 Excel 工作簿（.xls 格式），" + SAVE_AS_XLSX,
        ),
    ],
)
def test_what_is_not_a_workbook_is_refused(client: Any, name: str, content: bytes, status: int, reason: str) -> None:
    answer = client.post("/api/generate", files={"file": (name, content, "application/octet-stream")})
    assert answer.status_code == status
    assert answer.json() == {"error": reason, "problems": [reason]}


def test_the_reader_s_other_quotes_and_colons_are_kept() -> None:
    from yusuan.errors import InputError, InputErrors
    from yusuan.web.generate_job import said_on_the_page

    one = InputError("a.xlsx 单位信息!B6", "应填“是”或“否”，而不是 'x'y'")
    assert said_on_the_page(one) == ("a.xlsx 单位信息!B6：应填“是”或“否”，而不是 “x'y”",)
    many = InputErrors([InputError("a.xlsx 表!A1", f"第 {n} 处：'{n}'") for n in range(60)])
    lines = said_on_the_page(many)
    assert lines[0] == "a.xlsx 表!A1：第 0 处：“0”" and lines[-1] == many.lines()[-1]
    assert len(lines) == len(many.lines()) and lines[-1].startswith("还有 ")
    assert said_on_the_page(InputError("", "没有位置：'a b'")) == ("没有位置：“a b”",)


def test_no_file_is_refused_in_chinese(client: Any) -> None:
    answer = client.post("/api/generate")
    assert answer.status_code == 400
    assert answer.json()["error"] == "请选择填好的填报工作簿（.xlsx 文件）"


def test_a_too_large_workbook_is_refused(client: Any, example_workbook: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generate, "WEB_BUILD_BYTES", 2 * 1024 * 1024)
    big = example_workbook + b"\0" * (3 * 1024 * 1024)
    answer = client.post("/generate", files={"file": ("大.xlsx", big, XLSX)})
    assert answer.status_code == 413
    assert "大.xlsx：文件过大，上限为 2 MB" in answer.text


def test_a_zip_bomb_named_xlsx_is_refused_by_the_reader(client: Any) -> None:
    import zipfile

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    answer = client.post("/api/generate", files={"file": ("炸弹.xlsx", bomb.getvalue(), XLSX)})
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error.startswith("炸弹.xlsx：Excel 文件中的“xl/worksheets/sheet1.xml”解压后达 300 MB")
    assert "疑似压缩炸弹" in error


def test_a_build_past_its_time_is_stopped(
    client: Any, example_workbook: bytes, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(generate, "BATCH_JOB_SECONDS", 0.5)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the upload's folder here, apart from other runs
    started = time.monotonic()
    answer = client.post("/api/generate", files={"file": ("预算.xlsx", example_workbook, XLSX)})
    assert answer.status_code == 400
    assert answer.json()["error"] == "超过 0.5 秒仍未生成完，已停止（工作簿过大或内容异常），未生成任何文件"
    assert time.monotonic() - started < 10
    assert not list(tmp_path.glob("yusuan-generate-upload-*"))  # nothing left behind


def test_a_build_beyond_the_slots_is_asked_to_wait(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from yusuan.web.app import create_app

    monkeypatch.setattr(generate, "WEB_BUILDS_AT_ONCE", 0)
    busy = TestClient(create_app(store))
    answer = busy.post("/api/generate", files={"file": ("预算.xlsx", b"PK\x03\x04", XLSX)})
    assert answer.status_code == 503
    assert answer.json()["error"] == "正在生成的文件已有 0 份，请稍候一两分钟再上传"


def test_an_unknown_token_or_file_is_not_found(client: Any, built: dict[str, Any]) -> None:
    answer = client.get("/generate/no-such-token/pdf")
    assert answer.status_code == 404
    assert "没有这次生成的文件" in answer.text and "30 分钟" in answer.text
    assert client.get(f"/generate/{built['token']}/exe").status_code == 404


def test_the_blank_workbooks_and_the_examples_download(client: Any) -> None:
    import openpyxl

    page = client.get("/generate")
    assert page.status_code == 200
    assert '<a href="/generate" class="on">生成</a>' in page.text
    choices = client.get("/api/generate").json()["templates"]
    assert [c["label"] for c in choices] == [
        "单位预算（空白）",
        "部门预算（空白）",
        "单位决算（空白）",
        "部门决算（空白）",
        f"示例：{UNIT}2024年单位预算（已填好）",
        "示例：佛山市轨道交通局2019年部门决算（已填好）",
    ]
    for choice in choices:
        assert choice["url"].replace("&", "&amp;") in page.text
        answer = client.get(choice["url"])
        assert answer.status_code == 200
        book = openpyxl.load_workbook(io.BytesIO(answer.content))
        assert "单位信息" in book.sheetnames
    blank = client.get("/api/generate/template", params={"kind": "部门决算"})
    assert blank.headers["content-disposition"].endswith(quote("填报模板-部门决算.xlsx"))
    wrong = client.get("/api/generate/template", params={"kind": "季度报表"})
    assert wrong.status_code == 400
    assert wrong.json()["detail"].startswith("不认识的文件类型“季度报表”（可选：单位预算、部门预算")


def test_the_api_is_described_in_chinese(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert paths["/api/generate"]["post"]["summary"].startswith("生成：上传填好的填报工作簿")
    assert paths["/api/generate"]["get"]["summary"].startswith("生成：可下载的填报模板")
    assert paths["/api/generate/template"]["get"]["summary"].startswith("生成：下载填报模板")
    assert paths["/api/generate/{token}"]["get"]["summary"].startswith("生成：一次生成的结果")
    assert "/generate/{token}/{file}" not in paths
    docs = client.get("/docs").text
    assert "字段 <code>file</code>：由填报模板填好的 Excel 工作簿（.xlsx）。" in docs
    assert "字段 <code>files</code>（可多个）：PDF、Word、Excel、文本或网页文件。" in docs


def _fake_build(unit: str) -> Built:
    return Built((BuiltFile("pdf", f"{unit}.pdf", b"%PDF-1.7"),), unit, unit, 2024, "单位预算", "万元", None, None)


def test_the_shelf_keeps_the_last_builds_for_a_while() -> None:
    shelf = generate.BuildShelf(count=2, seconds=60)
    first, second, third = (shelf.keep(_fake_build(name)) for name in ("甲", "乙", "丙"))
    assert shelf.find(first.token) is None and not first.files["pdf"].path.exists()
    assert shelf.find(second.token) is second and second.files["pdf"].path.read_bytes() == b"%PDF-1.7"
    assert shelf.find(third.token) is third
    folder = third.files["pdf"].path.parents[1]
    shelf.close()
    assert not folder.exists() and shelf.find(third.token) is None
    brief = generate.BuildShelf(count=2, seconds=0.01)
    kept = brief.keep(_fake_build("丁"))
    time.sleep(0.02)
    assert brief.find(kept.token) is None and not kept.files["pdf"].path.exists()
    brief.close()


def test_the_shelf_is_emptied_when_the_server_stops(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from yusuan.web.app import create_app

    closed: list[bool] = []
    monkeypatch.setattr(generate.BuildShelf, "close", lambda self: closed.append(True))
    with TestClient(create_app(store)) as running:
        assert running.get("/generate").status_code == 200
        assert closed == []
    assert closed == [True]


def test_an_answer_marked_no_store_is_not_cached() -> None:
    cache = ResponseCache(app=None, budget=1024 * 1024)
    cache._keep(("/a", b""), {"status": 200, "headers": [(b"cache-control", b"no-store")]}, b"gone soon")
    cache._keep(("/b", b""), {"status": 200, "headers": [(b"content-type", b"text/html")]}, b"kept")
    cache._keep(("/c", b""), {"status": 200, "headers": [(b"Cache-Control", b"private, max-age=300")]}, b"browser's")
    assert list(cache.entries) == [("/b", b"")]
