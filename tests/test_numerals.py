"""Chinese numerals round-trip from 1 to 99."""

from __future__ import annotations

from yusuan.numerals import from_chinese, to_chinese


def test_round_trip() -> None:
    assert [to_chinese(n) for n in (1, 10, 11, 12, 20, 21, 99)] == [
        "一",
        "十",
        "十一",
        "十二",
        "二十",
        "二十一",
        "九十九",
    ]
    assert all(from_chinese(to_chinese(n)) == n for n in range(1, 100))


def test_not_numerals() -> None:
    assert [from_chinese(t) for t in ("", "甲", "〇", "一二", "十十", "1")] == [None] * 6
