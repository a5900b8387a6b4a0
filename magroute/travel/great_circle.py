"""Great-circle distance x circuity, with driving time from speeds by distance band.

Circuity (road km / straight-line km) is higher for short urban hops than between cities
(domain.md section 6: intercity median 1.25; urban pickups ~1.35-1.4). Road distance is
piecewise linear and continuous in the straight-line distance, so it stays monotone.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from magroute.domain.scenario import TravelSettings
from magroute.geo import haversine_km
from magroute.travel.matrices import Line, Point, TravelMatrices


class GreatCircleSource:
    def __init__(self, settings: TravelSettings | None = None):
        self.settings = settings or TravelSettings()

    def road_km(self, straight_km: np.ndarray) -> np.ndarray:
        s = self.settings
        short = np.minimum(straight_km, s.short_hop_km)
        beyond = np.maximum(straight_km - s.short_hop_km, 0.0)
        return short * s.circuity_short + beyond * s.circuity_intercity

    def drive_hours(self, road_km: np.ndarray) -> np.ndarray:
        """Hours to drive `road_km`, filling the speed bands in order (like tax brackets)."""
        hours = np.zeros_like(road_km, dtype=float)
        lower = 0.0
        for upper, kmh in self.settings.speed_bands:
            in_band = np.clip(road_km - lower, 0.0, upper - lower)
            hours += in_band / kmh
            lower = upper
        return hours

    def _from_straight(self, straight_km: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        road = self.road_km(straight_km)
        distance_m = np.rint(road * 1000).astype(np.int64)
        duration_s = np.rint(self.drive_hours(road) * 3600).astype(np.int64)
        return distance_m, duration_s

    def matrices(self, points: Sequence[tuple[float, float]] | np.ndarray) -> TravelMatrices:
        pts = np.asarray(points, dtype=float).reshape(-1, 2)
        lat, lon = pts[:, 0], pts[:, 1]
        straight = haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
        np.fill_diagonal(straight, 0.0)
        distance_m, duration_s = self._from_straight(straight)
        return TravelMatrices(distance_m=distance_m, duration_s=duration_s)

    def leg(self, a: tuple[float, float], b: tuple[float, float]) -> tuple[int, int]:
        straight = np.asarray(haversine_km(a[0], a[1], b[0], b[1]), dtype=float)
        d, t = self._from_straight(straight)
        return int(d), int(t)

    def far_from_roads(self) -> list[tuple[int, float]]:
        return []  # no network: every leg is the estimate, and no point is "far" from it

    def leg_lines(self, pairs: Sequence[tuple[Point, Point]]) -> list[Line] | None:
        return None
