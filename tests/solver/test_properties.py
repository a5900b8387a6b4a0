"""Property tests: any small random problem gives a plan the independent checker accepts, with
every site accounted for exactly once."""

from factories import SMALL, TRUCK, make_problem, make_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from magroute.analysis import check_plan
from magroute.domain.scenario import SolveSettings
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource

SRC = GreatCircleSource()
HOURS = ["Mon-Sun 09:00-18:00", "Mon-Sat 10:00-19:00", "Tue-Sun 07:00-12:00",
         "Mon,Wed,Fri 14:00-17:00", "Sun 09:00-13:00", "Mon-Sun 16:00-23:00"]

site_st = st.tuples(
    st.floats(26.5, 30.5), st.floats(75.0, 80.0), st.integers(0, 400), st.sampled_from(HOURS)
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sites=st.lists(site_st, min_size=1, max_size=8),
    days=st.integers(1, 3),
    n_small=st.integers(0, 2),
    n_truck=st.integers(0, 2),
)
def test_random_problems_pass_the_checker(sites, days, n_small, n_truck):
    problem = make_problem(
        [make_site(f"S{i}", lat, lon, u, hours=h) for i, (lat, lon, u, h) in enumerate(sites)],
        days=days,
        fleet=((SMALL, n_small), (TRUCK, n_truck)),
    )
    plan = solve(problem, SRC.matrices(problem.points()), SolveSettings(time_limit_s=0.3))
    assert check_plan(problem, plan, SRC) == []
    accounted = sorted(plan.served_site_ids + tuple(u.site_id for u in plan.unserved))
    assert accounted == sorted(s.site_id for s in problem.sites)
