"""replan: insert late requests into a written plan while dispatched routes stay as they are.

Routes of the locked vehicles are on the road: they keep their stops, times and route ids (so
their pickup IDs, already printed on the manifests, stay valid) and take nothing new. Every
other site of the plan, with the late requests' declared items merged in, is planned again
for the other trucks. The result is a complete plan folder, checked like any other.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from magroute.analysis import PlanKpis, Violation, check_plan, compute_kpis
from magroute.analysis.annual import annual_kpis
from magroute.batch.folders import copy_inputs, write_folder
from magroute.batch.night import REQUESTS_OUT, write_outcomes
from magroute.batch.queue import Outcome, offer_requests, outcomes
from magroute.domain.plan import Plan
from magroute.domain.problem import Problem
from magroute.errors import InputError, InputProblem
from magroute.export import EXPORT_FORMATS, read_plan, write_plan
from magroute.inputs import load_problem, load_scenario, scenario_yield_params
from magroute.inputs.requests import read_requests
from magroute.pipeline import SCENARIO_COPY, road_lines
from magroute.solver.linehaul import plan_shipments
from magroute.solver.solve import solve
from magroute.travel import travel_source_for
from magroute.yields import site_yield


@dataclass(frozen=True)
class ReplanResult:
    out_dir: Path
    problem: Problem
    plan: Plan
    kpis: PlanKpis
    violations: list[Violation]
    outcomes: tuple[Outcome, ...]
    locked: tuple[str, ...]  # route ids kept as they were
    files: dict[str, Path]


def replan(plan_dir: Path, queue_path: Path, locks: Sequence[str], out_dir: Path, *,
           time_limit_s: float | None = None, seed: int | None = None, lang: str = "en",
           formats: Sequence[str] = EXPORT_FORMATS, force: bool = False) -> ReplanResult:
    """Re-plan `plan_dir` with the late requests of `queue_path` into `out_dir` (see the module
    docstring); `locks` are vehicle ids whose routes are on the road."""
    plan_dir, out_dir = Path(plan_dir), Path(out_dir)
    if out_dir.exists() and not force:
        raise FileExistsError(f"{out_dir} already exists (use --force to replace it)")
    if out_dir.resolve() == plan_dir.resolve():
        raise InputError([InputProblem("--out", "the re-plan would overwrite the plan it starts "
                                                "from", expected="another folder")])
    scenario = load_scenario(plan_dir / SCENARIO_COPY, time_limit_s=time_limit_s, seed=seed)
    base = load_problem(scenario)
    plan = read_plan(plan_dir, base)
    params = scenario_yield_params(scenario)  # with the [prices] factors
    problems: list[InputProblem] = []
    on_road = {r.vehicle_id for r in plan.routes}
    for v in locks:
        if v not in on_road:
            problems.append(InputProblem("--lock", "vehicle has no route in the plan", value=v,
                                         expected="vehicle ids of routes.csv: "
                                         + ", ".join(sorted(on_road))))
    requests = read_requests(queue_path, {s.site_id for s in base.sites}, params.item_ids,
                             problems=problems)
    if problems:
        raise InputError(problems)

    locked = tuple(r for r in plan.routes if r.vehicle_id in set(locks))
    locked_sites = {s for r in locked for s in r.site_ids}
    h = base.horizon
    offer = offer_requests(requests, {s.site_id: s for s in base.sites}, params, h.start_date,
                           h.day_date(h.days - 1))
    late = {s.site_id: s for s in offer.sites if s.site_id not in locked_sites}
    free_sites = tuple(late.get(s.site_id, s) for s in base.sites if s.site_id not in locked_sites)
    free = dataclasses.replace(base, sites=free_sites,
                               yields=tuple(site_yield(s, params) for s in free_sites),
                               vehicles=tuple(v for v in base.vehicles if v.vehicle_id not in locks))
    travel = travel_source_for(scenario.travel)
    new = solve(free, travel.matrices(free.points()), scenario.solve)

    taken = {r.route_id for r in locked}
    ids = (f"R{k:02d}" for k in range(1, 10_000) if f"R{k:02d}" not in taken)
    routes = locked + tuple(dataclasses.replace(r, route_id=next(ids)) for r in new.routes)
    kept = tuple(s for s in base.sites if s.site_id in locked_sites)
    sites = kept + free_sites
    problem = dataclasses.replace(base, sites=sites, yields=tuple(site_yield(s, params)
                                                                   for s in sites))
    merged = dataclasses.replace(new, routes=routes, line_haul=plan_shipments(problem, routes),
                                 notes=new.notes + (f"re-planned with {len(locked)} locked "
                                                    f"route(s): {', '.join(r.route_id for r in locked)}",))
    merged, leg_geometry = road_lines(merged, travel)
    kpis = compute_kpis(problem, merged)
    violations = check_plan(problem, merged, travel)
    results = outcomes(offer, requests, merged)

    def write(tmp: Path) -> dict[str, Path]:
        files = write_plan(problem, merged, kpis, tmp, leg_geometry=leg_geometry,
                           formats=formats, lang=lang,
                           extra={"annual": annual_kpis(kpis, scenario.visits, scenario.target)})
        files.update(copy_inputs(tmp, scenario, problem, params.item_ids, "replan-sites.csv"))
        files["requests_out"] = write_outcomes(tmp / REQUESTS_OUT, results, merged,
                                               problem.horizon.start_date)
        return files

    files = write_folder(out_dir, write)
    return ReplanResult(out_dir, problem, merged, kpis, violations, results,
                        tuple(r.route_id for r in locked), files)
