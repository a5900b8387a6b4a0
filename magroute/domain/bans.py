"""City truck-entry bans: in a zone, on some weekdays, a vehicle class may not be there.

A zone is a circle around a city centre (an approximation of the municipal limits the rules
name). While a ban is on, a truck of a banned class may not be at a stop inside the zone: the
time from its arrival at the stop to its departure must not overlap the ban. A truck that
reaches the zone early waits outside it until the ban lifts (as trucks do at city borders).

On the road, a truck of a class a zone bans drives around the zone, not through it: on its
peripheral ring (`detour_ring_km` from the centre, the zone's own edge by default), or with a
configured extra `detour_km` and `detour_min` (travel/detours.py computes the legs).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from magroute.domain.fleet import VEHICLE_CLASSES
from magroute.domain.hours import format_clock, format_days
from magroute.geo import haversine_km


@dataclass(frozen=True, slots=True)
class TruckBan:
    zone_id: str
    city: str
    lat: float
    lon: float
    radius_km: float
    vehicle_classes: frozenset[str]
    days: frozenset[int]  # weekdays, Mon=0
    start_min: int  # minutes after local midnight, start < end (split bans across midnight)
    end_min: int
    source: str = ""
    # How trucks of the banned classes get past the zone (see the module text): None for each
    # means around the zone's own edge, at the leg's own speed.
    detour_ring_km: float | None = None
    detour_km: float | None = None
    detour_min: float | None = None

    def __post_init__(self) -> None:
        if not self.zone_id:
            raise ValueError("a ban needs a zone_id")
        if not self.radius_km > 0:
            raise ValueError(f"ban {self.zone_id}: radius_km must be positive")
        unknown = self.vehicle_classes - set(VEHICLE_CLASSES)
        if not self.vehicle_classes or unknown:
            raise ValueError(f"ban {self.zone_id}: vehicle classes must be among "
                             f"{', '.join(VEHICLE_CLASSES)}")
        if not 0 <= self.start_min < self.end_min <= 24 * 60:
            raise ValueError(f"ban {self.zone_id}: start must be before end within one day")
        if self.detour_ring_km is not None and not self.detour_ring_km >= self.radius_km:
            raise ValueError(f"ban {self.zone_id}: the detour ring must lie outside the zone "
                             f"(detour_ring_km >= radius_km {self.radius_km:g})")
        for name in ("detour_km", "detour_min"):
            value = getattr(self, name)
            if value is not None and not value >= 0:
                raise ValueError(f"ban {self.zone_id}: {name} must be 0 or more")

    @property
    def ring_km(self) -> float:
        """Distance from the centre of the road trucks take around the zone."""
        return self.radius_km if self.detour_ring_km is None else self.detour_ring_km

    def covers(self, lat: float, lon: float) -> bool:
        return float(haversine_km(self.lat, self.lon, lat, lon)) <= self.radius_km

    def applies(self, vehicle_class: str, weekday: int) -> bool:
        return vehicle_class in self.vehicle_classes and weekday in self.days

    def __str__(self) -> str:
        classes = ",".join(c for c in VEHICLE_CLASSES if c in self.vehicle_classes)
        return (f"{self.city}: {classes} {format_days(self.days)} "
                f"{format_clock(self.start_min)}-{format_clock(self.end_min)}")


def bans_at(bans: tuple[TruckBan, ...], lat: float, lon: float) -> tuple[TruckBan, ...]:
    return tuple(b for b in bans if b.covers(lat, lon))


def banned_minutes(bans: tuple[TruckBan, ...], vehicle_class: str, weekday: int
                   ) -> list[tuple[int, int]]:
    """The (start, end) minutes of a weekday during which `vehicle_class` may not be there."""
    return sorted((b.start_min, b.end_min) for b in bans if b.applies(vehicle_class, weekday))


def ban_during(bans: tuple[TruckBan, ...], vehicle_class: str, start: datetime, end: datetime
               ) -> tuple[TruckBan, datetime, datetime] | None:
    """The first ban (with its start and end that day) overlapping the open interval
    (start, end) of local time, or None."""
    tz = start.tzinfo
    day = start.date()
    while day <= end.date():
        midnight = datetime.combine(day, time(0), tz)
        for b in bans:
            if b.applies(vehicle_class, day.weekday()):
                b_start = midnight + timedelta(minutes=b.start_min)
                b_end = midnight + timedelta(minutes=b.end_min)
                if start < b_end and end > b_start:
                    return b, b_start, b_end
        day += timedelta(days=1)
    return None


def entry_time(bans: tuple[TruckBan, ...], vehicle_class: str, arrival: datetime,
               service_start: datetime) -> datetime:
    """When a truck that reaches a zone at `arrival` enters it to be served at `service_start`:
    once every ban of its class in between has lifted (it waits outside until then)."""
    t = arrival
    while t < service_start:
        hit = ban_during(bans, vehicle_class, t, service_start)
        if hit is None:
            break
        t = min(max(t, hit[2]), service_start)
    return t
