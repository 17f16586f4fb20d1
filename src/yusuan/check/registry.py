"""The rule registry: one function per rule, a stable code, a title, a default severity.

A rule is a plain function `(ctx: CheckContext) -> Iterable[Finding]` whose
docstring states the identity it checks.  The `rule` decorator records it
under its kebab-case code; the family modules listed in `FAMILIES` are the
only places rules live, so `all_rules()` is the complete catalogue in a stable
order.  `select_rules` applies `--select` / `--ignore` (a code or a prefix).

A code names what the rule checks — the table by its kind (`three-public-items`:
the 三公 table's items), never by its number, which differs from one layout to
the next.  The numbered codes of earlier versions (`T10-items`) stay accepted
by `--select` / `--ignore` as aliases (`RENAMED`), prefixes included (`T5-`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from yusuan.check.finding import Finding, Severity
from yusuan.check.rule_meta import FAMILY_BASIS, FAMILY_CATEGORY, Category
from yusuan.errors import InputError
from yusuan.lazy_pattern import lazy_compile
from yusuan.model.kinds import TableKind
from yusuan.model.vocabulary import vocabulary

if TYPE_CHECKING:
    from yusuan.check.context import CheckContext

RuleFunction = Callable[["CheckContext"], Iterable[Finding]]

# The rule families, one module each under yusuan.check.rules, in run order.
FAMILIES: tuple[str, ...] = (
    "completeness",
    "within_table",
    "cross_table",
    "codes",
    "narrative",
    "other_facts",
    "performance",
    "text_hygiene",
    "pages",
)

# Codes the engine itself emits (not rules): a reader's problems (`read-<the reader's code>`) and a crashed rule.
READ_PREFIX = "read-"
INTERNAL_ERROR = "internal-error"
# notices on a publication in several files (check/publication.py): not rules, but selectable like them
PUBLICATION_APART = "publication-apart"
PUBLICATION_JOINED = "publication-joined"
# a department's document against its units' documents (check/department.py, `check --units`): selectable too
DEPARTMENT_UNIT_SUM = "department-unit-sum"
DEPARTMENT_UNIT_TABLE = "department-unit-table"
# a 决算's 年初预算数 against the same unit's budget of the year (check/phase.py, `check --budget`, the store)
FINAL_VS_BUDGET = "final-vs-budget"

_CODE = lazy_compile(r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")

# Earlier codes, named by the canonical table numbers of one template → the code that names the tables.
RENAMED: dict[str, str] = {
    "T2-columns": "income-columns",
    "T3-columns": "expenditure-columns",
    "T4-columns": "fiscal-columns",
    "T5-columns": "general-columns",
    "T6-columns": "basic-columns",
    "T7-columns": "projects-columns",
    "T8-columns": "fund-columns",
    "T9-columns": "state-capital-columns",
    "T10-columns": "three-public-columns",
    "T11-columns": "carryover-columns",
    "T10-items": "three-public-items",
    "T11-total-row": "carryover-total-row",
    "T1-income-current": "summary-income-current",
    "T1-income-subitems": "summary-income-subitems",
    "T1-income-total": "summary-income-total",
    "T1-balance": "summary-balance",
    "T4-income": "fiscal-income",
    "T1-expenditure-use": "summary-expenditure-use",
    "T4-expenditure-use": "fiscal-expenditure-use",
    "T4-balance": "fiscal-balance",
    "T4-fund-balance": "fiscal-fund-balance",
    "T1-T2-total": "summary-vs-income-total",
    "T1-T2-sources": "summary-vs-income-sources",
    "T1-T3-class": "summary-vs-expenditure-by-class",
    "T1-T2-class": "summary-vs-income-by-class",
    "T2-T3-class": "income-vs-expenditure-by-class",
    "T1-T3-use": "summary-vs-expenditure-by-use",
    "T1-T4-fiscal": "summary-vs-fiscal-income",
    "T4-T2-income": "fiscal-vs-income-sources",
    "T4-T5-class": "fiscal-vs-general-by-class",
    "T4-T8-class": "fiscal-vs-fund-by-class",
    "T4-T9-class": "fiscal-vs-state-capital-by-class",
    "T2-T4-class": "income-vs-fiscal-by-class",
    "T4-fiscal-basic": "fiscal-vs-fiscal-basic",
    "T5-T6-basic-total": "general-vs-basic-total",
    "T5-T7-project-total": "general-vs-projects-total",
    "T5-T7-by-code": "general-vs-projects-by-code",
    "T10-T6-economic": "three-public-vs-basic-economic",
}


def aliases(code: str) -> tuple[str, ...]:
    """The earlier codes of a rule (`three-public-items` → `T10-items`), still accepted by selectors."""
    return tuple(old for old, new in RENAMED.items() if new == code)


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    severity: Severity
    family: str
    check: RuleFunction
    category: Category = Category.ACCURACY
    tables: tuple[TableKind, ...] = ()  # the table kinds it compares (none: the narrative or the whole document)
    basis: str = ""  # the regulation or convention it rests on

    @property
    def identity(self) -> str:
        """What the rule verifies (its docstring, first paragraph)."""
        doc = (self.check.__doc__ or "").strip()
        return doc.split("\n\n")[0].replace("\n", " ")


_REGISTRY: dict[str, Rule] = {}


def rule(
    code: str,
    title: str,
    severity: Severity | str,
    *,
    category: Category | None = None,
    tables: tuple[TableKind, ...] | None = None,
    basis: str | None = None,
) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under a stable code.

    Category and basis default to the family's (`check.rule_meta`), the tables to the kinds the code names.
    """

    def register(function: RuleFunction) -> RuleFunction:
        if not _CODE.match(code):
            raise ValueError(f"rule code must be kebab-case: {code!r}")
        if code in RENAMED:
            raise ValueError(f"rule code {code!r} was renamed to {RENAMED[code]!r}")
        if code in _REGISTRY and _REGISTRY[code].check is not function:
            raise ValueError(f"duplicate rule code {code!r}")
        if not (function.__doc__ or "").strip():
            raise ValueError(f"rule {code!r} must state its identity in a docstring")
        family = _family(function.__module__)
        _REGISTRY[code] = Rule(
            code,
            title,
            Severity(severity),
            family,
            function,
            category or FAMILY_CATEGORY.get(family, Category.ACCURACY),
            vocabulary().kinds_in_rule_code(code) if tables is None else tables,
            basis or FAMILY_BASIS.get(family, ""),
        )
        return function

    return register


