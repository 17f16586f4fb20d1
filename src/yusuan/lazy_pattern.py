"""Regular expressions compiled on first use: importing a module does not pay for the patterns a run never uses.

Python 3.11's `re` compiles a character class holding a CJK range by walking
every code point of the range in Python (1–3 ms for `[\\u4e00-\\u9fff]`), and
the readers and rules keep some 240 patterns at module level: compiling them
all was ≈ 50 ms of the CPU of every `yusuan check`, while the check of one
budget uses about half of them (the 决算 rules' patterns, for one, never run
on a budget).  So a module-level pattern is written `lazy_compile(...)`: it
compiles when a method is first called, and then keeps the compiled
pattern's own bound methods in its instance dict, where they shadow the
class's methods, so each later call goes straight to `re` (about 30 ns more
per call than a compiled pattern: an instance-dict lookup).  A pattern made
inside a function, from data or from arguments, is compiled as usual.  The
compiling itself goes through `pattern_cache`, which keeps the compiled
programs from one run to the next.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

from yusuan.pattern_cache import compile_pattern

# the compiled pattern's methods a LazyPattern passes through once compiled
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """A `re.Pattern[str]` that compiles itself on first use (see the module's docstring)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        if self._compiled is None:
            compiled = compile_pattern(self.pattern, self._flags)
            self._compiled = compiled
            vars(self).update((name, getattr(compiled, name)) for name in _METHODS)
        return self._compiled

    @property
    def flags(self) -> int:
        return self.compiled().flags

    @property
    def groups(self) -> int:
        return self.compiled().groups

    @property
    def groupindex(self) -> Any:
        return self.compiled().groupindex

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self._flags})"

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled().findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]:
        return self.compiled().subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled().split(string, maxsplit)


def lazy_compile(pattern: str, flags: int = 0) -> LazyPattern:
    """`re.compile(pattern, flags)`, done when the pattern is first used."""
    return LazyPattern(pattern, flags)


Pattern = re.Pattern[str] | LazyPattern  # what a function taking a pattern accepts
