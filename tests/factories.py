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

# The same unit, plus one that is bought from its seller and leaves metals to sell ("traded":
# magnets worth 1,000 INR, by-products 500 (400-600), purchase 1,000 (800-1,200) per unit; a
# motor-rewinding shop is paid 1.2 times that; contribution 500 INR a unit, 300 at a rewinding
# shop) and one that costs more to buy than it is worth ("dear": the same, bought for 1,600
# (1,400-1,800); contribution -100 INR a unit).
PARAMS_TRADED = YieldParams(
    recovery=PARAMS.recovery,
    magnet_types=PARAMS.magnet_types,
    items=(*PARAMS.items,
           ItemCategory("traded", "traded unit", "ndfeb_motor", Range.point(1.0), Range.point(1.0),
                        10.0, purchase_inr=Range(1000.0, 800.0, 1200.0),
                        byproduct_inr=Range(500.0, 400.0, 600.0)),
           ItemCategory("dear", "dear unit", "ndfeb_motor", Range.point(1.0), Range.point(1.0),
                        10.0, purchase_inr=Range(1600.0, 1400.0, 1800.0),
                        byproduct_inr=Range(500.0, 400.0, 600.0))),
    purchase_factor_by_site_type=(("motor_rewinding", 1.2),),
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
    item: str = "unit",
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
        inventory=((item, units),) if units else (),
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
    params: YieldParams = PARAMS,
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
        yields=tuple(site_yield(s, params) for s in sites),
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
    """One 750 kg truck and three sites near the hub, of `PARAMS_TRADED` units: two yards open
    only in the morning (300 kg, magnets worth INR 30,000 and bought for INR 30,000 each: two
    consignments below the e-way bill threshold, together a load above it), one rewinding shop
    only in the afternoon (480 kg, magnets INR 48,000, bought for 48 x 1,200 = INR 57,600: a
    consignment above it). No morning yard fits beside the afternoon one, so the truck unloads
    at the hub before noon, waits there, and sets out again: trip 1 takes AM1 and AM2, trip 2
    takes PM (tests/export/conftest.py checks it)."""
    sites = [make_site("AM1", 28.50, 77.72, 30, hours="Mon-Sun 07:00-10:00", item="traded"),
             make_site("AM2", 28.52, 77.75, 30, hours="Mon-Sun 07:00-10:00", item="traded"),
             make_site("PM", 28.42, 77.66, 48, hours="Mon-Sun 14:00-17:00", item="traded",
                       site_type="motor_rewinding")]
    return make_problem(sites, fleet=((SMALL, 1),), params=PARAMS_TRADED)
