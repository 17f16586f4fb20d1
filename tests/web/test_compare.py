"""The 对比 page and its API over the web store: figures side by side, per head, structure, downloads, refusals."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.web.conftest import UNIT

HUZHOU, GUANGZHOU = "湖州市退役军人事务局", "广州市信访局"


def _compare(client: TestClient, *units: str, **params: str) -> Any:
    answer = client.get("/api/compare", params={"unit": list(units), **params})
    assert answer.status_code == 200, answer.text
    return answer.json()


def _column(page: Any, key: str, name: str) -> Any:
    """The cells of a figure row (`figures` or `per_head`) for one unit, as {unit: amount}."""
    row = next(r for r in page[name] if r["key"] == key)
    return {c["unit"]: cell["amount"] for c, cell in zip(page["columns"], row["cells"], strict=True)}


def test_two_real_units_side_by_side_in_wan_yuan_with_links_to_their_tables(client: TestClient) -> None:
    page = _compare(client, HUZHOU, GUANGZHOU)
    assert page["year"] == 2026 and page["phase_label"] == "预算" and page["common_years"] == [2026]
    assert [c["unit"] for c in page["columns"]] == [HUZHOU, GUANGZHOU]
    assert _column(page, "income_total", "figures") == {HUZHOU: "6256.31", GUANGZHOU: "3944.08"}
    assert _column(page, "expenditure_total", "figures") == {HUZHOU: "6256.31", GUANGZHOU: "3944.08"}
    assert _column(page, "project", "figures") == {HUZHOU: "4651.90", GUANGZHOU: "739.30"}
    # 湖州 prints 人员经费 1487.48 and 公用经费 116.93, not their sum: 基本支出 is added from them, and says so
    assert _column(page, "basic", "figures") == {HUZHOU: "1604.41", GUANGZHOU: "3204.78"}
    basic = next(r for r in page["figures"] if r["key"] == "basic")["cells"]
    assert basic[0]["source"] == "表03 第20页（人员经费＋公用经费）" and basic[1]["source"].endswith("页")
    assert _column(page, "three_public", "figures") == {HUZHOU: "1.10", GUANGZHOU: "4.80"}
    # no table prints these two: each is the narrative's statement whose subject names the total
    assert _column(page, "running_costs", "figures") == {HUZHOU: "48.78", GUANGZHOU: "444.39"}
    assert _column(page, "procurement", "figures") == {HUZHOU: "921.97", GUANGZHOU: "625.65"}
    procurement = next(r for r in page["figures"] if r["key"] == "procurement")["cells"]
    assert [cell["source"] for cell in procurement] == ["情况说明 第10页", "情况说明 第22页"]
    income = page["figures"][0]["cells"]
    huzhou_id = page["columns"][0]["document_id"]
    assert income[0]["href"] == f"/documents/{huzhou_id}#t-{income[0]['table_index']}"
    assert income[0]["source"] == "表01 第18页"
    # the same figures as each unit's own page
    for unit, column in ((HUZHOU, 0), (GUANGZHOU, 1)):
        year = client.get(f"/api/units/{unit}").json()["years"][-1]
        assert [r["cells"][column]["amount"] for r in page["figures"][:5]] == [
            year[k] for k in ("income_total", "expenditure_total", "basic", "project", "three_public")
        ]
    # no staffing stored for either: no per-head rows, and the page says why
    assert page["per_head"] == []
    html = client.get("/compare", params={"unit": [HUZHOU, GUANGZHOU]}).text
    assert "无法计算人均数" in html and f'href="/documents/{huzhou_id}#t-' in html
    assert html.count('href="/units/%E6%B9%96') == 2  # the unit's name links to its page, above both tables


def test_structure_by_function_class_with_catalogue_names_and_shares_summing_to_100(client: TestClient) -> None:
    page = _compare(client, HUZHOU, GUANGZHOU)
    classes = {
        r["code"]: (r["label"], [(c["amount"], c["share"]) for c in r["cells"]]) for r in page["structure"]["classes"]
    }
    assert classes == {
        "201": ("一般公共服务支出", [(None, None), ("2570.71", "65.18")]),
        "208": ("社会保障和就业支出", [("6039.81", "96.54"), ("419.35", "10.63")]),
        "210": ("卫生健康支出", [("71.42", "1.14"), ("3.97", "0.10")]),
        "221": ("住房保障支出", [("145.08", "2.32"), ("950.05", "24.09")]),
    }
    for column, unit in enumerate(page["structure"]["units"]):
        amounts = [Decimal(r["cells"][column]["amount"] or 0) for r in page["structure"]["classes"]]
        shares = [Decimal(r["cells"][column]["share"] or 0) for r in page["structure"]["classes"]]
        assert sum(amounts) == Decimal(unit["total"])
        assert sum(shares) == Decimal("100.00")
    assert page["structure"]["units"][0]["source"] == "支出总体情况表 第20页"
    html = client.get("/compare", params={"unit": [HUZHOU, GUANGZHOU]}).text
    assert html.count('<svg class="chart share"') == 1 and "208 社会保障和就业支出：6,039.81 万元，96.54%" in html


def test_per_head_by_in_service_staff_rounded_half_up_and_yuan_converted(client: TestClient) -> None:
    page = _compare(client, UNIT, GUANGZHOU, year="2024")
    assert page["year"] == 2024 and page["common_years"] == []
    unit, guangzhou = page["columns"]
    assert (unit["heads"], unit["heads_basis"]) == (32, "在职实有人数")
    assert (
        guangzhou["document_id"] is None and guangzhou["missing"] == "库中没有该单位 2024 年的预算文档（有：2026 年）"
    )
    assert _column(page, "income_total", "figures") == {UNIT: "1500.00", GUANGZHOU: None}
    assert _column(page, "three_public", "figures") == {UNIT: "3.00", GUANGZHOU: None}  # 30,000.00 元
    assert page["per_head_label"] == "人均（按在职实有人数，万元/人）"
    assert _column(page, "income_total_per_head", "per_head") == {UNIT: "46.88", GUANGZHOU: None}  # 46.875
    assert _column(page, "basic_per_head", "per_head") == {UNIT: "34.38", GUANGZHOU: None}  # 34.375
    assert _column(page, "project_per_head", "per_head") == {UNIT: "12.50", GUANGZHOU: None}
    assert _column(page, "three_public_per_head", "per_head") == {UNIT: "0.09", GUANGZHOU: None}  # 0.09375
    [general] = page["structure"]["classes"]
    assert (general["code"], general["cells"]) == ("201", [{"amount": "1500.00", "share": "100.00"}])
    assert [u["unit"] for u in page["structure"]["units"]] == [UNIT]  # 广州 has no 2024 document
    html = client.get("/compare", params={"unit": [UNIT, GUANGZHOU], "year": "2024"}).text
    assert "人均（按在职实有人数，万元/人）" in html and "在职实有人数 32 人" in html
    assert "广州市信访局：库中没有该单位 2024 年的预算文档（有：2026 年）" in html
    # 2023 states no staffing: no per head
    assert _compare(client, UNIT, GUANGZHOU, year="2023")["per_head"] == []


def test_the_latest_year_all_units_have_is_the_default_and_kinds_are_not_mixed(client: TestClient) -> None:
    assert _compare(client, HUZHOU, GUANGZHOU)["year"] == 2026
    answer = client.get("/api/compare", params={"unit": [HUZHOU, GUANGZHOU], "kind": "final"})
    assert (answer.status_code, answer.json()["detail"]) == (404, "所选单位在库中都没有决算文档")


def test_a_part_of_a_name_finds_the_one_unit_it_names(client: TestClient) -> None:
    page = _compare(client, "湖州", "信访")
    assert page["units"] == [HUZHOU, GUANGZHOU]


def test_bad_choices_get_one_chinese_line_and_their_status(client: TestClient) -> None:
    cases = [
        ({"unit": [HUZHOU]}, 400, "请至少选择 2 个不同的单位"),
        ({"unit": [HUZHOU, HUZHOU]}, 400, "请至少选择 2 个不同的单位"),
        ({"unit": [HUZHOU, "没有这个单位"]}, 404, "库中没有名称含“没有这个单位”的单位"),
        ({"unit": [HUZHOU, "市"]}, 400, "“市”对应 3 个单位"),
        ({"unit": [HUZHOU, GUANGZHOU], "year": "二〇二六"}, 400, "年度应为四位数字（如 2026），而不是“二〇二六”"),
        ({"unit": [HUZHOU, GUANGZHOU], "kind": "x"}, 400, "类型应为“预算”或“决算”"),
        ({"unit": [HUZHOU, GUANGZHOU], "part": "x"}, 400, "part 应为 figures（主要数字）或 structure（支出结构）"),
        ({"unit": [f"单位{i}" for i in range(9)]}, 404, "库中没有名称含“单位0”的单位"),
    ]
    for params, status, message in cases:
        answer = client.get("/api/compare", params=params)
        assert answer.status_code == status, params
        assert answer.json()["detail"].startswith(message), answer.json()
    html = client.get("/compare", params={"unit": [HUZHOU, "没有这个单位"]})
    assert (
        html.status_code == 404 and "库中没有名称含“没有这个单位”的单位" in html.text and "Traceback" not in html.text
    )
    assert client.get("/api/compare").json()["detail"] == "请至少选择 2 个不同的单位"


def test_more_than_eight_units_are_refused() -> None:
    from yusuan.web.compare import Refused, resolve_units

    stored = [f"单位{i}" for i in range(9)]
    try:
        resolve_units(stored, stored)
    except Refused as refused:
        assert (str(refused), refused.status) == ("一次最多对比 8 个单位（选了 9 个）", 400)
    else:
        raise AssertionError("nine units were accepted")


def test_the_form_offers_the_stored_units(client: TestClient) -> None:
    page = client.get("/compare")
    assert page.status_code == 200
    assert f'<option value="{UNIT}">' in page.text and f'<option value="{HUZHOU}">' in page.text
    assert page.text.count('name="unit"') == 8 and '<a href="/compare" class="on">对比</a>' in page.text


def test_csv_and_xlsx_downloads_of_both_tables(client: TestClient) -> None:
    params: dict[str, Any] = {"unit": [UNIT, GUANGZHOU], "year": "2024"}
    csv = client.get("/api/compare", params={**params, "format": "csv"})
    assert csv.status_code == 200 and "attachment" in csv.headers["content-disposition"]
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == f"项目（万元）,{UNIT},{GUANGZHOU}"
    assert lines[1] == "收入总计,1500.00," and lines[5] == "“三公”经费合计,3.00,"
    assert "人均所按人数,在职实有人数 32," in lines and "收入总计（人均）,46.88," in lines
    structure = client.get("/api/compare", params={**params, "format": "csv", "part": "structure"})
    rows = structure.content.decode("utf-8-sig").splitlines()
    assert rows == [
        f"功能分类编码,功能分类,{UNIT} 金额（万元）,{UNIT} 占比（%）",
        "201,一般公共服务支出,1500.00,100.00",
        ",合计,1500.00,100.00",  # as the page shows it
    ]
    real = client.get("/api/compare", params={"unit": [HUZHOU, GUANGZHOU], "part": "structure", "format": "csv"})
    assert real.content.decode("utf-8-sig").splitlines() == [
        f"功能分类编码,功能分类,{HUZHOU} 金额（万元）,{HUZHOU} 占比（%）"
        f",{GUANGZHOU} 金额（万元）,{GUANGZHOU} 占比（%）",
        "201,一般公共服务支出,,,2570.71,65.18",
        "208,社会保障和就业支出,6039.81,96.54,419.35,10.63",
        "210,卫生健康支出,71.42,1.14,3.97,0.10",
        "221,住房保障支出,145.08,2.32,950.05,24.09",
        ",合计,6256.31,100.00,3944.08,100.00",
    ]
    page = client.get("/compare", params={"unit": [HUZHOU, GUANGZHOU]}).text
    total = page.split('<tr class="total">', 1)[1].split("</tr>", 1)[0]
    assert [cell.split(">")[-1] for cell in total.split("</td>")[:-1]] == ["6,256.31", "100.00%", "3,944.08", "100.00%"]
    xlsx = client.get("/api/compare", params={**params, "format": "xlsx", "part": "structure"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    code, name, amount, share, *_ = (c.value for c in sheet[2])
    assert (code, name, Decimal(str(amount)), Decimal(str(share))) == (
        "201",
        "一般公共服务支出",
        Decimal(1500),
        Decimal(100),
    )
    assert [c.value for c in sheet[1]][2] == f"{UNIT} 金额（万元）"
    assert [c.value for c in sheet[3]] == [None, "合计", 1500, 100]


def test_the_api_is_described_in_chinese(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["paths"]["/api/compare"]["get"]["summary"].startswith("单位对比")
    assert "单位对比" in client.get("/docs").text


def test_a_stated_figure_is_a_total_named_by_its_subject_not_a_part_or_a_change() -> None:
    import duckdb

    from yusuan.store import figures

    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE statements (document_id INT, statement_index INT, subject TEXT, amount DECIMAL(38, 6),"
        " unit TEXT, page INT, section TEXT, quantity_key TEXT)"
    )
    statements = [
        (1, 0, "政府采购货物预算", "443.97", "万元", 9, "procurement"),  # a part, before the total
        (1, 1, "机关运行经费比上年减少", "4.98", "万元", 9, "running_costs"),  # a change
        (1, 2, "各单位政府采购预算总额", "921.97", "万元", 10, "other"),
        (1, 3, "本级1家行政单位的机关运行经费财政拨款预算", "487800", "元", 11, "other"),  # in 元: 48.78 万元
        (1, 4, "政府采购安排", "1.00", "万元", 12, "procurement"),  # a later total: the first one is kept
        (2, 0, "机关运行经费安排", "3.5", "亿元", 3, "running_costs"),  # only 元 and 万元 are taken
        (3, 0, "事业单位运行经费", "7.00", "万元", 4, "other"),  # the short word outside its section
        (3, 1, "一般公共预算财政拨款运行经费", "910.53", "万元", 5, "other/running_costs"),  # inside it
    ]
    columns = "document_id, statement_index, subject, amount, unit, page, section"
    connection.executemany(f"INSERT INTO statements ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?)", statements)
    found = figures.narrative_figures(connection, [1, 2, 3])
    assert found == {
        1: {
            "procurement": {"amount": Decimal("921.97"), "page": 10},
            "running_costs": {"amount": Decimal("48.78"), "page": 11},
        },
        3: {"running_costs": {"amount": Decimal("910.53"), "page": 5}},
    }


def test_a_statement_the_check_resolved_comes_before_one_its_subject_names() -> None:
    import duckdb

    from yusuan.store import figures

    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE statements (document_id INT, statement_index INT, subject TEXT, amount DECIMAL(38, 6),"
        " unit TEXT, page INT, section TEXT, quantity_key TEXT)"
    )
    connection.executemany(
        "INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (1, 0, "政府采购安排", "5.00", "万元", 3, "procurement", None),
            (1, 1, "政府采购预算总金额", "6.00", "万元", 4, "procurement", "procurement.total"),
        ],
    )
    assert figures.narrative_figures(connection, [1]) == {1: {"procurement": {"amount": Decimal("6.00"), "page": 4}}}
