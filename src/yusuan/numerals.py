"""Chinese numerals as budget documents number their parts, sections and glossary entries.

一 … 十, 十一 … 九十九, both ways.  Compile and render write them; extract and
check read them.
"""

from __future__ import annotations

DIGITS = "〇一二三四五六七八九"


def to_chinese(n: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一 (1 to 99)."""
    if not 1 <= n <= 99:
        raise ValueError(f"no Chinese numeral for {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    head = "" if tens == 1 else DIGITS[tens]
    return f"{head}十{DIGITS[ones] if ones else ''}"


def from_chinese(text: str) -> int | None:
    """一 → 1, 十一 → 11, 二十 → 20; None when `text` is not a Chinese numeral up to 99."""
    if not text or any(ch not in DIGITS + "十" for ch in text):
        return None
    if "十" not in text:
        return DIGITS.index(text) if len(text) == 1 and text != "〇" else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in tens + ones or "〇" in tens + ones:
        return None
    return (DIGITS.index(tens) if tens else 1) * 10 + (DIGITS.index(ones) if ones else 0)
