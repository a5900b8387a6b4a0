"""The working clock: time measured in shift seconds only, with the nights cut out.

Trucks drive and work only inside the daily shift, and rest overnight. Counting time in "working
seconds" (0 at the first shift's start, L = shift length per day) turns the overnight rest into
nothing at all: a leg that runs past the end of the shift simply continues the next morning. So the
solver needs no break constraints, and every multi-day rule becomes a plain interval in this clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from magroute.domain.horizon import Horizon
from magroute.domain.hours import WeeklyHours


@dataclass(frozen=True, slots=True)
class WorkClock:
    horizon: Horizon

    @property
    def day_s(self) -> int:
        return self.horizon.shift_s

    @property
    def end(self) -> int:
        return self.horizon.days * self.day_s

    def day_of(self, tau: int) -> int:
        return min(tau // self.day_s, self.horizon.days - 1)

    def to_start_time(self, tau: int) -> datetime:
        """Real time of `tau` read as the start of something: a day boundary is the next morning."""
        day, rest = divmod(tau, self.day_s)
        if day >= self.horizon.days:
            return self.horizon.shift_end(self.horizon.days - 1)
        return self.horizon.shift_start(day) + _seconds(rest)

    def to_end_time(self, tau: int) -> datetime:
        """Real time of `tau` read as the end of something: a day boundary is the evening before."""
        day, rest = divmod(tau, self.day_s)
        if rest == 0 and day > 0:
            return self.horizon.shift_end(day - 1)
        return self.to_start_time(tau)

    def service_starts(self, hours: WeeklyHours, service_s: int) -> list[tuple[int, int]]:
        """Intervals [lo, hi] of working time at which a service of `service_s` may start so that
        it lies inside both the opening hours and the shift of one day."""
        h = self.horizon
        out = []
        for day in range(h.days):
            if not hours.is_open_on(h.day_date(day).weekday()):
                continue
            open_min = max(hours.open_min, h.shift_start_min)
            close_min = min(hours.close_min, h.shift_end_min)
            lo = day * self.day_s + (open_min - h.shift_start_min) * 60
            hi = day * self.day_s + (close_min - h.shift_start_min) * 60 - service_s
            if hi >= lo:
                out.append((lo, hi))
        return out


def earliest_in(intervals: list[tuple[int, int]], t: int) -> int | None:
    """The earliest time >= t inside one of the sorted intervals, or None."""
    for lo, hi in intervals:
        if t <= hi:
            return max(t, lo)
    return None


def latest_in(intervals: list[tuple[int, int]], t: int) -> int | None:
    """The latest time <= t inside one of the sorted intervals, or None."""
    for lo, hi in reversed(intervals):
        if t >= lo:
            return min(t, hi)
    return None


def _seconds(s: int):
    from datetime import timedelta

    return timedelta(seconds=int(s))
