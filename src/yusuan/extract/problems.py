"""What the reader could not read, said plainly instead of guessed.

A published document is full of extraction damage; the reader repairs what it
can be sure of and reports everything else as a `ReadProblem`: a stable code,
a Chinese message, the place (line and page of the source) and the raw text.
The check engine turns these into findings; nothing here decides severity.

Codes (stable; the check engine maps them to findings):

- `table-title-unknown`  a numbered title ending in 表 that maps to no table kind
- `table-duplicate`      a second table of a kind already read (the first is kept)
- `table-body-missing`   a table title with no table rows after it
- `table-unit-missing`   no `单位：万元` line; the table is read as 万元
- `table-unit-unknown`   a unit line that is neither 元 nor 万元; read as 万元
- `header-unreadable`    no header row could be found above the table rows
- `column-unknown`       a header column that maps to no canonical column (its values are dropped)
- `column-duplicate`     two header columns map to the same canonical column (the second is dropped)
- `row-unknown`          a row label the template does not know (kept with key `unknown:<label>`)
- `row-code-invalid`     a classification code that is not 3/5/7 (function) or 3/5 (economic) digits
- `row-extra-cells`      more cells than columns, extra ones not empty (values left unread)
- `cells-realigned`      fewer cells than columns; values placed by position (only the row's tail was
                         dropped and its identities hold), by the row identities, or by the code hierarchy
                         (exactly one placement fits); the message says which
- `cells-misaligned`     fewer cells than columns and no unique placement (values left unread)
- `cell-not-amount`      a value cell whose text is not an amount (value left unread)
- `section-unknown`      a numbered narrative heading whose title maps to no section key
- `staffing-unreadable`  the staffing paragraph is there but its numbers cannot be read
- `performance-field-unreadable`  a performance-table amount or weight that is not a number
- `performance-row-misaligned`    an indicator row with more cells than the indicator header
- `meta-year-missing`    no budget year found anywhere in the document (year read as 0)
- `meta-unit-missing`    no unit name found (unit read as "")
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan.extract.lines import TextLine


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """One thing the reader could not read: `code`, Chinese `message`, place and raw text."""

    code: str
    message: str
    line: int | None
    page: int | None
    text: str
    file: str | None = None  # the file it is in, when a document is read from several files

    def place(self, source_name: str = "") -> str:
        name = source_name or self.file or ""
        parts = [name] if name else []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        return " ".join(parts)


@dataclass
class Problems:
    """Collects problems in reading order."""

    items: list[ReadProblem] = field(default_factory=list)

    def add(self, code: str, message: str, line: TextLine | None = None, text: str | None = None) -> None:
        raw = text if text is not None else (line.text if line else "")
        self.items.append(
            ReadProblem(
                code=code,
                message=message,
                line=line.line_no if line else None,
                page=line.page if line else None,
                text=raw,
            )
        )
