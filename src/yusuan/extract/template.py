"""Load a regional template's printing conventions (templates/*.yaml) into typed specs.

The YAML file holds everything the reader knows about one template: table
titles, header words and the canonical column key each maps to, row labels,
section titles, performance-table fields.  A regional file is an override of
the national form (`extends: national`): it is checked (template_schema.py)
and laid over the national data (template_merge.py) before anything is built.
This module then turns that data into frozen dataclasses with every word
pre-folded for matching; no template knowledge lives in code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

from yusuan.extract.normalise import fold, fold_item
from yusuan.extract.template_data import cached_result, load_template_data, template_files
from yusuan.model.kinds import FUNCTION_CLASS_NAMES, DocumentKind, Side, TableKind
from yusuan.pattern_cache import compile_pattern

DEFAULT_TEMPLATE = "xinjiang-unit-2024"
BASE_TEMPLATE = "national"  # the national form: every kind, every alias; the fallback of every template
PHASES = frozenset({"budget", "final"})
LAYOUTS = frozenset({"two_sided", "codes", "projects", "items", "header_items", "row_columns", "paths"})
# the code a template's checked data depends on besides the YAML files: a change to any is a cache miss
CHECKING_CODE = ("template.py", "template_schema.py", "template_merge.py")
# the vocabulary the schema checks a template's kinds and keys against (yusuan.model): a change is a cache miss too
VOCABULARY_FILES = ("vocabulary.yaml", "kinds.py", "vocabulary.py")


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str  # the first label, as the template prints it
    labels: tuple[str, ...]  # folded
    side: Side | None = None
    under: tuple[str, ...] = ()  # folded words one of which must head the column
    qualifier: bool = False  # `paths` layout: the column qualifies the line named before it, not a level of its own


@dataclass(frozen=True)
class RowSpec:
    key: str
    labels: tuple[str, ...]  # folded, numbering stripped


@dataclass(frozen=True)
class SumSpec:
    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class TableSpec:
    kind: TableKind
    titles: tuple[str, ...]  # folded
    layout: str
    code_kind: str | None
    columns: tuple[ColumnSpec, ...]
    rows: dict[str, tuple[RowSpec, ...]]  # "income" / "expenditure" / "single"
    free_rows: bool
    sums: tuple[SumSpec, ...]
    unlabelled_row: str | None = None  # key of a row printed with amounts only (a one-row table)
    path_columns: tuple[ColumnSpec, ...] = ()  # `paths` layout: the label columns that make a row's key


@dataclass(frozen=True)
class SectionSpec:
    key: str
    words: tuple[str, ...]  # folded
    subsections: tuple[SectionSpec, ...] = ()


@dataclass(frozen=True)
class PerformanceSpec:
    unit_titles: tuple[str, ...]
    project_titles: tuple[str, ...]
    text_fields: dict[str, tuple[str, ...]]
    amount_fields: dict[str, tuple[str, ...]]
    indicator_columns: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Template:
    id: str
    parts: dict[str, tuple[str, ...]]
    profile_sections: dict[str, tuple[str, ...]]
    sections: tuple[SectionSpec, ...]
    code_words: tuple[str, ...]
    name_words: tuple[str, ...]
    project_words: tuple[str, ...]
    totals: frozenset[str]
    sides: dict[Side, tuple[str, ...]]
    tables: tuple[TableSpec, ...]
    performance: PerformanceSpec
    detect: tuple[tuple[re.Pattern[str], int], ...] = ()  # (pattern on folded text, weight) for auto-detection
    label_words: tuple[str, ...] = ()  # header words of a two-sided table's label columns (项目, 项目名称…)
    part_titles: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)  # unnumbered part titles
    default_kind: DocumentKind | None = None  # the kind of a document that does not say (a tables-only file)
    phase: str = "budget"  # budget (预算) or final (决算): a table is read only by forms of its own phase

    def table(self, kind: TableKind) -> TableSpec:
        return next(t for t in self.tables if t.kind == kind)

    def spec_for(self, kind: TableKind) -> TableSpec | None:
        return next((t for t in self.tables if t.kind == kind), None)


@cache
def candidate_specs(kind: TableKind, template_id: str) -> tuple[TableSpec, ...]:
    """Every known printed form of a table kind in the template's phase (预算 or 决算): the template's own
    first, then the national form, then the other regions' (a layout never seen may print a kind the way
    another region does)."""
    from yusuan.extract.template_data import template_ids

    order = [template_id, BASE_TEMPLATE, *(i for i in template_ids() if i not in (template_id, BASE_TEMPLATE))]
    phase = load_template(template_id).phase
    specs: list[TableSpec] = []
    for other in order:
        if load_template(other).phase != phase:
            continue  # a 决算 table is never read as a 预算 one, nor the reverse
        for spec in load_template(other).tables:  # a template may know a kind in several printed forms
            if spec.kind == kind and spec not in specs:
                specs.append(spec)
    return tuple(specs)


@cache
def load_template(template_id: str = DEFAULT_TEMPLATE) -> Template:
    """The template of that id (cached); ValueError if there is none or it is malformed."""
    data = checked_template_data(template_id)
    try:
        template = _template(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"模板 {template_id} 格式不对：{exc!r}") from exc
    if template_id == BASE_TEMPLATE:
        return template
    # a document detected as a region may still word its headings the national way (重庆's `单位基本情况`
    # read with another region's template): the national words follow the region's own
    base = load_template(BASE_TEMPLATE)
    return replace(
        template,
        parts=_with_words(template.parts, base.parts),
        profile_sections=_with_words(template.profile_sections, base.profile_sections),
        sections=_with_sections(template.sections, base.sections)
        if template.phase == base.phase
        else template.sections,
    )


def checked_template_data(template_id: str) -> dict[str, Any]:
    """`whole_template_data` of templates/<template_id>.yaml; ValueError if there is none or it is malformed.

    Kept beside the parsed YAML (template_data.py), keyed by the template file, the national one and the code
    that checks and merges them, so a process whose templates are unchanged neither builds the schema's
    pydantic models (≈ 15 ms of a short check) nor merges; a malformed template is never cached, so it
    fails in every process as before.  Installed without its sources: checked in every process."""

    def whole() -> dict[str, Any]:
        try:
            data = load_template_data(template_id)
        except FileNotFoundError as exc:
            raise ValueError(f"没有名为 {template_id!r} 的模板") from exc
        return whole_template_data(template_id, data)

    folder, code, model = template_files(), resources.files("yusuan.extract"), resources.files("yusuan.model")
    try:
        own = (folder / f"{template_id}.yaml").read_bytes()
    except FileNotFoundError:
        return whole()
    try:
        inputs = [
            own,
            (folder / f"{BASE_TEMPLATE}.yaml").read_bytes(),
            *((code / n).read_bytes() for n in CHECKING_CODE),
            *((model / n).read_bytes() for n in VOCABULARY_FILES),
        ]
    except OSError:
        return whole()
    data: dict[str, Any] = cached_result(folder, f"{template_id}.checked", inputs, whole)
    return data


def whole_template_data(template_id: str, data: Any) -> dict[str, Any]:
    """The template's data, checked (template_schema.py) and, for an override, merged over the national
    form's (template_merge.py); ValueError naming the file and the key when it is malformed."""
    from yusuan.extract.template_merge import merge_template  # not imported when the checked data is cached
    from yusuan.extract.template_schema import check_template

    file = f"templates/{template_id}.yaml"
    override = isinstance(data, dict) and "extends" in data
    check_template(data, file, override=override)
    if data["id"] != template_id:
        raise ValueError(f"模板文件 {file} 有误：id 应为 {template_id}，而不是 {data['id']}")
    if not override:
        return dict(data)
    merged = merge_template(_base_data(), data)
    check_template(merged, f"{file}（与 national 合并后）")
    return merged


