"""One run of PyVRP's iterated local search on a ModelData, from scratch or from a warm start."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import pyvrp
from pyvrp.exceptions import PenaltyBoundWarning
from pyvrp.stop import MaxIterations, MaxRuntime, MultipleCriteria

from magroute.solver.model_data import ModelData
from magroute.solver.pyvrp_model import build_pyvrp, sequences_from_solution, solution_from_sequences

# (PyVRP cost of the new best, sites it serves) whenever the run finds a better feasible plan.
OnBest = Callable[[int, int], None]


@dataclass(frozen=True)
class IlsTask:
    data: ModelData
    seed: int
    deadline: float  # time.monotonic() at which to stop (the same clock in every process)
    iterations: int | None = None  # with a limit the run is reproducible (if time allows)
    initial: list[list[int]] | None = None  # one node sequence per vehicle of `data`


# One node sequence per vehicle of the task's data, or None when no feasible plan was found.
# (The caller prices plans itself with schedule.plan_cost_units, so no cost travels with it.)
Sequences = list[list[int]]


def _solve(data, stop, seed: int, initial, callbacks) -> pyvrp.Result:
    """pyvrp.solve with default parameters, but our own penalty manager (see below)."""
    from pyvrp.search import (
        OPERATORS,
        LocalSearch,
        NeighbourhoodParams,
        PerturbationManager,
        PerturbationParams,
        compute_neighbours,
    )

    rng = pyvrp.RandomNumberGenerator(seed=seed)
    neighbours = compute_neighbours(data, NeighbourhoodParams())
    ls = LocalSearch(data, rng, neighbours, PerturbationManager(PerturbationParams()))
    for op in OPERATORS:
        if op.supports(data):
            ls.add_operator(op(data))
    pm = _penalty_manager(data)
    if initial is None:
        initial = ls(pyvrp.Solution.make_random(data, rng), pm.max_cost_evaluator(),
                     exhaustive=True)
    algo = pyvrp.IteratedLocalSearch(data, pm, ls, initial,
                                     pyvrp.IteratedLocalSearchParams(callbacks=callbacks))
    with warnings.catch_warnings():
        # PyVRP warns on stderr when a penalty reaches its bound (heavy loads, tight windows).
        # Every plan it returns is checked for feasibility here and by OR-Tools, and the
        # warning would only clutter a planner's terminal.
        warnings.simplefilter("ignore", PenaltyBoundWarning)
        return algo.run(stop, collect_stats=False, display=False)


class _Callbacks(pyvrp.IteratedLocalSearchCallbacks):
    def __init__(self, on_best: OnBest | None, cost_of) -> None:
        self._on_best = on_best
        self._cost_of = cost_of

    def on_best(self, best: pyvrp.Solution) -> None:
        if self._on_best is not None and best.is_feasible():
            self._on_best(self._cost_of(best), best.num_clients())


def run_ils(task: IlsTask, on_best: OnBest | None = None) -> Sequences | None:
    model = build_pyvrp(task.data)
    evaluator = pyvrp.CostEvaluator([0.0], 0.0, 0.0)  # the objective of a feasible plan: no penalties

    def cost_of(solution: pyvrp.Solution) -> int:  # in ModelData's terms (see prize_offset)
        return evaluator.cost(solution) - model.prize_offset

    stop = MaxRuntime(max(0.0, task.deadline - time.monotonic()))
    if task.iterations is not None:
        stop = MultipleCriteria([stop, MaxIterations(task.iterations)])
    initial = None
    if task.initial is not None and any(task.initial):
        initial = solution_from_sequences(model, task.data, task.initial)
        if on_best is not None and initial.is_feasible():
            on_best(cost_of(initial), initial.num_clients())  # where this run starts
    result = _solve(model.data, stop, task.seed, initial,
                    _Callbacks(on_best, cost_of))
    if not result.best.is_feasible():
        return None
    return sequences_from_solution(model, result.best, len(task.data.vehicles))


def _penalty_manager(data: pyvrp.ProblemData) -> pyvrp.PenaltyManager:
    """PyVRP's penalties for excess load and lateness (per unit) start at 50,000 and stop at
    100,000 by default, which suits benchmark scales. Here one site's prize can be 10^9 (1 lakh
    INR in 1e-4 INR units), and a search whose penalties cannot outgrow the prizes settles on
    plans that overload trucks or arrive late (on a 12-site test problem it found no feasible
    plan at all). The cap therefore grows with the largest prize; the start stays PyVRP's.
    (Starting the load penalty at the cost of carrying a kg instead made the India demo find no
    feasible plan in 36 s: measured, and left out.) Without prizes nothing changes."""
    default = pyvrp.PenaltyParams()
    top_prize = max((c.prize for c in data.clients()), default=0)
    params = pyvrp.PenaltyParams(max_penalty=max(default.max_penalty, 10.0 * top_prize))
    return pyvrp.PenaltyManager(default.midpoint_penalties(data), params)
