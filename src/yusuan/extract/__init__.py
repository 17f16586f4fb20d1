"""Read a published budget disclosure back into a `Disclosure`.

`read_document(path)` reads a PDF, Word, Excel or text file and
`read_documents(paths)` a document published as several files (see
`documents`); `read_text_file(path)` reads the plain-text form a PDF-to-text tool leaves
(tab-separated table rows and all); `read_lines(lines, source_name)` is the
shared core that a PDF reader feeds with page-numbered `TextLine`s.  Both
return `(Disclosure, list[ReadProblem])`: what was read, and what could not
be — never a guess.  Template knowledge (titles, header words, row labels,
section titles) is data in `templates/*.yaml`.
"""

from yusuan.extract.documents import read_document, read_documents, write_json, write_xlsx
from yusuan.extract.lines import TextLine, split_text
from yusuan.extract.problems import ReadProblem
from yusuan.extract.profile import StaffingFigures, read_staffing_figures
from yusuan.extract.reader import read_lines
from yusuan.extract.text_file import read_text_file

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
