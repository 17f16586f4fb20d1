"""docs/security.md lists every limit of yusuan.limits (the documentation cannot drift)."""

from __future__ import annotations

from pathlib import Path

from yusuan import limits

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def test_every_limit_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    names = [name for name in vars(limits) if name.isupper() and not name.startswith("_")]
    assert names
    missing = [name for name in names if f"`{name}`" not in text]
    assert not missing, missing
