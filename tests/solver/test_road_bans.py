"""Bans on the road: a heavy truck drives around Delhi while its ban is on, never through it,
and the checker verifies every leg, not only the stops."""

import dataclasses
from pathlib import Path

import pytest
from factories import make_problem, make_site

from magroute.analysis import check_plan
from magroute.domain import VehicleType
from magroute.domain.plan import PAUSE_KINDS, Event
from magroute.domain.scenario import SolveSettings
from magroute.errors import InputError
from magroute.geo import haversine_km
from magroute.inputs.bans import read_bans
from magroute.pipeline import finish_plan
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource

BANS = read_bans(Path(__file__).resolve().parents[2] / "data" / "truck_bans.csv")
HEAVY = VehicleType("hcv32", "32 ft container", "hcv", 15000, 1000.0, 12.0, 150.0, 0.77)
SRC = GreatCircleSource()


def bahadurgarh(hours="Mon-Sun 12:00-14:00"):
    """West of Delhi: the straight line from the Sikandrabad hub runs through the city."""
    return make_site("BHG", 28.69, 76.93, 400, hours=hours)


def plan_of(bans, strategy="auto", hours="Mon-Sun 12:00-14:00", shift=(6 * 60, 20 * 60)):
    problem = make_problem([bahadurgarh(hours)], fleet=((HEAVY, 1),), bans=bans, shift=shift)
    settings = SolveSettings(time_limit_s=2.0, seed=1, workers=1, strategy=strategy)
    return problem, solve(problem, SRC.matrices(problem.points()), settings)


def pickup_leg(plan) -> Event:
    return next(e for r in plan.routes for e in r.events if e.kind == "pickup")


@pytest.mark.parametrize("strategy", ["auto", "ortools-gls"])
def test_a_heavy_truck_at_noon_drives_around_delhi_and_the_checker_catches_a_straight_leg(
        strategy):
    problem, plan = plan_of(BANS, strategy)
    assert check_plan(problem, plan, SRC) == []
    around = pickup_leg(plan)
    assert 12 <= around.arrival.hour < 14
    direct_m, direct_s = SRC.leg(problem.points()[0], (around.lat, around.lon))
    assert around.leg_m > direct_m + 5_000  # the way round Delhi is longer ...
    assert plan.routes[0].distance_m > 2 * direct_m + 10_000  # ... both ways

    # Control: without the bans the truck drives straight through.
    _, free = plan_of((), strategy)
    assert pickup_leg(free).leg_m == direct_m
    # The straight plan, checked under the bans: both legs cross Delhi during its ban.
    violations = check_plan(problem, free, SRC)
    assert {v.rule for v in violations} == {"truck-ban"} and len(violations) == 2
    assert "through Delhi" in violations[0].message and "hcv" in violations[0].message


def test_a_straight_leg_outside_the_ban_passes_the_check():
    """The check is about time: a ban only in the morning peak leaves an afternoon leg free."""
    morning = tuple(dataclasses.replace(b, start_min=7 * 60, end_min=11 * 60)
                    for b in BANS if b.zone_id == "DEL")
    afternoon = {"hours": "Mon-Sun 13:00-17:00", "shift": (11 * 60, 21 * 60)}
    problem, _ = plan_of(morning, **afternoon)
    _, straight = plan_of((), **afternoon)
    assert straight.routes[0].start.hour >= 11
    assert check_plan(problem, straight, SRC) == []
    # The same legs in the morning ban are caught.
    early = dataclasses.replace(morning[0], start_min=11 * 60, end_min=23 * 60)
    problem, _ = plan_of((early,), **afternoon)
    assert {v.rule for v in check_plan(problem, straight, SRC)} == {"truck-ban"}


def test_a_light_truck_is_not_banned_from_delhi_and_drives_straight():
    light = dataclasses.replace(HEAVY, type_id="lcv14", vehicle_class="lcv", payload_kg=5000)
    problem = make_problem([bahadurgarh()], fleet=((light, 1),), bans=BANS)
    plan = solve(problem, SRC.matrices(problem.points()),
                 SolveSettings(time_limit_s=2.0, seed=1, workers=1))
    assert check_plan(problem, plan, SRC) == []
    assert pickup_leg(plan).leg_m == SRC.leg(problem.points()[0], problem.points()[1])[0]


def test_the_drivers_map_draws_the_leg_round_delhi_not_through_it():
    problem, plan = plan_of(BANS)
    ready = finish_plan(problem, plan, SRC)
    assert ready.violations == []
    route = ready.plan.routes[0]
    stops = [e for e in route.events if e.kind not in PAUSE_KINDS]
    line = ready.leg_geometry((stops[0].lat, stops[0].lon), (stops[1].lat, stops[1].lon))
    delhi = next(b for b in BANS if b.zone_id == "DEL")
    assert len(line) > 4
    nearest = min(float(haversine_km(delhi.lat, delhi.lon, lat, lon)) for lon, lat in line)
    assert nearest > delhi.radius_km
    drawn = sum(float(haversine_km(p[1], p[0], q[1], q[0])) for p, q in zip(line, line[1:], strict=False))
    assert drawn * 1000 == pytest.approx(stops[1].leg_m / 1.3, rel=0.25)  # road km / circuity


def test_bad_detour_cells_are_reported_with_row_and_column(tmp_path):
    path = tmp_path / "bans.csv"
    path.write_text(
        "zone_id,city,lat,lon,radius_km,vehicle_classes,days,start,end,detour_ring_km,"
        "detour_km,detour_min,source\n"
        "A,Delhi,28.63,77.22,20,hcv,daily,07:00,23:00,40,,,x\n"
        "B,Delhi,28.63,77.22,20,hcv,daily,07:00,23:00,,-5,ten,x\n"
        "C,Delhi,28.63,77.22,20,hcv,daily,07:00,23:00,12,,,x\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_bans(path)
    where = {(p.row, p.column) for p in e.value.problems}
    assert where == {(2, "detour_km"), (2, "detour_min"), (3, None)}
    assert "outside the zone" in str(e.value)
    path.write_text("\n".join(path.read_text().splitlines()[:2]) + "\n", encoding="utf-8")
    (ban,) = read_bans(path)
    assert (ban.ring_km, ban.detour_km, ban.detour_min) == (40, None, None)
