"""The nightly queue: reading it, offering ready requests as sites, outcomes, the next queue."""

from datetime import UTC, date

import pytest
from factories import PARAMS, make_site

from magroute.batch.queue import DEFERRED, HELD, SERVED, next_queue, offer_requests, outcomes
from magroute.domain.plan import Plan, Route, Unserved
from magroute.domain.request import PickupRequest
from magroute.errors import InputError
from magroute.inputs.requests import read_requests

D = date(2026, 11, 23)


def test_ready_requests_become_one_site_each_and_due_ones_must_be_collected():
    register = {s.site_id: s for s in (make_site("A", 28.6, 77.3, 10), make_site("B", 28.7, 77.2, 5),
                                       make_site("C", 28.5, 77.5, 7))}
    reqs = [
        PickupRequest("r1", "A", D, items=(("unit", 3),)),
        PickupRequest("r2", "A", D, items=(("unit", 4),), gross_kg=55.0),
        PickupRequest("r3", "B", D, latest_date=D),  # tonight is its last chance
        PickupRequest("r4", "C", date(2026, 11, 30)),  # not ready before the plan ends
    ]
    offer = offer_requests(reqs, register, PARAMS, D, date(2026, 11, 25))
    sites = {s.site_id: s for s in offer.sites}
    assert set(sites) == {"A", "B"}
    assert sites["A"].inventory == (("unit", 7),) and sites["A"].gross_weight_kg == 30.0 + 55.0
    assert not sites["A"].must_collect and sites["A"].hours.days == {0, 1, 2}  # Mon-Wed
    assert sites["B"].hours == register["B"].hours  # must-collect: any day
    assert sites["B"].inventory == register["B"].inventory and sites["B"].must_collect
    assert dict(offer.requests_of) == {"A": ("r1", "r2"), "B": ("r3",)}
    [(held, why)] = offer.held
    assert held.request_id == "r4" and "not ready until 2026-11-30" in why

    plan = Plan((Route("R01", "v1", "t", 100.0, ()),),
                (Unserved("B", "value below the cost of the detour", 5.0),), "ok", 1.0)
    results = outcomes(offer, reqs, _with_sites(plan, {"R01": ("A",)}))
    assert [o.status for o in results] == [SERVED, SERVED, DEFERRED, HELD]
    assert results[2].reason == "value below the cost of the detour"
    queue = next_queue(results)
    assert [r.request_id for r in queue] == ["r3", "r4"]
    assert queue[0].deferrals == 1 and queue[0].last_reason.startswith("value below")
    assert queue[1].deferrals == 0


def test_a_request_is_collected_only_within_its_dates():
    site = make_site("A", 28.6, 77.3, 10, hours="Mon-Sat 09:00-18:00")
    ready_wed = PickupRequest("r1", "A", date(2026, 11, 25), latest_date=date(2026, 11, 27))
    offer = offer_requests([ready_wed], {"A": site}, PARAMS, D, date(2026, 11, 28))
    assert offer.sites[0].hours.days == {2, 3, 4}  # Wed-Fri of the plan Mon 23 - Sat 28
    sunday_only = make_site("S", 28.6, 77.3, 10, hours="Sun 09:00-18:00")
    due_tue = PickupRequest("r2", "S", D, latest_date=date(2026, 11, 24))
    offer = offer_requests([due_tue], {"S": sunday_only}, PARAMS, D, date(2026, 11, 28))
    assert offer.sites == () and "opens on none of the days" in offer.held[0][1]


def _with_sites(plan, sites_of):
    from datetime import datetime

    from magroute.domain.plan import Event

    t = datetime(2026, 11, 23, 9, tzinfo=UTC)
    routes = tuple(Route(r.route_id, r.vehicle_id, r.vehicle_type, r.capacity_kg, tuple(
        Event("pickup", 28.6, 77.3, t, t, t, 1.0, 0, site_id=s) for s in sites_of[r.route_id]))
        for r in plan.routes)
    return Plan(routes, plan.unserved, plan.status, plan.runtime_s)


def test_bad_queue_rows_are_all_reported(tmp_path):
    path = tmp_path / "requests.csv"
    path.write_text(
        "request_id,site_id,date_ready,latest_date,qty_unit,qty_magic,must_collect\n"
        "r1,A,2026-11-23,,3,,no\n"
        "r1,ZZ,2026-13-01,,x,,maybe\n"
        "r3,A,2026-11-23,2026-11-20,,,\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_requests(path, {"A"}, {"unit"})
    text = str(err.value)
    for needle in ("column 'qty_magic': header names unknown item 'magic'",
                   "row 2, column 'request_id': duplicate request_id, also on row 1",
                   "row 2, column 'site_id': site not in the site register",
                   "row 2, column 'date_ready': not a date",
                   "row 2, column 'qty_unit': not a whole number",
                   "row 2, column 'must_collect'",
                   "row 3, column 'latest_date': before date_ready 2026-11-23"):
        assert needle in text, needle


def test_a_good_queue_reads(tmp_path):
    path = tmp_path / "requests.csv"
    path.write_text("request_id,site_id,date_ready,qty_unit,gross_weight_kg,deferrals\n"
                    "r1,A,2026-11-23,3,40,2\nr2,A,2026-11-24,,,\n", encoding="utf-8")
    r1, r2 = read_requests(path, {"A"}, {"unit"})
    assert r1.items == (("unit", 3),) and r1.gross_kg == 40.0 and r1.deferrals == 2
    assert r2.items == () and r2.gross_kg is None and r2.ready_date == date(2026, 11, 24)
