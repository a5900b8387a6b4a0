"""Several trips per truck: unload at the hub and go out again, every rule on every trip.

Hand-made cases where the second trip is the only way to serve a site, and where a rule (the
hub's receiving hours, a ban around the hub's city) shapes it; the independent checker must
accept every plan and catch a plan that breaks a trip's rules.
"""

import dataclasses
from datetime import timedelta

from factories import HUB, SMALL, make_problem, make_site

from magroute.analysis import check_plan
from magroute.domain.bans import TruckBan
from magroute.domain.plan import Route
from magroute.domain.scenario import SolveSettings
from magroute.solver.model_data import compile_model
from magroute.solver.ortools_model import build_model, routes_to_assignment
from magroute.solver.schedule import tau_schedule
from magroute.solver.solve import solve
from magroute.travel import GreatCircleSource

SRC = GreatCircleSource()
SETTINGS = SolveSettings(time_limit_s=2.0, seed=1, workers=1)


def morning_and_afternoon(**kw):
    """Two yards near the hub, 600 kg each, one open 07:00-10:00 and one 14:00-17:00; a
    750 kg truck can carry one of them at a time."""
    sites = [make_site("AM", 28.50, 77.72, 60, hours="Mon-Sun 07:00-10:00"),
             make_site("PM", 28.42, 77.66, 60, hours="Mon-Sun 14:00-17:00")]
    return make_problem(sites, fleet=((SMALL, 1),), **kw)


def solved(problem, settings=SETTINGS):
    plan = solve(problem, SRC.matrices(problem.points()), settings)
    assert check_plan(problem, plan, SRC) == []
    return plan


def test_a_truck_unloads_at_noon_to_take_the_afternoon_pickups():
    one = solved(morning_and_afternoon(max_trips=1))
    assert len(one.served_site_ids) == 1

    plan = solved(morning_and_afternoon())
    (route,) = plan.routes
    assert route.site_ids == ("AM", "PM") and route.n_trips == 2
    first, last = route.unloads
    assert first.trip == 1 and last.trip == 2 and first.load_kg == 0.0
    am, pm = (e for e in route.events if e.kind == "pickup")
    assert am.departure <= first.arrival and first.departure <= pm.arrival
    assert 10 <= first.service_start.hour < 14
    assert [e.trip for e in route.events] == sorted(e.trip for e in route.events)


def test_the_or_tools_model_accepts_multi_trip_plans_and_searches_with_trips():
    problem = morning_and_afternoon()
    data = compile_model(problem, SRC.matrices(problem.points()), [0, 1])
    seq = [data.n_hubs, data.vehicles[0].end_node, data.n_hubs + 1]
    assert tau_schedule(data, data.vehicles[0], seq) is not None
    assert routes_to_assignment(build_model(data, reload_copies=[1]), [seq]) is not None
    # No copy for the unload: the one-trip model rejects the same plan.
    assert routes_to_assignment(build_model(data), [seq]) is None
    plan = solved(problem, dataclasses.replace(SETTINGS, strategy="ortools-gls"))
    assert plan.routes[0].n_trips == 2


def test_a_receiving_window_that_closes_before_the_second_unload():
    # The hub receives only until 13:00: the afternoon's load cannot be unloaded on Monday.
    one_day = solved(morning_and_afternoon(receiving="Mon-Sun 06:00-13:00"))
    assert one_day.served_site_ids == ("AM",)
    problem = morning_and_afternoon(receiving="Mon-Sun 06:00-13:00", days=2)
    data = compile_model(problem, SRC.matrices(problem.points()), [0, 1])
    v = data.vehicles[0]
    s = tau_schedule(data, v, [data.n_hubs, v.end_node, data.n_hubs + 1])
    assert s is not None and s.unload >= data.day_s  # the second unload waits for Tuesday
    # With two days the truck waits overnight with the load and unloads when the hub opens.
    plan = solved(problem)
    (route,) = plan.routes
    assert route.site_ids == ("AM", "PM") and route.n_trips == 2
    last = route.unloads[-1]
    assert last.service_start.date() == problem.horizon.start_date + timedelta(days=1)
    assert last.service_start.hour >= 6 and last.departure.hour < 13
    assert any(e.kind == "rest" and e.trip == 2 for e in route.events)


