"""The line-haul shipments of a plan: what each consolidation hub sends on to the plant.

Everything unloaded at a hub during the plan leaves together on the hub's first scheduled
departure after the last unload, in as many full-truck trips as its weight needs, or as one
part-load consignment where the hub's part-load carrier is cheaper.
"""

from __future__ import annotations

import math
from datetime import datetime, time, timedelta

from magroute.domain.linehaul import LineHaul, LineHaulShipment
from magroute.domain.plan import Route
from magroute.domain.problem import Problem


def next_departure(lh: LineHaul, after: datetime) -> datetime:
    """The first scheduled departure at or after `after` (local time of `after`)."""
    day = after.date()
    for _ in range(8):
        leave = datetime.combine(day, time(0), after.tzinfo) + timedelta(minutes=lh.departure_min)
        if day.weekday() in lh.days and leave >= after:
            return leave
        day += timedelta(days=1)
    raise AssertionError("a line-haul leaves at least once a week")


def plan_shipments(problem: Problem, routes: tuple[Route, ...]) -> tuple[LineHaulShipment, ...]:
    weights = {s.site_id: s.gross_weight_kg for s in problem.sites}
    out = []
    for lh in problem.line_hauls:
        unloads = [(u.departure, sum(weights.get(s, 0.0) for s in r.trip_site_ids(u.trip)))
                   for r in routes for u in r.unloads if u.site_id == lh.hub_id]
        if not unloads:
            continue
        kg = round(sum(w for _, w in unloads), 1)
        trips = math.ceil(kg / lh.payload_kg - 1e-9)
        mode = lh.mode(kg, trips)
        out.append(LineHaulShipment(lh.hub_id, problem.hub_id,
                                    next_departure(lh, max(t for t, _ in unloads)), kg,
                                    trips if mode == "ftl" else 0, lh.cost_inr(kg, trips),
                                    lh.road_km, mode))
    return tuple(out)
