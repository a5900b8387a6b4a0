"""Engines that solve a BenchInstance within a time limit and return client routes.

magroute's own engine runs through `solver.search` on the same ModelData structure that
`magroute plan` builds from a real scenario. The peers are PyVRP, VROOM (pyvroom) and plain
OR-Tools; PyVRP and VROOM are optional dependencies (`pip install magroute[bench]`).

MTVRPTWR (reloads and release dates): magroute's engine plans trips itself (`max_trips`,
`release_s`) and PyVRP has them natively (reload depots, client release times); their routes
keep a `0` between trips. VROOM and the plain OR-Tools model as built here cannot express
either, and refuse the instance (`CannotExpress`) rather than be scored on a different problem.

`cores` is how many cores a peer may use, as a user who picked that library would use them:
- PyVRP runs best-of-`cores`: that many independent searches at once, seeds
  `seed` .. `seed + cores - 1`, each for the whole limit, and the best feasible route set wins;
- VROOM gets `nb_threads = cores` (its own parallel search);
- plain OR-Tools (one search thread per solve) runs best-of-`cores` as well: process i starts
  from the i-th first-solution strategy of `ORTOOLS_FIRST_SOLUTIONS` (OR-Tools' routing search
  has no seed; the construction is what sets independent runs apart).
magroute itself always runs on every core (`SolveSettings.workers` = None).
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Protocol

import numpy as np

from magroute.bench.instances import HFVRP_SCALE, SCALE, BenchInstance
from magroute.domain.scenario import SolveSettings
from magroute.errors import MagrouteError
from magroute.solver.model_data import ModelData, VehicleData
from magroute.solver.search import search

if TYPE_CHECKING:
    import pyvrp  # imported where used, like the other peers

# A VRPTW client must be visited: its penalty outweighs any route (x10 distances stay < 1e8).
_REQUIRED_PENALTY = 10**12


@dataclass(frozen=True)
class EngineRun:
    """One client list per vehicle: routes[k] is driven by vehicle k (empty = unused); a 0
    inside a list is a reload at the depot (MTVRPTWR only). `note`: how the run went, for the
    results file (magroute: the course of its search; best-of-N peers: which run won)."""
    routes: list[list[int]]
    note: str = ""


class Engine(Protocol):
    def __call__(self, inst: BenchInstance, time_limit_s: float, seed: int, cores: int = 1
                 ) -> EngineRun: ...


class CannotExpress(MagrouteError):
    """The engine's model has no way to state this instance (e.g. reloads). The message is
    what the results table shows in the engine's cell: "n/a (why)"."""


def model_data(inst: BenchInstance) -> ModelData:
    """The instance as the engine's ModelData: node 0 is the depot, node i client i."""
    d = inst.distance()
    n = len(inst.x)
    horizon = int(inst.late[0])
    prize = inst.prize if inst.prize is not None else np.zeros(n, dtype=np.int64)
    penalty = prize.copy() if inst.kind == "pcvrptw" else np.full(n, _REQUIRED_PENALTY)
    penalty[0] = 0
    hetero = inst.kind == "hfvrp"
    loads = pyvrp_load_scale(inst)
    if inst.max_duration is not None and int(inst.max_duration.min()) < horizon:
        # max_span_s limits each trip of a truck that reloads, not its whole duty
        raise CannotExpress("n/a (cannot express a duration limit across trips)")
    fixed, unit_cost = inst.fleet_costs() if hetero else (None, None)
    vehicles = [
        VehicleData(
            vehicle_id=f"v{k}", type_id="v", start_node=0, end_node=0,
            capacity_kg=inst.capacity_of(k) * loads,
            # HFVRP: cost = fixed + unit x length (file values x100, lengths x1000)
            cost_units_per_m=int(unit_cost[k]) if unit_cost is not None else 1,
            span_units_per_s=0,
            fixed_units=int(fixed[k]) * HFVRP_SCALE if fixed is not None else 0,
            day_units_per_s=0, one_day_span_s=horizon, max_span_s=horizon,
            # MTVRPTWR: unload at the depot (end_node) and go out again; the depot is the only
            # reload depot of these files (the reader refuses others)
            max_trips=inst.max_trips_of(k),
        )
        for k in range(inst.num_vehicles)
    ]
    return ModelData(
        clock=None, horizon_s=horizon, site_index=np.arange(n - 1), n_hubs=1,
        distance_m=d, travel_s=d, service_s=inst.service.astype(np.int64),
        demand_kg=inst.demand.astype(np.int64) * loads,
        penalty_units=penalty.astype(np.int64),
        required=np.full(n, inst.kind != "pcvrptw") & (np.arange(n) > 0),
        value_inr=prize.astype(float),
        windows=[[(int(inst.early[i]), int(inst.late[i]))] for i in range(n)],
        vehicles=vehicles, unload_s=0, xy=np.column_stack([inst.x, inst.y]).astype(float),
        release_s=None if inst.release is None else inst.release.astype(np.int64),
    )


