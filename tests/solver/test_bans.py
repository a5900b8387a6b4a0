"""City truck-entry bans: the solver never schedules a banned stay, the checker catches one."""

from pathlib import Path

import pytest
from factories import TRUCK, make_problem, make_site

from magroute.analysis import check_plan
from magroute.domain import VehicleType
from magroute.domain.bans import TruckBan
from magroute.domain.hours import WeeklyHours
from magroute.domain.scenario import SolveSettings
from magroute.errors import InputError
from magroute.inputs.bans import read_bans
from magroute.solver.clock import WorkClock
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource

BANS = read_bans(Path(__file__).resolve().parents[2] / "data" / "truck_bans.csv")
# Cheaper per km than the 14 ft LCV, so without bans the search would send it.
HEAVY = VehicleType("hcv32", "32 ft container", "hcv", 15000, 1000.0, 12.0, 150.0, 0.77)
SETTINGS = SolveSettings(time_limit_s=5.0, seed=3, workers=1)


def kolkata_site():
    # Open only 12:00-16:00: inside the HGV/MGV ban (06-22), and exactly the LGV gap (12-16).
    return make_site("KOL1", 22.57, 88.36, 300, hours="Mon-Sun 12:00-16:00")


def plan_for(fleet, bans):
    problem = make_problem([kolkata_site()], days=7, fleet=fleet, bans=bans)
    src = GreatCircleSource()
    return problem, solve(problem, src.matrices(problem.points()), SETTINGS), src


def test_bundled_bans_cover_the_cities_of_the_research_notes():
    cities = {b.city for b in BANS}
    assert {"Delhi", "Mumbai", "Bengaluru", "Kolkata", "Hyderabad"} <= cities
    kol = [b for b in BANS if b.zone_id == "KOL"]
    assert any(b.vehicle_classes == {"mcv", "hcv"} and (b.start_min, b.end_min) == (360, 1320)
               for b in kol)
    assert all(b.source for b in BANS)


def test_only_the_light_vehicle_serves_a_kolkata_site_open_during_the_heavy_ban():
    problem, plan, src = plan_for(((TRUCK, 1), (HEAVY, 1)), BANS)
    assert [r.vehicle_type for r in plan.routes] == ["lcv14"]
    assert check_plan(problem, plan, src) == []
    pickup = next(e for r in plan.routes for e in r.events if e.kind == "pickup")
    assert pickup.arrival.hour >= 12 and pickup.departure.hour < 16 or \
        (pickup.departure.hour, pickup.departure.minute) == (16, 0)

    # Control: without the bans the cheaper heavy truck takes it.
    _, free, _ = plan_for(((TRUCK, 1), (HEAVY, 1)), ())
    assert [r.vehicle_type for r in free.routes] == ["hcv32"]
    # ... and that plan breaks the ban, which the checker reports.
    violations = check_plan(problem, free, src)
    assert [v.rule for v in violations] == ["truck-ban"] and "Kolkata" in violations[0].message


def test_with_heavy_trucks_only_nobody_serves_it_and_the_reason_names_the_ban():
    problem, plan, src = plan_for(((HEAVY, 2),), BANS)
    assert plan.routes == ()
    (u,) = plan.unserved
    assert "truck-entry ban" in u.reason and "Kolkata" in u.reason and "hcv" in u.reason
    assert check_plan(problem, plan, src) == []


def test_a_light_truck_arriving_during_the_light_ban_waits_outside_the_zone():
    # The light truck's own ban (06-12) covers the morning: it enters when that lifts.
    site = make_site("KOL2", 22.57, 88.36, 100, hours="Mon-Sun 09:00-18:00")
    problem = make_problem([site], days=7, fleet=((TRUCK, 1),), bans=BANS)
    src = GreatCircleSource()
    plan = solve(problem, src.matrices(problem.points()), SETTINGS)
    assert check_plan(problem, plan, src) == []
    pickup = next(e for e in plan.routes[0].events if e.kind == "pickup")
    assert 12 <= pickup.service_start.hour < 16


def test_service_starts_skip_the_ban_and_the_service_that_would_run_into_it():
    problem = make_problem([kolkata_site()], days=1)
    clock = WorkClock(problem.horizon)
    hours = WeeklyHours.parse("daily", "09:00", "18:00")
    ban = [(11 * 60, 13 * 60)]
    w = clock.service_starts(hours, 1800, banned=lambda wd: ban)
    shift0 = 6 * 60
    # 09:00 .. 10:30 (ends by 11:00) and 13:00 .. 17:30
    assert w == [((9 * 60 - shift0) * 60, (10 * 60 + 30 - shift0) * 60),
                 ((13 * 60 - shift0) * 60, (17 * 60 + 30 - shift0) * 60)]


def test_bad_ban_rows_are_all_reported_with_row_and_column(tmp_path):
    path = tmp_path / "bans.csv"
    path.write_text(
        "zone_id,city,lat,lon,radius_km,vehicle_classes,days,start,end,source\n"
        "A,Kolkata,22.57,88.36,9,truck,daily,06:00,22:00,x\n"
        "B,Kolkata,22.57,88.36,-1,lcv,daily,22:00,06:00,x\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_bans(path)
    where = {(p.row, p.column) for p in e.value.problems}
    assert where == {(1, "vehicle_classes"), (2, "radius_km"), (2, "end")}


def test_a_ban_must_name_known_classes():
    with pytest.raises(ValueError):
        TruckBan("X", "X", 22.0, 88.0, 5.0, frozenset({"bus"}), frozenset({0}), 60, 120)
