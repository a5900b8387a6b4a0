"""`magroute travel FROM TO` through the real console entry point on the bundled network."""

import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest

ROOT = Path(__file__).resolve().parents[2]


def magroute(*args):
    return subprocess.run([sys.executable, "-m", "magroute", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("a,b,reference_km", [
    ("Delhi", "Mumbai", 1411), ("Delhi", "Chennai", 2174), ("Sikandrabad", "Kolkata", 1382),
    ("Mumbai", "Bengaluru", 977),
])
def test_travel_between_cities_is_within_5_percent_of_the_reference(a, b, reference_km):
    r = magroute("travel", a, b, "--format", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert abs(out["road_km"] / reference_km - 1) <= 0.05, out["road_km"]
    assert out["via"] == "road network"
    assert out["ratio"] == pytest.approx(out["road_km"] / out["straight_km"], rel=1e-3)
    assert out["roads"] and all(r["road"].startswith(("NH", "NE", "(")) or r["road"]
                                for r in out["roads"])


def test_travel_table_names_the_highways_and_writes_the_line(tmp_path):
    line = tmp_path / "leg.geojson"
    r = magroute("travel", "SKD", "700001", "--geojson", line)
    assert r.returncode == 0, r.stderr
    assert "Road distance" in r.stdout and "NH 34" in r.stdout and "Sikandrabad" in r.stdout
    gdf = gpd.read_file(line)
    assert len(gdf) == 1 and gdf.geometry[0].geom_type == "LineString"
    assert len(gdf.geometry[0].coords) > 100


def test_travel_reports_every_bad_place_at_once():
    r = magroute("travel", "Atlantis", "99.5,500")
    assert r.returncode == 2
    assert "FROM" in r.stderr and "unknown place" in r.stderr
    assert "TO" in r.stderr and "out of range" in r.stderr


def test_travel_suggests_close_names():
    r = magroute("travel", "Lucknw", "Delhi")
    assert r.returncode == 2 and "did you mean Lucknow" in r.stderr


def test_travel_on_a_users_own_network(tmp_path):
    from shapely.geometry import LineString

    roads = tmp_path / "roads.geojson"
    gpd.GeoDataFrame({"highway": ["trunk", "trunk"], "ref": ["NH X", "NH Y"]},
                     geometry=[LineString([(77.0, 28.0), (77.8, 28.0)]),
                               LineString([(77.8, 28.0), (78.6, 28.0)])], crs=4326
                     ).to_file(roads)
    r = magroute("travel", "28.0,77.0", "28.0,78.6", "--network", roads, "--format", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["via"] == "road network"
    assert [row["road"] for row in out["roads"]] == ["NH X", "NH Y"]
    # Straight along the road, no access legs: the road km is the straight-line km.
    assert out["road_km"] == pytest.approx(out["straight_km"], rel=1e-3)
    r = magroute("travel", "Delhi", "Agra", "--network", tmp_path / "missing.gpkg")
    assert r.returncode == 2 and "--network" in r.stderr


def test_noida_pin_resolves_to_noida_not_central_india():
    """Issue 19: PIN 201301's centroid sat at 24.55 N 77.91 E and the answer was 917 km."""
    r = magroute("travel", "SKD", "201301", "--format", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    # Sikandrabad to Noida is about 45 km in a straight line and 50-80 km by road.
    assert 35 <= out["straight_km"] <= 55 and out["road_km"] < 100, out
