"""`lazy_compile`: a pattern that compiles on first use behaves as `re.compile`'s."""

from __future__ import annotations

import re

from yusuan.lazy_pattern import lazy_compile

TEXT = "2024年预算 1,234.50 万元；2023年决算 99 万元"
SOURCE = r"(?P<year>\d{4})年(?P<kind>预算|决算)"


def test_compiles_on_first_use_only() -> None:
    pattern = lazy_compile(SOURCE)
    assert pattern._compiled is None
    assert pattern.pattern == SOURCE
    first = pattern.search(TEXT)
    compiled = pattern.compiled()
    assert first is not None and first.group("year") == "2024"
    assert pattern.compiled() is compiled
    assert pattern.search == compiled.search  # the compiled pattern's own method, from the instance dict


def _plain(result: object) -> object:
    return (result.span(), result.groupdict()) if isinstance(result, re.Match) else result


def test_every_method_gives_what_re_gives() -> None:
    eager = re.compile(SOURCE)
    for method, args in [
        ("search", (TEXT,)),
        ("match", (TEXT,)),
        ("fullmatch", ("2024年预算",)),
        ("findall", (TEXT,)),
        ("sub", (r"\g<kind>\g<year>", TEXT)),
        ("subn", (lambda m: m.group("kind"), TEXT)),
        ("split", (TEXT,)),
    ]:
        lazy = lazy_compile(SOURCE)
        want = _plain(getattr(eager, method)(*args))
        assert _plain(getattr(lazy, method)(*args)) == want, method  # compiles
        assert _plain(getattr(lazy, method)(*args)) == want, method  # the compiled pattern's method
    lazy = lazy_compile(SOURCE, re.IGNORECASE)
    assert [m.span() for m in lazy.finditer(TEXT)] == [m.span() for m in eager.finditer(TEXT)]
    assert (lazy.flags, lazy.groups, dict(lazy.groupindex)) == (
        re.compile(SOURCE, re.IGNORECASE).flags,
        eager.groups,
        dict(eager.groupindex),
    )
