"""The plain OR-Tools baseline a user would write from the samples: path-cheapest-arc first
solution plus guided local search, on the same routing model. A peer for benchmarks only."""

from __future__ import annotations

from ortools.constraint_solver import routing_enums_pb2

from magroute.domain.scenario import SolveSettings
from magroute.solver.model_data import ModelData
from magroute.solver.ortools_model import build_model, routes_of
from magroute.solver.search import search_parameters


def plain_ortools_routes(data: ModelData, time_limit_s: float,
                         first_solution: str = "PATH_CHEAPEST_ARC") -> list[list[int]]:
    """Routes within `time_limit_s` from the named first-solution strategy (an OR-Tools
    FirstSolutionStrategy name), then guided local search."""
    built = build_model(data)
    params = search_parameters(SolveSettings(time_limit_s), time_limit_s)
    params.first_solution_strategy = getattr(routing_enums_pb2.FirstSolutionStrategy, first_solution)
    assignment = built.routing.SolveWithParameters(params)
    return [] if assignment is None else routes_of(built, assignment)
