"""Bounded fuzzing of the three readers of untrusted text: no exception escapes but the user's one line.

The text reader, the number parser and the YAML loader each take any input
Hypothesis makes; each either returns or raises the error it documents
(`InputError` for files, `AmountError` for numbers).  Bounded to a few
hundred examples so the suite stays fast.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yusuan.errors import InputError
from yusuan.money import AmountError, parse_amount

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
YAML_PIECES = st.sampled_from(
    ["a: ", "- ", "[", "]", "{", "}", "&x ", "*x", ": ", "\n", "  ", '"', "'", "year: 2024", "1e999", "\\x00", "!!"]
)


@FUZZ
@given(st.text(max_size=60) | st.from_regex(r"[+-]?[\d,]{0,40}(\.\d{0,30})?", fullmatch=True))
def test_parse_amount_returns_a_bounded_decimal_or_says_no(text: str) -> None:
    try:
        value = parse_amount(text)
    except AmountError as exc:
        assert str(exc)
        return
    assert isinstance(value, Decimal)
    assert value == 0 or value.adjusted() < 13


@FUZZ
@given(st.binary(max_size=400) | st.text(max_size=200).map(lambda t: t.encode("utf-16")))
def test_text_reader_reads_or_refuses(data: bytes) -> None:
    from yusuan.extract.text_file import read_text_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_bytes(data)
        try:
            read_text_file(path)
        except InputError as exc:
            assert exc.one_line() and "\n" not in exc.one_line()


@FUZZ
@given(st.lists(YAML_PIECES | st.text(max_size=8), max_size=40).map("".join))
def test_yaml_loader_loads_or_refuses(text: str) -> None:
    from yusuan.inputs.yaml_input import load_yaml_budget

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "budget.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_yaml_budget(path)
        except InputError as exc:
            assert exc.one_line() and "\n" not in exc.one_line()
