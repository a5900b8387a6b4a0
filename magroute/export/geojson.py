"""routes.geojson: events, legs and unserved sites as one RFC 7946 FeatureCollection.

Coordinates are [lon, lat] (WGS84), at full precision so that they equal the plan's events.
Every feature has a `kind`: an event kind ("start", "pickup", "rest", "unload", "end"),
"leg" for a LineString between two consecutive events at different places, or "unserved".
Events and legs carry their route's `trip` (1, 2, ...: a truck that unloads at the hub and sets
out again; a leg belongs to the trip of the event it leads to).

`route_feature_collection` is the same for one route sheet (routes/<route>.geojson, for drivers).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from magroute.domain.plan import Plan
from magroute.domain.problem import Problem
from magroute.formatting import iso_time

if TYPE_CHECKING:  # sheets imports this module for LegGeometry; only annotations need it here
    from magroute.export.sheets import RouteSheet

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
    values = {y.site_id: y.prize_inr for y in problem.yields}  # as unserved sites are valued
    features: list[dict[str, Any]] = []
    for route in plan.routes:
        for seq, e in enumerate(route.events):
            place = sites.get(e.site_id) if e.kind == "pickup" else hubs.get(e.site_id)
            features.append(_point(e.lat, e.lon, {
                "kind": e.kind,
                "route_id": route.route_id,
                "vehicle_id": route.vehicle_id,
                "seq": seq,
                "trip": e.trip,
                "site_id": e.site_id,
                "site_name": place.name if place is not None else "",
                "arrival": iso_time(e.arrival, tz),
                "departure": iso_time(e.departure, tz),
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
                    "trip": b.trip,
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
            "binding": u.binding,
            "break_even_value_inr": u.break_even_value_inr,
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


def route_feature_collection(sheet: RouteSheet) -> dict[str, Any]:
    """One route's stops and legs as a FeatureCollection, for a driver's app or a planner's GIS.

    A Point per stop (``kind`` is the event kind) and a LineString per leg between stops at
    different places (``kind`` "leg"), following the sheet's leg lines.
    """
    features: list[dict[str, Any]] = []
    by_seq = {s.seq: s for s in sheet.stops}
    for s in sheet.stops:
        features.append(_point(s.lat, s.lon, {
            "kind": s.kind,
            "route_id": sheet.route_id,
            "vehicle_id": sheet.vehicle_id,
            "seq": s.seq,
            "day": s.day,
            "trip": s.trip,
            "pickup_id": s.pickup_id or None,
            "site_id": s.place_id,
            "name": s.name,
            "arrival": _local_time(s.arrival),
            "departure": _local_time(s.departure),
            "load_kg": s.load_kg,
            "expected_kg": s.gross_kg if s.kind == "pickup" else None,
            "expected_magnet_kg": s.magnet_kg if s.kind == "pickup" else None,
            "expected_value_inr": s.value_inr if s.kind == "pickup" else None,
        }))
    for seq_from, seq_to, line in sheet.legs:
        features.append({
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [[lon, lat] for lon, lat in line]},
            "properties": {
                "kind": "leg",
                "route_id": sheet.route_id,
                "vehicle_id": sheet.vehicle_id,
                "seq_from": seq_from,
                "seq_to": seq_to,
                "trip": by_seq[seq_to].trip,
                "leg_km": round(by_seq[seq_to].leg_km, 3),
            },
        })
    return {"type": "FeatureCollection", "features": features}


def write_route_geojson(sheet: RouteSheet, path: Path | str) -> Path:
    """Write `route_feature_collection` to `path`. Returns the path."""
    path = Path(path)
    fc = route_feature_collection(sheet)
    path.write_text(json.dumps(fc, ensure_ascii=False, allow_nan=False), encoding="utf-8")
    return path


def _local_time(moment: datetime) -> str:
    # A sheet's times are already local; iso_time raises on a naive one before the UTC
    # fallback could matter.
    return iso_time(moment, moment.tzinfo or UTC)


def _point(lat: float, lon: float, properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties,
    }
