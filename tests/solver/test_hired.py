"""Hired local vehicles, part-load line-haul and idle trucks: a far region served by a hired
truck and a part-load carrier costs less than sending the hub's own trucks, and every owned
truck's day without work shows in the KPIs."""

import dataclasses

import pytest
from factories import PARAMS, TRUCK, make_problem, make_site

from magroute.analysis import check_plan, compute_kpis
from magroute.analysis.timing import working_seconds
from magroute.domain import Hub, Vehicle, VehicleType, WeeklyHours
from magroute.domain.fleet import IdleCost
from magroute.domain.linehaul import LineHaul
from magroute.domain.scenario import SolveSettings
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource
from magroute.yields import site_yield

SRC = GreatCircleSource()
SETTINGS = SolveSettings(time_limit_s=4.0, seed=1, workers=1)
# A local 14 ft truck hired by the day in Chennai: base INR 1,450 and INR 45 a km with its
# driver (docs/research/economics.md, section D), day trips only.
HIRED = VehicleType("hire14", "hired 14 ft truck", "lcv", 3500, 1450.0, 45.0, 0.0, 0.34,
                    hired=True, max_tour_days=1)
MAA = Hub("MAA", "Oragadam consolidation yard", 12.8185, 79.9560, "602105",
          WeeklyHours.parse("Mon-Sun", "06:00", "20:00"), 45)
# From Oragadam to the plant: a 15 t truck for INR 1,22,600, or part-load at INR 13 a kg with
# a minimum of INR 1,500 (docs/research/economics.md, section D).
LINE_HAUL = LineHaul("MAA", frozenset(range(7)), 18 * 60, 15000, 122600.0,
                     ptl_inr_per_kg=13.0, ptl_min_inr=1500.0)


def chennai_yards():
    return [make_site(f"CH{k}", 13.00 + 0.03 * k, 80.20 - 0.02 * k, 100) for k in range(4)]


def own_trucks_only():
    return make_problem(chennai_yards(), days=12, max_tour_days=12, fleet=((TRUCK, 2),))


def with_hired_region():
    p = own_trucks_only()
    hired = tuple(Vehicle(f"hire14-{k}", HIRED, "MAA") for k in (1, 2))
    return dataclasses.replace(p, hubs=(*p.hubs, MAA), vehicles=(*p.vehicles, *hired),
                               line_hauls=(LINE_HAUL,))


def test_a_far_region_plans_cheaper_with_a_hired_truck_and_part_load_than_with_own_trucks():
    own = own_trucks_only()
    own_plan = solve(own, SRC.matrices(own.points()), SETTINGS)
    assert check_plan(own, own_plan, SRC) == []
    assert len(own_plan.served_site_ids) >= 3  # a 2,200 km run from the hub

    hired = with_hired_region()
    plan = solve(hired, SRC.matrices(hired.points()), SETTINGS)
    assert check_plan(hired, plan, SRC) == []
    assert set(plan.served_site_ids) == {f"CH{k}" for k in range(4)}
    assert {r.vehicle_type for r in plan.routes} == {"hire14"}  # the own trucks stay home
    (shipment,) = plan.line_haul
    assert shipment.mode == "ptl" and shipment.trips == 0
    assert shipment.cost_inr == pytest.approx(13.0 * 4000)  # 4 yards x 1,000 kg

    k_own, k_hired = compute_kpis(own, own_plan), compute_kpis(hired, plan)
    assert k_hired.cost_inr["hired"] > 0 and k_hired.cost_inr["line_haul"] == shipment.cost_inr
    assert k_own.cost_inr["hired"] == 0
    moving = ("fixed", "distance", "driver", "hired", "line_haul")
    # per kg collected: the own trucks' plan may leave a yard out
    cost_own = sum(k_own.cost_inr[c] for c in moving) / k_own.scrap_kg
    cost_hired = sum(k_hired.cost_inr[c] for c in moving) / k_hired.scrap_kg
    assert cost_hired < 0.7 * cost_own, (cost_hired, cost_own)
    # Every owned truck idles all 12 days in the hired plan; hired vehicles never idle-cost.
    per_day = TRUCK.fixed_cost_inr_per_day + TRUCK.driver_cost_inr_per_hour * 10
    assert k_hired.cost_inr["idle"] == pytest.approx(2 * 12 * per_day)
    assert k_hired.margin_inr["expected"] > k_own.margin_inr["expected"]


def test_a_hired_vehicle_keeps_to_its_day_trips():
    hired = with_hired_region()
    far = make_site("VEL", 12.92, 79.13, 100)  # Vellore, 90 km from Oragadam
    p = dataclasses.replace(hired, sites=(*hired.sites, far),
                            yields=(*hired.yields, site_yield(far, PARAMS)))
    plan = solve(p, SRC.matrices(p.points()), SETTINGS)
    assert check_plan(p, plan, SRC) == []
    # Each trip of a hired truck takes at most one shift of working time (the checker agrees).
    h = p.horizon
    hired_trips = 0
    for r in plan.routes:
        if r.vehicle_type != "hire14":
            continue
        left = r.start
        for u in r.unloads:
            assert working_seconds(h, left, u.departure) <= h.shift_s + 1, r.route_id
            left, hired_trips = u.departure, hired_trips + 1
    assert hired_trips >= 1
    # Without the type's own limit the plan stays legal: the limit only narrows the scenario's.
    short = dataclasses.replace(HIRED, max_tour_days=None)
    assert check_plan(dataclasses.replace(p, vehicles=tuple(
        dataclasses.replace(v, vtype=short) if v.vtype.hired else v for v in p.vehicles)),
        plan, SRC) == []


def test_idle_trucks_cost_their_fixed_day_and_the_drivers_day_unless_switched_off():
    p = make_problem([make_site("A", 28.60, 77.30, 100)], days=3, fleet=((TRUCK, 2),))
    plan = solve(p, SRC.matrices(p.points()), SETTINGS)
    k = compute_kpis(p, plan)
    busy = sum(r.busy_days for r in k.route_kpis)
    per_day = TRUCK.fixed_cost_inr_per_day + TRUCK.driver_cost_inr_per_hour * 10
    assert busy == 1 and k.truck_days_idle == 5
    assert k.cost_inr["idle"] == pytest.approx(5 * per_day)
    assert k.cost_inr["total"] == pytest.approx(sum(v for c, v in k.cost_inr.items()
                                                    if c != "total"))
    off = dataclasses.replace(p, idle_cost=IdleCost(charge=False))
    assert compute_kpis(off, plan).cost_inr["idle"] == 0


def test_line_haul_takes_the_cheaper_of_full_trucks_and_part_load():
    assert LINE_HAUL.mode(4000, 1) == "ptl" and LINE_HAUL.cost_inr(4000, 1) == 52000
    assert LINE_HAUL.mode(14000, 1) == "ftl" and LINE_HAUL.cost_inr(14000, 1) == 122600
    assert LINE_HAUL.cost_inr(50, 1) == 1500  # the part-load minimum
    # The search charges a kg the cheaper rate: here a full truck's share, 8.17 a kg
    assert LINE_HAUL.cost_inr_per_kg == pytest.approx(122600 / 15000)
    full_only = dataclasses.replace(LINE_HAUL, ptl_inr_per_kg=None)
    assert full_only.mode(4000, 1) == "ftl" and full_only.cost_inr_per_kg == pytest.approx(
        122600 / 15000)
