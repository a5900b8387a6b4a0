"""A truck that unloads at the hub and sets out again, in every output, read by its real consumer:
the manifests (HTML parsed, PDF through pdftotext, English and Hindi), GPX (gpxpy, GDAL), KML
and GeoJSON (GDAL), the map (Debian's chromium), the workbook (openpyxl) and the ledger (csv).

The plan (conftest `two_trips`): one route, trip 1 picks up AM1 and AM2 (600 kg, magnets worth
INR 60,000, two consignments bought for INR 30,000 each: no e-way bill, though the load is worth
more than the threshold), unloads, waits at the hub, trip 2 picks up PM (480 kg, magnets worth
INR 48,000, one consignment bought for INR 57,600: an e-way bill) and unloads.
"""

import csv
import html
import re

import geopandas
import gpxpy
import pyogrio
import pytest
import test_html_map
from openpyxl import load_workbook
from test_html_map import assert_offline_and_clean, open_map
from test_manifests import (
    _Page,
    assert_overview_lists_every_event,
    needs_pdftotext,
    pdf_text,
    squeeze,
)

from magroute.analysis.receipts import reconcile
from magroute.domain.pickup import WeighIn
from magroute.export.html_map import plan_map_data, write_plan_map
from magroute.export.i18n import LANGS, t
from magroute.export.kml import ROUTE_FOLDER, STOPS_FOLDER
from magroute.export.manifest_html import manifest_html
from magroute.export.manifest_pdf import write_manifest_pdf
from magroute.export.manifests import day_title
from magroute.export.pickups import read_pickup_ledger
from magroute.export.receipts import write_receipts
from magroute.export.sheets import EWAY_BILL_THRESHOLD_INR, route_sheets
from magroute.formatting import inr

browser = test_html_map.browser  # Debian's chromium, network blocked, module-scoped

TRIP_KG = [600, 480]  # what each trip's load should weigh (conftest: 2 x 300 kg, then 480 kg)
PURCHASE = [30_000, 30_000, 57_600]  # what each pickup's seller is paid: its consignment's value
LIMIT = inr(EWAY_BILL_THRESHOLD_INR)


@pytest.fixture(scope="module")
def sheet(two_trips):
    problem, plan, _ = two_trips
    (sheet,) = route_sheets(problem, plan)
    return sheet


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def fields(fragment: str) -> list[tuple[str, str]]:
    """(label, value) of every row of the field tables in an HTML fragment; '' for a blank."""
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td[^>]*>(.*?)</td></tr>', fragment, re.S)
    return [(html.unescape(a), html.unescape(re.sub(r"<[^>]+>", "", b))) for a, b in rows]


# ---------------------------------------------------------------- the route sheet


def test_the_sheet_splits_the_route_into_its_trips(two_trips, sheet):
    _, plan, _ = two_trips
    (route,) = plan.routes
    assert sheet.n_trips == 2 and [s.trip for s in sheet.stops] == [e.trip for e in route.events]
    first, second = sheet.trips
    assert [s.place_id for s in first.pickups] == list(route.trip_site_ids(1))
    assert [s.place_id for s in second.pickups] == ["PM"]
    # one series of pickup numbers and IDs along the route, across its trips
    assert [s.number for s in sheet.pickups] == [1, 2, 3]
    assert [s.pickup_id for s in sheet.pickups] == [f"PK-20261123-R01-0{n}" for n in (1, 2, 3)]
    assert [t.gross_kg for t in sheet.trips] == TRIP_KG
    assert [t.unload.unload_kg for t in sheet.trips] == TRIP_KG
    # the e-way bill goes by consignment: trip 1's two invoices of 30,000 need none although
    # together (and the magnets, 60,000) they are above the threshold; PM's 57,600 needs one
    assert [s.purchase_inr for s in sheet.pickups] == PURCHASE
    assert [s.eway_bill_needed for s in sheet.pickups] == [False, False, True]
    assert sheet.trips[0].purchase_inr > EWAY_BILL_THRESHOLD_INR
    assert sheet.trips[0].value_inr > EWAY_BILL_THRESHOLD_INR
    assert [t.eway_bill_needed for t in sheet.trips] == [False, True] and sheet.eway_bill_needed
    assert [s.number for s in sheet.eway_pickups] == [3]
    # trip 2 leaves after waiting at the hub, not when trip 1's unload ends
    unload_1 = first.unload
    assert unload_1.departure < second.leaves <= second.pickups[0].arrival
    assert second.stops[0].kind in ("break", "rest") and second.stops[0].leg_km == 0
    assert first.leaves == sheet.start
    # each trip's line runs from the hub back to the hub; together they are the route's
    hub = (route.events[0].lon, route.events[0].lat)
    for k in (1, 2):
        line = sheet.trip_track(k)
        assert line[0] == line[-1] == hub
    assert sheet.trip_track(1) + sheet.trip_track(2)[1:] == sheet.track


