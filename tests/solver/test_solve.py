"""Solver behaviour on tiny, hand-checkable problems. Every plan also passes the checker."""

import dataclasses

import pytest
from factories import FAST, PARAMS_TRADED, SMALL, TRUCK, make_problem, make_site

from magroute.analysis import check_plan, compute_kpis
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource

SRC = GreatCircleSource()


def solved(problem, settings=FAST):
    plan = solve(problem, SRC.matrices(problem.points()), settings)
    assert check_plan(problem, plan, SRC) == []
    return plan


def reasons(plan):
    return {u.site_id: u.reason for u in plan.unserved}


def test_site_worth_less_than_its_detour_is_dropped_with_that_reason():
    # 1 unit = 1 kg magnet = 1,000 INR; a Meerut site with 1 unit is not worth a truck.
    p = make_problem([make_site("A", 28.60, 77.30, 200), make_site("CHEAP", 28.98, 77.70, 1)])
    plan = solved(p)
    assert plan.served_site_ids == ("A",)
    assert reasons(plan)["CHEAP"].startswith("value below the cost of the detour")


def test_site_heavier_than_every_truck_is_unserved_with_that_reason():
    p = make_problem([make_site("A", 28.6, 77.3, 100), make_site("HEAVY", 28.5, 77.5, 2000)])
    plan = solved(p)
    assert "heavier than the largest truck" in reasons(plan)["HEAVY"]
    assert "20,000 kg > 3,500 kg" in reasons(plan)["HEAVY"]


def test_must_collect_site_is_served_even_at_a_loss():
    p = make_problem([make_site("MUST", 28.98, 77.70, 1, must_collect=True)])
    plan = solved(p)
    assert plan.served_site_ids == ("MUST",)
    assert compute_kpis(p, plan).net_value_inr < 0


def test_two_must_collect_sites_one_truck_cannot_both_reach_gives_a_plan_with_a_reason():
    # Each is a day trip on its own (about 150 km north and south of the hub); together they are
    # not. The hybrid search finds no plan that serves both, so OR-Tools plans and explains.
    p = make_problem([make_site("NORTH", 29.80, 77.70, 50, must_collect=True),
                      make_site("SOUTH", 27.10, 77.70, 50, must_collect=True)],
                     fleet=((TRUCK, 1),))
    plan = solve(p, SRC.matrices(p.points()), FAST)
    # the checker flags exactly the must-collect site left out, and nothing else
    assert [v.rule for v in check_plan(p, plan, SRC)] == ["must-collect"]
    assert len(plan.served_site_ids) == 1
    assert plan.status.endswith("(OR-Tools fallback)")
    (u,) = plan.unserved
    assert u.reason.startswith("must-collect site that could not be served")


def test_closed_site_is_unserved_with_that_reason():
    p = make_problem([make_site("SUN", 28.6, 77.4, 50, hours="Sun 09:00-18:00")])
    plan = solved(p)
    assert reasons(plan)["SUN"].startswith("closed on every day of the plan")


def test_window_outside_the_shift_is_unserved_with_that_reason():
    p = make_problem([make_site("NIGHT", 28.6, 77.4, 50, hours="Mon-Sun 21:00-23:30")])
    assert reasons(solved(p))["NIGHT"].startswith("outside every shift")


def test_windows_respected():
    # Opens at 15:00 only: the truck must wait and serve inside the window.
    p = make_problem([make_site("LATE", 28.6, 77.4, 50, hours="Mon-Sun 15:00-16:00")])
    plan = solved(p)
    pickup = next(e for e in plan.routes[0].events if e.kind == "pickup")
    assert pickup.service_start.hour == 15 and pickup.departure.hour <= 16


def test_multi_day_tour_rests_every_night_and_stays_within_limits():
    p = make_problem(
        [make_site("MUM", 19.07, 72.88, 300), make_site("NEAR", 28.6, 77.4, 20)],
        days=6, fleet=((TRUCK, 1),),
    )
    plan = solved(p)
    route = plan.routes[0]
    assert "MUM" in route.site_ids
    rests = [e for e in route.events if e.kind == "rest"]
    nights = (route.end.date() - route.start.date()).days
    assert len(rests) >= nights >= 3
    for r in rests:
        assert (r.departure - r.service_start).total_seconds() >= p.horizon.rest_s