def test_a_ban_round_the_hubs_city_holds_on_every_trip():
    # Light trucks may not be within 25 km of the hub 10:00-14:00; both yards are inside and
    # open 09:00-15:00, so the truck takes one before the ban and one after it.
    ban = TruckBan("HUBCITY", "Sikandrabad", HUB[0], HUB[1], 25.0, frozenset({"lcv"}),
                   frozenset(range(7)), 10 * 60, 14 * 60)
    sites = [make_site("A", 28.50, 77.72, 60, hours="Mon-Sun 09:00-15:00"),
             make_site("B", 28.42, 77.66, 60, hours="Mon-Sun 09:00-15:00")]
    problem = make_problem(sites, fleet=((SMALL, 1),), bans=(ban,))
    plan = solved(problem)
    (route,) = plan.routes
    assert sorted(route.site_ids) == ["A", "B"] and route.n_trips == 2
    for e in route.events:
        if e.kind == "pickup":
            assert e.departure.hour * 60 + e.departure.minute <= 10 * 60 or e.arrival.hour >= 14


def _with_events(route: Route, events) -> Route:
    return dataclasses.replace(route, events=tuple(events))


def test_the_checker_catches_a_trip_that_breaks_the_rules():
    problem = morning_and_afternoon()
    plan = solved(problem)
    route = plan.routes[0]
    ev = list(route.events)
    mid = next(i for i, e in enumerate(ev) if e.kind == "unload")

    # Without the unload in the middle, both loads are on board at once (and trip 2's events
    # sit in trip 1).
    merged = [dataclasses.replace(e, trip=1) for k, e in enumerate(ev) if k != mid]
    rules = {v.rule for v in check_plan(problem, dataclasses.replace(
        plan, routes=(_with_events(route, merged),)), SRC)}
    assert {"capacity", "load"} <= rules

    # The first unload pushed into the hub's closed hours (it receives until 20:00 here).
    closed = problem.horizon.at(0, 21 * 60)
    late = list(ev)
    late[mid] = dataclasses.replace(ev[mid], arrival=closed, service_start=closed,
                                    departure=closed + timedelta(minutes=30))
    rules = {v.rule for v in check_plan(problem, dataclasses.replace(
        plan, routes=(_with_events(route, late),)), SRC)}
    assert "window" in rules

    # A truck limited to one trip may not make two.
    one_trip = dataclasses.replace(problem, vehicles=tuple(
        dataclasses.replace(v, max_trips=1) for v in problem.vehicles))
    assert "trip" in {v.rule for v in check_plan(one_trip, plan, SRC)}


def test_explain_names_the_trip_that_would_take_a_site():
    # A third yard worth far less than a trip of its own: left out for its value, and the
    # explanation says which trip of the route would take it (the truck is full on both).
    sites = [make_site("AM", 28.50, 77.72, 60, hours="Mon-Sun 07:00-10:00"),
             make_site("PM", 28.42, 77.66, 60, hours="Mon-Sun 14:00-17:00"),
             make_site("LOW", 28.90, 77.70, 1, weight=600.0, hours="Mon-Sun 07:00-19:00")]
    plan = solved(make_problem(sites, fleet=((SMALL, 1),)))
    assert plan.routes[0].n_trips == 2
    (u,) = plan.unserved
    assert u.site_id == "LOW" and u.binding == "value"
    assert "trip" in u.reason and "of route R01" in u.reason
    assert u.break_even_value_inr > u.expected_value_inr


def test_driver_files_and_the_ledger_show_every_trip():
    from magroute.export.manifest_html import manifest_html
    from magroute.export.pickups import pickup_rows
    from magroute.export.sheets import route_sheets
    from magroute.export.stop_text import stop_title

    problem = morning_and_afternoon()
    plan = solved(problem)
    (sheet,) = route_sheets(problem, plan)
    assert [(r["site_id"], r["trip"]) for r in pickup_rows(problem, (sheet,))] == \
        [("AM", "1"), ("PM", "2")]
    unloads = [s for s in sheet.stops if s.kind == "unload"]
    assert [stop_title(s) for s in unloads] == ["Hub: Test hub (unload 1 of 2)",
                                                "Hub: Test hub (unload 2 of 2)"]
    page = manifest_html(sheet)
    assert "trip 1 of 2" in page and "trip 2 of 2" in page
    # Each unload's weighbridge slip expects its own trip's 600 kg (the header: the route's).
    slips = [a.split("</article>")[0] for a in page.split('<article class="stop unload"')[1:]]
    assert len(slips) == 2 and all("Expected weight (kg)</th><td>600<" in a for a in slips)
    assert "(kg)</th><td>1,200<" in page
    assert "फेरा 2 / 2" in manifest_html(sheet, lang="hi")
