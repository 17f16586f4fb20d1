"""Lines wrapped by the page come back whole: headings that run onto a second line, sentences broken before a colon."""

from __future__ import annotations

from yusuan.extract.lines import TextLine
from yusuan.extract.narrative import SECTION_HEADING, split_numbered
from yusuan.extract.paragraphs import build_paragraphs

FULL = "截至2023年底，某某单位及下属各预算单位占用使用国有资产总体"  # as wide as the column


def lines(*texts: str, page: int | None = 1) -> list[TextLine]:
    """Lines of a page (a PDF's, or text with form feeds); `page=None`: an HTML or Word paragraph per line."""
    return [TextLine(text, number, page) for number, text in enumerate(texts, start=1)]


def paragraphs(*texts: str, page: int | None = 1) -> list[str]:
    return [p.text for p in build_paragraphs(lines(*texts, page=page), "x")]


def titles(*texts: str) -> list[str]:
    return [block.title for block in split_numbered(lines(*texts), SECTION_HEADING)[1]]


def test_a_sentence_wrapped_before_a_label_like_word_is_one_paragraph() -> None:
    assert paragraphs(FULL, "情况为：", "1.房屋0.00平方米。") == [FULL + "情况为：", "1.房屋0.00平方米。"]


def test_label_lines_stay_apart() -> None:
    assert paragraphs("项目名称：某某工作经费", "预算安排规模：20.00万元") == [
        "项目名称：某某工作经费",
        "预算安排规模：20.00万元",
    ]
    wide = "资金分配情况：A3A4复印纸的购置费用8.00万元，硒鼓、碳粉的购置费用12.00万元，共计20.00万元"
    assert paragraphs(wide, "资金执行时间：2024年1月1日至2024年12月31日") == [
        wide,
        "资金执行时间：2024年1月1日至2024年12月31日",
    ]
    assert paragraphs("某某工作经费", "预算安排规模：20.00万元") == ["某某工作经费", "预算安排规模：20.00万元"]


def test_a_heading_wrapped_before_its_last_characters_is_joined() -> None:
    assert titles(
        "一、关于某单位2024年财政拨款收支预算情况的总体说", "明", "2024年财政拨款收支总预算1,526.00万元。"
    ) == ["关于某单位2024年财政拨款收支预算情况的总体说明"]
    assert titles("一、关于某单位2024年财政拨款“三公”经费预算情况", "说明", "某单位2024年…") == [
        "关于某单位2024年财政拨款“三公”经费预算情况说明"
    ]


def test_a_complete_heading_keeps_its_body() -> None:
    assert titles("一、单位运行经费情况", "无。") == ["单位运行经费情况"]
    assert titles("一、单位运行经费情况", "机关运行经费预算情况") == ["单位运行经费情况"]
    assert titles("一、关于某单位收支预算情况的总体说", "2024年收支总预算1,566.00万元。") == [
        "关于某单位收支预算情况的总体说"
    ]


def test_a_numbered_table_note_keeps_all_its_items() -> None:
    from yusuan.extract.reader import read_lines

    text = [
        "表12",
        "政府采购预算表",
        "单位：万元",
        "项目\t采购品目\t金额",
        "合计\t\t10.00",
        "注：1.采购组织形式为：集中采购和分散采购。",
        "2.采购品目名称根据《政府采购品目分类目录》填写。",
    ]
    disclosure, _ = read_lines([TextLine(t, n) for n, t in enumerate(text, start=1)], "x", "jiangsu-department-2017")
    notes = [t.note for t in disclosure.tables if t.note]
    assert notes == ["1.采购组织形式为：集中采购和分散采购。2.采购品目名称根据《政府采购品目分类目录》填写。"]


def test_a_line_break_inside_an_open_bracket_does_not_end_the_paragraph() -> None:
    # 广州卫健委 p114: the line breaks after `；` inside （…）
    first = "其中公务用车购置及运行维护费701.34万元（公务用车购置费331万元，比上年增加119.15万元；"
    second = "公务用车运行维护费370.34万元，比上年减少52.36万元。）比上年增加66.79万元。"
    assert paragraphs(first, second) == [first + second]
    # once the bracket is closed, `；` ends the paragraph as before
    assert paragraphs("公务接待费5万元（国内）；", "公务用车运行维护费3万元。") == [
        "公务接待费5万元（国内）；",
        "公务用车运行维护费3万元。",
    ]
    # a new numbered item still starts its own paragraph, and a stray bracket far back holds nothing open
    assert paragraphs("（一）说明（见下；", "1.房屋0.00平方米。") == ["（一）说明（见下；", "1.房屋0.00平方米。"]
    stray = "（" + "说" * 250 + "。"
    assert paragraphs(stray, "下一段。") == [stray, "下一段。"]