def pyvrp_load_scale(inst: BenchInstance) -> int:
    """The factor on loads (demands and capacities) of PyVRP's own reading of the instance,
    which magroute's model takes too. The ratio of load to capacity is the same on any scale,
    but PyVRP's penalty for excess load is per unit, so the scale steers its search: on
    another scale a seed does not follow PyVRP's trajectory (on PCVRPTW R2_10_1 at 60 s
    magroute's two searches, seeds 1 and 2 as PyVRP's, ended 0.21 points behind PyVRP's
    best of 2 with loads unscaled; 7 Dec 2026). VRPLIB files: x10 ("dimacs", as every other
    number), HFVRP x1000 ("exact": there loads are small integers next to costs in the 10^8s,
    and the penalties could not weigh against costs); Solomon text files 1 (the PyVRP peer
    builds that model itself, from the unscaled loads)."""
    if inst.kind == "hfvrp":
        return HFVRP_SCALE
    return SCALE if _pyvrp_reads_file(inst) else 1


def magroute_engine(inst: BenchInstance, time_limit_s: float, seed: int, cores: int = 1
                    ) -> EngineRun:
    # magroute always uses every core (SolveSettings.workers = None); `cores` is for the peers
    result = search(model_data(inst), SolveSettings(time_limit_s=time_limit_s, seed=seed))
    return EngineRun(result.sequences, result.course)


# Process i of a best-of-N plain OR-Tools peer starts from the i-th of these (then guided local
# search). Path-cheapest-arc first: what OR-Tools' own VRPTW samples use.
ORTOOLS_FIRST_SOLUTIONS = ("PATH_CHEAPEST_ARC", "SAVINGS", "PARALLEL_CHEAPEST_INSERTION",
                           "LOCAL_CHEAPEST_INSERTION", "CHRISTOFIDES", "GLOBAL_CHEAPEST_ARC",
                           "SEQUENTIAL_CHEAPEST_INSERTION", "FIRST_UNBOUND_MIN_VALUE")


def ortools_engine(inst: BenchInstance, time_limit_s: float, seed: int, cores: int = 1
                   ) -> EngineRun:
    """Plain OR-Tools; with `cores` > 1 the best of that many runs at once, each from its own
    first-solution strategy, each with the whole limit."""
    if inst.kind == "mtvrptwr":
        # the plain model has no reload nodes and no release dates (solver/plain.py)
        raise CannotExpress("n/a (cannot express reloads)")
    strategies = [ORTOOLS_FIRST_SOLUTIONS[i % len(ORTOOLS_FIRST_SOLUTIONS)]
                  for i in range(max(1, cores))]
    return _best_of(inst, _ortools_routes, [(inst, time_limit_s, s) for s in strategies],
                    [f"first solution {s}" for s in strategies])


def _ortools_routes(inst: BenchInstance, time_limit_s: float, first_solution: str
                    ) -> list[list[int]]:
    from magroute.solver.plain import plain_ortools_routes

    return plain_ortools_routes(model_data(inst), time_limit_s, first_solution)


def pyvrp_engine(inst: BenchInstance, time_limit_s: float, seed: int, cores: int = 1
                 ) -> EngineRun:
    """PyVRP's own `solve`; with `cores` > 1 the best of that many runs at once (seeds
    seed, seed + 1, ...), each with the whole time limit."""
    seeds = [seed + i for i in range(max(1, cores))]
    return _best_of(inst, _pyvrp_routes, [(inst, time_limit_s, s) for s in seeds],
                    [f"seed {s}" for s in seeds])


def _best_of(inst: BenchInstance, solve: Callable[..., list[list[int]]],
             arguments: Sequence[tuple[object, ...]], names: Sequence[str]) -> EngineRun:
    """`solve(*a)` for every `a` at once, one process each; the cheapest feasible route set
    under the benchmark's own evaluator (the first run's routes if none is feasible), noted
    with the winner's name and, with several, the costs of all."""
    if len(arguments) == 1:
        return EngineRun(solve(*arguments[0]))
    from magroute.bench.evaluate import evaluate

    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with ctx.Pool(len(arguments)) as pool:
        runs = pool.starmap(solve, arguments)
    scored = [evaluate(inst, r) for r in runs]
    feasible = [(ev.cost, i) for i, ev in enumerate(scored) if ev.feasible]
    if not feasible:
        return EngineRun(runs[0], f"none of {len(runs)} runs feasible")
    costs = ", ".join(f"{ev.cost:.1f}" if ev.feasible else "infeasible" for ev in scored)
    won = min(feasible)[1]
    return EngineRun(runs[won], f"best: {names[won]} (costs {costs})")


