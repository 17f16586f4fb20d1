"""What a template file (templates/*.yaml) may say, checked at load: a misspelt key is an error.

Every template file is validated against these pydantic models before it is
used (`extra="forbid"` throughout), so `colums:` or `lables:` in a template
stops the load with the file and the key named, instead of being read as
"no columns".  Two shapes are checked:

- a **regional override** (`extends: national`) says only what its layout
  prints differently, so every key but `id` may be left out
  (`TemplateOverride`: the same keys, all optional);
- the **whole template** — the national file, and each override once merged
  with it (`template_merge.py`) — must have every key the reader needs
  (`TemplateFile`).

The reader itself still builds its specs from the plain data
(`template.py`); these models only say what the data may be.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator

from yusuan.model.kinds import DocumentKind, TableKind
from yusuan.model.vocabulary import vocabulary

Words = tuple[str, ...]
Layout = Literal["two_sided", "codes", "projects", "items", "header_items", "row_columns", "paths"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Detect(_Strict):
    pattern: str  # a regular expression on the folded text
    weight: int = 1


class Parts(_Strict):
    """Words (or, in `part_titles`, patterns) of each part's heading."""

    profile: Words = ()
    tables: Words = ()
    narrative: Words = ()
    glossary: Words = ()


class ProfileSections(_Strict):
    duties: Words = ()
    organisation: Words = ()


class Section(_Strict):
    key: str
    words: Words = Field(min_length=1)
    subsections: tuple[Section, ...] = ()

    @field_validator("key")
    @classmethod
    def _a_known_section(cls, key: str) -> str:
        """A section key is one of the vocabulary's (`narrative_sections`): findings name it, rules ground in it."""
        if vocabulary().section(key) is None:
            raise ValueError(f"未知的说明章节键 {key!r}（应为 model/vocabulary.yaml 中 narrative_sections 的一个 key）")
        return key


class LabelColumns(_Strict):
    code: Words
    name: Words
    project: Words
    label: Words = ()


class Sides(_Strict):
    income: Words = ()
    expenditure: Words = ()


class Column(_Strict):
    key: str
    labels: Words = Field(min_length=1)
    side: Literal["income", "expenditure"] | None = None
    under: Words = ()
    qualifier: bool = False


class Row(_Strict):
    key: str
    labels: Words = Field(min_length=1)


class Rows(_Strict):
    income: tuple[Row, ...] = ()
    expenditure: tuple[Row, ...] = ()
    single: tuple[Row, ...] = ()


class Sum(_Strict):
    total: str
    parts: Words = Field(min_length=1)


class Table(_Strict):
    kind: TableKind
    titles: Words = Field(min_length=1)
    layout: Layout
    code_kind: Literal["function", "economic"] | None = None
    class_rows: bool = False  # expenditure rows may be printed by function class name only
    free_rows: bool = False
    columns: tuple[Column, ...]
    rows: Rows | None = None
    sums: tuple[Sum, ...] = ()
    unlabelled_row: str | None = None
    path_columns: tuple[Column, ...] = ()


class TextFields(_Strict):
    name: Words = ()
    unit: Words = ()
    responsible: Words = ()
    phone: Words = ()
    goal: Words = ()


class AmountFields(_Strict):
    total: Words = ()
    fiscal: Words = ()
    fiscal_superior: Words = ()
    fiscal_own: Words = ()
    other: Words = ()


class IndicatorColumns(_Strict):
    level1: Words = ()
    level2: Words = ()
    name: Words = ()
    value: Words = ()
    basis: Words = ()
    last_year_value: Words = ()
    weight: Words = ()
    scoring: Words = ()
    evidence: Words = ()


class Performance(_Strict):
    unit_titles: Words
    project_titles: Words
    text_fields: TextFields
    amount_fields: AmountFields
    indicator_columns: IndicatorColumns


class TemplateFile(_Strict):
    """A whole template: the national file, or an override merged with it."""

    id: str
    phase: Literal["budget", "final"] = "budget"
    document_kind: DocumentKind | None = None  # the kind of a document that does not say
    detect: tuple[Detect, ...] = ()
    parts: Parts
    part_titles: Parts | None = None
    profile_sections: ProfileSections
    sections: tuple[Section, ...]
    label_columns: LabelColumns
    totals: Words = Field(min_length=1)
    sides: Sides
    tables: tuple[Table, ...]
    performance: Performance


def _or_none(annotation: Any) -> Any:
    return annotation | None


def _optional(model: type[BaseModel], **fields: Any) -> Any:
    """`model` with every field optional (left out = inherited from the national form), but those
    `fields` gives as (type, default) — `...` for a required one."""
    every: dict[str, Any] = {name: (_or_none(field.annotation), None) for name, field in model.model_fields.items()}
    return create_model(f"{model.__name__}Override", __base__=model, **(every | fields))


TableOverride = _optional(Table, kind=(TableKind, ...))
TemplateOverride = _optional(
    TemplateFile,
    id=(str, ...),
    extends=(Literal["national"], ...),  # the only base so far; a file without `extends` is whole
    label_columns=(_optional(LabelColumns) | None, None),
    tables=(tuple[TableOverride, ...] | None, None),  # type: ignore[valid-type]  # a model made at run time
    performance=(_optional(Performance) | None, None),
)

_MESSAGES = {"extra_forbidden": "未知的键（拼写错误？）", "missing": "缺少这个键"}


def check_template(data: Any, file: str, *, override: bool = False) -> None:
    """Raise ValueError naming `file` and each wrong key unless `data` is a template (or an override)."""
    model: type[BaseModel] = TemplateOverride if override else TemplateFile
    try:
        model.model_validate(data)
    except ValidationError as exc:
        problems = "；".join(
            f"{'.'.join(str(p) for p in error['loc']) or '（整个文件）'}：{_MESSAGES.get(error['type'], error['msg'])}"
            for error in exc.errors()
        )
        raise ValueError(f"模板文件 {file} 有误：{problems}") from None