# ---------------------------------------------------------------- pickups.csv


def test_pickups_csv_has_the_trip_of_each_pickup_as_routes_csv_does(two_trips_dir):
    _, files = two_trips_dir
    ledger = read_csv(files["pickups"])
    events = {(r["route_id"], r["site_id"]): r for r in read_csv(files["routes"])
              if r["kind"] == "pickup"}
    assert [r["trip"] for r in ledger] == ["1", "1", "2"] and ledger[2]["site_id"] == "PM"
    for row in ledger:
        event = events[(row["route_id"], row["site_id"])]
        assert (row["trip"], row["seq"]) == (event["trip"], event["seq"])
    assert len({r["pickup_id"] for r in ledger}) == len(ledger) == 3
    assert [p.trip for p in read_pickup_ledger(files["pickups"])] == [1, 1, 2]
    # the ledger carries each consignment's invoice value (what the passport's e-way bill uses)
    assert [p.expected_purchase_inr for p in read_pickup_ledger(files["pickups"])] == PURCHASE
    assert [float(r["expected_value_inr"]) for r in ledger] == [30_000, 30_000, 48_000]


def test_a_ledger_written_before_trips_reads_as_one_trip_a_route(two_trips_dir, tmp_path):
    _, files = two_trips_dir
    rows = read_csv(files["pickups"])
    old = tmp_path / "pickups.csv"
    with old.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, [c for c in rows[0] if c != "trip"], extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    ledger = read_pickup_ledger(old)
    assert [p.pickup_id for p in ledger] == [r["pickup_id"] for r in rows]
    assert {p.trip for p in ledger} == {1}
    rec = reconcile(ledger, tuple(WeighIn(p.pickup_id, p.expected_kg, i) for i, p in enumerate(ledger)))
    assert rec.clean and [(x.trip, x.status) for x in rec.trips] == [(1, "ok")]
    assert rec.routes[0].trips == 1


# ---------------------------------------------------------------- receive: per trip


def test_receive_reconciles_each_unload_of_the_route(two_trips_dir, tmp_path):
    _, files = two_trips_dir
    ledger = read_pickup_ledger(files["pickups"])
    one, two, pm = ledger  # the morning yards (300 kg each) on trip 1, PM (480 kg) on trip 2
    weighed = (WeighIn(one.pickup_id, 290.0, 1, "ace-01"), WeighIn(two.pickup_id, 335.0, 2, "ace-01"),
               WeighIn(pm.pickup_id, 240.0, 3, "ace-01"), WeighIn("PK-20261123-R01-09", 12.0, 4, "ace-01"))
    rec = reconcile(ledger, weighed)
    # each pickup on its own: the second is 12 % over; its load as a whole is within 10 % of 600
    assert [p.status for p in rec.pickups] == ["ok", "over", "short", "unexpected"]
    assert [(x.route_id, x.trip, x.status, x.planned_kg, x.received_kg) for x in rec.trips] == [
        ("R01", 1, "ok", 600.0, 625.0), ("R01", 2, "short", 480.0, 240.0),
        ("R01", None, "unexpected", 0.0, 12.0)]
    assert [x.count("over") for x in rec.trips] == [1, 0, 0]
    (route,) = rec.routes
    assert route.trips == 2 and route.received_kg == sum(x.received_kg for x in rec.trips)
    assert route.planned_kg == sum(x.planned_kg for x in rec.trips) == sum(TRIP_KG)

    out = write_receipts(rec, tmp_path)
    trips = read_csv(out["receipt_trips"])
    assert [(r["trip"], r["status"], r["planned_kg"], r["received_kg"], r["difference_kg"])
            for r in trips] == [("1", "ok", "600.0", "625.0", "25.0"),
                                ("2", "short", "480.0", "240.0", "-240.0"),
                                ("", "unexpected", "0.0", "12.0", "12.0")]
    assert [r["trip"] for r in read_csv(out["receipts"])] == ["1", "1", "2", ""]
    assert read_csv(out["receipt_routes"])[0]["trips"] == "2"

    # a load never weighed at all is missing as a whole
    rec = reconcile(ledger, weighed[:2])
    assert [(x.trip, x.status) for x in rec.trips] == [(1, "ok"), (2, "missing")]


