"""The default engine: PyVRP's iterated local search on every core, with region decomposition for
large problems. OR-Tools then checks (and if need be repairs) the result; see search.py and
docs/engine.md.

- Portfolio: every worker searches the whole problem from its own seed; the best plan wins. On
  small problems (Solomon-size) a local search converges within seconds and independent seeds are
  the best use of a second core.
- Decomposition: on large problems (hundreds of sites) one search is far from converged at any
  planning budget. After a first portfolio phase, the best plan is cut into regions around the
  hub (whole tours by the bearing of their centre, left-out sites by their own bearing), every
  worker improves one region with its own trucks starting from the current tours, and the regions
  are put back together. The cut turns between rounds so that no boundary stays fixed. Each
  worker thus spends all its time on half the sites, which doubles the search effort per site.
"""

from __future__ import annotations

import logging
import math
import multiprocessing as mp
import os
import queue
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from magroute.solver.fill import fill_unserved
from magroute.solver.ils import IlsRun, IlsTask, run_ils
from magroute.solver.model_data import ModelData, select_sites
from magroute.solver.race import WholeCurve
from magroute.solver.repair import repair_sequences
from magroute.solver.schedule import plan_cost_units, route_cost_units, tau_schedule
from magroute.solver.trips import sites_of, split_trips

if TYPE_CHECKING:
    from multiprocessing.queues import Queue

# Decompose when every region still holds this many reachable sites.
MIN_SITES_PER_REGION = 200
FIRST_PHASE_SHARE = 0.3  # of the budget, spent on whole-problem searches before decomposing
EPOCH_SHARE = 0.175  # each decomposition round, as a share of the budget ...
MIN_EPOCH_S = 6.0  # ... but no shorter than this (the last round takes whatever is left)
_MIN_LAST_EPOCH_S = 0.3
# Regions when the plan's tours visit at most this many sites on average: the best-known plans
# of the six GH1000 classes have 10.0-11.1 (C1, R1, RC1) or 27.0-34.5 (R2, C2, RC2); this is
# about the geometric middle of 11.1 and 27 (docs/engine.md)
MAX_SITES_PER_TOUR = 18
# Small problems: a search without a better plan for this share of the budget restarts from a
# new seed (Solomon and HFVRP at 10 s, Dec 2026; docs/engine.md)
RESTART_SHARE = 0.4
TRIPS_FIRST_SHARE = 0.6  # portfolio with trips: the budget share before the first fill pass
DETERMINISTIC_ROUNDS = 2  # decomposition rounds when an iteration limit makes the run reproducible
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_PROGRESS_EVERY_S = 0.5
_log = logging.getLogger(__name__)

# (cost in solver units, sites served) of the best whole plan known so far.
HybridProgress = Callable[[float, int], None]


@dataclass(frozen=True)
class HybridResult:
    sequences: list[list[int]] | None  # None: no feasible plan
    # How the search went, for the record (bench results): "portfolio", "long tours: whole
    # problem", "regions: 3 rounds", "regions: 1 round, then whole problem", ...
    course: str


def default_workers() -> int:
    return max(1, min(8, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                      else os.cpu_count() or 1))


