"""Driver hours: breaks after 5 h of driving, at most 9 h a day, 9 h rest between shifts."""

import dataclasses
from collections import defaultdict

import numpy as np
import pytest
from factories import TRUCK, make_problem, make_site

from magroute.analysis import check_plan
from magroute.domain.driver import DriverRules
from magroute.domain.scenario import SolveSettings
from magroute.solver.model_data import effective_drive_s
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource

H = 3600
# 9 h a day, 30 min after 5 h, 9 h rest; the 14-hour test shift and a week's duty are not
# limited here (the spread-over and the weekly cap: test_duty.py)
RULES = DriverRules(max_spread_over_h=14, max_duty_h_per_week=7 * 24)
SETTINGS = SolveSettings(time_limit_s=3.0, seed=2, workers=1)


def test_a_fresh_driver_needs_breaks_and_overnight_stops_on_long_legs():
    day = 14 * H  # 06:00-20:00
    rules = (RULES.max_driving_s, RULES.break_after_s, RULES.break_s)
    got = effective_drive_s(np.array([0, 4 * H, 5 * H, 6 * H, 9 * H, 10 * H, 18 * H]), day, rules)
    assert list(got) == [0, 4 * H, 5 * H, 6.5 * H, 9.5 * H, 14 * H + 1 * H, 14 * H + 9.5 * H]
    assert effective_drive_s(np.array([7 * H]), day, None)[0] == 7 * H
    # The searches also charge short legs their share of a day's breaks: 1 h -> 1 h 6 min.
    assert effective_drive_s(np.array([H]), day, rules, pro_rata_breaks=True)[0] == H + 360


def far_problem(rules):
    sites = [make_site("MUM", 19.07, 72.88, 200), make_site("PUNE", 18.52, 73.86, 100)]
    return make_problem(sites, days=7, fleet=((TRUCK, 1),), bans=())


def driving_by_day(problem, route, src):
    """Driving per calendar day and the longest stretch without a 30-min pause, recomputed
    here from the events and the travel source (independently of the checker)."""
    ev = route.events
    stops = [i for i, e in enumerate(ev) if e.kind not in ("break", "rest")]
    per_day, longest, stretch = defaultdict(float), 0.0, 0.0
    for i, j in zip(stops, stops[1:], strict=False):
        a, b = ev[i], ev[j]
        dur = src.leg((a.lat, a.lon), (b.lat, b.lon))[1]
        total = sum(e.leg_m for e in ev[i + 1:j + 1])
        for k in range(i + 1, j + 1):
            d = dur * ev[k].leg_m / total if total else 0
            per_day[ev[k - 1].departure.date()] += d
            stretch += d
            longest = max(longest, stretch)
            if ev[k].kind in ("break", "rest") or \
                    (ev[k].service_start - ev[k].arrival).total_seconds() >= 1800:
                stretch = 0.0
    return per_day, longest


def test_a_multi_day_tour_keeps_every_rule_and_the_checker_agrees():
    problem = dataclasses.replace(far_problem(RULES), driver_rules=RULES)
    src = GreatCircleSource()
    plan = solve(problem, src.matrices(problem.points()), SETTINGS)
    assert len(plan.routes) == 1 and plan.status == "feasible"  # the hybrid's plan, repaired
    route = plan.routes[0]
    kinds = [e.kind for e in route.events]
    assert "break" in kinds and "rest" in kinds
    assert check_plan(problem, plan, src) == []
    per_day, longest = driving_by_day(problem, route, src)
    assert max(per_day.values()) <= 9 * H + 10
    assert longest <= 5 * H + 10
    for e in route.events:
        if e.kind == "break":
            assert (e.departure - e.service_start).total_seconds() >= 1800
        if e.kind == "rest":
            assert (e.departure - e.service_start).total_seconds() >= 9 * H


def test_the_same_tour_without_rules_breaks_them_and_the_checker_says_so():
    free = far_problem(None)
    src = GreatCircleSource()
    plan = solve(free, src.matrices(free.points()), SETTINGS)
    assert plan.routes and "break" not in [e.kind for r in plan.routes for e in r.events]
    ruled = dataclasses.replace(free, driver_rules=RULES)
    rules_broken = {v.rule for v in check_plan(ruled, plan, src)}
    assert {"driving-hours", "break"} <= rules_broken


def test_rules_make_the_long_trip_take_longer():
    src = GreatCircleSource()
    spans = []
    for rules in (None, RULES):
        p = dataclasses.replace(far_problem(None), driver_rules=rules)
        plan = solve(p, src.matrices(p.points()), SETTINGS)
        r = plan.routes[0]
        spans.append(r.end - r.start)
    assert spans[1] > spans[0]


def test_a_shift_that_leaves_less_than_the_minimum_rest_is_refused():
    with pytest.raises(ValueError, match="minimum rest"):
        dataclasses.replace(make_problem([make_site("A", 28.6, 77.3)], shift=(5 * 60, 21 * 60)),
                            driver_rules=RULES)
