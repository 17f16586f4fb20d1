"""Charts: which ones a disclosure gets, their figures, and well-formed SVG and PNG output."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from yusuan.model import Cell, Disclosure, TableKind
from yusuan.render.charts import Chart, chart_data, charts_for

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def charts(example_disclosure: Disclosure) -> list[Chart]:
    return charts_for(example_disclosure)


def test_the_example_gets_four_charts_after_their_tables(charts: list[Chart]) -> None:
    assert [(c.key, c.after_table) for c in charts] == [
        ("income_structure", TableKind.INCOME_EXPENDITURE_SUMMARY),
        ("expenditure_by_class", TableKind.EXPENDITURE_SUMMARY),
        ("basic_and_project", TableKind.EXPENDITURE_SUMMARY),
        ("three_public", TableKind.THREE_PUBLIC),
    ]


def test_svg_parses_and_keeps_the_chinese_title_as_text(charts: list[Chart]) -> None:
    for chart in charts:
        root = ET.fromstring(chart.svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        texts = "".join(root.itertext())
        assert chart.title in texts, chart.key
        assert "Noto Sans CJK SC" in chart.svg
        assert "http://" not in chart.svg.replace("http://www.w3.org/", "")  # nothing fetched
        assert "<image" not in chart.svg


def test_png_is_a_png(charts: list[Chart]) -> None:
    for chart in charts:
        assert chart.png.startswith(PNG_SIGNATURE)
        assert len(chart.png) > 10_000


def test_printed_figures_are_formatted_from_the_decimals(charts: list[Chart]) -> None:
    income = next(c for c in charts if c.key == "income_structure")
    assert "一般公共预算拨款  1,526.00万元（97.45%）" in income.svg
    assert "单位资金  40.00万元（2.55%）" in income.svg
    three_public = next(c for c in charts if c.key == "three_public")
    for figure in ("147.00", "130.00", "87.00", "70.00", "60.00", "2023年", "2024年"):
        assert figure in three_public.svg


def test_chart_figures(example_disclosure: Disclosure) -> None:
    data = {d.key: d for d in chart_data(example_disclosure)}
    basic = data["basic_and_project"]
    assert [(p.label, p.amount) for p in basic.parts] == [
        ("基本支出", Decimal("1346.00")),
        ("项目支出", Decimal("220.00")),
    ]
    assert basic.whole == Decimal("1566.00")
    sangong = data["three_public"]
    assert sangong.series[0] == (
        "2023年",
        (Decimal("147.00"), Decimal("0.00"), Decimal("60.00"), Decimal("0.00"), Decimal("87.00")),
    )
    assert sangong.series[1][1] == (Decimal("130.00"), Decimal(0), Decimal("60.00"), Decimal(0), Decimal("70.00"))


def test_output_is_deterministic(example_disclosure: Disclosure, charts: list[Chart]) -> None:
    again = charts_for(example_disclosure)
    assert [c.svg for c in again] == [c.svg for c in charts]
    assert [c.png for c in again] == [c.png for c in charts]


def test_one_format_only(example_disclosure: Disclosure) -> None:
    svg_only = charts_for(example_disclosure, png=False)
    assert all(c.svg and c.png == b"" for c in svg_only)
    png_only = charts_for(example_disclosure, svg=False)
    assert all(c.png and c.svg == "" for c in png_only)
    assert all(c.svg_outlined == "" for c in svg_only + png_only)


def test_outlined_svg_has_no_text(example_disclosure: Disclosure) -> None:
    """For print: the letters are paths, so a PDF reader finds no chart label or value to misread."""
    outlined = charts_for(example_disclosure, svg=False, png=False, outlined=True)
    assert len(outlined) == 4
    for chart in outlined:
        assert chart.svg == "" and chart.png == b""
        assert chart.svg_outlined.startswith("<svg")
        assert "<text" not in chart.svg_outlined
        assert "<path" in chart.svg_outlined


def _without_three_public(d: Disclosure) -> Disclosure:
    table = d.table(TableKind.THREE_PUBLIC)
    assert table is not None
    zero_rows = [
        row.model_copy(update={"cells": {k: Cell(value=Decimal("0.00")) for k in row.cells}}) for row in table.rows
    ]
    zero_table = table.model_copy(update={"rows": zero_rows})
    tables = [zero_table if t.kind is TableKind.THREE_PUBLIC else t for t in d.tables]
    last_year = {k: v for k, v in d.last_year.items() if not k.startswith("three_public.")}
    return d.model_copy(update={"tables": tables, "last_year": last_year})


def test_all_zero_three_public_gives_no_chart(example_disclosure: Disclosure) -> None:
    keys = [c.key for c in charts_for(_without_three_public(example_disclosure), png=False)]
    assert "three_public" not in keys
    assert "income_structure" in keys


def test_no_last_year_figures_draws_this_year_only(example_disclosure: Disclosure) -> None:
    d = example_disclosure.model_copy(update={"last_year": {}})
    sangong = next(x for x in chart_data(d) if x.key == "three_public")
    assert [name for name, _values in sangong.series] == ["2024年"]


def test_many_classes_fold_the_smallest_into_one_part() -> None:
    from yusuan.render.charts import MAX_PARTS, Part, _fold_smallest

    parts = tuple(Part(f"类{i}", Decimal(100 - i)) for i in range(20))
    folded = _fold_smallest(parts)
    assert len(folded) == MAX_PARTS
    assert folded[-1].label == f"其余{20 - MAX_PARTS + 1}类"
    assert sum(p.amount for p in folded) == sum(p.amount for p in parts)