def hybrid_search(
    data: ModelData,
    seed: int,
    deadline: float,
    workers: int | None = None,
    iterations: int | None = None,
    progress: HybridProgress | None = None,
) -> HybridResult:
    """The best plan found by `deadline` (time.monotonic()), and how the search went."""
    workers = workers or default_workers()
    large = workers > 1 and _large_enough(data, workers)
    now = time.monotonic()
    budget = max(0.0, deadline - now)

    # Several workers search the whole problem at once: report the best of them.
    bests: dict[int, tuple[float, int]] = {}

    def report_whole(worker: int, cost: float, served: int) -> None:
        bests[worker] = (cost, served)
        if progress is not None and cost <= min(bests.values())[0]:
            progress(cost, served)

    trips = any(v.reloads for v in data.vehicles)
    if not large:
        # Trucks that may go out again: PyVRP cannot add a left-out site together with an
        # unload (fill.py), so the search stops early for a fill pass and goes on from there.
        first_end = now + budget * TRIPS_FIRST_SHARE if trips else deadline
        # A search that found nothing better for RESTART_SHARE of the budget starts afresh
        # from a new seed (not with trips: their fill passes build on the plan found so far)
        restart = None if trips else RESTART_SHARE * (iterations if iterations is not None
                                                      else budget)
        best, best_cost = _whole(data, seed, first_end, workers, iterations, report_whole,
                                 restart_after=restart)[:2]
        if trips and best is not None:
            best, best_cost = _filled(data, best, best_cost, deadline, progress)
            if deadline - time.monotonic() > _MIN_LAST_EPOCH_S:
                again, cost = _whole(data, seed + workers, deadline, workers, iterations,
                                     report_whole, initial=best)[:2]
                if again is not None and cost <= best_cost:
                    best, best_cost = again, cost
                best, best_cost = _filled(data, best, best_cost, deadline, progress)
        return HybridResult(best, "portfolio with fill passes" if trips else "portfolio")

    # A large problem: a whole-problem phase, noting its progress over its second half. At its
    # end the plan's tours decide: short tours (few sites each) stay within a region around
    # the hub, and regional searches gain more per second; long tours sweep round the hub, a
    # cut through them blocks the moves that matter, and the searches simply carry on, as
    # uninterrupted runs (no restart, no regional round spent finding out).
    first_end = now + budget * FIRST_PHASE_SHARE
    # In iterations with an iteration limit, else in time.monotonic() seconds.
    mark: float
    checkpoint: float
    total: int | None
    if iterations is not None:
        mark, checkpoint = iterations // 2, iterations
        total = iterations * (1 + DETERMINISTIC_ROUNDS)
    else:
        mark, checkpoint = now + budget * FIRST_PHASE_SHARE / 2, first_end
        total = None
    start = 0 if iterations is not None else now  # where mark and checkpoint count from
    chose: dict[str, bool] = {}

    def go_on(runs: list[IlsRun | None]) -> bool:
        plans = [r for r in runs if r is not None and r.sequences is not None]
        if not plans:
            chose["whole"] = False
            return False
        best_run = min(plans, key=lambda r: r.cost)
        assert best_run.sequences is not None  # plans holds only runs with a plan
        chose["whole"] = _long_tours(data, best_run.sequences)
        return chose["whole"]

    if trips:
        # fill passes between phases (see above), so no uninterrupted run: long tours go on
        # as whole-problem searches from the filled plan
        best, best_cost, whole_gain = _whole(data, seed, first_end, workers, iterations,
                                             report_whole, mark=mark)
        if best is not None:
            best, best_cost = _filled(data, best, best_cost, deadline, progress)
            if _long_tours(data, best):
                return HybridResult(
                    _whole_to_the_end(data, best, best_cost, seed + workers, deadline, workers,
                                      iterations, report_whole, trips, progress),
                    "long tours: whole problem")
    else:
        best, best_cost, whole_gain = _whole(data, seed, deadline, workers, total, report_whole,
                                             mark=mark, checkpoint=checkpoint, go_on=go_on)
        if chose.get("whole"):
            return HybridResult(best, "long tours: whole problem")
    if best is None:
        if deadline - time.monotonic() > _MIN_LAST_EPOCH_S:
            # No feasible plan yet (must-collect sites not all served): nothing to cut into
            # regions, so the rest of the budget goes to whole-problem searches from new seeds.
            best = _whole(data, seed + workers, deadline, workers, iterations, report_whole)[0]
        return HybridResult(best, "no plan in the first phase: whole problem")

    # ... then regional rounds, unless the first gains less than the whole-problem searches
    # would have gained in its time (race.py: their curve is measured on this problem). Only
    # the first: later rounds, from plans far along that curve, were set against it too and
    # it over-promised (docs/engine.md, "The race").
    curve = WholeCurve.measured(whole_gain, (mark - start, checkpoint - start))
    rounds = 0
    while True:
        now = time.monotonic()
        remaining = deadline - now
        if iterations is not None and rounds >= DETERMINISTIC_ROUNDS:
            break
        if iterations is None and remaining < _MIN_LAST_EPOCH_S:
            break
        epoch_s = max(MIN_EPOCH_S, budget * EPOCH_SHARE)
        n_left = max(1, math.floor(remaining / epoch_s))
        epoch_end = now + remaining / n_left
        regions = split_regions(data, best, workers, offset=rounds * GOLDEN_ANGLE)
        merged = _improve_regions(data, best, best_cost, regions, seed + workers * (rounds + 1),
                                  epoch_end, iterations, progress)
        merged = repair_sequences(data, merged)[0]
        cost = plan_cost_units(data, merged)
        start_cost = best_cost
        if cost <= best_cost:
            best, best_cost = merged, cost
        if trips:
            best, best_cost = _filled(data, best, best_cost, deadline, progress)
        rounds += 1
        if rounds == 1:
            # the round's set-up (from the checkpoint on) counts against it
            duration = iterations if iterations is not None else time.monotonic() - checkpoint
            gain, expected = start_cost - best_cost, curve.gain_after(duration)
            if gain < expected:
                _log.info("the first regional round gained %.0f, the whole-problem searches "
                          "would have gained %.0f: whole problem from here", gain, expected)
                return HybridResult(
                    _whole_to_the_end(data, best, best_cost, seed + workers * 2, deadline,
                                      workers, iterations, report_whole, trips, progress),
                    "regions: 1 round, then whole problem")
            _log.info("the first regional round gained %.0f, the whole-problem searches would "
                      "have gained %.0f: regions go on", gain, expected)
    return HybridResult(best, f"regions: {_rounds(rounds)}")


