"""run_night: the pickup queue in, a checked plan and the next queue out, crash-safe.

    queue + register -> tonight's sites (batch.queue) -> pieces (batch.pieces)
        -> each piece solved in a local process or on a Dask cluster, saved as it finishes
        -> merged, checked, written to a temporary folder -> renamed to runs/<date>/

Crash safety: every finished piece is saved under ``runs/.<date>.partial/`` (itself written to
a temporary name and renamed), keyed by a digest of the night's inputs and settings; a re-run
of the same night skips the pieces already there. ``runs/<date>/`` appears only complete, by
one rename. A piece that fails or times out does not take the others with it: its sites are
unserved with the reason and their requests go back to the queue.
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol, TypeVar

from magroute.analysis import PlanKpis, Violation, compute_kpis
from magroute.batch.pieces import Piece, merge_plans, pieces_for, split_problem
from magroute.batch.queue import Outcome, next_queue, offer_requests, outcomes
from magroute.domain.plan import Plan, Unserved
from magroute.domain.problem import Problem
from magroute.domain.request import PickupRequest
from magroute.domain.scenario import Scenario, SolveSettings, TravelSettings
from magroute.errors import CheckError, InputError, PiecesFailed, UsageError
from magroute.export.geojson import LegGeometry
from magroute.export.plan_dir import (
    EXPORT_FORMATS,
    QUEUE_NEXT,
    REQUESTS_OUT,
    copy_inputs,
    read_plan,
    write_folder,
    write_plan,
)
from magroute.export.sheets import pickup_id
from magroute.export.tables import write_csv
from magroute.inputs import load_problem, load_scenario, scenario_yield_params, validate_scenario
from magroute.inputs.requests import read_requests
from magroute.pipeline import finish_plan
from magroute.solver.linehaul import plan_shipments
from magroute.solver.solve import solve
from magroute.travel import travel_source_for
from magroute.yields.supply import yields_with_supply

NIGHT_JSON = "night.json"
MIN_PIECE_S = 5.0
RESCUE_S = 20.0  # the must-collect rescue pass: a handful of sites and the idle trucks
# A piece is given up when it has not come back this long after its own time limit.
PIECE_GRACE_S = 120.0

# (event, done, total): "piece" as each piece finishes (or is found finished), then "write".
NightProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class NightResult:
    night: date
    out_dir: Path
    problem: Problem
    plan: Plan
    kpis: PlanKpis
    violations: list[Violation]
    outcomes: tuple[Outcome, ...]
    next_queue: tuple[PickupRequest, ...]
    pieces: int
    resumed: int  # pieces taken from an earlier, interrupted run
    failed: dict[int, str]  # piece -> why
    files: dict[str, Path]

    @property
    def failure(self) -> CheckError | PiecesFailed | None:
        """What went wrong, for the exit code (`magroute.errors.EXIT_CODES`); None all well."""
        if self.violations:
            return CheckError(f"{len(self.violations)} check violations "
                              f"(run `magroute check {self.out_dir}`)")
        if self.failed:
            return PiecesFailed(f"{len(self.failed)} of {self.pieces} pieces failed; their "
                                "requests are back in the queue")
        return None


def solve_piece(problem: Problem, travel: TravelSettings, settings: SolveSettings) -> Plan:
    """One piece, start to end (runs in a worker process or on a Dask worker)."""
    return _solve(problem, travel, settings)


def _solve(problem: Problem, travel: TravelSettings, settings: SolveSettings) -> Plan:
    matrices = travel_source_for(travel).matrices(problem.points())
    return solve(problem, matrices, settings)


def rescue_must_collect(problem: Problem, plan: Plan, travel: TravelSettings,
                        settings: SolveSettings) -> Plan:
    """Serve must-collect sites the pieces left out with the trucks no piece used.

    A piece sees only its share of the fleet, so a must-collect site can be left out while
    trucks of other pieces stand idle. One short whole-fleet pass over just those sites and
    idle trucks puts them on tours; what it still cannot serve keeps its reason."""
    must = {s.site_id for s in problem.sites if s.must_collect}
    left = [u for u in plan.unserved if u.site_id in must]
    used = {r.vehicle_id for r in plan.routes}
    idle = tuple(v for v in problem.vehicles if v.vehicle_id not in used)
    if not left or not idle:
        return plan
    ids = {u.site_id for u in left}
    index = [i for i, s in enumerate(problem.sites) if s.site_id in ids]
    part = dataclasses.replace(problem, sites=tuple(problem.sites[i] for i in index),
                               yields=tuple(problem.yields[i] for i in index), vehicles=idle)
    extra = _solve(part, travel, dataclasses.replace(settings, time_limit_s=RESCUE_S, workers=1))
    served = set(extra.served_site_ids)
    routes = plan.routes + tuple(dataclasses.replace(r, route_id=f"R{len(plan.routes) + k:02d}")
                                 for k, r in enumerate(extra.routes, start=1))
    return dataclasses.replace(
        plan, routes=routes, unserved=tuple(u for u in plan.unserved if u.site_id not in served),
        line_haul=plan_shipments(problem, routes),
        notes=plan.notes + ((f"{len(served)} must-collect site(s) left out by their pieces "
                             f"served with idle trucks",) if served else ()))


def run_night(night: date, queue_path: Path, scenario_path: Path, runs_dir: Path = Path("runs"),
              *, time_limit_s: float | None = None, seed: int | None = None,
              pieces: int | None = None, workers: int | None = None,
              scheduler: str | None = None, force: bool = False, lang: str = "en",
              formats: Sequence[str] = EXPORT_FORMATS,
              progress: NightProgress | None = None) -> NightResult:
    """Plan the night starting `night` from the queue; see the module docstring."""
    t0 = time.monotonic()
    runs_dir = Path(runs_dir)
    final = runs_dir / night.isoformat()
    if final.exists() and not force:
        raise UsageError(f"{final} already exists: the night of {night} is planned "
                              "(use --force to plan it again)")
    problems = validate_scenario(scenario_path)
    if problems:
        raise InputError(problems)
    scenario = load_scenario(scenario_path, start_date=night, time_limit_s=time_limit_s,
                             seed=seed)
    register = load_problem(scenario)
    params = scenario_yield_params(scenario)  # with the [prices] factors
    requests = read_requests(queue_path, {s.site_id for s in register.sites}, params.item_ids)
    h = register.horizon
    offer = offer_requests(requests, {s.site_id: s for s in register.sites}, params,
                           h.start_date, h.day_date(h.days - 1))
    # The learnt supply of [supply] (none without it); a request confirmed by phone tonight
    # counts its site as having the material.
    yields, supply = yields_with_supply(offer.sites, params, register.supply,
                                        scenario.supply.risk, offer.confirmed)
    problem = dataclasses.replace(register, sites=offer.sites, yields=yields, supply=supply)

    n = pieces or pieces_for(len(problem.sites), len(problem.vehicles))
    parts = split_problem(problem, n)
    slots = max(1, min(workers or os.cpu_count() or 1, len(parts)))
    digest = _digest(scenario, queue_path, night, len(parts), slots)
    partial = runs_dir / f".{night.isoformat()}.partial"
    done = _finished_pieces(partial, digest, parts)
    todo = [p for p in parts if p.index not in done]
    # Pieces share the machine: each gets the night's budget times the slots over the pieces.
    budget = scenario.solve.time_limit_s * slots / max(1, len(todo))
    settings = dataclasses.replace(scenario.solve, time_limit_s=max(MIN_PIECE_S, budget),
                                   workers=1 if len(parts) > 1 else scenario.solve.workers)
    failed: dict[int, str] = {}
    if progress:
        progress("piece", len(done), len(parts))
    resumed = len(done)
    for index, result in _run_pieces(todo, scenario.travel, settings, slots, scheduler,
                                     len(todo) * settings.time_limit_s / slots + PIECE_GRACE_S):
        piece = parts[index]
        if isinstance(result, Plan):
            _save_piece(partial, digest, piece, result)
            done[index] = result
        else:
            failed[index] = result
        if progress:
            progress("piece", len(done) + len(failed), len(parts))

    plans = [done.get(p.index) or _failed_plan(p, failed[p.index]) for p in parts]
    plan = merge_plans(problem, plans, runtime_s=time.monotonic() - t0, notes=tuple(
        f"piece {k + 1} of {len(parts)} failed ({why}); its requests are back in the queue"
        for k, why in sorted(failed.items())))
    if len(parts) > 1:
        plan = rescue_must_collect(problem, plan, scenario.travel, settings)
    checked = finish_plan(problem, plan, travel_source_for(scenario.travel))
    plan, kpis = checked.plan, checked.kpis
    results = outcomes(offer, requests, plan)
    queue = next_queue(results)
    if progress:
        progress("write", 0, 1)
    files = _write_night(final, scenario, problem, plan, kpis, results, queue, params.item_ids,
                         checked.leg_geometry, lang, formats, force)
    shutil.rmtree(partial, ignore_errors=True)
    return NightResult(night, final, problem, plan, kpis, checked.violations, results, queue,
                       len(parts), resumed, failed, files)


def _run_pieces(todo: list[Piece], travel: TravelSettings, settings: SolveSettings, slots: int,
                scheduler: str | None, timeout_s: float) -> Iterator[tuple[int, Plan | str]]:
    """Yield (piece index, Plan or why it failed) as pieces finish."""
    if not todo:
        return
    if scheduler:
        from distributed import Client, as_completed  # only when asked for: a cluster run

        with Client(scheduler, timeout="30s") as client:
            futures = {client.submit(solve_piece, p.problem, travel, settings, pure=False):
                       p.index for p in todo}
            yield from _collect(futures, as_completed(futures, timeout=timeout_s))
        return
    if len(todo) == 1 and slots == 1:  # nothing to overlap: stay in this process
        p = todo[0]
        try:
            yield p.index, solve_piece(p.problem, travel, settings)
        except Exception as exc:  # a failed piece must not lose the night
            yield p.index, f"{type(exc).__name__}: {exc}"
        return
    with cf.ProcessPoolExecutor(max_workers=slots) as pool:
        futures = {pool.submit(solve_piece, p.problem, travel, settings): p.index for p in todo}
        yield from _collect(futures, cf.as_completed(futures, timeout=timeout_s))


class _PieceFuture(Protocol):
    """A submitted solve_piece call: a concurrent.futures or a Dask future."""

    def result(self) -> Plan: ...

    def cancel(self) -> object: ...


_F = TypeVar("_F", bound=_PieceFuture)


def _collect(futures: dict[_F, int], completed: Iterable[_F]) -> Iterator[tuple[int, Plan | str]]:
    pending = dict(futures)
    try:
        for fut in completed:
            index = pending.pop(fut)
            try:
                yield index, fut.result()
            except Exception as exc:  # a failed piece must not lose the night
                yield index, f"{type(exc).__name__}: {exc}"
    except (TimeoutError, cf.TimeoutError):
        pass
    for fut, index in pending.items():
        fut.cancel()
        yield index, "timed out"


def _failed_plan(piece: Piece, why: str) -> Plan:
    return Plan((), tuple(Unserved(s.site_id, f"not planned: piece {piece.index + 1} failed "
                                              f"({why})", y.prize_inr)
                          for s, y in zip(piece.problem.sites, piece.problem.yields, strict=True)),
                "failed", 0.0)


def _digest(scenario: Scenario, queue_path: Path, night: date, n: int, slots: int) -> str:
    """What a saved piece must match to be reused: the inputs' bytes and the settings."""
    h = hashlib.sha256()
    for path in (scenario.path, queue_path, scenario.sites_path, scenario.fleet_path,
                 scenario.yields_path, scenario.hubs_path, scenario.bans_path,
                 scenario.entry_charges_path):
        if path is not None:
            h.update(Path(path).read_bytes())
    h.update(json.dumps([night.isoformat(), n, dataclasses.asdict(scenario.solve),
                         slots]).encode())
    return h.hexdigest()


