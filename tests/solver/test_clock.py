from factories import make_problem, make_site

from magroute.domain.hours import WeeklyHours
from magroute.solver.clock import WorkClock, earliest_in, latest_in


def clock(days=3):
    return WorkClock(make_problem([make_site("A", 28.6, 77.3)], days=days).horizon)


def test_day_boundary_reads_as_evening_or_morning():
    c = clock()
    L = c.day_s  # 06:00-20:00 = 14 h
    assert L == 14 * 3600
    assert c.to_start_time(L).strftime("%a %H:%M") == "Tue 06:00"
    assert c.to_end_time(L).strftime("%a %H:%M") == "Mon 20:00"
    assert c.to_start_time(3600).strftime("%a %H:%M") == "Mon 07:00"


def test_service_starts_intersect_hours_and_shift_and_leave_room_for_service():
    c = clock()
    hours = WeeklyHours.parse("Mon,Wed", "05:00", "10:00")
    # 06:00-10:00 minus a 1 h service -> starts 06:00..09:00 on Mon (day 0) and Wed (day 2)
    assert c.service_starts(hours, 3600) == [(0, 3 * 3600), (2 * c.day_s, 2 * c.day_s + 3 * 3600)]


def test_interval_search():
    iv = [(0, 10), (20, 30)]
    assert earliest_in(iv, 5) == 5 and earliest_in(iv, 11) == 20 and earliest_in(iv, 31) is None
    assert latest_in(iv, 15) == 10 and latest_in(iv, 25) == 25 and latest_in(iv, -1) is None