# a narrative item of yusuan's own PDF (2080505 named without its last two characters): the page wraps right
# after `（项）：`, the widest lines of the passage reach 91–93
ITEM = [
    "3. 社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）：2024年预算数为",
    "53.32万元，比上年预算增加6.92万元，增长14.91%，主要原因是本年度我单位退休人员增加1人，退休人",
    "员经费预算增加。",
    "4. 社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费（项）：",
    "2024年预算数为118.43万元，比上年预算增加15.06万元，增长14.57%，主要原因是本年度我单位人员增",
    "加5人，在职人员基础绩效工资调增，相应养老保险缴费基数增加，预算增加。",
]


def test_a_full_line_ending_in_a_colon_goes_on() -> None:
    assert paragraphs(*ITEM) == [
        "3. 社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）：2024年预算数为53.32万元，"
        "比上年预算增加6.92万元，增长14.91%，主要原因是本年度我单位退休人员增加1人，退休人员经费预算增加。",
        "4. 社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费（项）：2024年预算数为"
        "118.43万元，比上年预算增加15.06万元，增长14.57%，主要原因是本年度我单位人员增加5人，在职人员基础绩效"
        "工资调增，相应养老保险缴费基数增加，预算增加。",
    ]


def test_a_paragraph_no_page_laid_out_is_never_taken_for_a_cut_line() -> None:
    # an HTML or Word paragraph is one line: ending in `：` as wide as the widest, it still ends there
    assert paragraphs(*ITEM, page=None) == [ITEM[0] + ITEM[1] + ITEM[2], ITEM[3], ITEM[4] + ITEM[5]]


def test_a_full_line_ending_in_a_semicolon_goes_on() -> None:
    # the blank 部门决算 template (附件2), p15: one paragraph wrapped after `；`
    first = "本年支出合计XXX万元，其中：基本支出 XXX万元，占XX%；"
    second = "项目支出XXX万元，占XX%；经营支出XXX万元，占XX%……（不"
    assert paragraphs(first, second, "涉及的不列）。") == [first + second + "涉及的不列）。"]


def test_a_colon_ends_the_paragraph_where_the_line_is_short_or_an_item_follows() -> None:
    short = "红旗县档案馆2024年一般公共预算基本支出1,221.19万元，其中："
    rest = "人员经费1,078.86万元，主要包括：基本工资、津贴补贴、奖金、机关事业单位基本养老保险缴费、职"
    assert paragraphs(*ITEM[:3], short, rest, "工基本医疗保险缴费。")[1:] == [short, rest + "工基本医疗保险缴费。"]
    assert paragraphs(*ITEM[:3], ITEM[3], "1.房屋0.00平方米。")[1:] == [ITEM[3], "1.房屋0.00平方米。"]
    assert paragraphs(*ITEM[:3], ITEM[3], "预算安排规模：20.00万元")[1:] == [ITEM[3], "预算安排规模：20.00万元"]


def test_one_wide_intro_line_shows_no_column() -> None:
    # 苏州审计局 p25: the intro is the widest line only because the list lines under it are short
    intro = "苏州市审计局2026年支出预算合计4,651.67万元，其中："
    items = ["基本支出4,312.17万元，占92.7%；", "项目支出339.5万元，占7.3%；", "上缴上级支出0万元，占0%。"]
    assert paragraphs(intro, *items) == [intro, *items]


def test_a_colon_with_room_left_for_the_next_word_ends_the_paragraph() -> None:
    # the built-in example's PDF, 六: the intro stops eight short of the column, `人` would have fitted
    intro = "中共克孜勒苏柯尔克孜自治州委员会办公室2024年一般公共预算基本支出1,346.00万元，其中："
    rest = "人员经费1,203.67万元，主要包括：基本工资、津贴补贴、奖金、机关事业单位基本养老保险缴费、职"
    assert paragraphs(*ITEM[:3], intro, rest, "工基本医疗保险缴费。")[1:] == [intro, rest + "工基本医疗保险缴费。"]
