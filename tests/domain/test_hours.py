import pytest

from magroute.domain.hours import WeeklyHours, parse_clock, parse_days


def test_day_ranges_lists_and_wrap():
    assert parse_days("Mon-Sat") == frozenset(range(6))
    assert parse_days("Mon,Wed,Fri") == frozenset({0, 2, 4})
    assert parse_days("Fri-Mon") == frozenset({4, 5, 6, 0})
    assert parse_days("daily") == frozenset(range(7))
    assert parse_days("Tuesday") == frozenset({1})


@pytest.mark.parametrize("bad", ["Mox", "", "Mon,,Tue", "1-5"])
def test_bad_days(bad):
    with pytest.raises(ValueError):
        parse_days(bad)


def test_clock():
    assert parse_clock("06:30") == 390
    assert parse_clock("24:00") == 1440
    for bad in ("6", "25:00", "10:60", "ab:cd"):
        with pytest.raises(ValueError):
            parse_clock(bad)


def test_window_that_closes_before_it_opens_is_rejected():
    with pytest.raises(ValueError, match="closes"):
        WeeklyHours.parse("Mon-Fri", "18:00", "09:00")
