"""Read a published budget disclosure back into a `Disclosure`.

`read_document(path)` reads a PDF, Word, Excel or text file and
`read_documents(paths)` a document published as several files (see
`documents`); `read_text_file(path)` reads the plain-text form a PDF-to-text tool leaves
(tab-separated table rows and all); `read_lines(lines, source_name)` is the
shared core that a PDF reader feeds with page-numbered `TextLine`s.  Both
return `(Disclosure, list[ReadProblem])`: what was read, and what could not
be — never a guess.  Template knowledge (titles, header words, row labels,
section titles) is data in `templates/*.yaml`.

The names below are imported on first use (PEP 562): importing one reader
module (`yusuan.extract.pdf_page`, which `pdf_prefetch` starts before the
command's other imports) must not import every reader and the model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from yusuan.extract.documents import read_document as read_document
    from yusuan.extract.documents import read_documents as read_documents
    from yusuan.extract.documents import write_json as write_json
    from yusuan.extract.documents import write_xlsx as write_xlsx
    from yusuan.extract.lines import TextLine as TextLine
    from yusuan.extract.lines import split_text as split_text
    from yusuan.extract.problems import ReadProblem as ReadProblem
    from yusuan.extract.profile import StaffingFigures as StaffingFigures
    from yusuan.extract.profile import read_staffing_figures as read_staffing_figures
    from yusuan.extract.reader import read_lines as read_lines
    from yusuan.extract.text_file import read_text_file as read_text_file

_HOMES = {
    "read_document": "documents",
    "read_documents": "documents",
    "write_json": "documents",
    "write_xlsx": "documents",
    "TextLine": "lines",
    "split_text": "lines",
    "ReadProblem": "problems",
    "StaffingFigures": "profile",
    "read_staffing_figures": "profile",
    "read_lines": "reader",
    "read_text_file": "text_file",
}

__all__ = [
    "ReadProblem",
    "StaffingFigures",
    "TextLine",
    "read_document",
    "read_documents",
    "read_lines",
    "read_staffing_figures",
    "read_text_file",
    "split_text",
    "write_json",
    "write_xlsx",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
