"""Run engines on instances one after another, same limit and seed, and tabulate the results.

magroute uses every core; `peer_cores` is how many a peer may use (default: as many as
magroute; PyVRP and plain OR-Tools as the best of that many processes, VROOM with that many
threads; engines.py). A peer that cannot express an instance (VROOM and plain OR-Tools on
MTVRPTWR's reloads) gets a row with no cost and a note "n/a (...)", not a missing row.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from magroute.bench.engines import ENGINES, CannotExpress
from magroute.bench.evaluate import evaluate
from magroute.bench.instances import gap_percent, read_instance
from magroute.errors import MagrouteError, UsageError
from magroute.solver.hybrid import default_workers

PEERS = ("pyvrp", "vroom", "ortools")
INSTANCE_SUFFIXES = (".txt", ".vrp")


def expand_instances(paths: Sequence[Path]) -> list[Path]:
    """Files as given; folders become their instance files, sorted by name."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.suffix.lower() in INSTANCE_SUFFIXES)
            if not found:
                raise UsageError(f"{p}: no instance files (.txt Solomon, .vrp VRPLIB) in it")
            out.extend(found)
        else:
            out.append(p)
    return out


@dataclass(frozen=True)
class BenchRow:
    instance: str
    kind: str
    clients: int
    solver: str
    time_limit_s: float
    seed: int
    cost: float | None
    bks: float | None
    gap_pct: float | None
    routes: int
    visited: int
    feasible: bool
    wall_s: float
    note: str = ""
    processes: int = 1  # cores the solver ran on (processes, or VROOM's threads)

    def as_dict(self) -> dict:
        return asdict(self)


def run_bench(
    paths: Sequence[Path],
    time_limit_s: float,
    solvers: Sequence[str] = ("magroute",),
    seed: int = 1,
    on_row: Callable[[BenchRow], None] | None = None,
    peer_cores: int | None = None,
) -> list[BenchRow]:
    """One row per instance and solver. magroute runs on every core, each peer on `peer_cores`
    (None: the same cores as magroute)."""
    peer_cores = default_workers() if peer_cores is None else max(1, peer_cores)
    unknown = [s for s in solvers if s not in ENGINES]
    if unknown:
        raise UsageError(f"unknown solver(s) {', '.join(unknown)}; valid: {', '.join(ENGINES)}")
    rows = []
    for path in paths:
        inst = read_instance(path)
        dist = inst.distance()
        for solver in solvers:
            processes = _processes(solver, peer_cores)
            t0 = time.monotonic()
            note = ""
            try:
                run = ENGINES[solver](inst, time_limit_s, seed, cores=peer_cores)
                routes, note = run.routes, run.note
            except CannotExpress as exc:
                row = BenchRow(
                    instance=inst.name, kind=inst.kind, clients=inst.n_clients, solver=solver,
                    time_limit_s=time_limit_s, seed=seed, cost=None, bks=inst.bks, gap_pct=None,
                    routes=0, visited=0, feasible=False, wall_s=0.0, note=str(exc),
                    processes=processes)
                rows.append(row)
                if on_row is not None:
                    on_row(row)
                continue
            except ImportError as exc:
                raise UsageError(
                    f"{solver} is not installed ({exc}); install the peers with "
                    "`pip install 'magroute[bench]'`") from exc
            except MagrouteError as exc:  # e.g. no solution at all
                routes, note = [], f"error: {exc}"
            wall = time.monotonic() - t0
            ev = evaluate(inst, routes, dist)
            if not ev.feasible and not note.startswith("error: "):
                note = f"infeasible: {ev.violations[0]}" + (
                    f" (+{len(ev.violations) - 1} more)" if len(ev.violations) > 1 else ""
                ) + (f"; {note}" if note else "")
            cost = ev.cost if ev.feasible else None
            row = BenchRow(
                instance=inst.name, kind=inst.kind, clients=inst.n_clients, solver=solver,
                time_limit_s=time_limit_s, seed=seed, cost=cost, bks=inst.bks,
                gap_pct=gap_percent(cost, inst.bks) if cost is not None else None,
                routes=ev.routes, visited=ev.visited, feasible=ev.feasible,
                wall_s=round(wall, 2), note=note, processes=processes,
            )
            rows.append(row)
            if on_row is not None:
                on_row(row)
    return rows


def _processes(solver: str, peer_cores: int) -> int:
    return default_workers() if solver == "magroute" else peer_cores


def not_applicable(row: BenchRow) -> bool:
    """The solver cannot express the instance: no run, no cost."""
    return row.note.startswith("n/a")


@dataclass(frozen=True)
class SolverSummary:
    solver: str
    instances: int
    solved: int
    mean_gap_pct: float | None  # over instances this solver solved feasibly
    max_wall_over_limit_pct: float  # over the instances it ran on
    not_applicable: int = 0  # instances it cannot express


def summarise(rows: Sequence[BenchRow]) -> list[SolverSummary]:
    out = []
    for solver in dict.fromkeys(r.solver for r in rows):
        mine = [r for r in rows if r.solver == solver]
        gaps = [r.gap_pct for r in mine if r.gap_pct is not None]
        ran = [r for r in mine if not not_applicable(r)]
        over = max((100.0 * (r.wall_s - r.time_limit_s) / r.time_limit_s for r in ran),
                   default=0.0)
        out.append(SolverSummary(
            solver=solver, instances=len(mine), solved=sum(r.feasible for r in mine),
            mean_gap_pct=sum(gaps) / len(gaps) if gaps else None,
            max_wall_over_limit_pct=round(over, 1), not_applicable=len(mine) - len(ran),
        ))
    return out
