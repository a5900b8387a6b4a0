"""Explanations found by trying: binding rule, marginal cost, break-even value, drop savings."""

import dataclasses

import pytest
from factories import FAST, TRUCK, make_problem, make_site

from magroute.analysis import check_plan, compute_kpis
from magroute.domain.yields import Range
from magroute.solver.explain import explain_plan
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource

SRC = GreatCircleSource()


def planted(value_inr: float | None = None):
    """Two yards near Delhi worth a route, and a small yard off towards Meerut: "P"."""
    p = make_problem([make_site("A", 28.60, 77.30, 100), make_site("B", 28.55, 77.25, 150),
                      make_site("P", 28.90, 77.62, 1)])
    if value_inr is None:
        return p
    yields = tuple(dataclasses.replace(y, value_inr=Range.point(value_inr))
                   if y.site_id == "P" else y for y in p.yields)
    return dataclasses.replace(p, yields=yields)


def solved(problem):
    matrices = SRC.matrices(problem.points())
    plan = solve(problem, matrices, FAST)
    assert check_plan(problem, plan, SRC) == []
    return plan, {e.site_id: e for e in explain_plan(problem, matrices, plan)}


def test_break_even_value_is_where_the_replan_flips():
    plan, why = solved(planted())
    p = why["P"]
    assert not p.served and p.binding == "value"
    assert p.break_even_value_inr == p.marginal_cost_inr > p.value_inr
    (u,) = plan.unserved  # what unserved.csv carries is the same explanation
    assert (u.binding, u.marginal_cost_inr, u.break_even_value_inr) == \
        ("value", p.marginal_cost_inr, p.break_even_value_inr)

    above, _ = solved(planted(p.break_even_value_inr * 1.01))
    assert "P" in above.served_site_ids
    below, why_below = solved(planted(p.break_even_value_inr * 0.90))
    assert "P" not in below.served_site_ids
    assert why_below["P"].break_even_value_inr == pytest.approx(p.break_even_value_inr)


def test_dropping_a_served_site_saves_what_its_route_costs_less():
    plan, why = solved(planted())
    assert why["A"].served and why["A"].route_id == plan.routes[0].route_id
    assert 0 < why["A"].drop_saving_inr < why["A"].value_inr
    assert why["A"].break_even_value_inr == why["A"].drop_saving_inr


def test_a_lone_site_saves_its_whole_route_when_dropped():
    p = make_problem([make_site("FAR", 28.98, 77.70, 100)])
    plan, why = solved(p)
    route = compute_kpis(p, plan).route_kpis[0]
    # the solver's cost and the KPIs' cost of the same tour agree to the rupee's rounding
    assert why["FAR"].drop_saving_inr == pytest.approx(route.cost_inr, rel=0.01)


def test_a_full_truck_binds_by_capacity_and_must_collect_is_never_displaced():
    p = make_problem([make_site("A", 28.60, 77.30, 200, must_collect=True),
                      make_site("B", 28.62, 77.32, 200)],
                     fleet=((TRUCK, 1),), max_trips=1)  # 2,000 kg each, 3,500 kg truck
    plan, why = solved(p)
    (left,) = [e for e in why.values() if not e.served]
    assert left.site_id == "B" and left.binding == "capacity"
    assert left.marginal_cost_inr is None and left.break_even_value_inr is None
    (u,) = plan.unserved
    assert u.binding == "capacity" and u.break_even_value_inr is None


def test_a_site_too_heavy_for_any_truck_binds_by_capacity_before_the_search():
    p = make_problem([make_site("A", 28.6, 77.3, 100), make_site("HEAVY", 28.5, 77.5, 2000)])
    _, why = solved(p)
    assert why["HEAVY"].binding == "capacity"
    assert "heavier than the largest truck" in why["HEAVY"].reason


def test_a_site_closed_all_plan_binds_by_hours():
    p = make_problem([make_site("A", 28.6, 77.3, 100),
                      make_site("SUN", 28.5, 77.5, 100, hours="Sun 09:00-18:00")])
    _, why = solved(p)
    assert why["SUN"].binding == "hours" and why["SUN"].break_even_value_inr is None


