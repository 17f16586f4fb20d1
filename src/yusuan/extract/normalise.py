"""Undo what text extraction does to words and numbers.

Three kinds of text come out of a table or a heading:

- *folded* text (`fold`) is for matching only: compatibility-normalised
  (full-width → half-width), without whitespace or quotes, so that
  `财 政 拨 款 (补 助)` and `财政拨款（补助）` compare equal;
- *clean* labels (`clean_label`) are what the reader stores: spaces that
  extraction put inside CJK words removed, half-width brackets and colons next
  to CJK made full-width (the catalogue's spelling), other spacing collapsed;
- amounts (`read_amount`) go through `yusuan.money.parse_amount`, which
  already joins `40.0 0` and drops thousands separators.

`similarity` compares folded words when exact matching fails: the same
characters in another order (`国有本资经营预算`) score just below 1, other
near-misses by their longest common subsequences.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache

from yusuan.lazy_pattern import lazy_compile
from yusuan.money import AmountError, parse_amount

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "、。，：；！？（）《》〈〉“”‘’【】…·"
_TIGHT = f"[{CJK}{_CJK_PUNCT}()\\[\\]%％]"
_TIGHT_SPACE = lazy_compile(rf"(?<={_TIGHT})\s+(?={_TIGHT})")
_SPACES = lazy_compile(r"\s+")
_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』")
_OPEN_AFTER_CJK = lazy_compile(rf"(?<=[{CJK}])\s*\(")
_OPEN_BEFORE_CJK = lazy_compile(rf"\((?=\s*[{CJK}%])")
_CLOSE = lazy_compile(rf"(?<=[{CJK}%])\s*\)")
_COLON_AFTER_CJK = lazy_compile(rf"(?<=[{CJK}）])\s*:\s*")
_NUMBERING = lazy_compile(
    r"^(?:-\s*)?(?:[一二三四五六七八九十]+[、.]|\d{1,2}[.、)](?!\d)|\([一二三四五六七八九十\d]{1,3}\)|其中:?)+"
)
DASHES = frozenset({"-", "--", "—", "——", "－", "–", "―", "/", "\\"})


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Matching form: NFKC, no whitespace, no quotes, lower case."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACES.sub("", folded).lower()


@lru_cache(maxsize=16384)
def fold_item(text: str) -> str:
    """Matching form of a row or field label without its numbering (`一、`, `1.`, `（一）`, `其中：`).

    Cached: a table's labels are matched under each candidate form it is read by."""
    folded = fold(text)
    stripped = _NUMBERING.sub("", folded)
    return stripped or folded


_PAGE_NUMBER_TAIL = lazy_compile(r"\s*[-—–－]\s*\d(?:\s*\d){0,3}\s*[-—–－]\s*$")  # `行政单位离退休— 1 2 —`


@lru_cache(maxsize=16384)
def clean_label(text: str) -> str:
    """A label as it should have been printed: no spaces inside CJK words, full-width brackets, no
    decorated page number (`— 12 —`) that the page's footer ran into.

    Cached: seven regular-expression passes, asked again of the same header and row texts under each
    candidate form a table is read by."""
    text = _TIGHT_SPACE.sub("", _PAGE_NUMBER_TAIL.sub("", text.strip()))
    text = _OPEN_AFTER_CJK.sub("（", text)
    text = _OPEN_BEFORE_CJK.sub("（", text)
    text = _CLOSE.sub("）", text)
    text = _COLON_AFTER_CJK.sub("：", text)
    text = _TIGHT_SPACE.sub("", text)
    return _SPACES.sub(" ", text)


def squeeze(text: str) -> str:
    """Remove every space: for values like `>=14 0 批 次` → `>=140批次`."""
    return _SPACES.sub("", text)


def is_dash(text: str) -> bool:
    return text.strip() in DASHES


@lru_cache(maxsize=16384)
def read_amount(text: str) -> tuple[Decimal | None, bool]:
    """(value, readable).  Empty or a dash (`-`, `——`) reads as (None, True).

    Cached: a table is read under several candidate layouts, each cell many times."""
    stripped = text.strip()
    if not stripped or stripped in DASHES:
        return None, True
    try:
        return parse_amount(stripped), True
    except AmountError:
        return None, False


@lru_cache(maxsize=16384)
def is_amount(text: str) -> bool:
    """True for a printed amount (not empty, not a dash)."""
    stripped = text.strip()
    if not stripped or stripped in DASHES or not any(ch.isdigit() for ch in stripped):
        return False
    return read_amount(stripped)[1]


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """How alike two folded words are: 1 equal, 0.99 same characters reordered, else a ratio."""
    if a == b:
        return 1.0
    if len(a) == len(b) and sorted(a) == sorted(b):
        return 0.99
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


@lru_cache(maxsize=65536)
def is_similar(a: str, b: str, threshold: float) -> bool:
    """`similarity(a, b) >= threshold`, ruling most pairs out by difflib's cheap upper bounds first.

    The bounds are difflib's `real_quick_ratio` (lengths) and `quick_ratio` (characters in common, as
    multisets), worked out here without building a `SequenceMatcher` (which indexes `b` first); before
    the multisets, a looser bound that is cheaper still: the characters of `a` that occur in `b` at all
    (at least as many as the multisets share)."""
    if a == b or (len(a) == len(b) and sorted(a) == sorted(b)):
        return similarity(a, b) >= threshold
    total = len(a) + len(b)  # > 0: the strings differ
    if 2.0 * min(len(a), len(b)) / total < threshold:
        return False
    in_b = set(b)
    if 2.0 * sum(1 for ch in a if ch in in_b) / total < threshold:
        return False
    if 2.0 * sum((Counter(a) & Counter(b)).values()) / total < threshold:
        return False
    return similarity(a, b) >= threshold


def best_match(word: str, candidates: dict[str, str], threshold: float) -> str | None:
    """The value of the candidate key most similar to `word` (above threshold, unambiguous)."""
    best: tuple[float, str | None] = (0.0, None)
    tie = False
    for key, value in candidates.items():
        score = similarity(word, key)
        if score > best[0]:
            best, tie = (score, value), False
        elif score == best[0] and value != best[1]:
            tie = True
    if best[0] >= threshold and not tie:
        return best[1]
    return None


def close_gaps(text: str) -> str:
    """Only remove the spaces extraction put between CJK characters; keep everything else."""
    return _TIGHT_SPACE.sub("", text).strip()
