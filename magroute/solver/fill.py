"""Serve left-out sites where one insertion pays, with the exact rules: the pass that adds
second trips.

PyVRP's local search inserts a left-out client only where it fits the route as it stands; with
a full truck that needs an unload first, and PyVRP has no move that inserts a client together
with a reload (its RelocateWithDepot moves clients already on a route). A truck that could go
out again after unloading therefore kept its left-out sites. This pass tries every site on
every position of every trip, on a trip of its own after an unload, and on every kind of idle
truck (solver/explain.py's insertion, exactly timed by schedule.py), most valuable site first,
and takes an insertion whenever it costs less than the site's value. The search then goes on
from the filled plan.
"""

from __future__ import annotations

import time

from magroute.solver.explain import PlanState, cheapest_insertion, routes_by_detour
from magroute.solver.model_data import ModelData
from magroute.solver.trips import sites_of


def fill_unserved(data: ModelData, sequences: list[list[int]], deadline: float
                  ) -> tuple[list[list[int]], int]:
    """(sequences with every paying insertion made, number of sites added); stops at
    `deadline` (time.monotonic())."""
    routes = [list(s) for s in sequences]
    visited = {n for s in routes for n in sites_of(s, data.n_hubs)}
    left = sorted((n for n in data.site_nodes() if n not in visited and data.windows[n]),
                  key=lambda n: (-int(data.penalty_units[n]), n))
    added = 0
    state = PlanState.of(data, routes)
    for node in left:
        if time.monotonic() >= deadline:
            break
        gain_from = int(data.penalty_units[node])
        order = [(b, k) for b, k in routes_by_detour(data, state, node) if b < gain_from]
        best = cheapest_insertion(data, state, node, order)
        if best is None or best.cost_units >= gain_from:
            continue
        state = state.with_route(data, best.vehicle, list(best.sequence))
        added += 1
    return state.routes, added
