"""run_scenario: scenario file -> validated problem -> travel -> solve -> checked, written plan.

The CLI and the tests call these functions; nothing here prints.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypedDict

from magroute.analysis import PlanKpis, Violation, check_plan, compute_kpis
from magroute.analysis.annual import annual_kpis
from magroute.analysis.receipts import DEFAULT_TOLERANCE, Reconciliation, reconcile
from magroute.bundled import DATA_DIR
from magroute.domain.explanation import SiteExplanation
from magroute.domain.pickup import RECEIVED_STATUSES, PlannedPickup, WeighIn
from magroute.domain.plan import Plan
from magroute.domain.problem import Problem
from magroute.domain.scenario import Scenario
from magroute.domain.supply import SiteVisit, SupplyEstimate
from magroute.errors import InputError, InputProblem
from magroute.export.explain import write_explain_csv
from magroute.export.geojson import LegGeometry, straight_line
from magroute.export.i18n import check_lang
from magroute.export.passports import passport_records, write_passports
from magroute.export.plan_dir import (
    EXPLAIN_CSV,
    EXPORT_FORMATS,
    PASSPORTS_JSONL,
    ROUTES_CSV,
    ROUTES_GEOJSON,
    check_formats,
    check_out_dir,
    copy_scenario,
    load_plan_dir,
    read_pickups,
    read_summary,
    write_exports,
    write_folder,
    write_plan,
)
from magroute.export.plan_dir import Progress as ExportProgress
from magroute.export.receipts import write_receipts
from magroute.export.sheets import legs_from_geojson
from magroute.export.tables import unload_hubs
from magroute.inputs import load_problem, load_scenario, validate_scenario
from magroute.inputs.supply import (
    read_composition,
    read_no_shows,
    read_visits,
    record_visits,
    write_estimates,
)
from magroute.inputs.weighbridge import read_weighbridge
from magroute.solver.explain import explain_plan
from magroute.solver.solve import Progress, solve
from magroute.travel import TravelSource, travel_source_for
from magroute.travel.detours import way_round
from magroute.travel.geometry import on_roads, route_stop_pairs, stop_pairs
from magroute.yields.supply import PRIOR_VISITS, estimate_supply


class _SolveOverrides(TypedDict, total=False):
    """The [solver] settings a run's arguments override (those given, not None)."""

    iteration_limit: int
    workers: int


COMPOSITION_CSV = DATA_DIR / "magnet_composition.csv"  # rare earths per magnet type


@dataclass(frozen=True)
class RunResult:
    scenario: Scenario
    problem: Problem
    plan: Plan
    kpis: PlanKpis
    violations: list[Violation]
    files: dict[str, Path]
    comparison: dict | None = None  # this plan beside the scenario's compare_with baseline


def run_scenario(
    scenario_path: Path,
    out_dir: Path,
    *,
    start_date: date | None = None,
    time_limit_s: float | None = None,
    seed: int | None = None,
    progress: Progress | None = None,
    lang: str = "en",
    formats: Sequence[str] = EXPORT_FORMATS,
    export_progress: ExportProgress | None = None,
    iteration_limit: int | None = None,
    workers: int | None = None,
    baseline: bool = True,
) -> RunResult:
    """Validate, plan, check and write a scenario's plan with every output into `out_dir`;
    with `[consolidation] compare_with` also plan the baseline and compare the KPIs.

    `iteration_limit` and `workers` override the scenario's [solver] settings (None keeps
    them); `baseline=False` skips the compare_with baseline (`compare` plans every scenario
    itself)."""
    check_lang(lang)  # before the search, not after it
    check_formats(formats)
    check_out_dir(Path(out_dir))
    problems = validate_scenario(scenario_path)  # every problem in every file, at once
    if problems:
        raise InputError(problems)
    scenario = load_scenario(
        scenario_path, start_date=start_date, time_limit_s=time_limit_s, seed=seed
    )
    overrides: _SolveOverrides = {}
    if iteration_limit is not None:
        overrides["iteration_limit"] = iteration_limit
    if workers is not None:
        overrides["workers"] = workers
    if overrides:
        scenario = dataclasses.replace(scenario, solve=dataclasses.replace(scenario.solve,
                                                                           **overrides))
    done = _plan(scenario, progress)
    problem, plan, kpis = done.problem, done.plan, done.kpis
    comparison = None
    if baseline and scenario.consolidation.compare_with is not None:
        # The baseline runs with this run's date, time limit and seed, so the two differ only
        # in what the scenario files say.
        base = load_scenario(scenario.consolidation.compare_with, start_date=scenario.start_date,
                             time_limit_s=scenario.solve.time_limit_s, seed=scenario.solve.seed)
        if overrides:
            base = dataclasses.replace(base, solve=dataclasses.replace(base.solve, **overrides))
        offset = scenario.solve.time_limit_s  # the baseline's search follows on the same bar
        base_progress = None if progress is None else \
            (lambda t, objective, served: progress(offset + t, objective, served))
        base_kpis = _plan(base, base_progress).kpis
        comparison = compare_kpis(kpis, base_kpis)
    extra = {"annual": annual_kpis(kpis, scenario.visits, scenario.target)}
    if comparison:
        extra["comparison"] = comparison

    def write(folder: Path) -> dict[str, Path]:
        files = write_plan(problem, plan, kpis, folder, leg_geometry=done.leg_geometry,
                           extra=extra, formats=formats, lang=lang, progress=export_progress)
        files.update(copy_scenario(scenario, folder, problem.supply))
        return files

    files = write_folder(Path(out_dir), write)
    return RunResult(scenario, problem, plan, kpis, done.violations, files, comparison)


