"""The road-graph source on the bundled national highways and on a user's own line file."""

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import LineString

from magroute.domain.scenario import RoadSettings, TravelSettings
from magroute.geo import haversine_km
from magroute.travel import RoadGraphSource, travel_source_for
from magroute.travel.cache import CachedSource

# GeoNames town points (data/geo/india_towns.csv).
DELHI, MUMBAI = (28.65195, 77.23149), (19.07283, 72.88261)
CHENNAI, KOLKATA = (13.08784, 80.27847), (22.56263, 88.36304)
BENGALURU, SIKANDRABAD = (12.97194, 77.59369), (28.4512, 77.6955)
PIN_POINTS = [(28.62273, 77.21954), (26.8467, 80.9462), (23.0225, 72.5714), (17.385, 78.4867),
              (21.1458, 79.0882), (30.7333, 76.7794), (25.5941, 85.1376), (11.0168, 76.9558)]


@pytest.fixture(scope="module")
def road():
    return RoadGraphSource(TravelSettings(source="road_graph"))


@pytest.mark.parametrize("a,b,reference_km", [
    (DELHI, MUMBAI, 1411), (DELHI, CHENNAI, 2174), (SIKANDRABAD, KOLKATA, 1382),
    (MUMBAI, BENGALURU, 977),
])
def test_intercity_road_km_within_5_percent_of_the_network_reference(road, a, b, reference_km):
    leg = road.route(a, b)
    assert leg.via == "road network"
    assert abs(leg.distance_m / 1000 / reference_km - 1) <= 0.05
    # Average speed between the access speed and the fastest road class.
    kmh = leg.distance_m / leg.duration_s * 3.6
    assert 25 < kmh <= 60
    assert leg.roads and all(m >= 0 for _, _, m in leg.roads)


def test_route_line_and_roads_add_up_to_the_matrix_leg(road):
    leg = road.route(SIKANDRABAD, KOLKATA)
    assert leg.line[0] == (SIKANDRABAD[1], SIKANDRABAD[0])
    assert leg.line[-1] == (KOLKATA[1], KOLKATA[0])
    assert (leg.distance_m, leg.duration_s) == road.leg(SIKANDRABAD, KOLKATA)
    on_network = sum(m for _, _, m in leg.roads)
    snap = road.snap([SIKANDRABAD, KOLKATA])  # access legs: one candidate at each end
    accesses = {a + b for a, p in zip(snap.access_m, snap.point, strict=True) if p == 0
                for b, q in zip(snap.access_m, snap.point, strict=True) if q == 1}
    assert leg.distance_m - on_network in accesses
    line = np.asarray(leg.line)
    drawn = haversine_km(line[:-1, 1], line[:-1, 0], line[1:, 1], line[1:, 0]).sum()
    assert drawn == pytest.approx(leg.distance_m / 1000, rel=0.02)
    assert any(ref == "NH 34" for ref, _, _ in leg.roads)


def test_matrix_entries_do_not_depend_on_the_other_points(road):
    """The checker measures a plan's legs over a different point set than the solver did."""
    pts = [SIKANDRABAD, DELHI, *PIN_POINTS]
    full = road.matrices(pts)
    sub_idx = [0, 3, 5, 9]
    sub = road.matrices([pts[i] for i in sub_idx])
    assert (full.distance_m[np.ix_(sub_idx, sub_idx)] == sub.distance_m).all()
    assert np.abs(full.duration_s[np.ix_(sub_idx, sub_idx)] - sub.duration_s).max() <= 1
    for i, j in [(0, 2), (4, 7), (9, 1)]:
        leg = road.route(pts[i], pts[j])
        assert (leg.distance_m, leg.duration_s) == (full.distance_m[i, j], full.duration_s[i, j])


def test_network_legs_are_longer_than_straight_lines_and_not_absurd(road):
    pts = [SIKANDRABAD, *PIN_POINTS]
    m = road.matrices(pts)
    p = np.asarray(pts)
    straight = haversine_km(p[:, None, 0], p[:, None, 1], p[None, :, 0], p[None, :, 1])
    off = ~np.eye(len(pts), dtype=bool)
    ratio = m.distance_m[off] / 1000 / straight[off]
    assert ratio.min() >= 1.0 and np.median(ratio) < 1.4 and ratio.max() < 2.0
    assert (np.diag(m.distance_m) == 0).all() and (m.duration_s[off] > 0).all()


