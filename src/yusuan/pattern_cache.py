"""Compile regular expressions as `re.compile` does, keeping the compiled programs between runs.

Python 3.11's `re` compiles a character class holding a CJK range by walking
every code point of the range in Python, and a `yusuan check` compiles some
200 patterns on first use (`lazy_pattern`): 50–70 ms of every check, a tenth
of the check of a 30-page PDF, spent making the same programs as the run
before.  `compile_pattern(pattern, flags)` makes the pattern `re.compile`
makes — it parses and compiles it with `re`'s own parser and compiler and
hands the program to `_sre.compile` as `re` does — and keeps the program (a
list of integers) in `yusuan/__pycache__/patterns.marshal`, beside the
bytecode, as `extract.template_data` keeps the parsed templates: the next run
hands the kept program to `_sre.compile` directly, some microseconds a
pattern.  The file is read on the first pattern a process compiles, and used
only if the same Python build (`sys.version`) wrote it; the programs it
lacked are written back when the process exits (into a temporary file
renamed over it).  A file that is missing, damaged or cannot be written only
costs the compiling: `_sre` checks every program it is given and refuses an
invalid one, and the pattern is then compiled as usual.  Patterns with flags
`re` treats specially (DEBUG, TEMPLATE) are compiled by `re` itself.
"""

from __future__ import annotations

import atexit
import importlib
import marshal
import os
import re
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any

CACHE_FILE = Path(__file__).resolve().parent / "__pycache__" / "patterns.marshal"
LIMIT = 4096  # programs kept at most: a file grown past it starts again
_VERSION = f"{sys.implementation.cache_tag} {sys.version}"
_SPECIAL = int(re.DEBUG) | int(getattr(re, "TEMPLATE", 0))  # flags `re.compile` does more for

Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

_kept: dict[tuple[str, int], Program] = {}
_state = {"loaded": False, "new": False}


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, its program kept on disk for the next run (see the module's docstring)."""
    flags = int(flags)
    if flags & _SPECIAL:
        return re.compile(pattern, flags)
    if not _state["loaded"]:
        _load()
    key = (pattern, flags)
    program = _kept.get(key)
    if program is not None:
        try:
            return _sre().compile(pattern, *program)  # type: ignore[no-any-return]
        except (RuntimeError, TypeError, ValueError, OverflowError):  # not a program this `_sre` takes
            del _kept[key]
    try:
        program = _program(pattern, flags)
        compiled = _sre().compile(pattern, *program)
    except (AttributeError, ImportError, TypeError):  # a Python whose `re` is made otherwise
        return re.compile(pattern, flags)
    _kept[key] = program
    if not _state["new"]:
        _state["new"] = True
        atexit.register(_save)
    return compiled  # type: ignore[no-any-return]


def _sre() -> Any:
    return importlib.import_module("_sre")


def _program(pattern: str, flags: int) -> Program:
    """What `re._compiler.compile` hands to `_sre.compile` for `pattern` (its parse errors raised as `re`'s)."""
    parser: Any = importlib.import_module("re._parser")
    compiler: Any = importlib.import_module("re._compiler")
    parsed = parser.parse(pattern, flags)
    code = [int(op) for op in compiler._code(parsed, flags)]
    groupindex = {str(name): int(index) for name, index in parsed.state.groupdict.items()}
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, int(parsed.state.groups - 1), groupindex, tuple(indexgroup)


def _load() -> None:
    _state["loaded"] = True
    try:
        version, kept = marshal.loads(CACHE_FILE.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return
    if version == _VERSION and isinstance(kept, dict) and len(kept) <= LIMIT:
        _kept.update(kept)


def _save() -> None:
    """Write the programs kept (at exit, when some were new); any failure just leaves the file as it was."""
    temporary = CACHE_FILE.with_name(f"{CACHE_FILE.name}.{os.getpid()}.tmp")
    try:
        CACHE_FILE.parent.mkdir(exist_ok=True)
        temporary.write_bytes(marshal.dumps((_VERSION, _kept if len(_kept) <= LIMIT else {})))
        os.replace(temporary, CACHE_FILE)
    except (OSError, ValueError):
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