def _rounds(n: int) -> str:
    return f"{n} round" if n == 1 else f"{n} rounds"


def _whole_to_the_end(data: ModelData, best: list[list[int]], best_cost: float, seed: int,
                      deadline: float, workers: int, iterations: int | None,
                      report: WorkerProgress, trips: bool, progress: HybridProgress | None
                      ) -> list[list[int]]:
    """Whole-problem searches from `best` for the rest of the budget (and a fill pass with
    trips); the better of their plan and `best`."""
    if deadline - time.monotonic() > _MIN_LAST_EPOCH_S:
        began = time.monotonic()
        again, cost = _whole(data, seed, deadline, workers, iterations, report, initial=best)[:2]
        _log.info("whole-problem searches to the end gained %.0f in %.1f s",
                  max(0.0, best_cost - cost), time.monotonic() - began)
        if again is not None and cost <= best_cost:
            best, best_cost = again, cost
        if trips:
            best, best_cost = _filled(data, best, best_cost, deadline, progress)
    return best


def _filled(data: ModelData, best: list[list[int]], best_cost: float, deadline: float,
            progress: HybridProgress | None) -> tuple[list[list[int]], float]:
    """The plan with every paying insertion (second trips among them) made, if cheaper."""
    filled, added = fill_unserved(data, best, deadline)
    if not added:
        return best, best_cost
    cost = plan_cost_units(data, filled)
    if cost >= best_cost:
        return best, best_cost
    if progress is not None:
        progress(cost, sum(len(sites_of(s, data.n_hubs)) for s in filled))
    return filled, cost


def must_visit_start(data: ModelData) -> list[list[int]] | None:
    """A feasible start for the searches when some but not all sites must be visited
    (must-collect), or None: each on its own tour, the heaviest first on the first truck that
    can serve it alone; if there are not enough such trucks, packed (below). Without a start
    PyVRP may spend a short budget finding any plan that serves them all."""
    from magroute.solver.pyvrp_model import PRIZE_CAP_UNITS

    reachable = _reachable(data)
    must = [n for n in reachable
            if data.required[n] or int(data.penalty_units[n]) >= PRIZE_CAP_UNITS]
    if not must or len(must) == len(reachable):
        # Every site must be visited (VRPTW benchmarks): PyVRP's own construction puts every
        # one on a route anyway, and packing them here is slow and poor: on Gehring-Homberger
        # 1000 it took 4.5-13 s (of a 1-60 s budget) for a start 87-167 % above the best known.
        return None
    must.sort(key=lambda n: -int(data.demand_kg[n]))
    start: list[list[int]] = [[] for _ in data.vehicles]
    for node in must:
        k = next((k for k, v in enumerate(data.vehicles)
                  if not start[k] and tau_schedule(data, v, [node]) is not None), None)
        if k is None:
            return _packed_start(data, must)
        start[k] = [node]
    return start


