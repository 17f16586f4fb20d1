"""The code hierarchy of a table: 类 → 款 → 项 (→ projects), with missing parents made explicit.

Tables list function codes (3/5/7 digits) or economic codes (3/5 digits) and
may print a subtotal row for each parent.  `code_tree` links every code row to
its parent; where a parent row is not printed, a *virtual* node stands in,
whose value is the sum of its children.  Rules then check each printed parent
against its children and the total row against the top level, and can tell
a reviewer which parent rows are missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Row, Side, Table
from yusuan.money import ZERO

_CODE = lazy_compile(r"^\d{3}(\d{2}){0,2}$")


@dataclass
class Node:
    key: str
    code: str
    row: Row | None  # None: a parent the table does not print
    children: list[Node] = field(default_factory=list)
    is_project: bool = False

    @property
    def level(self) -> int:
        return {3: 1, 5: 2, 7: 3}[len(self.code)] + (1 if self.is_project else 0)

    @property
    def virtual(self) -> bool:
        return self.row is None

    def value(self, column: str) -> Decimal:
        """The printed value (empty = 0), or for a virtual node the sum of its children."""
        if self.row is not None:
            return self.row.amount(column)
        return sum((child.value(column) for child in self.children), ZERO)

    def walk(self) -> list[Node]:
        return [self, *(n for child in self.children for n in child.walk())]


@dataclass
class CodeTree:
    roots: list[Node]
    nodes: dict[str, Node]

    def walk(self) -> list[Node]:
        return [n for root in self.roots for n in root.walk()]

    def value(self, column: str) -> Decimal:
        return sum((root.value(column) for root in self.roots), ZERO)

    def printed_levels(self) -> set[int]:
        return {n.level for n in self.nodes.values() if not n.virtual}


def code_rows(table: Table, side: Side | None = None) -> list[Row]:
    """Body rows that carry a well-formed code (on `side`, when given)."""
    return [
        r
        for r in table.body_rows(side)
        if r.code is not None and _CODE.match(r.code) and (side is None or r.side == side)
    ]


_KEPT_TREES = 64
_trees: dict[tuple[int, Side | None], tuple[Table, CodeTree]] = {}


def forget_trees() -> None:
    """Drop the trees kept so far: a check run starts with none, so a table changed in place between two runs
    (its rows or their codes) gets a tree made afresh."""
    _trees.clear()


def code_tree(table: Table, side: Side | None = None) -> CodeTree:
    """The table's code tree (on `side`), made once per table and check run (`forget_trees`): several rules
    and each narrative subject ask for it.  The tree is shared: read it, never change it.  The table is kept
    with its tree, so its id is not reused while the entry lives."""
    kept = _trees.get((id(table), side))
    if kept is not None and kept[0] is table:
        return kept[1]
    tree = _code_tree(table, side)
    if len(_trees) >= _KEPT_TREES:
        _trees.clear()
    _trees[(id(table), side)] = (table, tree)
    return tree


def _code_tree(table: Table, side: Side | None) -> CodeTree:
    rows = code_rows(table, side)
    nodes: dict[str, Node] = {}
    roots: list[Node] = []
    printed_codes = {r.key for r in rows if not r.project}

    def node_for_code(code: str) -> Node:
        if code in nodes:
            return nodes[code]
        node = Node(key=code, code=code, row=None)
        nodes[code] = node
        attach(node, code[:-2] if len(code) > 3 else None)
        return node

    def attach(node: Node, parent_code: str | None) -> None:
        if parent_code is None:
            roots.append(node)
        else:
            node_for_code(parent_code).children.append(node)

    for row in rows:
        assert row.code is not None
        if row.project:
            node = Node(key=row.key, code=row.code, row=row, is_project=True)
            nodes[row.key] = node
            # a project sits under its 项 row when printed, else directly under its 款
            parent = row.code if row.code in printed_codes else (row.code[:5] if len(row.code) > 3 else None)
            attach(node, parent)
        elif row.key in nodes and nodes[row.key].row is None:
            nodes[row.key].row = row  # a child came first and created the node
        elif row.key not in nodes:
            node = Node(key=row.key, code=row.code, row=row)
            nodes[row.key] = node
            attach(node, row.code[:-2] if len(row.code) > 3 else None)
    return CodeTree(roots=roots, nodes=nodes)


def money_columns(table: Table, side: Side | None = None) -> list[str]:
    """Column keys of `side` (all columns when the table is one-sided)."""
    sided = [c.key for c in table.columns if c.side == side] if side is not None else []
    if sided:
        return sided
    return [c.key for c in table.columns if c.side is None]
