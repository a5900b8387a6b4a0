"""Consolidation hubs: regional trucks unload at their yard, line-haul takes it to the plant."""

import dataclasses
import math

import pytest
from factories import PARAMS, TRUCK, make_problem, make_site

from magroute.analysis import check_plan, compute_kpis
from magroute.domain import Vehicle
from magroute.domain.hours import WeeklyHours
from magroute.domain.hub import Hub
from magroute.domain.linehaul import LineHaul
from magroute.domain.scenario import SolveSettings
from magroute.solver.linehaul import next_departure
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource
from magroute.yields import site_yield

BOM = Hub("BOM", "Bhiwandi yard", 19.2813, 73.0483, "421302",
          WeeklyHours.parse("Mon-Sat", "08:00", "20:00"), 30)
SAT = LineHaul("BOM", frozenset({5}), 18 * 60, payload_kg=1500.0, cost_inr_per_trip=40_000.0)
SETTINGS = SolveSettings(time_limit_s=3.0, seed=1, workers=1)


def mumbai_problem(line_hauls=(SAT,)):
    sites = [make_site("M1", 19.07, 72.88, 100), make_site("M2", 19.20, 72.97, 80),
             make_site("P1", 18.52, 73.86, 60)]
    base = make_problem(sites, days=6, fleet=((TRUCK, 1),))
    vehicles = base.vehicles + (Vehicle("bom-lcv14-01", TRUCK, "BOM"),)
    return dataclasses.replace(base, hubs=base.hubs + (BOM,), vehicles=vehicles,
                               line_hauls=line_hauls,
                               yields=tuple(site_yield(s, PARAMS) for s in sites))


def test_the_regional_truck_unloads_at_its_yard_and_the_line_haul_takes_it_on():
    problem = mumbai_problem()
    src = GreatCircleSource()
    plan = solve(problem, src.matrices(problem.points()), SETTINGS)
    assert check_plan(problem, plan, src) == []
    regional = [r for r in plan.routes if r.vehicle_id.startswith("bom")]
    assert regional and all(r.events[-2].site_id == "BOM" for r in regional)
    assert set(plan.served_site_ids) == {"M1", "M2", "P1"}
    (ship,) = plan.line_haul
    kg = sum(1000 if s == "M1" else 800 if s == "M2" else 600
             for r in regional for s in r.site_ids)
    assert ship.load_kg == kg and ship.trips == math.ceil(kg / 1500)
    assert ship.departure.weekday() == 5 and ship.departure.hour == 18
    assert ship.cost_inr == ship.trips * 40_000
    k = compute_kpis(problem, plan)
    assert k.cost_inr["line_haul"] == ship.cost_inr and k.line_haul_trips == ship.trips
    assert k.cost_inr["total"] == pytest.approx(
        k.cost_inr["fixed"] + k.cost_inr["distance"] + k.cost_inr["driver"] + ship.cost_inr
        + k.cost_inr["idle"])


def test_without_consolidation_every_truck_unloads_at_the_plant():
    problem = mumbai_problem(line_hauls=())
    src = GreatCircleSource()
    plan = solve(problem, src.matrices(problem.points()), SETTINGS)
    assert check_plan(problem, plan, src) == []
    assert all(r.events[-2].site_id == "SKD" for r in plan.routes)
    assert plan.line_haul == ()


def test_the_checker_catches_a_short_or_missing_shipment():
    problem = mumbai_problem()
    src = GreatCircleSource()
    plan = solve(problem, src.matrices(problem.points()), SETTINGS)
    (ship,) = plan.line_haul
    short = dataclasses.replace(plan, line_haul=(dataclasses.replace(ship, trips=ship.trips - 1),))
    assert {v.rule for v in check_plan(problem, short, src)} == {"line-haul"}
    missing = dataclasses.replace(plan, line_haul=())
    assert "never shipped" in str(check_plan(problem, missing, src)[0])


def test_next_departure_is_the_first_scheduled_one_after_the_last_unload():
    from datetime import datetime

    from magroute.domain.horizon import IST

    fri = datetime(2026, 11, 27, 10, 0, tzinfo=IST)
    assert next_departure(SAT, fri) == datetime(2026, 11, 28, 18, 0, tzinfo=IST)
    late_sat = datetime(2026, 11, 28, 19, 0, tzinfo=IST)
    assert next_departure(SAT, late_sat) == datetime(2026, 12, 5, 18, 0, tzinfo=IST)


def test_pro_rata_charges_the_share_of_full_trucks():
    problem = mumbai_problem(line_hauls=(dataclasses.replace(SAT, charge="pro_rata"),))
    src = GreatCircleSource()
    plan = solve(problem, src.matrices(problem.points()), SETTINGS)
    (ship,) = plan.line_haul
    assert ship.cost_inr == pytest.approx(ship.load_kg * 40_000 / 1500, abs=0.01)
    assert check_plan(problem, plan, src) == []
