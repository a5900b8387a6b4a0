"""On-disk cache of travel matrices, keyed by the points, the network file and the settings.

A road-graph matrix for 2,000 sites takes tens of seconds; the nightly run and every scenario
comparison ask for the same one again. The key hashes everything the matrix depends on (the
points' coordinates, the network file's bytes, every travel setting, a format version), so a
changed input can never be served a stale matrix. Files are written to a temporary name and
renamed into place, so a crash never leaves a half-written entry.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from magroute.domain.scenario import TravelSettings
from magroute.travel.matrices import Line, Point, TravelMatrices
from magroute.travel.road_graph import RoadGraphSource

FORMAT = "magroute-travel-v2"
ENV_DIR = "MAGROUTE_CACHE_DIR"


def default_cache_dir() -> Path:
    env = os.environ.get(ENV_DIR)
    return Path(env) if env else Path.home() / ".cache" / "magroute"


class CachedSource:
    """Wraps a travel source: `matrices` is read from / written to disk; the rest passes through."""

    def __init__(self, source: RoadGraphSource, settings: TravelSettings,
                 network_digest: Callable[[], str], cache_dir: Path | None = None) -> None:
        self.source = source
        self.cache_dir = Path(cache_dir or default_cache_dir()) / "travel"
        # The cache location is not part of the key; everything else in the settings is.
        road = dataclasses.replace(settings.road, cache_dir=None)
        self._settings_key = repr(dataclasses.replace(settings, road=road))
        self._network_digest = network_digest
        self.last_hit: bool | None = None

    def __getattr__(self, name: str) -> Any:  # any other attribute of the source, as it is
        return getattr(self.source, name)

    def far_from_roads(self) -> list[tuple[int, float]]:
        return self.source.far_from_roads()  # set by the source, or by a cache hit below

    def leg_lines(self, pairs: Sequence[tuple[Point, Point]]) -> list[Line] | None:
        return self.source.leg_lines(pairs)

    def key(self, points: Sequence[tuple[float, float]]) -> str:
        h = hashlib.sha256()
        h.update(FORMAT.encode())
        h.update(self._settings_key.encode())
        h.update(self._network_digest().encode())
        h.update(np.ascontiguousarray(np.asarray(points, dtype=np.float64)).tobytes())
        return h.hexdigest()

    def matrices(self, points: Sequence[tuple[float, float]]) -> TravelMatrices:
        path = self.cache_dir / f"{self.key(points)}.npz"
        if path.exists():
            try:
                with np.load(path, allow_pickle=False) as z:
                    m = TravelMatrices(distance_m=z["distance_m"], duration_s=z["duration_s"])
                    warnings = [str(w) for w in z["warnings"]]
                    far = [(int(i), float(km)) for i, km in z["far"]]
                self.source.warnings.extend(w for w in warnings if w not in self.source.warnings)
                self.source.last_far = far
                self.last_hit = True
                return m
            except (OSError, KeyError, ValueError):
                pass  # unreadable entry: recompute and overwrite it
        before = len(self.source.warnings)
        m = self.source.matrices(points)
        self._write(path, m, self.source.warnings[before:])
        self.last_hit = False
        return m

    def _write(self, path: Path, m: TravelMatrices, warnings: list[str]) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                np.savez(f, distance_m=m.distance_m, duration_s=m.duration_s,
                         warnings=np.asarray(warnings, dtype=str),
                         far=np.asarray(self.source.far_from_roads(),
                                        dtype=float).reshape(-1, 2))
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only or full disk only costs the next run the recomputation
