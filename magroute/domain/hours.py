"""Weekly opening hours: which weekdays, and one daily open-close interval."""

from __future__ import annotations

from dataclasses import dataclass

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def parse_days(text: str) -> frozenset[int]:
    """'Mon-Sat', 'Tue-Sun', 'Mon,Wed,Fri', 'Fri-Mon' (wraps) or 'daily' -> weekday numbers (Mon=0)."""
    text = text.strip()
    if text.lower() in {"daily", "all", "mon-sun"}:
        return frozenset(range(7))
    days: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        if not part:
            raise ValueError("empty day name")
        if "-" in part:
            a, b = (p.strip() for p in part.split("-", 1))
            i, j = _day_index(a), _day_index(b)
            k = i
            while True:
                days.add(k)
                if k == j:
                    break
                k = (k + 1) % 7
        else:
            days.add(_day_index(part))
    return frozenset(days)


_FULL_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _day_index(name: str) -> int:
    key = name.capitalize()
    if key in WEEKDAYS:
        return WEEKDAYS.index(key)
    if key in _FULL_NAMES:
        return _FULL_NAMES.index(key)
    raise ValueError(f"unknown day {name!r}")


def parse_clock(text: str) -> int:
    """'HH:MM' (24 h, '24:00' allowed) -> minutes after midnight."""
    parts = text.strip().split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise ValueError(f"not a HH:MM time: {text!r}")
    h, m = int(parts[0]), int(parts[1])
    if not (0 <= h <= 24 and 0 <= m < 60) or (h == 24 and m):
        raise ValueError(f"not a time of day: {text!r}")
    return h * 60 + m


def format_days(days: frozenset[int]) -> str:
    return ",".join(WEEKDAYS[d] for d in sorted(days))


def format_clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True, slots=True)
class WeeklyHours:
    """Open on `days` (Mon=0) from `open_min` to `close_min` minutes after local midnight."""

    days: frozenset[int]
    open_min: int
    close_min: int

    def __post_init__(self) -> None:
        if not self.days:
            raise ValueError("opening hours need at least one day")
        if not all(0 <= d <= 6 for d in self.days):
            raise ValueError(f"weekday out of range in {sorted(self.days)}")
        if not 0 <= self.open_min < self.close_min <= 24 * 60:
            raise ValueError(
                f"window closes ({format_clock(self.close_min)}) before it opens "
                f"({format_clock(self.open_min)})"
            )

    @classmethod
    def parse(cls, days: str, open_time: str, close_time: str) -> WeeklyHours:
        return cls(parse_days(days), parse_clock(open_time), parse_clock(close_time))

    def is_open_on(self, weekday: int) -> bool:
        return weekday in self.days

    def __str__(self) -> str:
        return f"{format_days(self.days)} {format_clock(self.open_min)}-{format_clock(self.close_min)}"
