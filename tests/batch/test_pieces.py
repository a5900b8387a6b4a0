"""Merging the pieces' plans into the night's plan."""

from datetime import datetime, timedelta, timezone

from factories import make_problem, make_site

from magroute.batch.pieces import merge_plans
from magroute.domain.plan import Event, Plan, Route, Unserved

IST = timezone(timedelta(hours=5, minutes=30))


def route(route_id: str, vehicle_id: str) -> Route:
    t = datetime(2026, 11, 23, 6, tzinfo=IST)
    hub = Event("start", 28.45, 77.70, t, t, t, 0.0, 0, "SKD")
    end = Event("end", 28.45, 77.70, t, t, t, 0.0, 0, "SKD")
    return Route(route_id, vehicle_id, "lcv14", 3500.0, (hub, end))


def test_explanations_name_the_routes_as_merged():
    problem = make_problem([make_site("A", 28.6, 77.3), make_site("B", 28.7, 77.4)])
    first = Plan((route("R01", "lcv14-01"),), (), "feasible", 1.0)
    second = Plan((route("R01", "lcv14-02"),), (Unserved(
        "B", "value below the cost of the detour: expected ₹1,000 < ₹2,000 to serve it on "
             "route R01; served from a value of ₹2,000", 1000.0, binding="value",
        marginal_cost_inr=2000.0, break_even_value_inr=2000.0),), "feasible", 1.0)
    merged = merge_plans(problem, [first, second], runtime_s=2.0)
    assert [r.route_id for r in merged.routes] == ["R01", "R02"]
    (u,) = merged.unserved
    assert "on route R02;" in u.reason and "R01" not in u.reason
    assert (u.binding, u.break_even_value_inr) == ("value", 2000.0)
