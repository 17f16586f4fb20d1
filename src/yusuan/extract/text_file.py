"""Read the plain-text form of a published disclosure from a file: UTF-8, UTF-16 with its BOM, else GB18030.

Windows Notepad saves "Unicode" as UTF-16 with a byte-order mark; it is
recognised by that mark (its NUL bytes would otherwise read as binary).
"""

from __future__ import annotations

import codecs
from pathlib import Path

from yusuan.errors import InputError, unreadable
from yusuan.extract.lines import TextLine, split_text
from yusuan.extract.problems import ReadProblem
from yusuan.extract.reader import read_lines
from yusuan.limits import MAX_INPUT_BYTES
from yusuan.model import Disclosure

ENCODINGS = ("utf-8-sig", "gb18030")


def text_lines(path: Path) -> list[TextLine]:
    """The lines of a text file in UTF-8 or GB18030 (GBK); InputError if it is not text."""
    try:
        if path.stat().st_size > MAX_INPUT_BYTES:
            raise InputError(str(path), f"文本文件过大（上限 {MAX_INPUT_BYTES // 1024 // 1024} MB）")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), unreadable(exc)) from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = ""
        if _plausible(text):
            return split_text(text)
    if b"\x00" in data[:4096]:
        raise InputError(str(path), "这不是文本文件（含二进制内容）")
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(str(path), "文件既不是 UTF-8 也不是 GB18030 编码的文本")
    return split_text(text)


def _plausible(text: str) -> bool:
    """Text a person wrote: mostly ASCII, CJK and full-width forms (not bytes that happen to follow a BOM)."""
    if not text:
        return False
    usual = sum(1 for ch in text if ch < "\x7f" or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    return usual >= 0.8 * len(text)


def read_text_file(path: Path, template_id: str | None = None) -> tuple[Disclosure, list[ReadProblem]]:
    """The disclosure in a text file and what could not be read; InputError if it cannot be read at all.

    The template is detected from the text unless `template_id` names one.
    """
    from yusuan.extract.detect import detect_template

    lines = text_lines(path)
    try:
        return read_lines(lines, path.name, template_id or detect_template(lines))
    except InputError as exc:
        raise InputError(str(path), exc.message) from exc