@dataclass(frozen=True)
class CheckedPlan:
    """A solved plan made ready to write: rests on the roads, priced, independently checked."""

    problem: Problem
    plan: Plan
    kpis: PlanKpis
    violations: list[Violation]
    leg_geometry: LegGeometry  # each leg's line for the maps


def finish_plan(problem: Problem, plan: Plan, travel: TravelSource) -> CheckedPlan:
    """The tail every planning command shares (plan, night, replan): road lines, KPIs, check."""
    plan, leg_geometry = _road_lines(problem, plan, travel)
    return CheckedPlan(problem, plan, compute_kpis(problem, plan),
                       check_plan(problem, plan, travel), leg_geometry)


def _plan(scenario: Scenario, progress: Progress | None) -> CheckedPlan:
    problem = load_problem(scenario)
    travel = travel_source_for(scenario.travel)
    matrices = travel.matrices(problem.points())
    plan = solve(problem, matrices, scenario.solve, progress)
    notes = tuple(f"input warning: {w}" for w in problem.input_warnings)
    notes += _far_from_roads(problem, travel.far_from_roads(), scenario.travel.road.max_access_km)
    if notes:
        plan = dataclasses.replace(plan, notes=plan.notes + notes)
    return finish_plan(problem, plan, travel)


# KPIs set side by side when a scenario is compared with its baseline: (label, getter).
COMPARED = (
    ("sites_served", lambda k: k.sites_served),
    ("routes", lambda k: k.routes),
    ("trips", lambda k: k.trips),
    ("truck_days_idle", lambda k: k.truck_days_idle),
    ("distance_km", lambda k: k.distance_km),
    ("cost_trucks_inr", lambda k: round(k.cost_inr["total"] - k.cost_inr["line_haul"], 2)),
    ("cost_line_haul_inr", lambda k: k.cost_inr["line_haul"]),
    ("line_haul_trips", lambda k: k.line_haul_trips),
    ("cost_total_inr", lambda k: k.cost_inr["total"]),
    ("magnet_kg_expected", lambda k: k.magnet_kg["expected"]),
    ("value_inr_expected", lambda k: k.value_inr["expected"]),
    ("net_value_inr", lambda k: k.net_value_inr),
    ("byproduct_value_inr_expected", lambda k: k.byproduct_value_inr["expected"]),
    ("purchase_cost_inr_expected", lambda k: k.purchase_cost_inr["expected"]),
    ("margin_inr_expected", lambda k: k.margin_inr["expected"]),
    ("cost_per_magnet_kg_inr", lambda k: k.cost_per_magnet_kg_inr),
    ("co2_kg", lambda k: k.co2_kg),
)


def compare_kpis(kpis: PlanKpis, baseline: PlanKpis) -> dict:
    """{"scenario", "baseline", "rows": [{"kpi", "this", "baseline"}]} for summary.json."""
    return {"scenario": kpis.scenario, "baseline": baseline.scenario,
            "rows": [{"kpi": name, "this": get(kpis), "baseline": get(baseline)}
                     for name, get in COMPARED]}


def _far_from_roads(problem: Problem, far: list[tuple[int, float]], limit_km: float
                    ) -> tuple[str, ...]:
    """The road source's warning in planners' words: which hubs and sites, by id."""
    if not far:
        return ()
    names = [h.hub_id for h in problem.hubs] + [s.site_id for s in problem.sites]
    shown = ", ".join(f"{names[i]} ({km:.0f} km)" for i, km in far[:20])
    more = f" and {len(far) - 20} more" if len(far) > 20 else ""
    return (f"{len(far)} place(s) more than {limit_km:g} km from the road network use the "
            f"great-circle estimate for every leg: {shown}{more}",)


