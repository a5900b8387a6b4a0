"""One formatting module: exact text for files, Indian grouping for people."""

import math
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from magroute.formatting import exact_km, exact_number, grouped, inr, iso_time

IST = timezone(timedelta(hours=5, minutes=30))


@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(0, 4))
def test_exact_numbers_read_back_to_the_same_float(x, decimals):
    text = exact_number(x, decimals)
    assert float(text) == x
    if "e" not in text:  # numbers needing more than 17 decimals fall back to repr's exponent
        assert len(text.partition(".")[2]) >= decimals


def test_people_see_lakh_and_crore_grouping():
    assert grouped(1234567.89, 1) == "12,34,567.9"
    assert grouped(-999.96, 1) == "-1,000.0"
    assert grouped(12, 0) == "12" and grouped(-0.04, 1) == "0.0"
    assert inr(123456789) == "₹12,34,56,789" and inr(-150000) == "-₹1,50,000"
    assert inr(None) == "–" and inr(math.nan, missing="") == ""


def test_kilometres_keep_whole_metres_and_times_keep_their_offset():
    assert exact_km(12345) == "12.345" and exact_km(0) == "0.000"
    t = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    assert iso_time(t, IST) == "2026-11-23T06:30:00+05:30" and iso_time(None, IST) == ""
    with pytest.raises(ValueError, match="naive"):
        iso_time(datetime(2026, 11, 23), IST)
