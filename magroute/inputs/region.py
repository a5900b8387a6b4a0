"""Where sites, hubs and ban zones may lie: India's land outline, or a user's own region.

A point inside India's bounding box can still be in Dhaka, Kathmandu or the Bay of Bengal; a
plan built on it is nonsense (the road network snaps it to the nearest highway, the great-circle
estimate drives across the sea). The outline is the bundled state polygons (or the polygons of
a scenario's `[region] outline`), grown by `buffer_km` so that a yard on the shore or at a
border crossing still counts. A point outside gets a problem naming the nearest state and how
far away it is.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
import shapely.geometry
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from magroute.bundled import GEO_DIR
from magroute.geo import haversine_km

INDIA_STATES = GEO_DIR / "india_states.geojson"
DEFAULT_BUFFER_KM = 10.0
NAME_FIELDS = ("shapeName", "name", "NAME", "state", "STATE", "st_nm")  # first one present
_KM_PER_DEGREE = 111.2  # of latitude; a safe first cut before the exact distance


@dataclass(frozen=True, slots=True)
class Region:
    """Named polygons (states) and the buffer within which a point still counts as inside."""

    name: str  # "India" or the outline file's name, for messages
    parts: tuple[tuple[str, BaseGeometry], ...]
    buffer_km: float
    tree: shapely.STRtree

    @property
    def bounds(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """(lat_min, lat_max), (lon_min, lon_max) with the buffer: the first, cheap test."""
        x0, y0, x1, y1 = shapely.total_bounds(np.array([g for _, g in self.parts]))
        pad = self.buffer_km / _KM_PER_DEGREE
        pad_lon = pad / max(0.1, float(np.cos(np.radians(max(abs(y0), abs(y1))))))
        return (y0 - pad, y1 + pad), (x0 - pad_lon, x1 + pad_lon)


@dataclass(frozen=True, slots=True)
class Outside:
    """A point outside the region: the nearest part (state) and the distance to it."""

    index: int
    nearest: str
    km: float


def india(buffer_km: float = DEFAULT_BUFFER_KM) -> Region:
    """India's 36 states and union territories (data/geo, geoBoundaries ADM1)."""
    return load_region(INDIA_STATES, buffer_km, "India")


@functools.lru_cache(maxsize=8)
def load_region(path: Path, buffer_km: float = DEFAULT_BUFFER_KM, name: str = "") -> Region:
    """The polygons of a GeoJSON (or any file pyogrio reads), named by their first
    `NAME_FIELDS` attribute. Raises ValueError when the file holds no polygons."""
    path = Path(path)
    read = _geojson_parts(path) if path.suffix.lower() in (".geojson", ".json") \
        else _ogr_parts(path)
    parts = [(n, g) for n, g in read if g is not None and not g.is_empty
             and g.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        raise ValueError(f"{path.name} holds no polygons")
    for _, g in parts:
        shapely.prepare(g)
    return Region(name or path.name, tuple(parts), buffer_km,
                  shapely.STRtree([g for _, g in parts]))


def _geojson_parts(path: Path) -> list[tuple[str, BaseGeometry | None]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    features = data.get("features", []) if isinstance(data, dict) else []
    out = []
    for i, f in enumerate(features, start=1):
        props = f.get("properties") or {}
        label = next((str(props[k]) for k in NAME_FIELDS if props.get(k)), f"polygon {i}")
        geometry = f.get("geometry")
        out.append((label, shapely.geometry.shape(geometry) if geometry else None))
    return out


def _ogr_parts(path: Path) -> list[tuple[str, BaseGeometry | None]]:
    import pyogrio  # a second of import time, only for a user's own GeoPackage

    gdf = pyogrio.read_dataframe(path)
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs(4326)
    column = next((c for c in NAME_FIELDS if c in gdf.columns), None)
    return [(str(row[column]) if column else f"polygon {i}", row.geometry)
            for i, (_, row) in enumerate(gdf.iterrows(), start=1)]


def outside(region: Region, points: list[tuple[float, float]]) -> list[Outside]:
    """The points (lat, lon) farther than the buffer from every part of the region."""
    if not points:
        return []
    xy = np.array([(lon, lat) for lat, lon in points], dtype=float)
    inside = np.zeros(len(points), dtype=bool)
    hits = region.tree.query(shapely.points(xy), predicate="intersects")
    inside[hits[0]] = True
    out = []
    for i in np.flatnonzero(~inside):
        lat, lon = points[i]
        name, km = _nearest(region, lat, lon)
        if km > region.buffer_km:
            out.append(Outside(int(i), name, km))
    return out


def _nearest(region: Region, lat: float, lon: float) -> tuple[str, float]:
    """The nearest part and the great-circle km to its nearest point."""
    p = shapely.Point(lon, lat)
    best = ("", float("inf"))
    for name, g in region.parts:
        q = nearest_points(g, p)[0]
        km = float(haversine_km(lat, lon, q.y, q.x))
        if km < best[1]:
            best = (name, km)
    return best
