"""`by_identity`: a result kept per argument object, never handed to another object."""

from __future__ import annotations

import pytest

from yusuan.identity_cache import by_identity


def test_the_same_object_is_answered_from_the_cache_and_an_equal_one_afresh() -> None:
    calls: list[list[int]] = []

    @by_identity
    def total(numbers: list[int]) -> int:
        calls.append(numbers)
        return sum(numbers)

    first = [1, 2]
    assert total(first) == 3
    assert total(first) == 3
    assert len(calls) == 1
    other = [1, 2]  # equal, not the same object
    assert total(other) == 3
    assert len(calls) == 2 and calls[1] is other


def test_keyword_arguments_are_refused() -> None:
    @by_identity
    def echo(value: object) -> object:
        return value

    with pytest.raises(TypeError, match="positional"):
        echo(value=1)
