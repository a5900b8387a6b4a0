"""The TravelSource protocol and the matrices every source returns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from magroute.domain.scenario import TravelSettings


@dataclass(frozen=True)
class TravelMatrices:
    """Integer metres and seconds between points, in the order the points were given."""

    distance_m: np.ndarray  # int64, shape (n, n)
    duration_s: np.ndarray  # int64, shape (n, n)

    def __post_init__(self) -> None:
        n = self.distance_m.shape[0]
        if self.distance_m.shape != (n, n) or self.duration_s.shape != (n, n):
            raise ValueError("travel matrices must be square and of equal shape")
        if self.distance_m.dtype != np.int64 or self.duration_s.dtype != np.int64:
            raise ValueError("travel matrices must be int64 (metres, seconds)")

    @property
    def size(self) -> int:
        return self.distance_m.shape[0]


Point = tuple[float, float]  # (lat, lon)
Line = list[tuple[float, float]]  # (lon, lat) vertices, as GeoJSON orders them


class TravelSource(Protocol):
    """Anything that turns (lat, lon) points into travel matrices (great circle, road graph...)."""

    def matrices(self, points: Sequence[Point]) -> TravelMatrices: ...

    def leg(self, a: Point, b: Point) -> tuple[int, int]:
        """(metres, seconds) of one leg; must agree with `matrices`."""
        ...

    def far_from_roads(self) -> list[tuple[int, float]]:
        """(index, straight km to the nearest road) of the points of the last `matrices` call
        that are too far from the road network to use it; empty without a network."""
        ...

    def leg_lines(self, pairs: Sequence[tuple[Point, Point]]) -> list[Line] | None:
        """Each leg's line along the roads, from a to b; None when the source has no road
        geometry (the maps then draw straight lines)."""
        ...


def travel_source_for(settings: TravelSettings, *, cache: bool = True) -> TravelSource:
    """The source the settings name; road-graph matrices are cached on disk (travel/cache.py)."""
    from magroute.travel.great_circle import GreatCircleSource

    if settings.source == "great_circle":
        return GreatCircleSource(settings)
    if settings.source == "road_graph":
        from magroute.travel.cache import CachedSource
        from magroute.travel.network import file_digest
        from magroute.travel.road_graph import RoadGraphSource

        source = RoadGraphSource(settings)
        if not cache:
            return source
        return CachedSource(source, settings, lambda: file_digest(source.network_path),
                            settings.road.cache_dir)
    raise ValueError(f"unknown travel source {settings.source!r}")