def test_too_far_for_the_tour_limit():
    p = make_problem([make_site("MUM", 19.07, 72.88, 300)], days=6, max_tour_days=2)
    assert reasons(solved(p))["MUM"].startswith("too far")


def test_capacity_splits_load_over_trucks():
    sites = [make_site(f"S{i}", 28.55 + 0.03 * i, 77.35, 60) for i in range(4)]  # 600 kg each
    p = make_problem(sites, fleet=((SMALL, 4),), max_trips=1)  # 750 kg: one site per truck
    plan = solved(p)
    assert len(plan.served_site_ids) == 4 and all(len(r.site_ids) == 1 for r in plan.routes)


def test_every_site_accounted_once_and_objective_matches_kpis():
    sites = [make_site(f"S{i}", 28.3 + 0.1 * i, 77.0 + 0.15 * i, 20 + 30 * i) for i in range(6)]
    p = make_problem(sites)
    plan = solved(p)
    ids = sorted(plan.served_site_ids + tuple(u.site_id for u in plan.unserved))
    assert ids == sorted(s.site_id for s in sites)
    k = compute_kpis(p, plan)
    dropped_value = sum(u.expected_value_inr for u in plan.unserved)
    assert plan.objective_inr == pytest.approx(k.cost_inr["total"] + dropped_value, rel=1e-3)


@pytest.mark.parametrize("limits", [
    {"iteration_limit": 400},  # the default hybrid engine, on two workers
    {"strategy": "ortools-gls", "solution_limit": 40},
])
def test_same_seed_and_iteration_limit_give_the_same_plan(limits):
    from magroute.domain.scenario import SolveSettings

    sites = [make_site(f"S{i}", 28.2 + 0.08 * i, 77.0 + 0.1 * (i % 5), 30 + 7 * i)
             for i in range(12)]
    p = make_problem(sites, days=2, fleet=((SMALL, 2), (TRUCK, 1)))
    runs = [
        solve(p, SRC.matrices(p.points()),
              SolveSettings(time_limit_s=30, seed=seed, workers=2, **limits))
        for seed in (7, 7, 8)
    ]
    strip = [dataclasses.replace(r, runtime_s=0.0) for r in runs]
    assert strip[0] == strip[1]
    assert all(check_plan(p, r, SRC) == [] for r in runs)


def test_a_search_that_overran_its_limit_says_how_long_it_needs(monkeypatch):
    from magroute.solver import solve as solve_module

    p = make_problem([make_site("A", 28.6, 77.3, 100), make_site("B", 28.5, 77.5, 50)])
    plan = solved(p, dataclasses.replace(FAST, time_limit_s=0.1))
    noted = [n for n in plan.notes if "of a 0.1 s limit" in n]
    assert bool(noted) == (plan.runtime_s > 0.1 * solve_module.OVERRUN_NOTED)
    # the note's own path, whatever this machine's speed: any run counts as an overrun here
    monkeypatch.setattr(solve_module, "OVERRUN_NOTED", 0.0)
    plan = solved(p)
    note = next(n for n in plan.notes if n.startswith("the search took"))
    assert "building the first plan for 2 sites" in note and "a limit of at least" in note


def test_a_site_that_costs_more_to_buy_than_it_is_worth_is_left_out_for_its_value():
    # Two sites at the same place holding 40 units each: GOOD's contribution is 40 x (1,000 +
    # 500 - 1,000) = 20,000 INR, DEAR's 40 x (1,000 + 500 - 1,600) = -4,000: no prize at all,
    # although its magnets alone (40,000 INR) would pay for the trip many times over.
    good = make_site("GOOD", 28.60, 77.30, 40, item="traded")
    dear = make_site("DEAR", 28.60, 77.30, 40, item="dear")
    p = make_problem([good, dear], params=PARAMS_TRADED)
    assert p.yields[1].value_inr.expected == 40_000 and p.yields[1].prize_inr == 0
    plan = solved(p)
    assert plan.served_site_ids == ("GOOD",)
    (u,) = plan.unserved
    assert (u.site_id, u.binding, u.expected_value_inr) == ("DEAR", "value", 0.0)
    assert u.reason.startswith("value below the cost of the detour: expected ₹0 ")
    assert u.break_even_value_inr is not None and u.break_even_value_inr > 0
    # unless it must be collected
    must = make_problem([good, dataclasses.replace(dear, must_collect=True)], params=PARAMS_TRADED)
    assert set(solved(must).served_site_ids) == {"GOOD", "DEAR"}