# ---------------------------------------------------------------- manifests


@pytest.mark.parametrize("lang", LANGS)
def test_html_manifest_has_a_heading_and_a_weighbridge_slip_per_trip(sheet, lang):
    page = manifest_html(sheet, lang=lang)
    trips = re.findall(r'<section class="trip" id="trip-(\d)">(.*?)</section>', page, re.S)
    assert [k for k, _ in trips] == ["1", "2"]
    for (k, block), trip in zip(trips, sheet.trips, strict=True):
        assert _Page(block).texts[0] == t("trip_heading", lang).format(trip=k, trips=2)
        got = dict(fields(block))
        assert got[t("pickups", lang)] == str(len(trip.pickups))
        assert got[t("expected_kg", lang)] == str(TRIP_KG[int(k) - 1])
        assert got[t("expected_purchase", lang)] == inr(trip.purchase_inr)
    assert dict(fields(trips[0][1]))[t("eway_bill", lang)] == \
        t("eway_not_needed", lang).format(limit=LIMIT)
    assert dict(fields(trips[1][1]))[t("eway_bill", lang)] == \
        t("eway_needed", lang).format(pickups="3", limit=LIMIT)
    # only the second trip's consignment is flagged: the alert is in trip 2's block, not trip 1's
    assert 'class="alert"' in trips[1][1] and 'class="alert"' not in trips[0][1]
    header = dict(fields(page[:page.index('<section class="overview">')]))
    assert header[t("trips", lang)] == "2"
    assert header[t("eway_bill", lang)] == t("eway_needed", lang).format(pickups="3", limit=LIMIT)
    # each consignment carries its own invoice value (the purchase, not the magnets) and verdict
    assert [v for k, v in fields(page) if k == t("value_expected", lang)] == \
        [inr(x) for x in PURCHASE]
    verdicts = [v for k, v in fields(page) if k == t("eway_bill", lang)]
    assert [v for v in verdicts if v in (t("eway_needed_consignment", lang).format(limit=LIMIT),
                                         t("eway_not_needed_consignment", lang).format(limit=LIMIT))
            ] == [t(f"eway_{k}_consignment", lang).format(limit=LIMIT)
                  for k in ("not_needed", "not_needed", "needed")]

    # every unload is a stop with the hub's weighbridge fields: expected kg of its own load,
    # the weight received and the signature left blank
    unloads = re.findall(r'<article class="stop unload">(.*?)</article>', page, re.S)
    assert len(unloads) == 2
    for k, article in enumerate(unloads, start=1):
        heading = _Page(article).texts
        assert heading[0] == f"{t('kind_unload', lang)} · " + t("trip_of", lang).format(trip=k, trips=2)
        got = fields(article)
        assert (t("expected_kg", lang), str(TRIP_KG[k - 1])) in got
        assert (t("weight_received", lang), "") in got and (t("signature_hub", lang), "") in got
    blanks = re.findall(r'<td class="blank[^"]*">', page)
    assert len(blanks) == 3 + 2 * 2 + 11 * 3  # driver; two per unload; per pickup, as before

    # in order: trip 1, its pickups, its unload, trip 2 (before the wait at the hub), PM, unload
    marks = [page.index('id="trip-1"'), page.index('id="PK-20261123-R01-01"'),
             page.index('id="PK-20261123-R01-02"'), page.index('<article class="stop unload">'),
             page.index('id="trip-2"'), page.index('<p class="stop pause'),
             page.index('id="PK-20261123-R01-03"'), page.rindex('<article class="stop unload">')]
    assert marks == sorted(marks)
    assert_overview_lists_every_event(page, sheet, lang)
    # the wait between the trips is at the hub, not on the road
    (wait,) = re.findall(r'<p class="stop pause \w+">(.*?)</p>', page)
    assert f' · {t("at_hub", lang).format(hub="Test hub")} · ' in html.unescape(wait)


