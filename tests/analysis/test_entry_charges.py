"""City entry charges: read with every problem named, counted per entry from the events."""

import dataclasses
from datetime import datetime, timedelta

import pytest
from factories import TRUCK, make_problem, make_site

from magroute.analysis.kpis import area_entries, route_kpis
from magroute.domain.entry import EntryCharge
from magroute.domain.plan import Event, Route
from magroute.errors import InputError
from magroute.inputs.entry_charges import areas_of_places, read_entry_charges
from magroute.inputs.region import india

DELHI = [("D1", 28.65, 77.23), ("D2", 28.66, 77.27), ("D3", 28.70, 77.10)]
NOIDA = ("N1", 28.57, 77.36)  # Uttar Pradesh, across the Yamuna


def test_the_bundled_charges_read_and_name_delhi_for_every_class(tmp_path):
    from magroute.bundled import DATA_DIR

    charges = read_entry_charges(DATA_DIR / "entry_charges.csv", india())
    assert {(c.area, c.vehicle_class): c.charge_inr for c in charges} == {
        ("Delhi", "scv"): 2100, ("Delhi", "lcv"): 2100, ("Delhi", "mcv"): 2300,
        ("Delhi", "hcv"): 4600}
    assert all(c.source for c in charges)
    bad = tmp_path / "entry_charges.csv"
    bad.write_text("area,vehicle_class,charge_inr\nDilli,lcv,2000\nDelhi,truck,2000\n"
                   "Delhi,lcv,-5\nDelhi,hcv,4000\nDelhi,hcv,4100\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_entry_charges(bad, india())
    problems = [(p.row, p.column) for p in info.value.problems]
    assert problems == [(1, "area"), (2, "vehicle_class"), (3, "charge_inr"),
                        (5, "vehicle_class")]
    assert "Delhi" in info.value.problems[0].expected


def route_through(problem, stops):
    """A hand-made route from the hub through `stops` (site ids) and back."""
    t = datetime(2026, 11, 23, 8, tzinfo=problem.horizon.tz)
    hub = problem.hub
    sites = {s.site_id: s for s in problem.sites}
    events = [Event("start", hub.lat, hub.lon, t, t, t, 0.0, 0, site_id=hub.hub_id)]
    for k, s in enumerate(stops, start=1):
        at = t + timedelta(hours=k)
        events.append(Event("pickup", sites[s].lat, sites[s].lon, at, at, at, 10.0 * k, 1000,
                            site_id=s))
    end = t + timedelta(hours=len(stops) + 1)
    events += [Event("unload", hub.lat, hub.lon, end, end, end, 0.0, 1000, site_id=hub.hub_id),
               Event("end", hub.lat, hub.lon, end, end, end, 0.0, 0, site_id=hub.hub_id)]
    return Route("R01", "lcv14-01", "lcv14", 3500, tuple(events))


def test_each_entry_into_delhi_is_charged_once_by_the_trucks_class():
    sites = [make_site(i, lat, lon, 10) for i, lat, lon in (*DELHI, NOIDA)]
    charges = (EntryCharge("Delhi", "lcv", 2100.0),)
    p = make_problem(sites, fleet=((TRUCK, 1),))
    places = [(s.site_id, s.lat, s.lon) for s in sites] + [("SKD", p.hub.lat, p.hub.lon)]
    p = dataclasses.replace(p, entry_charges=charges,
                            area_of_place=areas_of_places(india(), charges, places))
    assert dict(p.area_of_place) == {"D1": "Delhi", "D2": "Delhi", "D3": "Delhi"}
    # D1, D2 one entry; out to Noida; back in for D3: a second entry.
    r = route_through(p, ["D1", "D2", "N1", "D3"])
    assert area_entries(p, r) == ["Delhi", "Delhi"]
    k = route_kpis(p, r)
    assert (k.entries, k.cost_entry_inr) == (2, 4200.0)
    assert k.cost_inr == pytest.approx(k.cost_fixed_inr + k.cost_distance_inr
                                       + k.cost_driver_inr + 4200.0)
    assert route_kpis(p, route_through(p, ["N1"])).entries == 0
    # A class without a charge row pays nothing.
    heavy = dataclasses.replace(p, entry_charges=(EntryCharge("Delhi", "hcv", 4600.0),))
    assert route_kpis(heavy, r).cost_entry_inr == 0
