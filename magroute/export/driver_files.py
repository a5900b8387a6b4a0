"""routes/<route>-<vehicle>.{gpx,kml,geojson}: one file per route and format, for drivers.

File names come from ids in planners' files, so they go through `route_file_stems`: a vehicle
id like ``../x<y>:z-01`` becomes ``R01-x_y_z-01`` inside ``routes/`` and cannot escape it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from magroute.export.geojson import write_route_geojson
from magroute.export.gpx import write_route_gpx
from magroute.export.kml import write_route_kml
from magroute.export.sheets import RouteSheet, route_file_stems

ROUTE_FORMATS = ("gpx", "kml", "geojson")


def write_route_files(sheets: Sequence[RouteSheet], folder: Path | str, *, title: str = "",
                      formats: Sequence[str] = ROUTE_FORMATS) -> dict[str, list[Path]]:
    """Write a file per route and format (GPX, KML, GeoJSON) into `folder` (a plan folder's
    ``routes/``, created if needed). Returns {format: paths in sheet order} for the formats asked for."""
    unknown = sorted(set(formats) - set(ROUTE_FORMATS))
    if unknown:
        raise ValueError(f"unknown route file formats {unknown}: use {', '.join(ROUTE_FORMATS)}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    writers = {
        "gpx": lambda s, p: write_route_gpx(s, p, title=title),
        "kml": lambda s, p: write_route_kml(s, p, title=title),
        "geojson": write_route_geojson,
    }
    files: dict[str, list[Path]] = {f: [] for f in ROUTE_FORMATS if f in formats}
    for sheet, stem in zip(sheets, route_file_stems(sheets), strict=True):
        for fmt, paths in files.items():
            paths.append(writers[fmt](sheet, folder / f"{stem}.{fmt}"))
    return files
