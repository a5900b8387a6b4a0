"""Why the search left a site out: found by actually trying to insert it into the plan.

Every position of the nearest routes and every idle truck is tried with the full timing rules;
the cheapest feasible insertion gives the marginal cost to compare with the site's value.
"""

from __future__ import annotations

import numpy as np

from magroute import units
from magroute.solver.model_data import ModelData
from magroute.solver.schedule import route_cost_units, tau_schedule

NEAREST_ROUTES = 6


def explain_dropped(
    data: ModelData, routes: list[list[int]], dropped_nodes: list[int], route_ids: dict[int, str]
) -> dict[int, str]:
    """Map dropped node -> plain-words reason with the marginal cost of serving it."""
    base = {}
    for k, nodes in enumerate(routes):
        if nodes:
            s = tau_schedule(data, data.vehicles[k], nodes)
            base[k] = route_cost_units(data, data.vehicles[k], nodes, s) if s else None
    idle = [k for k, nodes in enumerate(routes) if not nodes]
    out = {}
    for node in dropped_nodes:
        value = float(data.value_inr[node])
        best: tuple[int, str] | None = None
        capacity_blocked = time_blocked = 0
        for k in _nearest_routes(data, routes, node):
            v, nodes = data.vehicles[k], routes[k]
            if base.get(k) is None:
                continue
            if sum(int(data.demand_kg[n]) for n in nodes) + int(data.demand_kg[node]) > v.capacity_kg:
                capacity_blocked += 1
                continue
            fitted = False
            for pos in range(len(nodes) + 1):
                trial = nodes[:pos] + [node] + nodes[pos:]
                s = tau_schedule(data, v, trial)
                if s is None:
                    continue
                fitted = True
                delta = route_cost_units(data, v, trial, s) - base[k]
                if best is None or delta < best[0]:
                    best = (delta, f"on route {route_ids[k]}")
            if not fitted:
                time_blocked += 1
        seen_types = set()
        for k in idle:
            v = data.vehicles[k]
            if (v.type_id, v.start_node) in seen_types:
                continue
            seen_types.add((v.type_id, v.start_node))
            s = tau_schedule(data, v, [node])
            if s is not None:
                delta = route_cost_units(data, v, [node], s)
                if best is None or delta < best[0]:
                    best = (delta, f"with an idle {v.type_id} truck")
        if best is None:
            if not idle:
                out[node] = (
                    f"no truck can fit it: all trucks are in use and the nearest routes are full "
                    f"({capacity_blocked}) or out of hours ({time_blocked})"
                )
            else:
                out[node] = "no idle truck can reach it in time and the nearest routes are full"
            if node in data.ban_notes:
                allowed = sorted(c for c, w in data.class_windows[node].items() if w)
                out[node] = (f"truck-entry ban ({data.ban_notes[node]}): only "
                             f"{', '.join(allowed) or 'no class'} may be there during its "
                             f"opening hours; " + out[node])
            continue
        cost = units.units_to_inr(best[0])
        if cost > value:
            out[node] = (
                f"value below the cost of the detour: expected ₹{value:,.0f} < ₹{cost:,.0f} "
                f"to serve it {best[1]}"
            )
        else:
            out[node] = (
                f"left out by the search although serving it {best[1]} would gain "
                f"₹{value - cost:,.0f} (try a longer time limit)"
            )
    return out


def _nearest_routes(data: ModelData, routes: list[list[int]], node: int) -> list[int]:
    scored = []
    for k, nodes in enumerate(routes):
        if nodes:
            scored.append((int(np.min(data.distance_m[node, nodes])), k))
    scored.sort()
    return [k for _, k in scored[:NEAREST_ROUTES]]
