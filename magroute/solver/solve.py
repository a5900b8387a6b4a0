"""solve(problem, matrices, settings) -> Plan: prefilter, build, search, decode, explain."""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable

from magroute import units
from magroute.domain.plan import Plan, Route, Unserved
from magroute.domain.problem import Problem
from magroute.domain.scenario import SolveSettings
from magroute.errors import NoSolutionError
from magroute.solver.decode import decode_route
from magroute.solver.explain import explain_unserved
from magroute.solver.linehaul import plan_shipments
from magroute.solver.model_data import ModelData, compile_model
from magroute.solver.prefilter import unservable_sites
from magroute.solver.schedule import tau_schedule
from magroute.solver.search import search
from magroute.travel.matrices import TravelMatrices

# A search that took longer than this times its limit says so in the plan's notes.
OVERRUN_NOTED = 1.02

# (elapsed seconds, best objective in INR, sites served) on every improving solution.
Progress = Callable[[float, float, int], None]


def solve(
    problem: Problem,
    matrices: TravelMatrices,
    settings: SolveSettings,
    progress: Progress | None = None,
) -> Plan:
    t_start = time.monotonic()
    blocked = unservable_sites(problem, matrices)
    candidates = [i for i in range(len(problem.sites)) if i not in blocked]
    unserved = [
        Unserved(problem.sites[i].site_id, why.reason, problem.yields[i].prize_inr,
                 binding=why.binding)
        for i, why in sorted(blocked.items())
    ]
    if not candidates or not problem.vehicles:
        return Plan((), tuple(unserved), "no-sites", time.monotonic() - t_start, 0.0,
                    seed=settings.seed)

    data = compile_model(problem, matrices, candidates)
    report = None
    if progress is not None:
        def report(elapsed: float, objective_units: int, served: int) -> None:
            progress(elapsed, units.units_to_inr(objective_units), served)

    result = search(data, settings, report, t_start)
    runtime = time.monotonic() - t_start
    plan = _plan_from_sequences(
        problem, data, result.sequences, unserved, result.status, runtime,
        units.units_to_inr(result.objective_units), settings.seed,
    )
    if runtime > settings.time_limit_s * OVERRUN_NOTED:
        # The searches cannot stop inside their first construction (one client per opening
        # window: 2,540 for the India demo's 722 sites took 1.3 s of a 1 s limit)
        plan = dataclasses.replace(plan, notes=plan.notes + (
            f"the search took {runtime:.1f} s of a {settings.time_limit_s:g} s limit: "
            f"building the first plan for {len(candidates)} sites takes about that long, so a "
            f"limit of at least {math.ceil(runtime * 2):g} s gives the search time to improve it",))
    return plan


def _plan_from_sequences(problem: Problem, data: ModelData, sequences: list[list[int]],
                         unserved: list[Unserved], status: str, runtime: float, objective: float,
                         seed: int) -> Plan:
    routes: list[Route] = []
    route_ids: dict[int, str] = {}
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
    why = explain_unserved(data, sequences, dropped, route_ids,
                           tuple(s.site_id for s in problem.sites))
    for node in dropped:
        i = int(data.site_index[node - data.n_hubs])
        site, e = problem.sites[i], why[node]
        reason = e.reason
        if site.must_collect:
            reason = "must-collect site that could not be served: " + reason
        unserved.append(Unserved(site.site_id, reason, problem.yields[i].prize_inr,
                                 binding=e.binding, marginal_cost_inr=e.marginal_cost_inr,
                                 break_even_value_inr=e.break_even_value_inr))
    order = problem.site_index()
    unserved.sort(key=lambda u: order[u.site_id])
    return Plan(tuple(routes), tuple(unserved), status, runtime, objective, seed=seed,
                line_haul=plan_shipments(problem, tuple(routes)))
