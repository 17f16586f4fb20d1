"""Text normalisation shared by rules that compare printed words.

Published documents mix full- and half-width punctuation, put spaces inside
CJK words and wrap labels over lines.  Two printed names are the same name when
they are equal after NFKC folding (`（` → `(`), dropping whitespace and
unifying quotes; this module is the one place that says so.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from yusuan.lazy_pattern import lazy_compile

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"'})
_SPACE = lazy_compile(r"\s+")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """NFKC, no whitespace, straight quotes: the form in which names are compared."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).translate(_QUOTES)


@lru_cache(maxsize=4096)
def fold_keep_spaces(text: str) -> str:
    """NFKC with quotes unified, whitespace runs collapsed to one space (for parsing sentences).

    Cached: a paragraph is folded by the claims parser and again by the rules that read it."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).translate(_QUOTES).strip()


def difference_hint(expected: str, actual: str) -> str:
    """`多出“半”` / `缺少“年”` / `“甲”写作“乙”`: the first place two texts differ."""
    from difflib import SequenceMatcher

    for op, a1, a2, b1, b2 in SequenceMatcher(None, expected, actual, autojunk=False).get_opcodes():
        if op == "insert":
            return f"多出“{actual[b1:b2]}”"
        if op == "delete":
            return f"缺少“{expected[a1:a2]}”"
        if op == "replace":
            return f"“{expected[a1:a2]}”写作“{actual[b1:b2]}”"
    return ""
