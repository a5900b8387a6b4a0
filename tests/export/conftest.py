"""Small problems solved once for every export test (the solve is the slow part): a multi-day
plan, a plan of hostile text, and a truck that makes two trips."""

import pytest
from factories import HOSTILE_HTML, HOSTILE_NAME, TRUCK, make_problem, make_site, two_trips_problem

from magroute.analysis import check_plan, compute_kpis
from magroute.domain.scenario import SolveSettings
from magroute.export import write_plan
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource

ONE_SECOND = SolveSettings(time_limit_s=1.0, seed=1)


def _problem():
    sites = [
        make_site("MUM1", 19.07, 72.88, 300),  # ~1,400 km away: nights on the road
        make_site("MUM2", 19.04, 72.85, 200),
        make_site("JAI", 26.91, 75.79, 100, hours="Mon-Sat 10:00-13:00",
                  site_type="motor_rewinding"),
        make_site("NEAR", 28.6, 77.4, 1),  # worth less than the detour
        make_site("HEAVY", 28.5, 77.5, 400),  # 4,000 kg: fits no truck
    ]
    return make_problem(sites, days=6, fleet=((TRUCK, 2),))


@pytest.fixture(scope="session")
def solved():
    """(problem, plan, kpis) of the shared multi-day problem."""
    problem = _problem()
    plan = solve(problem, GreatCircleSource().matrices(problem.points()), ONE_SECOND)
    return problem, plan, compute_kpis(problem, plan)


@pytest.fixture(scope="session")
def two_trips():
    """(problem, plan, kpis) of `two_trips_problem`: one route, morning yards on trip 1, the
    afternoon yard on trip 2."""
    problem = two_trips_problem()
    source = GreatCircleSource()
    plan = solve(problem, source.matrices(problem.points()),
                 SolveSettings(time_limit_s=2.0, seed=1, workers=1))
    assert check_plan(problem, plan, source) == []
    (route,) = plan.routes
    assert route.n_trips == 2, [(e.kind, e.trip) for e in route.events]
    assert sorted(route.trip_site_ids(1)) == ["AM1", "AM2"] and route.trip_site_ids(2) == ("PM",)
    return problem, plan, compute_kpis(problem, plan)


@pytest.fixture(scope="session")
def two_trips_dir(two_trips, tmp_path_factory):
    """The two-trip plan written with write_plan; returns (dir, files)."""
    problem, plan, kpis = two_trips
    out = tmp_path_factory.mktemp("two-trips")
    return out, write_plan(problem, plan, kpis, out)


@pytest.fixture(scope="session")
def plan_dir(solved, tmp_path_factory):
    """The solved plan written with write_plan; returns (dir, files)."""
    problem, plan, kpis = solved
    out = tmp_path_factory.mktemp("plan")
    return out, write_plan(problem, plan, kpis, out)



@pytest.fixture(scope="session")
def hostile():
    """(problem, plan, kpis) of a small Delhi plan whose site names, contacts and vehicle ids
    hold formula, markup and path characters; every site is near the hub and served."""
    import dataclasses

    from factories import HUB, make_problem

    from magroute.domain import VehicleType

    sites = [
        dataclasses.replace(make_site("H1", 28.60, 77.30, 20), name=HOSTILE_NAME,
                            contact="+91-98100-00000", city="@Delhi", state="-Delhi"),
        dataclasses.replace(make_site("H2", 28.65, 77.20, 20), name=HOSTILE_HTML,
                            contact='=cmd|" /C calc"!A0', city="Delhi <b>", state="Delhi"),
        make_site("H3", 28.50, 77.60, 10),
    ]
    assert all(abs(s.lat - HUB[0]) < 1 for s in sites)
    evil = VehicleType("../x<y>:z", "14 ft <b>truck</b> & co", "lcv", 3500, 100.0, 5.0,
                       150.0, 0.34)
    problem = make_problem(sites, fleet=((evil, 1),))
    plan = solve(problem, GreatCircleSource().matrices(problem.points()), ONE_SECOND)
    assert set(plan.served_site_ids) == {"H1", "H2", "H3"}, plan.unserved
    return problem, plan, compute_kpis(problem, plan)
