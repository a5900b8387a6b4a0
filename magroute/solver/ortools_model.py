"""The OR-Tools routing model: the only module (with search.py) that touches OR-Tools.

Prize-collecting VRP with time windows on the working clock (see clock.py):
- one OR-Tools vehicle per truck, starting at its home hub and ending at the unloading hub;
- arc cost = distance x the truck type's cost per km + busy time x its driver cost per hour
  (+ a city's entry charge on an arc into its area, by vehicle class);
- fixed cost per used truck = one day's fixed cost (+ the driver's unloading time);
- site visits are optional at a penalty equal to their expected value (must-collect: huge penalty);
- each site may only be served inside the allowed service-start intervals of its opening hours;
- in a truck-ban zone, a truck of a banned class may not start service inside the ban's gaps;
- a site whose lanes admit only smaller vehicles (access) may not be served by a larger one;
- a truck allowed several trips gets copies of its unloading hub as optional nodes of its own
  ("reload copies"): visiting one takes the hub's unloading time inside its receiving hours and
  empties the truck (load transit -capacity, made up by the load dimension's slack so the load
  after it is anything from 0). How many copies a truck gets is the caller's choice: the check of
  a plan gives each truck exactly the unloads of its tour, the OR-Tools search a few a day.

Not modelled here (schedule.py and the checker carry them): the tour limit of each trip when a
truck makes several (the model bounds its whole duty by the horizon), and release dates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from ortools.constraint_solver import pywrapcp

from magroute.solver.model_data import ModelData
from magroute.solver.trips import normalised


@dataclass
class BuiltModel:
    manager: pywrapcp.RoutingIndexManager
    routing: pywrapcp.RoutingModel
    time: pywrapcp.RoutingDimension
    load: pywrapcp.RoutingDimension
    # Model nodes beyond data.n_nodes are reload copies: the hub node each copies, and the
    # copies of every vehicle in order.
    n_hubs: int = 0
    copy_of: dict[int, int] = field(default_factory=dict)
    copies: list[list[int]] = field(default_factory=list)

    def data_node(self, model_node: int) -> int:
        return self.copy_of.get(model_node, model_node)


def search_reload_copies(data: ModelData) -> list[int]:
    """Reload copies for the OR-Tools search: one a day of the horizon, within each truck's
    trip limit (the search rarely uses more, and every copy is a node it must consider)."""
    days = max(1, data.horizon_s // max(1, data.day_s))
    return [min(v.max_trips - 1, days) for v in data.vehicles]


def build_model(data: ModelData, search_times: bool = False,
                reload_copies: list[int] | None = None) -> BuiltModel:
    """The routing model with pure driving times (a necessary check of a tour: breaks and
    daily driving limits only lengthen tours) or, with `search_times`, data.search_travel_s
    (to search with them approximated), and `reload_copies[k]` unloads available to vehicle k
    inside its tour (default none). Each truck drives its class's legs (around the ban zones
    it may not cross: ModelData.class_legs)."""
    vehicles = data.vehicles
    copies_n = reload_copies or [0] * len(vehicles)
    if any(c > 0 and not vehicles[k].reloads for k, c in enumerate(copies_n)):
        raise ValueError("reload copies for a truck that may make one trip only")
    n0 = data.n_nodes
    copy_of: dict[int, int] = {}
    copies: list[list[int]] = []
    for k, c in enumerate(copies_n):
        copies.append(list(range(n0 + len(copy_of), n0 + len(copy_of) + c)))
        copy_of.update((j, vehicles[k].end_node) for j in copies[-1])
    nodes = np.concatenate([np.arange(n0), np.asarray(list(copy_of.values()), dtype=np.int64)])
    n = len(nodes)
    grid = np.ix_(nodes, nodes)
    classes = sorted({v.vehicle_class for v in vehicles})
    distance_m = {c: data.distance_for(c)[grid] for c in classes}
    # Driving times per (class, crew): a crew drives longer before the breaks the search
    # time approximates.
    drivers = sorted({(v.vehicle_class, v.crew) for v in vehicles})
    travel_s = {(c, n): (data.search_travel_for(c, n) if search_times
                         else data.travel_for(c))[grid] for c, n in drivers}
    service_s = data.service_s[nodes].copy()
    demand = data.demand_kg[nodes].copy()
    for k, js in enumerate(copies):
        for j in js:
            service_s[j] = data.unload_s_at(copy_of[j])
            demand[j] = -vehicles[k].capacity_kg
    manager = pywrapcp.RoutingIndexManager(
        n, len(vehicles), [v.start_node for v in vehicles], [v.end_node for v in vehicles]
    )
    routing = pywrapcp.RoutingModel(manager)

    # Arc costs: distance x cost per metre + (driving + service at the origin) x driver cost per
    # second. Time costs sit on the arcs rather than on the route span because span costs make
    # OR-Tools solve a scheduling problem for every move it evaluates (with the holes that
    # opening hours leave, a MIP), which cut the search to a crawl on 600+ sites. Waiting time
    # and fixed costs beyond a tour's first day are therefore not in the search objective; the
    # KPIs charge them exactly, and the decoder schedules every tour to minimise waiting.
    # A consolidation hub's line-haul, per kg unloaded there, sits on the arc out of each site
    # (every kg picked up is unloaded at that hub, whichever trip carries it).
    picked = np.maximum(demand, 0)[:, None]
    cost_callbacks: dict[tuple[str, int, int, int, int], int] = {}
    for k, v in enumerate(vehicles):
        cls = v.vehicle_class
        key = (cls, v.crew, v.cost_units_per_m, v.span_units_per_s, v.linehaul_units_per_kg)
        if key not in cost_callbacks:
            busy_s = travel_s[cls, v.crew] + service_s[:, None]
            matrix = (distance_m[cls] * v.cost_units_per_m + busy_s * v.span_units_per_s
                      + picked * v.linehaul_units_per_kg)
            entry = data.entry_units_for(cls)  # city entry charges
            if entry is not None:
                matrix = matrix + entry[grid]
            cost_callbacks[key] = routing.RegisterTransitMatrix(matrix.tolist())
        routing.SetArcCostEvaluatorOfVehicle(cost_callbacks[key], k)
        routing.SetFixedCostOfVehicle(v.fixed_units, k)

    # Load: full pickup of a site's gross weight; an unload copy empties the truck (its
    # transit is -capacity, and the slack, free only there, tops the load up to >= 0).
    demand_cb = routing.RegisterUnaryTransitVector(demand.tolist())
    max_cap = max((v.capacity_kg for v in vehicles), default=0) if copy_of else 0
    routing.AddDimensionWithVehicleCapacity(
        demand_cb, max_cap, [v.capacity_kg for v in vehicles], True, "load"
    )
    load = routing.GetDimensionOrDie("load")
    if copy_of:
        for index in range(manager.GetNumberOfIndices()):
            if routing.IsEnd(index):
                continue
            if manager.IndexToNode(index) not in copy_of:
                load.SlackVar(index).SetValue(0)

    # Time on the working clock: service at the origin node plus driving (the class's legs).
    time_cbs = {d: routing.RegisterTransitMatrix((travel_s[d] + service_s[:, None]).tolist())
                for d in drivers}
    horizon = data.horizon_s
    routing.AddDimensionWithVehicleTransits(
        [time_cbs[v.vehicle_class, v.crew] for v in vehicles], horizon, horizon, False, "time")
    time = routing.GetDimensionOrDie("time")

    for node in range(data.n_hubs, n0):
        index = manager.NodeToIndex(node)
        _restrict(time.CumulVar(index), data.windows[node])
        routing.AddDisjunction([index], int(data.penalty_units[node]))
        if node in data.class_windows:
            _class_windows(routing, time, index, data, node)
        if node in data.access:  # its lanes or gate admit only some classes
            barred = [k for k, v in enumerate(data.vehicles)
                      if v.vehicle_class not in data.access[node]]
            if barred:
                routing.VehicleVar(index).RemoveValues(barred)
    for k, js in enumerate(copies):
        for j in js:  # optional, free, for this truck only, inside the hub's receiving hours
            index = manager.NodeToIndex(j)
            _restrict(time.CumulVar(index), data.windows[copy_of[j]])
            routing.AddDisjunction([index], 0)
            routing.VehicleVar(index).SetValues([-1, k])  # -1: not performed

    for k, v in enumerate(vehicles):
        time.CumulVar(routing.Start(k)).SetRange(min(v.earliest_start_s, horizon), horizon)
        _restrict(time.CumulVar(routing.End(k)), data.windows[v.end_node])
        # The span excludes the final unload; the weekly duty cap includes it.
        cap = data.max_duty_s(horizon + data.unload_s_at(v.end_node), v) \
            - data.unload_s_at(v.end_node)
        time.SetSpanUpperBoundForVehicle(min(v.max_span_s if not copies[k] else horizon, cap), k)
        # Prefer late starts and early ends so decoded times are tight.
        routing.AddVariableMaximizedByFinalizer(time.CumulVar(routing.Start(k)))
        routing.AddVariableMinimizedByFinalizer(time.CumulVar(routing.End(k)))
    return BuiltModel(manager, routing, time, load, data.n_hubs, copy_of, copies)


def _class_windows(routing: pywrapcp.RoutingModel, time: pywrapcp.RoutingDimension, index: int,
                   data: ModelData, node: int) -> None:
    """Vehicle class c at this node => service start inside c's windows (bans cut the rest)."""
    solver = routing.solver()
    cumul = time.CumulVar(index)
    for c, allowed in data.class_windows[node].items():
        ks = [k for k, v in enumerate(data.vehicles) if v.vehicle_class == c]
        if not ks or allowed == data.windows[node]:
            continue
        if not allowed:
            routing.VehicleVar(index).RemoveValues(ks)
            continue
        is_c = solver.IsMemberVar(routing.VehicleVar(index), ks)
        for lo, hi in _gaps(data.windows[node], allowed):
            solver.Add(is_c + solver.IsBetweenVar(cumul, lo, hi) <= 1)


