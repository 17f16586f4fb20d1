"""Read a `Budget` from YAML, and say at which line anything is wrong.

YAML's own type guessing would turn `1566.00` into a float and `2013101` into
an int; here every scalar stays text until the model parses it (amounts into
`Decimal`, codes into strings), so no amount ever passes through a float.
The loader remembers the line of every value, so a validation error becomes
`budget.yaml:42: …` rather than a traceback.

An uploaded YAML is untrusted: its size, its nesting depth and the number of
values after alias expansion are bounded (`yusuan.limits`) before any of it
can take memory or recursion, and every text is bounded in length.

libyaml (PyYAML's C extension, when built with it) scans and parses, and the
composing stays in Python under the depth bound: a department's dozens of unit
files read several times faster, with the same nodes, lines and errors.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

if yaml.__with_libyaml__:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]
from pydantic import BaseModel, ValidationError

from yusuan.errors import InputError, raise_all, unreadable
from yusuan.inputs.validation import problems_of
from yusuan.limits import MAX_TEXT_CHARS, MAX_YAML_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES
from yusuan.model import Budget
from yusuan.model.final_accounts import FINAL_KINDS, FinalAccounts

Loc = tuple[str | int, ...]
_NULLS = {"", "~", "null", "Null", "NULL"}


def load_yaml_budget(path: Path, units: Sequence[Path] | None = None) -> Budget | FinalAccounts:
    """Parse and validate a budget (or a 决算: `kind` says which) YAML file; raise InputError naming file:line.

    A department file (a `department:` section) is compiled from its units' budgets
    (`units`, given here or listed in the file) into the department's budget."""
    data, lines = read_yaml(path)
    if isinstance(data, dict) and "department" in data:
        from yusuan.inputs.department_input import department_budget

        return department_budget(path, data, lines, units)
    if units:
        raise InputError(str(path), "只有部门文件（含 department: 部分）才能给出所属单位（--units）")
    if isinstance(data, dict) and data.get("kind") in {k.value for k in FINAL_KINDS}:
        return validate(FinalAccounts, data, lines, path)
    return validate(Budget, data, lines, path)