@cache
def _base_data() -> dict[str, Any]:
    """The national form's checked data, which every override amends (not modified by a merge)."""
    return whole_template_data(BASE_TEMPLATE, load_template_data(BASE_TEMPLATE))


def _with_sections(own: tuple[SectionSpec, ...], base: tuple[SectionSpec, ...]) -> tuple[SectionSpec, ...]:
    """`own`'s sections in their order, each with `base`'s words for its key after its own; then the
    sections only `base` knows (a title the region words otherwise still gets its key)."""
    by_key = {spec.key: spec for spec in base}
    merged = [
        replace(spec, words=spec.words + tuple(w for w in by_key[spec.key].words if w not in spec.words))
        if spec.key in by_key
        else spec
        for spec in own
    ]
    known = {spec.key for spec in own}
    return tuple(merged) + tuple(spec for spec in base if spec.key not in known)


def _with_words(own: dict[str, tuple[str, ...]], base: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """`own`'s words for each role, then `base`'s it lacks (roles only `base` knows are not added)."""
    return {role: words + tuple(w for w in base.get(role, ()) if w not in words) for role, words in own.items()}


def _words(values: Any) -> tuple[str, ...]:
    return tuple(fold(str(v)) for v in values)


def _template(data: dict[str, Any]) -> Template:
    labels = data["label_columns"]
    return Template(
        id=str(data["id"]),
        parts={role: _words(words) for role, words in data["parts"].items()},
        profile_sections={key: _words(words) for key, words in data["profile_sections"].items()},
        sections=tuple(_section(s) for s in data["sections"]),
        code_words=_words(labels["code"]),
        name_words=_words(labels["name"]),
        project_words=_words(labels["project"]),
        totals=frozenset(_words(data["totals"])),
        sides={Side(side): _words(words) for side, words in data["sides"].items()},
        tables=tuple(_table(t) for t in data["tables"]),
        performance=_performance(data["performance"]),
        detect=tuple((compile_pattern(str(d["pattern"])), int(d.get("weight", 1))) for d in data.get("detect", ())),
        label_words=_words(labels.get("label", ())),
        part_titles={
            role: tuple(compile_pattern(str(p)) for p in patterns)
            for role, patterns in (data.get("part_titles") or {}).items()
        },
        default_kind=DocumentKind(data["document_kind"]) if data.get("document_kind") else None,
        phase=_phase(data.get("phase", "budget")),
    )


def _phase(value: Any) -> str:
    if value not in PHASES:
        raise ValueError(f"unknown phase {value}")
    return str(value)


def _section(data: dict[str, Any]) -> SectionSpec:
    return SectionSpec(
        key=str(data["key"]),
        words=_words(data["words"]),
        subsections=tuple(_section(s) for s in data.get("subsections", ())),
    )


def _columns(data: Any) -> tuple[ColumnSpec, ...]:
    return tuple(
        ColumnSpec(
            key=str(c["key"]),
            label=str(c["labels"][0]),
            labels=_words(c["labels"]),
            side=Side(c["side"]) if c.get("side") else None,
            under=_words(c.get("under", ())),
            qualifier=bool(c.get("qualifier", False)),
        )
        for c in data
    )


def _table(data: dict[str, Any]) -> TableSpec:
    layout = str(data["layout"])
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout}")
    columns = _columns(data["columns"])
    rows = {
        group: tuple(RowSpec(str(r["key"]), tuple(fold_item(str(w)) for w in r["labels"])) for r in specs)
        for group, specs in (data.get("rows") or {}).items()
    }
    if data.get("class_rows"):  # expenditure rows printed by class name only (一、一般公共服务支出): one list for all
        by_name = tuple(RowSpec(code, tuple(map(fold_item, names))) for code, names in FUNCTION_CLASS_NAMES.items())
        rows["expenditure"] = rows.get("expenditure", ()) + by_name
    return TableSpec(
        kind=TableKind(data["kind"]),
        titles=_words(data["titles"]),
        layout=layout,
        code_kind=data.get("code_kind"),
        columns=columns,
        rows=rows,
        free_rows=bool(data.get("free_rows", False)),
        sums=tuple(SumSpec(str(s["total"]), tuple(str(p) for p in s["parts"])) for s in data.get("sums", ())),
        unlabelled_row=str(data["unlabelled_row"]) if data.get("unlabelled_row") else None,
        path_columns=_columns(data.get("path_columns", ())),
    )


def _performance(data: dict[str, Any]) -> PerformanceSpec:
    return PerformanceSpec(
        unit_titles=_words(data["unit_titles"]),
        project_titles=_words(data["project_titles"]),
        text_fields={k: _words(v) for k, v in data["text_fields"].items()},
        amount_fields={k: _words(v) for k, v in data["amount_fields"].items()},
        indicator_columns={k: _words(v) for k, v in data["indicator_columns"].items()},
    )
