"""The search engine: ModelData in, one node sequence per vehicle out.

`magroute plan` and `magroute bench` both call `search`, so benchmark numbers measure the engine
that plans real pickups.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from google.protobuf.duration_pb2 import Duration
from ortools.constraint_solver import pywrapcp, routing_enums_pb2, routing_parameters_pb2

from magroute.domain.scenario import SolveSettings
from magroute.errors import NoSolutionError
from magroute.solver.hybrid import hybrid_search
from magroute.solver.model_data import ModelData, select_sites
from magroute.solver.ortools_model import (
    build_model,
    routes_of,
    routes_to_assignment,
    search_reload_copies,
)
from magroute.solver.repair import repair_sequences
from magroute.solver.schedule import plan_cost_units
from magroute.solver.trips import n_reloads

# (elapsed seconds, objective in solver cost units, sites served) on every new solution.
SearchProgress = Callable[[float, int, int], None]

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


@dataclass(frozen=True)
class SearchResult:
    sequences: list[list[int]]  # per vehicle, the site nodes in visiting order (data's numbering)
    status: str
    objective_units: int
    course: str = ""  # how the hybrid search went (HybridResult.course); "" for OR-Tools


def search_parameters(settings: SolveSettings, time_limit_s: float
                      ) -> routing_parameters_pb2.RoutingSearchParameters:
    params = pywrapcp.DefaultRoutingSearchParameters()
    fs = routing_enums_pb2.FirstSolutionStrategy
    ls = routing_enums_pb2.LocalSearchMetaheuristic
    # Measured on the India demo (650 candidate sites, 20 trucks, 30 s): sequential cheapest
    # insertion starts from ~100 served sites in 3 s; path-cheapest-arc drops every site and
    # guided local search never recovers from there.
    params.first_solution_strategy = fs.SEQUENTIAL_CHEAPEST_INSERTION
    params.local_search_metaheuristic = {
        "auto": ls.GUIDED_LOCAL_SEARCH,
        "hybrid": ls.GUIDED_LOCAL_SEARCH,
        "ortools-gls": ls.GUIDED_LOCAL_SEARCH,
        "ortools-tabu": ls.GENERIC_TABU_SEARCH,
        "ortools-sa": ls.SIMULATED_ANNEALING,
    }[settings.strategy]
    limit = Duration()
    limit.FromMilliseconds(max(1, int(time_limit_s * 1000)))
    params.time_limit.CopyFrom(limit)
    if settings.solution_limit:
        params.solution_limit = settings.solution_limit
    return params


def search(
    data: ModelData,
    settings: SolveSettings,
    progress: SearchProgress | None = None,
    t_start: float | None = None,
) -> SearchResult:
    """Search within what is left of `settings.time_limit_s` since `t_start`."""
    t_start = time.monotonic() if t_start is None else t_start
    if settings.strategy in ("auto", "hybrid"):
        return _hybrid(data, settings, progress, t_start)
    return ortools_search(data, settings, progress, t_start)


def finishing_reserve_s(data: ModelData, time_limit_s: float) -> float:
    """Time kept back from the search for checking the plan with OR-Tools and decoding it
    (measured: building the OR-Tools model for 1,000 sites takes 0.15 s; handing the plans
    back from the workers, the check and decoding took 0.2-0.3 s in all at 60 s, so the
    share of the limit is small: at 1 % a 60 s run ended 0.6 s early, time PyVRP uses)."""
    return 0.1 + 2e-7 * data.n_nodes**2 + 0.002 * time_limit_s


def _hybrid(data: ModelData, settings: SolveSettings, progress: SearchProgress | None,
            t_start: float) -> SearchResult:
    deadline = t_start + settings.time_limit_s - finishing_reserve_s(data, settings.time_limit_s)
    report = None
    if progress is not None:
        def report(cost: float, served: int) -> None:
            progress(time.monotonic() - t_start, int(cost), served)

    found = hybrid_search(data, settings.seed, deadline, settings.workers,
                          settings.iteration_limit, report)
    sequences = found.sequences
    if sequences is None:
        # No plan serves every required or must-collect site: OR-Tools always returns one,
        # leaving out what cannot be served, and the plan says why. It gets at least a quarter
        # of the budget even if that overruns the limit: a plan late beats no plan.
        limit, now = settings.time_limit_s, time.monotonic()
        left = max(limit - (now - t_start), limit / 4)
        result = ortools_search(data, dataclasses.replace(settings, strategy="ortools-gls"),
                                progress, now - limit + left)
        return dataclasses.replace(result, status=result.status + " (OR-Tools fallback)")
    sequences, _ = repair_sequences(data, sequences)
    # The full model has the last word: OR-Tools must accept every tour as it stands.
    built = build_model(data, reload_copies=[n_reloads(s, data.n_hubs) for s in sequences])
    if routes_to_assignment(built, sequences) is None:
        raise NoSolutionError("internal: OR-Tools rejects the plan of the hybrid search; "
                              "please report this with the scenario (strategy = \"ortools-gls\" "
                              "avoids it)")
    return SearchResult(sequences, "feasible", int(plan_cost_units(data, sequences)),
                        course=found.course)


def ortools_search(
    data: ModelData,
    settings: SolveSettings,
    progress: SearchProgress | None = None,
    t_start: float | None = None,
) -> SearchResult:
    """OR-Tools alone: sequential cheapest insertion, then the chosen metaheuristic."""
    t_start = time.monotonic() if t_start is None else t_start
    # The seed orders the site nodes inside the model. The construction does not depend on the
    # order, but the local search does, so different seeds explore different plans, and the same
    # seed with a solution limit gives the same plan.
    order = np.random.default_rng(settings.seed).permutation(data.n_nodes - data.n_hubs)
    shuffled = permute_sites(data, order)
    built = build_model(shuffled, True, search_reload_copies(shuffled))
    routing, manager = built.routing, built.manager
    if progress is not None:
        def on_solution() -> None:
            served = sum(
                1 for node in range(shuffled.n_hubs, shuffled.n_nodes)
                if routing.NextVar(manager.NodeToIndex(node)).Value() != manager.NodeToIndex(node)
            )
            progress(time.monotonic() - t_start, routing.CostVar().Value(), served)

        routing.AddAtSolutionCallback(on_solution)

    remaining = max(0.5, settings.time_limit_s - (time.monotonic() - t_start))
    assignment = routing.SolveWithParameters(search_parameters(settings, remaining))
    status = _STATUS.get(routing.status(), str(routing.status()))
    if assignment is None:
        raise NoSolutionError(f"OR-Tools found no plan ({status})")
    back = np.concatenate([np.arange(data.n_hubs), data.n_hubs + order])
    sequences = [[int(back[n]) for n in seq] for seq in routes_of(built, assignment)]
    if data.rules is not None or any(v.reloads for v in data.vehicles):
        # OR-Tools planned with approximate driving rules, or without the tour limit per trip
        sequences, _ = repair_sequences(data, sequences)
        return SearchResult(sequences, status, int(plan_cost_units(data, sequences)))
    return SearchResult(sequences, status, assignment.ObjectiveValue())


def permute_sites(data: ModelData, order: np.ndarray) -> ModelData:
    """The same model with site node k of the result being site node order[k] of `data`."""
    return select_sites(data, data.n_hubs + np.asarray(order))
