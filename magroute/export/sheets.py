"""Route sheets: one plain view of a route that every driver and planner format renders.

GPX, KML, the manifests, the map, the spreadsheet and the pickup ledger all need the same
facts per stop (who, where, when, what to collect, how to navigate there, its pickup ID).
They are derived here once, from (problem, plan, leg lines), so the formats cannot disagree.

A **pickup ID** names one planned pickup for traceability from the site to the hub's
weighbridge: ``PK-<first plan day YYYYMMDD>-<route id>-<pickup number on the route, 2 digits>``,
e.g. ``PK-20261123-R03-05``. Unique within a plan; the date makes it unique across nights.
Pickups are numbered along the whole route, across its trips, so a route that unloads at the hub
and sets out again keeps one series (trip 2 goes on from trip 1's last number).

A **trip** is a truck's round from the hub, through its pickups, back to unload there: what it
carries is one load. A route has one trip or several (`TripSheet`); paperwork that belongs to a
load (the weighbridge slip at the unload) is per trip.

A **consignment** is one pickup: the goods bought from one seller, on its own invoice. Its value
is that invoice, the purchase price paid to the seller (`purchase_inr`), not what the magnets
are worth to the plant; the e-way bill is tested per consignment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import quote

from magroute.domain.hub import Hub
from magroute.domain.plan import PAUSE_KINDS, Plan, Route
from magroute.domain.problem import Problem
from magroute.domain.site import Site
from magroute.domain.yields import SiteYield
from magroute.export.geojson import LegGeometry, straight_line
from magroute.export.safety import safe_filename, unique_filenames

LonLat = tuple[float, float]

# CGST Rule 138: an e-way bill is needed when a consignment's value exceeds INR 50,000 (several
# states set INR 1 lakh within the state: domain.md s4). The manifest flags the lower figure.
# A consignment is one pickup (one seller, one invoice), valued at its purchase price.
EWAY_BILL_THRESHOLD_INR = 50_000.0


@dataclass(frozen=True, slots=True)
class StopSheet:
    """One event of a route, as a driver or planner reads it."""

    seq: int  # the event's position in the route (routes.csv `seq`)
    kind: str  # start | pickup | break | rest | unload | end
    day: int  # 1-based plan day
    date: date
    arrival: datetime
    service_start: datetime
    departure: datetime
    lat: float
    lon: float
    place_id: str = ""  # site or hub id
    name: str = ""
    pickup_id: str = ""  # pickups only
    number: int = 0  # pickups only: 1, 2, ... along the route
    site_type: str = ""
    city: str = ""
    state: str = ""
    pincode: str = ""
    contact: str = ""
    opening_hours: str = ""  # e.g. "Mon-Sat 10:00-19:00"
    window_open: datetime | None = None
    window_close: datetime | None = None
    items: tuple[tuple[str, int], ...] = ()  # (item_id, count) to collect
    gross_kg: float = 0.0  # expected scrap weight to load
    magnet_kg_by_type: tuple[tuple[str, float], ...] = ()
    magnet_kg: float = 0.0
    value_inr: float = 0.0  # expected value of the magnets
    byproduct_inr: float = 0.0  # expected value of the other metals and boards
    purchase_inr: float = 0.0  # expected purchase price: the consignment's invoice value
    must_collect: bool = False
    load_kg: float = 0.0  # on board after the stop
    leg_km: float = 0.0  # driven since the previous stop
    trip: int = 1  # the route's trip this stop belongs to (an unload ends its trip)
    n_trips: int = 1  # trips of the whole route
    unload_kg: float = 0.0  # unloads only: the expected gross weight of the trip's load

    @property
    def eway_bill_needed(self) -> bool:
        """A pickup whose consignment (its purchase price) is worth more than the threshold."""
        return self.kind == "pickup" and self.purchase_inr > EWAY_BILL_THRESHOLD_INR

    @property
    def address(self) -> str:
        """What we know of the address: city, state and PIN code."""
        place = ", ".join(p for p in (self.city, self.state) if p)
        return f"{place} {self.pincode}".strip()

    @property
    def google_maps_url(self) -> str:
        return f"https://www.google.com/maps/dir/?api=1&destination={self.lat:.6f},{self.lon:.6f}"

    @property
    def geo_uri(self) -> str:
        """RFC 5870 geo: URI (Android map apps, OsmAnd) with the stop's name as its label."""
        label = quote(self.name or self.kind, safe="")
        return f"geo:{self.lat:.6f},{self.lon:.6f}?q={self.lat:.6f},{self.lon:.6f}({label})"


