"""Text from a document, made safe to write into Office files.

A published document or an uploaded budget can carry characters that XML
1.0 cannot hold (NUL, BEL, the other C0 controls but tab and line breaks,
lone surrogates, U+FFFE/U+FFFF): openpyxl and python-docx refuse them with
an exception, halfway through a build.  `printable` returns the disclosure
with every such character removed from every text, before the Excel and
Word renderers see it; amounts and structure are untouched.  HTML and PDF
escape what they print and need no such step.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from pydantic import BaseModel

from yusuan.lazy_pattern import lazy_compile

_NOT_XML = lazy_compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
M = TypeVar("M", bound=BaseModel)


def clean_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (tabs and line breaks stay)."""
    return _NOT_XML.sub("", text)


def printable(model: M) -> M:
    """A copy of `model` in which every text holds only characters an Office file can store."""
    return cast(M, _clean(model))


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value) if _NOT_XML.search(value) else value
    if isinstance(value, BaseModel):
        changes = {}
        for name in type(value).model_fields:
            current = getattr(value, name)
            new = _clean(current)
            if new is not current:
                changes[name] = new
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, list | tuple):
        items = [_clean(item) for item in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return type(value)(items)
    if isinstance(value, dict):
        pairs = {_clean(k): _clean(v) for k, v in value.items()}
        if all(k in value and pairs[k] is value[k] for k in pairs) and len(pairs) == len(value):
            return value
        return pairs
    return value