@needs_pdftotext
@pytest.mark.parametrize("lang", LANGS)
def test_pdf_manifest_has_both_trip_headings_and_two_weighbridge_slips(sheet, tmp_path, lang):
    text = squeeze(pdf_text(write_manifest_pdf(sheet, tmp_path / f"m.{lang}.pdf", lang=lang)))
    detail = text[text.index(squeeze(day_title(1, sheet.stops[0].date, lang))):]  # past the overview
    first = detail.index(squeeze(t("trip_heading", lang).format(trip=1, trips=2)))
    second = detail.index(squeeze(t("trip_heading", lang).format(trip=2, trips=2)))
    assert first < second
    # two slips at the hub, one per unload, each after its trip's heading
    received, signature = squeeze(t("weight_received", lang)), squeeze(t("signature_hub", lang))
    assert text.count(received) == text.count(signature) == 2
    assert first < detail.index(received) < second < detail.rindex(received)
    assert all(pid in text for pid in (s.pickup_id for s in sheet.pickups))
    assert squeeze(t("eway_not_needed", lang).format(limit=LIMIT)) in detail[first:second]
    assert squeeze(t("eway_not_needed_consignment", lang).format(limit=LIMIT)) in \
        detail[first:second]
    assert squeeze(t("eway_needed_consignment", lang).format(limit=LIMIT)) not in \
        detail[first:second]
    assert squeeze(t("eway_needed", lang).format(pickups="3", limit=LIMIT)) in detail[second:]
    assert squeeze(t("eway_needed_consignment", lang).format(limit=LIMIT)) in detail[second:]


# ---------------------------------------------------------------- GPX, KML, GeoJSON


def test_gpx_has_the_unload_waypoints_and_a_segment_per_trip(two_trips_dir, sheet):
    out, _ = two_trips_dir
    (path,) = sorted(out.glob("routes/*.gpx"))
    gpx = gpxpy.parse(path.read_text(encoding="utf-8"))
    unloads = [w for w in gpx.waypoints if w.type == "unload"]
    assert [w.name for w in unloads] == ["Hub: Test hub (unload 1 of 2)", "Hub: Test hub (unload 2 of 2)"]
    for k, w in enumerate(unloads, start=1):
        assert f"Trip: {k} of 2" in w.description
        assert f"Unload: {TRIP_KG[k - 1]} kg expected" in w.description
    by_trip = {s.pickup_id: s.trip for s in sheet.pickups}
    for w in gpx.waypoints:
        if w.type == "pickup":
            pid = re.search(r"Pickup ID: (\S+)", w.description).group(1)
            assert f"Trip: {by_trip[pid]} of 2" in w.description
    assert "Trip 1 of 2" in gpx.description and "(e-way bill for pickup 3)" in gpx.description
    assert "E-way bill needed for pickup 3 " in gpx.description
    purchase = {re.search(r"Pickup ID: (\S+)", w.description).group(1): w.description
                for w in gpx.waypoints if w.type == "pickup"}
    assert [("e-way bill needed" in d, f"Purchase (invoice): INR {x:,}" in d)
            for d, x in zip(purchase.values(), PURCHASE, strict=True)] == \
        [(False, True), (False, True), (True, True)]
    (track,) = gpx.tracks
    assert len(track.segments) == 2
    for k, segment in enumerate(track.segments, start=1):
        points = [(p.longitude, p.latitude) for p in segment.points]
        assert points == list(sheet.trip_track(k))
        assert points[0] == points[-1] == (sheet.stops[0].lon, sheet.stops[0].lat)  # hub to hub
        for stop in sheet.trips[k - 1].pickups:
            assert (stop.lon, stop.lat) in points
    # GDAL reads the two segments as the parts of one track
    (geometry,) = pyogrio.read_dataframe(path, layer="tracks").geometry
    assert [[c[:2] for c in part.coords] for part in geometry.geoms] == \
        [list(sheet.trip_track(k)) for k in (1, 2)]
    wpts = pyogrio.read_dataframe(path, layer="waypoints")
    assert list(wpts.name[wpts["type"] == "unload"]) == [w.name for w in unloads]


def test_kml_names_each_trip_and_carries_the_trip_of_every_stop(two_trips_dir, sheet):
    out, _ = two_trips_dir
    (path,) = sorted(out.glob("routes/*.kml"))
    stops = pyogrio.read_dataframe(path, layer=STOPS_FOLDER)
    assert list(stops.trip.astype(int)) == [s.trip for s in sheet.stops]
    assert list(stops.Name[stops.kind == "unload"]) == ["Hub: Test hub (unload 1 of 2)",
                                                        "Hub: Test hub (unload 2 of 2)"]
    lines = pyogrio.read_dataframe(path, layer=ROUTE_FOLDER)
    assert [n.rsplit(", ", 1)[1] for n in lines.Name] == ["trip 1 of 2", "trip 2 of 2"]
    assert [[c[:2] for c in g.coords] for g in lines.geometry] == [list(sheet.trip_track(k)) for k in (1, 2)]
    assert "600 kg" in lines.description[0] and "480 kg" in lines.description[1]


