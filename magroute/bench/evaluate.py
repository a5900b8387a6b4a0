"""An independent evaluator: a route set's cost under the benchmark's convention, and violations.

Costs are recomputed here from the returned routes, never read from a solver's objective.
Routes come one per vehicle (`routes[k]` is driven by vehicle k; empty = unused), which matters
only for heterogeneous fleets.
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
        load, t, prev, length = 0, int(inst.early[0]), 0, 0.0
        for node in route:
            if not 1 <= node <= inst.n_clients:
                violations.append(f"route {k}: unknown client {node}")
                continue
            seen[node] = seen.get(node, 0) + 1
            total += int(d[prev, node])
            if real is not None:
                length += real[prev, node]
            t = max(t + int(d[prev, node]), int(inst.early[node]))
            if t > inst.late[node]:
                violations.append(f"route {k}: client {node} served at {t / SCALE} after its "
                                  f"window closes at {inst.late[node] / SCALE}")
            t += int(inst.service[node])
            load += int(inst.demand[node])
            prev = node
        total += int(d[prev, 0])
        if t + d[prev, 0] > inst.late[0]:
            violations.append(f"route {k}: back at the depot at {(t + d[prev, 0]) / SCALE} after "
                              f"{inst.late[0] / SCALE}")
        capacity = inst.capacity_of(min(k, inst.num_vehicles - 1))
        if load > capacity:
            violations.append(f"route {k}: load {load} > capacity {capacity}")
        if real is not None:
            length += real[prev, 0]
            fleet_cost += (inst.vehicle_fixed[k] + inst.vehicle_unit_cost[k] * length) / 100
    for node, n in seen.items():
        if n > 1:
            violations.append(f"client {node} visited {n} times")
    missing = [c for c in range(1, inst.n_clients + 1) if c not in seen]
    unvisited_prize = 0
    if inst.kind == "pcvrptw":
        unvisited_prize = int(sum(int(inst.prize[c]) for c in missing))
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