def _family(module: str) -> str:
    """`yusuan.check.rules.within_table.code_tables` → `within_table`: a family is a module or a package."""
    return module.removeprefix(f"{__package__}.rules.").split(".")[0]


def all_rules() -> list[Rule]:
    """Every registered rule, family by family, in definition order."""
    for family in FAMILIES:
        importlib.import_module(f"yusuan.check.rules.{family}")
    order = {family: index for index, family in enumerate(FAMILIES)}
    return sorted(_REGISTRY.values(), key=lambda r: order.get(r.family, len(order)))


@cache
def _comparisons() -> frozenset[str]:
    return frozenset(rule.code for rule in all_rules() if rule.family == "cross_table")


def compares_two_tables(code: str) -> bool:
    """Whether the rule holds one table's figure against another's (the cross-table family): a finding's
    `expected` is then the other table's figure, not a corrected one, and either table may be the one to correct
    (a report shows the two as 本处 and 对照表, not 实为 and 应为)."""
    return code in _comparisons()


def _matches(code: str, selector: str) -> bool:
    """A selector is a whole code or a prefix of codes (`three-public-`, `narrative`), case-insensitive;
    a rule's earlier code (`T10-items`, prefix `T5-`) selects it too."""
    wanted = selector.lower()
    return any(name.lower().startswith(wanted) for name in (code, *aliases(code)))


def known_codes(rules: Sequence[Rule]) -> list[str]:
    return [r.code for r in rules] + [
        READ_PREFIX,
        PUBLICATION_APART,
        PUBLICATION_JOINED,
        DEPARTMENT_UNIT_SUM,
        DEPARTMENT_UNIT_TABLE,
        FINAL_VS_BUDGET,
    ]


def select_rules(rules: Sequence[Rule], select: Sequence[str] | None, ignore: Sequence[str] | None) -> list[Rule]:
    """Keep rules matching any `select` code/prefix (all when None), then drop `ignore`d ones.

    A selector that matches no rule is an `InputError`: a typo must not
    silently turn a check off.
    """
    codes = known_codes(rules)
    for option, selectors in (("--select", select), ("--ignore", ignore)):
        for selector in selectors or ():
            if not any(_matches(code, selector) for code in codes) and not selector.lower().startswith(READ_PREFIX):
                raise InputError(option, f"没有代码或前缀为“{selector}”的规则")
    return [r for r in rules if is_selected(r.code, select, ignore)]


def is_selected(code: str, select: Sequence[str] | None, ignore: Sequence[str] | None) -> bool:
    if select and not any(_matches(code, s) for s in select):
        return False
    return not (ignore and any(_matches(code, s) for s in ignore))
