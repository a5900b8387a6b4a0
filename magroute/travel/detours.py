"""Legs around truck-ban zones: what a truck of a banned class drives instead of crossing.

A leg whose straight line passes through a zone, with both ends outside it, is driven around
the zone by every class the zone bans, at any hour: the search cannot know when a leg will be
driven, so it plans the detour always (a truck that would pass at night pays it too). The
detour follows the zone's ring road (`TruckBan.ring_km` from the centre: onto the ring along a
tangent, round it, and off it again along a tangent, as the Delhi trucks take the Eastern and
Western Peripheral Expressways); a leg with an end between the zone and the ring keeps to the
circle through that end instead. It is scaled by the leg's own circuity (road km per straight km)
and driven at the leg's own average speed; or it costs the zone's configured `detour_km` and
`detour_min`. A leg that ends inside a zone is governed by the stop rule (domain/bans.py).

The extra distance and time of several zones on one leg add up.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from magroute.domain.bans import TruckBan
from magroute.geo import haversine_km

KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON_EQUATOR = 111.320

LatLon = tuple[float, float]
# A leg that only grazes a zone (its way round under 10 m longer) is taken as passing it by:
# the metres would round away, and the checker could not tell the way round from straight.
GRAZE_KM = 0.01


def zones_banning(bans: Sequence[TruckBan], vehicle_class: str) -> list[TruckBan]:
    """One ban row per zone (zone id and circle) that bans `vehicle_class` at some time."""
    seen: dict[tuple, TruckBan] = {}
    for b in bans:
        if vehicle_class in b.vehicle_classes:
            seen.setdefault((b.zone_id, b.lat, b.lon, b.radius_km), b)
    return list(seen.values())


def _planar(zone: TruckBan, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """km east and north of the zone's centre (equirectangular: exact enough near a city)."""
    x = (lon - zone.lon) * KM_PER_DEG_LON_EQUATOR * np.cos(np.radians(zone.lat))
    y = (lat - zone.lat) * KM_PER_DEG_LAT
    return np.stack([x, y], axis=-1)


