"""Driver-hours rules: breaks, the daily driving limit, the rest between shifts, the spread-over
of a working day and the duty of a week.

Defaults follow domain.md section 5 and docs/research/economics.md section E: the Motor Transport
Workers Act 1961 s.13 (at most 48 hours of work a week), s.15 (no more than 5 hours of work
without a 30-minute rest; at least 9 consecutive hours of rest between duties), s.16 (a working
day spread over at most 12 hours, rests included), and the recommended planner rule for a single
driver (at most 9 hours of driving a day). A break is time without driving or loading: a break
on the road, waiting at a stop, or a rest.

Duty is measured as the KPIs measure it: working time on the shift clock from leaving the hub to
the end of the last unload, nights excluded (waiting and breaks on the way count, as an
employer's record would count them). A day's spread-over cannot exceed the shift, so a shift no
longer than `max_spread_over_h` keeps every day within it.

A two-driver crew (a truck type's `crew = 2`) takes turns at the wheel, the one off the wheel
resting in the cab (docs/research/economics.md s.E: "vehicle may run 16 h/day (2 x 8 h)"). Each
driver keeps the rules: the truck may then drive twice the daily limit, twice the stretch
before a break, and work twice the weekly duty; the spread-over of its day is still the shift
(one working clock for the whole fleet, so the 16-hour day of a relay is not reached).
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class DriverRules:
    max_driving_h_per_day: float = 9.0
    break_after_driving_h: float = 5.0
    break_minutes: float = 30.0
    min_rest_h: float = 9.0
    max_spread_over_h: float = 12.0
    max_duty_h_per_week: float = 48.0

    def __post_init__(self) -> None:
        for name in ("max_driving_h_per_day", "break_after_driving_h", "break_minutes",
                     "min_rest_h", "max_spread_over_h", "max_duty_h_per_week"):
            if not getattr(self, name) > 0:
                raise ValueError(f"driver hours: {name} must be positive")
        if max(self.max_driving_h_per_day, self.min_rest_h, self.max_spread_over_h) > 24:
            raise ValueError("driver hours: a day has 24 hours")
        if self.max_duty_h_per_week > 7 * 24:
            raise ValueError("driver hours: a week has 168 hours")

    def for_crew(self, drivers: int) -> DriverRules:
        """The rules for a truck with `drivers` on board who take turns (see the module)."""
        if drivers == 1:
            return self
        return replace(self,
                       max_driving_h_per_day=min(24.0, drivers * self.max_driving_h_per_day),
                       break_after_driving_h=min(24.0, drivers * self.break_after_driving_h),
                       max_duty_h_per_week=min(7 * 24.0, drivers * self.max_duty_h_per_week))

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

    @property
    def spread_over_s(self) -> int:
        return round(self.max_spread_over_h * 3600)

    @property
    def week_duty_s(self) -> int:
        return round(self.max_duty_h_per_week * 3600)

    def __str__(self) -> str:
        return (f"at most {self.max_driving_h_per_day:g} h driving a day, a "
                f"{self.break_minutes:g}-minute break after {self.break_after_driving_h:g} h of "
                f"driving, {self.min_rest_h:g} h rest between shifts, a working day spread over "
                f"at most {self.max_spread_over_h:g} h, at most {self.max_duty_h_per_week:g} h "
                "of duty a week")