class _Load:
    """Totals of a stretch of stops (a route, or one trip of it)."""

    __slots__ = ()
    stops: tuple[StopSheet, ...]

    @property
    def pickups(self) -> tuple[StopSheet, ...]:
        return tuple(s for s in self.stops if s.kind == "pickup")

    @property
    def distance_km(self) -> float:
        return sum(s.leg_km for s in self.stops)

    @property
    def gross_kg(self) -> float:
        return sum(s.gross_kg for s in self.pickups)

    @property
    def magnet_kg(self) -> float:
        return sum(s.magnet_kg for s in self.pickups)

    @property
    def value_inr(self) -> float:
        return sum(s.value_inr for s in self.pickups)

    @property
    def byproduct_inr(self) -> float:
        return sum(s.byproduct_inr for s in self.pickups)

    @property
    def purchase_inr(self) -> float:
        return sum(s.purchase_inr for s in self.pickups)

    @property
    def eway_pickups(self) -> tuple[StopSheet, ...]:
        """The pickups whose consignment needs an e-way bill."""
        return tuple(s for s in self.pickups if s.eway_bill_needed)

    @property
    def eway_bill_needed(self) -> bool:
        """Whether some consignment needs an e-way bill (each pickup is tested on its own:
        two small invoices on one truck need none)."""
        return bool(self.eway_pickups)


@dataclass(frozen=True, slots=True)
class RouteSheet(_Load):
    route_id: str
    vehicle_id: str
    vehicle_type: str
    vehicle_label: str
    vehicle_class: str
    capacity_kg: float
    start_hub: str  # hub id where the truck starts
    start_hub_name: str
    end_hub: str  # where it unloads
    end_hub_name: str
    end_hub_pincode: str
    stops: tuple[StopSheet, ...]
    legs: tuple[tuple[int, int, tuple[LonLat, ...]], ...]  # (seq_from, seq_to, line)

    @property
    def start(self) -> datetime:
        return self.stops[0].departure

    @property
    def end(self) -> datetime:
        return self.stops[-1].arrival

    @property
    def n_trips(self) -> int:
        return max((s.trip for s in self.stops), default=1)

    @property
    def trips(self) -> tuple[TripSheet, ...]:
        """The route's trips in order, each with its stops (an unload ends each)."""
        out = []
        for k in range(1, self.n_trips + 1):
            stops = tuple(s for s in self.stops if s.trip == k)
            out.append(TripSheet(k, self.n_trips, stops, self._leaves_hub(k)))
        return tuple(out)

    def _leaves_hub(self, trip: int) -> datetime:
        """When the truck drives off for `trip`: the departure before the trip's first move (a
        wait at the hub between two trips is written as rests and breaks there)."""
        first = next(i for i, s in enumerate(self.stops) if s.trip == trip)
        for i in range(max(first, 1), len(self.stops)):
            if self.stops[i].leg_km > 0 or self.stops[i].trip != trip:
                return self.stops[i - 1].departure
        return self.stops[first].departure

    @property
    def track(self) -> tuple[LonLat, ...]:
        """The whole route as one line (legs joined, shared ends once)."""
        return _join(line for _, _, line in self.legs)

    def trip_track(self, trip: int) -> tuple[LonLat, ...]:
        """The line of one trip: the legs that lead to its stops (from the previous unload on)."""
        trips = {s.seq: s.trip for s in self.stops}
        return _join(line for _, j, line in self.legs if trips.get(j) == trip)

    @property
    def days(self) -> tuple[tuple[int, date, tuple[StopSheet, ...]], ...]:
        """Stops grouped by plan day: (day, date, stops)."""
        out: dict[int, list[StopSheet]] = {}
        for s in self.stops:
            out.setdefault(s.day, []).append(s)
        return tuple((d, stops[0].date, tuple(stops)) for d, stops in out.items())


