"""Read a `Budget` from YAML, and say at which line anything is wrong.

YAML's own type guessing would turn `1566.00` into a float and `2013101` into
an int; here every scalar stays text until the model parses it (amounts into
`Decimal`, codes into strings), so no amount ever passes through a float.
The loader remembers the line of every value, so a validation error becomes
`budget.yaml:42: …` rather than a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from yusuan.errors import InputError
from yusuan.inputs.validation import first_error
from yusuan.model import Budget

Loc = tuple[str | int, ...]
_NULLS = {"", "~", "null", "Null", "NULL"}


def load_yaml_budget(path: Path) -> Budget:
    """Parse and validate a budget YAML file; raise InputError naming file:line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"文件不是 UTF-8 编码的 YAML（第{exc.start}字节）") from exc
    except OSError as exc:
        raise InputError(str(path), f"无法读取文件：{exc.strerror}") from exc
    lines: dict[Loc, int] = {}
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = _to_plain(node, (), lines) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(place, f"YAML 语法错误：{problem}") from exc
    if node is None:
        raise InputError(str(path), "文件是空的")
    try:
        return Budget.model_validate(data)
    except ValidationError as exc:
        loc, message = first_error(exc)
        raise InputError(f"{path}:{_line_for(loc, lines)}", message) from exc


def _to_plain(node: yaml.Node, loc: Loc, lines: dict[Loc, int]) -> Any:
    """Turn a composed YAML node into dicts, lists and strings, noting each value's line."""
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in result:  # PyYAML keeps the last of two equal keys; a silent loss of data
                raise yaml.MarkedYAMLError(problem=f"重复的键 {key!r}", problem_mark=key_node.start_mark)
            lines[(*loc, key)] = key_node.start_mark.line + 1
            result[key] = _to_plain(value_node, (*loc, key), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_plain(item, (*loc, index), lines) for index, item in enumerate(node.value)]
    value = str(node.value)
    if getattr(node, "style", None) is None and value in _NULLS:
        return None
    return value


def _line_for(loc: Loc, lines: dict[Loc, int]) -> int:
    """The line of the deepest located part of `loc` (pydantic adds non-field parts)."""
    for end in range(len(loc), -1, -1):
        prefix = tuple(loc[:end])
        if prefix in lines:
            return lines[prefix]
    return 1
