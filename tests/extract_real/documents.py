"""Documents made for the tests: the compiled example in every format, a whitespace-aligned PDF, bad files.

The example budget is compiled once per session and rendered with the
project's own renderers (PDF, Word, Excel); reading those back must give the
same table cells.  `whitespace_pdf` prints tables without a single ruling,
columns aligned by spaces only, as some authorities publish them.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from yusuan.model import Disclosure, Table, TableKind

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kizilsu-2024" / "budget.yaml"
FONT = "china-s"  # PyMuPDF's built-in simplified Chinese font


@cache
def example() -> Disclosure:
    from yusuan.compile import compile_budget
    from yusuan.inputs import load_budget

    return compile_budget(load_budget(EXAMPLE))


@cache
def rendered(suffix: str) -> bytes:
    disclosure = example()
    if suffix == ".pdf":
        from yusuan.render.pdf import render_pdf

        return render_pdf(disclosure, charts=[])
    if suffix == ".docx":
        from yusuan.render.docx import render_docx

        return render_docx(disclosure, charts=[])
    if suffix == ".html":
        from yusuan.render.html import render_html

        return render_html(disclosure, charts=[]).encode("utf-8")
    from yusuan.render.xlsx import render_xlsx

    return render_xlsx(disclosure)


def cells(table: Table) -> dict[tuple[str, str, str], Decimal]:
    """Every non-empty cell of a table: (side, row key, column key) → value."""
    return {
        (row.side.value if row.side else "", row.key, key): cell.value
        for row in table.rows
        for key, cell in row.cells.items()
        if cell.value is not None
    }


def _put(page: object, x: float, y: float, text: str, *, right: bool = False, size: float = 9) -> None:
    import pymupdf

    width = pymupdf.get_text_length(text, fontname=FONT, fontsize=size)
    page.insert_text((x - width if right else x, y), text, fontname=FONT, fontsize=size)  # type: ignore[attr-defined]


WHITESPACE_TABLES = (TableKind.GENERAL_BUDGET_EXPENDITURE, TableKind.GENERAL_BUDGET_BASIC, TableKind.THREE_PUBLIC)


def whitespace_pdf(disclosure: Disclosure, kinds: tuple[TableKind, ...] = WHITESPACE_TABLES) -> bytes:
    """The tables of `kinds` printed as text only: no rulings, columns aligned by position.

    Each table starts a page: `表N`, the title, `编制单位：… 单位：万元`, a header of
    one or two lines (group headings above their columns), then one line per row,
    amounts right-aligned under their column.
    """
    import pymupdf

    document = pymupdf.open()
    for kind in kinds:
        table = disclosure.table(kind)
        assert table is not None
        page = document.new_page(width=842, height=595)
        _put(page, 60, 50, f"表{table.number}", size=12)
        _put(page, 300, 72, table.title, size=14)
        _put(page, 60, 96, f"编制单位：{disclosure.meta.unit}")
        _put(page, 720, 96, "单位：万元")
        coded = kind is not TableKind.THREE_PUBLIC
        lefts = [60.0, 130.0] if coded else [60.0]
        label_header = ["科目编码", "科目名称"] if coded else ["“三公”经费支出内容"]
        first_amount = 430.0
        step = (800.0 - first_amount) / len(table.columns)
        rights = [first_amount + step * (n + 1) - 10 for n in range(len(table.columns))]
        groups: dict[str, list[int]] = {}
        for n, column in enumerate(table.columns):
            if column.group:
                groups.setdefault(column.group[0], []).append(n)
        for x, text in zip(lefts, label_header, strict=True):
            _put(page, x, 120, text)
        for group, members in groups.items():
            centre = (rights[members[0]] - step + 20 + rights[members[-1]]) / 2
            _put(page, centre - len(group) * 4.5, 120, group)
        for n, column in enumerate(table.columns):
            _put(page, rights[n] - len(column.label) * 9, 136 if column.group else 120, column.label)
        y = 156.0
        for row in table.rows:
            if coded:
                if not row.is_total:
                    _put(page, lefts[0], y, row.code or "")
                _put(page, lefts[1], y, row.label)
            else:
                _put(page, lefts[0], y, row.label)
            for n, column in enumerate(table.columns):
                value = row.value(column.key)
                if value is not None:
                    _put(page, rights[n], y, f"{value:,.2f}", right=True)
            y += 16
    data: bytes = document.tobytes()
    document.close()
    return data


def image_only_pdf() -> bytes:
    """A one-page PDF whose only content is a picture of text (a scan)."""
    import pymupdf

    source = pymupdf.open()
    page = source.new_page(width=300, height=200)
    _put(page, 20, 60, "一般公共预算支出情况表", size=14)
    picture = page.get_pixmap(dpi=72)
    source.close()
    document = pymupdf.open()
    scanned = document.new_page(width=300, height=200)
    scanned.insert_image(scanned.rect, pixmap=picture)
    data: bytes = document.tobytes()
    document.close()
    return data


def encrypted_pdf(source: bytes) -> bytes:
    """The same PDF, encrypted with a user password."""
    import pymupdf

    document = pymupdf.open(stream=source, filetype="pdf")
    data: bytes = document.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner")
    document.close()
    return data