M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: Any, lines: dict[Loc, int], path: Path) -> M:
    """The model from plain data, or every validation problem as `file:line: …`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        found = sorted(((_line_for(p.loc, lines), p.text) for p in problems_of(exc)), key=lambda pair: pair[0])
        raise_all([InputError(f"{path}:{line}", text) for line, text in found])
        raise  # pragma: no cover  (a ValidationError always has an error)


def read_yaml(path: Path) -> tuple[Any, dict[Loc, int]]:
    """The file as plain dicts, lists and strings, and the line of every value."""
    try:
        if path.stat().st_size > MAX_YAML_BYTES:
            raise InputError(str(path), f"YAML 文件过大（上限 {MAX_YAML_BYTES >> 20} MB），不像是预算数据")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"文件不是 UTF-8 编码的 YAML（第{exc.start}字节）") from exc
    except OSError as exc:
        raise InputError(str(path), unreadable(exc)) from exc
    lines: dict[Loc, int] = {}
    try:
        loader = _BoundedLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        data = _to_plain(node, (), lines, _Budget()) if node is not None else None
    except RecursionError as exc:  # a guard in depth: the bounded loader should stop it first
        raise InputError(str(path), f"YAML 嵌套过深（上限 {MAX_YAML_DEPTH} 层）") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(place, problem if isinstance(exc, _LimitError) else syntax_error(problem, mark)) from exc
    if node is None:
        raise InputError(str(path), "文件是空的")
    return data, lines


# PyYAML's syntax problems (English) in words a clerk reads, by the start of the problem; the first match wins.
_SYNTAX_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("found a tab character", "这里用了制表符（Tab）缩进，请改用空格"),
    ("found character '\\t'", "这里用了制表符（Tab），请改用空格"),
    ("did not find expected ',' or ']'", "方括号 [ ] 没有配对，或其中各项之间缺少逗号"),
    ("did not find expected ',' or '}'", "花括号 { } 没有配对，或其中各项之间缺少逗号"),
    ("mapping values are not allowed", "这里不能有冒号“:”（文字中含冒号时请给整段文字加引号）"),
    ("could not find expected ':'", "缺少冒号“:”"),
    ("found unexpected end of stream", "引号没有配对"),
    ("found undefined alias", "引用了没有定义的别名（*）"),
    ("found duplicate anchor", "同名的锚点（&）定义了两次"),
    ("found unknown escape character", "双引号中的转义字符（\\）无效"),
    ("found character that cannot start any token", "这个字符不能作为值的开头（请给这段文字加引号）"),
    ("did not find expected node content", "这里缺少值"),
    ("did not find expected key", "缩进不一致"),
    ("expected <block end>", "缩进不一致"),
    ("expected a comment or a line break", "值后面多了内容（请给整段文字加引号）"),
)


def syntax_error(problem: str, mark: Any) -> str:
    """A PyYAML syntax problem as one Chinese sentence with its column (never PyYAML's English)."""
    said = next((chinese for start, chinese in _SYNTAX_PROBLEMS if problem.startswith(start)), None)
    if said is None and not problem.isascii():  # yusuan's own words (a key given twice)
        said = problem
    column = f"（第{mark.column + 1}列）" if mark is not None else ""
    return f"YAML 格式错误{column}：{said or '请检查这一行的缩进、冒号、引号和括号'}"


class _LimitError(yaml.MarkedYAMLError):
    """A limit of yusuan.limits was reached (not a syntax error)."""


class _BoundedComposer(Composer):
    """PyYAML's composer, refusing nesting deeper than MAX_YAML_DEPTH while it composes."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[attr-defined]
                raise _LimitError(problem=f"嵌套过深（上限 {MAX_YAML_DEPTH} 层）", problem_mark=mark)
            node: yaml.Node = super().compose_node(parent, index)  # type: ignore[assignment]
            return node
        finally:
            self._depth -= 1


if yaml.__with_libyaml__:  # libyaml scans and parses (in C, about ten times faster: a department has dozens of files)

    class _BoundedLoader(_BoundedComposer, CParser, SafeConstructor, Resolver):
        """libyaml's events, composed by the bounded composer (libyaml's own composer has no depth bound)."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            _BoundedComposer.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml

    class _BoundedLoader(_BoundedComposer, Reader, Scanner, Parser, SafeConstructor, Resolver):  # type: ignore[no-redef]
        """The pure-Python safe loader with the bounded composer."""

        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            _BoundedComposer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)


class _Budget:
    """What is left of the value budget while a document is turned into plain data (alias expansion)."""

    def __init__(self) -> None:
        self.left = MAX_YAML_NODES


def _to_plain(node: yaml.Node, loc: Loc, lines: dict[Loc, int], budget: _Budget) -> Any:
    """Turn a composed YAML node into dicts, lists and strings, noting each value's line.

    An alias is expanded each time it is met, so every value counts against
    MAX_YAML_NODES: nested aliases cannot multiply a small file into millions.
    """
    budget.left -= 1
    if budget.left < 0:
        raise _LimitError(
            problem=f"展开别名（&/*）后的值超过 {MAX_YAML_NODES:,} 个，不像是一份预算数据", problem_mark=node.start_mark
        )
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in result:  # PyYAML keeps the last of two equal keys; a silent loss of data
                raise yaml.MarkedYAMLError(problem=f"重复的键 {key!r}", problem_mark=key_node.start_mark)
            lines[(*loc, key)] = key_node.start_mark.line + 1
            result[key] = _to_plain(value_node, (*loc, key), lines, budget)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_plain(item, (*loc, index), lines, budget) for index, item in enumerate(node.value)]
    value = str(node.value)
    if getattr(node, "style", None) is None and value in _NULLS:
        return None
    if len(value) > MAX_TEXT_CHARS:
        raise _LimitError(
            problem=f"文字过长（{len(value):,} 字，上限 {MAX_TEXT_CHARS:,} 字）", problem_mark=node.start_mark
        )
    return value


def _line_for(loc: Loc, lines: dict[Loc, int]) -> int:
    """The line of the deepest located part of `loc` (pydantic adds non-field parts)."""
    for end in range(len(loc), -1, -1):
        prefix = tuple(loc[:end])
        if prefix in lines:
            return lines[prefix]
    return 1
