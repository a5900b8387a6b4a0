"""routes.geojson: events, legs and unserved sites as one RFC 7946 FeatureCollection.

Coordinates are [lon, lat] (WGS84), at full precision so that they equal the plan's events.
Every feature has a `kind`: an event kind ("start", "pickup", "rest", "unload", "end"),
"leg" for a LineString between two consecutive events at different places, or "unserved".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from magroute.domain.plan import Plan
from magroute.domain.problem import Problem
from magroute.export.tables import format_time

LatLon = tuple[float, float]
# (lat, lon) of the leg's ends -> the leg's line as [(lon, lat), ...], from a to b.
LegGeometry = Callable[[LatLon, LatLon], Sequence[tuple[float, float]]]


def straight_line(a: LatLon, b: LatLon) -> list[tuple[float, float]]:
    """The default leg geometry: a straight segment (until a road-geometry source exists)."""
    return [(a[1], a[0]), (b[1], b[0])]


def routes_feature_collection(
    problem: Problem, plan: Plan, *, leg_geometry: LegGeometry = straight_line
) -> dict[str, Any]:
    """The plan as a GeoJSON FeatureCollection (a dict ready for `json.dump`)."""
    tz = problem.horizon.tz
    sites = {s.site_id: s for s in problem.sites}
    hubs = {h.hub_id: h for h in problem.hubs}
    values = {y.site_id: y.value_inr.expected for y in problem.yields}
    features: list[dict[str, Any]] = []
    for route in plan.routes:
        for seq, e in enumerate(route.events):
            place = sites.get(e.site_id) if e.kind == "pickup" else hubs.get(e.site_id)
            features.append(_point(e.lat, e.lon, {
                "kind": e.kind,
                "route_id": route.route_id,
                "vehicle_id": route.vehicle_id,
                "seq": seq,
                "site_id": e.site_id,
                "site_name": place.name if place is not None else "",
                "arrival": format_time(e.arrival, tz),
                "departure": format_time(e.departure, tz),
                "load_kg": e.load_kg,
                "expected_value_inr": values.get(e.site_id) if e.kind == "pickup" else None,
            }))
        for seq, (a, b) in enumerate(pairwise(route.events), start=1):
            if (a.lat, a.lon) == (b.lat, b.lon):
                continue
            coords = [[lon, lat] for lon, lat in leg_geometry((a.lat, a.lon), (b.lat, b.lon))]
            features.append({
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": coords},
                "properties": {
                    "kind": "leg",
                    "route_id": route.route_id,
                    "vehicle_id": route.vehicle_id,
                    "seq_from": seq - 1,
                    "seq_to": seq,
                    "leg_km": round(b.leg_m / 1000, 3),
                },
            })
    for u in plan.unserved:
        site = sites.get(u.site_id)
        if site is None:
            continue  # nowhere to draw it; unserved.csv still lists it
        features.append(_point(site.lat, site.lon, {
            "kind": "unserved",
            "site_id": u.site_id,
            "site_name": site.name,
            "reason": u.reason,
            "expected_value_inr": u.expected_value_inr,
        }))
    return {"type": "FeatureCollection", "features": features}


def write_routes_geojson(
    problem: Problem, plan: Plan, path: Path | str, *, leg_geometry: LegGeometry = straight_line
) -> Path:
    """Write routes.geojson (see the module docstring). Returns the path."""
    path = Path(path)
    fc = routes_feature_collection(problem, plan, leg_geometry=leg_geometry)
    path.write_text(json.dumps(fc, ensure_ascii=False, allow_nan=False), encoding="utf-8")
    return path


def _point(lat: float, lon: float, properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }
