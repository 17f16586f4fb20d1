"""`compile_pattern`: the pattern `re.compile` makes, from a program kept on disk when one is there."""

from __future__ import annotations

import marshal
import re
from pathlib import Path

import pytest

from yusuan import pattern_cache
from yusuan.pattern_cache import compile_pattern

SOURCES = [
    (r"(?P<year>\d{4})年(?P<kind>预算|决算)", 0),
    (r"[\u4e00-\u9fff]{2,}(?:局|委|办)", 0),
    (r"^\s*第[一二三四五六七八九十]+部分\s*(.*)$", re.MULTILINE),
    (r"total|合计", re.IGNORECASE),
    (r"(a)(b)?", re.ASCII),
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty cache in `tmp_path`; `_save` is called by the tests, not at exit."""
    path = tmp_path / "__pycache__" / "patterns.marshal"
    monkeypatch.setattr(pattern_cache, "CACHE_FILE", path)
    monkeypatch.setattr(pattern_cache, "_kept", {})
    monkeypatch.setattr(pattern_cache, "_state", {"loaded": False, "new": True})  # registers no exit hook
    return path


def _forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new process: nothing loaded yet."""
    monkeypatch.setattr(pattern_cache, "_kept", {})
    monkeypatch.setattr(pattern_cache, "_state", {"loaded": False, "new": True})


def _same(made: re.Pattern[str], want: re.Pattern[str]) -> None:
    assert made == want  # compares the pattern, its flags and its compiled code
    assert (made.pattern, made.flags, made.groups, dict(made.groupindex)) == (
        want.pattern,
        want.flags,
        want.groups,
        dict(want.groupindex),
    )


def test_the_same_pattern_as_re_compiled_and_kept(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for source, flags in SOURCES:
        _same(compile_pattern(source, flags), re.compile(source, flags))
    pattern_cache._save()
    assert cache.is_file()
    _forget(monkeypatch)
    for source, flags in SOURCES:
        _same(compile_pattern(source, flags), re.compile(source, flags))
    assert len(pattern_cache._kept) == len(SOURCES)


def test_a_kept_program_is_used(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compile_pattern("x+")
    pattern_cache._save()
    _forget(monkeypatch)
    monkeypatch.setattr(pattern_cache, "_program", lambda pattern, flags: pytest.fail("compiled again"))
    assert compile_pattern("x+").fullmatch("xxx")


def test_a_damaged_or_foreign_file_is_compiled_past(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.parent.mkdir()
    want = re.compile(SOURCES[1][0])
    for content in (
        b"not marshal data",
        marshal.dumps(("another python", {(SOURCES[1][0], 0): (0, [1, 2, 3], 0, {}, (None,))})),
        marshal.dumps((pattern_cache._VERSION, {(SOURCES[1][0], 0): (32, [999, 1], 0, {}, (None,))})),
        marshal.dumps((pattern_cache._VERSION, {(SOURCES[1][0], 0): "nonsense"})),
    ):
        cache.write_bytes(content)
        _forget(monkeypatch)
        _same(compile_pattern(SOURCES[1][0]), want)


def test_an_unwritable_cache_only_costs_the_compiling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setattr(pattern_cache, "CACHE_FILE", blocked / "__pycache__" / "patterns.marshal")
    _forget(monkeypatch)
    _same(compile_pattern("a|b"), re.compile("a|b"))
    pattern_cache._save()  # no error


def test_errors_and_special_flags_are_left_to_re(cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(re.error, match="missing \\)"):
        compile_pattern("(unclosed")
    assert compile_pattern("a", re.DEBUG).pattern == "a"
    assert "LITERAL" in capsys.readouterr().out  # re's own DEBUG listing
    assert not pattern_cache._kept
