"""Timing of one truck's tour on the working clock, and its cost in solver units.

The search returns only sequences; the schedule (earliest service at every stop, with the start
pushed as late as possible so that no duty time is wasted) is derived here, the same way for
decoding a plan and for trying insertions when explaining unserved sites.
"""

from __future__ import annotations

from dataclasses import dataclass

from magroute.solver.clock import earliest_in, latest_in
from magroute.solver.model_data import ModelData, VehicleData


@dataclass(frozen=True, slots=True)
class TauSchedule:
    start: int  # departure from home
    arrival: tuple[int, ...]  # per site node
    service: tuple[int, ...]
    departure: tuple[int, ...]
    hub_arrival: int
    unload: int  # start of unloading at the hub

    @property
    def span(self) -> int:
        return self.unload - self.start


def _forward(data: ModelData, v: VehicleData, nodes: list[int], start: int):
    t, prev = start, v.start_node
    arr, svc, dep = [], [], []
    for node in nodes:
        a = t + int(data.travel_s[prev, node])
        s = earliest_in(data.windows_for(v, node), a)
        if s is None:
            return None
        arr.append(a)
        svc.append(s)
        t = s + int(data.service_s[node])
        dep.append(t)
        prev = node
    hub_arrival = t + int(data.travel_s[prev, v.end_node])
    unload = earliest_in(data.windows[v.end_node], hub_arrival)
    if unload is None:
        return None
    return TauSchedule(start, tuple(arr), tuple(svc), tuple(dep), hub_arrival, unload)


def tau_schedule(data: ModelData, v: VehicleData, nodes: list[int]) -> TauSchedule | None:
    """Earliest-finish schedule with the latest start, or None if the sequence is infeasible
    (time windows, horizon, tour length or capacity)."""
    if sum(int(data.demand_kg[n]) for n in nodes) > v.capacity_kg:
        return None
    early = _forward(data, v, nodes, 0)
    if early is None:
        return None
    # Backward pass: the latest service starts that still unload at the earliest unload time.
    latest_next = early.unload
    nxt = v.end_node
    for node in reversed(nodes):
        bound = latest_next - int(data.travel_s[node, nxt]) - int(data.service_s[node])
        s = latest_in(data.windows_for(v, node), bound)
        if s is None:  # cannot happen when the forward pass succeeded; be safe
            return _checked(early, v)
        latest_next, nxt = s, node
    start = max(0, latest_next - int(data.travel_s[v.start_node, nxt]))
    sched = _forward(data, v, nodes, start) or early
    return _checked(sched, v)


def _checked(s: TauSchedule, v: VehicleData) -> TauSchedule | None:
    return s if s.span <= v.max_span_s else None


def route_cost_units(data: ModelData, v: VehicleData, nodes: list[int], s: TauSchedule) -> int:
    """The solver's objective contribution of one used truck (without penalties)."""
    path = [v.start_node, *nodes, v.end_node]
    dist = sum(int(data.distance_m[a, b]) for a, b in zip(path, path[1:], strict=False))
    return (
        v.fixed_units
        + dist * v.cost_units_per_m
        + s.span * v.span_units_per_s
        + max(0, s.span - v.one_day_span_s) * v.day_units_per_s
    )


def plan_cost_units(data: ModelData, sequences: list[list[int]]) -> float:
    """The search objective of a whole plan: used trucks' costs plus the penalties of the sites
    left out; inf if any tour breaks the rules or a required site is left out."""
    total = 0
    visited = set()
    for k, nodes in enumerate(sequences):
        if not nodes:
            continue
        v = data.vehicles[k]
        s = tau_schedule(data, v, nodes)
        if s is None:
            return float("inf")
        total += route_cost_units(data, v, nodes, s)
        visited.update(nodes)
    for node in range(data.n_hubs, data.n_nodes):
        if node not in visited:
            if data.required[node]:
                return float("inf")
            total += int(data.penalty_units[node])
    return total
