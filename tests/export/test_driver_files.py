"""Per-route GPX, KML and GeoJSON read back by their real consumers: gpxpy, GDAL (pyogrio/geopandas)."""

import dataclasses
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime

import geopandas
import gpxpy
import pyogrio
import pytest

from magroute.export.driver_files import write_route_files
from magroute.export.gpx import route_gpx
from magroute.export.kml import ROUTE_FOLDER, STOPS_FOLDER, route_kml
from magroute.export.sheets import route_file_stems, route_sheets
from magroute.export.stop_text import stop_title


def bent(a, b):
    """A stand-in for road geometry: three points per leg, so the track is not the stops."""
    return [(a[1], a[0]), ((a[1] + b[1]) / 2, a[0]), (b[1], b[0])]


@pytest.fixture(scope="module")
def written(solved, tmp_path_factory):
    problem, plan, _ = solved
    sheets = route_sheets(problem, plan, leg_geometry=bent)
    return plan, sheets, write_route_files(sheets, tmp_path_factory.mktemp("drivers"))


def test_a_file_per_route_and_format(written):
    plan, sheets, files = written
    assert set(files) == {"gpx", "kml", "geojson"}
    assert all(len(paths) == len(plan.routes) for paths in files.values())
    assert any(s.kind == "rest" for sheet in sheets for s in sheet.stops)  # multi-day routes
    for sheet, path in zip(sheets, files["gpx"], strict=True):
        assert path.name == f"{sheet.route_id}-{sheet.vehicle_id}.gpx"
        assert route_gpx(sheet) == path.read_text(encoding="utf-8")  # no clock in the file


def test_gpx_has_a_waypoint_per_stop_and_the_route_as_a_track(written):
    plan, sheets, files = written
    for route, sheet, path in zip(plan.routes, sheets, files["gpx"], strict=True):
        gpx = gpxpy.parse(path.read_text(encoding="utf-8"))
        assert gpx.version == "1.1"
        assert route.route_id in gpx.name and route.vehicle_id in gpx.name
        assert gpx.time == sheet.start
        assert len(gpx.waypoints) == len(route.events)
        for wpt, e, stop in zip(gpx.waypoints, route.events, sheet.stops, strict=True):
            assert (wpt.latitude, wpt.longitude) == (e.lat, e.lon)
            assert wpt.time == e.arrival and wpt.time.utcoffset().total_seconds() == 0
            assert (wpt.type, wpt.name) == (e.kind, stop_title(stop))
            if e.kind == "pickup":
                assert wpt.name.startswith(f"{stop.number}. ")
                assert stop.pickup_id in wpt.description
                assert all(f"{item} x {n}" in wpt.description for item, n in stop.items)
                assert wpt.link == stop.google_maps_url
        assert len(gpx.tracks) == 1 and len(gpx.tracks[0].segments) == 1
        points = gpx.tracks[0].segments[0].points
        assert len(points) == len(sheet.track) > len(route.events)
        assert [(p.longitude, p.latitude) for p in points] == list(sheet.track)

        # GDAL's GPX driver reads the same file
        wpts = pyogrio.read_dataframe(path, layer="waypoints")
        assert list(zip(wpts.geometry.x, wpts.geometry.y, strict=True)) == \
            [(e.lon, e.lat) for e in route.events]
        tracks = pyogrio.read_dataframe(path, layer="tracks")
        assert len(tracks) == 1
        assert [c[:2] for c in tracks.geometry[0].geoms[0].coords] == list(sheet.track)


def test_kml_reads_back_through_gdal(written):
    plan, sheets, files = written
    for route, sheet, path in zip(plan.routes, sheets, files["kml"], strict=True):
        # GDAL picks LIBKML over KML when both exist; it makes a layer of each Folder.
        assert pyogrio.read_info(path, layer=STOPS_FOLDER)["driver"] == "LIBKML"
        assert [name for name, _ in pyogrio.list_layers(path)] == [STOPS_FOLDER, ROUTE_FOLDER]
        stops = pyogrio.read_dataframe(path, layer=STOPS_FOLDER)
        assert len(stops) == len(route.events)
        assert list(zip(stops.geometry.x, stops.geometry.y, strict=True)) == \
            [(e.lon, e.lat) for e in route.events]
        assert list(stops.kind) == [e.kind for e in route.events]
        assert list(stops.seq.astype(int)) == list(range(len(route.events)))
        assert list(stops.Name) == [stop_title(s) for s in sheet.stops]
        assert list(stops.pickup_id.fillna("")) == [s.pickup_id for s in sheet.stops]
        assert [datetime.fromisoformat(a) for a in stops.arrival] == [e.arrival for e in route.events]
        assert all(s.pickup_id in d for s, d in zip(sheet.stops, stops.description, strict=True))
        line = pyogrio.read_dataframe(path, layer=ROUTE_FOLDER)
        assert len(line) == 1 and line.geometry[0].geom_type == "LineString"
        assert [c[:2] for c in line.geometry[0].coords] == list(sheet.track)


