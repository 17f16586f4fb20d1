"""Meta-tests: the codebase keeps the promises a newcomer relies on.

Every module says why it exists; no amount passes through `float`; modules
stay a few hundred lines; a module-level text pattern compiles on first use;
every CLI command appears in the README.
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


def _compiled_at_import(tree: ast.AST) -> list[int]:
    """Lines of `re.compile("…")` (a text pattern) run at import: outside any function body."""
    found: list[int] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if (
                isinstance(child, ast.Call)
                and ast.unparse(child.func) == "re.compile"
                and not (isinstance(child.args[0], ast.Constant) and isinstance(child.args[0].value, bytes))
            ):
                found.append(child.lineno)
            visit(child)

    visit(tree)
    return found


def test_module_level_patterns_are_compiled_on_first_use() -> None:
    """`lazy_compile`, not `re.compile`, at module level (yusuan/lazy_pattern.py says why)."""
    eager = [
        f"{p.relative_to(ROOT)}:{n}" for p in SOURCES for n in _compiled_at_import(ast.parse(p.read_text("utf-8")))
    ]
    assert eager == []


def test_every_command_is_in_the_readme() -> None:
    from yusuan.cli import app

    readme = (ROOT / "README.md").read_text("utf-8")
    commands = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert commands
    assert [c for c in commands if f"yusuan {c}" not in readme] == []
