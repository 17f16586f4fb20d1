"""Word similarity: reordered characters score just below 1; `is_similar` agrees with `similarity` everywhere."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from yusuan.extract.normalise import is_similar, similarity

WORDS = st.text(alphabet="国有资本经营预算收入支出合计一般公共财政拨款", max_size=12)


def test_reordered_characters_score_just_below_one() -> None:
    assert similarity("国有资本经营预算", "国有资本经营预算") == 1.0
    assert similarity("国有本资经营预算", "国有资本经营预算") == 0.99
    assert similarity("收入合计", "支出合计") < 0.8


@settings(max_examples=300)
@given(WORDS, WORDS, st.sampled_from([0.5, 0.8, 0.9, 0.99, 1.0]))
def test_is_similar_is_similarity_at_a_threshold(a: str, b: str, threshold: float) -> None:
    assert is_similar(a, b, threshold) == (similarity(a, b) >= threshold)
