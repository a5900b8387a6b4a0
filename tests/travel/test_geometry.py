"""Plans on the road graph: rests on the road, road lines per leg, legs that add up."""

import numpy as np
import pytest
from factories import TRUCK, make_problem, make_site

from magroute.analysis import check_plan
from magroute.domain.scenario import SolveSettings, TravelSettings
from magroute.geo import haversine_km
from magroute.solver.solve import solve
from magroute.travel import RoadGraphSource
from magroute.travel.geometry import cut_line, on_roads


def test_cut_line_splits_at_shares_of_its_length():
    line = [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (4.0, 0.0)]
    pieces, cuts = cut_line(line, [0.25, 0.75])
    assert cuts == [(0.0, 1.0), (0.0, 3.0)]
    assert pieces[0] == [(0.0, 0.0), (1.0, 0.0)]
    assert pieces[1] == [(1.0, 0.0), (2.0, 0.0), (3.0, 0.0)]
    assert pieces[2] == [(3.0, 0.0), (4.0, 0.0)]


@pytest.fixture(scope="module")
def road_plan():
    sites = [make_site("MUM1", 19.07, 72.88, 300), make_site("PUNE", 18.52, 73.86, 200),
             make_site("JAI", 26.91, 75.79, 100)]
    problem = make_problem(sites, days=6, fleet=((TRUCK, 2),))
    road = RoadGraphSource(TravelSettings(source="road_graph"))
    plan = solve(problem, road.matrices(problem.points()),
                 SolveSettings(time_limit_s=2.0, seed=1, workers=1))
    return problem, road, plan


def test_a_multi_day_road_plan_passes_the_checker_with_rests_on_the_road(road_plan):
    problem, road, plan = road_plan
    assert plan.routes and any(e.kind == "rest" for r in plan.routes for e in r.events)
    moved, lines = on_roads(plan, lambda a, b: road.route(a, b).line)
    assert check_plan(problem, moved, road) == []
    for route in moved.routes:
        ev = route.events
        stops = [e for e in ev if e.kind not in ("break", "rest")]
        # Route km = the sum of its road legs, stop to stop, as the road source measures them.
        legs = sum(road.leg((a.lat, a.lon), (b.lat, b.lon))[0]
                   for a, b in zip(stops, stops[1:], strict=False))
        assert route.distance_m == legs
        for a, b in zip(ev, ev[1:], strict=False):
            if (a.lat, a.lon) == (b.lat, b.lon):
                continue
            line = np.asarray(lines[((a.lat, a.lon), (b.lat, b.lon))])
            assert tuple(line[0]) == pytest.approx((a.lon, a.lat), abs=1e-5)
            assert tuple(line[-1]) == pytest.approx((b.lon, b.lat), abs=1e-5)
            drawn = haversine_km(line[:-1, 1], line[:-1, 0], line[1:, 1], line[1:, 0]).sum()
            assert drawn * 1000 == pytest.approx(b.leg_m, rel=0.05, abs=500)