def _piece_dir(partial: Path, piece: Piece) -> Path:
    return partial / f"piece-{piece.index + 1:03d}"


def _finished_pieces(partial: Path, digest: str, parts: tuple[Piece, ...]) -> dict[int, Plan]:
    meta = partial / NIGHT_JSON
    if not meta.is_file() or json.loads(meta.read_text(encoding="utf-8")).get("digest") != digest:
        shutil.rmtree(partial, ignore_errors=True)  # another night's or other inputs' leftovers
        partial.mkdir(parents=True)
        meta.write_text(json.dumps({"digest": digest}), encoding="utf-8")
        return {}
    out = {}
    for p in parts:
        folder = _piece_dir(partial, p)
        if folder.is_dir():
            try:
                out[p.index] = read_plan(folder, p.problem)
            except InputError:
                shutil.rmtree(folder, ignore_errors=True)  # unreadable: solve it again
    return out


def _save_piece(partial: Path, digest: str, piece: Piece, plan: Plan) -> None:
    tmp = partial / f".tmp-{piece.index + 1:03d}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    write_plan(piece.problem, plan, compute_kpis(piece.problem, plan), tmp, formats=())
    os.replace(tmp, _piece_dir(partial, piece))


def _write_night(final: Path, scenario: Scenario, problem: Problem, plan: Plan, kpis: PlanKpis,
                 results: tuple[Outcome, ...], queue: tuple[PickupRequest, ...],
                 item_ids: Sequence[str], leg_geometry: LegGeometry, lang: str,
                 formats: Sequence[str], force: bool) -> dict[str, Path]:
    def write(tmp: Path) -> dict[str, Path]:
        files = write_plan(problem, plan, kpis, tmp, leg_geometry=leg_geometry,
                           formats=formats, lang=lang)
        files.update(copy_inputs(tmp, scenario, problem, item_ids, "night-sites.csv"))
        files["requests_out"] = write_outcomes(tmp / REQUESTS_OUT, results, plan,
                                               problem.horizon.start_date)
        files["queue_next"] = write_queue(tmp / QUEUE_NEXT, queue, item_ids)
        return files

    return write_folder(final, write)


