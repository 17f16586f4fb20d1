"""A loaded template as plain JSON, to compare a template's reading specs before and after a rewrite.

`tests/fixtures/templates/<id>.json` holds each template as loaded (merged with the national form,
words folded); `test_template_overrides.py` compares the loaded templates with them.  After a deliberate
change to a template (or to national.yaml, which every override inherits), write them again and review
the diff: it shows what each region now reads differently.

    PYTHONPATH=src .venv/bin/python tests/extract/template_specs.py
"""

from __future__ import annotations

import dataclasses
import enum
import json
import re
from pathlib import Path
from typing import Any

from yusuan.extract.template import Template, load_template
from yusuan.extract.template_data import template_ids

GOLDEN = Path(__file__).parents[1] / "fixtures" / "templates"


def plain(value: Any) -> Any:
    """`value` with dataclasses, enums, patterns and sets made JSON values (sets sorted)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, re.Pattern):
        return value.pattern
    if isinstance(value, dict):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        return sorted(plain(v) for v in value)
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    return value


def template_json(template: Template) -> str:
    """The template as indented JSON, a list of words or an object of scalars on one line (a readable diff)."""
    return _dumps(plain(template), "") + "\n"


def _dumps(value: Any, indent: str) -> str:
    inner = indent + " "
    if isinstance(value, dict) and any(isinstance(v, dict | list) and v for v in value.values()):
        items = (f"{inner}{json.dumps(k, ensure_ascii=False)}: {_dumps(v, inner)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list) and any(isinstance(v, dict | list) for v in value):
        return "[\n" + ",\n".join(inner + _dumps(v, inner) for v in value) + f"\n{indent}]"
    return json.dumps(value, ensure_ascii=False)


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for template_id in template_ids():
        (GOLDEN / f"{template_id}.json").write_text(template_json(load_template(template_id)), encoding="utf-8")
        print(GOLDEN / f"{template_id}.json")


if __name__ == "__main__":
    main()
