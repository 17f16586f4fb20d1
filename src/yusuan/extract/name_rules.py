"""Which code a classification name stands for, under the 类 and 款 a reader has walked into.

A reviewer reads a table printed by names only from the top: a 类 name is
unique among the classes; a 款 name is looked up among the children of the
current 类, a 项 name among the children of the current 款.  So the many
`行政运行` or `其他…支出` rows are told apart by their parent, never by a
guess.  Names come from three sources, tried in this order at each level:

1. the document's own rows printed with a code (`20105 统计信息事务`);
2. the catalogue of observed names, each code under the name of the edition
   nearest the document's year;
3. the conventions of the 政府收支分类科目 for a function 款's common items:
   01 行政运行, 02 一般行政管理事务, 03 机关服务, 50 事业运行 and 99
   `其他<款>支出` (the residual, its name built from the 款's own name).  A
   convention code is given only when no source names that code otherwise.

A source that names two codes at one level makes the name ambiguous: it is
left unkeyed, and so is a name none of the sources knows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from yusuan.catalog import CodeName, default_catalog
from yusuan.extract.normalise import fold_item
from yusuan.identity_cache import by_identity
from yusuan.model.kinds import FUNCTION_CLASS_NAMES

# The items most 款 of the function classification share, by their last two digits.
COMMON_ITEMS: dict[str, str] = {"行政运行": "01", "一般行政管理事务": "02", "机关服务": "03", "事业运行": "50"}
RESIDUAL = "99"  # 其他<款>支出


@dataclass
class Names:
    """One classification's names: parent code ("" for a 类) → folded name → code → distance in years from
    the document's year to the edition printing that name (0 for a document's own names), and code → names."""

    children: dict[str, dict[str, dict[str, int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(dict))
    )
    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, code: str, name: str, distance: int = 0) -> None:
        folded = fold_item(name)
        if folded:
            codes = self.children[parent_of(code)][folded]
            codes[code] = min(distance, codes.get(code, distance))
            self.names[code].add(folded)

    def under(self, parent: str, name: str) -> set[str]:
        """The codes named `name` under `parent` in the edition nearest the document's year."""
        codes = self.children.get(parent, {}).get(name, {})
        best = min(codes.values(), default=0)
        return {code for code, distance in codes.items() if distance == best}


def parent_of(code: str) -> str:
    return code[:-2] if len(code) > 3 else ""


def catalogue_names(entries: dict[str, list[CodeName]], year: int | None) -> Names:
    """Each code of a catalogue under the name(s) of the edition nearest `year` (the latest if unknown).

    Kept per catalogue and year (`_by_year`): every document of a year reads its names again.  The
    `Names` returned is shared and only read (`Resolver` looks names up, it adds none)."""
    kept = _by_year(entries)
    names = kept.get(year)
    if names is None:
        names = kept[year] = _catalogue_names(entries, year)
    return names


@by_identity
def _by_year(entries: dict[str, list[CodeName]]) -> dict[int | None, Names]:
    """The `catalogue_names` of one catalogue made so far, by year."""
    return {}


def _catalogue_names(entries: dict[str, list[CodeName]], year: int | None) -> Names:
    names = Names()
    for code, versions in entries.items():
        for entry, distance in nearest(versions, year):
            names.add(code, entry.name, distance)
    return names


def nearest(versions: list[CodeName], year: int | None) -> list[tuple[CodeName, int]]:
    """The versions of a code nearest `year`, with their distance in years."""
    if year is None:
        return [(v, 0) for v in ([v for v in versions if v.is_latest] or versions)]

    def distance(v: CodeName) -> int:
        return 0 if v.first_year <= year <= v.last_year else min(abs(year - v.first_year), abs(year - v.last_year))

    best = min(distance(v) for v in versions)
    return [(v, best) for v in versions if distance(v) == best]


def class_names() -> Names:
    """Every name a function class has been printed under (one list for every edition)."""
    names = Names()
    for code, printed in FUNCTION_CLASS_NAMES.items():
        for name in printed:
            names.add(code, name)
    return names


@dataclass
class Resolver:
    """Name → code for one classification (function or economic) of one document."""

    sources: list[Names]
    conventions: bool  # the function classification's common items of a 款

    @classmethod
    def function(cls, printed: Iterable[tuple[str, str]], year: int | None) -> Resolver:
        return cls([_printed(printed), catalogue_names(default_catalog().function, year), class_names()], True)

    @classmethod
    def economic(cls, printed: Iterable[tuple[str, str]], year: int | None) -> Resolver:
        return cls([_printed(printed), catalogue_names(default_catalog().economic, year)], False)

    def find(self, name: str, parent: str, parent_name: str = "") -> str | None:
        """The one code named `name` among `parent`'s children ("" for the 类), or None (unknown or ambiguous);
        `parent_name` is the parent's name as the table prints it.

        Raises `Ambiguous` when a source names several codes there, so that no farther level is tried."""
        for source in self.sources:
            codes = source.under(parent, name)
            if len(codes) > 1:
                raise Ambiguous(name)
            if codes:
                return next(iter(codes))
        return self._convention(name, parent, parent_name) if self.conventions and parent else None

    def _convention(self, name: str, parent: str, parent_name: str) -> str | None:
        """The common item or the residual (其他…支出) of `parent`, by the conventions of the classification."""
        suffix = COMMON_ITEMS.get(name) if len(parent) == 5 else None
        parent_names = self.names_of(parent) | ({parent_name} if parent_name else set())
        if suffix is None and _residual(name, parent, parent_names):
            suffix = RESIDUAL
        if suffix is None:
            return None
        code = parent + suffix
        known = self.names_of(code)
        return code if not known or name in known else None  # the code is known under another name: no

    def names_of(self, code: str) -> set[str]:
        return set().union(*(source.names.get(code, set()) for source in self.sources))

    def walk(self, name: str, parents: list[tuple[str, str]]) -> str | None:
        """The code of a row named `name` read under `parents`, (code, printed name) nearest first — its
        current 款 (when known) and 类: a 项 of the 款, else a 款 of the 类, else a 类."""
        try:
            for parent, parent_name in [*parents, ("", "")]:
                if code := self.find(name, parent, parent_name):
                    return code
        except Ambiguous:
            return None
        return None


def _residual(name: str, parent: str, parent_names: set[str]) -> bool:
    """Whether `name` is the residual of its parent: 其他公安支出 under 公安, 其他一般公共服务支出 under
    一般公共服务支出 — and again under that 款 99, whose residual 项 bears its own name."""
    if not (name.startswith("其他") and name.endswith("支出")):
        return False
    return any(name == f"其他{p.removesuffix('支出')}支出" for p in parent_names) or (
        parent.endswith(RESIDUAL) and name in parent_names
    )


class Ambiguous(Exception):
    """A source names several codes at one level."""


def _printed(pairs: Iterable[tuple[str, str]]) -> Names:
    names = Names()
    for code, name in pairs:
        names.add(code, name)
    return names
