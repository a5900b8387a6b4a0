"""The drivers' week and day: at most 48 h of duty a week and a working day spread over at
most 12 h (Motor Transport Workers Act s.13, s.16), in the search, the prefilter and the
checker."""

import dataclasses
from datetime import timedelta

import pytest
from factories import TRUCK, make_problem, make_site

from magroute.analysis import check_plan
from magroute.analysis.kpis import route_kpis
from magroute.domain.driver import DriverRules
from magroute.domain.scenario import SolveSettings
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource

SRC = GreatCircleSource()
SHIFT = (7 * 60, 19 * 60)  # a 12-hour working day
SETTINGS = SolveSettings(time_limit_s=3.0, seed=2, workers=1)


DEFAULT_RULES = DriverRules()  # 48 h a week, a 12-hour spread-over


def ruled(sites, rules=DEFAULT_RULES, **kw):
    return dataclasses.replace(make_problem(sites, shift=SHIFT, **kw), driver_rules=rules)


def kanpur_yards():
    # About 340 km from the hub: a round trip of a few days with the daily driving limit.
    return [make_site("KNP1", 26.45, 80.33, 200), make_site("KNP2", 26.47, 80.35, 150)]


def test_a_week_over_the_duty_cap_is_refused_and_the_same_tour_under_a_looser_cap_is_not():
    # About 28 h of the truck's duty reach Kanpur and back; a 20-hour week does not.
    loose = ruled(kanpur_yards(), DriverRules(max_duty_h_per_week=48), days=6)
    plan = solve(loose, SRC.matrices(loose.points()), SETTINGS)
    assert check_plan(loose, plan, SRC) == []
    assert set(plan.served_site_ids) == {"KNP1", "KNP2"}
    (duty,) = [route_kpis(loose, r).duty_hours for r in plan.routes]
    assert 20 < duty <= 48

    tight = ruled(kanpur_yards(), DriverRules(max_duty_h_per_week=20), days=6)
    refused = solve(tight, SRC.matrices(tight.points()), SETTINGS)
    assert refused.routes == () or all(not r.site_ids for r in refused.routes)
    why = {u.site_id: u for u in refused.unserved}
    assert why["KNP1"].binding == "driver_hours" and "20 h a driver may work in a week" in \
        why["KNP1"].reason
    # The checker, given the tight rule, refuses the loose plan's week.
    violations = check_plan(tight, plan, SRC)
    assert [v.rule for v in violations] == ["weekly-duty"]
    assert "> 20 h" in violations[0].message


def test_the_search_keeps_every_truck_within_the_weekly_cap_on_a_busy_week():
    # Many yards around Agra and Kanpur, one truck, six days: without the cap it would work
    # all six 12-hour days; with 48 h it must stop and leave the rest unserved.
    sites = [make_site(f"A{k}", 27.18 + 0.02 * k, 78.01, 60) for k in range(6)] + \
        [make_site(f"K{k}", 26.45 + 0.02 * k, 80.33, 60) for k in range(6)]
    free = ruled(sites, DriverRules(max_duty_h_per_week=7 * 24), days=6,
                 fleet=((TRUCK, 1),), max_trips=3)
    capped = ruled(sites, DEFAULT_RULES, days=6, fleet=((TRUCK, 1),), max_trips=3)
    for problem, limit in ((free, 6 * 12), (capped, 48)):
        plan = solve(problem, SRC.matrices(problem.points()), SETTINGS)
        assert check_plan(problem, plan, SRC) == []
        duties = [route_kpis(problem, r).duty_hours for r in plan.routes]
        assert duties and max(duties) <= limit + 1e-6
        if problem is free:
            assert max(duties) > 48  # the control: the cap is what binds below
        else:
            assert plan.unserved


def test_a_shift_longer_than_the_spread_over_is_refused_with_what_to_change():
    with pytest.raises(ValueError, match=r"shift is 14 h, longer than the drivers' 12 h "
                                         r"spread-over .* shorten \[shift\] to at most 12 h"):
        dataclasses.replace(make_problem([make_site("A", 28.6, 77.3)]),
                            driver_rules=DriverRules())
    # A crew whose rules allow 14 h (fleet [driver_hours] max_spread_over_h = 14) may.
    dataclasses.replace(make_problem([make_site("A", 28.6, 77.3)]),
                        driver_rules=DriverRules(max_spread_over_h=14))


def test_the_checker_measures_spread_over_per_day_from_the_events():
    problem = ruled([make_site("A", 28.60, 77.30, 100)], days=2)
    plan = solve(problem, SRC.matrices(problem.points()), SETTINGS)
    assert check_plan(problem, plan, SRC) == []
    # Planted: the truck comes back 13 h after it left, on the same day.
    (route,) = plan.routes
    *rest, last = route.events
    back = route.start + timedelta(hours=13)
    assert back.date() == route.start.date()
    early = (*rest, dataclasses.replace(last, arrival=back, service_start=back, departure=back))
    bad = dataclasses.replace(plan, routes=(dataclasses.replace(route, events=early),))
    spread = [v for v in check_plan(problem, bad, SRC) if v.rule == "spread-over"]
    assert len(spread) == 1 and "13.0 h > 12 h" in spread[0].message
