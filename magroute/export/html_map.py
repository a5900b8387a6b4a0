"""map.html: the whole plan as one self-contained, offline, interactive HTML map.

One file with no third-party code and no tiles: Python prepares the plan as JSON (routes, stops,
unserved sites, hubs, India's state outlines, preformatted popup text) and a small vanilla-JS
program (`map_assets/map.js`) draws it as SVG. It opens from file:// with no network, and a
Content-Security-Policy with the hashes of our own script and style forbids every other script
and every network fetch, so a site name holding markup stays text even if a bug let it through.
Popup and legend text is written with `textContent` only; see `map_assets/map.js`.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from shapely.geometry import LineString, shape

from magroute.analysis.kpis import PlanKpis
from magroute.bundled import GEO_DIR
from magroute.domain.hub import Hub
from magroute.domain.plan import Plan, Unserved
from magroute.domain.problem import Problem
from magroute.domain.site import Site
from magroute.export.safety import json_for_script
from magroute.export.sheets import RouteSheet, StopSheet
from magroute.formatting import grouped, inr

STATES_GEOJSON = GEO_DIR / "india_states.geojson"

# Qualitative colours that stay apart on the pale land fill and from the grey of unserved sites
# (Tableau 10 without its grey, then darker companions); routes beyond 16 reuse them in order.
PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#393b79", "#ad494a", "#637939", "#7b4173", "#0b7a75", "#d6a21e", "#5c3c24",
)
# Routes past the palette's length come back dashed, then dotted, so no two routes look alike
# until 48 of them.
DASHES = ("", "10 6", "3 4")
# ~2 km for state borders (invisible at India scale, 8x smaller file); ~50 m for road lines,
# which keeps a bend's shape at street zoom while dropping the resampled highway vertices.
STATE_TOLERANCE_DEG = 0.02
TRACK_TOLERANCE_DEG = 0.0005
STATE_ATTRIBUTION = ("State outlines © OpenStreetMap contributors (ODbL), via geoBoundaries.org "
                     "(Runfola et al. 2020)")
_ASSETS = "map_assets"


def route_color(index: int) -> str:
    """The colour of the `index`-th route (0-based) in the map, legend and tests."""
    return PALETTE[index % len(PALETTE)]


def route_dash(index: int) -> str:
    """The SVG dash pattern of the `index`-th route: "" (solid) for the first len(PALETTE)."""
    return DASHES[(index // len(PALETTE)) % len(DASHES)]


def write_plan_map(problem: Problem, plan: Plan, sheets: tuple[RouteSheet, ...], kpis: PlanKpis,
                   path: Path | str, *, title: str = "") -> Path:
    """Write `plan_map_html` to `path` (UTF-8) and return the path."""
    path = Path(path)
    path.write_text(plan_map_html(problem, plan, sheets, kpis, title=title), encoding="utf-8")
    return path


def plan_map_html(problem: Problem, plan: Plan, sheets: tuple[RouteSheet, ...], kpis: PlanKpis, *,
                  title: str = "") -> str:
    """The plan as one HTML document that draws itself offline (see the module docstring).

    `sheets` are the plan's route sheets (`route_sheets`), with road lines when known; `kpis`
    supply the summary panel and each route's cost; `title` defaults to the scenario name.
    """
    data = plan_map_data(problem, plan, sheets, kpis, title=title)
    script = _asset("map.js")
    style = _asset("map.css")
    # The CSP pins our one script and one style by hash: nothing else may run or load.
    csp = ("default-src 'none'; "
           f"script-src '{_sha256(script)}'; style-src '{_sha256(style)}'; img-src data:")
    return _TEMPLATE.format(
        csp=html.escape(csp, quote=False), title=html.escape(data["title"]), style=style,
        data=json_for_script(data), script=script)


def plan_map_data(problem: Problem, plan: Plan, sheets: tuple[RouteSheet, ...], kpis: PlanKpis, *,
                  title: str = "") -> dict[str, Any]:
    """What map.js draws, as plain JSON-able data: coordinates are [lon, lat] (flat arrays for
    lines), and every clickable thing carries its popup as a title and (label, text) rows."""
    cost = {r.route_id: r.cost_inr for r in kpis.route_kpis}
    routes: list[dict[str, Any]] = []
    stops: list[dict[str, Any]] = []
    for i, sheet in enumerate(sheets):
        pickups = len(sheet.pickups)
        routes.append({
            "id": sheet.route_id, "vehicle": sheet.vehicle_id, "label": sheet.vehicle_label,
            "color": route_color(i), "dash": route_dash(i), "pickups": pickups,
            "trips": sheet.n_trips,
            "km": round(sheet.distance_km, 1),
            "value": inr(sheet.value_inr), "track": _track(sheet),
            "title": f"Route {sheet.route_id}", "rows": _route_rows(sheet, cost.get(sheet.route_id)),
        })
        for s in sheet.stops:
            if s.kind == "pickup":
                stops.append({"route": i, "kind": "pickup", "n": s.number, "lat": s.lat, "lon": s.lon,
                              "title": s.name or s.place_id, "rows": _pickup_rows(sheet, s, pickups)})
            elif s.kind in ("break", "rest"):
                stops.append({"route": i, "kind": s.kind, "n": 0, "lat": s.lat, "lon": s.lon,
                              "title": ("Overnight rest" if s.kind == "rest" else "Driver's break")
                              + (f" at {s.name}" if s.name else ""),  # waiting at the hub
                              "rows": _pause_rows(sheet, s)})
            elif s.kind == "unload" and sheet.n_trips > 1:
                # A truck that sets out again: each unload is a stop of its own at the hub.
                stops.append({"route": i, "kind": "unload", "n": s.trip, "lat": s.lat, "lon": s.lon,
                              "title": f"Unload {s.trip} of {s.n_trips} at {s.name or s.place_id}",
                              "rows": _unload_rows(sheet, s)})
    sites = {s.site_id: s for s in problem.sites}
    unserved: list[dict[str, Any]] = []
    for u in plan.unserved:
        site = sites.get(u.site_id)
        if site is None:  # a plan read back against other inputs: nothing to place on the map
            continue
        unserved.append({"lat": site.lat, "lon": site.lon, "title": site.name or site.site_id,
                         "rows": _unserved_rows(site, u)})
    starts: dict[str, int] = {}
    unloads: dict[str, int] = {}
    for sheet in sheets:
        starts[sheet.start_hub] = starts.get(sheet.start_hub, 0) + 1
        for s in sheet.stops:
            if s.kind == "unload":
                unloads[s.place_id] = unloads.get(s.place_id, 0) + 1
    hubs: list[dict[str, Any]] = [{"id": h.hub_id, "lat": h.lat, "lon": h.lon, "title": h.name or h.hub_id,
             "primary": h.hub_id == problem.hub_id,
             "rows": _hub_rows(h, h.hub_id == problem.hub_id, starts.get(h.hub_id, 0),
                               unloads.get(h.hub_id, 0))}
            for h in problem.hubs]
    lats = [p["lat"] for p in (*stops, *unserved, *hubs)]
    lats += [y for r in routes for y in r["track"][1::2]]
    return {
        "title": title or kpis.scenario or problem.name or "Collection plan",
        "subtitle": _dates(problem),
        "summary": _summary_rows(kpis),
        # Equirectangular with x scaled by cos(mid-latitude): true shapes near the plan.
        "lat0": round((min(lats) + max(lats)) / 2, 4) if lats else 22.0,
        "routes": routes, "stops": stops, "unserved": unserved, "hubs": hubs,
        "states": state_outlines(), "attribution": STATE_ATTRIBUTION,
    }


# ------------------------------------------------------------------ geometry


def _track(sheet: RouteSheet) -> list[float]:
    """The route's line as a flat [lon, lat, lon, lat, ...] list, simplified leg by leg so that
    it still passes through every stop."""
    out: list[float] = []
    for _, _, line in sheet.legs:
        if len(line) > 2:
            simple = LineString(line).simplify(TRACK_TOLERANCE_DEG).coords
            line = tuple((x, y) for x, y, *_ in simple)
        for lon, lat in line:
            point = [round(lon, 4), round(lat, 4)]
            if out[-2:] != point:
                out.extend(point)
    return out


def state_outlines(path: Path | str = STATES_GEOJSON,
                   tolerance: float = STATE_TOLERANCE_DEG) -> list[dict[str, Any]]:
    """[{"name", "rings": [[lon, lat, ...], ...]}] of the bundled state polygons, simplified;
    [] when the file is missing (an install without data/): the map then draws no outlines."""
    return _state_outlines(str(path), tolerance)


@lru_cache(maxsize=2)  # the source is ~1 MB of GeoJSON: read it once per process
def _state_outlines(path: str, tolerance: float) -> list[dict[str, Any]]:
    try:
        features = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    out = []
    for f in features:
        geom = shape(f["geometry"]).simplify(tolerance, preserve_topology=True)
        polygons = sorted(getattr(geom, "geoms", [geom]), key=lambda p: -p.area)
        # Islands smaller than the tolerance vanish, except a state's largest (Lakshadweep).
        keep = [p for i, p in enumerate(polygons) if not p.is_empty and (i == 0 or p.area > tolerance ** 2)]
        rings = [[round(c, 3) for xy in ring.coords for c in xy]
                 for p in keep for ring in (p.exterior, *p.interiors)]
        out.append({"name": str(f["properties"].get("shapeName", "")), "rings": rings})
    return out


# ------------------------------------------------------------------ popup text


def _when(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment:%a %d %b %H:%M}"


def _span(a: datetime | None, b: datetime | None) -> str:
    if a is None or b is None:
        return ""
    return f"{_when(a)}–{b:%H:%M}" if a.date() == b.date() else f"{_when(a)} – {_when(b)}"


def _kg(kg: float, decimals: int = 1) -> str:
    return f"{grouped(kg, decimals)} kg"


def _rows(*pairs: tuple[str, str]) -> list[list[str]]:
    return [[label, text] for label, text in pairs if text]


def _vehicle(sheet: RouteSheet) -> str:
    return f"{sheet.vehicle_label} ({sheet.vehicle_id})" if sheet.vehicle_label else sheet.vehicle_id


def _trip(s: StopSheet) -> str:
    """'2 of 3' on a route of several trips; '' (no row) on a route of one."""
    return f"{s.trip} of {s.n_trips}" if s.n_trips > 1 else ""


def _pickup_rows(sheet: RouteSheet, s: StopSheet, pickups: int) -> list[list[str]]:
    return _rows(
        ("Pickup ID", s.pickup_id),
        ("Site ID", s.place_id),
        ("Route", f"{sheet.route_id} · stop {s.number} of {pickups}"),
        ("Trip", _trip(s)),
        ("Vehicle", _vehicle(sheet)),
        ("ETA", _when(s.arrival)),
        ("Loading", _span(s.service_start, s.departure)),
        ("Window", _span(s.window_open, s.window_close)),
        ("Scrap (expected)", _kg(s.gross_kg, 0)),
        ("Magnet (expected)", _kg(s.magnet_kg)),
        ("Value (expected)", inr(s.value_inr)),
        ("By-products (expected)", inr(s.byproduct_inr) if s.byproduct_inr else ""),
        ("Purchase (expected)", inr(s.purchase_inr) if s.purchase_inr else ""),
        ("E-way bill", "needed for this consignment" if s.eway_bill_needed else ""),
        ("Load after", f"{_kg(s.load_kg, 0)} of {_kg(sheet.capacity_kg, 0)}"),
        ("Must collect", "yes" if s.must_collect else ""),
        ("Type", s.site_type.replace("_", " ")),
        ("Address", s.address),
        ("Opening hours", s.opening_hours),
        ("Contact", s.contact),
        ("Lat, lon", f"{s.lat:.5f}, {s.lon:.5f}"),
    )


def _pause_rows(sheet: RouteSheet, s: StopSheet) -> list[list[str]]:
    return _rows(("Route", sheet.route_id), ("Trip", _trip(s)), ("Vehicle", _vehicle(sheet)),
                 ("From", _when(s.arrival)), ("Until", _when(s.departure)),
                 ("Load on board", _kg(s.load_kg, 0)))


def _unload_rows(sheet: RouteSheet, s: StopSheet) -> list[list[str]]:
    trip = sheet.trips[s.trip - 1]
    return _rows(
        ("Route", sheet.route_id),
        ("Trip", _trip(s)),
        ("Vehicle", _vehicle(sheet)),
        ("Hub", f"{s.name} ({s.place_id})" if s.name else s.place_id),
        ("Arrives", _when(s.arrival)),
        ("Unloading", _span(s.service_start, s.departure)),
        ("Pickups on this trip", ", ".join(str(p.number) for p in trip.pickups) or "none"),
        ("Scrap to unload (expected)", _kg(s.unload_kg, 0)),
        ("Magnet (expected)", _kg(trip.magnet_kg)),
        ("Value (expected)", inr(trip.value_inr)),
        ("Purchase (expected)", inr(trip.purchase_inr) if trip.purchase_inr else ""),
        ("E-way bill", "needed for pickup " + ", ".join(str(p.number) for p in trip.eway_pickups)
         if trip.eway_bill_needed else ""),
    )


def _route_rows(sheet: RouteSheet, cost_inr: float | None) -> list[list[str]]:
    unload = sheet.end_hub_name or sheet.end_hub
    rows = _rows(
        ("Vehicle", _vehicle(sheet)),
        ("Pickups", str(len(sheet.pickups))),
        ("Trips", str(sheet.n_trips) if sheet.n_trips > 1 else ""),
        ("Distance", f"{grouped(sheet.distance_km, 1)} km"),
        ("Departs", f"{_when(sheet.start)} from {sheet.start_hub_name or sheet.start_hub}"),
        ("Returns", f"{_when(sheet.end)} to {unload}"),
        ("Scrap (expected)", _kg(sheet.gross_kg, 0)),
        ("Magnet (expected)", _kg(sheet.magnet_kg)),
        ("Value (expected)", inr(sheet.value_inr)),
        ("Cost", inr(cost_inr) if cost_inr is not None else ""),
    )
    for s in sheet.stops:
        if s.kind == "pickup":
            rows.append([f"{s.number}. {s.arrival:%a %H:%M}", s.name or s.place_id])
        elif s.kind == "unload" and sheet.n_trips > 1:  # the trips' ends, between their pickups
            rows.append([f"Unload {s.trip}. {s.arrival:%a %H:%M}",
                         f"{s.name or s.place_id} · {_kg(s.unload_kg, 0)}"])
    return rows


def _unserved_rows(site: Site, u: Unserved) -> list[list[str]]:
    place = ", ".join(p for p in (site.city, site.state) if p)
    return _rows(
        ("Site ID", site.site_id),
        ("Not served", u.reason or "no reason given"),
        ("Binding rule", u.binding.replace("_", " ")),
        # the prize: magnets + by-products - purchase (at least 0), as the break-even below
        ("Value to the plan (expected)", inr(u.expected_value_inr)),
        ("Served from a value of", "" if u.break_even_value_inr is None
         else inr(u.break_even_value_inr)),
        ("Scrap (expected)", _kg(site.gross_weight_kg, 0)),
        ("Must collect", "yes" if site.must_collect else ""),
        ("Type", site.site_type.replace("_", " ")),
        ("Address", f"{place} {site.pincode}".strip()),
        ("Opening hours", str(site.hours)),
        ("Contact", site.contact),
        ("Lat, lon", f"{site.lat:.5f}, {site.lon:.5f}"),
    )


def _hub_rows(hub: Hub, primary: bool, routes: int, unloads: int = 0) -> list[list[str]]:
    return _rows(
        ("Hub ID", hub.hub_id),
        ("Role", "plant: routes unload here" if primary else "hub"),
        ("Routes starting here", str(routes)),
        ("Unloads here", str(unloads) if unloads else ""),
        ("PIN code", hub.pincode),
        ("Receiving", str(hub.receiving)),
        ("Unloading", f"{hub.unload_minutes} min"),
    )


def _dates(problem: Problem) -> str:
    h = problem.horizon
    first: date = h.start_date
    last = h.day_date(h.days - 1)
    days = f"{h.days} day" + ("s" if h.days != 1 else "")
    if h.days == 1:
        return f"{first:%a %d %b %Y} · {days}"
    return f"{first:%a %d %b} – {last:%a %d %b %Y} · {days}"


def _summary_rows(kpis: PlanKpis) -> list[list[str]]:
    k = kpis
    return _rows(
        ("Sites served", f"{k.sites_served} of {k.sites_total}"),
        ("Sites unserved", str(k.sites_unserved)),
        ("Unserved value", inr(k.unserved_value_inr)),
        ("Routes", f"{k.routes} of {k.vehicles_available} trucks"),
        ("Distance", f"{grouped(k.distance_km, 0)} km"),
        ("Magnet (expected)", _kg(k.magnet_kg.get("expected", 0.0))),
        ("Value (expected)", inr(k.value_inr.get("expected"))),
        ("By-products (expected)", inr(k.byproduct_value_inr.get("expected"))),
        ("Purchase (expected)", inr(k.purchase_cost_inr.get("expected"))),
        ("Cost", inr(k.cost_inr.get("total"))),
        ("Net value", inr(k.net_value_inr)),
        ("Margin", inr(k.margin_inr.get("expected"))),
        ("Solver status", k.status),
    )


# ------------------------------------------------------------------ document


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(_ASSETS, name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="magroute">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<div id="app">
<aside id="side">
<header><h1 id="title"></h1><p id="subtitle"></p></header>
<section><h2>Summary</h2><dl id="summary"></dl></section>
<section id="legend"><h2>Routes <span class="tools"><button type="button" id="all-routes">all</button>\
<button type="button" id="no-routes">none</button></span></h2><ul id="routes"></ul>
<h2>Layers</h2><ul id="layers"></ul></section>
<footer id="attribution"></footer>
</aside>
<main id="map">
<svg id="svg" role="img" aria-label="Map of the plan"></svg>
<div id="controls"><button type="button" id="zoom-in" title="Zoom in (+)">+</button>\
<button type="button" id="zoom-out" title="Zoom out (-)">−</button>\
<button type="button" id="fit" title="Fit the plan (0)">Fit plan</button>\
<button type="button" id="india" title="All of India">India</button></div>
<div id="scale"><div id="scale-bar"></div><span id="scale-text"></span></div>
<div id="popup" hidden><button type="button" id="popup-close" title="Close (Esc)">×</button>\
<div id="popup-kind"></div><h3 id="popup-title"></h3><dl id="popup-rows"></dl></div>
<noscript><p class="noscript">This map needs JavaScript (no network is used).</p></noscript>
</main>
</div>
<script type="application/json" id="plan-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
