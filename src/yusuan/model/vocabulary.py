"""The domain's vocabulary as data: table kinds and how a printed title names them.

`vocabulary.yaml` beside this module defines every canonical table kind once,
with its Chinese label and the words by which a title is recognised in any
region's layout.  This module validates the file at load (pydantic,
`extra="forbid"`: a misspelt field is an error, not a silent no-op), and
answers the one question the reader asks of it: which kind does this title
name?  The `TableKind` enum (kinds.py) must list exactly these keys; a test
keeps them in step, and docs/keys.md lists the labels.  It also declares the
"of which" columns (其中：政府采购…), read like any column but never an addend
of a column identity (`is_of_which`), and the tables of the national final-accounts
(决算) layout in their order (`final_accounts_tables`), which compile builds a 决算 from, and the sections of a
disclosure's text (`narrative_sections`): how a finding names each, and the table a section explains.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from yusuan.lazy_pattern import lazy_compile
from yusuan.model.kinds import TableKind


class TitleRule(BaseModel):
    """How a title names one table kind: every word of `all`, one of `any`, none of `none`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: TableKind
    label: str
    code: str | None = Field(None, pattern=r"^[a-z]+(-[a-z]+)*$", description="the word rule codes use for it")
    all: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    none: tuple[str, ...] = ()

    @field_validator("all", "any", "none")
    @classmethod
    def _fold_words(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_fold(w) for w in words)

    def fits(self, folded: str) -> bool:
        return (
            all(w in folded for w in self.all)
            and (not self.any or any(w in folded for w in self.any))
            and not any(w in folded for w in self.none)
        )


class OfWhichColumn(BaseModel):
    """A column that prints a share of the spending beside it (其中：…): no addend of any column sum."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$")
    label: str
    tables: tuple[TableKind, ...] = Field(min_length=1)


class FinalTable(BaseModel):
    """A table of the national 决算 layout: its kind, title, note, and why it may be empty."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: TableKind
    title: str
    note: str
    empty: str | None = None


class NarrativeSection(BaseModel):
    """A section of a disclosure's text: its key, how a finding names it, and the table it explains, if one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z_]+(\.[a-z_]+)?$")
    label: str
    explains: TableKind | None = None


class Vocabulary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    table_kinds: tuple[TitleRule, ...]
    of_which_columns: tuple[OfWhichColumn, ...] = ()
    final_accounts_tables: tuple[FinalTable, ...] = ()
    narrative_sections: tuple[NarrativeSection, ...] = ()

    _sections: dict[str, NarrativeSection] = PrivateAttr(default_factory=dict)

    @field_validator("narrative_sections")
    @classmethod
    def _one_entry_per_section(cls, sections: tuple[NarrativeSection, ...]) -> tuple[NarrativeSection, ...]:
        keys = [section.key for section in sections]
        twice = sorted({key for key in keys if keys.count(key) > 1})
        if twice:
            raise ValueError(f"narrative_sections: a key listed twice: {twice}")
        return sections

    def model_post_init(self, context: Any, /) -> None:
        self._sections.update((section.key, section) for section in self.narrative_sections)

    def section(self, key: str) -> NarrativeSection | None:
        """The text section with this key (one part of a section path: `other/procurement` has two)."""
        return self._sections.get(key)

    def is_of_which(self, kind: TableKind, column: str) -> bool:
        """Whether a column of a table of this kind is an "of which" column (no addend of a column sum)."""
        return any(c.key == column and kind in c.tables for c in self.of_which_columns)

    def label(self, kind: TableKind) -> str:
        return next(rule.label for rule in self.table_kinds if rule.key == kind)

    def kinds_in_rule_code(self, rule_code: str) -> tuple[TableKind, ...]:
        """The table kinds a check rule's code names: its first word(s) and those after `-vs-`
        (`summary-vs-fiscal-income` → income_expenditure_summary, fiscal_summary)."""
        by_code = sorted(((r.code, r.key) for r in self.table_kinds if r.code), key=lambda pair: -len(pair[0]))
        kinds: list[TableKind] = []
        for part in rule_code.split("-vs-"):
            kind = next((key for code, key in by_code if part == code or part.startswith(code + "-")), None)
            if kind is not None and kind not in kinds:
                kinds.append(kind)
        return tuple(kinds)


_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』")
_SPACES = lazy_compile(r"\s+")
# numbering in front of a title: 表1 表一 表01 附表1 公开01表 公开表一 部门公开表1 （一） 一、 1. 表1：
_NUMBERING = lazy_compile(
    r"^(?:(?:部门|单位)?公开\s*(?:表\s*)?[\d一二三四五六七八九十]{1,3}\s*表?"
    r"|附?表\s*[\d一二三四五六七八九十]{1,3}(?:-\d{1,2})?"
    r"|\(?[一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．])\s*[:：.、．\-—]?\s*"
)
_SUFFIX_NUMBER = lazy_compile(r"[(（]\s*(?:附?表|公开)\s*[\d一二三四五六七八九十]{1,3}\s*表?\s*[)）]$")
_YEAR = lazy_compile(r"20\d{2}年度?")


def _fold(text: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES)).lower()


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary (parsed and validated once per process)."""
    from yusuan.extract.template_data import load_yaml_data

    data = load_yaml_data(resources.files("yusuan.model"), "vocabulary")
    return Vocabulary.model_validate(data)


