"""The table rows a narrative subject can name, and the `Quantity` that grounds it.

`yusuan.check.subjects` decides, section by section, which line of which table a
subject means; this module finds that line: a cell by row key, a function class
by name, a 项 by its `…(类)…(款)…(项)` chain, a row by the label the table prints
(`三、其他资金`), an economic line (`基本工资(款)`), and 人员经费 / 公用经费 by
economic class where a template prints no such columns.  Every lookup answers
None unless exactly one row fits.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from yusuan.check.amounts import side_amount_column
from yusuan.check.context import CheckContext
from yusuan.check.finding import Location
from yusuan.check.hierarchy import code_tree
from yusuan.check.text import fold
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Col, Row, Side, Table, TableKind
from yusuan.money import ZERO, MoneyUnit

K = TableKind


@dataclass(frozen=True)
class Quantity:
    key: str  # stable: `income.general_public_budget`, `general_public_budget.function.2013101`, …
    label: str  # `表1“1. 一般公共预算拨款”`
    values: tuple[Decimal, ...]  # acceptable values; the first is reported
    unit: MoneyUnit
    location: Location
    soft: bool = False  # a difference may be explained (机关运行经费)

    @property
    def value(self) -> Decimal:
        return self.values[0]


def cell(
    ctx: CheckContext,
    kind: TableKind,
    row_key: str,
    column: str,
    key: str,
    *,
    side: Side | None = None,
    also: tuple[str, ...] = (),
) -> Quantity | None:
    table = ctx.table(kind)
    if table is None:
        return None
    row = table.row(row_key, side) if side else table.row(row_key)
    if row is None or (table.column(column, side) is None and table.column(column) is None):
        return None
    values = [row.amount(column)]
    for other in also:  # alternative rows the same words may mean (一般公共预算 = 拨款 or 一般财力)
        alt = table.row(other, side) if side else table.row(other)
        if alt is not None:
            values.append(alt.amount(column))
    return Quantity(key, row_label(table, row), tuple(values), table.unit, ctx.at_cell(table, row, column))


def row_quantity(ctx: CheckContext, key: str, table: Table, row: Row, column: str) -> Quantity:
    return Quantity(key, row_label(table, row), (row.amount(column),), table.unit, ctx.at_cell(table, row, column))


def row_label(table: Table, row: Row) -> str:
    name = " ".join(row.label.split())
    if row.project:
        name = row.project
    elif row.code and not name.startswith(row.code):
        name = f"{row.code} {name}"
    return f"表{table.number}“{name}”"


def columns_total(ctx: CheckContext, kind: TableKind, columns: tuple[str, ...], key: str) -> Quantity | None:
    table = ctx.table(kind)
    row = table.row("total") if table else None
    if table is None or row is None:
        return None
    present = [c for c in columns if table.column(c) is not None]
    if not present:
        return None
    value = sum((row.amount(c) for c in present), ZERO)
    return Quantity(key, f"表{table.number}合计行", (value,), table.unit, ctx.at_cell(table, row, present[0]))


def first(*candidates: Quantity | None) -> Quantity | None:
    return next((c for c in candidates if c is not None), None)


def _class_row(table: Table | None, name: str, side: Side | None = None) -> Row | None:
    if table is None:
        return None
    wanted = fold(name).removesuffix("(类)")
    rows = [
        r for r in table.body_rows(side) if r.code and len(r.code) == 3 and fold(r.label).removeprefix(r.code) == wanted
    ]
    return rows[0] if len(rows) == 1 else None


def class_quantity(
    ctx: CheckContext,
    kinds: tuple[TableKind, ...],
    name: str,
    column: str,
    key_prefix: str,
    *,
    side: Side | None = None,
) -> Quantity | None:
    for kind in kinds:
        table = ctx.table(kind)
        row = _class_row(table, name, side)
        if table is not None and row is not None and row.code:
            return row_quantity(ctx, f"{key_prefix}.{row.code}", table, row, column)
    return None


_CHAIN = lazy_compile(r"^(?:(?P<c>.+?)\(类\))?(?:(?P<k>.+?)\(款\))?(?P<x>.+?)\(项\)$")


def _name(label: str) -> str:
    """A classification name as compared: folded, `其它` as `其他`, without a trailing `支出`
    (`机关事业单位基本养老保险缴费(项)` names the row `机关事业单位基本养老保险缴费支出`)."""
    return fold(label).replace("其它", "其他").removesuffix("支出")


def chain_quantity(ctx: CheckContext, kind: TableKind, subject: str, column: str, key_prefix: str) -> Quantity | None:
    """`一般公共服务支出(类)党委办公厅(室)及相关机构事务(款)行政运行(项)` → the 项 row of `kind`."""
    match = _CHAIN.match(subject)
    table = ctx.table(kind)
    if match is None or table is None:
        return None
    tree = code_tree(table)
    candidates = []
    x, k, c = (_name(match.group(g)) if match.group(g) else "" for g in ("x", "k", "c"))
    for node in tree.walk():
        if node.row is None or len(node.code) != 7 or node.is_project:
            continue
        if _name(node.row.label) != x:
            continue
        parent = tree.nodes.get(node.code[:5])
        grand = tree.nodes.get(node.code[:3])
        parent_name = _name(parent.row.label) if parent and parent.row else None
        grand_name = _name(grand.row.label) if grand and grand.row else None
        if k and not (parent_name and parent_name.endswith(k)):
            continue
        # a `(类)` the publication gives to the 款 (`住房改革支出(类)住房公积金(项)`) still names an ancestor
        if c and c not in (grand_name, None if k else parent_name):
            continue
        candidates.append(node)
    if len(candidates) != 1 or candidates[0].row is None:
        return None
    row = candidates[0].row
    return row_quantity(ctx, f"{key_prefix}.{candidates[0].code}", table, row, column)


_LABEL_MARKER = lazy_compile(r"^(?:[一二三四五六七八九十]+[、.]|\d+[、.．]|[(（][一二三四五六七八九十\d]+[)）])")
_TRAILING_TOTAL = lazy_compile(r"(?:预算|总计|合计|总额|数)+$")


def bare_label(row: Row) -> str:
    """A row's printed label without its list marker (`三、其他资金` → `其他资金`) or its code."""
    return _bare_label(row.label, row.code)


