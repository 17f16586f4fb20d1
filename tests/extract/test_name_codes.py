"""Name-only subject rows get their code the way a reviewer reads them: under the current 类 and 款.

The document's own coded rows are asked first, the catalogue edition nearest the document's year second,
and the common items of a 款 (01 行政运行, 02 一般行政管理事务, 03 机关服务, 50 事业运行, 99 其他…支出) last;
a name none of them fixes stays unknown and its side is left as read.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.extract.name_codes import _keyed, name_rows
from yusuan.extract.name_rules import Resolver
from yusuan.model import Row, Table
from yusuan.model.disclosure import Cell, Column
from yusuan.model.kinds import Side, TableKind


def _row(key: str, label: str, amount: str | None, code: str | None = None, side: Side | None = None) -> Row:
    cells = {"total": Cell(value=Decimal(amount), text=amount)} if amount else {}
    return Row(key=key, label=label, code=code, side=side, cells=cells)


def _coded() -> Table:
    return Table(
        kind=TableKind.GENERAL_BUDGET_EXPENDITURE,
        number="5",
        title="一般公共预算支出表",
        columns=[Column(key="total", label="合计")],
        rows=[
            _row("201", "201 一般公共服务支出", "10", code="201"),
            _row("20105", "20105 统计信息事务", "10", code="20105"),
            _row("2010501", "2010501 行政运行", "6", code="2010501"),
            _row("2010550", "2010550 事业运行", "4", code="2010550"),
        ],
    )


def _summary(*rows: Row) -> Table:
    return Table(
        kind=TableKind.INCOME_EXPENDITURE_SUMMARY,
        number="1",
        title="收支总表",
        columns=[Column(key="total", label="预算数", side=Side.EXPENDITURE)],
        rows=list(rows),
    )


def _names_only(kind: TableKind, *labels: str) -> Table:
    """A table printed by names only (杭州): every row unknown to the reader, each with an amount."""
    rows = [
        _row(
            "total",
            "合计",
            "1",
        )
    ] + [_row(f"unknown:{label}", label, "1") for label in labels]
    rows[0] = rows[0].model_copy(update={"is_total": True})
    return Table(kind=kind, number="5", title="支出表", columns=[Column(key="total", label="合计")], rows=rows)


def _keys(table: Table) -> list[str]:
    return [r.key for r in table.rows if not r.is_total]


def test_a_name_under_a_known_parent_gets_the_one_code_that_fits() -> None:
    # the class row is keyed by the reader from the form's class names; its items by name here
    summary = _summary(
        _row("201", "一、一般公共服务支出", "10", code="201", side=Side.EXPENDITURE),
        _row("unknown:2", "统计信息事务", "10", side=Side.EXPENDITURE),
        _row("unknown:3", "行政运行", "6", side=Side.EXPENDITURE),
        _row("unknown:4", "事业运行", "4", side=Side.EXPENDITURE),
    )
    tables, _ = name_rows([_coded(), summary])
    assert [r.key for r in tables[1].rows] == ["201", "20105", "2010501", "2010550"]
    assert [r.level for r in tables[1].rows[1:]] == [2, 3, 3]
    assert [r.named for r in tables[1].rows] == [False, True, True, True]


def test_a_table_without_any_code_is_read_class_by_class() -> None:
    # 杭州市公安局 表5 (p26): no code anywhere; 行政运行 and the residuals are told apart by their parents
    table = _names_only(
        TableKind.GENERAL_BUDGET_EXPENDITURE,
        "一般公共服务支出", "其他一般公共服务支出", "其他一般公共服务支出",
        "公共安全支出", "公安", "行政运行", "一般行政管理事务", "机关服务", "事业运行", "其他公安支出",
        "社会保障和就业支出", "行政事业单位养老支出", "行政单位离退休", "机关事业单位基本养老保险缴费支出",
    )  # fmt: skip
    tables, _ = name_rows([table], 2026)
    assert _keys(tables[0]) == [
        "201", "20199", "2019999",
        "204", "20402", "2040201", "2040202", "2040203", "2040250", "2040299",
        "208", "20805", "2080501", "2080505",
    ]  # fmt: skip


def test_economic_names_are_read_under_their_class() -> None:
    table = _names_only(
        TableKind.GENERAL_BUDGET_BASIC,
        "工资福利支出", "基本工资", "其他社会保障缴费", "商品和服务支出", "办公费", "对个人和家庭的补助", "退休费",
    )  # fmt: skip
    tables, _ = name_rows([table], 2026)
    assert _keys(tables[0]) == ["301", "30101", "30112", "302", "30201", "303", "30302"]


def test_the_catalogue_edition_nearest_the_year_decides_between_two_codes_of_one_name() -> None:
    # 其他社会保障缴费 was 30104 in 2017 and is 30112 since 2018
    resolver = Resolver.economic([], 2017)
    assert resolver.walk("其他社会保障缴费", [("301", "工资福利支出")]) == "30104"
    assert Resolver.economic([], 2026).walk("其他社会保障缴费", [("301", "工资福利支出")]) == "30112"


def test_a_common_item_is_not_given_a_code_the_catalogue_names_otherwise() -> None:
    # 2080501 is 行政单位离退休: a 行政运行 printed under 行政事业单位养老支出 is not keyed 2080501
    resolver = Resolver.function([], 2026)
    parents = [("20805", "行政事业单位养老支出"), ("208", "社会保障和就业支出")]
    assert resolver.walk("行政运行", parents) is None
    assert resolver.walk("其他行政事业单位养老支出", parents) == "2080599"
    assert resolver.walk("其他养老支出", parents) is None  # not the 款's residual by name: not guessed


def test_a_side_with_one_name_no_source_knows_is_left_as_read() -> None:
    summary = _summary(
        _row("201", "一、一般公共服务支出", "10", code="201", side=Side.EXPENDITURE),
        _row("unknown:2", "统计信息事务", "10", side=Side.EXPENDITURE),
        _row("unknown:3", "某项从未见过的支出", "10", side=Side.EXPENDITURE),
    )
    tables, keyed = name_rows([_coded(), summary])
    assert [r.key for r in tables[1].rows] == ["201", "unknown:2", "unknown:3"]
    assert keyed == set()


def test_an_item_after_a_row_that_could_not_be_placed_is_not_put_under_the_previous_item() -> None:
    # the unknown 款 breaks the walk: its 行政运行 must not become 2040201 of the 公安 before it
    table = _names_only(
        TableKind.GENERAL_BUDGET_EXPENDITURE, "公共安全支出", "公安", "行政运行", "某个未知的款", "行政运行"
    )
    tables, _ = name_rows([table], 2026)
    assert _keys(tables[0]) == [
        f"unknown:{n}" for n in ("公共安全支出", "公安", "行政运行", "某个未知的款", "行政运行")
    ]
    keyed = _keyed(table.rows, Resolver.function([], 2026), economic=False)
    assert [keyed.get(id(r)) for r in table.rows[1:]] == ["204", "20402", "2040201", None, None]


def test_a_name_without_a_known_parent_is_not_guessed() -> None:
    # 行政运行 stands under every 款: with no parent row before it, it stays unknown.
    summary = _summary(_row("unknown:1", "行政运行", "6", side=Side.EXPENDITURE))
    tables, _ = name_rows([_coded(), summary])
    assert tables[1].rows[0].key == "unknown:1"


def test_income_rows_and_tables_of_other_things_are_not_keyed_by_subject_names() -> None:
    summary = _summary(_row("unknown:1", "一般公共服务支出", "6", side=Side.INCOME))
    three_public = _names_only(TableKind.THREE_PUBLIC, "一般公共服务支出")
    tables, _ = name_rows([summary, three_public], 2026)
    assert tables[0].rows[0].key == "unknown:1" and _keys(tables[1]) == ["unknown:一般公共服务支出"]