def title_words(title: str) -> str:
    """A title's folded words without its numbering, a trailing `（表1）` or the year."""
    folded = _fold(title)
    folded = _NUMBERING.sub("", folded, count=1)
    folded = _SUFFIX_NUMBER.sub("", folded)
    return _YEAR.sub("", folded)


def kind_of_title(title: str) -> TableKind | None:
    """The table kind a title names, by its words (None when it names none, or is no table title)."""
    words = title_words(title)
    if not words.endswith(("表", ")")) and not re.search(r"表[(（][^()（）]{1,16}[)）]$", words):
        return None
    return next((rule.key for rule in vocabulary().table_kinds if rule.fits(words)), None)


def keys_markdown() -> str:
    """The table-kind section of docs/keys.md, generated from the vocabulary (tests keep the file in step)."""
    lines = [
        "## Table kinds (generated from src/yusuan/model/vocabulary.yaml)",
        "",
        "A table's kind is decided by its title's words, in this order; the first rule that fits wins.",
        "Regenerate with `python -m yusuan.model.vocabulary`.",
        "",
        "| kind | label | title has all of | and one of | and none of |",
        "|---|---|---|---|---|",
    ]
    for rule in vocabulary().table_kinds:
        words = " | ".join("、".join(group) for group in (rule.all, rule.any, rule.none))
        lines.append(f"| `{rule.key.value}` | {rule.label} | {words} |")
    lines += [
        "",
        "### Of-which columns",
        "",
        "Read and keyed like any column, but a share of the spending beside them (其中：…): never an addend",
        "of a column identity (合计 = the other columns).",
        "",
        "| column | printed as | in tables |",
        "|---|---|---|",
    ]
    for column in vocabulary().of_which_columns:
        tables = ", ".join(f"`{kind.value}`" for kind in column.tables)
        lines.append(f"| `{column.key}` | {column.label} | {tables} |")
    lines += [
        "",
        "### Text sections",
        "",
        "The sections of the explanation (第三部分) and the document's other text parts, as findings name them;",
        "a region's template may use only these keys.  `explains`: the table a section's figures are read against.",
        "",
        "| section | named | explains |",
        "|---|---|---|",
    ]
    for section in vocabulary().narrative_sections:
        explains = f"`{section.explains.value}`" if section.explains else ""
        lines.append(f"| `{section.key}` | {section.label} | {explains} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(keys_markdown(), end="")
