"""The OR-Tools routing model: the only module (with search.py) that touches OR-Tools.

Prize-collecting VRP with time windows on the working clock (see clock.py):
- one OR-Tools vehicle per truck, starting at its home hub and ending at the unloading hub;
- arc cost = distance x the truck type's cost per km + busy time x its driver cost per hour;
- fixed cost per used truck = one day's fixed cost (+ the driver's unloading time);
- site visits are optional at a penalty equal to their expected value (must-collect: huge penalty);
- each site may only be served inside the allowed service-start intervals of its opening hours;
- in a truck-ban zone, a truck of a banned class may not start service inside the ban's gaps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ortools.constraint_solver import pywrapcp

from magroute.solver.model_data import ModelData


@dataclass
class BuiltModel:
    manager: pywrapcp.RoutingIndexManager
    routing: pywrapcp.RoutingModel
    time: pywrapcp.RoutingDimension
    load: pywrapcp.RoutingDimension


def build_model(data: ModelData, travel_s=None) -> BuiltModel:
    """The routing model with `travel_s` as driving times (default: data.travel_s, pure
    driving, which makes it a necessary check of a tour: breaks and daily driving limits only
    lengthen tours; pass data.search_travel_s to search with them approximated)."""
    travel_s = data.travel_s if travel_s is None else travel_s
    n = data.n_nodes
    vehicles = data.vehicles
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
    busy_s = travel_s + data.service_s[:, None]
    cost_callbacks: dict[tuple[int, int], int] = {}
    for k, v in enumerate(vehicles):
        key = (v.cost_units_per_m, v.span_units_per_s)
        if key not in cost_callbacks:
            matrix = data.distance_m * v.cost_units_per_m + busy_s * v.span_units_per_s
            cost_callbacks[key] = routing.RegisterTransitMatrix(matrix.tolist())
        routing.SetArcCostEvaluatorOfVehicle(cost_callbacks[key], k)
        routing.SetFixedCostOfVehicle(v.fixed_units, k)

    # Load: full pickup of a site's gross weight.
    demand_cb = routing.RegisterUnaryTransitVector(data.demand_kg.tolist())
    routing.AddDimensionWithVehicleCapacity(
        demand_cb, 0, [v.capacity_kg for v in vehicles], True, "load"
    )
    load = routing.GetDimensionOrDie("load")
    for k, v in enumerate(vehicles):  # line-haul from a consolidation hub, per kg unloaded
        if v.linehaul_units_per_kg:
            load.SetSpanCostCoefficientForVehicle(v.linehaul_units_per_kg, k)

    # Time on the working clock: service at the origin node plus driving.
    transit = travel_s + data.service_s[:, None]
    time_cb = routing.RegisterTransitMatrix(transit.tolist())
    horizon = data.horizon_s
    routing.AddDimension(time_cb, horizon, horizon, False, "time")
    time = routing.GetDimensionOrDie("time")

    for node in range(data.n_hubs, n):
        index = manager.NodeToIndex(node)
        _restrict(time.CumulVar(index), data.windows[node])
        routing.AddDisjunction([index], int(data.penalty_units[node]))
        if node in data.class_windows:
            _class_windows(routing, time, index, data, node)

    for k, v in enumerate(vehicles):
        time.CumulVar(routing.Start(k)).SetRange(0, horizon)
        _restrict(time.CumulVar(routing.End(k)), data.windows[v.end_node])
        time.SetSpanUpperBoundForVehicle(v.max_span_s, k)
        # Prefer late starts and early ends so decoded times are tight.
        routing.AddVariableMaximizedByFinalizer(time.CumulVar(routing.Start(k)))
        routing.AddVariableMinimizedByFinalizer(time.CumulVar(routing.End(k)))
    return BuiltModel(manager, routing, time, load)


def _class_windows(routing, time, index: int, data: ModelData, node: int) -> None:
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
    out = []
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


def _restrict(var, windows: list[tuple[int, int]]) -> None:
    """Allow only the given sorted intervals (an empty list makes the node unreachable)."""
    if not windows:
        var.SetRange(0, 0)
        var.RemoveValue(0)
        return
    var.SetRange(windows[0][0], windows[-1][1])
    for (_, hi), (lo, _) in zip(windows, windows[1:], strict=False):
        if lo > hi + 1:
            var.RemoveInterval(hi + 1, lo - 1)


def routes_of(built: BuiltModel, assignment) -> list[list[int]]:
    """The node sequence (sites only) of every vehicle."""
    routing, manager = built.routing, built.manager
    out = []
    for k in range(routing.vehicles()):
        index = routing.Start(k)
        nodes = []
        index = assignment.Value(routing.NextVar(index))
        while not routing.IsEnd(index):
            nodes.append(manager.IndexToNode(index))
            index = assignment.Value(routing.NextVar(index))
        out.append(nodes)
    return out


def routes_to_assignment(built: BuiltModel, routes: list[list[int]]):
    """A warm start: node sequences per vehicle -> an OR-Tools assignment (None if infeasible)."""
    indices = [[built.manager.NodeToIndex(n) for n in r] for r in routes]
    return built.routing.ReadAssignmentFromRoutes(indices, True)


ProgressCallback = Callable[[float, float, int], None]
