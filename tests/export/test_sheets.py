"""Route sheets: the one view of a route that GPX, KML, manifests, map and ledger render."""

import re
from urllib.parse import parse_qs, urlparse

from magroute.export.safety import json_for_script, safe_filename, unique_filenames
from magroute.export.sheets import EWAY_BILL_THRESHOLD_INR, pickup_id, route_sheets
from magroute.formatting import neutralise_cell, restore_cell


def test_a_sheet_per_route_and_a_stop_per_event(solved):
    problem, plan, _ = solved
    sheets = route_sheets(problem, plan)
    assert [s.route_id for s in sheets] == [r.route_id for r in plan.routes]
    for sheet, route in zip(sheets, plan.routes, strict=True):
        assert [s.kind for s in sheet.stops] == [e.kind for e in route.events]
        assert [s.place_id for s in sheet.pickups] == list(route.site_ids)
        assert sheet.distance_km * 1000 == route.distance_m
        # legs join into one track from the start hub back to the hub
        assert sheet.track[0] == (route.events[0].lon, route.events[0].lat)
        assert sheet.track[-1] == (route.events[-1].lon, route.events[-1].lat)


def test_pickup_ids_are_unique_and_traceable(solved):
    problem, plan, _ = solved
    ids = [s.pickup_id for sheet in route_sheets(problem, plan) for s in sheet.pickups]
    assert len(ids) == len(plan.served_site_ids) == len(set(ids))
    assert all(re.fullmatch(r"PK-20261123-R\d+-\d\d", i) for i in ids)
    assert pickup_id(problem.horizon.start_date, "R/0 7", 3) == "PK-20261123-R07-03"


def test_stops_carry_what_to_collect_and_how_to_get_there(solved):
    problem, plan, _ = solved
    sites = {s.site_id: s for s in problem.sites}
    sheets = route_sheets(problem, plan)
    # Magnets worth more than the e-way bill threshold on a truck need no e-way bill: a
    # consignment's value is what its seller is paid (nothing in these yields).
    assert any(sheet.value_inr > EWAY_BILL_THRESHOLD_INR for sheet in sheets)
    for sheet in sheets:
        for stop in sheet.pickups:
            site = sites[stop.place_id]
            assert stop.items == site.inventory and stop.gross_kg == site.gross_weight_kg
            assert stop.magnet_kg > 0 and stop.value_inr > 0
            assert stop.arrival.utcoffset() == problem.horizon.tz.utcoffset(None)
            q = parse_qs(urlparse(stop.google_maps_url).query)
            lat, lon = map(float, q["destination"][0].split(","))
            assert abs(lat - site.lat) < 1e-6 and abs(lon - site.lon) < 1e-6
            assert stop.geo_uri.startswith(f"geo:{site.lat:.6f},{site.lon:.6f}?q=")
        assert sheet.purchase_inr == 0 and not sheet.eway_bill_needed
        assert sum(len(stops) for _, _, stops in sheet.days) == len(sheet.stops)


def test_formula_cells_are_neutralised_and_numbers_kept():
    for text in ('=HYPERLINK("x")', "+91-98100", "-Delhi", "@SUM(A1)", "\tx"):
        assert neutralise_cell(text) == "'" + text
        assert restore_cell(neutralise_cell(text)) == text
    for text in ("-12.5", "+3", "1e5", "Delhi", "", "'quoted"):
        assert neutralise_cell(text) == text
        assert restore_cell(text) == text


def test_file_names_from_ids_are_safe():
    assert safe_filename("../x<y>:z-01") == "x_y_z-01"
    assert safe_filename("..") == "_"
    assert safe_filename("CON") == "CON_"
    assert safe_filename("कचरा") == "_"
    assert safe_filename("a/../b") == "a_._b"
    names = unique_filenames([safe_filename(i) for i in ["a/b", "a:b", "A_B"]])
    assert names == ["a_b", "a_b_2", "A_B_3"]


def test_json_in_a_script_element_cannot_close_it():
    text = json_for_script({"name": "</script><script>alert(1)</script>&"})
    assert "<" not in text and ">" not in text and "&" not in text


def test_hostile_fixture_plans_every_site(hostile):
    problem, plan, _ = hostile
    assert len(route_sheets(problem, plan)[0].pickups) == 3