@dataclass(frozen=True, slots=True)
class TripSheet(_Load):
    """One trip of a route: out from the hub, the pickups, back to unload (one load).

    `stops` are the route's events of this trip in order: for a later trip the wait at the hub
    first, its unload near the end, and the route's `end` after the last trip's unload.
    """

    trip: int
    n_trips: int
    stops: tuple[StopSheet, ...]
    leaves: datetime  # when the truck drives off from the hub

    @property
    def unload(self) -> StopSheet | None:
        return next((s for s in self.stops if s.kind == "unload"), None)


def _join(lines: Iterable[Sequence[LonLat]]) -> tuple[LonLat, ...]:
    """Legs joined into one line, the point two legs share once."""
    out: list[LonLat] = []
    for line in lines:
        out.extend(line[1:] if out and line and out[-1] == line[0] else line)
    return tuple(out)


def pickup_id(first_day: date, route_id: str, number: int) -> str:
    route = re.sub(r"[^A-Za-z0-9]+", "", route_id) or "R"
    return f"PK-{first_day:%Y%m%d}-{route}-{number:02d}"


def route_sheets(problem: Problem, plan: Plan, *,
                 leg_geometry: LegGeometry = straight_line) -> tuple[RouteSheet, ...]:
    """A RouteSheet per route of the plan, in plan order."""
    sites = {s.site_id: s for s in problem.sites}
    hubs = {x.hub_id: x for x in problem.hubs}
    yields = {y.site_id: y for y in problem.yields}
    return tuple(_sheet(problem, r, leg_geometry, sites, hubs, yields) for r in plan.routes)


def _sheet(problem: Problem, route: Route, leg_geometry: LegGeometry, sites: dict[str, Site],
           hubs: dict[str, Hub], yields: dict[str, SiteYield]) -> RouteSheet:
    h = problem.horizon
    vehicle = next((v for v in problem.vehicles if v.vehicle_id == route.vehicle_id), None)
    stops: list[StopSheet] = []
    number = 0
    for seq, e in enumerate(route.events):
        day = h.day_of(e.service_start)
        # The fields every stop has, whatever its kind (StopSheet's own types check them).
        common: dict[str, Any] = dict(seq=seq, kind=e.kind, day=day + 1, date=h.day_date(day),
                      arrival=_local(e.arrival, h.tz), service_start=_local(e.service_start, h.tz),
                      departure=_local(e.departure, h.tz), lat=e.lat, lon=e.lon,
                      place_id=e.site_id, load_kg=e.load_kg, leg_km=e.leg_m / 1000,
                      trip=e.trip, n_trips=route.n_trips,
                      window_open=_local(e.window_open, h.tz),
                      window_close=_local(e.window_close, h.tz))
        site = sites.get(e.site_id) if e.kind == "pickup" else None
        if site is not None:
            number += 1
            y = yields[site.site_id]
            stops.append(StopSheet(
                **common, name=site.name, pickup_id=pickup_id(h.start_date, route.route_id, number),
                number=number, site_type=site.site_type, city=site.city, state=site.state,
                pincode=site.pincode, contact=site.contact, opening_hours=str(site.hours),
                items=site.inventory, gross_kg=site.gross_weight_kg,
                magnet_kg_by_type=y.magnet_kg_by_type, magnet_kg=y.magnet_kg.expected,
                value_inr=y.value_inr.expected, byproduct_inr=y.byproduct_inr.expected,
                purchase_inr=y.purchase_inr.expected, must_collect=site.must_collect))
            continue
        if e.kind == "unload":
            common["unload_kg"] = sum(s.gross_kg for s in stops if s.trip == e.trip)
        hub = hubs.get(e.site_id) if e.kind in ("start", "unload", "end") else None
        if e.kind in PAUSE_KINDS and _waits_at_hub(stops, e.lat, e.lon):
            # A wait at the hub (between two trips, or before setting out): name the hub, so no
            # one reads it as a stop on the road.
            hub = hubs.get(stops[-1].place_id)
            common["place_id"] = stops[-1].place_id
        if hub is not None:
            hours = "" if e.kind in PAUSE_KINDS else str(hub.receiving)
            stops.append(StopSheet(**common, name=hub.name, pincode=hub.pincode, opening_hours=hours))
        else:
            stops.append(StopSheet(**common))
    legs = []
    for (i, a), (j, b) in pairwise(enumerate(route.events)):
        if (a.lat, a.lon) == (b.lat, b.lon):
            continue
        line = tuple((float(x), float(y)) for x, y in leg_geometry((a.lat, a.lon), (b.lat, b.lon)))
        legs.append((i, j, line))
    start = hubs.get(route.events[0].site_id)
    unload = next((e for e in route.events if e.kind == "unload"), route.events[-1])
    end = hubs.get(unload.site_id)
    return RouteSheet(
        route_id=route.route_id, vehicle_id=route.vehicle_id, vehicle_type=route.vehicle_type,
        vehicle_label=vehicle.vtype.label if vehicle else route.vehicle_type,
        vehicle_class=vehicle.vtype.vehicle_class if vehicle else "",
        capacity_kg=route.capacity_kg,
        start_hub=start.hub_id if start else route.events[0].site_id,
        start_hub_name=start.name if start else "",
        end_hub=end.hub_id if end else unload.site_id, end_hub_name=end.name if end else "",
        end_hub_pincode=end.pincode if end else "",
        stops=tuple(stops), legs=tuple(legs))