def _packed_start(data: ModelData, must: list[int]) -> list[list[int]] | None:
    """Must-collect sites, heaviest first, onto a truck that already carries some if one fits
    there (at its cheapest position), else alone onto the smallest free truck that can serve
    it. (Needed when they outnumber the trucks able to carry them: five heavy must-collect
    sites and four trucks of 7 t or more left PyVRP without any feasible plan in 30 s.)"""
    start: list[list[int]] = [[] for _ in data.vehicles]
    by_size = sorted(range(len(data.vehicles)), key=lambda k: data.vehicles[k].capacity_kg)
    for node in must:
        best: tuple[int, int, list[int]] | None = None  # (extra cost, truck, sequence)
        for k, nodes in enumerate(start):
            if not nodes:
                continue
            v = data.vehicles[k]
            current = tau_schedule(data, v, nodes)
            assert current is not None  # a truck gets a sequence here only when it fits
            before = route_cost_units(data, v, nodes, current)
            for pos in range(len(nodes) + 1):
                trial = nodes[:pos] + [node] + nodes[pos:]
                s = tau_schedule(data, v, trial)
                if s is not None:
                    extra = route_cost_units(data, v, trial, s) - before
                    if best is None or extra < best[0]:
                        best = (extra, k, trial)
        if best is None:
            free = next((k for k in by_size
                         if not start[k] and tau_schedule(data, data.vehicles[k], [node])), None)
            if free is None:
                return None
            best = (0, free, [node])
        start[best[1]] = best[2]
    return start


def _whole(data: ModelData, seed: int, end: float, workers: int, iterations: int | None,
           report: WorkerProgress, initial: list[list[int]] | None = None,
           mark: float | None = None, checkpoint: float | None = None,
           go_on: Callable[[list[IlsRun | None]], bool] | None = None,
           restart_after: float | None = None) -> tuple[list[list[int]] | None, float, float]:
    """One portfolio phase on the whole problem: the best plan of `workers` searches (from
    `initial`, else from a plan that serves the must-collect sites, if any), its cost, and how
    much the best of them gained after `mark` (see IlsTask.mark; 0 without a mark). With a
    checkpoint, `go_on` (see run_parallel) decides there whether the searches carry on to
    `end`. With `restart_after` a search that stalls that long starts afresh; worker i's
    seeds are then seed + i, seed + i + workers, ... (so no two searches share a seed)."""
    initial = must_visit_start(data) if initial is None else initial
    tasks = [IlsTask(data, seed + i, end, iterations, initial, mark, checkpoint,
                     restart_after=restart_after, restart_stride=workers)
             for i in range(workers)]
    best, best_cost = None, math.inf
    runs = [r for r in run_parallel(tasks, report, go_on) if r is not None]
    for run in runs:
        if run.sequences is not None:
            # PyVRP's plan fits PyVRP's model; the exact schedule (hub receiving hours, drivers'
            # hours) may still reject a tour, which then loses sites until it fits. (Done here,
            # not in the worker: on a loaded machine a worker's repair outlasted the grace
            # period and its plan was lost.)
            result = repair_sequences(data, run.sequences)[0]
            cost = plan_cost_units(data, result)
            if cost < best_cost:
                best, best_cost = result, cost
    at_mark = min((r.mark_cost for r in runs), default=math.inf)
    at_end = min((r.cost for r in runs), default=math.inf)
    gain = at_mark - at_end if mark is not None and at_mark < math.inf else 0.0
    return best, best_cost, gain


def _long_tours(data: ModelData, sequences: list[list[int]]) -> bool:
    """The plan's tours sweep round the hub rather than stay in a region (docs/engine.md)."""
    tour = mean_sites_per_trip(data, sequences)
    _log.info("tours of %.1f sites on average: %s", tour,
              "whole problem" if tour > MAX_SITES_PER_TOUR else "regions")
    return tour > MAX_SITES_PER_TOUR


