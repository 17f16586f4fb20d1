"""Page and style set-up of the Word document, and the bits of WordprocessingML python-docx lacks.

python-docx's default template is US Letter with theme fonts and blue
headings; a Chinese budget disclosure is A4 with 宋体 body text and 黑体
headings.  Chinese text only takes a font if the East-Asian slot of the run
fonts (`w:rFonts/@w:eastAsia`) names one, which python-docx does not expose,
so it is set here on the document defaults and on every style used.  Also
here: the page-number footer, shaded and repeating header rows, rows that
never split across pages, and portrait/landscape sections.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section
    from docx.table import Table, _Cell

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
A4_WIDTH_CM = 21.0
A4_HEIGHT_CM = 29.7
MARGIN_CM = 2.2
HEADER_FILL = "F2F2F2"
TCPR_AFTER_SHADING = (
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
)

BODY_STYLE = "正文段落"
TABLE_TEXT_STYLE = "表格文字"
SMALL_TABLE_TEXT_STYLE = "表格文字（小）"
CAPTION_STYLE = "表格标题"


def set_up(document: Document) -> None:
    """A4 pages, CJK fonts on every style, black headings, the paragraph styles the renderer uses."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    section = document.sections[0]
    set_page(section, landscape=False)
    _add_page_number(section)
    _set_default_fonts(document)

    styles = document.styles
    normal = styles["Normal"]
    _set_fonts(normal, BODY_FONT)
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)

    sizes = {"Title": 22, "Heading 1": 16, "Heading 2": 14, "Heading 3": 12}
    for name, size in sizes.items():
        style = styles[name]
        _set_fonts(style, HEADING_FONT)
        style.font.size = Pt(size)
        style.font.bold = name != "Heading 3"
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(12 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(6)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _remove_title_border(styles["Title"])
    styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    body = styles.add_style(BODY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.paragraph_format.first_line_indent = Pt(24)
    body.paragraph_format.line_spacing = 1.5
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    table_sizes: tuple[tuple[str, float], ...] = ((TABLE_TEXT_STYLE, 9), (SMALL_TABLE_TEXT_STYLE, 7.5))
    for name, text_size in table_sizes:
        text = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        text.base_style = normal
        text.font.size = Pt(text_size)
        text.paragraph_format.line_spacing = 1.0

    caption = styles.add_style(CAPTION_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    caption.base_style = normal
    _set_fonts(caption, HEADING_FONT)
    caption.font.size = Pt(14)
    caption.font.bold = True
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.space_before = Pt(12)
    caption.paragraph_format.keep_with_next = True


def set_page(section: Section, *, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    short, long = Cm(A4_WIDTH_CM), Cm(A4_HEIGHT_CM)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))


def usable_width_cm(*, landscape: bool) -> float:
    return (A4_HEIGHT_CM if landscape else A4_WIDTH_CM) - 2 * MARGIN_CM


def _set_default_fonts(document: Document) -> None:
    """East-Asian and Latin fonts in the document defaults, for everything no style overrides."""
    from docx.oxml.ns import qn

    styles_element = document.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    run_defaults = defaults.find(qn("w:rPrDefault"))
    rpr = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if rpr is not None:
        _set_rfonts(rpr, BODY_FONT)
        lang = rpr.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:eastAsia"), "zh-CN")


def _set_fonts(style: Any, east_asian: str) -> None:
    _set_rfonts(style.element.get_or_add_rPr(), east_asian)


def _set_rfonts(rpr: Any, east_asian: str) -> None:
    """Explicit fonts instead of theme fonts: Latin for ASCII, a CJK font in the eastAsia slot."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme), None)
    rfonts.set(qn("w:ascii"), LATIN_FONT)
    rfonts.set(qn("w:hAnsi"), LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), east_asian)
    rfonts.set(qn("w:cs"), LATIN_FONT)


def _remove_title_border(style: Any) -> None:
    from docx.oxml.ns import qn

    ppr = style.element.pPr
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


def _add_page_number(section: Section) -> None:
    """A centred `— 3 —` footer (a PAGE field Word and LibreOffice fill in)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" —")


# -- table helpers ------------------------------------------------------------------------
def shade(cell: _Cell, fill: str = HEADER_FILL) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    # w:tcPr is a sequence: w:shd goes before these, whatever is already there.
    cell._tc.get_or_add_tcPr().insert_element_before(shading, *TCPR_AFTER_SHADING)


def keep_rows_whole(table: Table, header_rows: int) -> None:
    """Header rows repeat on every page; no row is split across pages."""
    from docx.oxml import OxmlElement

    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index < header_rows:
            properties.append(OxmlElement("w:tblHeader"))