def ring_extra_km(zone: TruckBan, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Straight-line km added by going around `zone` on its ring instead of crossing it, for
    legs from a[i] to b[j] (arrays of (lat, lon)); 0 where the leg misses the zone or an end
    lies inside it. The result has shape (len(a), len(b))."""
    pa, pb = _planar(zone, a[:, 0], a[:, 1]), _planar(zone, b[:, 0], b[:, 1])
    ax, ay = pa[:, 0:1], pa[:, 1:2]
    bx, by = pb[None, :, 0], pb[None, :, 1]
    r = zone.radius_km
    da, db = np.hypot(ax, ay), np.hypot(bx, by)
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.clip(np.where(length2 > 0, -(ax * dx + ay * dy) / length2, 0.0), 0.0, 1.0)
    crosses = (np.hypot(ax + t * dx, ay + t * dy) < r) & (da > r) & (db > r)
    out = np.zeros(crosses.shape)
    i, j = np.nonzero(crosses)
    if not len(i):
        return out
    # Only the legs that cross: from each end along its tangent to the circle, round it, and
    # off along the other end's tangent. The circle is the ring road, or, for a leg with an
    # end between the zone and its ring, the circle through that end (it keeps to the roads
    # outside the zone that far out instead of driving out to the ring and back).
    da, db = da[i, 0], db[0, j]
    ring = np.clip(np.minimum(da, db), r, zone.ring_km)
    ta = np.sqrt(np.maximum(da ** 2 - ring ** 2, 0.0))
    tb = np.sqrt(np.maximum(db ** 2 - ring ** 2, 0.0))
    lean_a = np.arccos(np.clip(ring / da, -1.0, 1.0))
    lean_b = np.arccos(np.clip(ring / db, -1.0, 1.0))
    cos = (pa[i, 0] * pb[j, 0] + pa[i, 1] * pb[j, 1]) / (da * db)
    theta = np.arccos(np.clip(cos, -1.0, 1.0))
    around = ta + tb + ring * np.maximum(0.0, theta - lean_a - lean_b)
    out[i, j] = np.maximum(0.0, around - np.sqrt(length2[i, j]))
    return out


def detoured(bans: Sequence[TruckBan], vehicle_class: str, points: Sequence[LatLon],
             distance_m: np.ndarray, duration_s: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray] | None:
    """The (distance_m, duration_s) matrices between `points` that `vehicle_class` drives,
    given the direct ones; None where no leg of that class passes through a zone it is
    banned from."""
    return class_legs(bans, [vehicle_class], points, distance_m, duration_s).get(vehicle_class)


def class_legs(bans: Sequence[TruckBan], classes: Sequence[str], points: Sequence[LatLon],
               distance_m: np.ndarray, duration_s: np.ndarray
               ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """`detoured` for several classes at once (each zone's geometry is computed once), for the
    classes some of whose legs differ from the direct ones."""
    wanted = {c: zones_banning(bans, c) for c in classes}
    zones = list({id(z): z for zs in wanted.values() for z in zs}.values())
    if not zones or len(points) < 2:
        return {}
    pts = np.asarray(points, dtype=float)
    straight_km = haversine_km(pts[:, None, 0], pts[:, None, 1], pts[None, :, 0], pts[None, :, 1])
    # The leg's circuity and speed carry over to its detour.
    with np.errstate(invalid="ignore", divide="ignore"):
        circuity = np.where(straight_km > 0, distance_m / 1000 / straight_km, 1.0)
        per_m = np.where(distance_m > 0, duration_s / np.maximum(distance_m, 1), 0.0)
    circuity = np.maximum(circuity, 1.0)
    added: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for z in zones:
        ring = ring_extra_km(z, pts, pts)
        crossing = ring > GRAZE_KM
        if not crossing.any():
            continue
        m = np.where(crossing, z.detour_km * 1000 if z.detour_km is not None
                     else ring * 1000 * circuity, 0.0)
        s = np.where(crossing, z.detour_min * 60 if z.detour_min is not None else m * per_m, 0.0)
        added[id(z)] = (m, s)
    out = {}
    for c, zs in wanted.items():
        mine = [added[id(z)] for z in zs if id(z) in added]
        if not mine:
            continue
        extra_m = np.sum([m for m, _ in mine], axis=0)
        extra_s = np.sum([s for _, s in mine], axis=0)
        out[c] = (distance_m + np.rint(extra_m).astype(np.int64),
                  duration_s + np.rint(extra_s).astype(np.int64))
    return out


def zones_crossed(bans: Sequence[TruckBan], vehicle_class: str, a: LatLon, b: LatLon
                  ) -> list[TruckBan]:
    """The zones banning `vehicle_class` that the leg a -> b passes through (ends outside)."""
    pa, pb = np.asarray([a], dtype=float), np.asarray([b], dtype=float)
    return [z for z in zones_banning(bans, vehicle_class)
            if ring_extra_km(z, pa, pb)[0, 0] > GRAZE_KM]


def _touch(x: np.ndarray, ring: float, sign: float) -> float:
    """Angle at which the way from x (planar km, on or outside the circle) meets the circle of
    radius `ring`, turning `sign` round it."""
    d = float(np.hypot(*x))
    lean = float(np.arccos(min(1.0, ring / d)))
    return float(np.arctan2(x[1], x[0])) + sign * lean


def way_round(bans: Sequence[TruckBan], vehicle_class: str, a: LatLon, b: LatLon,
              step_deg: float = 10.0) -> list[LatLon]:
    """Where the leg a -> b of `vehicle_class` goes round the zones it may not cross: for each
    zone in the order the leg meets it, the point it reaches the ring, points along the ring
    every `step_deg` degrees, and the point it leaves (empty for a leg that crosses none).
    The maps draw the leg through them."""
    pa, pb = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    out: list[tuple[float, list[LatLon]]] = []
    for z in zones_crossed(bans, vehicle_class, a, b):
        xa, xb = (_planar(z, np.asarray(p[0]), np.asarray(p[1])) for p in (pa, pb))
        ring = min(max(min(float(np.hypot(*xa)), float(np.hypot(*xb))), z.radius_km), z.ring_km)
        turn = 1.0 if xa[0] * xb[1] - xa[1] * xb[0] >= 0 else -1.0  # the shorter way round

        start, end = _touch(xa, ring, turn), _touch(xb, ring, -turn)
        sweep = (end - start) * turn % (2 * np.pi)
        steps = max(1, int(np.ceil(np.degrees(sweep) / step_deg)))
        angles = start + turn * sweep * np.arange(steps + 1) / steps
        lat = z.lat + ring * np.sin(angles) / KM_PER_DEG_LAT
        lon = z.lon + ring * np.cos(angles) / (KM_PER_DEG_LON_EQUATOR * np.cos(np.radians(z.lat)))
        # Order zones by where the leg passes nearest their centre.
        ab = xb - xa
        t = float(np.clip(-xa @ ab / max(float(ab @ ab), 1e-12), 0.0, 1.0))
        out.append((t, [(round(float(y), 5), round(float(x), 5)) for y, x in zip(lat, lon,
                                                                              strict=True)]))
    return [p for _, points in sorted(out, key=lambda item: item[0]) for p in points]
