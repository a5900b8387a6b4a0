"""One run of PyVRP's iterated local search on a ModelData, from scratch or from a warm start."""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import pyvrp
from pyvrp.exceptions import PenaltyBoundWarning

from magroute.solver.model_data import ModelData
from magroute.solver.pyvrp_model import build_pyvrp, sequences_from_solution, solution_from_sequences

# (PyVRP cost of the new best, sites it serves) whenever the run finds a better feasible plan.
OnBest = Callable[[int, int], None]
_INFEASIBLE = 2**62  # PyVRP's CostEvaluator.cost of an infeasible solution is about 2^63


@dataclass(frozen=True)
class IlsTask:
    data: ModelData
    seed: int
    deadline: float  # time.monotonic() at which to stop (the same clock in every process)
    iterations: int | None = None  # with a limit the run is reproducible (if time allows)
    initial: list[list[int]] | None = None  # one node sequence per vehicle of `data`
    # When to note the best cost found so far (IlsRun.mark_cost): time.monotonic(), or with an
    # iteration limit the iteration (so that the note, too, is reproducible).
    mark: float | None = None
    # When to hand the best plan so far to the caller and ask whether to go on to `deadline`
    # (time.monotonic(), or with an iteration limit the iteration): the search then carries
    # on exactly where it was, as one uninterrupted run. None: no checkpoint.
    checkpoint: float | None = None
    # Start afresh (a new random plan, seed + restart_stride) when this long (seconds, or
    # iterations with an iteration limit) passes without a better plan; the run keeps the best
    # of its restarts. None: never (and not together with mark or checkpoint).
    restart_after: float | None = None
    restart_stride: int = 1

    def __post_init__(self) -> None:
        if self.restart_after is not None and (self.mark is not None
                                               or self.checkpoint is not None):
            raise ValueError("restarts do not combine with a mark or a checkpoint")


# One node sequence per vehicle of the task's data.
Sequences = list[list[int]]


@dataclass(frozen=True)
class IlsRun:
    """What a run found: its best plan (None when no feasible plan was found; the caller
    prices plans itself with schedule.plan_cost_units), and the cost of the best feasible plan
    it knew at the task's mark (inf if none), in ModelData's cost units: how the search
    progressed, for hybrid.py's choice between whole-problem and regional search."""
    sequences: Sequences | None
    cost: float = math.inf  # of `sequences`, PyVRP's objective in ModelData's units
    mark_cost: float = math.inf


def _solve(data: pyvrp.ProblemData, deadline: float, iterations: int | None, seed: int,
           initial: pyvrp.Solution | None, on_best: Callable[[pyvrp.Solution], None],
           mark: float | None = None, checkpoint: float | None = None,
           go_on: Callable[[pyvrp.Solution, float], bool] | None = None,
           stall: float | None = None) -> tuple[pyvrp.Solution, float, int, bool]:
    """PyVRP's `solve` with default parameters (same construction, operators, neighbourhoods
    and perturbation, the same late-acceptance loop as `pyvrp.IteratedLocalSearch.run`, so a
    seed follows PyVRP's own trajectory), with our own penalty manager (below) and a finish
    that respects the deadline: PyVRP polishes every new best with an exhaustive local
    search, which on 1,000 clients can take longer than what is left of a 1 s budget (0.19 s
    measured); here that polish is skipped when the longest one so far would not fit.
    Returns the best solution and the objective of the best feasible one at `mark` (a
    monotonic time, or an iteration with `iterations`). At `checkpoint` (the same units)
    `go_on(best, mark objective)` says whether to carry on to the deadline or stop there.
    With `stall` the run also stops when that long (seconds, or iterations) passes without a
    better plan. Returns the best solution, the mark's objective, the iterations done and
    whether the run stopped for a stall."""
    from pyvrp.RingBuffer import RingBuffer
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
    params = pyvrp.IteratedLocalSearchParams()
    with warnings.catch_warnings():
        # PyVRP warns on stderr when a penalty reaches its bound (heavy loads, tight windows).
        # Every plan it returns is checked for feasibility here and by OR-Tools, and the
        # warning would only clutter a planner's terminal.
        warnings.simplefilter("ignore", PenaltyBoundWarning)
        if initial is None:
            initial = ls(pyvrp.Solution.make_random(data, rng), pm.max_cost_evaluator(),
                         exhaustive=True)
        history: RingBuffer = RingBuffer(params.history_length)
        best = curr = initial
        cost_eval = pm.cost_evaluator()
        best_cost = cost_eval.cost(best)
        polish_s = 0.0  # the longest exhaustive search on a new best so far
        iters = since_best = 0
        mark_cost = math.inf
        stalled = False
        best_at = time.monotonic() if iterations is None else 0  # when the best was found
        while True:
            now = time.monotonic()
            at = iters if iterations is not None else now  # in the units of mark, checkpoint, stall
            if stall is not None and at - best_at >= stall:
                stalled = True
                break
            if mark is not None and mark_cost == math.inf and at >= mark:
                mark_cost = best_cost
            if checkpoint is not None and at >= checkpoint:
                checkpoint = None
                if go_on is None or not go_on(best, best_cost if mark_cost == math.inf
                                              else mark_cost):
                    break
                now = time.monotonic()
            if now >= deadline or (iterations is not None and iters >= iterations):
                break
            iters += 1
            if since_best == params.num_iters_no_improvement:
                history.clear()
                curr = best
                since_best = 0
            cost_eval = pm.cost_evaluator()
            cand = ls(curr, cost_eval, exhaustive=False)
            pm.register(cand)
            since_best += 1
            cand_objective = cost_eval.cost(cand)
            if cand_objective < best_cost:
                best, best_cost, since_best = cand, cand_objective, 0
                started = time.monotonic()
                best_at = iters if iterations is not None else started
                if deadline - started > polish_s:
                    polished = ls(cand, cost_eval, exhaustive=True)
                    polish_s = max(polish_s, time.monotonic() - started)
                    if polished.is_feasible():
                        best, best_cost = polished, cost_eval.cost(polished)
                    cand = polished
                on_best(best)
            cand_cost = cost_eval.penalised_cost(cand)
            curr_cost = cost_eval.penalised_cost(curr)
            late = history.peek()
            late_cost = cost_eval.penalised_cost(initial if late is None else late)
            # late-acceptance hill climbing with both enhancements of Burke and Bykov (2017,
            # section 4.2), as PyVRP: accept an improvement on the current solution too, and
            # update the history only when the current solution beats it
            if cand_cost < late_cost or cand_cost < curr_cost:
                curr, curr_cost = cand, cand_cost
            if curr_cost < late_cost or late is None:
                history.append(curr)
            else:
                history.skip()
    if mark is not None and mark_cost == math.inf:
        mark_cost = best_cost  # stopped before the mark
    return best, mark_cost, iters, stalled


