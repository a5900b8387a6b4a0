"""The working clock: time measured in shift seconds only, with the nights cut out.

Trucks drive and work only inside the daily shift, and rest overnight. Counting time in "working
seconds" (0 at the first shift's start, L = shift length per day) turns the overnight rest into
nothing at all: a leg that runs past the end of the shift simply continues the next morning. So the
solver needs no break constraints, and every multi-day rule becomes a plain interval in this clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

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

    def tau_at(self, moment: datetime) -> int:
        """The working time of a real moment; a moment outside the shift is the next shift's
        start (or the horizon's end)."""
        h = self.horizon
        for day in range(h.days):
            if moment < h.shift_end(day):
                start = h.shift_start(day)
                return day * self.day_s + max(0, int((moment - start).total_seconds() + 0.999))
        return self.end

    def service_starts(self, hours: WeeklyHours, service_s: int,
                       banned: Callable[[int], list[tuple[int, int]]] | None = None
                       ) -> list[tuple[int, int]]:
        """Intervals [lo, hi] of working time at which a service of `service_s` may start so that
        it lies inside both the opening hours and the shift of one day, and, if `banned` gives
        the (start, end) minutes a truck may not be there on a weekday, outside those."""
        h = self.horizon
        out: list[tuple[int, int]] = []
        for day in range(h.days):
            weekday = h.day_date(day).weekday()
            if not hours.is_open_on(weekday):
                continue
            open_min = max(hours.open_min, h.shift_start_min)
            close_min = min(hours.close_min, h.shift_end_min)
            base = day * self.day_s - h.shift_start_min * 60
            pieces = [(base + open_min * 60, base + close_min * 60 - service_s)]
            for b_start, b_end in (banned(weekday) if banned else []):
                # The stay [s, s + service] must not overlap the open interval (start, end).
                cut_lo, cut_hi = base + b_start * 60 - service_s + 1, base + b_end * 60 - 1
                pieces = [p for lo, hi in pieces for p in _minus(lo, hi, cut_lo, cut_hi)]
            out.extend((lo, hi) for lo, hi in pieces if hi >= lo)
        return out


def _minus(lo: int, hi: int, cut_lo: int, cut_hi: int) -> list[tuple[int, int]]:
    """[lo, hi] without [cut_lo, cut_hi] (integers, both closed)."""
    if cut_hi < lo or cut_lo > hi:
        return [(lo, hi)]
    return [p for p in ((lo, cut_lo - 1), (cut_hi + 1, hi)) if p[1] >= p[0]]


def merge_windows(*window_lists: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of sorted interval lists, as one sorted list of disjoint intervals."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(w for ws in window_lists for w in ws):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
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


def _seconds(s: int) -> timedelta:
    return timedelta(seconds=int(s))
