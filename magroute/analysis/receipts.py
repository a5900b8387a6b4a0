"""Reconcile what the hub weighed in against the pickups the plan promised.

Per pickup: `ok` (within the tolerance of the expected gross weight), `short`, `over`,
`missing` (planned, never weighed) or `unexpected` (weighed, not in the plan). Per route: the
totals and the count of each status. Per trip of a route, i.e. per unload at the hub (one load,
one weighbridge slip): planned against weighed kg and the load's own status, `ok`, `short` or
`over` within the tolerance, `missing` when nothing of it was weighed. Weigh-ins of pickup IDs the
plan does not know belong to no trip: each route with some has one more trip row, trip None,
status `unexpected`, so a route's trips add up to the route. Pure functions of (ledger,
weighbridge records).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass

from magroute.domain.pickup import RECEIPT_STATUSES, PlannedPickup, WeighIn

DEFAULT_TOLERANCE = 0.10  # scrap estimates are rough: +-10 % of the expected kg is "as planned"


@dataclass(frozen=True, slots=True)
class PickupReceipt:
    pickup_id: str
    status: str
    route_id: str = ""
    vehicle_id: str = ""
    site_id: str = ""
    site_name: str = ""
    planned_kg: float | None = None
    received_kg: float | None = None
    weighbridge_row: int | None = None
    trip: int | None = None  # None for an unexpected pickup: no trip of the plan brought it

    @property
    def difference_kg(self) -> float | None:
        if self.planned_kg is None or self.received_kg is None:
            return None
        return self.received_kg - self.planned_kg


@dataclass(frozen=True, slots=True)
class RouteReceipt:
    route_id: str  # "" for unexpected pickups on no known route
    vehicle_id: str
    planned_kg: float
    received_kg: float
    counts: tuple[tuple[str, int], ...]  # (status, count) for every status
    trips: int = 1  # trips the plan gives the route (unloads at the hub)

    def count(self, status: str) -> int:
        return dict(self.counts)[status]


@dataclass(frozen=True, slots=True)
class TripReceipt:
    """One unload at the hub: a route's trip, what its pickups should weigh against what was
    weighed in for them (what the trip's weighbridge slip should show)."""

    route_id: str
    vehicle_id: str
    trip: int | None  # None: the route's unexpected weigh-ins, on no trip of the plan
    status: str  # ok | short | over | missing (nothing weighed) | unexpected (trip None)
    planned_kg: float
    received_kg: float
    counts: tuple[tuple[str, int], ...]  # (status, count) of the trip's pickups, every status

    def count(self, status: str) -> int:
        return dict(self.counts)[status]

    @property
    def difference_kg(self) -> float:
        return self.received_kg - self.planned_kg


@dataclass(frozen=True, slots=True)
class Reconciliation:
    pickups: tuple[PickupReceipt, ...]
    routes: tuple[RouteReceipt, ...]
    tolerance: float
    trips: tuple[TripReceipt, ...] = ()  # per route and trip, in route order

    def with_status(self, status: str) -> tuple[PickupReceipt, ...]:
        return tuple(p for p in self.pickups if p.status == status)

    @property
    def clean(self) -> bool:
        return all(p.status == "ok" for p in self.pickups)


def reconcile(ledger: tuple[PlannedPickup, ...], weighed: tuple[WeighIn, ...],
              tolerance: float = DEFAULT_TOLERANCE) -> Reconciliation:
    """Match weighbridge records to planned pickups by pickup ID (exact, after trimming)."""
    if not 0 <= tolerance < 1:
        raise ValueError(f"tolerance must be in [0, 1), got {tolerance}")
    by_id = {w.pickup_id.strip(): w for w in weighed}
    planned_ids = {p.pickup_id for p in ledger}
    vehicle_route = {p.vehicle_id: p.route_id for p in ledger}
    out: list[PickupReceipt] = []
    for p in ledger:
        w = by_id.get(p.pickup_id)
        receipt = PickupReceipt(p.pickup_id, "missing", route_id=p.route_id,
                                vehicle_id=p.vehicle_id, site_id=p.site_id, site_name=p.site_name,
                                planned_kg=p.expected_kg, trip=p.trip)
        if w is not None:
            receipt = dataclasses.replace(
                receipt, status=_status(p.expected_kg, w.received_kg, tolerance),
                received_kg=w.received_kg, weighbridge_row=w.row)
        out.append(receipt)
    for w in weighed:
        if w.pickup_id.strip() not in planned_ids:
            out.append(PickupReceipt(w.pickup_id, "unexpected",
                                     route_id=vehicle_route.get(w.vehicle_id, ""),
                                     vehicle_id=w.vehicle_id, received_kg=w.received_kg,
                                     weighbridge_row=w.row))
    return Reconciliation(tuple(out), _routes(out), tolerance, _trips(out, tolerance))


def _status(planned: float, received: float, tolerance: float) -> str:
    if received < planned * (1 - tolerance):
        return "short"
    if received > planned * (1 + tolerance):
        return "over"
    return "ok"


def _counts(ps: list[PickupReceipt]) -> tuple[tuple[str, int], ...]:
    n = Counter(p.status for p in ps)
    return tuple((s, n.get(s, 0)) for s in RECEIPT_STATUSES)


def _routes(pickups: list[PickupReceipt]) -> tuple[RouteReceipt, ...]:
    groups: dict[str, list[PickupReceipt]] = {}
    for p in pickups:
        groups.setdefault(p.route_id, []).append(p)
    out = []
    for route_id, ps in groups.items():
        out.append(RouteReceipt(
            route_id, next((p.vehicle_id for p in ps if p.vehicle_id), ""),
            planned_kg=sum(p.planned_kg or 0.0 for p in ps),
            received_kg=sum(p.received_kg or 0.0 for p in ps),
            counts=_counts(ps), trips=max((p.trip or 1 for p in ps), default=1)))
    return tuple(out)


def _trips(pickups: list[PickupReceipt], tolerance: float) -> tuple[TripReceipt, ...]:
    """A row per (route, trip), the unexpected weigh-ins of a route last as its trip None."""
    groups: dict[tuple[str, int | None], list[PickupReceipt]] = {}
    for p in pickups:
        groups.setdefault((p.route_id, p.trip), []).append(p)
    order = {route_id: i for i, route_id in enumerate(dict.fromkeys(p.route_id for p in pickups))}
    out = []
    for (route_id, trip), ps in sorted(groups.items(), key=lambda kv: (
            order[kv[0][0]], kv[0][1] is None, kv[0][1] or 0)):
        planned = sum(p.planned_kg or 0.0 for p in ps)
        received = sum(p.received_kg or 0.0 for p in ps)
        if trip is None:
            status = "unexpected"
        elif all(p.status == "missing" for p in ps):
            status = "missing"
        else:
            status = _status(planned, received, tolerance)
        out.append(TripReceipt(route_id, next((p.vehicle_id for p in ps if p.vehicle_id), ""),
                               trip, status, planned, received, _counts(ps)))
    return tuple(out)