def run_ils(task: IlsTask, on_best: OnBest | None = None,
            go_on: Callable[[IlsRun], bool] | None = None) -> IlsRun:
    """The task's search; at its checkpoint, `go_on(what it has so far)` decides whether it
    carries on to the deadline (no checkpoint, or no `go_on`: it stops there)."""
    model = build_pyvrp(task.data)
    evaluator = pyvrp.CostEvaluator([0.0], 0.0, 0.0)  # the objective of a feasible plan: no penalties

    def cost_of(solution: pyvrp.Solution) -> int:  # in ModelData's terms (see prize_offset)
        return evaluator.cost(solution) - model.prize_offset

    initial = None
    reported = [math.inf]  # the best cost handed to on_best so far
    if task.initial is not None and any(task.initial):
        initial = solution_from_sequences(model, task.data, task.initial)
        if on_best is not None and initial.is_feasible():
            start_cost = cost_of(initial)
            reported[0] = start_cost
            on_best(start_cost, initial.num_clients())  # where this run starts

    def report(best: pyvrp.Solution) -> None:
        # only what beats the run's best so far: after a restart the fresh search's first
        # plans are worse than what the run already has
        if on_best is not None and best.is_feasible():
            cost = cost_of(best)
            if cost < reported[0]:
                reported[0] = cost
                on_best(cost, best.num_clients())

    def result(best: pyvrp.Solution, mark_cost: float) -> IlsRun:
        # PyVRP's objective of an infeasible plan is a huge sentinel, not a cost
        mark_cost = mark_cost - model.prize_offset if mark_cost < _INFEASIBLE else math.inf
        if not best.is_feasible():
            return IlsRun(None, math.inf, mark_cost)
        return IlsRun(sequences_from_solution(model, best, len(task.data.vehicles)),
                      cost_of(best), mark_cost)

    asked = None if go_on is None else (lambda best, mark_cost: go_on(result(best, mark_cost)))
    best, mark_cost, done, stalled = _solve(
        model.data, task.deadline, task.iterations, task.seed, initial, report, task.mark,
        task.checkpoint, asked, task.restart_after)
    seed = task.seed
    while stalled:
        # a fresh start: the same search from a new random plan and seed, for what is left
        seed += task.restart_stride
        left = None if task.iterations is None else task.iterations - done
        if left is not None and left <= 0:
            break
        again, _, more, stalled = _solve(model.data, task.deadline, left, seed, None, report,
                                         stall=task.restart_after)
        done += more
        if again.is_feasible() and (not best.is_feasible() or cost_of(again) < cost_of(best)):
            best = again
    return result(best, mark_cost)


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
