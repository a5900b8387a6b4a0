"""Road lines of a planned route: one line per stop-to-stop leg, cut where the driver rests.

The decoder places an overnight rest on the straight line between two stops, at the share of
the leg driven before the night. With a road source the truck is on the road, so each rest is
moved to the same share of the leg's road line, and the line is cut there: every pair of
consecutive events gets the piece of road between them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from functools import partial

import numpy as np

from magroute.domain.plan import PAUSE_KINDS, Plan, Route
from magroute.geo import haversine_km

LatLon = tuple[float, float]
Line = list[tuple[float, float]]  # (lon, lat)
# The road line of every leg between two consecutive events at different places.
LegLines = dict[tuple[LatLon, LatLon], Line]
# Where a route's leg from a to b goes round a zone it may not cross (travel/detours.py).
WayRound = Callable[[Route, LatLon, LatLon], list[LatLon]]


def cut_line(line: Line, shares: list[float]) -> tuple[list[Line], list[LatLon]]:
    """Cut `line` at increasing shares of its length; the pieces and the (lat, lon) cut points."""
    xy = np.asarray(line, dtype=float)
    pieces: list[Line]
    if len(xy) < 2:
        pieces = [list(map(tuple, xy))] * (len(shares) + 1)
        return pieces, [(float(xy[0, 1]), float(xy[0, 0]))] * len(shares)
    seg = haversine_km(xy[:-1, 1], xy[:-1, 0], xy[1:, 1], xy[1:, 0])
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    total = cum[-1]
    pieces = []
    cuts: list[LatLon] = []
    start_pt, start_i = tuple(xy[0]), 1
    for share in shares:
        d = min(max(share, 0.0), 1.0) * total
        i = int(np.searchsorted(cum, d, side="right"))
        i = min(max(i, 1), len(xy) - 1)
        t = 0.0 if seg[i - 1] == 0 else (d - cum[i - 1]) / seg[i - 1]
        pt = tuple(xy[i - 1] + (xy[i] - xy[i - 1]) * t)
        piece = [start_pt] + [tuple(p) for p in xy[start_i:i]] + [pt]
        pieces.append(_distinct(piece))
        cuts.append((round(float(pt[1]), 5), round(float(pt[0]), 5)))
        start_pt, start_i = pt, i
    rest = [start_pt] + [tuple(p) for p in xy[start_i:]]
    pieces.append(_distinct(rest))
    return pieces, cuts


def _distinct(points: Iterable[tuple[float, ...]]) -> Line:
    """Drop repeated consecutive points (a cut that falls on a vertex)."""
    out: Line = []
    for a, b in points:
        p = (float(a), float(b))
        if not out or out[-1] != p:
            out.append(p)
    return out


def route_stop_pairs(route: Route) -> list[tuple[LatLon, LatLon]]:
    """(from, to) of every leg of the route between two stops at different places."""
    stops = [e for e in route.events if e.kind not in PAUSE_KINDS]
    return [((a.lat, a.lon), (b.lat, b.lon)) for a, b in zip(stops, stops[1:], strict=False)
            if (a.lat, a.lon) != (b.lat, b.lon)]


def stop_pairs(plan: Plan) -> list[tuple[LatLon, LatLon]]:
    """(from, to) of every stop-to-stop leg of the plan (the legs `on_roads` asks lines for)."""
    return list(dict.fromkeys(p for route in plan.routes for p in route_stop_pairs(route)))


def on_roads(plan: Plan, line_of: Callable[[LatLon, LatLon], Line],
             way_round: WayRound | None = None) -> tuple[Plan, LegLines]:
    """The plan with every rest on its leg's road line, and {(a, b): line} for every pair of
    consecutive events at different places (a, b as (lat, lon)). A leg that goes round a ban
    zone (`way_round` gives its points) is drawn through them. Two trucks driving the same
    pair of stops differently (one round a zone, one through it) share one line: the last."""
    routes: list[Route] = []
    lines: LegLines = {}
    for route in plan.routes:
        r, ls = _route_on_roads(route, line_of if way_round is None
                                else _through(line_of, partial(way_round, route)))
        routes.append(r)
        lines.update(ls)
    return dataclasses.replace(plan, routes=tuple(routes)), lines


def _through(line_of: Callable[[LatLon, LatLon], Line],
             points_of: Callable[[LatLon, LatLon], list[LatLon]]
             ) -> Callable[[LatLon, LatLon], Line]:
    """line_of, but through the points a leg must pass on its way."""
    def line(a: LatLon, b: LatLon) -> Line:
        via = points_of(a, b)
        if not via:
            return line_of(a, b)
        path = [a, *via, b]
        out: Line = []
        for p, q in zip(path, path[1:], strict=False):
            out += line_of(p, q)[1 if out else 0:]
        return _distinct(out)
    return line


def _route_on_roads(route: Route, line_of: Callable[[LatLon, LatLon], Line]
                    ) -> tuple[Route, LegLines]:
    events = list(route.events)
    lines: LegLines = {}
    stops = [i for i, e in enumerate(events) if e.kind not in PAUSE_KINDS]
    for i, j in zip(stops, stops[1:], strict=False):
        a, b = events[i], events[j]
        if (a.lat, a.lon) == (b.lat, b.lon) and j == i + 1:
            continue
        line = line_of((a.lat, a.lon), (b.lat, b.lon))
        total = sum(e.leg_m for e in events[i + 1:j + 1])
        done, shares = 0, []
        for e in events[i + 1:j]:
            done += e.leg_m
            shares.append(done / total if total else 0.0)
        pieces, cuts = cut_line(line, shares)
        for k, (lat, lon) in enumerate(cuts):
            events[i + 1 + k] = dataclasses.replace(events[i + 1 + k], lat=lat, lon=lon)
        ends = [(events[k].lat, events[k].lon) for k in range(i, j + 1)]
        for (p, q), piece in zip(zip(ends, ends[1:], strict=False), pieces, strict=True):
            if p != q:
                lines[(p, q)] = piece
    return dataclasses.replace(route, events=tuple(events)), lines
