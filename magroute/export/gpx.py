"""<route>.gpx: one route for a driver's navigator or phone (GPX 1.1, written with gpxpy).

A waypoint per stop (hub start, pickups, breaks, rests, every unload, end) with the stop's facts
in ``desc`` and its arrival as ``time``, and one track along the route's line (the road line when
the plan used road geometry, else straight legs) with a segment per trip: a truck that unloads at
the hub and sets out again has each round as its own segment, and each unload as a waypoint
named ``Hub: <name> (unload 2 of 3)``. GPX times are UTC by the schema; the local times a driver
needs are spelled out in the descriptions.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from xml.sax.saxutils import escape

import gpxpy.gpx

from magroute.export.sheets import RouteSheet, StopSheet
from magroute.export.stop_text import route_description, route_title, stop_description, stop_title

CREATOR = "magroute"

# Garmin symbol names (also understood by OsmAnd and BaseCamp); others show a default pin.
SYMBOLS = {
    "start": "Flag, Green",
    "pickup": "Flag, Blue",
    "break": "Restaurant",
    "rest": "Lodging",
    "unload": "Scales",
    "end": "Flag, Red",
}


def route_gpx(sheet: RouteSheet, *, title: str = "") -> str:
    """The route as a GPX 1.1 document (text; gpxpy escapes element text)."""
    gpx = gpxpy.gpx.GPX()
    gpx.creator = CREATOR
    gpx.name = route_title(sheet, title)
    gpx.description = route_description(sheet)
    # The route's start rather than the clock: the same plan gives the same file.
    gpx.time = sheet.start.astimezone(UTC)
    gpx.waypoints = [_waypoint(s) for s in sheet.stops]
    track = gpxpy.gpx.GPXTrack(name=gpx.name)
    lines = [sheet.track] if sheet.n_trips == 1 else [sheet.trip_track(k)
                                                     for k in range(1, sheet.n_trips + 1)]
    for line in lines:
        track.segments.append(gpxpy.gpx.GPXTrackSegment(
            [gpxpy.gpx.GPXTrackPoint(lat, lon) for lon, lat in line]))
    gpx.tracks.append(track)
    return gpx.to_xml(version="1.1")


def write_route_gpx(sheet: RouteSheet, path: Path | str, *, title: str = "") -> Path:
    """Write `route_gpx` to `path` (UTF-8). Returns the path."""
    path = Path(path)
    path.write_text(route_gpx(sheet, title=title), encoding="utf-8")
    return path


def _waypoint(stop: StopSheet) -> gpxpy.gpx.GPXWaypoint:
    wpt = gpxpy.gpx.GPXWaypoint(
        stop.lat, stop.lon, time=stop.arrival.astimezone(UTC), name=stop_title(stop),
        description=stop_description(stop), symbol=SYMBOLS.get(stop.kind, "Waypoint"),
        type=stop.kind)
    if stop.kind == "pickup":
        # gpxpy escapes element text but writes attributes as given, and the URL holds '&':
        # escape it here or the file is not XML (a test reads the link back).
        # (gpxpy annotates link and link_text as None: its own attributes' defaults.)
        wpt.link = escape(stop.google_maps_url, {'"': "&quot;"})  # type: ignore[assignment]
        wpt.link_text = "Navigate (Google Maps)"  # type: ignore[assignment]
    return wpt
