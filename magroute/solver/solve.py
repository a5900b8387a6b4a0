"""solve(problem, matrices, settings) -> Plan: prefilter, build, search, decode, explain."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from google.protobuf.duration_pb2 import Duration
from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from magroute import units
from magroute.domain.plan import Plan, Unserved
from magroute.domain.problem import Problem
from magroute.domain.scenario import SolveSettings
from magroute.errors import NoSolutionError
from magroute.solver.decode import decode_route
from magroute.solver.model_data import ModelData, compile_model
from magroute.solver.ortools_model import build_model, routes_of
from magroute.solver.prefilter import unservable_sites
from magroute.solver.schedule import tau_schedule
from magroute.solver.unserved import explain_dropped
from magroute.travel.matrices import TravelMatrices

# (elapsed seconds, best objective in INR, sites served) on every improving solution.
Progress = Callable[[float, float, int], None]

# OR-Tools RoutingSearchStatus -> words for summary.json. "feasible" means a plan was found and
# the search stopped at its limit; OR-Tools does not prove optimality for these models.
_STATUS = {
    0: "not-solved",
    1: "feasible",
    2: "feasible-local-optimum-not-reached",
    3: "failed",
    4: "timeout-without-solution",
    5: "invalid-model",
    6: "infeasible",
    7: "optimal",
}


def search_parameters(settings: SolveSettings, n_sites: int):
    params = pywrapcp.DefaultRoutingSearchParameters()
    fs = routing_enums_pb2.FirstSolutionStrategy
    ls = routing_enums_pb2.LocalSearchMetaheuristic
    # Measured on the India demo (650 candidate sites, 20 trucks, 30 s): sequential cheapest
    # insertion starts from ~100 served sites in 3 s; path-cheapest-arc drops every site and
    # guided local search never recovers from there.
    params.first_solution_strategy = fs.SEQUENTIAL_CHEAPEST_INSERTION
    params.local_search_metaheuristic = {
        "auto": ls.GUIDED_LOCAL_SEARCH,
        "ortools-gls": ls.GUIDED_LOCAL_SEARCH,
        "ortools-tabu": ls.GENERIC_TABU_SEARCH,
        "ortools-sa": ls.SIMULATED_ANNEALING,
    }[settings.strategy]
    limit = Duration()
    limit.FromMilliseconds(int(settings.time_limit_s * 1000))
    params.time_limit.CopyFrom(limit)
    if settings.solution_limit:
        params.solution_limit = settings.solution_limit
    return params


def solve(
    problem: Problem,
    matrices: TravelMatrices,
    settings: SolveSettings,
    progress: Progress | None = None,
) -> Plan:
    t_start = time.monotonic()
    blocked = unservable_sites(problem, matrices)
    # The seed orders the candidate sites, which steers the construction heuristic's tie-breaks
    # and so the whole search trajectory: different seeds explore different plans, and the same
    # seed with a solution limit gives the same plan.
    candidates = [i for i in range(len(problem.sites)) if i not in blocked]
    candidates = [candidates[k] for k in np.random.default_rng(settings.seed).permutation(
        len(candidates))]
    unserved = [
        Unserved(problem.sites[i].site_id, reason, problem.yields[i].value_inr.expected)
        for i, reason in sorted(blocked.items())
    ]
    if not candidates or not problem.vehicles:
        return Plan((), tuple(unserved), "no-sites", time.monotonic() - t_start, 0.0,
                    seed=settings.seed)

    data = compile_model(problem, matrices, candidates)
    built = build_model(data)
    routing = built.routing
    if progress is not None:
        def on_solution() -> None:
            served = sum(
                1 for node in range(data.n_hubs, data.n_nodes)
                if routing.NextVar(built.manager.NodeToIndex(node)).Value()
                != built.manager.NodeToIndex(node)
            )
            progress(time.monotonic() - t_start,
                     units.units_to_inr(routing.CostVar().Value()), served)

        routing.AddAtSolutionCallback(on_solution)

    remaining = max(1.0, settings.time_limit_s - (time.monotonic() - t_start))
    params = search_parameters(
        SolveSettings(remaining, settings.seed, settings.strategy, settings.solution_limit),
        len(candidates),
    )
    assignment = routing.SolveWithParameters(params)
    status = _STATUS.get(routing.status(), str(routing.status()))
    if assignment is None:
        raise NoSolutionError(f"OR-Tools found no plan ({status})")
    sequences = routes_of(built, assignment)
    return _plan_from_sequences(
        problem, data, sequences, unserved, status, time.monotonic() - t_start,
        units.units_to_inr(assignment.ObjectiveValue()), settings.seed,
    )


def _plan_from_sequences(problem, data: ModelData, sequences, unserved, status, runtime, objective,
                         seed) -> Plan:
    routes, route_ids = [], {}
    for k, nodes in enumerate(sequences):
        if not nodes:
            continue
        v = data.vehicles[k]
        s = tau_schedule(data, v, nodes)
        if s is None:
            raise NoSolutionError(
                f"internal: the search returned a tour for {v.vehicle_id} that the schedule "
                "rules reject; please report this with the scenario"
            )
        route_ids[k] = f"R{len(routes) + 1:02d}"
        routes.append(decode_route(problem, data, v, nodes, s, route_ids[k]))
    visited = {n for nodes in sequences for n in nodes}
    dropped = [n for n in range(data.n_hubs, data.n_nodes) if n not in visited]
    reasons = explain_dropped(data, sequences, dropped, route_ids)
    for node in dropped:
        i = int(data.site_index[node - data.n_hubs])
        site = problem.sites[i]
        reason = reasons[node]
        if site.must_collect:
            reason = "must-collect site that could not be served: " + reason
        unserved.append(Unserved(site.site_id, reason, problem.yields[i].value_inr.expected))
    order = problem.site_index()
    unserved.sort(key=lambda u: order[u.site_id])
    return Plan(tuple(routes), tuple(unserved), status, runtime, objective, seed=seed)
