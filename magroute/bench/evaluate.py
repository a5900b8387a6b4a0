"""An independent evaluator: a route set's cost under the benchmark's convention, and violations.

Costs are recomputed here from the returned routes, never read from a solver's objective.
Routes come one per vehicle (`routes[k]` is driven by vehicle k; empty = unused), which matters
only for heterogeneous fleets and for reloads.

MTVRPTWR: a `0` inside a route is a reload at the depot and ends a trip. Every trip leaves the
depot no earlier than the previous trip's return (reloading takes no time: the instances have
no field for it) and no earlier than the release time of every client it carries; the load of
each trip fits the capacity; the depot's time window bounds every departure and return. The cost
is the distance, every depot leg included, on the same DIMACS x10 scale as the VRPTW sets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from magroute.bench.instances import SCALE, BenchInstance


@dataclass(frozen=True)
class Evaluation:
    cost: float  # unscaled: distance (+ prizes of unvisited clients for pcvrptw; fleet costs hfvrp)
    distance: float
    routes: int
    visited: int
    violations: tuple[str, ...]

    @property
    def feasible(self) -> bool:
        return not self.violations


def evaluate(inst: BenchInstance, routes: list[list[int]], dist: np.ndarray | None = None
             ) -> Evaluation:
    d = inst.distance() if dist is None else dist
    real = inst.euclidean() if inst.kind == "hfvrp" else None
    violations: list[str] = []
    if len(routes) > inst.num_vehicles and any(routes[inst.num_vehicles:]):
        violations.append(f"{sum(1 for r in routes if r)} routes for {inst.num_vehicles} vehicles")
    seen: dict[int, int] = {}
    total, fleet_cost = 0, 0.0
    for k, route in enumerate(routes):
        if not route:
            continue
        vehicle = min(k, inst.num_vehicles - 1)
        capacity = inst.capacity_of(vehicle)
        trips = _trips(inst, vehicle, route)
        if len(trips) > inst.max_trips_of(vehicle):
            violations.append(f"route {k}: {len(trips) - 1} reloads > "
                              f"{inst.max_trips_of(vehicle) - 1} allowed")
        length = 0.0
        for j, trip in enumerate(trips):
            where = f"route {k}" if len(trips) == 1 else f"route {k} trip {j + 1}"
            load, prev = 0, 0
            for node in trip:
                if not 1 <= node <= inst.n_clients:
                    violations.append(f"{where}: unknown client {node}")
                    continue
                seen[node] = seen.get(node, 0) + 1
                total += int(d[prev, node])
                if real is not None:
                    length += real[prev, node]
                load += int(inst.demand[node])
                prev = node
            total += int(d[prev, 0])
            if real is not None:
                length += real[prev, 0]
            if load > capacity:
                violations.append(f"{where}: load {load} > capacity {capacity}")
        _, late = _times(inst, d, trips, int(inst.early[0]), k)
        violations += late
        if inst.max_duration is not None and not late:
            duration = _shortest_duration(inst, d, trips, k)
            if duration > inst.max_duration[vehicle]:
                violations.append(f"route {k}: duration {duration / SCALE} > "
                                  f"{inst.max_duration[vehicle] / SCALE}")
        if real is not None:
            fixed, unit_cost = inst.fleet_costs()
            fleet_cost += (fixed[k] + unit_cost[k] * length) / 100
    for node, n in seen.items():
        if n > 1:
            violations.append(f"client {node} visited {n} times")
    missing = [c for c in range(1, inst.n_clients + 1) if c not in seen]
    unvisited_prize = 0
    if inst.kind == "pcvrptw":
        unvisited_prize = int(sum(inst.prize_of(c) for c in missing))
    elif missing:
        violations.append(f"{len(missing)} clients not visited")
    n_routes = sum(1 for r in routes if r)
    if inst.kind == "hfvrp":
        cost = fleet_cost
        distance = total / 1000
    else:
        cost = (total + unvisited_prize) / SCALE
        distance = total / SCALE
    return Evaluation(cost=cost, distance=distance, routes=n_routes, visited=len(seen),
                      violations=tuple(violations))


def _trips(inst: BenchInstance, vehicle: int, route: list[int]) -> list[list[int]]:
    """The route cut at its reloads (a vehicle with a reload depot), else the route as one trip
    (where a 0 is then an unknown client). Empty trips (a reload first, last or twice in a row)
    are kept: they drive nothing, but count as reloads."""
    if 0 not in inst.reloads_at(vehicle):
        return [list(route)]
    trips: list[list[int]] = [[]]
    for node in route:
        if node == 0:
            trips.append([])
        else:
            trips[-1].append(node)
    return trips


def _times(inst: BenchInstance, d: np.ndarray, trips: list[list[int]], start: int, k: int
           ) -> tuple[int, list[str]]:
    """(return to the depot after the last trip, time-window violations) leaving at `start`."""
    violations: list[str] = []
    t = start
    for j, trip in enumerate(trips):
        where = f"route {k}" if len(trips) == 1 else f"route {k} trip {j + 1}"
        clients = [n for n in trip if 1 <= n <= inst.n_clients]
        if inst.release is not None and clients:
            t = max(t, max(int(inst.release[n]) for n in clients))
        prev = 0
        for node in clients:
            t = max(t + int(d[prev, node]), int(inst.early[node]))
            if t > inst.late[node]:
                violations.append(f"{where}: client {node} served at {t / SCALE} after its "
                                  f"window closes at {inst.late[node] / SCALE}")
            t += int(inst.service[node])
            prev = node
        t += int(d[prev, 0])
        if t > inst.late[0]:
            violations.append(f"{where}: back at the depot at {t / SCALE} after "
                              f"{inst.late[0] / SCALE}")
    return t, violations


def _shortest_duration(inst: BenchInstance, d: np.ndarray, trips: list[list[int]], k: int) -> int:
    """First departure to last return with the latest feasible start: the return time is a
    maximum of constants and start + constants, so waiting only shrinks as the start moves
    later, and the latest start that keeps every window gives the shortest duration."""
    lo, hi = int(inst.early[0]), int(inst.late[0])  # lo is feasible (checked by the caller)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _times(inst, d, trips, mid, k)[1]:
            hi = mid - 1
        else:
            lo = mid
    return _times(inst, d, trips, lo, k)[0] - lo
