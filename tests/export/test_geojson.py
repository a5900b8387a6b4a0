"""routes.geojson read back through geopandas/pyogrio: points, legs and unserved sites."""

import json
from itertools import pairwise

import geopandas

from magroute.export import routes_feature_collection, write_routes_geojson


def moving_legs(plan):
    return [(r.route_id, seq, a, b) for r in plan.routes
            for seq, (a, b) in enumerate(pairwise(r.events), start=1)
            if (a.lat, a.lon) != (b.lat, b.lon)]


def test_geojson_reads_back_with_points_legs_and_unserved(solved, plan_dir):
    problem, plan, _ = solved
    gdf = geopandas.read_file(plan_dir[1]["geojson"])
    assert gdf.crs is None or gdf.crs.to_epsg() == 4326

    pickups = gdf[(gdf.kind == "pickup") & (gdf.geom_type == "Point")]
    events = [(r, seq, e) for r in plan.routes for seq, e in enumerate(r.events)]
    assert len(pickups) == sum(1 for _, _, e in events if e.kind == "pickup")
    points = gdf[gdf.kind.isin(["start", "pickup", "rest", "unload", "end"])]
    assert len(points) == len(events)
    for (_, row), (route, seq, e) in zip(points.iterrows(), events, strict=True):
        assert (row.route_id, int(row.seq), row.kind) == (route.route_id, seq, e.kind)
        assert (row.geometry.x, row.geometry.y) == (e.lon, e.lat)
        if e.kind == "pickup":
            assert row.expected_value_inr == problem.yield_of(e.site_id).prize_inr

    lines = gdf[gdf.geom_type == "LineString"]
    legs = moving_legs(plan)
    assert len(lines) == len(legs) > 0
    for (_, row), (route_id, seq, a, b) in zip(lines.iterrows(), legs, strict=True):
        assert (row.route_id, int(row.seq_from), int(row.seq_to)) == (route_id, seq - 1, seq)
        assert list(row.geometry.coords) == [(a.lon, a.lat), (b.lon, b.lat)]
        assert row.leg_km == round(b.leg_m / 1000, 3)

    unserved = gdf[gdf.kind == "unserved"]
    assert list(unserved.site_id) == [u.site_id for u in plan.unserved]
    for (_, row), u in zip(unserved.iterrows(), plan.unserved, strict=True):
        site = problem.sites[problem.site_index()[u.site_id]]
        assert (row.geometry.x, row.geometry.y) == (site.lon, site.lat)
        assert row.reason == u.reason


def test_leg_geometry_seam_is_used_for_every_leg(solved, tmp_path):
    problem, plan, _ = solved
    calls = []

    def bent(a, b):
        calls.append((a, b))
        return [(a[1], a[0]), ((a[1] + b[1]) / 2, a[0]), (b[1], b[0])]

    path = write_routes_geojson(problem, plan, tmp_path / "r.geojson", leg_geometry=bent)
    fc = json.loads(path.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    lines = [f for f in fc["features"] if f["geometry"]["type"] == "LineString"]
    assert len(calls) == len(lines) == len(moving_legs(plan))
    assert all(len(f["geometry"]["coordinates"]) == 3 for f in lines)
    assert fc == json.loads(json.dumps(
        routes_feature_collection(problem, plan, leg_geometry=bent)))
