"""ModelData as a PyVRP problem, and solutions back and forth as magroute node sequences.

The translation is exact for everything PyVRP can express:
- one PyVRP location per node (hubs first, as in ModelData), one depot per hub;
- a site open on several days becomes one client per opening window, all in one mutually
  exclusive group, so the search also chooses the day of the visit;
- a site in a city truck-ban zone gets one client per window and set of vehicle classes that
  may use it; a client that some class may not serve sits at its own copy of the location,
  which that class's routing profile puts out of reach (huge distance and duration);
- a truck type's cost is fixed + cost per metre x distance + driver cost per second x duty time,
  and the first day's fixed cost covers one shift: duty beyond it is PyVRP "overtime" charged at
  the fixed cost per day pro rata, up to the longest tour. That is the cost the KPIs charge.

A truck allowed several trips gets its unloading hub as a PyVRP reload depot (at most
max_trips - 1 reloads); the depot's service duration is the hub's unloading time, which PyVRP
counts at the start of every trip: once per unload, the first trip's standing for the last
unload (so the truck's first departure is that much later in PyVRP's view than it need be; the
exact schedule has it right). Release dates (benchmarks) are PyVRP's own client release times.

What PyVRP cannot express is the hub's receiving hours at the end of a tour or an unload (it
knows one latest return time), nor a tour limit per trip. The search therefore returns
sequences, and solver/search.py has them checked and, where needed, repaired against the full
model before they become a plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

import numpy as np
import pyvrp

from magroute.solver.model_data import ModelData, VehicleData
from magroute.solver.schedule import tau_schedule
from magroute.solver.trips import normalised

# Penalties from here up (10 crore INR) mark must-collect sites: no plan costs that much.
PRIZE_CAP_UNITS = 10**12
# A location a vehicle class may not visit: further than any tour, longer than any horizon.
OUT_OF_REACH_M = 10**8


@dataclass(frozen=True)
class PyvrpModel:
    data: pyvrp.ProblemData
    client_node: np.ndarray  # node of every PyVRP client
    client_tw: list[tuple[int, int]]  # service-start window of every client
    client_classes: list[frozenset[str] | None]  # vehicle classes that may serve it (None: all)
    type_vehicles: list[list[int]]  # ModelData vehicle indices of every PyVRP vehicle type
    node_clients: dict[int, list[int]]  # the clients (one per window) of every reachable site node
    # PyVRP counts the prize of every client not visited, including the other windows of a site
    # that is visited; its cost is therefore ours plus this constant.
    prize_offset: int


# The fields of a truck that PyVRP's vehicle type sees: trucks equal in all share a type.
_TypeKey = tuple[int | str, ...]


class _Reloads(TypedDict, total=False):
    """pyvrp.VehicleType's arguments for a truck that makes several trips (none otherwise)."""

    reload_depots: list[int]
    max_reloads: int


def _type_key(v: VehicleData) -> _TypeKey:
    return (v.start_node, v.end_node, v.capacity_kg, v.cost_units_per_m, v.span_units_per_s,
            v.fixed_units, v.day_units_per_s, v.one_day_span_s, v.max_span_s, v.vehicle_class,
            v.max_trips, v.earliest_start_s, v.crew)


def _pieces(data: ModelData, node: int, classes: list[str]
            ) -> list[tuple[tuple[int, int], frozenset[str] | None]]:
    """(window, classes allowed or None for all) of every client of a site node."""
    per_class = data.class_windows_at(node, classes)
    if per_class is None:
        return [(w, None) for w in data.windows[node]]
    allowed: dict[tuple[int, int], set[str]] = {}
    for c in classes:
        for w in per_class.get(c, []):
            allowed.setdefault(w, set()).add(c)
    everyone = set(classes)
    return [(w, None if cs == everyone else frozenset(cs)) for w, cs in sorted(allowed.items())]


def _profile(data: ModelData, v: VehicleData) -> tuple[str, int, int]:
    """(class, crew, cost per metre where the class pays entry charges, else 0)."""
    paid = data.entry_units_for(v.vehicle_class) is not None
    return v.vehicle_class, v.crew, v.cost_units_per_m if paid else 0


