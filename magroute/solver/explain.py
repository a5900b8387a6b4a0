"""Why each site is or is not on the plan, found by actually trying, not by guessing.

An unserved site is inserted at every position of every route (cheapest first, pruned by a
lower bound on the detour) and given to every kind of idle truck, with the full timing rules
of the search (tau_schedule). The cheapest feasible insertion is the site's marginal cost; the
search would take the site once its value (its prize: magnets + by-products - purchase, at least
0) exceeds that, so it is also the break-even value.
When nothing is feasible, each rule is relaxed alone (capacity, the truck-entry ban, site
access, driver hours) on the nearest routes and idle trucks: the one whose relaxation lets the site in binds.
If none does alone, time binds: opening hours, the shift, the tour limit or the horizon.

A served site is taken out of its route: what the route then costs less is what dropping it
would save (the value below which the plan would be better off without it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from magroute import units
from magroute.domain.explanation import SiteExplanation
from magroute.domain.plan import Plan, Route
from magroute.domain.problem import Problem
from magroute.formatting import grouped, inr
from magroute.solver.model_data import (
    MUST_COLLECT_PENALTY_INR,
    ModelData,
    VehicleData,
    compile_model,
)
from magroute.solver.prefilter import unservable_sites
from magroute.solver.schedule import route_cost_units, tau_schedule
from magroute.solver.trips import insertions, n_reloads, normalised, trip_loads
from magroute.travel.matrices import TravelMatrices

NEAREST_ROUTES = 8  # routes tried under each relaxation (by distance to their stops)
SWAP_ROUTES = 3  # routes whose sites a blocked site may displace (by distance to their stops)
UNBOUNDED_KG = 10**12
MUST_COLLECT_UNITS = units.inr_to_units(MUST_COLLECT_PENALTY_INR)


@dataclass(frozen=True, slots=True)
class Insertion:
    cost_units: int
    vehicle: int  # index into data.vehicles
    sequence: tuple[int, ...]  # that truck's sequence with the site in it
    idle: bool
    trip: int = 1  # the trip of that truck that would take it
    new_trip: bool = False  # a trip of its own: unload, go out for it, come back


@dataclass(frozen=True, slots=True)
class Swap:
    """Serving a site in place of another one: `cost_units` is the route's extra cost plus the
    value of the displaced site, so the site pays from a value of `cost_units`."""

    cost_units: int
    vehicle: int
    displaced: int  # the site node it would replace


@dataclass(frozen=True, slots=True)
class PlanState:
    """The plan's sequences per truck with each used truck's cost, computed once."""

    routes: list[list[int]]
    cost: dict[int, int]  # used truck -> cost units
    idle: list[int]  # one idle truck per (type, start, end): they cost the same

    @classmethod
    def of(cls, data: ModelData, routes: list[list[int]]) -> PlanState:
        cost = {}
        for k, nodes in enumerate(routes):
            c = _route_cost(data, k, nodes)
            if c is not None:
                cost[k] = c
        return cls(routes, cost, _idle(data, routes))

    def with_route(self, data: ModelData, k: int, nodes: list[int]) -> PlanState:
        """The state after truck k's sequence became `nodes` (only its cost is recomputed)."""
        routes = [*self.routes[:k], list(nodes), *self.routes[k + 1:]]
        cost = {j: c for j, c in self.cost.items() if j != k}
        c = _route_cost(data, k, routes[k])
        if c is not None:
            cost[k] = c
        was_idle = not self.routes[k]
        return PlanState(routes, cost, _idle(data, routes) if was_idle else self.idle)


def _route_cost(data: ModelData, k: int, nodes: list[int]) -> int | None:
    """Truck k's cost with `nodes`; None when idle or infeasible (a hand-edited folder's route
    takes nothing)."""
    if not nodes:
        return None
    s = tau_schedule(data, data.vehicles[k], nodes)
    return None if s is None else route_cost_units(data, data.vehicles[k], nodes, s)


def _idle(data: ModelData, routes: list[list[int]]) -> list[int]:
    """One idle truck per (type, start, end): they cost the same."""
    seen, idle = set(), []
    for k, nodes in enumerate(routes):
        v = data.vehicles[k]
        key = (v.type_id, v.start_node, v.end_node)
        if not nodes and key not in seen:
            seen.add(key)
            idle.append(k)
    return idle


