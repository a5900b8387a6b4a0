"""ModelData as a PyVRP problem, and solutions back and forth as magroute node sequences.

The translation is exact for everything PyVRP can express:
- one PyVRP location per node (hubs first, as in ModelData), one depot per hub;
- a site open on several days becomes one client per opening window, all in one mutually
  exclusive group, so the search also chooses the day of the visit;
- a truck type's cost is fixed + cost per metre x distance + driver cost per second x duty time,
  and the first day's fixed cost covers one shift: duty beyond it is PyVRP "overtime" charged at
  the fixed cost per day pro rata, up to the longest tour. That is the cost the KPIs charge.

What PyVRP cannot express is the hub's receiving hours at the end of a tour (it knows one latest
return time). The search therefore returns sequences, and solver/search.py has them checked and,
where needed, repaired against the full model before they become a plan.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyvrp

from magroute.solver.model_data import ModelData
from magroute.solver.schedule import tau_schedule

# Penalties from here up (10 crore INR) mark must-collect sites: no plan costs that much.
PRIZE_CAP_UNITS = 10**12


@dataclass(frozen=True)
class PyvrpModel:
    data: pyvrp.ProblemData
    client_node: np.ndarray  # node of every PyVRP client
    client_window: np.ndarray  # index into data.windows[node] of every client
    type_vehicles: list[list[int]]  # ModelData vehicle indices of every PyVRP vehicle type
    node_clients: dict[int, list[int]]  # the clients (one per window) of every reachable site node
    # PyVRP counts the prize of every client not visited, including the other windows of a site
    # that is visited; its cost is therefore ours plus this constant.
    prize_offset: int


def _type_key(v) -> tuple:
    return (v.start_node, v.end_node, v.capacity_kg, v.cost_units_per_m, v.span_units_per_s,
            v.fixed_units, v.day_units_per_s, v.one_day_span_s, v.max_span_s)


def build_pyvrp(data: ModelData) -> PyvrpModel:
    locations = [pyvrp.Location(x=0, y=0) for _ in range(data.n_nodes)]
    depots = [pyvrp.Depot(location=h) for h in range(data.n_hubs)]
    clients, groups = [], []
    client_node, client_window = [], []
    node_clients: dict[int, list[int]] = {}
    for node in range(data.n_hubs, data.n_nodes):
        windows = data.windows[node]
        if not windows:
            continue  # never open in the horizon: no client, so never visited
        # A must-collect site (penalty beyond any plan's cost) is a required client: PyVRP
        # builds its first plans around required clients, and a prize large enough to force
        # them in would overflow its penalty arithmetic.
        required = bool(data.required[node]) or int(data.penalty_units[node]) >= PRIZE_CAP_UNITS
        prize = 0 if required else int(data.penalty_units[node])
        grouped = len(windows) > 1
        first = len(clients)
        for w, (lo, hi) in enumerate(windows):
            clients.append(pyvrp.Client(
                location=node, delivery=[int(data.demand_kg[node])],
                service_duration=int(data.service_s[node]), tw_early=int(lo), tw_late=int(hi),
                prize=prize, required=required and not grouped,
                group=len(groups) if grouped else None,
            ))
            client_node.append(node)
            client_window.append(w)
        node_clients[node] = list(range(first, len(clients)))
        if grouped:
            groups.append(pyvrp.ClientGroup(node_clients[node], required=required))

    by_key: dict[tuple, list[int]] = {}
    for k, v in enumerate(data.vehicles):
        by_key.setdefault(_type_key(v), []).append(k)
    vehicle_types = []
    for ks in by_key.values():
        v = data.vehicles[ks[0]]
        end_windows = data.windows[v.end_node]
        latest_return = int(end_windows[-1][1]) if end_windows else 0
        vehicle_types.append(pyvrp.VehicleType(
            num_available=len(ks), capacity=[v.capacity_kg], start_depot=v.start_node,
            end_depot=v.end_node, fixed_cost=v.fixed_units, tw_early=0, tw_late=latest_return,
            shift_duration=v.one_day_span_s, max_overtime=max(0, v.max_span_s - v.one_day_span_s),
            unit_overtime_cost=v.day_units_per_s, unit_distance_cost=v.cost_units_per_m,
            unit_duration_cost=v.span_units_per_s,
        ))
    problem = pyvrp.ProblemData(
        locations=locations, clients=clients, depots=depots, vehicle_types=vehicle_types,
        distance_matrices=[np.ascontiguousarray(data.distance_m, dtype=np.int64)],
        duration_matrices=[np.ascontiguousarray(data.travel_s, dtype=np.int64)],
        groups=groups,
    )
    offset = sum((len(cs) - 1) * clients[cs[0]].prize for cs in node_clients.values())
    return PyvrpModel(problem, np.asarray(client_node, dtype=np.int64),
                      np.asarray(client_window, dtype=np.int64), list(by_key.values()), node_clients,
                      offset)


def sequences_from_solution(model: PyvrpModel, solution: pyvrp.Solution, n_vehicles: int
                            ) -> list[list[int]]:
    """One node sequence per ModelData vehicle (empty for trucks left at home)."""
    out: list[list[int]] = [[] for _ in range(n_vehicles)]
    next_free = [0] * len(model.type_vehicles)
    for route in solution.routes():
        t = route.vehicle_type()
        k = model.type_vehicles[t][next_free[t]]
        next_free[t] += 1
        out[k] = [int(model.client_node[a.idx]) for a in route if a.is_client()]
    return out


def solution_from_sequences(model: PyvrpModel, data: ModelData, sequences: list[list[int]]
                            ) -> pyvrp.Solution:
    """A warm start: the client copy of every visit is the window its scheduled service uses."""
    type_of = {k: t for t, ks in enumerate(model.type_vehicles) for k in ks}
    routes = []
    for k, nodes in enumerate(sequences):
        nodes = [n for n in nodes if n in model.node_clients]
        if not nodes:
            continue
        sched = tau_schedule(data, data.vehicles[k], nodes)
        visits = []
        for i, node in enumerate(nodes):
            copies = model.node_clients[node]
            w = 0
            if sched is not None:
                s = sched.service[i]
                w = next((j for j, (lo, hi) in enumerate(data.windows[node]) if lo <= s <= hi), 0)
            visits.append(copies[w])
        routes.append(pyvrp.Route(model.data, visits, type_of[k]))
    return pyvrp.Solution(model.data, routes)