def _waits_at_hub(before: list[StopSheet], lat: float, lon: float) -> bool:
    """Whether a break or rest at (lat, lon) after the stops `before` is spent at the hub: right
    after the start or an unload there, or after another such wait, without moving."""
    last = before[-1] if before else None
    return (last is not None and (last.lat, last.lon) == (lat, lon) and bool(last.place_id)
            and last.kind in ("start", "unload", *PAUSE_KINDS))


def _local(moment: datetime | None, tz: tzinfo) -> datetime | None:
    return None if moment is None else moment.astimezone(tz)


def route_file_stems(sheets: Sequence[RouteSheet]) -> list[str]:
    """A safe, distinct file-name stem per sheet, in order: ``<route_id>-<vehicle_id>`` with
    each id made safe on its own (ids come from planners' files and may hold path characters)."""
    ids = [(s.route_id, s.vehicle_id) for s in sheets]
    if len(set(ids)) != len(ids):
        # Equal ids would share a stem and the later route would overwrite the earlier's files.
        raise ValueError(f"route ids repeat: {sorted({r for r, _ in ids if ids.count((r, _)) > 1})}")
    return unique_filenames([f"{safe_filename(r)}-{safe_filename(v)}" for r, v in ids])


def legs_from_geojson(path: Path | str) -> LegGeometry | None:
    """The leg lines of a written routes.geojson as a LegGeometry (keyed by the legs' ends);
    None if the file is missing or unreadable, so callers fall back to straight lines."""
    try:
        fc = json.loads(Path(path).read_text(encoding="utf-8"))
        features = fc["features"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    ends: dict[str, dict[int, tuple[float, float]]] = {}
    lines: list[tuple[str, int, int, list]] = []
    for f in features:
        try:
            p, g = f["properties"], f["geometry"]
            if p.get("kind") == "leg":
                lines.append((p["route_id"], p["seq_from"], p["seq_to"], g["coordinates"]))
            elif g["type"] == "Point" and "route_id" in p:
                lon, lat = g["coordinates"][:2]
                ends.setdefault(p["route_id"], {})[p["seq"]] = (lat, lon)
        except (KeyError, TypeError, ValueError):
            continue
    by_pair: dict[tuple[tuple[float, float], tuple[float, float]], list[LonLat]] = {}
    for route_id, i, j, coords in lines:
        points = ends.get(route_id, {})
        if i in points and j in points:
            by_pair[(points[i], points[j])] = [(float(c[0]), float(c[1])) for c in coords]
    return lambda a, b: by_pair.get((a, b)) or straight_line(a, b)