def test_every_site_is_explained_exactly_once():
    p = planted()
    _, why = solved(p)
    assert sorted(why) == sorted(s.site_id for s in p.sites)


def test_a_ban_that_keeps_the_idle_heavy_truck_out_binds_by_ban():
    from pathlib import Path

    from magroute.domain import VehicleType
    from magroute.inputs.bans import read_bans

    bans = read_bans(Path(__file__).resolve().parents[2] / "data" / "truck_bans.csv")
    heavy = VehicleType("hcv32", "32 ft container", "hcv", 15000, 1000.0, 12.0, 150.0, 0.77)
    # Both open only 12:00-16:00, inside Kolkata's MGV/HGV ban; 3,000 kg each: the one light
    # truck carries one of them, the idle heavy truck may not enter.
    sites = [make_site(s, 22.57, 88.36 + d, 300, hours="Mon-Sun 12:00-16:00")
             for s, d in (("KOL1", 0.0), ("KOL2", 0.01))]
    p = make_problem(sites, days=7, fleet=((TRUCK, 1), (heavy, 1)), bans=bans)
    plan, why = solved(p)
    (left,) = [e for e in why.values() if not e.served]
    assert left.binding == "ban" and "Kolkata" in left.reason
    assert "capacity" in left.reason  # lifting that alone would also let it in
    assert plan.unserved[0].binding == "ban"


def two_full_yards(value_b: float | None = None):
    """One truck of 3,500 kg and two yards of 2,000 kg: A (worth more) is served, B is not."""
    p = make_problem([make_site("A", 28.60, 77.30, 200), make_site("B", 28.62, 77.32, 150,
                                                                    weight=2000.0)],
                     fleet=((TRUCK, 1),), max_trips=1)
    if value_b is None:
        return p
    yields = tuple(dataclasses.replace(y, value_inr=Range.point(value_b))
                   if y.site_id == "B" else y for y in p.yields)
    return dataclasses.replace(p, yields=yields)


def test_a_site_with_no_room_is_priced_by_what_it_would_displace():
    plan, why = solved(two_full_yards())
    assert plan.served_site_ids == ("A",)
    b = why["B"]
    assert b.binding == "capacity" and "in place of A" in b.reason
    # A's value plus what the route costs more (or less) with B instead: about A's value
    assert b.break_even_value_inr == b.marginal_cost_inr > b.value_inr
    assert b.break_even_value_inr == pytest.approx(why["A"].value_inr, abs=1_000)
    above, _ = solved(two_full_yards(b.break_even_value_inr * 1.01))
    assert above.served_site_ids == ("B",)
    below, _ = solved(two_full_yards(b.break_even_value_inr * 0.90))
    assert below.served_site_ids == ("A",)


def test_a_day_trip_only_drivers_hours_forbid_binds_by_driver_hours():
    from magroute.domain.driver import DriverRules

    # ~180 km north: about 12 h of driving out and back fits the 14-hour shift, not 9 h a day.
    far = make_site("NORTH", 30.07, 77.70, 100)
    free = make_problem([make_site("A", 28.60, 77.30, 100), far])
    ruled = dataclasses.replace(free, driver_rules=DriverRules(max_spread_over_h=14))
    _, why = solved(ruled)
    assert why["NORTH"].binding == "driver_hours" and "drivers' hours" in why["NORTH"].reason
    assert why["NORTH"].break_even_value_inr is None
    _, control = solved(free)  # the same site without the rules is a matter of value alone
    assert control["NORTH"].binding in ("", "value", "search")


def test_kpis_count_unserved_sites_by_binding_rule():
    p = make_problem([make_site("A", 28.6, 77.3, 100), make_site("NEAR", 28.9, 77.62, 1),
                      make_site("HEAVY", 28.5, 77.5, 2000),
                      make_site("SUN", 28.5, 77.5, 100, hours="Sun 09:00-18:00")])
    plan, why = solved(p)
    counts = compute_kpis(p, plan).unserved_by_binding
    assert sum(counts.values()) == len(plan.unserved) == 3
    assert (counts["value"], counts["capacity"], counts["hours"]) == (1, 1, 1)
    assert counts["unexplained"] == 0 and set(counts) >= {"search", "ban", "driver_hours"}