@lru_cache(maxsize=16384)
def _bare_label(label: str, code: str | None) -> str:
    """`bare_label` of a label and code, kept: each narrative subject looks through a table's rows again."""
    folded = fold(label)
    if code:
        folded = folded.removeprefix(code)
    return _LABEL_MARKER.sub("", folded)


def printed_row(ctx: CheckContext, kind: TableKind, names: tuple[str, ...], key_prefix: str) -> Quantity | None:
    """The one row of `kind` (either side) printed under the first of `names` that names exactly one row.

    The narrative names a line of the table as the table prints it (Jiangsu's `其他资金收入预算总计` is
    表一 `三、其他资金`, Shanghai's `事业收入` is 表1 `二、事业收入`), so the match is on the document's
    own label, never on a list of one template's words; two rows with the same label match nothing.
    A 款 or 项 row is never matched by its bare name: a project may carry the same name (深圳 lists its
    projects `1.统计管理 352.27 万元` beside the 项 `2010506 统计管理`); a 项 is named by its chain.
    """
    table = ctx.table(kind)
    if table is None:
        return None
    lines = [(r, bare_label(r)) for r in table.body_rows() if not (r.code and len(r.code) > 3)]
    for name in names:
        rows = [r for r, bare in lines if name and name in (bare, bare.removesuffix("预算"))]
        if len(rows) != 1:
            continue
        row = rows[0]
        column = side_amount_column(table, row.side) if row.side else Col.TOTAL
        if table.column(column) is None:
            return None
        return row_quantity(ctx, f"{key_prefix}.{row.key}", table, row, column)
    return None


def names_of(subject: str) -> tuple[str, ...]:
    """`财政拨款收入预算总计` → (`财政拨款收入`, `财政拨款`); `一般公共服务(类)支出` → (`一般公共服务支出`,)."""
    name = _TRAILING_TOTAL.sub("", subject.replace("(类)", ""))
    names = [name]
    if name.endswith("收入"):
        names.append(name.removesuffix("收入"))
    return tuple(n for n in names if len(n) >= 2)


# 人员经费 and 公用经费 by economic class, where a basic-spending table prints no such columns (Jiangsu):
# 人员经费 = 工资福利支出 + 对个人和家庭的补助; 公用经费 = 商品和服务支出 (with 资本性支出 where printed)
_SPLIT_BY_CLASS: dict[str, tuple[tuple[str, ...], ...]] = {
    Col.PERSONNEL: (("301", "303"),),
    Col.PUBLIC: (("302",), ("302", "310")),
}


def basic_split(ctx: CheckContext, kind: TableKind, column: str, key: str) -> Quantity | None:
    table = ctx.table(kind)
    total = table.row("total") if table is not None else None
    if table is None or total is None:
        return None
    if table.column(column) is not None:
        return cell(ctx, kind, "total", column, key)
    values: list[Decimal] = []
    for codes in _SPLIT_BY_CLASS[column]:
        rows = [row for code in codes if (row := table.row(code)) is not None]
        if len(rows) < len(codes) and values:
            continue  # an alternative that adds a class the table does not print
        value = sum((row.amount(Col.TOTAL) for row in rows), ZERO)
        if rows and value not in values:
            values.append(value)
    if not values:
        return None
    first_class = table.row(_SPLIT_BY_CLASS[column][0][0]) or total
    label = f"表{table.number}“{_CLASS_WORDS[column]}”"
    return Quantity(key, label, tuple(values), table.unit, ctx.at_cell(table, first_class, Col.TOTAL))


_CLASS_WORDS = {Col.PERSONNEL: "工资福利支出+对个人和家庭的补助", Col.PUBLIC: "商品和服务支出"}
_ECONOMIC = lazy_compile(r"(?P<name>.+?)\((?P<level>类|款)\)(?:支出)?")


def economic_row(ctx: CheckContext, kind: TableKind, subject: str, key_prefix: str) -> Quantity | None:
    """`基本工资(款)支出`, `工资福利支出(类)`: the row of an economic-classification table printed under that name."""
    match = _ECONOMIC.fullmatch(subject)
    table = ctx.table(kind)
    if match is None or table is None:
        return None
    length = 3 if match.group("level") == "类" else 5
    name = match.group("name")
    for wanted in (name, name.removesuffix("支出")):
        rows = [r for r in table.body_rows() if r.code and len(r.code) == length and bare_label(r) == wanted]
        if len(rows) == 1:
            row = rows[0]
            return row_quantity(ctx, f"{key_prefix}.{row.code}", table, row, Col.TOTAL)
    return None
