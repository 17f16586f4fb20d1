"""Running headers and footers are dropped; titles and text that merely repeat are kept."""

from __future__ import annotations

from yusuan.extract.pdf_page import PageContent, PageLine
from yusuan.extract.pdf_running import drop_running_lines


def page(number: int, lines: list[tuple[float, str]], height: float = 842.0) -> PageContent:
    return PageContent(number, 595.0, height, [PageLine(top, [text], height=12.0) for top, text in lines], 100)


def texts(pages: list[PageContent]) -> list[list[str]]:
    return [[line.text for line in p.lines] for p in pages]


def test_header_and_footer_on_most_pages_are_dropped() -> None:
    header, footer = (25.0, "某单位2024年单位预算公开"), (800.0, "内部资料")
    pages = [page(n, [header, (62.0, f"正文{n}"), footer]) for n in range(1, 5)]
    pages.append(page(5, [(19.7 * 595 / 842, "某单位2024年单位预算公开"), (62.0, "正文5")], height=595.0))
    pages.insert(0, page(0, [(229.0, "某单位"), (300.0, "2024年单位预算公开")]))
    drop_running_lines(pages)
    assert texts(pages) == [["某单位", "2024年单位预算公开"], ["正文1"], ["正文2"], ["正文3"], ["正文4"], ["正文5"]]


def test_text_repeated_elsewhere_or_on_few_pages_is_kept() -> None:
    pages = [page(n, [(25.0, "页眉"), (62.0, "正文")]) for n in range(1, 3)]
    pages += [page(n, [(300.0, "页眉"), (62.0, "正文")]) for n in range(3, 6)]
    drop_running_lines(pages)
    assert all(p.lines[0].text == "页眉" for p in pages)


def test_a_known_title_on_every_page_is_kept() -> None:
    pages = [page(n, [(40.0, "项目支出绩效目标表"), (80.0, "项目名称")]) for n in range(1, 6)]
    drop_running_lines(pages)
    assert all(p.lines[0].text == "项目支出绩效目标表" for p in pages)


def test_page_numbers_are_dropped_where_a_page_number_can_stand() -> None:
    """江苏省人大常委会 2019 prints `─ 5 ─` at 90 % of the page height: decorated numbers may stand
    higher than bare ones, which only the very edge of the page holds (a lone `5` above it is text)."""
    from yusuan.extract.pdf_page import _drop_page_numbers

    lines = [
        PageLine(760.0, ["─5 ─"]),
        PageLine(710.0, ["- 6 -"]),
        PageLine(600.0, ["- 11 -"]),
        PageLine(780.0, ["第 7 页 共 30 页"]),
        PageLine(820.0, ["8"]),
        PageLine(760.0, ["9"]),
        PageLine(400.0, ["─ 10 ─"]),
        PageLine(790.0, ["第5页显示的数据"]),
    ]
    kept = [line.text for line in _drop_page_numbers(lines, 842.0)]
    assert kept == ["- 11 -", "9", "─ 10 ─", "第5页显示的数据"]