def _road_lines(problem: Problem, plan: Plan, travel: TravelSource
                ) -> tuple[Plan, LegGeometry]:
    """Rests moved onto the road (with a road source) or onto the way round a ban zone, and
    each leg's line for the maps."""
    pairs = stop_pairs(plan)
    found = travel.leg_lines(pairs)
    class_of = {v.vehicle_id: v.vtype.vehicle_class for v in problem.vehicles}
    ways = {(r.route_id, a, b): way_round(problem.bans, class_of.get(r.vehicle_id, ""), a, b)
            for r in plan.routes for a, b in route_stop_pairs(r)}
    if found is None and not any(ways.values()):
        return plan, straight_line
    by_pair = dict(zip(pairs, found or [], strict=False))
    plan, lines = on_roads(plan, lambda a, b: by_pair.get((a, b)) or straight_line(a, b),
                           lambda route, a, b: ways.get((route.route_id, a, b), []))
    return plan, lambda a, b: lines.get((a, b)) or straight_line(a, b)


@dataclass(frozen=True)
class CheckResult:
    problem: Problem
    plan: Plan
    violations: list[Violation]


def check_plan_dir(plan_dir: Path) -> CheckResult:
    """Re-check a written plan against the inputs copied beside it."""
    plan_dir = Path(plan_dir)
    scenario, problem, plan = load_plan_dir(plan_dir)
    reported = read_summary(plan_dir)
    violations = check_plan(problem, plan, travel_source_for(scenario.travel), reported)
    return CheckResult(problem, plan, violations)


def export_plan_dir(plan_dir: Path, *, formats: Sequence[str] = EXPORT_FORMATS, lang: str = "en",
                    out_dir: Path | None = None,
                    progress: ExportProgress | None = None) -> dict[str, Path]:
    """(Re-)write a plan folder's driver and planner outputs, e.g. the Hindi manifests, from
    its tables and the inputs copied beside them; road lines come from its routes.geojson."""
    check_lang(lang)
    check_formats(formats)
    plan_dir = Path(plan_dir)
    scenario, problem, plan = load_plan_dir(plan_dir)
    legs = legs_from_geojson(plan_dir / ROUTES_GEOJSON) or straight_line
    return write_exports(problem, plan, compute_kpis(problem, plan), out_dir or plan_dir,
                         formats=formats, lang=lang, leg_geometry=legs, title=scenario.name,
                         progress=progress)


@dataclass(frozen=True)
class ReceiveResult:
    reconciliation: Reconciliation
    files: dict[str, Path]
    visits: tuple[SiteVisit, ...] = ()  # what it taught about the sites' supply
    history: Path | None = None  # where the visits were recorded (None: not recorded)
    requeued: tuple[str, ...] = ()  # requests of no-shows back in a night's queue-next.csv


def receive_weighbridge(plan_dir: Path, weighbridge: Path, *, tolerance: float = DEFAULT_TOLERANCE,
                        out_dir: Path | None = None, no_shows: Path | None = None,
                        history: Path | None = None) -> ReceiveResult:
    """Reconcile a weighbridge file (and the no-shows drivers reported) against the plan
    folder's pickups.csv, write receipts.csv, receipt-routes.csv and receipt-trips.csv (into
    the plan folder unless `out_dir`) with a material passport per received lot
    (passports.jsonl) and, with `history`, record each received pickup and
    each no-show as a visit of its site there (`inputs.supply`). Nothing is recorded or
    written when any input has a problem."""
    problems: list[InputProblem] = []
    ledger = read_pickups(Path(plan_dir), problems)
    weighed = read_weighbridge(weighbridge, problems=problems)
    missed = read_no_shows(no_shows, problems) if no_shows is not None else ()
    composition = read_composition(COMPOSITION_CSV, problems)
    unload = unload_hubs(Path(plan_dir) / ROUTES_CSV, problems)
    if ledger is not None and no_shows is not None:
        _check_no_shows(missed, ledger, weighed, Path(no_shows).name, problems)
    if problems or ledger is None:
        raise InputError(problems)
    rec = reconcile(ledger, weighed, tolerance)
    files = write_receipts(rec, out_dir or plan_dir)
    passports = passport_records(ledger, rec, weighed, composition, unload)
    files["passports"] = write_passports(Path(out_dir or plan_dir) / PASSPORTS_JSONL, passports)
    visits = site_visits(ledger, rec, missed, weighed)
    if history is not None:
        record_visits(history, visits, Path(plan_dir).resolve())
    return ReceiveResult(rec, files, visits, history)


