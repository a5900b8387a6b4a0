"""replan: insert late requests into a written plan while dispatched routes stay as they are.

Routes of the locked vehicles are on the road: they keep their stops, times and route ids (so
their pickup IDs, already printed on the manifests, stay valid) and take nothing new. A lock
`VEHICLE:N` keeps only the truck's first N trips (done, or under way): the truck is free again
from the end of its N-th unload, its later trips' sites go back into the pool, and whatever it
is given then follows as trips N+1, N+2, ... of the same route. Every
other site of the plan, with the late requests' declared items merged in, is planned again
for the other trucks. The result is a complete plan folder, checked like any other.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from magroute.analysis import PlanKpis, Violation
from magroute.analysis.annual import annual_kpis
from magroute.batch.night import write_outcomes
from magroute.batch.queue import Outcome, offer_requests, outcomes
from magroute.domain.fleet import Vehicle
from magroute.domain.plan import Event, Plan, Route
from magroute.domain.problem import Problem
from magroute.errors import InputError, InputProblem, UsageError
from magroute.export.plan_dir import (
    EXPORT_FORMATS,
    REQUESTS_OUT,
    copy_inputs,
    load_plan_dir,
    write_folder,
    write_plan,
)
from magroute.inputs import scenario_yield_params
from magroute.inputs.requests import read_requests
from magroute.pipeline import finish_plan
from magroute.solver.linehaul import plan_shipments
from magroute.solver.solve import solve
from magroute.travel import travel_source_for
from magroute.yields.supply import yields_with_supply


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
        raise UsageError(f"{out_dir} already exists (use --force to replace it)")
    if out_dir.resolve() == plan_dir.resolve():
        raise InputError([InputProblem("--out", "the re-plan would overwrite the plan it starts "
                                                "from", expected="another folder")])
    scenario, base, plan = load_plan_dir(plan_dir, time_limit_s=time_limit_s, seed=seed)
    params = scenario_yield_params(scenario)  # with the [prices] factors
    problems: list[InputProblem] = []
    keep = _parse_locks(locks, plan, problems)
    requests = read_requests(queue_path, {s.site_id for s in base.sites}, params.item_ids,
                             problems=problems)
    if problems:
        raise InputError(problems)

    kept_routes = [r for r in plan.routes if r.vehicle_id in keep]
    locked = tuple(_first_trips(r, keep[r.vehicle_id]) for r in kept_routes)
    locked_sites = {s for r in locked for s in r.site_ids}
    # Trucks kept for part of their route: free again at their hub after the kept trips.
    resumes = {cut.vehicle_id: cut for r, cut in zip(kept_routes, locked, strict=True)
               if keep[r.vehicle_id] < r.n_trips}
    h = base.horizon
    offer = offer_requests(requests, {s.site_id: s for s in base.sites}, params, h.start_date,
                           h.day_date(h.days - 1))
    late = {s.site_id: s for s in offer.sites if s.site_id not in locked_sites}
    free_sites = tuple(late.get(s.site_id, s) for s in base.sites if s.site_id not in locked_sites)
    free_yields, free_supply = yields_with_supply(free_sites, params, base.supply,
                                                  scenario.supply.risk, offer.confirmed)
    free = dataclasses.replace(base, sites=free_sites, yields=free_yields, supply=free_supply,
                               vehicles=tuple(_resumed(v, resumes.get(v.vehicle_id), keep)
                                              for v in base.vehicles
                                              if v.vehicle_id not in keep
                                              or v.vehicle_id in resumes))
    travel = travel_source_for(scenario.travel)
    new = solve(free, travel.matrices(free.points()), scenario.solve)

    taken = {r.route_id for r in locked}
    ids = (f"R{k:02d}" for k in range(1, 10_000) if f"R{k:02d}" not in taken)
    later = {r.vehicle_id: r for r in new.routes if r.vehicle_id in resumes}
    routes = tuple(_joined(r, later[r.vehicle_id], base) if r.vehicle_id in later else r
                   for r in locked) + tuple(dataclasses.replace(r, route_id=next(ids))
                                            for r in new.routes if r.vehicle_id not in later)
    kept = tuple(s for s in base.sites if s.site_id in locked_sites)
    sites = kept + free_sites
    yields, supply = yields_with_supply(sites, params, base.supply, scenario.supply.risk,
                                        offer.confirmed)
    problem = dataclasses.replace(base, sites=sites, yields=yields, supply=supply)
    merged = dataclasses.replace(new, routes=routes, line_haul=plan_shipments(problem, routes),
                                 notes=new.notes + (f"re-planned with {len(locked)} locked "
                                                    f"route(s): {', '.join(r.route_id for r in locked)}",))
    done = finish_plan(problem, merged, travel)
    merged, kpis = done.plan, done.kpis
    results = outcomes(offer, requests, merged)

    def write(tmp: Path) -> dict[str, Path]:
        files = write_plan(problem, merged, kpis, tmp, leg_geometry=done.leg_geometry,
                           formats=formats, lang=lang,
                           extra={"annual": annual_kpis(kpis, scenario.visits, scenario.target)})
        files.update(copy_inputs(tmp, scenario, problem, params.item_ids, "replan-sites.csv"))
        files["requests_out"] = write_outcomes(tmp / REQUESTS_OUT, results, merged,
                                               problem.horizon.start_date)
        return files

    files = write_folder(out_dir, write)
    return ReplanResult(out_dir, problem, merged, kpis, done.violations, results,
                        tuple(r.route_id for r in locked), files)


def _parse_locks(locks: Sequence[str], plan: Plan, problems: list[InputProblem]
                 ) -> dict[str, int]:
    """`VEHICLE` or `VEHICLE:N` -> trips to keep per locked vehicle (all of them without N)."""
    routes = {r.vehicle_id: r for r in plan.routes}
    out: dict[str, int] = {}
    for lock in locks:
        vid, _, n = lock.partition(":")
        r = routes.get(vid)
        if r is None:
            problems.append(InputProblem("--lock", "vehicle has no route in the plan", value=vid,
                                         expected="vehicle ids of routes.csv: "
                                         + ", ".join(sorted(routes))))
            continue
        if not n:
            out[vid] = r.n_trips
        elif n.isdigit() and 1 <= int(n) <= r.n_trips:
            out[vid] = int(n)
        else:
            problems.append(InputProblem("--lock", f"{vid} drives {r.n_trips} trip(s)",
                                         value=lock, expected=f"{vid} or {vid}:N with N from 1 "
                                         f"to {r.n_trips} (the trips it keeps)"))
    return out


def _first_trips(route: Route, n: int) -> Route:
    """The route cut after its n-th unload (itself when it has n trips)."""
    if n >= route.n_trips:
        return route
    ev = route.events
    cut = [i for i, e in enumerate(ev) if e.kind == "unload"][n - 1]
    u = ev[cut]
    end = Event("end", u.lat, u.lon, u.departure, u.departure, u.departure, 0.0, 0,
                site_id=u.site_id, trip=n)
    return dataclasses.replace(route, events=(*ev[:cut + 1], end))


def _resumed(vehicle: Vehicle, kept: Route | None, keep: dict[str, int]) -> Vehicle:
    if kept is None:
        return vehicle
    n = keep[vehicle.vehicle_id]
    return dataclasses.replace(
        vehicle, available_from=kept.events[-1].departure,
        max_trips=None if vehicle.max_trips is None else max(1, vehicle.max_trips - n))


def _joined(kept: Route, later: Route, problem: Problem) -> Route:
    """The kept trips, the wait at the hub, then the new route's trips numbered on."""
    ev = kept.events[:-1]  # without its end
    n = ev[-1].trip
    hub = ev[-1]
    h = problem.horizon
    leave = later.events[0].departure
    wait: list[Event] = []
    since = hub.departure
    for day in range(h.days):
        night, morning = h.shift_end(day), h.shift_start(day + 1)
        if since <= night and morning <= leave:
            wait.append(Event("rest", hub.lat, hub.lon, night, night, morning, 0.0, 0,
                              trip=n + 1))
            since = morning
    need = problem.driver_rules.break_s if problem.driver_rules else 1
    if (leave - since).total_seconds() >= need and leave != since:
        wait.append(Event("break", hub.lat, hub.lon, since, since, leave, 0.0, 0, trip=n + 1))
    tail = tuple(dataclasses.replace(e, trip=e.trip + n) for e in later.events[1:])
    return dataclasses.replace(kept, events=(*ev, *wait, *tail))