def _pyvrp_routes(inst: BenchInstance, time_limit_s: float, seed: int) -> list[list[int]]:
    import pyvrp
    from pyvrp.stop import MaxRuntime

    data = pyvrp_data(inst)
    result = pyvrp.solve(data, stop=MaxRuntime(time_limit_s), seed=seed, display=False,
                         collect_stats=False)
    # pyvrp.read names each vehicle type by its vehicles' indices ("0,1,2"); a type built here
    # has no name and stands for vehicles 0, 1, ... in order.
    free = [[int(v) for v in t.name.split(",")] if t.name else list(range(t.num_available))
            for t in data.vehicle_types()]
    out: list[list[int]] = [[] for _ in range(inst.num_vehicles)]
    for r in result.best.routes():
        # client activities carry the 0-based client index, so node i is client i - 1; a depot
        # between the route's own start and end is a reload (node 0, the only depot here)
        visits = [a.idx + 1 if a.is_client() else 0 for a in r]
        while visits and visits[0] == 0:
            visits.pop(0)
        while visits and visits[-1] == 0:
            visits.pop()
        out[free[r.vehicle_type()].pop(0)] = visits
    return out


def _pyvrp_reads_file(inst: BenchInstance) -> bool:
    """Whether the PyVRP peer reads the file itself (VRPLIB) or gets a model built here."""
    return inst.path.suffix.lower() == ".vrp"


def pyvrp_data(inst: BenchInstance) -> pyvrp.ProblemData:
    """The problem as the PyVRP peer sees it."""
    import pyvrp

    if _pyvrp_reads_file(inst):
        # PyVRP's own conventions: DIMACS for VRPTW/PCVRPTW/MTVRPTWR, x1000 "exact" for HFVRP.
        # Its reader takes release times, reload depots and reload/duration limits itself.
        return pyvrp.read(inst.path, round_func="exact" if inst.kind == "hfvrp" else "dimacs")
    return _pyvrp_model(inst).data()


def _pyvrp_model(inst: BenchInstance) -> pyvrp.Model:
    import pyvrp

    m = pyvrp.Model()
    locations = [m.add_location(x=float(inst.x[i]), y=float(inst.y[i])) for i in range(len(inst.x))]
    m.add_depot(locations[0], tw_early=int(inst.early[0]), tw_late=int(inst.late[0]))
    m.add_vehicle_type(num_available=inst.num_vehicles, capacity=[int(inst.capacity)],
                       tw_early=int(inst.early[0]), tw_late=int(inst.late[0]))
    for i in range(1, len(inst.x)):
        m.add_client(locations[i], delivery=[int(inst.demand[i])],
                     service_duration=int(inst.service[i]), tw_early=int(inst.early[i]),
                     tw_late=int(inst.late[i]),
                     prize=int(inst.prize[i]) if inst.prize is not None else 0,
                     required=inst.kind == "vrptw")
    d = inst.distance()
    for i, a in enumerate(locations):
        for j, b in enumerate(locations):
            m.add_edge(a, b, distance=int(d[i, j]), duration=int(d[i, j]))
    return m


def vroom_engine(inst: BenchInstance, time_limit_s: float, seed: int, cores: int = 1
                 ) -> EngineRun:
    import vroom

    if inst.kind == "mtvrptwr":
        # pyvroom 1.15 has neither reloads (a vehicle drives one tour) nor release dates
        raise CannotExpress("n/a (cannot express reloads)")

    d = inst.distance()
    problem = vroom.Input()
    problem.set_durations_matrix(profile="car", matrix_input=d.tolist())
    for k in range(inst.num_vehicles):
        costs = vroom.VehicleCosts()
        if inst.kind == "hfvrp":
            # VROOM charges per_hour x duration / 3600; durations are lengths x1000, so these
            # make VROOM's cost 10 x (fixed + unit x length) in the file's x100 units.
            fixed, unit_cost = inst.fleet_costs()
            costs = vroom.VehicleCosts(fixed=int(fixed[k]) * 10, per_hour=int(unit_cost[k]) * 36)
        problem.add_vehicle(vroom.Vehicle(
            k, start=0, end=0, capacity=[inst.capacity_of(k)], costs=costs,
            time_window=vroom.TimeWindow(int(inst.early[0]), int(inst.late[0]))))
    for i in range(1, len(inst.x)):
        problem.add_job(vroom.Job(
            i, location=i, default_service=int(inst.service[i]),
            delivery=[int(inst.demand[i])],
            time_windows=[vroom.TimeWindow(int(inst.early[i]), int(inst.late[i]))]))
    solution = problem.solve(exploration_level=5, nb_threads=max(1, cores),
                             timeout=timedelta(seconds=time_limit_s))
    routes = solution.routes
    jobs = routes[routes["type"] == "job"]
    out: list[list[int]] = [[] for _ in range(inst.num_vehicles)]
    for vehicle, g in jobs.groupby("vehicle_id", sort=True):
        out[int(vehicle)] = list(map(int, g["id"]))
    return EngineRun(out)


ENGINES: dict[str, Engine] = {
    "magroute": magroute_engine,
    "ortools": ortools_engine,
    "pyvrp": pyvrp_engine,
    "vroom": vroom_engine,
}
