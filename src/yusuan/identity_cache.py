"""Remember a function's result per argument object, for arguments that cannot be hashed.

Loaded data (a template's table specs, the code catalogue) is made of models
that hold dicts, so `functools.cache` cannot key on them; yet what the reader
and the rules derive from them (an index of labels, the catalogue's names by
folded name) is the same for every document checked in the process.
`by_identity` keys the result on the arguments' ids and keeps the arguments
with it, so an id is never reused for another object while its entry lives;
the cache is bounded (cleared when full), and a race between threads only
makes the same result twice.  The arguments must not be changed in place.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

LIMIT = 1024


def by_identity(function: Callable[P, R]) -> Callable[P, R]:
    """`function`, its result kept per positional argument objects (by identity; no keyword arguments)."""
    kept: dict[tuple[int, ...], tuple[tuple[object, ...], R]] = {}

    @wraps(function)
    def remembered(*args: P.args, **kwargs: P.kwargs) -> R:
        if kwargs:
            raise TypeError(f"{function.__name__}: by_identity takes positional arguments only")
        key = tuple(map(id, args))
        entry = kept.get(key)
        if entry is not None and all(a is b for a, b in zip(entry[0], args, strict=True)):
            return entry[1]
        result = function(*args, **kwargs)  # no keyword arguments (refused above)
        if len(kept) >= LIMIT:
            kept.clear()
        kept[key] = (args, result)
        return result

    return remembered