def test_short_hop_takes_the_local_estimate_where_shorter(road):
    a, b = (28.40, 77.60), (28.41, 77.61)  # 1.5 km apart, off the highways
    leg = road.route(a, b)
    assert leg.via == "great-circle estimate"
    assert (leg.distance_m, leg.duration_s) == road.estimate.leg(a, b) == road.leg(a, b)


def test_a_point_far_from_any_road_falls_back_with_a_warning_naming_it():
    src = RoadGraphSource(TravelSettings(source="road_graph"))
    sea = (15.0, 68.0)  # Arabian Sea, hundreds of km from the network
    m = src.matrices([SIKANDRABAD, MUMBAI, sea])
    est = src.estimate.matrices([SIKANDRABAD, MUMBAI, sea])
    assert m.distance_m[0, 2] == est.distance_m[0, 2]
    assert m.distance_m[0, 1] != est.distance_m[0, 1]
    assert len(src.warnings) == 1 and "(15.0000, 68.0000)" in src.warnings[0]
    assert "far from the road network" in src.route(SIKANDRABAD, sea).via


def _grid_network(path):
    """An L-shaped road plus a fast bypass: A(0,0) - B(0,1) - C(1,1), and A - C direct."""
    lines = [LineString([(80.0, 20.0), (80.5, 20.0), (81.0, 20.0)]),
             LineString([(81.0, 20.0), (81.0, 20.5), (81.0, 21.0)]),
             LineString([(80.0, 20.0), (80.5, 20.6), (81.0, 21.0)])]
    gdf = gpd.GeoDataFrame({"highway": ["trunk", "trunk", "track"], "ref": ["X1", "X2", ""]},
                           geometry=lines, crs=4326)
    gdf.to_file(path)
    return path


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson"])
def test_a_users_line_file_replaces_the_bundled_network(tmp_path, suffix):
    path = _grid_network(tmp_path / f"roads{suffix}")
    settings = TravelSettings(source="road_graph", road=RoadSettings(
        network=path, speeds_kmh=(("trunk", 60.0),), default_kmh=20.0, local_estimate_km=0))
    src = RoadGraphSource(settings)
    a, c = (20.0, 80.0), (21.0, 81.0)  # exactly on network vertices: no access legs
    leg = src.route(a, c)
    direct = haversine_km(20.0, 80.0, 20.6, 80.5) + haversine_km(20.6, 80.5, 21.0, 81.0)
    assert leg.distance_m == round(direct * 1000, -0) or abs(leg.distance_m - direct * 1000) < 3
    assert leg.roads[0][1] == "track"
    # Time at the track's default speed, 20 km/h.
    assert leg.duration_s == pytest.approx(direct / 20 * 3600, abs=3)
    b = (20.0, 81.0)
    via_b = src.route(a, b)
    assert [r for r, _, _ in via_b.roads] == ["X1"]


def test_matrices_are_cached_on_disk_and_reused(tmp_path):
    settings = TravelSettings(source="road_graph", road=RoadSettings(cache_dir=tmp_path))
    pts = [SIKANDRABAD, DELHI, MUMBAI]
    first = travel_source_for(settings)
    assert isinstance(first, CachedSource)
    m1 = first.matrices(pts)
    assert first.last_hit is False and len(list((tmp_path / "travel").glob("*.npz"))) == 1
    second = travel_source_for(settings)
    m2 = second.matrices(pts)
    assert second.last_hit is True
    assert "network" not in second.source.__dict__  # a hit never loads the network
    assert (m1.distance_m == m2.distance_m).all() and (m1.duration_s == m2.duration_s).all()
    other = travel_source_for(TravelSettings(
        source="road_graph", road=RoadSettings(cache_dir=tmp_path, access_kmh=20)))
    other.matrices(pts)
    assert other.last_hit is False  # any setting is part of the key


def test_routes_in_one_batch_equal_the_legs_one_by_one(road):
    pts = [SIKANDRABAD, DELHI, *PIN_POINTS[:4]]
    pairs = [(pts[i], pts[j]) for i in range(len(pts)) for j in range(len(pts)) if i != j][:12]
    pairs.append((DELHI, DELHI))
    batch = road.routes(pairs)
    for (a, b), leg in zip(pairs, batch, strict=True):
        one = road.route(a, b)
        assert (leg.distance_m, leg.duration_s, leg.via) == (one.distance_m, one.duration_s, one.via)
        assert leg.line == one.line