def build_pyvrp(data: ModelData) -> PyvrpModel:
    classes = sorted({v.vehicle_class for v in data.vehicles})
    location_node = list(range(data.n_nodes))  # extra locations copy a site node's
    location_classes: dict[int, frozenset[str]] = {}
    # A hub where some truck unloads between trips: PyVRP's per-trip depot service is its
    # unloading time. Elsewhere 0, so one-tour plans are translated exactly as before.
    reload_hubs = {v.end_node for v in data.vehicles if v.reloads}
    lead = [data.unload_s_at(h) if h in reload_hubs else 0 for h in range(data.n_hubs)]
    depots = [pyvrp.Depot(location=h, service_duration=lead[h]) for h in range(data.n_hubs)]
    clients: list[pyvrp.Client] = []
    groups: list[pyvrp.ClientGroup] = []
    client_node: list[int] = []
    client_tw: list[tuple[int, int]] = []
    client_classes: list[frozenset[str] | None] = []
    node_clients: dict[int, list[int]] = {}
    for node in range(data.n_hubs, data.n_nodes):
        windows = _pieces(data, node, classes)
        if not windows:
            continue  # never open in the horizon (for any class): no client, never visited
        # A must-collect site (penalty beyond any plan's cost) is a required client: PyVRP
        # builds its first plans around required clients, and a prize large enough to force
        # them in would overflow its penalty arithmetic.
        required = bool(data.required[node]) or int(data.penalty_units[node]) >= PRIZE_CAP_UNITS
        prize = 0 if required else int(data.penalty_units[node])
        grouped = len(windows) > 1
        first = len(clients)
        for (lo, hi), allowed in windows:
            location = node
            if allowed is not None:
                location = len(location_node)
                location_node.append(node)
                location_classes[location] = allowed
            clients.append(pyvrp.Client(
                location=location, delivery=[int(data.demand_kg[node])],
                service_duration=int(data.service_s[node]), tw_early=int(lo), tw_late=int(hi),
                release_time=0 if data.release_s is None else int(data.release_s[node]),
                prize=prize, required=required and not grouped,
                group=len(groups) if grouped else None,
            ))
            client_node.append(node)
            client_tw.append((int(lo), int(hi)))
            client_classes.append(allowed)
        node_clients[node] = list(range(first, len(clients)))
        if grouped:
            groups.append(pyvrp.ClientGroup(node_clients[node], required=required))

    # One profile per vehicle class where classes drive different legs (ban-zone detours) or
    # may serve different sites (access, bans): a location a class may not use is out of its
    # reach; per crew (a crew drives longer before its breaks); and, where the class pays city
    # entry charges, per cost per metre, the charge being added to the distance as the metres
    # that cost as much.
    by_class = bool(location_classes) or any(c in data.class_legs for c in classes) \
        or len({v.crew for v in data.vehicles}) > 1 \
        or any(data.entry_units_for(c) is not None for c in classes)
    profiles = sorted({_profile(data, v) for v in data.vehicles}) if by_class \
        else [_profile(data, data.vehicles[0]) if data.vehicles else ("", 1, 0)]
    by_key: dict[_TypeKey, list[int]] = {}
    for k, v in enumerate(data.vehicles):
        by_key.setdefault(_type_key(v), []).append(k)
    vehicle_types = []
    for ks in by_key.values():
        v = data.vehicles[ks[0]]
        end_windows = data.windows[v.end_node]
        latest_return = int(end_windows[-1][1]) if end_windows else 0
        # The first trip's depot service stands for the final unload: duty and cost as ours.
        first = lead[v.start_node]
        shift = v.one_day_span_s + first
        # The weekly duty cap counts the final unload, which the span does not.
        unload = data.unload_s_at(v.end_node)
        duty_room = data.max_duty_s(data.horizon_s + unload, v) - unload
        longest = min(v.max_span_s if not v.reloads else data.horizon_s, duty_room) + first
        reload: _Reloads = {"reload_depots": [v.end_node], "max_reloads": v.max_trips - 1} \
            if v.reloads else {}
        vehicle_types.append(pyvrp.VehicleType(
            num_available=len(ks), capacity=[v.capacity_kg], start_depot=v.start_node,
            end_depot=v.end_node, fixed_cost=max(0, v.fixed_units - first * v.span_units_per_s),
            tw_early=v.earliest_start_s, tw_late=latest_return + first,
            shift_duration=shift, max_overtime=max(0, longest - shift),
            unit_overtime_cost=v.day_units_per_s, unit_distance_cost=v.cost_units_per_m,
            unit_duration_cost=v.span_units_per_s,
            profile=profiles.index(_profile(data, v)) if by_class else 0,
            **reload,
        ))
    idx = np.asarray(location_node)
    grid = np.ix_(idx, idx)
    dist_by_profile: list[np.ndarray] = []
    dur_by_profile: list[np.ndarray] = []
    for c, crew, per_m in profiles:
        d = data.distance_for(c)[grid].astype(np.int64)
        entry = data.entry_units_for(c)
        if entry is not None and per_m > 0:
            d = d + -(-entry[grid] // per_m)
        t = data.search_travel_for(c, crew)[grid].astype(np.int64)
        shut = [loc for loc, allowed in location_classes.items() if c not in allowed]
        if shut:
            d[shut, :] = d[:, shut] = OUT_OF_REACH_M
            t[shut, :] = t[:, shut] = data.horizon_s + 1
            d[shut, shut] = t[shut, shut] = 0
        dist_by_profile.append(d)
        dur_by_profile.append(t)
    problem = pyvrp.ProblemData(
        locations=[pyvrp.Location(x=0, y=0) for _ in location_node], clients=clients,
        depots=depots, vehicle_types=vehicle_types,
        # pyvrp's stub says list[np.ndarray[int]], which is no valid ndarray type (shape first)
        distance_matrices=[np.ascontiguousarray(m) for m in dist_by_profile],  # type: ignore[misc]
        duration_matrices=[np.ascontiguousarray(m) for m in dur_by_profile],  # type: ignore[misc]
        groups=groups,
    )
    offset = sum((len(cs) - 1) * clients[cs[0]].prize for cs in node_clients.values())
    return PyvrpModel(problem, np.asarray(client_node, dtype=np.int64), client_tw,
                      client_classes, list(by_key.values()), node_clients, offset)


def sequences_from_solution(model: PyvrpModel, solution: pyvrp.Solution, n_vehicles: int
                            ) -> list[list[int]]:
    """One node sequence per ModelData vehicle (empty for trucks left at home); a reload is
    its depot's hub node (depot index = hub node)."""
    out: list[list[int]] = [[] for _ in range(n_vehicles)]
    next_free = [0] * len(model.type_vehicles)
    for route in solution.routes():
        t = route.vehicle_type()
        k = model.type_vehicles[t][next_free[t]]
        next_free[t] += 1
        inner = list(route)[1:-1]  # the route's own start and end depots are not in it
        out[k] = [int(model.client_node[a.idx]) if a.is_client() else int(a.idx) for a in inner]
        out[k] = normalised(out[k], model.data.num_depots, _end_of(model, t))
    return out


def _end_of(model: PyvrpModel, vehicle_type: int) -> int:
    return int(model.data.vehicle_type(vehicle_type).end_depot)


def solution_from_sequences(model: PyvrpModel, data: ModelData, sequences: list[list[int]]
                            ) -> pyvrp.Solution:
    """A warm start: the client copy of every visit is the window its scheduled service uses."""
    type_of = {k: t for t, ks in enumerate(model.type_vehicles) for k in ks}
    routes = []
    for k, nodes in enumerate(sequences):
        v = data.vehicles[k]
        nodes = normalised([n for n in nodes if n in model.node_clients
                            or (n < data.n_hubs and v.reloads)], data.n_hubs, v.end_node)
        if not nodes:
            continue
        sched = tau_schedule(data, v, nodes)
        visits = []
        for i, node in enumerate(nodes):
            if node < data.n_hubs:
                visits.append(pyvrp.Activity(pyvrp.ActivityType.DEPOT, int(node)))
                continue
            copies = model.node_clients[node]
            usable = [c for c in copies if (cs := model.client_classes[c]) is None
                      or v.vehicle_class in cs] or copies
            choice = usable[0]
            if sched is not None:
                s = sched.service[i]
                choice = next((c for c in usable
                               if model.client_tw[c][0] <= s <= model.client_tw[c][1]), choice)
            visits.append(pyvrp.Activity(pyvrp.ActivityType.CLIENT, int(choice)))
        routes.append(pyvrp.Route(model.data, visits, type_of[k]))
    return pyvrp.Solution(model.data, routes)