def _gaps(union: list[tuple[int, int]], allowed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of `union` not in `allowed` (both sorted lists of closed integer intervals)."""
    out: list[tuple[int, int]] = []
    for lo, hi in union:
        t = lo
        for a, b in allowed:
            if b < t or a > hi:
                continue
            if a > t:
                out.append((t, a - 1))
            t = max(t, b + 1)
        if t <= hi:
            out.append((t, hi))
    return out


def _restrict(var: pywrapcp.IntVar, windows: list[tuple[int, int]]) -> None:
    """Allow only the given sorted intervals (an empty list makes the node unreachable)."""
    if not windows:
        var.SetRange(0, 0)
        var.RemoveValue(0)
        return
    var.SetRange(windows[0][0], windows[-1][1])
    holes = [(hi + 1, lo - 1) for (_, hi), (lo, _) in zip(windows, windows[1:], strict=False)
             if lo > hi + 1]
    if holes:
        # One constraint for all holes: removing them from the domain one by one turns a
        # six-day domain in seconds into a bitset per call (0.6 ms each; 1.3 s for the India
        # demo's 2,190 holes, longer than a 1 s search)
        solver = var.solver()
        solver.Add(solver.NotMemberCt(var, [a for a, _ in holes], [b for _, b in holes]))


def routes_of(built: BuiltModel, assignment: pywrapcp.Assignment) -> list[list[int]]:
    """The node sequence of every vehicle in ModelData's numbering (an unload copy becomes its
    hub node; empty trips are dropped)."""
    routing, manager = built.routing, built.manager
    out: list[list[int]] = []
    for k in range(routing.vehicles()):
        index = routing.Start(k)
        nodes: list[int] = []
        index = assignment.Value(routing.NextVar(index))
        while not routing.IsEnd(index):
            nodes.append(built.data_node(manager.IndexToNode(index)))
            index = assignment.Value(routing.NextVar(index))
        if built.copies[k]:
            nodes = normalised(nodes, built.n_hubs, built.copy_of[built.copies[k][0]])
        out.append(nodes)
    return out


def routes_to_assignment(built: BuiltModel, routes: list[list[int]]
                         ) -> pywrapcp.Assignment | None:
    """Node sequences per vehicle (unloads as hub nodes) -> an OR-Tools assignment, None if
    the model rejects them. Each unload takes the vehicle's next reload copy."""
    indices: list[list[int]] = []
    for k, r in enumerate(routes):
        free = iter(built.copies[k]) if k < len(built.copies) else iter(())
        row: list[int] = []
        for n in r:
            if n < built.n_hubs:
                copy = next(free, None)
                if copy is None:
                    return None  # more unloads than the model has copies for this truck
                n = copy
            row.append(built.manager.NodeToIndex(n))
        indices.append(row)
    return built.routing.ReadAssignmentFromRoutes(indices, True)


ProgressCallback = Callable[[float, float, int], None]
