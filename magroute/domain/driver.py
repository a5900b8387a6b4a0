"""Driver-hours rules: breaks, the daily driving limit and the rest between shifts.

Defaults follow domain.md section 5: the Motor Transport Workers Act 1961 s.15 (no more than
5 hours of work without a 30-minute rest; at least 9 consecutive hours of rest between duties)
and the recommended planner rule for a single driver (at most 9 hours of driving a day).
A break is time without driving or loading: a break on the road, waiting at a stop, or a rest.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DriverRules:
    max_driving_h_per_day: float = 9.0
    break_after_driving_h: float = 5.0
    break_minutes: float = 30.0
    min_rest_h: float = 9.0

    def __post_init__(self) -> None:
        for name in ("max_driving_h_per_day", "break_after_driving_h", "break_minutes",
                     "min_rest_h"):
            if not getattr(self, name) > 0:
                raise ValueError(f"driver hours: {name} must be positive")
        if self.max_driving_h_per_day > 24 or self.min_rest_h > 24:
            raise ValueError("driver hours: a day has 24 hours")

    @property
    def max_driving_s(self) -> int:
        return round(self.max_driving_h_per_day * 3600)

    @property
    def break_after_s(self) -> int:
        return round(self.break_after_driving_h * 3600)

    @property
    def break_s(self) -> int:
        return round(self.break_minutes * 60)

    @property
    def min_rest_s(self) -> int:
        return round(self.min_rest_h * 3600)

    def __str__(self) -> str:
        return (f"at most {self.max_driving_h_per_day:g} h driving a day, a "
                f"{self.break_minutes:g}-minute break after {self.break_after_driving_h:g} h of "
                f"driving, {self.min_rest_h:g} h rest between shifts")
