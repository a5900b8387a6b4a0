"""The planning horizon: calendar days, the daily driving window and the local time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from magroute.domain.hours import format_clock

IST = timezone(timedelta(hours=5, minutes=30), "IST")


@dataclass(frozen=True, slots=True)
class Horizon:
    """Days `start_date` .. `start_date + days - 1`; trucks drive and work only inside the daily
    shift [shift_start_min, shift_end_min) and rest in between (the overnight rest)."""

    start_date: date
    days: int
    shift_start_min: int
    shift_end_min: int
    max_tour_days: int
    tz: timezone = IST

    def __post_init__(self) -> None:
        if self.days < 1:
            raise ValueError(f"horizon must be at least one day, got {self.days}")
        if not 0 <= self.shift_start_min < self.shift_end_min <= 24 * 60:
            raise ValueError(
                f"shift ends ({format_clock(self.shift_end_min)}) before it starts "
                f"({format_clock(self.shift_start_min)})"
            )
        if not 1 <= self.max_tour_days <= self.days:
            raise ValueError(
                f"max_tour_days must be between 1 and the horizon ({self.days}), "
                f"got {self.max_tour_days}"
            )

    @property
    def shift_s(self) -> int:
        return (self.shift_end_min - self.shift_start_min) * 60

    @property
    def rest_s(self) -> int:
        """Length of the overnight rest between two shifts."""
        return 24 * 3600 - self.shift_s

    def day_date(self, day: int) -> date:
        return self.start_date + timedelta(days=day)

    def at(self, day: int, minutes: int) -> datetime:
        """Local datetime of `minutes` after midnight on horizon day `day` (0-based)."""
        midnight = datetime.combine(self.day_date(day), time(0), self.tz)
        return midnight + timedelta(minutes=minutes)

    def shift_start(self, day: int) -> datetime:
        return self.at(day, self.shift_start_min)

    def shift_end(self, day: int) -> datetime:
        return self.at(day, self.shift_end_min)

    @property
    def start(self) -> datetime:
        return self.shift_start(0)

    @property
    def end(self) -> datetime:
        return self.shift_end(self.days - 1)

    def day_of(self, moment: datetime) -> int:
        """0-based horizon day containing `moment` (local calendar day)."""
        return (moment.astimezone(self.tz).date() - self.start_date).days
