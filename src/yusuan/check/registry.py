"""The rule registry: one function per rule, a stable code, a title, a default severity.

A rule is a plain function `(ctx: CheckContext) -> Iterable[Finding]` whose
docstring states the identity it checks.  The `rule` decorator records it
under its kebab-case code; the family modules listed in `FAMILIES` are the
only places rules live, so `all_rules()` is the complete catalogue in a stable
order.  `select_rules` applies `--select` / `--ignore` (a code or a prefix).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from yusuan.check.finding import Finding, Severity
from yusuan.errors import InputError

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
)

# Codes the engine itself emits (not rules): a reader's problems (`read-<the reader's code>`) and a crashed rule.
READ_PREFIX = "read-"
INTERNAL_ERROR = "internal-error"

_CODE = re.compile(r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    severity: Severity
    family: str
    check: RuleFunction

    @property
    def identity(self) -> str:
        """What the rule verifies (its docstring, first paragraph)."""
        doc = (self.check.__doc__ or "").strip()
        return doc.split("\n\n")[0].replace("\n", " ")


_REGISTRY: dict[str, Rule] = {}


def rule(code: str, title: str, severity: Severity | str) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under a stable code."""

    def register(function: RuleFunction) -> RuleFunction:
        if not _CODE.match(code):
            raise ValueError(f"rule code must be kebab-case: {code!r}")
        if code in _REGISTRY and _REGISTRY[code].check is not function:
            raise ValueError(f"duplicate rule code {code!r}")
        if not (function.__doc__ or "").strip():
            raise ValueError(f"rule {code!r} must state its identity in a docstring")
        family = _family(function.__module__)
        _REGISTRY[code] = Rule(code, title, Severity(severity), family, function)
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


def _matches(code: str, selector: str) -> bool:
    """A selector is a whole code or a prefix of codes (`T5-`, `narrative`), case-insensitive."""
    return code.lower().startswith(selector.lower())


def known_codes(rules: Sequence[Rule]) -> list[str]:
    return [r.code for r in rules] + [READ_PREFIX]


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
