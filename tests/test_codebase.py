"""Meta-tests: the codebase keeps the promises a newcomer relies on.

Every module says why it exists; no amount passes through `float`; modules
stay a few hundred lines; every CLI command appears in the README.
"""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

SOURCES = sorted((ROOT / "src" / "yusuan").rglob("*.py"))


def test_every_module_has_a_docstring() -> None:
    missing = [str(p.relative_to(ROOT)) for p in SOURCES if not ast.get_docstring(ast.parse(p.read_text("utf-8")))]
    assert missing == []


def test_no_float_conversions_in_the_package() -> None:
    offenders = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in SOURCES
        for n, line in enumerate(p.read_text("utf-8").splitlines(), 1)
        if re.search(r"\bfloat\(", line)
    ]
    assert offenders == []


def test_modules_stay_small() -> None:
    large = {str(p.relative_to(ROOT)): n for p in SOURCES if (n := len(p.read_text("utf-8").splitlines())) > 600}
    assert large == {}


def test_every_command_is_in_the_readme() -> None:
    from yusuan.cli import app

    readme = (ROOT / "README.md").read_text("utf-8")
    commands = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert commands
    assert [c for c in commands if f"yusuan {c}" not in readme] == []