def write_outcomes(path: Path, results: tuple[Outcome, ...], plan: Plan,
                   first_day: date) -> Path:
    """requests.csv; pickup IDs as the manifests and pickups.csv print them (`export.sheets`:
    numbered from the plan's first day, not the route's)."""
    pickup_of = {site_id: pickup_id(first_day, r.route_id, k) for r in plan.routes
                 for k, site_id in enumerate(r.site_ids, start=1)}
    rows = [{"request_id": o.request.request_id, "site_id": o.request.site_id,
             "status": o.status, "reason": o.reason, "route_id": o.route_id,
             "vehicle_id": o.vehicle_id,
             "pickup_id": pickup_of.get(o.request.site_id, "") if o.status == "served" else ""}
            for o in results]
    return write_csv(path, ("request_id", "site_id", "status", "reason", "route_id",
                            "vehicle_id", "pickup_id"), rows)


def write_queue(path: Path, queue: tuple[PickupRequest, ...], item_ids: Sequence[str]) -> Path:
    columns = ("request_id", "site_id", "date_ready", "latest_date", "must_collect",
               *(f"qty_{i}" for i in item_ids), "gross_weight_kg", "deferrals", "last_reason")
    rows = []
    for r in queue:
        items = dict(r.items)
        rows.append({"request_id": r.request_id, "site_id": r.site_id,
                     "date_ready": r.ready_date.isoformat(),
                     "latest_date": r.latest_date.isoformat() if r.latest_date else "",
                     "must_collect": "true" if r.must_collect else "false",
                     **{f"qty_{i}": str(items[i]) if i in items else "" for i in item_ids},
                     "gross_weight_kg": "" if r.gross_kg is None else f"{r.gross_kg:g}",
                     "deferrals": str(r.deferrals), "last_reason": r.last_reason})
    return write_csv(path, columns, rows)

