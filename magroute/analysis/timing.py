"""Real-time arithmetic on the shift calendar, written independently of the solver's clock."""

from __future__ import annotations

from datetime import datetime, timedelta

from magroute.domain.horizon import Horizon


def working_seconds(horizon: Horizon, t0: datetime, t1: datetime) -> float:
    """Seconds of [t0, t1] that fall inside a daily shift (driving/working hours)."""
    if t1 <= t0:
        return 0.0
    total = 0.0
    first = horizon.day_of(t0) - 1
    last = horizon.day_of(t1) + 1
    for day in range(first, last + 1):
        a = max(t0, horizon.shift_start(day))
        b = min(t1, horizon.shift_end(day))
        if b > a:
            total += (b - a).total_seconds()
    return total


def inside_shift(horizon: Horizon, t0: datetime, t1: datetime) -> bool:
    """True if [t0, t1] lies within a single day's shift."""
    day = horizon.day_of(t0)
    return horizon.shift_start(day) <= t0 and t1 <= horizon.shift_end(day)


def duty_seconds(horizon: Horizon, start: datetime, end: datetime) -> float:
    """Duty time of a tour: its working seconds, nights excluded (what drivers are paid for)."""
    return working_seconds(horizon, start, end)


ONE_SECOND = timedelta(seconds=1)