def cheapest_insertion(data: ModelData, state: PlanState, node: int,
                       order: list[tuple[int, int]]) -> Insertion | None:
    """The cheapest feasible way to add `node` to the plan, or None (`order`: the used trucks
    by detour bound, `routes_by_detour`)."""
    best: Insertion | None = None
    for k in state.idle:
        v = data.vehicles[k]
        s = tau_schedule(data, v, [node])
        if s is not None:
            c = route_cost_units(data, v, [node], s)
            if best is None or c < best.cost_units:
                best = Insertion(c, k, (node,), True)
    for bound, k in order:
        if best is not None and bound >= best.cost_units:
            break  # every later route's detour alone costs more
        for trial, trip, new in _trials(data, k, state.routes[k], node):
            v = data.vehicles[k]
            s = tau_schedule(data, v, trial)
            if s is None:
                continue
            c = route_cost_units(data, v, trial, s) - state.cost[k]
            if best is None or c < best.cost_units:
                best = Insertion(c, k, tuple(trial), False, trip, new)
    return best


def _trials(data: ModelData, k: int, nodes: list[int], node: int
            ) -> Iterator[tuple[list[int], int, bool]]:
    """The insertions of `node` into truck k's sequence whose trip has room for it (a trip of
    its own where the truck may make one more)."""
    v = data.vehicles[k]
    loads = trip_loads(nodes, data.n_hubs, data.demand_kg)
    demand = int(data.demand_kg[node])
    more = v.reloads and len(loads) < v.max_trips
    for trial, trip, new in insertions(nodes, node, data.n_hubs, v.end_node, more):
        if new or loads[trip - 1] + demand <= v.capacity_kg:
            yield trial, trip, new


def cheapest_swap(data: ModelData, state: PlanState, node: int,
                  order: list[tuple[int, int]]) -> Swap | None:
    """The cheapest way to serve `node` by dropping one site of a nearby route for it (a site
    kept at all costs, must-collect, is never displaced)."""
    best: Swap | None = None
    for _, k in order[:SWAP_ROUTES]:
        v, nodes = data.vehicles[k], state.routes[k]
        for i, out in enumerate(nodes):
            if out < data.n_hubs:
                continue  # an unload, not a site
            lost = int(data.penalty_units[out])
            if lost >= MUST_COLLECT_UNITS:
                continue  # its penalty is no value to trade
            rest = normalised(nodes[:i] + nodes[i + 1:], data.n_hubs, v.end_node)
            for trial, _, _ in _trials(data, k, rest, node):
                sch = tau_schedule(data, v, trial)
                if sch is None:
                    continue
                c = route_cost_units(data, v, trial, sch) - state.cost[k] + lost
                if best is None or c < best.cost_units:
                    best = Swap(c, k, out)
    return best


def routes_by_detour(data: ModelData, state: PlanState, node: int) -> list[tuple[int, int]]:
    """(lower bound of the insertion cost, truck) for used trucks, cheapest bound first.

    The bound is the shortest detour in distance cost plus the line-haul of the site's load;
    time can only add to it (a longer tour never has a shorter span)."""
    out = []
    for k in state.cost:
        v, nodes = data.vehicles[k], state.routes[k]
        d = data.distance_for(v.vehicle_class)
        path = [v.start_node, *nodes, v.end_node]
        a, b = np.asarray(path[:-1]), np.asarray(path[1:])
        detour = int(np.min(d[a, node] + d[node, b] - d[a, b]))
        out.append((max(0, detour) * v.cost_units_per_m
                    + int(data.demand_kg[node]) * v.linehaul_units_per_kg, k))
    out.sort()
    return out


def _feasible_anywhere(data: ModelData, state: PlanState, node: int,
                       order: list[tuple[int, int]]) -> bool:
    """Whether some insertion on the nearest routes or an idle truck is feasible at all."""
    for k in state.idle:
        if tau_schedule(data, data.vehicles[k], [node]) is not None:
            return True
    for _, k in order[:NEAREST_ROUTES]:
        for trial, _, _ in _trials(data, k, state.routes[k], node):
            if tau_schedule(data, data.vehicles[k], trial):
                return True
    return False


def _relaxed(data: ModelData) -> dict[str, ModelData]:
    """The model with one rule lifted at a time, in the order they are reported."""
    roomy = [dataclasses.replace(v, capacity_kg=UNBOUNDED_KG) for v in data.vehicles]
    out = {"capacity": dataclasses.replace(data, vehicles=roomy)}
    if data.class_windows or data.class_legs:  # at the stops, and the ways round on the road
        out["ban"] = dataclasses.replace(data, class_windows={}, class_legs={})
    if data.access:
        out["access"] = dataclasses.replace(data, access={})
    if data.rules is not None:
        out["driver_hours"] = dataclasses.replace(data, rules=None)
    return out


