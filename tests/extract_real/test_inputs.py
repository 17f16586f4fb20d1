"""Files that cannot be read give one clear InputError — never a traceback, never a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.extract_real.conftest import CORPUS
from tests.extract_real.documents import encrypted_pdf, image_only_pdf, rendered
from yusuan.errors import InputError
from yusuan.extract import read_document, read_documents
from yusuan.extract.pdf import pdf_pages

SAMPLE = CORPUS / "js-zx-2018-tables.pdf"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _error(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(path) in caught.value.place
    assert "\n" not in caught.value.one_line()
    return caught.value


def test_scanned_pdf_has_no_text_layer(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, "scan.pdf", image_only_pdf()))
    assert "没有文字层" in error.message
    assert "扫描" in error.message


def test_truncated_pdf(tmp_path: Path) -> None:
    data = SAMPLE.read_bytes()
    for share in (0.3, 0.6, 0.9):
        error = _error(_write(tmp_path, f"cut-{share}.pdf", data[: int(len(data) * share)]))
        assert "PDF" in error.message


def test_random_bytes_named_pdf(tmp_path: Path) -> None:
    assert "PDF" in _error(_write(tmp_path, "noise.pdf", os.urandom(20000))).message
    assert "PDF" in _error(_write(tmp_path, "noise2.pdf", b"%PDF-1.7\n" + os.urandom(20000))).message


def test_encrypted_pdf(tmp_path: Path) -> None:
    assert "加密" in _error(_write(tmp_path, "locked.pdf", encrypted_pdf(SAMPLE.read_bytes()))).message


def test_empty_and_text_named_pdf(tmp_path: Path) -> None:
    assert "空" in _error(_write(tmp_path, "empty.pdf", b"")).message
    assert "不是 PDF" in _error(_write(tmp_path, "text.pdf", "收支预算总表".encode())).message


def test_corrupt_office_files(tmp_path: Path) -> None:
    for name in ("bad.docx", "bad.xlsx", "bad.xls"):
        assert "无法打开" in _error(_write(tmp_path, name, os.urandom(5000))).message
    docx = rendered(".docx")
    assert "无法打开" in _error(_write(tmp_path, "cut.docx", docx[: len(docx) // 2])).message


def test_unknown_suffix_missing_file_and_folder(tmp_path: Path) -> None:
    assert "不支持" in _error(_write(tmp_path, "table.csv", b"a,b")).message
    assert "不存在" in _error(tmp_path / "missing.pdf").message
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    assert "目录" in _error(folder).message
    with pytest.raises(InputError):
        read_documents([])


def test_page_and_time_limits() -> None:
    with pytest.raises(InputError, match="上限"):
        pdf_pages(SAMPLE, max_pages=3)
    with pytest.raises(InputError, match="秒"):
        pdf_pages(SAMPLE, max_seconds=-1)


def test_unknown_template_is_an_input_error() -> None:
    with pytest.raises(InputError, match="模板"):
        read_document(SAMPLE, template_id="atlantis-2030")
