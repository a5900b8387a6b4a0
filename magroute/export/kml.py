"""<route>.kml: one route for Google Earth, Google My Maps and phone map apps (KML 2.2).

A Document named after the route holds a Folder "Stops" with a Point Placemark per stop and a
Folder "Route" with one LineString Placemark along the route's line, or one per trip (named
``..., trip 2 of 3``) for a truck that unloads at the hub and sets out again. Stops carry their
facts in ``description`` and, for programs, in ExtendedData (route_id, seq, trip, kind,
pickup_id, site_id, site_name, arrival, departure as ISO 8601 local times).

Google Earth renders ``description`` as HTML, so user text there is HTML-escaped before
ElementTree escapes it again for XML; the balloon shows only the description, so a name is
never pasted into HTML unescaped. Coordinates are ``lon,lat`` at full precision.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from magroute.export.sheets import LonLat, RouteSheet, StopSheet
from magroute.export.stop_text import (
    coordinate,
    route_description,
    route_title,
    stop_description,
    stop_title,
    trip_line,
    trip_title,
    xml_text,
)

KML_NS = "http://www.opengis.net/kml/2.2"
STOPS_FOLDER = "Stops"
ROUTE_FOLDER = "Route"
EXTENDED_FIELDS = ("route_id", "vehicle_id", "seq", "trip", "kind", "pickup_id", "site_id",
                   "site_name", "arrival", "departure")

# KML colours are aabbggrr.
COLOURS = {
    "start": "ff00a000",  # green
    "pickup": "ffd07000",  # blue
    "break": "ff00c0ff",  # amber
    "rest": "ff808080",  # grey
    "unload": "ff0000e0",  # red
    "end": "ff0000e0",
}
TRACK_COLOUR = "ffff7f00"  # azure
TRACK_WIDTH = "4"


def route_kml(sheet: RouteSheet, *, title: str = "") -> str:
    """The route as a KML 2.2 document (text)."""
    # The namespace as a plain attribute: ET.register_namespace would change a process-wide
    # registry, and unqualified child tags then serialise without prefixes.
    root = ET.Element("kml", xmlns=KML_NS)
    doc = ET.SubElement(root, "Document")
    _text(doc, "name", route_title(sheet, title))
    _text(doc, "description", _html(route_title(sheet, title), route_description(sheet)))
    for kind, colour in COLOURS.items():
        style = ET.SubElement(doc, "Style", id=f"stop-{kind}")
        icon = ET.SubElement(style, "IconStyle")
        _text(icon, "color", colour)
        _balloon(style)
    style = ET.SubElement(doc, "Style", id="track")
    line = ET.SubElement(style, "LineStyle")
    _text(line, "color", TRACK_COLOUR)
    _text(line, "width", TRACK_WIDTH)
    _balloon(style)

    stops = ET.SubElement(doc, "Folder")
    _text(stops, "name", STOPS_FOLDER)
    for s in sheet.stops:
        _stop(stops, sheet, s)

    folder = ET.SubElement(doc, "Folder")
    _text(folder, "name", ROUTE_FOLDER)
    if sheet.n_trips == 1:
        _line(folder, route_title(sheet, title), route_description(sheet), sheet.track)
    else:
        for trip in sheet.trips:
            _line(folder, trip_title(sheet, trip, title), trip_line(trip), sheet.trip_track(trip.trip))

    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_route_kml(sheet: RouteSheet, path: Path | str, *, title: str = "") -> Path:
    """Write `route_kml` to `path` (UTF-8). Returns the path."""
    path = Path(path)
    path.write_text(route_kml(sheet, title=title), encoding="utf-8")
    return path


def _line(parent: ET.Element, name: str, description: str, line: Iterable[LonLat]) -> None:
    mark = ET.SubElement(parent, "Placemark")
    _text(mark, "name", name)
    _text(mark, "description", _html(name, description))
    _text(mark, "styleUrl", "#track")
    geometry = ET.SubElement(mark, "LineString")
    _text(geometry, "tessellate", "1")  # follow the ground in Google Earth, not a chord
    _text(geometry, "coordinates", " ".join(f"{coordinate(x)},{coordinate(y)}" for x, y in line))


def _stop(parent: ET.Element, sheet: RouteSheet, s: StopSheet) -> None:
    mark = ET.SubElement(parent, "Placemark")
    _text(mark, "name", stop_title(s))
    _text(mark, "description", _html(stop_title(s), stop_description(s), s.google_maps_url))
    when = ET.SubElement(mark, "TimeStamp")
    _text(when, "when", s.arrival.isoformat(timespec="seconds"))
    _text(mark, "styleUrl", f"#stop-{s.kind}" if s.kind in COLOURS else "#stop-pickup")
    data = ET.SubElement(mark, "ExtendedData")
    values = {
        "route_id": sheet.route_id, "vehicle_id": sheet.vehicle_id, "seq": str(s.seq),
        "trip": str(s.trip), "kind": s.kind, "pickup_id": s.pickup_id, "site_id": s.place_id,
        "site_name": s.name,
        "arrival": s.arrival.isoformat(timespec="seconds"),
        "departure": s.departure.isoformat(timespec="seconds"),
    }
    for name in EXTENDED_FIELDS:
        _text(ET.SubElement(data, "Data", name=name), "value", values[name])
    point = ET.SubElement(mark, "Point")
    _text(point, "coordinates", f"{coordinate(s.lon)},{coordinate(s.lat)}")


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = xml_text(text)
    return element


def _balloon(style: ET.Element) -> None:
    # Only the (escaped) description: the default balloon pastes $[name] into HTML as is.
    balloon = ET.SubElement(style, "BalloonStyle")
    _text(balloon, "text", "$[description]")


def _html(heading: str, text: str, link: str = "") -> str:
    """Plain text as a small HTML fragment: escaped, lines kept, an optional navigation link."""
    body = "<br>".join(html.escape(line) for line in text.splitlines())
    out = f"<b>{html.escape(heading)}</b><br>{body}"
    if link:
        out += f'<br><a href="{html.escape(link)}">Navigate (Google Maps)</a>'
    return out