def test_geojson_reads_back_with_stops_and_legs(written):
    plan, sheets, files = written
    for route, sheet, path in zip(plan.routes, sheets, files["geojson"], strict=True):
        assert "crs" not in json.loads(path.read_text(encoding="utf-8"))  # RFC 7946
        gdf = geopandas.read_file(path)
        points = gdf[gdf.geom_type == "Point"]
        assert len(points) == len(route.events)
        for (_, row), e, stop in zip(points.iterrows(), route.events, sheet.stops, strict=True):
            assert (row.geometry.x, row.geometry.y) == (e.lon, e.lat)
            assert (row.kind, int(row.seq), row["name"]) == (e.kind, stop.seq, stop.name)
            assert row.arrival == e.arrival  # GDAL reads ISO 8601 with offset as a datetime
            assert row.load_kg == e.load_kg
            if e.kind == "pickup":
                assert row.pickup_id == stop.pickup_id
                assert row.expected_magnet_kg == stop.magnet_kg > 0
                assert row.expected_value_inr == stop.value_inr > 0
        legs = gdf[gdf.geom_type == "LineString"]
        assert len(legs) == len(sheet.legs)
        for (_, row), (i, j, line) in zip(legs.iterrows(), sheet.legs, strict=True):
            assert (row.kind, int(row.seq_from), int(row.seq_to)) == ("leg", i, j)
            assert list(row.geometry.coords) == list(line)
            assert row.leg_km == round(route.events[j].leg_m / 1000, 3)


def test_hostile_text_reads_back_identical_and_escaped(hostile, tmp_path):
    problem, plan, _ = hostile
    sheets = route_sheets(problem, plan)
    out = tmp_path / "out"
    files = write_route_files(sheets, out / "routes")
    names = {s.name for s in problem.sites if s.site_id in ("H1", "H2")}
    assert any("<script>" in n for n in names) and any("<img" in n for n in names)

    written = sorted(p for p in out.rglob("*") if p.is_file())
    assert written == sorted(p for paths in files.values() for p in paths)
    for p in written:
        assert p.resolve().parent == (out / "routes").resolve()
        assert re.fullmatch(r"[A-Za-z0-9_.-]+", p.name) and not p.name.startswith(".")
    [stem] = route_file_stems(sheets)  # vehicle id '../x<y>:z-01'
    assert stem.startswith("R01-") and stem.endswith("x_y_z-01") and not {"/", "\\", ":"} & set(stem)

    for sheet, gpx_path, kml_path, geojson_path in zip(
            sheets, files["gpx"], files["kml"], files["geojson"], strict=True):
        pickups = {s.name: s for s in sheet.pickups}
        assert names <= set(pickups)
        for path in (gpx_path, kml_path):
            text = path.read_text(encoding="utf-8")
            assert "<script" not in text and "<img" not in text and "<b>truck" not in text
            assert "&lt;script&gt;" in text

        gpx = gpxpy.parse(gpx_path.read_text(encoding="utf-8"))
        assert sheet.vehicle_label in gpx.name  # '14 ft <b>truck</b> & co', as text
        by_name = {w.name: w for w in gpx.waypoints}
        for name in names:
            assert f"{pickups[name].number}. {name}" in by_name

        kml = pyogrio.read_dataframe(kml_path, layer=STOPS_FOLDER)
        assert names <= set(kml.site_name)
        assert {f"{pickups[n].number}. {n}" for n in names} <= set(kml.Name)
        # Google Earth renders descriptions as HTML: markup from names must stay text there too
        assert not any("<img" in d or "<script" in d for d in kml.description)

        fc = json.loads(geojson_path.read_text(encoding="utf-8"))
        assert names <= {f["properties"].get("name") for f in fc["features"]}


def test_kml_reads_back_through_gdals_plain_kml_driver_too(hostile, tmp_path):
    # Builds of QGIS/GDAL without libkml fall back to the expat KML driver, which reads only
    # Name and Description; it must see the same layers, names and points.
    problem, plan, _ = hostile
    sheet = route_sheets(problem, plan)[0]
    path = write_route_files([sheet], tmp_path)["kml"][0]
    script = (
        "import json, sys, pyogrio\n"
        "p = sys.argv[1]\n"
        "df = pyogrio.read_dataframe(p, layer='Stops')\n"
        "print(json.dumps([pyogrio.read_info(p, layer='Stops')['driver'],"
        " [n for n, _ in pyogrio.list_layers(p)], list(df.Name),"
        " [[g.x, g.y] for g in df.geometry]]))\n"
    )
    env = {**os.environ, "GDAL_SKIP": "LIBKML"}
    result = subprocess.run([sys.executable, "-c", script, str(path)], env=env, check=True,
                            capture_output=True, text=True, timeout=120)
    driver, layers, names, coords = json.loads(result.stdout)
    assert driver == "KML" and layers == [STOPS_FOLDER, ROUTE_FOLDER]
    assert names == [stop_title(s) for s in sheet.stops]
    assert coords == [[s.lon, s.lat] for s in sheet.stops]


def test_characters_xml_cannot_hold_are_dropped_not_fatal(hostile):
    problem, plan, _ = hostile
    sheet = route_sheets(problem, plan)[0]
    stops = list(sheet.stops)
    i = next(k for k, s in enumerate(stops) if s.kind == "pickup")
    stops[i] = dataclasses.replace(stops[i], name="A\x00B\x1b\ufffeC", contact="\x0c+91")
    sheet = dataclasses.replace(sheet, stops=tuple(stops))
    gpx = gpxpy.parse(route_gpx(sheet))
    assert gpx.waypoints[i].name == f"{stops[i].number}. ABC"
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    kml = ET.fromstring(route_kml(sheet).encode("utf-8"))
    names = [p.findtext("k:name", namespaces=ns) for p in kml.iterfind(".//k:Placemark", ns)]
    assert names[i] == f"{stops[i].number}. ABC"


def test_repeated_route_ids_are_refused(solved):
    problem, plan, _ = solved
    sheet = route_sheets(problem, plan)[0]
    with pytest.raises(ValueError, match="repeat"):
        route_file_stems([sheet, sheet])