def explain_unserved(data: ModelData, routes: list[list[int]], nodes: list[int],
                     route_ids: dict[int, str], site_ids: Sequence[str] = ()
                     ) -> dict[int, SiteExplanation]:
    """Explanation of each site node in `nodes` left out of `routes` (one list per truck);
    `site_ids` (by problem site index) name displaced sites in the reasons."""
    state = PlanState.of(data, routes)
    relaxed = None  # a relaxed model only widens the rules: the plan's routes stay as they are
    out = {}
    for node in nodes:
        order = routes_by_detour(data, state, node)
        best = cheapest_insertion(data, state, node, order)
        if best is not None:
            out[node] = _priced(data, node, best, route_ids)
            continue
        if relaxed is None:
            relaxed = _relaxed(data)
        lifts = [name for name, d in relaxed.items() if _feasible_anywhere(d, state, node, order)]
        out[node] = _with_swap(data, _blocked(data, state, node, lifts),
                               cheapest_swap(data, state, node, order), route_ids, site_ids)
    return out


def _with_swap(data: ModelData, e: SiteExplanation, swap: Swap | None,
               route_ids: dict[int, str], site_ids: Sequence[str]) -> SiteExplanation:
    """A blocked site's price: what it would cost to serve it instead of a site on the plan."""
    if swap is None:
        return e
    cost = round(units.units_to_inr(swap.cost_units), 2)
    i = int(data.site_index[swap.displaced - data.n_hubs])
    other = site_ids[i] if site_ids else f"a site on route {route_ids.get(swap.vehicle, '')}"
    route = route_ids.get(swap.vehicle, data.vehicles[swap.vehicle].vehicle_id)
    e = dataclasses.replace(e, marginal_cost_inr=cost, break_even_value_inr=cost,
                            route_id=route_ids.get(swap.vehicle, ""),
                            vehicle_id=data.vehicles[swap.vehicle].vehicle_id)
    if cost < e.value_inr:  # the swap pays: the search missed it, not the rule
        return dataclasses.replace(
            e, binding="search",
            reason=f"left out by the search although serving it in place of {other} on route "
                   f"{route} would gain {inr(e.value_inr - cost)} (try a longer time limit; "
                   f"without that swap: {e.reason})")
    return dataclasses.replace(
        e, reason=f"{e.reason}; it would be served in place of {other} on route {route} from a "
                  f"value of {inr(cost)}")


def _priced(data: ModelData, node: int, best: Insertion, route_ids: dict[int, str]
            ) -> SiteExplanation:
    value = float(data.value_inr[node])
    cost = units.units_to_inr(best.cost_units)
    v = data.vehicles[best.vehicle]
    route = route_ids.get(best.vehicle, v.vehicle_id)
    where = (f"with an idle {v.type_id} truck ({v.vehicle_id})" if best.idle
             else f"on a new trip {best.trip} of route {route} (after an unload)" if best.new_trip
             else f"on trip {best.trip} of route {route}" if n_reloads(best.sequence, data.n_hubs)
             else f"on route {route}")
    if cost >= value:
        binding = "value"
        reason = (f"value below the cost of the detour: expected {inr(value)} (magnets + "
                  f"by-products - purchase) < {inr(cost)} "
                  f"to serve it {where}; served from a value of {inr(cost)}")
    else:
        binding = "search"
        reason = (f"left out by the search although serving it {where} would gain "
                  f"{inr(value - cost)} (try a longer time limit)")
    return SiteExplanation(site_id="", served=False, binding=binding, reason=reason,
                           value_inr=value, marginal_cost_inr=round(cost, 2),
                           break_even_value_inr=round(cost, 2),
                           route_id="" if best.idle else route_ids.get(best.vehicle, ""),
                           vehicle_id=v.vehicle_id)


def _blocked(data: ModelData, state: PlanState, node: int, lifts: list[str]
             ) -> SiteExplanation:
    value = float(data.value_inr[node])
    used = len(state.cost)
    if "ban" in lifts and node in data.class_windows:
        allowed = sorted(c for c, w in data.class_windows[node].items() if w)
        binding = "ban"
        reason = (f"truck-entry ban ({data.ban_notes[node]}): only "
                  f"{', '.join(allowed) or 'no class'} may be there during its opening hours, "
                  "and no such truck has room or time")
    elif "ban" in lifts:  # the bans at other stops of the nearest routes leave no time for it
        binding = "ban"
        reason = ("truck-entry bans at the other stops of the nearest routes: without them a "
                  "truck would have the time to serve it")
    elif "access" in lifts and node in data.access:
        binding = "access"
        admitted = sorted(data.access[node])
        reason = (f"access: {data.access_notes[node]}; no {', '.join(admitted)} truck has room "
                  "or time, and larger ones would")
    elif "capacity" in lifts:
        binding = "capacity"
        reason = (f"no truck has room: {grouped(int(data.demand_kg[node]), 0)} kg does not fit on the "
                  f"nearest routes" + ("" if state.idle else f" and all {used} trucks are in use"))
    elif "driver_hours" in lifts:
        binding = "driver_hours"
        reason = ("drivers' hours: the nearest routes and idle trucks could reach it only with "
                  "more driving per day or fewer breaks than the rules allow")
    else:
        binding = "hours"
        reason = ("no time: its opening hours, the shift, the tour limit or the plan's days "
                  "leave no room on the nearest routes" + (
                      " or for an idle truck" if state.idle else
                      f", and all {used} trucks are in use"))
    also = [name.replace("_", " ") for name in lifts if name != binding]
    if also:
        reason += f" (lifting {' or '.join(also)} alone would also let it in)"
    return SiteExplanation(site_id="", served=False, binding=binding, reason=reason,
                           value_inr=value)


