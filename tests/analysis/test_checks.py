"""The checker must catch planted violations, not only pass good plans."""

import dataclasses

import pytest
from factories import FAST, TRUCK, make_problem, make_site

from magroute.analysis import check_plan
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource

SRC = GreatCircleSource()


@pytest.fixture(scope="module")
def solved():
    p = make_problem(
        [make_site("MUM", 19.07, 72.88, 300), make_site("JAI", 26.91, 75.79, 20),
         make_site("NO", 28.6, 77.4, 0)],
        days=6, fleet=((TRUCK, 1),),
    )
    plan = solve(p, SRC.matrices(p.points()), FAST)
    assert check_plan(p, plan, SRC) == []
    return p, plan


def tamper(plan, seq_kind, **changes):
    route = plan.routes[0]
    events = list(route.events)
    i = next(i for i, e in enumerate(events) if e.kind == seq_kind)
    events[i] = dataclasses.replace(events[i], **changes)
    route = dataclasses.replace(route, events=tuple(events))
    return dataclasses.replace(plan, routes=(route, *plan.routes[1:]))


def rules(problem, plan):
    return {v.rule for v in check_plan(problem, plan, SRC)}


def test_missing_site_is_caught(solved):
    p, plan = solved
    bad = dataclasses.replace(plan, unserved=plan.unserved[1:])
    assert "accounted" in rules(p, bad)


def test_overload_is_caught(solved):
    p, plan = solved
    bad = tamper(plan, "pickup", load_kg=9999.0)
    assert "load" in rules(p, bad)


def test_service_outside_window_is_caught(solved):
    p, plan = solved
    e = next(e for e in plan.routes[0].events if e.kind == "pickup")
    shift = e.service_start.replace(hour=19, minute=0)
    bad = tamper(plan, "pickup", arrival=shift, service_start=shift, departure=shift)
    assert {"window", "service"} <= rules(p, bad)


def test_wrong_distance_is_caught(solved):
    p, plan = solved
    e = next(e for e in plan.routes[0].events if e.kind == "unload")
    bad = tamper(plan, "unload", leg_m=e.leg_m - 5000)
    assert "distance" in rules(p, bad)


def test_missing_rest_is_caught(solved):
    p, plan = solved
    route = plan.routes[0]
    events = tuple(e for e in route.events if e.kind != "rest")
    bad = dataclasses.replace(plan, routes=(dataclasses.replace(route, events=events),))
    assert "rest" in rules(p, bad)


def test_summary_mismatch_is_caught(solved):
    p, plan = solved
    out = check_plan(p, plan, SRC, reported={"cost_inr": {"total": 1.0}, "distance_km": 0})
    assert any(v.rule == "summary" for v in out)


def test_an_unserved_must_collect_site_is_a_violation_unless_proven_impossible():
    from magroute.domain.plan import Plan, Unserved

    sites = [
        make_site("HEAVY", 28.5, 77.5, 10, weight=99_000.0, must_collect=True),  # > any truck
        make_site("SUNDAY", 28.5, 77.6, 10, hours="Sun 09:00-18:00", must_collect=True),
        make_site("FAR", 8.1, 77.5, 10, must_collect=True),  # Kanyakumari in a one-day plan
        make_site("NEAR", 28.6, 77.4, 10, must_collect=True),  # easily served
    ]
    problem = make_problem(sites)  # one day, a Monday
    plan = Plan((), tuple(Unserved(s.site_id, "left out", 1.0) for s in sites), "test", 0.0)
    found = {v.site_id for v in check_plan(problem, plan, GreatCircleSource())
             if v.rule == "must-collect"}
    assert found == {"NEAR"}
