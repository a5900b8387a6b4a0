"""Tiny hand-checkable problems built directly from domain objects (no files)."""

from __future__ import annotations

from datetime import date

from magroute.domain import (
    Horizon,
    Hub,
    ItemCategory,
    MagnetType,
    Problem,
    Range,
    ServiceTimes,
    Site,
    Vehicle,
    VehicleType,
    WeeklyHours,
    YieldParams,
)
from magroute.domain.scenario import SolveSettings, TravelSettings
from magroute.yields import site_yield

HUB = (28.4512, 77.6955)
MONDAY = date(2026, 11, 23)

PARAMS = YieldParams(
    recovery=Range(1.0, 1.0, 1.0),
    magnet_types=(MagnetType("ndfeb_motor", "NdFeB motor", Range(1000.0, 800.0, 1500.0)),),
    # One "unit" holds exactly 1 kg of magnet worth 1,000 INR and weighs 10 kg gross.
    items=(
        ItemCategory("unit", "test unit", "ndfeb_motor", Range.point(1.0), Range.point(1.0), 10.0),
    ),
)

TRUCK = VehicleType("lcv14", "14 ft truck", "lcv", 3500, 2000.0, 20.0, 150.0, 0.34)
SMALL = VehicleType("ace", "mini truck", "lcv", 750, 700.0, 9.0, 100.0, 0.19)


def make_site(
    site_id: str,
    lat: float,
    lon: float,
    units: int = 100,
    *,
    weight: float | None = None,
    hours: str = "Mon-Sun 09:00-18:00",
    must_collect: bool = False,
    site_type: str = "scrap_yard",
) -> Site:
    days, times = hours.split(" ")
    open_t, close_t = times.split("-")
    return Site(
        site_id=site_id,
        name=f"Site {site_id}",
        site_type=site_type,
        lat=lat,
        lon=lon,
        hours=WeeklyHours.parse(days, open_t, close_t),
        inventory=(("unit", units),) if units else (),
        gross_weight_kg=10.0 * units if weight is None else weight,
        must_collect=must_collect,
        pincode="110001",
    )


def make_problem(
    sites: list[Site],
    *,
    days: int = 1,
    max_tour_days: int | None = None,
    fleet: tuple[tuple[VehicleType, int], ...] = ((TRUCK, 2),),
    shift: tuple[int, int] = (6 * 60, 20 * 60),
    receiving: str = "Mon-Sun 06:00-20:00",
    bans: tuple = (),
    max_trips: int | None = None,
) -> Problem:
    rdays, rtimes = receiving.split(" ")
    ro, rc = rtimes.split("-")
    hub = Hub("SKD", "Test hub", HUB[0], HUB[1], "203205", WeeklyHours.parse(rdays, ro, rc), 30)
    vehicles = tuple(
        Vehicle(f"{vt.type_id}-{k + 1:02d}", vt, "SKD", max_trips)
        for vt, n in fleet for k in range(n)
    )
    return Problem(
        name="test",
        sites=tuple(sites),
        yields=tuple(site_yield(s, PARAMS) for s in sites),
        hubs=(hub,),
        hub_id="SKD",
        vehicles=vehicles,
        horizon=Horizon(MONDAY, days, shift[0], shift[1], max_tour_days or days),
        service=ServiceTimes((("scrap_yard", 30.0), ("motor_rewinding", 20.0)), 20.0),
        bans=bans,
    )


FAST = SolveSettings(time_limit_s=2.0, seed=1)

# Text from planners' files that must come out harmless in every format (issue 5, Safety).
HOSTILE_NAME = '=HYPERLINK("x")<script>'
HOSTILE_HTML = '<img src=x onerror="window.__pwned=1">Ram & Sons "Kabadi" \'ई-कचरा\''

TRAVEL = TravelSettings()


def two_trips_problem() -> Problem:
    """One 750 kg truck and three yards near the hub: two open only in the morning (300 kg and
    INR 30,000 each: together a load above the e-way bill threshold), one only in the afternoon
    (480 kg, INR 48,000: below it). No morning yard fits beside the afternoon one, so the truck
    unloads at the hub before noon, waits there, and sets out again: trip 1 takes AM1 and AM2,
    trip 2 takes PM (tests/export/conftest.py checks it)."""
    sites = [make_site("AM1", 28.50, 77.72, 30, hours="Mon-Sun 07:00-10:00"),
             make_site("AM2", 28.52, 77.75, 30, hours="Mon-Sun 07:00-10:00"),
             make_site("PM", 28.42, 77.66, 48, hours="Mon-Sun 14:00-17:00")]
    return make_problem(sites, fleet=((SMALL, 1),))