def drop_savings(data: ModelData, routes: list[list[int]]) -> dict[int, float | None]:
    """For each served node: INR the route's cost falls by without it (None: the route without
    it breaks a rule, e.g. a later stop then arrives before opening with no way to wait)."""
    out: dict[int, float | None] = {}
    for k, nodes in enumerate(routes):
        if not nodes:
            continue
        v: VehicleData = data.vehicles[k]
        s = tau_schedule(data, v, nodes)
        if s is None:
            out.update({n: None for n in nodes if n >= data.n_hubs})
            continue
        full = route_cost_units(data, v, nodes, s)
        for i, node in enumerate(nodes):
            if node < data.n_hubs:
                continue  # an unload between trips
            rest = normalised(nodes[:i] + nodes[i + 1:], data.n_hubs, v.end_node)
            if not rest:
                out[node] = units.units_to_inr(full)
                continue
            r = tau_schedule(data, v, rest)
            out[node] = None if r is None else \
                units.units_to_inr(full - route_cost_units(data, v, rest, r))
    return out


def route_sequence(problem: Problem, route: Route, node_of: dict[str, int]) -> list[int]:
    """A decoded route back as a node sequence: its pickups, and an unload (hub node) between
    every two trips."""
    out: list[int] = []
    unloads = route.unloads
    for e in route.events:
        if e.kind == "pickup":
            out.append(node_of[e.site_id])
        elif e.kind == "unload" and e is not unloads[-1]:
            out.append(problem.hub_node(e.site_id))
    return out


def explain_plan(problem: Problem, matrices: TravelMatrices, plan: Plan
                 ) -> tuple[SiteExplanation, ...]:
    """Every site of the problem, served or not, explained against `plan`, in site order."""
    blocked = unservable_sites(problem, matrices)
    candidates = [i for i in range(len(problem.sites)) if i not in blocked]
    data = compile_model(problem, matrices, candidates)
    node_of = {problem.sites[i].site_id: data.n_hubs + k for k, i in enumerate(candidates)}
    truck_of = {v.vehicle_id: k for k, v in enumerate(data.vehicles)}
    routes: list[list[int]] = [[] for _ in data.vehicles]
    route_ids, served_on = {}, {}
    for r in plan.routes:
        k = truck_of[r.vehicle_id]
        routes[k] = route_sequence(problem, r, node_of)
        route_ids[k] = r.route_id
        served_on.update({node_of[s]: (r.route_id, r.vehicle_id) for s in r.site_ids})
    left_out = [n for n in data.site_nodes() if n not in served_on]
    why = explain_unserved(data, routes, left_out, route_ids,
                           tuple(s.site_id for s in problem.sites))
    saving = drop_savings(data, routes)
    out = []
    for i, site in enumerate(problem.sites):
        value = problem.yields[i].prize_inr
        if i in blocked:
            b = blocked[i]
            out.append(SiteExplanation(site.site_id, False, b.binding, b.reason, value))
            continue
        node = node_of[site.site_id]  # every site not blocked is a candidate
        if node in served_on:
            out.append(_served(site.site_id, site.must_collect, value, saving[node],
                               *served_on[node]))
        else:
            e = why[node]
            reason = ("must-collect site that could not be served: " + e.reason
                      if site.must_collect else e.reason)
            out.append(dataclasses.replace(e, site_id=site.site_id, reason=reason))
    return tuple(out)


def _served(site_id: str, must: bool, value: float, saving: float | None, route_id: str,
            vehicle_id: str) -> SiteExplanation:
    if saving is None:
        reason = (f"served on route {route_id}; without it the route would break a rule, so "
                  "dropping it saves nothing on its own")
    else:
        reason = (f"served on route {route_id}: dropping it would save {inr(saving)} against "
                  f"{inr(value)} of expected contribution (net {inr(value - saving)})")
    if must:
        reason = "must-collect; " + reason
    return SiteExplanation(site_id, True, "", reason, value,
                           marginal_cost_inr=None if saving is None else round(saving, 2),
                           break_even_value_inr=None if saving is None or must
                           else round(saving, 2),
                           drop_saving_inr=None if saving is None else round(saving, 2),
                           route_id=route_id, vehicle_id=vehicle_id)
