"""Numbers as people type them, and messages that say what to type instead."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salestrain import language
from salestrain.core.numbers import NumberError, format_number, parse_number


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1,200", 1200.0),          # thousands separator
        ("1 200", 1200.0),          # space as separator
        ("１２００", 1200.0),        # full-width digits
        ("¥3.5亿", 3.5e8),          # currency sign and 亿
        ("120万", 1.2e6),           # 万
        ("12.5%", 0.125),           # percent sign
        ("3k", 3000.0),
        ("-5", -5.0),
        (".5", 0.5),
        (42, 42.0),
    ],
)
def test_typed_numbers_are_read(typed, expected):
    assert parse_number(typed) == pytest.approx(expected)


@pytest.mark.parametrize(("typed", "expected"), [("12.5", 0.125), ("12.5%", 0.125), ("0.4", 0.4)])
def test_percent_fields_take_percentages_or_fractions(typed, expected):
    assert parse_number(typed, percent=True) == pytest.approx(expected)


@pytest.mark.parametrize("typed", ["abc", "1,2,3", "12..5", "1e5x", True])
def test_non_numbers_say_what_to_type(typed):
    with pytest.raises(NumberError, match="not a number"):
        parse_number(typed)


def test_empty_and_negative_are_explained_in_the_course_language():
    with pytest.raises(NumberError, match="is empty"):
        parse_number("  ")
    with pytest.raises(NumberError, match="is negative"):
        parse_number("-1", allow_negative=False)
    with language("zh"), pytest.raises(NumberError, match="是负数"):
        parse_number("-1", allow_negative=False)


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_formatted_numbers_read_back(value):
    assert parse_number(format_number(value)) == value