def test_geojson_gives_every_stop_and_leg_its_trip(two_trips, two_trips_dir, sheet):
    _, plan, _ = two_trips
    (route,) = plan.routes
    out, files = two_trips_dir
    (path,) = sorted(out.glob("routes/*.geojson"))
    gdf = geopandas.read_file(path)
    points = gdf[gdf.geom_type == "Point"]
    assert list(points.trip) == [e.trip for e in route.events]
    legs = gdf[gdf.geom_type == "LineString"]
    assert list(legs.trip) == [sheet.stops[j].trip for _, j, _ in sheet.legs]
    whole = geopandas.read_file(files["geojson"])
    assert list(whole[whole.geom_type == "Point"].trip) == [e.trip for e in route.events]


# ---------------------------------------------------------------- workbook


def test_workbook_has_a_trip_column_and_the_trips_of_each_route(two_trips_dir, sheet):
    _, files = two_trips_dir
    wb = load_workbook(files["xlsx"])
    summary = [r for r in wb["Summary"].iter_rows(values_only=True) if r[0] is not None]
    header = next(r for r in summary if r[:2] == ("Route", "Vehicle"))
    (row,) = [r for r in summary if r[0] == "R01"]
    got = dict(zip(header, row, strict=False))
    assert got["Trips"] == 2 and got["Pickups"] == 3 and got["E-way bill"] == "needed: pickup 3"
    assert got["Purchase INR"] == sum(PURCHASE)
    ws = wb[wb.sheetnames[1]]
    assert "2 trips" in ws["A1"].value
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    cols = rows[0]
    trips = [dict(zip(cols, r, strict=True)) for r in rows[1:]]
    assert [(r["Kind"], r["Trip"]) for r in trips] == [(s.kind, s.trip) for s in sheet.stops]
    pickups = [r for r in trips if r["Kind"] == "pickup"]
    assert [(r["Purchase INR"], r["E-way bill"]) for r in pickups] == \
        [(30_000, None), (30_000, None), (57_600, "needed")]


# ---------------------------------------------------------------- map


def test_map_draws_each_unload_as_a_hub_stop_with_its_trip(browser, two_trips, sheet, tmp_path):
    problem, plan, kpis = two_trips
    data = plan_map_data(problem, plan, (sheet,), kpis)
    unloads = [s for s in data["stops"] if s["kind"] == "unload"]
    assert [s["title"] for s in unloads] == ["Unload 1 of 2 at Test hub", "Unload 2 of 2 at Test hub"]
    assert {(s["lat"], s["lon"]) for s in unloads} == {(h.lat, h.lon) for h in problem.hubs}
    for s, kg in zip(unloads, TRIP_KG, strict=True):
        assert dict(s["rows"])["Scrap to unload (expected)"] == f"{kg} kg"
    pickups = [dict(s["rows"]) for s in data["stops"] if s["kind"] == "pickup"]
    assert [p["Trip"] for p in pickups] == ["1 of 2", "1 of 2", "2 of 2"]
    assert dict(data["routes"][0]["rows"])["Trips"] == "2"
    assert [s["title"] for s in data["stops"] if s["kind"] == "break"] == ["Driver's break at Test hub"]

    path = write_plan_map(problem, plan, (sheet,), kpis, tmp_path / "map.html")
    page, log = open_map(browser, path)
    markers = page.locator(".stop[data-kind=unload]")
    assert markers.count() == 2
    assert page.locator(".stop[data-kind=pickup]").count() == 3
    # the frame around the hub's square (dispatched: the hub sits on top of its centre)
    markers.nth(1).dispatch_event("click")
    assert page.text_content("#popup-title") == "Unload 2 of 2 at Test hub"
    assert "Unload 2 · route R01" in page.text_content("#popup-kind")
    rows = page.inner_text("#popup-rows")
    assert "2 of 2" in rows and "480 kg" in rows
    page.locator(".stop[data-kind=pickup]").nth(2).dispatch_event("click")
    assert "2 of 2" in page.inner_text("#popup-rows")
    assert "2 trips" in page.inner_text("#routes")
    assert_offline_and_clean(log, path.resolve().as_uri())