def mean_sites_per_trip(data: ModelData, sequences: list[list[int]]) -> float:
    """How many sites a tour (a trip, with reloads) of the plan visits on average."""
    trips = [len(t) for s in sequences for t in split_trips(s, data.n_hubs) if t]
    return sum(trips) / len(trips) if trips else 0.0


def _large_enough(data: ModelData, workers: int) -> bool:
    """Enough reachable sites for a region per worker to hold a problem worth a search of its
    own. Whether regions then beat the whole-problem search is measured (hybrid_search)."""
    return len(_reachable(data)) >= workers * MIN_SITES_PER_REGION


def _reachable(data: ModelData) -> list[int]:
    """The site nodes with at least one opening window some truck can use."""
    return [n for n in data.site_nodes() if data.windows[n]]


@dataclass(frozen=True)
class Region:
    site_nodes: list[int]  # of the whole problem, in the region's node order
    vehicles: list[int]  # of the whole problem


def split_regions(data: ModelData, sequences: list[list[int]], k: int, offset: float
                  ) -> list[Region]:
    """Cut a plan into k regions of about equal site count by bearing from the unloading hub."""
    centre = data.xy[data.vehicles[0].end_node]

    def bearing(points: np.ndarray) -> float:
        dx, dy = points.mean(axis=0) - centre
        return (math.atan2(dy, dx) - offset) % (2 * math.pi)

    items: list[tuple[float, list[int], list[int]]] = []  # bearing, site nodes, vehicles
    visited = set()
    for v, nodes in enumerate(sequences):
        sites = sites_of(nodes, data.n_hubs)
        if sites:
            items.append((bearing(data.xy[sites]), sites, [v]))
            visited.update(sites)
    for node in data.site_nodes():
        if node not in visited and data.windows[node]:
            items.append((bearing(data.xy[[node]]), [node], []))
    items.sort(key=lambda item: item[0])
    total = sum(len(nodes) for _, nodes, _ in items)
    regions = [Region([], []) for _ in range(k)]
    done = 0
    for _, nodes, vehicles in items:
        r = min(k - 1, done * k // max(1, total))
        regions[r].site_nodes.extend(nodes)
        regions[r].vehicles.extend(vehicles)
        done += len(nodes)
    # Idle trucks go round-robin, type by type, so every region can open new tours.
    idle = sorted((v for v, nodes in enumerate(sequences) if not nodes),
                  key=lambda v: (data.vehicles[v].type_id, v))
    for i, v in enumerate(idle):
        regions[i % k].vehicles.append(v)
    return [r for r in regions if r.site_nodes]


def _improve_regions(data: ModelData, best: list[list[int]], best_cost: float,
                     regions: Sequence[Region], seed: int, deadline: float, iterations: int | None,
                     progress: HybridProgress | None) -> list[list[int]]:
    tasks: list[IlsTask] = []
    for region in regions:
        sub = select_sites(data, region.site_nodes, region.vehicles)
        to_sub = {node: data.n_hubs + i for i, node in enumerate(region.site_nodes)}
        to_sub.update((h, h) for h in range(data.n_hubs))  # unloads keep their hub
        initial = [[to_sub[n] for n in best[v]] for v in region.vehicles]
        tasks.append(IlsTask(sub, seed + len(tasks), deadline, iterations, initial))

    # Live progress: the whole plan's cost moves by each region's change from where it started.
    start_cost: dict[int, tuple[float, int]] = {}
    latest: dict[int, tuple[float, int]] = {}
    served0 = sum(len(sites_of(s, data.n_hubs)) for s in best)

    def report(worker: int, cost: float, served: int) -> None:
        start_cost.setdefault(worker, (cost, served))
        latest[worker] = (cost, served)
        if progress is not None:
            delta = sum(latest[w][0] - start_cost[w][0] for w in latest)
            dserved = sum(latest[w][1] - start_cost[w][1] for w in latest)
            progress(best_cost + delta, served0 + dserved)

    merged = [list(s) for s in best]
    for region, run in zip(regions, run_parallel(tasks, report), strict=True):
        if run is None or run.sequences is None:
            continue  # keep this region's tours as they were
        for sub_v, nodes in enumerate(run.sequences):
            merged[region.vehicles[sub_v]] = [n if n < data.n_hubs
                                              else region.site_nodes[n - data.n_hubs]
                                              for n in nodes]
    return merged


# --- running tasks on several processes -------------------------------------------------------

WorkerProgress = Callable[[int, float, int], None]  # worker index, cost, sites served
_GRACE_S = 2.0  # how long past its deadline a worker may take to hand back its result
# ... and how much longer to wait when no worker has handed back anything yet: on a loaded
# machine one local-search iteration of a large problem can outlast the grace (seen with 2
# plans on 2 cores), and a late plan beats none.
_LATE_S = 15.0


def run_parallel(tasks: Sequence[IlsTask], progress: WorkerProgress | None = None,
                 go_on: Callable[[list[IlsRun | None]], bool] | None = None
                 ) -> list[IlsRun | None]:
    """Run every task on its own process (in this one when there is a single task). Tasks
    with a checkpoint hand in what they have there; `go_on(those results)` then says whether
    they all carry on to their deadline (the searches continue where they were) or stop,
    in which case their checkpoint results are returned."""
    if len(tasks) == 1:
        def on_best(cost: float, served: int) -> None:
            if progress is not None:
                progress(0, cost, served)
        ask = None if go_on is None else (lambda run: go_on([run]))
        return [run_ils(tasks[0], on_best, ask)]
    # One call per literal method: typeshed types get_context(str) as a BaseContext, which
    # declares no Process.
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context("spawn")
    messages = ctx.Queue()
    answers = [ctx.Queue() for _ in tasks]
    procs = [ctx.Process(target=_worker, args=(i, task, messages, answers[i]), daemon=True)
             for i, task in enumerate(tasks)]
    for p in procs:
        p.start()
    results: list[IlsRun | None] = [None] * len(tasks)
    pending = set(range(len(tasks)))
    waiting = {i for i, t in enumerate(tasks) if t.checkpoint is not None}
    at_checkpoint: dict[int, IlsRun | None] = {}
    give_up = max(t.deadline for t in tasks) + _GRACE_S
    try:
        while pending:
            now = time.monotonic()
            if now >= give_up + _LATE_S or (now >= give_up and any(
                    r is not None for r in results)):
                break
            try:
                kind, i, payload = messages.get(timeout=0.2)
            except queue.Empty:
                # A worker that died without a word (killed, out of memory) is not waited for.
                dead = {i for i in pending if procs[i].exitcode not in (None, 0)}
                pending -= dead
                waiting -= dead
                if not (at_checkpoint and not waiting):
                    continue
                kind = "none"
            if kind == "none":
                pass
            elif kind == "best":
                if progress is not None:
                    progress(i, *payload)
            elif kind == "checkpoint":
                at_checkpoint[i] = payload
                waiting.discard(i)
            else:
                results[i] = payload if kind == "done" else None
                pending.discard(i)
                waiting.discard(i)
            if at_checkpoint and not waiting:  # every live worker is at its checkpoint
                runs = [at_checkpoint.get(k, results[k]) for k in range(len(tasks))]
                carry_on = go_on is not None and go_on(runs)
                for k in at_checkpoint:
                    answers[k].put(carry_on)
                if not carry_on:
                    results = runs
                    break
                at_checkpoint = {}
    finally:
        for p in procs:
            p.join(timeout=0.2)
            if p.is_alive():
                p.terminate()
    return results


def _worker(i: int, task: IlsTask, messages: Queue[tuple[str, int, object]],
            answers: Queue[bool]) -> None:
    last = [0.0]

    def on_best(cost: float, served: int) -> None:
        now = time.monotonic()
        if now - last[0] >= _PROGRESS_EVERY_S:
            last[0] = now
            messages.put(("best", i, (cost, served)))

    def go_on(run: IlsRun) -> bool:
        messages.put(("checkpoint", i, run))
        return bool(answers.get())

    try:
        messages.put(("done", i, run_ils(task, on_best, go_on)))
    except Exception as exc:  # reported as a missing result; the other workers carry on
        messages.put(("error", i, repr(exc)))