def _check_no_shows(missed: tuple[tuple[str, str, int], ...],
                    ledger: tuple[PlannedPickup, ...], weighed: tuple[WeighIn, ...], file: str,
                    problems: list[InputProblem]) -> None:
    planned = {p.pickup_id for p in ledger}
    got = {w.pickup_id for w in weighed}
    for pid, _, row in missed:
        if pid not in planned:
            problems.append(InputProblem(file, "pickup ID is not in the plan's pickups.csv", row,
                                         "pickup_id", pid, "a pickup_id of pickups.csv"))
        elif pid in got:
            problems.append(InputProblem(file, "pickup ID was also weighed in", row,
                                         "pickup_id", pid,
                                         "a no-show for a pickup the weighbridge did not see"))


def site_visits(ledger: tuple[PlannedPickup, ...], rec: Reconciliation,
                missed: tuple[tuple[str, str, int], ...],
                weighed: tuple[WeighIn, ...] = ()) -> tuple[SiteVisit, ...]:
    """A visit per pickup received (ok, short, over) and per no-show; a pickup neither
    weighed nor reported is no visit (the truck may not have got there). A weigh-in with the
    hub's sorting report adds the sorted magnet kg."""
    by_id = {p.pickup_id: p for p in ledger}
    sorted_kg = {w.pickup_id: sum(kg for _, kg in w.sorted_magnet_kg) for w in weighed
                 if w.sorted_magnet_kg}
    reasons = {pid: reason for pid, reason, _ in missed}
    out: list[SiteVisit] = []
    for r in rec.pickups:
        p = by_id.get(r.pickup_id)
        if p is None:
            continue  # unexpected: not a visit of the plan
        if r.status in RECEIVED_STATUSES and r.received_kg is not None:
            reported = p.pickup_id in sorted_kg
            out.append(SiteVisit(p.pickup_id, p.site_id, p.site_type, p.planned_date, "received",
                                 p.expected_kg, r.received_kg,
                                 p.expected_magnet_kg if reported else None,
                                 sorted_kg.get(p.pickup_id)))
        elif p.pickup_id in reasons:
            out.append(SiteVisit(p.pickup_id, p.site_id, p.site_type, p.planned_date,
                                 reasons[p.pickup_id], p.expected_kg, 0.0))
    return tuple(out)


@dataclass(frozen=True)
class ExplainResult:
    problem: Problem
    plan: Plan
    explanations: tuple[SiteExplanation, ...]  # every site, in the order of sites.csv
    path: Path  # explain.csv


def explain_plan_dir(plan_dir: Path, *, out: Path | None = None) -> ExplainResult:
    """Explain every site of a written plan (why served or not, marginal cost, break-even
    value, what dropping it saves) and write explain.csv (into the plan folder unless `out`)."""
    plan_dir = Path(plan_dir)
    scenario, problem, plan = load_plan_dir(plan_dir)
    matrices = travel_source_for(scenario.travel).matrices(problem.points())
    explanations = explain_plan(problem, matrices, plan)
    path = write_explain_csv(problem, explanations, out or plan_dir / EXPLAIN_CSV)
    return ExplainResult(problem, plan, explanations, path)


@dataclass(frozen=True)
class SiteRecord:
    """A visited site's record in the history and what the planner learns from it."""

    site_id: str
    site_type: str
    declared_kg: float  # summed over its visits
    received_kg: float
    estimate: SupplyEstimate


def site_records(history: Path, *, prior_visits: float = PRIOR_VISITS,
                 out: Path | None = None) -> list[SiteRecord]:
    """Every site with a recorded visit, least reliable first (and, with `out`, the estimates
    written as supply.csv). An error naming the database if it does not exist."""
    if not Path(history).is_file():
        raise InputError([InputProblem(str(history), "no run history here yet",
                                       expected="the history.sqlite `magroute receive` "
                                                "records visits in (see --history)")])
    visits = read_visits(history)
    estimates = estimate_supply(visits, prior_visits=prior_visits)
    if out is not None:
        write_estimates(out, estimates.values())
    by_site: dict[str, list[SiteVisit]] = {}
    for v in visits:
        by_site.setdefault(v.site_id, []).append(v)
    records = [SiteRecord(site, by_site[site][-1].site_type,
                          sum(v.planned_kg for v in by_site[site]),
                          sum(v.received_kg for v in by_site[site]), e)
               for site, e in estimates.items()]
    return sorted(records, key=lambda r: (r.estimate.prize_factor("expected"), r.site_id))
