"""A regional template as an override of the national form: what it says replaces, the rest is inherited.

A regional template file says `extends: national` and holds only what its
layout prints differently; the whole template is the national file's data
with the override laid over it, key by key (all on the parsed YAML, before
any spec is built):

- **Scalars and lists replace.**  `id`, `phase`, `document_kind`, `detect`,
  `sections`, `totals`, a performance form's titles, and every list of words,
  are the override's when it gives them, the national form's when it does
  not.  A list is never extended: the words a region lists are its own reading
  (their order decides which label a column prints first, and their
  narrowness keeps the region's form from taking a national alias that means
  something else in its layout), while the national words are tried anyway,
  after the region's, where the reader falls back on them (`template.py`
  appends national part and section words; `candidate_specs` tries the
  national table forms after the region's own).
- **Maps of roles merge role by role.**  `parts`, `part_titles`,
  `profile_sections`, `label_columns`, `sides` and the performance form's
  `text_fields`, `amount_fields`, `indicator_columns`: a role the override
  names replaces the national one's words; a role it leaves out is inherited.
- **Tables amend the national form of their kind.**  Each table the override
  lists starts from the national table of the same `kind` (of the same
  `layout` when the override names one, for a kind printed in several forms;
  a layout the national form does not print for that kind starts from
  nothing) and replaces the keys it gives — typically `titles`, `columns`, `rows`;
  `layout`, `code_kind`, `class_rows`, `sums` and the rest are inherited unless
  given (`sums: []`, `class_rows: false`, `code_kind: null` say "none here").
  `columns`, `rows` and `sums` replace whole: a column's or row's labels are
  the region's reading as a whole.  A kind the national form does not know is
  a whole table of the override's own.  The region's table list is exactly the
  tables it lists (all the national ones if it lists none): a kind it does not
  list is not copied in, since the national form is already every template's
  fallback for it (`template.candidate_specs`).

`template_schema.py` checks the override before the merge (every key
optional, none unknown) and the merged template after it (every key the reader
needs present).
"""

from __future__ import annotations

from typing import Any

ROLE_MAPS = frozenset({"parts", "part_titles", "profile_sections", "label_columns", "sides"})
PERFORMANCE_ROLE_MAPS = frozenset({"text_fields", "amount_fields", "indicator_columns"})


def merge_template(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """The whole template `override` (parsed YAML with `extends`) describes over `base` (the national form)."""
    merged = {key: value for key, value in base.items() if key != "extends"}
    for key, value in override.items():
        if key == "extends":
            continue
        if key in ROLE_MAPS:
            merged[key] = _roles(base.get(key), value)
        elif key == "performance":
            merged[key] = _performance(base.get(key) or {}, value)
        elif key == "tables":
            merged[key] = [_table(base.get("tables") or [], table) for table in value]
        else:
            merged[key] = value
    return merged


def _roles(base: dict[str, Any] | None, override: dict[str, Any] | None) -> dict[str, Any] | None:
    if override is None:
        return base
    return {**(base or {}), **override}


def _performance(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _roles(base.get(key), value) if key in PERFORMANCE_ROLE_MAPS else value
    return merged


def _table(base_tables: list[dict[str, Any]], override: dict[str, Any]) -> dict[str, Any]:
    """`override` over the national table of its kind (and layout, when it names one)."""
    base = next(
        (
            table
            for table in base_tables
            if table.get("kind") == override.get("kind")
            and ("layout" not in override or table.get("layout") == override["layout"])
        ),
        {},
    )
    return {**base, **override}
